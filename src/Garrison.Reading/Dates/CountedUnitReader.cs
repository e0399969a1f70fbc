using System.Collections.Frozen;

namespace Garrison.Reading.Dates;

/// <summary>
/// The "ago" and anchored date rules ("two years ago", "three days later") read by hand at an offset where their unit
/// word starts: <c>(?&lt;=\b{count}{Ws})(?&lt;unit&gt;{units}){Ws}(?i:ago){End}</c> and the same with a direction word
/// ("later", "earlier") in place of "ago" (see <see cref="DateRecognizer"/>'s <c>BuildRules</c>). Where the answer
/// depends on a character outside ASCII, or on how far the count's words reach back ("twenty-one", "one hundred and
/// fifty"), the reader says so and the caller asks the regex.
/// </summary>
/// <remarks>
/// Why by hand: each try ran the rule's regex and made a <see cref="System.Text.RegularExpressions.Match"/> with its
/// groups (~2.9 µs a try; most tries match), the look-behind reading the count's alternation of number words right to
/// left. Why the same, on ASCII text (where regex case-insensitivity, <c>\s</c>, <c>\d</c>, <c>\p{L}</c> and <c>\b</c>
/// agree with the ordinal tests below):
/// <list type="bullet">
/// <item>The unit and the word after it are letters followed by whitespace or a non-letter, so each is the whole run of
/// letters there (a shorter alternative leaves a letter where whitespace or <c>End</c> must be). The whitespace between
/// them and the one before the unit is the pattern's <c>Ws</c> (at most one line break): the words on either side
/// start and end with letters or digits, so <c>Ws</c> is the whole run of whitespace there.</item>
/// <item>The count ends right before that whitespace. Digits: <c>\d{1,3}</c> with a word boundary before it, so the whole
/// run of digits, of at most three, after no letter, digit or underscore. Words: the last of them ends there; a number
/// word that is only the end of the run of letters there has a letter before it, which neither a separator nor
/// <c>\b</c> allows, so the run itself must be a number word or an article (the articles' branch is tried after the
/// words', and an article is no number word). The count's words reach back further only over a hyphen or whitespace
/// after a number word or "and": the reader answers only where the character before the run is neither, or the
/// whitespace there follows a word that does not end with a number word or "and"; the count is then that one word.</item>
/// </list>
/// </remarks>
internal sealed class CountedUnitReader
{
    /// <summary>What the reader found at an offset.</summary>
    public enum Outcome
    {
        NoMatch,
        Match,

        /// <summary>A character outside ASCII, or the count's reach, decides: ask the regex.</summary>
        Unsure,
    }

    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> units;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> directions;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> numberWords;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> articles;
    private readonly string[] wordEnds;

    private CountedUnitReader(IEnumerable<string> units, IEnumerable<string> directions, IReadOnlyList<string> numberWords, IEnumerable<string> articles)
    {
        this.units = Set(units);
        this.directions = Set(directions);
        this.numberWords = Set(numberWords);
        this.articles = Set(articles);
        wordEnds = [.. numberWords, "and"];
    }

    /// <summary>A reader for these words, or null when one of them is not ASCII letters only (the reasoning above then fails).</summary>
    public static CountedUnitReader? For(DateLexicon lexicon)
    {
        var numbers = lexicon.Numbers.AllWords.ToList();
        var words = lexicon.Units.Keys.Concat(lexicon.AfterWords).Concat(lexicon.BeforeWords).Concat(numbers).Concat(lexicon.Numbers.Articles);
        return words.All(w => w.Length > 0 && w.All(char.IsAsciiLetter))
            ? new CountedUnitReader(lexicon.Units.Keys, lexicon.AfterWords.Concat(lexicon.BeforeWords), numbers, lexicon.Numbers.Articles)
            : null;
    }

