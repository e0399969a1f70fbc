using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Garrison.Domain.Provenance;
using Garrison.Domain.Quantities;
using Garrison.Reading.Documents;
using Garrison.Reading.Matching;

namespace Garrison.Reading.Quantities;

/// <summary>
/// Finds head counts in a text with their hedges: "170,000", "roughly 2,500" (approximate), "more than 100"
/// (at least 101), "at least 30", "up to 50", "250 to 350", "between 250 and 350", "scores of" (at least 40),
/// "dozens of" (at least 12), number words ("five", "twenty-one", "a dozen", "1.2 million"). Numbers inside the
/// spans it is told to skip (date mentions: "2014", "October 7") are not counts, nor are ordinals, measures
/// ("5 km", "two hours", "40%"), parts of names ("Tower 22", "F-16") or compound adjectives ("five-year").
/// </summary>
/// <remarks>
/// Hand-written rules over data/lexicon/en/quantity-words.yml and number-words.yml rather than
/// Microsoft.Recognizers.Text.Number: besides the stub-package workaround it needs here (ECOSYSTEM.md), it reads
/// "dozens of" as nothing and leaves "around", "some" and "nearly" to the caller, which are most of what matters.
/// </remarks>
public sealed class QuantityRecognizer
{
    private const string Ws = @"(?:[^\S\n]+\n?[^\S\n]*|\n[^\S\n]*)";
    private const string Before = @"(?<![\p{L}\d.,\-‐/:$£€#])";
    private const string After = @"(?![\d\p{L}]|[.,]\d|[-‐/:][\p{L}\d])";

    private readonly QuantityLexicon lexicon;
    private readonly Regex numeral;
    private readonly Regex unitAhead;
    private readonly (Rule Rule, Regex? Scanning, Regex Anchored)[] rules;
    private readonly RuleStarts starts;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> countEnds;
    private readonly bool rangeScans;
    private const int MaxParsedCounts = 4096;

    private readonly BoundedMemo<long?> parsedCounts;

    public QuantityRecognizer(QuantityLexicon? lexicon = null)
    {
        parsedCounts = new BoundedMemo<long?>(ReadCount, MaxParsedCounts);
        this.lexicon = lexicon ?? QuantityLexicon.Default;
        var scales = Words(this.lexicon.Numbers.Scales.Keys);
        // Compiled: each runs for every number of every document.
        numeral = RuleStarts.Compiled($@"^(?<digits>(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?)(?:{Ws}(?<scale>{scales}))?$");
        unitAhead = RuleStarts.Compiled($@"\G[^\S\n]*{Words(this.lexicon.MeasureUnits)}(?![\p{{L}}])");
        var built = BuildRules(scales).ToList();
        starts = new RuleStarts([.. built.Select(r => r.Start)]);

        // A count ends with a digit or with the last word of a number word, a scale or "a dozen"; the range rule is
        // tried only there. Ends that are not letters would escape that test, so the rule then scans.
        var endWords = this.lexicon.Numbers.AllWords.Concat(this.lexicon.Numbers.ArticleCounts.Keys).Select(TrailingLetters).ToList();
        rangeScans = endWords.Exists(w => w.Length == 0 || !w.All(char.IsAscii));
        countEnds = endWords.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

        // A rule tried only where it can start needs no scanning pattern: compiling one would only slow start-up.
        rules = [.. built.Select((r, i) => (
            r.Rule,
            starts.Scans(i) && (r.Rule != Rule.Range || rangeScans) ? RuleStarts.Compiled(r.Pattern) : null,
            RuleStarts.Compiled(RuleStarts.Anchor(r.Pattern))))];
    }

    private enum Rule
    {
        Range,
        Bound,
        Hedged,
        Vague,
        Plain,
    }

