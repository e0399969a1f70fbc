using System.Collections.Frozen;
using Outcome = Garrison.Reading.Quantities.DigitCountReader.Outcome;

namespace Garrison.Reading.Quantities;

/// <summary>
/// The range rule's head read by hand: what <c>\G(?:(?&lt;=Before(?:(?&lt;hedge&gt;…)Ws)?(?:(?&lt;pre&gt;between|from)Ws)?(?&lt;n1&gt;count))(?:Ws(?&lt;join&gt;to|and|or)Ws|Ws?(?&lt;join&gt;[-–—])Ws?))</c>
/// (see <see cref="QuantityRecognizer"/>'s <c>BuildRules</c>) matches at the end of a count, with its groups, or that it
/// matches nothing. Where a character outside ASCII could decide, or the count before could be more than one word
/// ("twenty-one", "one hundred and fifty", "a dozen", "1.5 million"), the reader says so and the caller asks the regex.
/// </summary>
/// <remarks>
/// Why by hand: the look-behind reads the count pattern backwards, ~3 µs a try in the interpreter at each of the ~5
/// ends of counts a report has that a joiner follows, ~5 % of the date and quantity stages. Why the same: the count
/// ends where the head starts. The reader takes two shapes of it. (1) Digits: the regex's <c>Before</c> refuses a
/// digit, point or comma before the count, as the whitespace before a <c>pre</c> or <c>hedge</c> is none of them, so
/// the count is the whole run of digits, points and commas before the head, which must then be a count of digits
/// (<c>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?</c>; a scale ends with a letter). (2) One number word not joined to the
/// word before (not a number word, article or "and", not after a hyphen or a digit): the only way through the words
/// branch is that word alone (a shorter word ends inside it, where <c>Before</c> refuses the letter before). Then the
/// look-behind tries its optional parts as the engine does right to left: with a <c>pre</c> before without, each of
/// its words in order, then the same for the <c>hedge</c> (its phrases longest first), and the first way whose
/// <c>Before</c> holds is taken. Each <c>Ws</c> is the whole run of whitespace (up to a second line break), as the
/// words on both sides of it start and end with no whitespace, and the ones after the joiner are greedy. Letters are
/// compared ignoring ASCII case (regex case-insensitivity on ASCII text alone).
/// </remarks>
internal sealed class RangeHeadReader
{
    private static readonly string[] Pre = ["between", "from"];
    private static readonly string[] Joiners = ["to", "and", "or"];

    private readonly string[] hedges;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> numberWords;

    // The words before a number word that may join it into a longer count ("twenty one", "a dozen", "hundred and one").
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> joinersBefore;

