using System.Collections.Frozen;

namespace Garrison.Reading.Quantities;

/// <summary>
/// The plain count rule's match at an ASCII digit, read by hand: what <c>\G(?:Before(?&lt;n&gt;count)After)</c> (see
/// <see cref="QuantityRecognizer"/>'s <c>PlainRule</c>) matches there, or that it matches nothing. Where the answer
/// would depend on a character outside ASCII, the reader says so and the caller asks the regex.
/// </summary>
/// <remarks>
/// Why by hand: the plain rule is tried at every number of a report, and its compiled regex (digits with separators, a
/// scale, "a dozen", number words joined by hyphens or "and") was about a fifth of the quantity stage, most of it at
/// digits. At a digit only the pattern's digits branch can match (every number word and article starts with a letter,
/// which <see cref="For"/> checks): <c>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:Ws scale(?!\p{L}))?</c> then the
/// look-ahead <c>After</c>. The regex tries its ways through that in a fixed order and takes the first whose end the
/// look-ahead accepts; the reader lists the same ends in the same order, leaving out the ways that cannot end
/// anywhere the look-ahead accepts: a shorter run of digits than there is (a digit would follow), a shorter
/// fraction, less whitespace before the scale (the scale starts with a letter). A scale is a word of ASCII letters
/// followed by a non-letter, so at most one can match: the letters there. ASCII text only, as regex
/// case-insensitivity and <c>\d</c>, <c>\s</c>, <c>\p{L}</c> agree with the ordinal tests below on ASCII alone.
/// </remarks>
internal sealed class DigitCountReader
{
    /// <summary>What the reader found at an offset.</summary>
    public enum Outcome
    {
        NoMatch,
        Match,

        /// <summary>A character outside ASCII decides: ask the regex.</summary>
        Unsure,
    }

    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> scales;

    private DigitCountReader(IEnumerable<string> scaleWords) =>
        scales = scaleWords.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// A reader for these words, or null when it would not read what the pattern reads: a scale that is not one word of
    /// ASCII letters, or a number word or article that does not start with a letter (it could then match at a digit).
    /// </summary>
    public static DigitCountReader? For(IEnumerable<string> scaleWords, IEnumerable<string> wordsAtStart)
    {
        var scaleList = scaleWords.ToList();
        if (!scaleList.TrueForAll(w => w.Length > 0 && w.All(char.IsAsciiLetter))
            || wordsAtStart.Any(w => w.Length == 0 || !char.IsLetter(w[0])))
        {
            return null;
        }

        return new DigitCountReader(scaleList);
    }

    /// <summary>The plain rule's match at <paramref name="at"/>, where <c>text[at]</c> is an ASCII digit.</summary>
    /// <param name="lookBehind">False for the count alone, without the rule's look-behind (after a range's dash).</param>
    public Outcome Read(string text, int at, out int length, bool lookBehind = true)
    {
        length = 0;

        // Before: (?<![\p{L}\d.,\-‐/:$£€#]).
        if (lookBehind && at > 0 && QuantityRecognizer.BlocksCount(text[at - 1]))
        {
            return Outcome.NoMatch;
        }

        // Every way through the pattern ends within the digits, commas and points here, the whitespace and the letters
        // after them; its look-aheads read at most two characters further. All of that in ASCII, the tests below are the
        // pattern's.
        var limit = at;
        while (limit < text.Length && (char.IsAsciiDigit(text[limit]) || text[limit] is ',' or '.'))
        {
            limit++;
        }

        while (limit < text.Length && IsAsciiWhiteSpace(text[limit]))
        {
            limit++;
        }

        while (limit < text.Length && char.IsAsciiLetter(text[limit]))
        {
            limit++;
        }

        for (var p = limit; p < text.Length && p <= limit + 1; p++)
        {
            if (!char.IsAscii(text[p]))
            {
                return Outcome.Unsure;
            }
        }

        var runEnd = at + DigitsFrom(text, at);

        // \d{1,3}(?:,\d{3})+ first, with as many groups as there are, then fewer; it needs the whole run (a shorter
        // first part is followed by a digit, not a comma).
        if (runEnd - at <= 3)
        {
            var groups = 0;
            while (runEnd + 4 * groups + 3 < text.Length && text[runEnd + 4 * groups] == ',' && DigitsFrom(text, runEnd + 4 * groups + 1) >= 3)
            {
                // A fourth digit after the group is no matter here: the look-ahead refuses that end and the next is tried.
                groups++;
            }

            for (var k = groups; k >= 1; k--)
            {
                if (AfterInteger(text, runEnd + 4 * k, out var end))
                {
                    length = end - at;
                    return Outcome.Match;
                }
            }
        }

        // \d+ (only the whole run: a shorter one is followed by a digit).
        if (AfterInteger(text, runEnd, out var plainEnd))
        {
            length = plainEnd - at;
            return Outcome.Match;
        }

        return Outcome.NoMatch;
    }