    /// <summary>The quantity mentions of <paramref name="text"/> in text order, none overlapping <paramref name="skip"/>.</summary>
    public List<QuantityMention> Recognize(string text, IReadOnlyCollection<TextSpan>? skip = null)
    {
        var candidates = new List<(TextSpan Span, Rule Rule, Quantity Value)>();
        var skipped = skip is null ? [] : skip as TextSpan[] ?? [.. skip];
        var offsets = starts.Find(text);
        for (var r = 0; r < rules.Length; r++)
        {
            var (rule, scanning, anchored) = rules[r];
            var tryAt = rule == Rule.Range ? (rangeScans ? null : RangeStarts(text)) : offsets[r];
            foreach (var match in RuleStarts.Matches(scanning, anchored, text, tryAt))
            {
                var start = StartOf(match);
                var span = new TextSpan(start, match.Index + match.Length);
                if (OverlapsAny(skipped, span))
                {
                    continue;
                }

                if (Read(rule, match, text) is { } value)
                {
                    candidates.Add((span, rule, value));
                }
            }
        }

        var mentions = new List<QuantityMention>();
        foreach (var (span, _, value) in candidates.OrderBy(c => c.Span.Start).ThenByDescending(c => c.Span.Length).ThenBy(c => c.Rule))
        {
            if (mentions.Count == 0 || mentions[^1].Span.End <= span.Start)
            {
                mentions.Add(new QuantityMention(span, value));
            }
        }

        return mentions;
    }

    // Asked of every match (most are counts, and each report has a few dozen dates): a loop, not a closure per match.
    private static bool OverlapsAny(TextSpan[] spans, TextSpan span)
    {
        foreach (var s in spans)
        {
            if (s.Overlaps(span))
            {
                return true;
            }
        }

        return false;
    }

    // The range rule's first end and hedge sit in a lookbehind, before the match itself.
    private static int StartOf(Match match)
    {
        var start = match.Index;
        foreach (var name in (ReadOnlySpan<string>)["hedge", "pre", "n1"])
        {
            if (match.Groups[name] is { Success: true } group && group.Index < start)
            {
                start = group.Index;
            }
        }

        return start;
    }

    /// <summary>The value of a count as written: "2,500", "1.2 million", "twenty-one", "a dozen"; null if it is not a whole count.</summary>
    /// <remarks>
    /// Kept once read (up to <see cref="MaxParsedCounts"/> texts per recognizer): the same few counts recur across
    /// documents, and each reading runs the numeral regex and a decimal parse.
    /// </remarks>
    public long? ParseCount(string text)
    {
        return parsedCounts.Get(text);
    }

    private long? ReadCount(string text)
    {
        var match = numeral.Match(text);
        if (match.Success)
        {
            var digits = decimal.Parse(match.Groups["digits"].Value.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);
            if (match.Groups["scale"].Success)
            {
                return (long)Math.Round(digits * lexicon.Numbers.Scales[Normalise(match.Groups["scale"].Value)]);
            }

            return digits == decimal.Truncate(digits) ? (long)digits : null; // "1.5" alone is not a head count
        }

        return lexicon.Numbers.TryParse(text, out var value) ? value : null;
    }

    private static string Alternation(IEnumerable<string> words) =>
        string.Join('|', words.Distinct().OrderByDescending(w => w.Length)
            .Select(w => Regex.Escape(w).Replace("\\ ", Ws, StringComparison.Ordinal)));

    private static string Words(IEnumerable<string> words) => $"(?i:{Alternation(words)})";

