using System.Collections.Frozen;
using Outcome = Garrison.Reading.Quantities.DigitCountReader.Outcome;

namespace Garrison.Reading.Quantities;

/// <summary>
/// The plain count rule's match at a number word, read by hand: what <c>\G(?:Before(?&lt;n&gt;count)After)</c> (see
/// <see cref="QuantityRecognizer"/>'s <c>PlainRule</c>) matches there ("five", "twenty-one", "one hundred and fifty",
/// "a dozen"), or that it matches nothing. Where a character outside ASCII could decide, the reader says so and the
/// caller asks the regex.
/// </summary>
/// <remarks>
/// Why by hand: the rule runs at every number word of a report (~2.5), ~3 µs a try in the interpreter (its words branch
/// is an alternation of the number words, repeated with hyphens, whitespace and "and"). Why the same: at a letter that
/// starts no article only the words branch can match: <c>word(?:(?:-|Ws)word|(?&lt;=closers)Ws and Ws word)*(?![\p{L}]|-\p{L})</c>.
/// A word that ends inside a run of letters has a letter after it, where neither another turn of the loop nor the
/// look-aheads can go on, so only whole runs of letters that are number words can lead to a match; at each word the
/// loop can go on one way at most (a hyphen or whitespace, then a number word; or after a closing word, whitespace,
/// "and", whitespace, a number word: "and" is no number word), each <c>Ws</c> being the whole run of whitespace (up to a
/// second line break) before a word. The loop is greedy, so the regex tries the longest chain of words first, then
/// each shorter one, and takes the first whose end both look-aheads accept; the reader does the same. Letters are
/// compared ignoring ASCII case (regex case-insensitivity on ASCII text alone).
/// At an article the pattern tries its article branch first, <c>article Ws articleCount(?![\p{L}])</c>: both words are
/// letters followed by a non-letter there, so each is the whole run of letters, and only the greedy <c>Ws</c> can reach
/// the second (a shorter one leaves whitespace where it must start). When that branch or the rule's <c>After</c> at its
/// end fails, the regex backtracks to the words branch, read as at any other word. (The article branch used to be left
/// to the regex: ~2 tries a bench report, at "a decade ago", each ~3 µs in the interpreter, all but a few failing.)
/// </remarks>
internal sealed class WordCountReader
{
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> words;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> articles;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> articleCounts;
    private readonly string[] closers;

    private WordCountReader(IEnumerable<string> numberWords, IEnumerable<string> articleWords, IEnumerable<string> articleCountWords, string[] closers)
    {
        words = numberWords.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        articles = articleWords.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        articleCounts = articleCountWords.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        this.closers = closers;
    }

    /// <summary>A reader for these words, or null when one is not ASCII letters (the pattern would then read what the reader does not).</summary>
    /// <param name="numberWords">The number words (the pattern's <c>word</c>).</param>
    /// <param name="articles">The articles that start the article branch ("a", "an").</param>
    /// <param name="articleCounts">The words the article branch reads after its article ("dozen", "hundred", …).</param>
    /// <param name="closers">The words after which "and" may join the next ("hundred", "thousand", …).</param>
    public static WordCountReader? For(IReadOnlyCollection<string> numberWords, IReadOnlyCollection<string> articles, IReadOnlyCollection<string> articleCounts, IReadOnlyCollection<string> closers) =>
        numberWords.Concat(articles).Concat(articleCounts).Concat(closers).All(w => w.Length > 0 && w.All(char.IsAsciiLetter))
            ? new WordCountReader(numberWords, articles, articleCounts, [.. closers])
            : null;

    /// <summary>The count's match at <paramref name="at"/>, where <c>text[at]</c> is an ASCII letter.</summary>
    /// <param name="lookBehind">False for the count alone, without the rule's look-behind (after a range's dash).</param>
    public Outcome Read(string text, int at, out int length, bool lookBehind = true)
    {
        length = 0;
        if (lookBehind && at > 0)
        {
            if (!char.IsAscii(text[at - 1]))
            {
                return Outcome.Unsure;
            }

            if (QuantityRecognizer.BlocksCount(text[at - 1]))
            {
                return Outcome.NoMatch;
            }
        }

        var end = RunEnd(text, at);
        if (end < 0)
        {
            return Outcome.Unsure;
        }

        if (articles.Contains(text.AsSpan(at, end - at)))
        {
            // The article branch first; where it fails, the words branch below.
            var article = ArticleBranch(text, end, out var branchEnd);
            if (article != Outcome.NoMatch)
            {
                length = branchEnd - at;
                return article;
            }
        }

        if (!words.Contains(text.AsSpan(at, end - at)))
        {
            return Outcome.NoMatch;
        }

        // The chain of words, longest first; its ends are then tried from the last back.
        Span<int> ends = stackalloc int[16];
        var count = 0;
        ends[count++] = end;
        while (true)
        {
            var next = NextWord(text, end, out var nextEnd);
            if (next == Outcome.Unsure)
            {
                return next;
            }

            if (next == Outcome.NoMatch)
            {
                break;
            }

            if (count == ends.Length)
            {
                return Outcome.Unsure; // a chain this long is the regex's
            }

            end = nextEnd;
            ends[count++] = end;
        }

        for (var k = count - 1; k >= 0; k--)
        {
            var accepted = EndAccepted(text, ends[k]);
            if (accepted == Outcome.Unsure)
            {
                return accepted;
            }

            if (accepted == Outcome.Match)
            {
                length = ends[k] - at;
                return Outcome.Match;
            }
        }

        return Outcome.NoMatch;
    }