    /// <summary>The ways on from the integer part ending at <paramref name="end"/>: with the fraction, then without.</summary>
    private bool AfterInteger(string text, int end, out int matchEnd)
    {
        if (end + 1 < text.Length && text[end] == '.' && char.IsAsciiDigit(text[end + 1]) && AfterNumber(text, end + 1 + DigitsFrom(text, end + 1), out matchEnd))
        {
            return true;
        }

        return AfterNumber(text, end, out matchEnd);
    }

    /// <summary>The ways on from the number ending at <paramref name="end"/>: the scale after whitespace, then none.</summary>
    private bool AfterNumber(string text, int end, out int matchEnd)
    {
        // Ws: whitespace holding at most one line break; then a scale, whose letters are all the letters there.
        var p = end;
        var breaks = 0;
        while (p < text.Length && IsAsciiWhiteSpace(text[p]))
        {
            breaks += text[p] == '\n' ? 1 : 0;
            p++;
        }

        var letters = p;
        while (letters < text.Length && char.IsAsciiLetter(text[letters]))
        {
            letters++;
        }

        if (p > end && breaks <= 1 && letters > p && scales.Contains(text.AsSpan(p, letters - p)) && Accepts(text, letters))
        {
            matchEnd = letters;
            return true;
        }

        matchEnd = end;
        return Accepts(text, end);
    }

    /// <summary>After: (?![\d\p{L}]|[.,]\d|[-‐/:][\p{L}\d]) at <paramref name="end"/>, the text there being ASCII.</summary>
    private static bool Accepts(string text, int end)
    {
        if (end == text.Length)
        {
            return true;
        }

        var next = text[end];
        if (char.IsAsciiLetterOrDigit(next))
        {
            return false;
        }

        if (end + 1 < text.Length && next is '.' or ',' or '-' or '/' or ':')
        {
            var then = text[end + 1];
            return next is '.' or ',' ? !char.IsAsciiDigit(then) : !char.IsAsciiLetterOrDigit(then);
        }

        return true;
    }

    // Regex \s on ASCII.
    internal static bool IsAsciiWhiteSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';

    /// <summary>
    /// The end of the rules' greedy <c>Ws</c> read forwards from <paramref name="from"/> over ASCII whitespace, stopping
    /// before a second line break (<paramref name="from"/> itself when there is none). Shared by the hand-written heads;
    /// each decides for itself whether a character outside ASCII after it leaves the answer unsure.
    /// </summary>
    internal static int WhitespaceEnd(string text, int from)
    {
        var p = from;
        var breaks = 0;
        while (p < text.Length && IsAsciiWhiteSpace(text[p]))
        {
            if (text[p] == '\n' && ++breaks > 1)
            {
                break;
            }

            p++;
        }

        return p;
    }

    private static int DigitsFrom(string text, int from)
    {
        var p = from;
        while (p < text.Length && char.IsAsciiDigit(text[p]))
        {
            p++;
        }

        return p - from;
    }
}