    private static string Normalise(string words) =>
        string.Join(' ', words.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    private IEnumerable<(Rule Rule, string Pattern, RuleStart Start)> BuildRules(string scales)
    {
        var numbers = lexicon.Numbers;
        var word = Words(numbers.AllWords);
        var groupClosers = Words(numbers.Hundreds.Keys.Concat(numbers.Scales.Keys));
        var digits = $@"(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?:{Ws}{scales}(?![\p{{L}}]))?";
        var article = $@"{Words(numbers.Articles)}{Ws}{Words(numbers.ArticleCounts.Keys)}(?![\p{{L}}])";

        // "and" joins number words only after hundred/thousand ("one hundred and fifty"), never "five and two".
        var words = $@"{word}(?:(?:-|{Ws}){word}|(?<={groupClosers}){Ws}(?i:and){Ws}{word})*(?![\p{{L}}]|-\p{{L}})";
        var count = $"(?:{digits}|{article}|{words})";
        var approx = Words(lexicon.Approximate);

        // The first end and its hedge sit in a lookbehind so that the match starts at the joiner (tried only after a
        // count, see RangeStarts); the mention starts at the earliest captured part. Every other rule says where its
        // match can start (RuleStarts), in step with its pattern's first part.
        yield return (Rule.Range,
            $@"(?<={Before}(?:(?<hedge>{approx}){Ws})?(?:(?<pre>(?i:between|from)){Ws})?(?<n1>{count}))" +
            $@"(?:{Ws}(?<join>(?i:to|and|or)){Ws}|{Ws}?(?<join>[-–—]){Ws}?)(?<n2>{count}){After}", RuleStart.Everywhere);
        yield return (Rule.Bound,
            $@"{Before}(?:(?<more>{Words(lexicon.MoreThan)})|(?<least>{Words(lexicon.AtLeast)})|(?<fewer>{Words(lexicon.FewerThan)})|(?<upto>{Words(lexicon.UpTo)})){Ws}(?<n>{count}){After}",
            RuleStart.Words(lexicon.MoreThan.Concat(lexicon.AtLeast).Concat(lexicon.FewerThan).Concat(lexicon.UpTo)));
        yield return (Rule.Hedged, $@"{Before}(?<hedge>{approx}){Ws}(?<n>{count}){After}", RuleStart.Words(lexicon.Approximate));
        yield return (Rule.Vague, $@"{Before}(?:(?<hedge>{approx}){Ws})?(?<vague>{Words(lexicon.Vague.Keys)})(?![\p{{L}}])",
            RuleStart.Words(lexicon.Approximate.SelectMany(h => lexicon.Vague.Keys.Select(v => h + " " + v)).Concat(lexicon.Vague.Keys)));
        yield return (Rule.Plain, $@"{Before}(?<n>{count}){After}", new RuleStart(numbers.AllWords.Concat(numbers.Articles.SelectMany(a => numbers.ArticleCounts.Keys.Select(c => a + " " + c))), Digits: true));
    }

    /// <summary>
    /// Where the range rule can match: the space or dash right after a count (a digit, or a word that ends a count)
    /// that leads to its joiner ("to", "and", "or" or a dash, as in its pattern). Words with letters outside ASCII pass,
    /// since regex case-insensitivity is wider than an ordinal comparison.
    /// </summary>
    private List<int> RangeStarts(string text)
    {
        var found = new List<int>();
        for (var p = 1; p < text.Length; p++)
        {
            var c = text[p];
            if ((char.IsWhiteSpace(c) || c is '-' or '–' or '—') && JoinerAt(text, p) && EndsCount(text, p))
            {
                found.Add(p);
            }
        }

        return found;
    }

    private bool EndsCount(string text, int end)
    {
        var last = text[end - 1];
        if (char.IsDigit(last))
        {
            return true;
        }

        var start = end;
        while (start > 0 && char.IsLetter(text[start - 1]))
        {
            start--;
        }

        var word = text.AsSpan(start, end - start);
        return word.Length > 0 && (!Ascii.IsValid(word) || countEnds.Contains(word));
    }

    private static bool JoinerAt(string text, int from)
    {
        var start = from;
        while (start < text.Length && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        if (start < text.Length && text[start] is '-' or '–' or '—')
        {
            return true;
        }

        var end = start;
        while (end < text.Length && char.IsLetter(text[end]))
        {
            end++;
        }

        var word = text.AsSpan(start, end - start);
        return word.Length > 0 && (!Ascii.IsValid(word) || word.Equals("to", StringComparison.OrdinalIgnoreCase)
            || word.Equals("and", StringComparison.OrdinalIgnoreCase) || word.Equals("or", StringComparison.OrdinalIgnoreCase));
    }

    // The letters a word or phrase ends with ("dozen" of "a dozen").
    private static string TrailingLetters(string words)
    {
        var start = words.Length;
        while (start > 0 && char.IsLetter(words[start - 1]))
        {
            start--;
        }

        return words[start..];
    }

    private Quantity? Read(Rule rule, Match match, string text)
    {
        var end = match.Index + match.Length;
        if (unitAhead.IsMatch(text, end))
        {
            return null; // "5 km", "two hours", "several years": a measure, not a head count
        }

        switch (rule)
        {
            case Rule.Range:
                {
                    var join = match.Groups["join"].Value.ToLowerInvariant();
                    var pre = match.Groups["pre"].Success ? match.Groups["pre"].Value.ToLowerInvariant() : null;
                    if ((join == "and") != (pre == "between") || (pre == "from" && join is not ("to" or "-" or "–" or "—")))
                    {
                        return null;
                    }

                    var lowText = match.Groups["n1"].Value;
                    var highText = match.Groups["n2"].Value;
                    if (ParseCount(highText) is not { } high || (ParseDecimal(lowText) ?? ParseCount(lowText)) is not { } lowNumber)
                    {
                        return null;
                    }

                    // "1.2 to 1.5 million", "two to three thousand": the scale said once applies to both ends.
                    decimal low = lowNumber;
                    if (ScaleOf(highText) is { } scale && ScaleOf(lowText) is null && lowNumber * scale < high)
                    {
                        low = lowNumber * scale;
                    }

                    if (low != decimal.Truncate(low) || low >= high)
                    {
                        return null;
                    }

                    return Quantity.Between((long)low, high, match.Groups["hedge"].Success);
                }

            case Rule.Bound:
                {
                    if (Count(match, text) is not { } n)
                    {
                        return null;
                    }

                    var more = match.Groups["more"];
                    if (more.Success && more.Value.Equals("over", StringComparison.OrdinalIgnoreCase) &&
                        (lexicon.OverIsPlaceAfter.Contains(WordBefore(text, more.Index)) || lexicon.OverIsPlaceBefore.Contains(WordAfter(text, end))))
                    {
                        return null; // the plain count after it is still found by the plain rule
                    }

                    return match.Groups["more"].Success ? Quantity.AtLeast(n + 1)
                        : match.Groups["least"].Success ? Quantity.AtLeast(n)
                        : match.Groups["fewer"].Success ? new Quantity(null, null, Math.Max(0, n - 1))
                        : new Quantity(null, null, n);
                }

            case Rule.Hedged:
                return Count(match, text) is { } about ? Quantity.About(about) : null;

            case Rule.Vague:
                return Quantity.AtLeast(lexicon.Vague[Normalise(match.Groups["vague"].Value)], match.Groups["hedge"].Success);

            default:
                if (Count(match, text) is not { } n2 || IsPartOfName(match, text))
                {
                    return null;
                }

                return Quantity.Exactly(n2);
        }
    }

    private long? Count(Match match, string text)
    {
        var group = match.Groups["n"];
        if (group.Value.Equals("one", StringComparison.OrdinalIgnoreCase) &&
            (lexicon.OneNotAfter.Contains(WordBefore(text, group.Index)) || lexicon.OneNotBefore.Contains(WordAfter(text, group.Index + group.Length))))
        {
            return null; // "no one", "the one", "one another": a pronoun
        }

        return ParseCount(group.Value);
    }

    // "Tower 22", "Resolution 2334", "No. 5": a bare numeral right after a capitalised word inside a sentence names something.
    private static bool IsPartOfName(Match match, string text)
    {
        var group = match.Groups["n"];
        if (!char.IsDigit(group.Value[0]))
        {
            return false;
        }

        var previous = WordBefore(text, group.Index, keepCase: true, out var wordStart);
        if (previous.Length == 0)
        {
            return false;
        }

        if (previous is "No" or "no" or "Nos")
        {
            return true;
        }

        if (!char.IsUpper(previous[0]))
        {
            return false;
        }

        var i = wordStart - 1;
        while (i >= 0 && text[i] is ' ' or '\t')
        {
            i--;
        }

        // A capitalised word that starts a sentence ("Around 5,000", "Some 300") is not a name.
        return i >= 0 && (char.IsLetterOrDigit(text[i]) || text[i] is ',' or '’' or '\'');
    }

    private static string WordBefore(string text, int index) => WordBefore(text, index, keepCase: false, out _).ToLowerInvariant();

    private static string WordBefore(string text, int index, bool keepCase, out int start)
    {
        var end = index;
        while (end > 0 && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > 0 && text[end - 1] == '.')
        {
            end--; // "No. 5"
        }

        start = end;
        while (start > 0 && char.IsLetter(text[start - 1]))
        {
            start--;
        }

        return keepCase ? text[start..end] : text[start..end].ToLowerInvariant();
    }

    private static string WordAfter(string text, int index)
    {
        var start = index;
        while (start < text.Length && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        var end = start;
        while (end < text.Length && char.IsLetter(text[end]))
        {
            end++;
        }

        return text[start..end].ToLowerInvariant();
    }

    private long? ScaleOf(string countText)
    {
        var match = numeral.Match(countText);
        if (match.Success)
        {
            return match.Groups["scale"].Success ? lexicon.Numbers.Scales[Normalise(match.Groups["scale"].Value)] : null;
        }

        var last = countText.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries)[^1];
        return lexicon.Numbers.Scales.TryGetValue(last, out var scale) ? scale : null;
    }

    private decimal? ParseDecimal(string countText)
    {
        var match = numeral.Match(countText);
        return match.Success && !match.Groups["scale"].Success
            ? decimal.Parse(match.Groups["digits"].Value.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture)
            : null;
    }
}