    // The end of the run of ASCII letters at p, or -1 when a character outside ASCII goes on with it.
    private static int RunEnd(string text, int p)
    {
        while (p < text.Length && char.IsAsciiLetter(text[p]))
        {
            p++;
        }

        return p < text.Length && !char.IsAscii(text[p]) ? -1 : p;
    }

    /// <summary>
    /// The article branch after the article that ends at <paramref name="end"/>: whitespace, then a word of the article
    /// counts as the whole run of letters, and the rule's <c>After</c> accepting its end.
    /// </summary>
    private Outcome ArticleBranch(string text, int end, out int branchEnd)
    {
        branchEnd = end;
        var start = SpaceEnd(text, end, out var unsure);
        if (unsure)
        {
            return Outcome.Unsure;
        }

        if (start == end)
        {
            return Outcome.NoMatch;
        }

        var wordEnd = RunEnd(text, start);
        if (wordEnd < 0)
        {
            return Outcome.Unsure;
        }

        if (wordEnd == start || !articleCounts.Contains(text.AsSpan(start, wordEnd - start)))
        {
            return Outcome.NoMatch;
        }

        var accepted = EndAccepted(text, wordEnd);
        if (accepted == Outcome.Match)
        {
            branchEnd = wordEnd;
        }

        return accepted;
    }

    /// <summary>A turn of the loop after the word that ends at <paramref name="end"/>: where its number word ends.</summary>
    private Outcome NextWord(string text, int end, out int wordEnd)
    {
        wordEnd = end;
        if (end == text.Length)
        {
            return Outcome.NoMatch;
        }

        int start;
        if (text[end] == '-')
        {
            // (?:-|Ws): the hyphen, as Ws cannot match there.
            start = end + 1;
        }
        else
        {
            start = SpaceEnd(text, end, out var unsure);
            if (unsure)
            {
                return Outcome.Unsure;
            }

            if (start == end)
            {
                return Outcome.NoMatch;
            }
        }

        var read = NumberWordAt(text, start, out wordEnd);
        if (read != Outcome.NoMatch || text[end] == '-')
        {
            return read;
        }

        // (?<=closers)Ws(?i:and)Ws word: "and" after a closing word.
        var closing = ClosingWordBefore(text, end);
        if (closing != Outcome.Match)
        {
            return closing;
        }

        var andEnd = RunEnd(text, start);
        if (andEnd < 0)
        {
            return Outcome.Unsure;
        }

        if (!text.AsSpan(start, andEnd - start).Equals("and", StringComparison.OrdinalIgnoreCase))
        {
            return Outcome.NoMatch;
        }

        var after = SpaceEnd(text, andEnd, out var unsureAfter);
        if (unsureAfter)
        {
            return Outcome.Unsure;
        }

        return after == andEnd ? Outcome.NoMatch : NumberWordAt(text, after, out wordEnd);
    }

    // A number word that is the whole run of letters at start.
    private Outcome NumberWordAt(string text, int start, out int end)
    {
        end = RunEnd(text, start);
        if (end < 0)
        {
            return Outcome.Unsure;
        }

        return end > start && words.Contains(text.AsSpan(start, end - start)) ? Outcome.Match : Outcome.NoMatch;
    }

    // (?<=closers) at end: the text before it ends with a closing word, case aside.
    private Outcome ClosingWordBefore(string text, int end)
    {
        foreach (var closer in closers)
        {
            if (closer.Length <= end && text.AsSpan(end - closer.Length, closer.Length).Equals(closer, StringComparison.OrdinalIgnoreCase))
            {
                return Outcome.Match;
            }
        }

        // The word before is ASCII letters (read as a number word); a shorter text than a closer cannot end with one.
        return Outcome.NoMatch;
    }

    /// <summary>
    /// Whether the words branch's look-ahead <c>(?![\p{L}]|-\p{L})</c> and the rule's <c>After</c>,
    /// <c>(?![\d\p{L}]|[.,]\d|[-‐/:][\p{L}\d])</c>, accept an end (the character before it is an ASCII letter).
    /// </summary>
    private static Outcome EndAccepted(string text, int end)
    {
        if (end == text.Length)
        {
            return Outcome.Match;
        }

        var c = text[end];
        if (!char.IsAscii(c) && c != '‐')
        {
            return Outcome.Unsure;
        }

        if (char.IsAsciiLetterOrDigit(c))
        {
            return Outcome.NoMatch;
        }

        if (c is '.' or ',' or '-' or '‐' or '/' or ':')
        {
            if (end + 1 == text.Length)
            {
                return Outcome.Match;
            }

            var next = text[end + 1];
            if (!char.IsAscii(next))
            {
                return Outcome.Unsure;
            }

            var refused = c is '.' or ',' ? char.IsAsciiDigit(next) : char.IsAsciiLetterOrDigit(next);
            return refused ? Outcome.NoMatch : Outcome.Match;
        }

        return Outcome.Match;
    }

    /// <summary>The end of a greedy <c>Ws</c> from <paramref name="from"/>; unsure where a character outside ASCII would go on with it.</summary>
    private static int SpaceEnd(string text, int from, out bool unsure)
    {
        var p = DigitCountReader.WhitespaceEnd(text, from);

        unsure = p < text.Length && !char.IsAscii(text[p]);
        return p;
    }
}