    private RangeHeadReader(string[] hedges, IEnumerable<string> numberWords, IEnumerable<string> articles)
    {
        this.hedges = hedges;
        this.numberWords = numberWords.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        joinersBefore = numberWords.Concat(articles).Append("and").ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>
    /// A reader for these words, or null when it would not read what the pattern reads: a hedge that is not ASCII words
    /// joined by single spaces, or a number word or article that is not ASCII letters.
    /// </summary>
    /// <param name="hedges">The approximate hedges in the order of the pattern's alternation (longest first).</param>
    public static RangeHeadReader? For(string[] hedges, IReadOnlyCollection<string> numberWords, IReadOnlyCollection<string> articles)
    {
        var wellFormed = hedges.All(h => h.Length > 0 && h.All(c => char.IsAsciiLetterOrDigit(c) || c == ' ') && h[0] != ' ' && h[^1] != ' '
                && !h.Contains("  ", StringComparison.Ordinal))
            && numberWords.Concat(articles).All(w => w.Length > 0 && w.All(char.IsAsciiLetter));
        return wellFormed ? new RangeHeadReader(hedges, numberWords, articles) : null;
    }

    /// <summary>Where the groups of a head read are (start -1 for a group that took no part).</summary>
    public readonly record struct Head(int Length, int HedgeStart, int HedgeLength, int PreStart, int PreLength, int N1Start, int JoinStart, int JoinLength);

    /// <summary>The head's match at <paramref name="at"/>, the end of a count (the range rule's start).</summary>
    public Outcome Read(string text, int at, out Head head)
    {
        head = default;
        if (at == 0 || at >= text.Length)
        {
            return at == 0 ? Outcome.NoMatch : Outcome.Unsure;
        }

        var read = CountBefore(text, at, out var n1Start);
        if (read != Outcome.Match)
        {
            return read;
        }

        read = OptionalPartsBefore(text, n1Start, out var hedgeStart, out var hedgeLength, out var preStart, out var preLength);
        if (read != Outcome.Match)
        {
            return read;
        }

        read = JoinerAt(text, at, out var length, out var joinStart, out var joinLength);
        if (read != Outcome.Match)
        {
            return read;
        }

        head = new Head(length, hedgeStart, hedgeLength, preStart, preLength, n1Start, joinStart, joinLength);
        return Outcome.Match;
    }

    /// <summary>Where the look-behind's count (group n1) that ends at <paramref name="end"/> starts.</summary>
    private Outcome CountBefore(string text, int end, out int start)
    {
        start = end;
        var last = text[end - 1];
        if (char.IsAsciiDigit(last))
        {
            while (start > 0 && (char.IsAsciiDigit(text[start - 1]) || text[start - 1] is '.' or ','))
            {
                start--;
            }

            if (start > 0 && !char.IsAscii(text[start - 1]))
            {
                return Outcome.Unsure; // a digit of another script goes on with the run
            }

            return IsDigitCount(text.AsSpan(start, end - start)) ? Outcome.Match : Outcome.NoMatch;
        }

        if (!char.IsAsciiLetter(last))
        {
            return Outcome.Unsure;
        }

        while (start > 0 && char.IsAsciiLetter(text[start - 1]))
        {
            start--;
        }

        // The words branch's look-ahead refuses a hyphen then a letter after the count; a hyphen is left to the regex.
        if (!numberWords.Contains(text.AsSpan(start, end - start)) || text[end] == '-' || (start > 0 && !IsSeparateFromCount(text, start)))
        {
            return Outcome.Unsure;
        }

        return Outcome.Match;
    }

    // Whether what precedes a number word at start cannot join it into a longer count: not a hyphen, digit, point or
    // comma before it; after whitespace, not a number word, an article or "and", nor the end of a number (a scale
    // after digits). Anything outside ASCII is unsure.
    private bool IsSeparateFromCount(string text, int start)
    {
        var before = text[start - 1];
        if (!char.IsAscii(before) || before is '-' or '.' or ',' || char.IsAsciiDigit(before))
        {
            return false;
        }

        if (!DigitCountReader.IsAsciiWhiteSpace(before))
        {
            return true;
        }

        var p = start - 1;
        while (p > 0 && DigitCountReader.IsAsciiWhiteSpace(text[p - 1]))
        {
            p--;
        }

        if (p == 0)
        {
            return true;
        }

        var c = text[p - 1];
        if (!char.IsAscii(c) || char.IsAsciiDigit(c))
        {
            return false;
        }

        var wordEnd = p;
        while (p > 0 && char.IsAsciiLetter(text[p - 1]))
        {
            p--;
        }

        return (p == 0 || char.IsAscii(text[p - 1])) && !joinersBefore.Contains(text.AsSpan(p, wordEnd - p));
    }

    // (?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)? as the whole of a run of ASCII digits, points and commas.
    private static bool IsDigitCount(ReadOnlySpan<char> run)
    {
        var point = run.IndexOf('.');
        var whole = point < 0 ? run : run[..point];
        if (point >= 0)
        {
            var fraction = run[(point + 1)..];
            if (fraction.Length == 0 || fraction.ContainsAnyExcept("0123456789"))
            {
                return false;
            }
        }

        if (whole.Length == 0)
        {
            return false;
        }

        var comma = whole.IndexOf(',');
        if (comma < 0)
        {
            return true;
        }

        // Groups of thousands: one to three digits, then groups of a comma and three digits.
        if (comma == 0 || comma > 3 || (whole.Length - comma) % 4 != 0)
        {
            return false;
        }

        for (var g = comma; g < whole.Length; g += 4)
        {
            if (whole[g] != ',' || whole.Slice(g + 1, 3).ContainsAnyExcept("0123456789"))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The look-behind's pre and hedge before the count at <paramref name="n1Start"/>, tried as the engine tries them, and its <c>Before</c>.</summary>
    private Outcome OptionalPartsBefore(string text, int n1Start, out int hedgeStart, out int hedgeLength, out int preStart, out int preLength)
    {
        hedgeStart = preStart = -1;
        hedgeLength = preLength = 0;
        for (var p = 0; p <= Pre.Length; p++)
        {
            var left = n1Start;
            if (p < Pre.Length)
            {
                var read = PhraseBefore(text, n1Start, Pre[p], out var start, out var length);
                if (read == Outcome.Unsure)
                {
                    return read;
                }

                if (read == Outcome.NoMatch)
                {
                    continue;
                }

                (preStart, preLength, left) = (start, length, start);
            }
            else
            {
                (preStart, preLength) = (-1, 0);
            }

            for (var h = 0; h <= hedges.Length; h++)
            {
                var leftmost = left;
                if (h < hedges.Length)
                {
                    var read = PhraseBefore(text, left, hedges[h], out var start, out var length);
                    if (read == Outcome.Unsure)
                    {
                        return read;
                    }

                    if (read == Outcome.NoMatch)
                    {
                        continue;
                    }

                    (hedgeStart, hedgeLength, leftmost) = (start, length, start);
                }
                else
                {
                    (hedgeStart, hedgeLength) = (-1, 0);
                }

                // Before: (?<![\p{L}\d.,\-‐/:$£€#]).
                if (leftmost > 0 && !char.IsAscii(text[leftmost - 1]))
                {
                    return Outcome.Unsure;
                }

                if (leftmost == 0 || !QuantityRecognizer.BlocksCount(text[leftmost - 1]))
                {
                    return Outcome.Match;
                }
            }
        }

        return Outcome.NoMatch;
    }

    /// <summary>A phrase and then a <c>Ws</c> that end at <paramref name="end"/>, matched backwards: where the phrase starts, and its length.</summary>
    private static Outcome PhraseBefore(string text, int end, string phrase, out int start, out int length)
    {
        start = length = 0;
        var p = SpaceStart(text, end, out var unsure);
        if (unsure)
        {
            return Outcome.Unsure;
        }

        if (p == end)
        {
            return Outcome.NoMatch;
        }

        var phraseEnd = p;
        for (var i = phrase.Length - 1; i >= 0; i--)
        {
            if (phrase[i] == ' ')
            {
                var wordStart = p;
                p = SpaceStart(text, p, out unsure);
                if (unsure)
                {
                    return Outcome.Unsure;
                }

                if (p == wordStart)
                {
                    return Outcome.NoMatch;
                }

                continue;
            }

            if (p == 0)
            {
                return Outcome.NoMatch;
            }

            var c = text[p - 1];
            if (!char.IsAscii(c))
            {
                return Outcome.Unsure; // may equal a letter ignoring case
            }

            if (char.ToLowerInvariant(c) != char.ToLowerInvariant(phrase[i]))
            {
                return Outcome.NoMatch;
            }

            p--;
        }

        (start, length) = (p, phraseEnd - p);
        return Outcome.Match;
    }

    /// <summary>
    /// Where a <c>Ws</c> that ends at <paramref name="end"/> starts, read backwards: the run of whitespace back to a second
    /// line break (<paramref name="end"/> itself when there is none); unsure where a character outside ASCII would go on with it.
    /// </summary>
    private static int SpaceStart(string text, int end, out bool unsure)
    {
        var p = end;
        var breaks = 0;
        while (p > 0 && DigitCountReader.IsAsciiWhiteSpace(text[p - 1]))
        {
            if (text[p - 1] == '\n' && ++breaks > 1)
            {
                break;
            }

            p--;
        }

        unsure = p > 0 && !char.IsAscii(text[p - 1]);
        return p;
    }

    /// <summary>
    /// The end of a greedy <c>Ws</c> from <paramref name="from"/>, read forwards (<paramref name="from"/> itself when there is
    /// none); unsure where a character outside ASCII other than the two long dashes would go on with it.
    /// </summary>
    private static int SpaceEnd(string text, int from, out bool unsure)
    {
        var p = DigitCountReader.WhitespaceEnd(text, from);

        unsure = p < text.Length && !char.IsAscii(text[p]) && text[p] is not ('–' or '—');
        return p;
    }

    /// <summary>The joiner after the count: <c>Ws(?&lt;join&gt;to|and|or)Ws</c>, else <c>Ws?(?&lt;join&gt;[-–—])Ws?</c>.</summary>
    private static Outcome JoinerAt(string text, int at, out int length, out int joinStart, out int joinLength)
    {
        length = joinStart = joinLength = 0;
        var p = SpaceEnd(text, at, out var unsure);
        if (unsure)
        {
            return Outcome.Unsure;
        }

        if (p > at)
        {
            foreach (var joiner in Joiners)
            {
                var end = p + joiner.Length;
                if (end > text.Length || !text.AsSpan(p, joiner.Length).Equals(joiner, StringComparison.OrdinalIgnoreCase))
                {
                    if (text.AsSpan(p, Math.Min(joiner.Length, text.Length - p)).ContainsAnyExceptInRange('\0', '\u007F'))
                    {
                        return Outcome.Unsure; // may equal the joiner ignoring case
                    }

                    continue;
                }

                var after = SpaceEnd(text, end, out unsure);
                if (unsure)
                {
                    return Outcome.Unsure;
                }

                if (after > end)
                {
                    (length, joinStart, joinLength) = (after - at, p, joiner.Length);
                    return Outcome.Match;
                }
            }
        }

        // The dash, after whitespace or none (the same greedy run: the dash is no whitespace).
        if (p < text.Length && text[p] is '-' or '–' or '—')
        {
            var after = SpaceEnd(text, p + 1, out unsure);
            if (unsure)
            {
                return Outcome.Unsure;
            }

            (length, joinStart, joinLength) = (after - at, p, 1);
            return Outcome.Match;
        }

        return Outcome.NoMatch;
    }
}
