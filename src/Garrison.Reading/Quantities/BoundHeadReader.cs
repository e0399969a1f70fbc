namespace Garrison.Reading.Quantities;

/// <summary>
/// The bound rule's head read by hand (and the hedged rule's, one list of phrases): the length of what <c>\G(?:Before(?:(?&lt;more&gt;…)|(?&lt;least&gt;…)|(?&lt;fewer&gt;…)|(?&lt;upto&gt;…))Ws)</c>
/// (see <see cref="QuantityRecognizer"/>'s <c>BuildRules</c>) matches at an offset, or that it matches nothing. Where
/// the answer would depend on a character outside ASCII, the reader says so and the caller asks the regex.
/// </summary>
/// <remarks>
/// Why by hand: the head's regex is interpreted (compiling its case-insensitive phrases takes the JIT seconds) and runs
/// at every "over", "under", "below", "at least" … of a report, most of which are no bound. Why the same: the regex
/// takes the first phrase, in the order of its lists, that matches there and is followed by whitespace. The caller uses
/// this reader only when no phrase, followed by a character that is not a letter or digit, begins another
/// (<see cref="Matching.RuleStarts.NoneLeadsAnother"/>, the condition under which the head is matched apart from its
/// count at all): then at most one phrase is followed by whitespace, and the reader may test them in any order, its
/// lists in theirs. A space inside a phrase is the pattern's <c>Ws</c> (whitespace holding at most one line break), so
/// the whole run of whitespace there must be one; the <c>Ws</c> after the phrase is greedy and stops before a second
/// line break. Letters are compared ignoring ASCII case, which is the regex's case-insensitivity on ASCII text alone.
/// </remarks>
internal sealed class BoundHeadReader
{
    private readonly string[][] lists;

    /// <param name="lists">The bound's phrase lists in the order of the pattern's groups (more, at least, fewer, up to).</param>
    private BoundHeadReader(string[][] lists) => this.lists = lists;

    /// <summary>A reader for these phrase lists, or null when a phrase is not ASCII words joined by single spaces.</summary>
    public static BoundHeadReader? For(IEnumerable<IEnumerable<string>> lists)
    {
        var arrays = lists.Select(l => l.ToArray()).ToArray();
        var wellFormed = arrays.All(l => l.All(p => p.Length > 0 && p.All(c => char.IsAsciiLetterOrDigit(c) || c == ' ')
            && p[0] != ' ' && p[^1] != ' ' && !p.Contains("  ", StringComparison.Ordinal)));
        return wellFormed ? new BoundHeadReader(arrays) : null;
    }

    /// <summary>The length of the head's match at <paramref name="at"/>.</summary>
    public DigitCountReader.Outcome Read(string text, int at, out int length) => Read(text, at, out length, out _, out _);

    /// <summary>
    /// The length of the head's match at <paramref name="at"/>, which list's phrase it is (the pattern's group of that
    /// list) and how long that phrase is as written (the group's length: the whitespace after it is not the group's).
    /// </summary>
    public DigitCountReader.Outcome Read(string text, int at, out int length, out int list, out int phraseLength)
    {
        length = 0;
        list = -1;
        phraseLength = 0;

        // Before: (?<![\p{L}\d.,\-‐/:$£€#]).
        if (at > 0 && QuantityRecognizer.BlocksCount(text[at - 1]))
        {
            return DigitCountReader.Outcome.NoMatch;
        }

        // Every phrase is tried: where one is left undecided (a character outside ASCII), the regex answers.
        var unsure = false;
        for (var l = 0; l < lists.Length; l++)
        {
            foreach (var phrase in lists[l])
            {
                var end = PhraseEnd(text, at, phrase, ref unsure);
                if (end >= 0 && WhitespaceEnd(text, end, ref unsure) is var after && after > end && length == 0)
                {
                    length = after - at;
                    list = l;
                    phraseLength = end - at;
                }
            }
        }

        return unsure ? DigitCountReader.Outcome.Unsure : length > 0 ? DigitCountReader.Outcome.Match : DigitCountReader.Outcome.NoMatch;
    }

    /// <summary>Where <paramref name="phrase"/> matched at <paramref name="at"/> ends, or -1.</summary>
    private static int PhraseEnd(string text, int at, string phrase, ref bool unsure)
    {
        var p = at;
        for (var i = 0; i < phrase.Length; i++)
        {
            if (phrase[i] == ' ')
            {
                // The pattern's Ws: the whole run of whitespace, holding at most one line break (the next word starts with
                // a letter or digit, so a shorter Ws would leave whitespace before it).
                var start = p;
                var breaks = 0;
                while (p < text.Length && DigitCountReader.IsAsciiWhiteSpace(text[p]))
                {
                    breaks += text[p] == '\n' ? 1 : 0;
                    p++;
                }

                if (p < text.Length && !char.IsAscii(text[p]))
                {
                    unsure = true; // other whitespace, or a letter that may equal one ignoring case
                    return -1;
                }

                if (p == start || breaks > 1)
                {
                    return -1;
                }

                continue;
            }

            if (p >= text.Length)
            {
                return -1;
            }

            var c = text[p];
            if (!char.IsAscii(c))
            {
                unsure = true;
                return -1;
            }

            if (char.ToLowerInvariant(c) != char.ToLowerInvariant(phrase[i]))
            {
                return -1;
            }

            p++;
        }

        return p;
    }

    /// <summary>The end of the pattern's greedy Ws from <paramref name="from"/> (itself when there is none; it stops before a second line break).</summary>
    private static int WhitespaceEnd(string text, int from, ref bool unsure)
    {
        var p = DigitCountReader.WhitespaceEnd(text, from);

        if (p < text.Length && !char.IsAscii(text[p]))
        {
            unsure = true; // whitespace outside ASCII would start or go on with the Ws
        }

        return p;
    }

}