    /// <summary>
    /// The rule's match at <paramref name="at"/> (its unit's start): the count's bounds (the look-behind's group n), where
    /// the unit ends, the word after it ("ago", or the direction: group dir) and where the match ends.
    /// </summary>
    /// <param name="ago">True for the "ago" rule, false for the anchored rule (a direction word).</param>
    public Outcome Read(string text, int at, bool ago, out int countStart, out int countEnd, out int unitEnd, out int wordStart, out int end)
    {
        countStart = countEnd = unitEnd = wordStart = end = 0;

        // Forwards: the unit, whitespace, "ago" or a direction.
        unitEnd = LettersEnd(text, at);
        if (unitEnd < text.Length && !char.IsAscii(text[unitEnd]))
        {
            return Outcome.Unsure;
        }

        if (!units.Contains(text.AsSpan(at, unitEnd - at)))
        {
            return Outcome.NoMatch;
        }

        wordStart = unitEnd;
        var breaks = 0;
        while (wordStart < text.Length && IsAsciiWhiteSpace(text[wordStart]))
        {
            breaks += text[wordStart++] == '\n' ? 1 : 0;
        }

        if (wordStart < text.Length && !char.IsAscii(text[wordStart]))
        {
            return Outcome.Unsure;
        }

        if (wordStart == unitEnd || breaks > 1)
        {
            return Outcome.NoMatch;
        }

        end = LettersEnd(text, wordStart);
        if (end < text.Length && !char.IsAscii(text[end]))
        {
            return Outcome.Unsure;
        }

        var word = text.AsSpan(wordStart, end - wordStart);
        if (ago ? !word.Equals("ago", StringComparison.OrdinalIgnoreCase) : !directions.Contains(word))
        {
            return Outcome.NoMatch;
        }

        // Backwards: the whitespace before the unit, then the count.
        countEnd = at;
        breaks = 0;
        while (countEnd > 0 && IsAsciiWhiteSpace(text[countEnd - 1]))
        {
            breaks += text[--countEnd] == '\n' ? 1 : 0;
        }

        if (countEnd > 0 && !char.IsAscii(text[countEnd - 1]))
        {
            return Outcome.Unsure;
        }

        if (countEnd == at || breaks > 1 || countEnd == 0)
        {
            return Outcome.NoMatch;
        }

        var last = text[countEnd - 1];
        if (char.IsAsciiDigit(last))
        {
            countStart = countEnd;
            while (countStart > 0 && char.IsAsciiDigit(text[countStart - 1]))
            {
                countStart--;
            }

            if (countStart > 0 && !char.IsAscii(text[countStart - 1]))
            {
                return Outcome.Unsure;
            }

            return countEnd - countStart <= 3 && !IsWordCharBefore(text, countStart) ? Outcome.Match : Outcome.NoMatch;
        }

        if (!char.IsAsciiLetter(last))
        {
            return Outcome.NoMatch;
        }

        countStart = countEnd;
        while (countStart > 0 && char.IsAsciiLetter(text[countStart - 1]))
        {
            countStart--;
        }

        if (countStart > 0 && !char.IsAscii(text[countStart - 1]))
        {
            return Outcome.Unsure;
        }

        var count = text.AsSpan(countStart, countEnd - countStart);
        var isNumber = numberWords.Contains(count);
        if ((!isNumber && !articles.Contains(count)) || IsWordCharBefore(text, countStart))
        {
            return Outcome.NoMatch;
        }

        return isNumber && MayReachBack(text, countStart) ? Outcome.Unsure : Outcome.Match;
    }

    /// <summary>
    /// Whether the count's words may go on before the number word at <paramref name="start"/>: a hyphen before it, or
    /// whitespace after a word that ends with a number word or "and" (or anything outside ASCII there).
    /// </summary>
    private bool MayReachBack(string text, int start)
    {
        if (start == 0)
        {
            return false;
        }

        if (text[start - 1] == '-')
        {
            return true;
        }

        if (!IsAsciiWhiteSpace(text[start - 1]))
        {
            return false;
        }

        var p = start - 1;
        while (p > 0 && IsAsciiWhiteSpace(text[p - 1]))
        {
            p--;
        }

        if (p == 0)
        {
            return false;
        }

        if (!char.IsAscii(text[p - 1]))
        {
            return true;
        }

        var before = text.AsSpan(0, p);
        foreach (var word in wordEnds)
        {
            if (before.EndsWith(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    // \b before a word character at `at`: the character before it (ASCII) is no letter, digit or underscore.
    private static bool IsWordCharBefore(string text, int at) => at > 0 && (char.IsAsciiLetterOrDigit(text[at - 1]) || text[at - 1] == '_');

    private static int LettersEnd(string text, int from)
    {
        var p = from;
        while (p < text.Length && char.IsAsciiLetter(text[p]))
        {
            p++;
        }

        return p;
    }

    // Regex \s on ASCII.
    private static bool IsAsciiWhiteSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';

    private static FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Set(IEnumerable<string> words) =>
        words.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
}
