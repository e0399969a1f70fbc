using System.Buffers;
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
    private readonly UnitsAhead? unitsByHand;
    private readonly (Rule Rule, Regex? Scanning, Regex? Anchored, int[] Groups, Regex? Head)[] rules;
    private readonly Regex countAt;
    private readonly Regex plainAt;
    private readonly RuleStarts starts;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> countEnds;

    // The same words by vocabulary id (countEndIds[id] when a word of that key ends a count), for the runs that are
    // whole words of the text's split and carry their word's id (see RangeStarts).
    private readonly bool[] countEndIds;
    private readonly bool rangeScans;
    private readonly bool boundsOnly;
    private readonly bool startsFromRuns;
    private readonly bool countsByHand;
    private readonly DigitCountReader? digitCounts;
    private readonly WordCountReader? wordCounts;
    private readonly BoundHeadReader? boundHeads;
    private readonly BoundHeadReader? hedgeHeads;
    private readonly RangeHeadReader? rangeHeads;
    private const int MaxParsedCounts = 4096;

    private readonly BoundedMemo<long?> parsedCounts;

    // A range's ends read as decimals and their scales ("1.2 to 1.5 million"), kept as counts are: each reading ran the
    // numeral regex with a Match object, three of them per range found.
    private readonly BoundedMemo<decimal?> parsedDecimals;
    private readonly BoundedMemo<long?> parsedScales;

    public QuantityRecognizer(QuantityLexicon? lexicon = null)
        : this(lexicon, splitRules: true)
    {
    }

    /// <param name="lexicon">The words; <see cref="QuantityLexicon.Default"/> when null.</param>
    /// <param name="splitRules">
    /// Whether the range and bound rules match their words and the count after them with separate small regexes where
    /// that gives the same matches (see <see cref="SplitIsExact"/>); false only to test that it does.
    /// </param>
    /// <param name="boundsOnly">
    /// Whether the matches whose groups are not read (the plain rule's, whose count is the whole match, and the count
    /// after a rule's head) are found without a <see cref="Match"/> object (see <see cref="RuleStarts.MatchAt"/>);
    /// false only to test that this gives the same mentions.
    /// </param>
    /// <param name="startsFromRuns">
    /// Whether the range rule's starts are read from the ends of the text's runs of letters and digits (see
    /// <see cref="RangeStarts"/>) rather than found by searching every space and dash; false only to test that they are
    /// the same.
    /// </param>
    /// <param name="sharedStarts">A walk for the rules' starts shared with the date recognizer's rules, or null.</param>
    /// <param name="handCounts">
    /// Whether a count that starts with an ASCII digit is read by <see cref="DigitCountReader"/> instead of the plain
    /// rule's regex, and the bound's head by <see cref="BoundHeadReader"/> instead of its regex (the readers mirror
    /// them); false only to test that they find the same.
    /// </param>
    /// <param name="otherLetterStarts">
    /// Whether a word with letters outside ASCII starts the word rules only where it may equal a keyword (see
    /// <see cref="RuleStarts"/>); false only to test that they find the same.
    /// </param>
    internal QuantityRecognizer(QuantityLexicon? lexicon, bool splitRules, bool boundsOnly = true, bool startsFromRuns = true, SharedStartScan? sharedStarts = null, bool handCounts = true, bool otherLetterStarts = true)
    {
        this.boundsOnly = boundsOnly;
        this.startsFromRuns = startsFromRuns;
        countsByHand = handCounts;
        parsedCounts = new BoundedMemo<long?>(ReadCount, MaxParsedCounts);
        parsedDecimals = new BoundedMemo<decimal?>(ReadDecimal, MaxParsedCounts);
        parsedScales = new BoundedMemo<long?>(ReadScale, MaxParsedCounts);
        this.lexicon = lexicon ?? QuantityLexicon.Default;
        var scales = Words(this.lexicon.Numbers.Scales.Keys);
        numeral = RuleStarts.Pattern($@"^(?<digits>(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?)(?:{Ws}(?<scale>{scales}))?$");
        unitAhead = RuleStarts.Pattern($@"\G[^\S\n]*{Words(this.lexicon.MeasureUnits)}(?![\p{{L}}])");
        // The tests compare the two readings through UnitAheadByRegex and UnitAheadByHand on one recognizer.
        unitsByHand = UnitsAhead.For(this.lexicon.MeasureUnits, unitAhead);
        var built = BuildRules(scales).ToList();
        var count = CountPattern(scales);
        countAt = RuleStarts.Pattern(RuleStarts.Anchor($"{count}{After}"));
        plainAt = RuleStarts.Pattern(RuleStarts.Anchor(PlainRule(count)));
        var numbers = this.lexicon.Numbers;
        digitCounts = handCounts && boundsOnly ? DigitCountReader.For(numbers.Scales.Keys, numbers.AllWords.Concat(numbers.Articles)) : null;
        wordCounts = handCounts && boundsOnly ? WordCountReader.For([.. numbers.AllWords], [.. numbers.Articles], [.. numbers.ArticleCounts.Keys], [.. numbers.Hundreds.Keys.Concat(numbers.Scales.Keys)]) : null;
        starts = new RuleStarts([.. built.Select(r => r.Start)], sharedStarts, otherLetterTest: otherLetterStarts);
        var split = splitRules && SplitIsExact(this.lexicon);
        var hedgedSplit = splitRules && HedgedSplitIsExact(this.lexicon);
        boundHeads = handCounts && boundsOnly && split
            ? BoundHeadReader.For([this.lexicon.MoreThan, this.lexicon.AtLeast, this.lexicon.FewerThan, this.lexicon.UpTo]) : null;
        hedgeHeads = handCounts && boundsOnly && hedgedSplit ? BoundHeadReader.For([this.lexicon.Approximate]) : null;
        rangeHeads = handCounts && boundsOnly && split
            ? RangeHeadReader.For([.. this.lexicon.Approximate.Distinct().OrderByDescending(w => w.Length)], [.. numbers.AllWords], [.. numbers.Articles]) : null;

        // A count ends with a digit or with the last word of a number word, a scale or "a dozen"; the range rule is
        // tried only there. Ends that are not letters would escape that test, so the rule then scans.
        var endWords = this.lexicon.Numbers.AllWords.Concat(this.lexicon.Numbers.ArticleCounts.Keys).Select(TrailingLetters).ToList();
        rangeScans = endWords.Exists(w => w.Length == 0 || !w.All(char.IsAscii));
        countEnds = endWords.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        countEndIds = CountEndIds(rangeScans ? [] : endWords);

        // A rule tried only where it can start needs no scanning pattern: making one would only slow start-up.
        // A rule matched in parts (its head, then the count) needs no whole pattern.
        rules = [.. built.Select((r, i) =>
        {
            var scans = starts.Scans(i) && (r.Rule != Rule.Range || rangeScans);
            if ((r.Rule == Rule.Hedged ? hedgedSplit : split) && !scans && r.Head is { } head)
            {
                var headRegex = RuleStarts.Pattern(RuleStarts.Anchor(head));
                return (r.Rule, (Regex?)null, (Regex?)null, GroupNumbers(headRegex), (Regex?)headRegex);
            }

            var anchored = RuleStarts.Pattern(RuleStarts.Anchor(r.Pattern));
            return (r.Rule, scans ? RuleStarts.Pattern(r.Pattern) : null, anchored, GroupNumbers(anchored), (Regex?)null);
        })];
    }

    // The groups Read looks at, by number (a look-up by name hashes the name on every call).
    private static readonly string[] GroupNames = ["n", "hedge", "pre", "n1", "join", "n2", "more", "least", "fewer", "upto", "vague"];

    private static int[] GroupNumbers(Regex regex) => [.. GroupNames.Select(regex.GroupNumberFromName)];

    /// <summary>
    /// Whether the range and bound rules can be matched in parts with the same matches as their whole patterns: their
    /// head (the bound's words, or the range's first count, read behind, and its joiner), then the count alone.
    /// </summary>
    /// <remarks>
    /// Why in parts: a pattern holding the count after several word lists compiled to a method too large for the JIT
    /// to optimize (it ran unoptimized, ~0.5–0.8 µs per try, while patterns were compiled). Why the same: the whole pattern's regex takes the first
    /// way through the head that is followed by a count, and backtracks into the head only when the count fails. The
    /// range's head has one way at most (its look-behind is atomic; a word joiner and a dash start differently, and the
    /// whitespace around them is all taken, as a count never starts with whitespace). The bound's head is one word
    /// list (the four kinds) followed by whitespace: when no word (case aside) followed by a non-letter begins another,
    /// the first that matches is the only one followed by whitespace.
    /// </remarks>
    private static bool SplitIsExact(QuantityLexicon lexicon) =>
        RuleStarts.NoneLeadsAnother(lexicon.MoreThan.Concat(lexicon.AtLeast).Concat(lexicon.FewerThan).Concat(lexicon.UpTo));

    /// <summary>
    /// Whether the hedged rule ("around 5,000") can be matched in parts, its hedge then the count, as the bound rule is
    /// (see <see cref="SplitIsExact"/>): its head is one list of phrases followed by whitespace, so the same condition
    /// on that list makes the first phrase that matches the only one followed by whitespace.
    /// </summary>
    /// <remarks>
    /// Why: the hedged rule matched through its whole pattern made a <see cref="Match"/> with its groups at each of the
    /// ~6 hedges per report (most are followed by a count), and ran the count's word alternation in the interpreter
    /// (~1.3 µs a try); in parts, the hedge is read by hand (<see cref="BoundHeadReader"/>) and the count as the
    /// bound's is, by hand at a digit.
    /// </remarks>
    private static bool HedgedSplitIsExact(QuantityLexicon lexicon) => RuleStarts.NoneLeadsAnother(lexicon.Approximate);

    /// <summary>A rule's match: its span and where its groups are (an index of -1 when a group did not take part).</summary>
    private struct Found
    {
        public int Start;
        public int End;
        public Span N;
        public Span Hedge;
        public Span Pre;
        public Span N1;
        public Span Join;
        public Span N2;
        public Span More;
        public Span Least;
        public Span Fewer;
        public Span UpTo;
        public Span Vague;

        public static Found From(Match match, int[] groups, int at)
        {
            var found = new Found { Start = at, End = match.Index + match.Length };
            for (var g = 0; g < groups.Length; g++)
            {
                var span = groups[g] >= 0 && match.Groups[groups[g]] is { Success: true } group ? new Span(group.Index, group.Length) : Span.None;
                found.Set(g, span);
            }

            return found;
        }

        /// <summary>A head of one phrase read by hand at <paramref name="at"/>: that phrase's group, no other.</summary>
        public static Found Phrase(int at, int group, int length)
        {
            var found = NoGroups;
            (found.Start, found.End) = (at, at + length);
            found.Set(group, new Span(at, length));
            return found;
        }

        /// <summary>A range's head read by hand at <paramref name="at"/>: its hedge, pre, first count and joiner (the rest took no part).</summary>
        public static Found Range(int at, RangeHeadReader.Head head)
        {
            var found = NoGroups;
            (found.Start, found.End) = (at, at + head.Length);
            found.Hedge = head.HedgeStart >= 0 ? new Span(head.HedgeStart, head.HedgeLength) : Span.None;
            found.Pre = head.PreStart >= 0 ? new Span(head.PreStart, head.PreLength) : Span.None;
            found.N1 = new Span(head.N1Start, at - head.N1Start);
            found.Join = new Span(head.JoinStart, head.JoinLength);
            return found;
        }

        /// <summary>The plain rule's match at [at, at + length): its count, group n, is the whole match.</summary>
        public static Found Plain(int at, int length)
        {
            var found = NoGroups;
            (found.Start, found.End) = (at, at + length);
            found.N = new Span(at, length);
            return found;
        }

        // Every group at None: the matches read by hand start from it and set the groups they read (a copy of this
        // instead of setting the eleven groups one by one through Set, a few dozen times a report).
        private static readonly Found NoGroups = new()
        {
            N = Span.None,
            Hedge = Span.None,
            Pre = Span.None,
            N1 = Span.None,
            Join = Span.None,
            N2 = Span.None,
            More = Span.None,
            Least = Span.None,
            Fewer = Span.None,
            UpTo = Span.None,
            Vague = Span.None,
        };

        public void Set(int group, Span span)
        {
            switch (group)
            {
                case 0: N = span; break;
                case 1: Hedge = span; break;
                case 2: Pre = span; break;
                case 3: N1 = span; break;
                case 4: Join = span; break;
                case 5: N2 = span; break;
                case 6: More = span; break;
                case 7: Least = span; break;
                case 8: Fewer = span; break;
                case 9: UpTo = span; break;
                default: Vague = span; break;
            }
        }
    }

    /// <summary>Where a group matched; <see cref="None"/> when it did not.</summary>
    private readonly record struct Span(int Index, int Length)
    {
        public static Span None { get; } = new(-1, 0);

        public bool Success => Index >= 0;

        public int End => Index + Length;

        public string Value(string text) => Success ? text.Substring(Index, Length) : string.Empty;
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
        var skippedInOrder = InOrder(skipped);
        var offsets = starts.Find(text);
        for (var r = 0; r < rules.Length; r++)
        {
            var (rule, scanning, anchored, groups, head) = rules[r];
            var tryAt = rule == Rule.Range ? (rangeScans ? null : RangeStarts(text)) : offsets[r];
            if (head is not null)
            {
                var from = 0;
                foreach (var at in tryAt!)
                {
                    if (at >= from && MatchSplit(rule, head, groups, text, at) is { } split)
                    {
                        from = split.End;
                        Consider(rule, split, text, skipped, skippedInOrder, candidates);
                    }
                }

                continue;
            }

            if (rule == Rule.Plain && boundsOnly && tryAt is not null)
            {
                // The plain rule's count (group n) is the whole match (its look-behind and look-ahead are empty), and
                // it matches a few dozen times per report: read through its bounds, as RuleStarts.Matches tries it.
                var from = 0;
                foreach (var at in tryAt)
                {
                    if (at >= from && CountAt(plainAt, text, at, out var length))
                    {
                        Consider(rule, Found.Plain(at, length), text, skipped, skippedInOrder, candidates);
                        from = length == 0 ? at + 1 : at + length;
                    }
                }

                continue;
            }

            foreach (var match in RuleStarts.Matches(scanning, anchored!, text, tryAt))
            {
                Consider(rule, Found.From(match, groups, match.Index), text, skipped, skippedInOrder, candidates);
            }
        }

        var mentions = new List<QuantityMention>();
        foreach (var (span, _, value) in LeftmostLongest.Choose(candidates, static c => c.Span, static c => (int)c.Rule))
        {
            mentions.Add(new QuantityMention(span, value));
        }

        return mentions;
    }

    private void Consider(Rule rule, in Found found, string text, TextSpan[] skipped, bool skippedInOrder, List<(TextSpan Span, Rule Rule, Quantity Value)> candidates)
    {
        var span = new TextSpan(StartOf(found), found.End);
        if (!(skippedInOrder ? OverlapsAnyInOrder(skipped, span) : OverlapsAny(skipped, span)) && Read(rule, found, text) is { } value)
        {
            candidates.Add((span, rule, value));
        }
    }

    /// <summary>A rule's match in parts (see <see cref="SplitIsExact"/>): its head at <paramref name="at"/>, then a count.</summary>
    private Found? MatchSplit(Rule rule, Regex head, int[] groups, string text, int at)
    {
        // The head's bounds first (no Match object): most heads found (a range's joiner after a count, "more than")
        // are not followed by a count, and the Match with the head's groups is made only for those that are.
        Match? words = null;
        int headLength;
        var phraseGroup = -1;
        var phraseLength = 0;
        RangeHeadReader.Head? rangeHead = null;
        if (boundsOnly)
        {
            if (!HeadAt(rule, head, text, at, out headLength, out phraseGroup, out phraseLength, out rangeHead))
            {
                return null;
            }
        }
        else
        {
            words = head.Match(text, at);
            if (!words.Success)
            {
                return null;
            }

            headLength = words.Length;
        }

        // The count after the head is the plain rule's match there (its look-behind holds after whitespace and most
        // dashes), one regex for both; after a character that look-behind refuses (the range's "250-350"), the
        // count alone.
        var at2 = at + headLength;
        var countRegex = BlocksCount(text[at2 - 1]) ? countAt : plainAt;
        int countLength;
        if (boundsOnly)
        {
            if (!CountAt(countRegex, text, at2, out countLength))
            {
                return null;
            }
        }
        else
        {
            var count = countRegex.Match(text, at2);
            if (!count.Success)
            {
                return null;
            }

            countLength = count.Length;
        }

        // The head's groups, then the count as the group the whole pattern gives it (the bound's n, the range's n2).
        // A head read by hand is one phrase, its list's group (the rest took no part); else the same match as
        // MatchAt's (the same regex at the same offset; \G anchors it there), now with its groups.
        var found = rangeHead is { } range ? Found.Range(at, range)
            : phraseGroup >= 0 ? Found.Phrase(at, phraseGroup, phraseLength)
            : Found.From(words ?? head.Match(text, at), groups, at);
        found.End = at2 + countLength;
        var counted = new Span(at2, countLength);
        if (found.Join.Success)
        {
            found.N2 = counted;
        }
        else
        {
            found.N = counted;
        }

        return found;
    }

    /// <summary>
    /// The length of a rule's head at <paramref name="at"/>: the bound's and the hedge's read by hand unless a character
    /// outside ASCII decides, with the group of the phrase read (<see cref="GroupNames"/>'s index; -1 when the regex
    /// read the head) and the phrase's length; the range's by <see cref="RangeHeadReader"/> where it is sure, with its groups.
    /// </summary>
    private bool HeadAt(Rule rule, Regex head, string text, int at, out int length, out int phraseGroup, out int phraseLength, out RangeHeadReader.Head? rangeHead)
    {
        phraseGroup = -1;
        phraseLength = 0;
        rangeHead = null;
        if (rule == Rule.Range && rangeHeads is not null)
        {
            var range = rangeHeads.Read(text, at, out var read);
            if (range != DigitCountReader.Outcome.Unsure)
            {
                (length, rangeHead) = (read.Length, read);
                return range == DigitCountReader.Outcome.Match;
            }
        }

        var reader = rule switch
        {
            Rule.Bound => boundHeads,
            Rule.Hedged => hedgeHeads,
            _ => null,
        };
        if (reader is not null)
        {
            var read = reader.Read(text, at, out length, out var list, out phraseLength);
            if (read != DigitCountReader.Outcome.Unsure)
            {
                // The bound's lists are the groups more, least, fewer, upto in that order; the hedged rule's one list is hedge.
                phraseGroup = rule == Rule.Bound ? BoundGroups[Math.Max(list, 0)] : HedgeGroup;
                return read == DigitCountReader.Outcome.Match;
            }
        }

        return RuleStarts.MatchAt(head, text, at, out length);
    }

    // For the tests: the range's head read by hand (null where the reader leaves it to the regex) and by its regex, each
    // as its length and groups (hedge, pre, n1, join as start:length, -1 for a group that took no part).
    internal bool? RangeHeadByHand(string text, int at, out string groups)
    {
        var read = rangeHeads!.Read(text, at, out var head);
        groups = read == DigitCountReader.Outcome.Match ? RangeGroups(Found.Range(at, head), at + head.Length) : string.Empty;
        return read switch
        {
            DigitCountReader.Outcome.Match => true,
            DigitCountReader.Outcome.NoMatch => false,
            _ => null,
        };
    }

    internal bool RangeHeadByRegex(string text, int at, out string groups)
    {
        var rule = rules.First(r => r.Rule == Rule.Range);
        var match = rule.Head!.Match(text, at);
        groups = match.Success ? RangeGroups(Found.From(match, rule.Groups, at), match.Index + match.Length) : string.Empty;
        return match.Success;
    }

    private static string RangeGroups(Found found, int end) =>
        $"{end} hedge {found.Hedge} pre {found.Pre} n1 {found.N1} join {found.Join} n {found.N} n2 {found.N2} start {StartOf(found)}";

    private static readonly int[] BoundGroups = [.. ((string[])["more", "least", "fewer", "upto"]).Select(g => Array.IndexOf(GroupNames, g))];
    private static readonly int HedgeGroup = Array.IndexOf(GroupNames, "hedge");

    // For the tests: the bound's head read by hand (null where the reader leaves it to the regex), and by its regex.
    internal bool? BoundHeadByHand(string text, int at, out int length) =>
        boundHeads!.Read(text, at, out length) switch
        {
            DigitCountReader.Outcome.Match => true,
            DigitCountReader.Outcome.NoMatch => false,
            _ => null,
        };

    internal bool BoundHeadByRegex(string text, int at, out int length) =>
        RuleStarts.MatchAt(rules.First(r => r.Rule == Rule.Bound).Head!, text, at, out length);

    // For the tests: the hedged rule's head read by hand (null where the reader leaves it to the regex) with its
    // phrase's length, and by its regex with the hedge group's length.
    internal bool? HedgeHeadByHand(string text, int at, out int length, out int phraseLength) =>
        hedgeHeads!.Read(text, at, out length, out _, out phraseLength) switch
        {
            DigitCountReader.Outcome.Match => true,
            DigitCountReader.Outcome.NoMatch => false,
            _ => null,
        };

    internal bool HedgeHeadByRegex(string text, int at, out int length, out int phraseLength)
    {
        var match = rules.First(r => r.Rule == Rule.Hedged).Head!.Match(text, at);
        (length, phraseLength) = (match.Length, match.Groups["hedge"].Length);
        return match.Success;
    }

    /// <summary>
    /// The match of <paramref name="countRegex"/> (<see cref="plainAt"/>, or <see cref="countAt"/>: the same without its
    /// look-behind) at <paramref name="at"/>: by hand where it starts with an ASCII digit or letter, unless a character
    /// outside ASCII decides (see <see cref="DigitCountReader"/> and <see cref="WordCountReader"/>).
    /// </summary>
    private bool CountAt(Regex countRegex, string text, int at, out int length)
    {
        if (at < text.Length)
        {
            var lookBehind = ReferenceEquals(countRegex, plainAt);
            length = 0;
            var read = digitCounts is not null && char.IsAsciiDigit(text[at]) ? digitCounts.Read(text, at, out length, lookBehind)
                : wordCounts is not null && char.IsAsciiLetter(text[at]) ? wordCounts.Read(text, at, out length, lookBehind)
                : DigitCountReader.Outcome.Unsure;
            if (read != DigitCountReader.Outcome.Unsure)
            {
                return read == DigitCountReader.Outcome.Match;
            }
        }

        return RuleStarts.MatchAt(countRegex, text, at, out length);
    }

    // For the tests: a count at an ASCII letter read by hand (null where the reader leaves it to the regex).
    internal bool? WordCountByHand(string text, int at, bool lookBehind, out int length) =>
        wordCounts!.Read(text, at, out length, lookBehind) switch
        {
            DigitCountReader.Outcome.Match => true,
            DigitCountReader.Outcome.NoMatch => false,
            _ => null,
        };

    // For the tests: a count at an ASCII digit read by hand (null where the reader leaves it to the regex), and by the
    // regex it replaces (the plain rule's, or the count alone without the look-behind).
    internal bool? CountByHand(string text, int at, bool lookBehind, out int length) =>
        digitCounts!.Read(text, at, out length, lookBehind) switch
        {
            DigitCountReader.Outcome.Match => true,
            DigitCountReader.Outcome.NoMatch => false,
            _ => null,
        };

    internal bool CountByRegex(string text, int at, bool lookBehind, out int length) =>
        RuleStarts.MatchAt(lookBehind ? plainAt : countAt, text, at, out length);

    // The characters that the plain rule's look-behind (Before) refuses before a count.
    internal static bool BlocksCount(char c) => char.IsLetter(c) || char.IsDigit(c) || c is '.' or ',' or '-' or '‐' or '/' or ':' or '$' or '£' or '€' or '#';

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

    /// <summary>Whether the spans' starts and ends both never decrease (the date mentions are in text order, without overlaps).</summary>
    private static bool InOrder(TextSpan[] spans)
    {
        for (var k = 1; k < spans.Length; k++)
        {
            if (spans[k].Start < spans[k - 1].Start || spans[k].End < spans[k - 1].End)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// <see cref="OverlapsAny"/> over spans whose starts and ends never decrease (<see cref="InOrder"/>), by a binary
    /// search instead of a test of every span: the spans that end after the span starts are a suffix of them, and the
    /// first of those starts first, so one of them overlaps the span exactly when that one does.
    /// </summary>
    private static bool OverlapsAnyInOrder(TextSpan[] spans, TextSpan span)
    {
        int low = 0, high = spans.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (spans[mid].End > span.Start)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        return low < spans.Length && spans[low].Overlaps(span);
    }

    // For the tests: the two overlap tests on the same spans.
    internal static bool OverlapsAnyByEveryTest(TextSpan[] spans, TextSpan span) => OverlapsAny(spans, span);

    internal static bool? OverlapsAnyBySearch(TextSpan[] spans, TextSpan span) => InOrder(spans) ? OverlapsAnyInOrder(spans, span) : null;

    // The range rule's first end and hedge sit in a lookbehind, before the match itself.
    private static int StartOf(in Found found)
    {
        var start = found.Start;
        foreach (var group in (ReadOnlySpan<Span>)[found.Hedge, found.Pre, found.N1])
        {
            if (group.Success && group.Index < start)
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
    public long? ParseCount(string text) => CountOf(text);

    /// <summary>
    /// <see cref="ParseCount"/> of a span of a text. A count of ASCII digits alone ("250", most counts) is read here: the
    /// numeral pattern reads such a text as its digits (<c>\d+</c>, no point, no scale), a whole number, and looking it
    /// up in the memo cost more (a hash of the text and a walk to its entry, each likely a cache miss). Up to 18 digits,
    /// which a long holds; longer texts go to the memo as before.
    /// </summary>
    private long? CountOf(ReadOnlySpan<char> text)
    {
        return countsByHand && text.Length <= 18 && DecimalDigits.TryReadAscii(text, out var value) ? value : parsedCounts.Get(text);
    }

    // For the tests: a count's text read by the numeral pattern and the number words alone, without the memo or CountOf.
    internal long? CountByPattern(string text) => ReadCount(text);

    /// <summary>The numeral's digits group as a number: thousands separators dropped, digits of any script read.</summary>
    private static decimal DigitsOf(Match numeral) =>
        decimal.Parse(DecimalDigits.ToAscii(numeral.Groups["digits"].Value.Replace(",", string.Empty, StringComparison.Ordinal)), CultureInfo.InvariantCulture);

    private long? ReadCount(string text)
    {
        var match = numeral.Match(text);
        if (match.Success)
        {
            var digits = DigitsOf(match);
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

    // A count: digits (with a scale), "a dozen", number words.
    private string CountPattern(string scales)
    {
        var numbers = lexicon.Numbers;
        var word = Words(numbers.AllWords);
        var groupClosers = Words(numbers.Hundreds.Keys.Concat(numbers.Scales.Keys));
        var digits = $@"(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?:{Ws}{scales}(?![\p{{L}}]))?";
        var article = $@"{Words(numbers.Articles)}{Ws}{Words(numbers.ArticleCounts.Keys)}(?![\p{{L}}])";

        // "and" joins number words only after hundred/thousand ("one hundred and fifty"), never "five and two".
        var words = $@"{word}(?:(?:-|{Ws}){word}|(?<={groupClosers}){Ws}(?i:and){Ws}{word})*(?![\p{{L}}]|-\p{{L}})";
        return $"(?:{digits}|{article}|{words})";
    }

    private static string PlainRule(string count) => $@"{Before}(?<n>{count}){After}";

    /// <summary>The rules; the range and bound rules also give their pattern up to the last count (their head), to be matched in parts.</summary>
    private IEnumerable<(Rule Rule, string Pattern, RuleStart Start, string? Head)> BuildRules(string scales)
    {
        var numbers = lexicon.Numbers;
        var count = CountPattern(scales);
        var approx = Words(lexicon.Approximate);

        // The first end and its hedge sit in a lookbehind so that the match starts at the joiner (tried only after a
        // count, see RangeStarts); the mention starts at the earliest captured part. Every other rule says where its
        // match can start (RuleStarts), in step with its pattern's first part.
        var rangeHead = $@"(?<={Before}(?:(?<hedge>{approx}){Ws})?(?:(?<pre>(?i:between|from)){Ws})?(?<n1>{count}))" +
            $@"(?:{Ws}(?<join>(?i:to|and|or)){Ws}|{Ws}?(?<join>[-–—]){Ws}?)";
        yield return (Rule.Range, $@"{rangeHead}(?<n2>{count}){After}", RuleStart.Everywhere, rangeHead);
        var boundHead = $@"{Before}(?:(?<more>{Words(lexicon.MoreThan)})|(?<least>{Words(lexicon.AtLeast)})|(?<fewer>{Words(lexicon.FewerThan)})|(?<upto>{Words(lexicon.UpTo)})){Ws}";
        yield return (Rule.Bound, $@"{boundHead}(?<n>{count}){After}",
            RuleStart.Words(lexicon.MoreThan.Concat(lexicon.AtLeast).Concat(lexicon.FewerThan).Concat(lexicon.UpTo)), boundHead);
        var hedgedHead = $@"{Before}(?<hedge>{approx}){Ws}";
        yield return (Rule.Hedged, $@"{hedgedHead}(?<n>{count}){After}", RuleStart.Words(lexicon.Approximate), hedgedHead);
        yield return (Rule.Vague, $@"{Before}(?:(?<hedge>{approx}){Ws})?(?<vague>{Words(lexicon.Vague.Keys)})(?![\p{{L}}])",
            RuleStart.Words(lexicon.Approximate.SelectMany(h => lexicon.Vague.Keys.Select(v => h + " " + v)).Concat(lexicon.Vague.Keys)), null);
        yield return (Rule.Plain, PlainRule(count), new RuleStart(numbers.AllWords.Concat(numbers.Articles.SelectMany(a => numbers.ArticleCounts.Keys.Select(c => a + " " + c))), Digits: true), null);
    }

    /// <summary>
    /// Where the range rule can match: the space or dash right after a count (a digit, or a word that ends a count)
    /// that leads to its joiner ("to", "and", "or" or a dash, as in its pattern). Words with letters outside ASCII pass,
    /// since regex case-insensitivity is wider than an ordinal comparison.
    /// </summary>
    /// <remarks>
    /// Such a place ends a run of digits or letters (the character before it is a digit, or the last letter of the word
    /// <see cref="EndsCount"/> reads), so only the ends of the text's runs, already read for the rules' starts
    /// (<see cref="RuleStarts.RunsOf"/>), are tested, instead of every space and dash of the text (~a fifth of this
    /// stage, searched and tested one by one).
    /// </remarks>
    private List<int> RangeStarts(string text)
    {
        var found = new List<int>();
        if (!startsFromRuns)
        {
            return RangeStartsBySearch(text, found);
        }

        var runs = RuleStarts.RunsOf(text);
        for (var k = 0; k < runs.Length; k++)
        {
            // Whether the run ends a count first: most runs are words that end none, told by one read of their id.
            if (!RunEndsCount(text, runs[k]))
            {
                continue;
            }

            var end = runs[k].End;
            if (end < text.Length && SpaceOrDash.Contains(text[end]) && JoinerAfter(text, end, runs, k))
            {
                found.Add(end);
            }
        }

        return found;
    }

    /// <summary>
    /// The words that end a count (ASCII letters: with any other the range rule scans), registered in the vocabulary
    /// under their lower-cased keys, as flags by id: a word equal to one ignoring case has the same key, so the same id.
    /// </summary>
    private static bool[] CountEndIds(List<string> endWords)
    {
        var ids = endWords.Select(w => Names.WordVocabulary.Register(w.ToLowerInvariant())).ToList();
        var flags = new bool[ids.Count == 0 ? 0 : ids.Max() + 1];
        foreach (var id in ids)
        {
            flags[id] = true;
        }

        return flags;
    }

    // EndsCount at the end of run k: a run of digits ends with a digit, a run of letters outside ASCII is a word that is
    // not ASCII, and a run of ASCII letters is the whole word EndsCount reads back (runs of letters are maximal), looked
    // up by its word's id when it is a whole word of the split.
    private bool RunEndsCount(string text, RuleStarts.Run run)
    {
        if (run.Kind != RuleStarts.RunKind.AsciiLetters)
        {
            return true;
        }

        if (run.WordId == RuleStarts.Run.PartOfWord)
        {
            return countEnds.Contains(text.AsSpan(run.Start, run.Length));
        }

        // Unknown (-1) is past the end as an unsigned index.
        return (uint)run.WordId < (uint)countEndIds.Length && countEndIds[run.WordId];
    }

    // The same places found by searching the text for every space and dash (only to test RangeStarts).
    private List<int> RangeStartsBySearch(string text, List<int> found)
    {
        var p = 1;
        while (p < text.Length)
        {
            var next = text.AsSpan(p).IndexOfAny(SpaceOrDash);
            if (next < 0)
            {
                break;
            }

            p += next;
            if (JoinerAt(text, p) && EndsCount(text, p))
            {
                found.Add(p);
            }

            p++;
        }

        return found;
    }

    // What a range can start at: the characters char.IsWhiteSpace holds for (a fixed set), and the three dashes.
    private static readonly SearchValues<char> SpaceOrDash =
        SearchValues.Create([.. Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).Where(c => char.IsWhiteSpace(c) || c is '-' or '–' or '—')]);

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

    /// <summary>
    /// <see cref="JoinerAt"/> at the end of run <paramref name="k"/>, reading the word after it from the runs: a letter
    /// after the whitespace there starts the next run (whitespace precedes it), which is the whole word JoinerAt reads
    /// (a run of letters ends at the first character that is not a letter), ASCII or not as its kind says.
    /// </summary>
    private static bool JoinerAfter(string text, int from, ReadOnlySpan<RuleStarts.Run> runs, int k)
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

        if (k + 1 == runs.Length || runs[k + 1].Start != start || runs[k + 1].Kind == RuleStarts.RunKind.Digits)
        {
            return false;
        }

        var next = runs[k + 1];
        if (next.Kind == RuleStarts.RunKind.OtherLetters)
        {
            return true;
        }

        var word = text.AsSpan(start, next.Length);
        return word.Equals("to", StringComparison.OrdinalIgnoreCase) || word.Equals("and", StringComparison.OrdinalIgnoreCase) || word.Equals("or", StringComparison.OrdinalIgnoreCase);
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

    /// <summary>Whether a measure unit follows <paramref name="at"/>, as the units' regex says, for the tests that compare it with <see cref="UnitsAhead"/>.</summary>
    internal bool UnitAheadByRegex(string text, int at) => unitAhead.IsMatch(text, at);

    /// <summary>The same question answered by <see cref="UnitsAhead"/> (null when the lexicon's units allow no such reading).</summary>
    internal bool? UnitAheadByHand(string text, int at) => unitsByHand?.At(text, at);

    /// <summary>
    /// Whether a measure unit ("km", "hours", "%") follows an offset, as <c>\G[^\S\n]*(?i:units)(?![\p{L}])</c> says, with
    /// the word there looked up in a set: that regex ran after every count found (~3 % of the two stages).
    /// </summary>
    /// <remarks>
    /// Why the answers are the same: a regex alternation matches when any of its words matches there, so the question is
    /// whether one unit does. No unit starts with whitespace, so the spaces before it are all of them (fewer would leave
    /// a space where the unit must start). A unit of ASCII letters matches, case aside, exactly when it is the whole
    /// run of letters there: a shorter one is followed by a letter, and a longer one would need a letter where the run
    /// ends, which no character that is not a letter matches, case-insensitively or not. A run that goes on with a
    /// letter outside ASCII, or a character outside ASCII there, is left to the regex, whose case-insensitivity knows
    /// equivalences that an ordinal lookup does not (the Kelvin sign for k). Units with other characters ("%", "per
    /// cent", "a.m.") are tried by a regex of their own, and only where the character there can start one of them.
    /// </remarks>
    private sealed class UnitsAhead
    {
        private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> words;
        private readonly Regex? others;
        private readonly string[] otherUnits;
        private readonly SearchValues<char> otherStarts;
        private readonly Regex all;

        private UnitsAhead(FrozenSet<string> words, Regex? others, string[] otherUnits, SearchValues<char> otherStarts, Regex all)
        {
            this.words = words.GetAlternateLookup<ReadOnlySpan<char>>();
            this.others = others;
            this.otherUnits = otherUnits;
            this.otherStarts = otherStarts;
            this.all = all;
        }

        /// <summary>The reader for these units, or null when one is not ASCII or starts with whitespace (the regex then answers).</summary>
        public static UnitsAhead? For(IReadOnlyList<string> units, Regex all)
        {
            if (units.Any(u => u.Length == 0 || !Ascii.IsValid(u) || char.IsWhiteSpace(u[0])))
            {
                return null;
            }

            var letters = units.Where(u => u.All(char.IsAsciiLetter)).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
            var rest = units.Where(u => !u.All(char.IsAsciiLetter)).ToList();
            var others = rest.Count == 0 ? null : RuleStarts.Pattern($@"\G[^\S\n]*{Words(rest)}(?![\p{{L}}])");
            var starts = SearchValues.Create([.. rest.SelectMany(u => new[] { char.ToLowerInvariant(u[0]), char.ToUpperInvariant(u[0]) }).Distinct()]);
            return new UnitsAhead(letters, others, [.. rest], starts, all);
        }

        public bool At(string text, int at)
        {
            var p = at;
            while (p < text.Length && text[p] != '\n' && char.IsWhiteSpace(text[p]))
            {
                p++;
            }

            if (p == text.Length)
            {
                return false;
            }

            var c = text[p];
            if (!char.IsAscii(c))
            {
                return all.IsMatch(text, at);
            }

            if (char.IsAsciiLetter(c))
            {
                var end = p + 1;
                while (end < text.Length && char.IsAsciiLetter(text[end]))
                {
                    end++;
                }

                if (end < text.Length && !char.IsAscii(text[end]) && char.IsLetter(text[end]))
                {
                    return all.IsMatch(text, at);
                }

                if (words.Contains(text.AsSpan(p, end - p)))
                {
                    return true;
                }
            }

            if (others is null || !otherStarts.Contains(c))
            {
                return false;
            }

            // The units that are not one word of letters ("per cent", "%", "a.m.", "o'clock"), read by hand: their first
            // letters are also those of common words ("people", "and", "of"), and their regex ran after ~1 count in 3.
            var unsure = false;
            foreach (var unit in otherUnits)
            {
                if (OtherUnitAt(text, p, unit, ref unsure))
                {
                    return true;
                }
            }

            return unsure && others.IsMatch(text, at);
        }

        /// <summary>
        /// Whether <paramref name="unit"/> (ASCII, not starting with whitespace) matches at <paramref name="at"/> as its
        /// alternative in the units' pattern <c>(?i:…)(?![\p{L}])</c> does: a space in it is the pattern's Ws (whitespace
        /// holding at most one line break; the unit goes on after it with no whitespace, so the whole run must be
        /// one), letters compared ignoring ASCII case, any other character as it is; then no letter. Where a character
        /// outside ASCII is compared (it may be whitespace, or equal a letter ignoring case), <paramref name="unsure"/>
        /// is set and the answer is false: the regex decides.
        /// </summary>
        private static bool OtherUnitAt(string text, int at, string unit, ref bool unsure)
        {
            var p = at;
            foreach (var u in unit)
            {
                if (u == ' ')
                {
                    var start = p;
                    p = DigitCountReader.WhitespaceEnd(text, p);
                    if (p < text.Length && !char.IsAscii(text[p]))
                    {
                        unsure = true;
                        return false;
                    }

                    if (p == start || (p < text.Length && DigitCountReader.IsAsciiWhiteSpace(text[p])))
                    {
                        return false; // no whitespace, or a second line break the Ws cannot cross
                    }

                    continue;
                }

                if (p >= text.Length)
                {
                    return false;
                }

                var c = text[p];
                if (!char.IsAscii(c))
                {
                    unsure = true;
                    return false;
                }

                if (char.IsAsciiLetter(u) ? (c | 0x20) != (u | 0x20) : c != u)
                {
                    return false;
                }

                p++;
            }

            return !(p < text.Length && char.IsLetter(text[p]));
        }
    }

    private Quantity? Read(Rule rule, in Found match, string text)
    {
        var end = match.End;
        if (unitsByHand?.At(text, end) ?? unitAhead.IsMatch(text, end))
        {
            return null; // "5 km", "two hours", "several years": a measure, not a head count
        }

        switch (rule)
        {
            case Rule.Range:
                {
                    var join = match.Join.Value(text).ToLowerInvariant();
                    var pre = match.Pre.Success ? match.Pre.Value(text).ToLowerInvariant() : null;
                    if ((join == "and") != (pre == "between") || (pre == "from" && join is not ("to" or "-" or "–" or "—")))
                    {
                        return null;
                    }

                    var lowText = match.N1.Value(text);
                    var highText = match.N2.Value(text);
                    if (ParseCount(highText) is not { } high || (parsedDecimals.Get(lowText) ?? ParseCount(lowText)) is not { } lowNumber)
                    {
                        return null;
                    }

                    // "1.2 to 1.5 million", "two to three thousand": the scale said once applies to both ends.
                    decimal low = lowNumber;
                    if (parsedScales.Get(highText) is { } scale && parsedScales.Get(lowText) is null && lowNumber * scale < high)
                    {
                        low = lowNumber * scale;
                    }

                    if (low != decimal.Truncate(low) || low >= high)
                    {
                        return null;
                    }

                    return Quantity.Between((long)low, high, match.Hedge.Success);
                }

            case Rule.Bound:
                {
                    if (Count(match, text) is not { } n)
                    {
                        return null;
                    }

                    var more = match.More;
                    if (more.Success && text.AsSpan(more.Index, more.Length).Equals("over", StringComparison.OrdinalIgnoreCase) &&
                        (lexicon.OverIsPlaceAfter.Contains(WordBefore(text, more.Index)) || lexicon.OverIsPlaceBefore.Contains(WordAfter(text, end))))
                    {
                        return null; // the plain count after it is still found by the plain rule
                    }

                    return match.More.Success ? Quantity.AtLeast(n + 1)
                        : match.Least.Success ? Quantity.AtLeast(n)
                        : match.Fewer.Success ? new Quantity(null, null, Math.Max(0, n - 1))
                        : new Quantity(null, null, n);
                }

            case Rule.Hedged:
                return Count(match, text) is { } about ? Quantity.About(about) : null;

            case Rule.Vague:
                return Quantity.AtLeast(lexicon.Vague[Normalise(match.Vague.Value(text))], match.Hedge.Success);

            default:
                if (Count(match, text) is not { } n2 || IsPartOfName(match, text))
                {
                    return null;
                }

                return Quantity.Exactly(n2);
        }
    }

    private long? Count(in Found match, string text)
    {
        var group = match.N;
        if (text.AsSpan(group.Index, group.Length).Equals("one", StringComparison.OrdinalIgnoreCase) &&
            (lexicon.OneNotAfter.Contains(WordBefore(text, group.Index)) || lexicon.OneNotBefore.Contains(WordAfter(text, group.End))))
        {
            return null; // "no one", "the one", "one another": a pronoun
        }

        // Looked up by the span: a copy of the count's text was made at every count, most of them known.
        return CountOf(group.Success ? text.AsSpan(group.Index, group.Length) : []);
    }

    // "Tower 22", "Resolution 2334", "No. 5": a bare numeral right after a capitalised word inside a sentence names something.
    private static bool IsPartOfName(in Found match, string text)
    {
        var group = match.N;
        if (!char.IsDigit(text[group.Index]))
        {
            return false;
        }

        // The word's bounds, not a copy of it: asked at every count of digits.
        var previous = WordBounds(text, group.Index, out var wordStart);
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

    private static string WordBefore(string text, int index) => WordBounds(text, index, out _).ToString().ToLowerInvariant();

    // The letters before index (across whitespace and a point), as WordBefore reads them, and where they start.
    private static ReadOnlySpan<char> WordBounds(string text, int index, out int start)
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

        return text.AsSpan(start, end - start);
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

    private long? ReadScale(string countText)
    {
        var match = numeral.Match(countText);
        if (match.Success)
        {
            return match.Groups["scale"].Success ? lexicon.Numbers.Scales[Normalise(match.Groups["scale"].Value)] : null;
        }

        var last = countText.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries)[^1];
        return lexicon.Numbers.Scales.TryGetValue(last, out var scale) ? scale : null;
    }

    private decimal? ReadDecimal(string countText)
    {
        var match = numeral.Match(countText);
        return match.Success && !match.Groups["scale"].Success
            ? DigitsOf(match)
            : null;
    }
}
