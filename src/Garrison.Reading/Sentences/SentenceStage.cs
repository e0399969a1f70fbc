using System.Buffers;
using Garrison.Domain.Provenance;
using Garrison.Reading.Documents;
using Garrison.Reading.Pipeline;

namespace Garrison.Reading.Sentences;

/// <summary>
/// Splits the body into paragraphs (separated by blank lines; a Markdown heading or list item starts its own) and
/// each paragraph into sentences. A sentence ends at '.', '!' or '?' (with any closing quotes or brackets) followed
/// by a capital, a digit or an opening quote, unless the word before is an abbreviation; the end of a paragraph
/// always ends a sentence, so a missing final full stop loses nothing. Spans are trimmed of surrounding whitespace.
/// </summary>
public sealed class SentenceStage : IReadingStage
{
    private const string ClosingMarks = "\"'”’»)]";
    private const string OpeningMarks = "\"'“‘«([";

    private static readonly SearchValues<char> EndMarks = SearchValues.Create(".!?…");

    private readonly AbbreviationList abbreviations;

    public SentenceStage(SentenceOptions? options = null) =>
        abbreviations = options?.Abbreviations ?? AbbreviationList.Default;

    public void Process(ReadingDocument document, CancellationToken cancellationToken = default)
    {
        document.Sentences.Clear();
        document.Sentences.AddRange(Split(document.Body));
    }

    /// <summary>The body's paragraphs, trimmed, in order.</summary>
    public static List<TextSpan> Paragraphs(string body)
    {
        var paragraphs = new List<TextSpan>();
        var start = -1;
        var end = -1;
        var lineStart = 0;
        while (lineStart < body.Length)
        {
            var newline = body.IndexOf('\n', lineStart);
            var lineEnd = newline < 0 ? body.Length : newline;
            var line = body.AsSpan(lineStart, lineEnd - lineStart);
            var trimmed = line.Trim();
            if (trimmed.IsEmpty || StartsBlock(trimmed))
            {
                if (start >= 0)
                {
                    paragraphs.Add(new TextSpan(start, end));
                    start = -1;
                }
            }

            if (!trimmed.IsEmpty)
            {
                var first = lineStart + (line.Length - line.TrimStart().Length);
                if (start < 0)
                {
                    start = first;
                }

                end = first + trimmed.Length;
            }

            lineStart = lineEnd + 1;
        }

        if (start >= 0)
        {
            paragraphs.Add(new TextSpan(start, end));
        }

        return paragraphs;
    }

    public List<Sentence> Split(string body)
    {
        var sentences = new List<Sentence>();
        var paragraphs = Paragraphs(body);
        for (var p = 0; p < paragraphs.Count; p++)
        {
            var paragraph = paragraphs[p];
            var start = paragraph.Start;
            var i = start;
            while (i < paragraph.End)
            {
                // The next mark that may end a sentence, found by a vectorized search: the characters between are
                // most of the text, and testing each of them was most of this stage.
                var mark = body.AsSpan(i, paragraph.End - i).IndexOfAny(EndMarks);
                if (mark < 0)
                {
                    break;
                }

                i += mark;
                if (EndsSentence(body, paragraph, i, out var after))
                {
                    sentences.Add(new Sentence(new TextSpan(start, after), p));
                    start = SkipWhitespace(body, after, paragraph.End);
                    i = start;
                    continue;
                }

                i++;
            }

            if (start < paragraph.End)
            {
                sentences.Add(new Sentence(new TextSpan(start, paragraph.End), p));
            }
        }

        return sentences;
    }

    private static bool StartsBlock(ReadOnlySpan<char> line) =>
        line[0] == '#' || line.StartsWith("- ") || line.StartsWith("* ") || line.StartsWith("• ") ||
        (line.Length > 2 && char.IsAsciiDigit(line[0]) && line.IndexOf(". ") is > 0 and < 4 && IsDigits(line[..line.IndexOf(". ")]));

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static int SkipWhitespace(string body, int i, int end)
    {
        while (i < end && char.IsWhiteSpace(body[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>True when the mark at <paramref name="at"/> ends a sentence; <paramref name="after"/> is where the sentence stops.</summary>
    private bool EndsSentence(string body, TextSpan paragraph, int at, out int after)
    {
        after = at + 1;
        while (after < paragraph.End && (body[after] is '.' or '!' or '?' or '…' || ClosingMarks.Contains(body[after], StringComparison.Ordinal)))
        {
            after++;
        }

        if (after >= paragraph.End)
        {
            return false; // the paragraph's end closes it anyway
        }

        if (!char.IsWhiteSpace(body[after]))
        {
            return false; // "3.5", "U.S.-led", "al-Asad.com"
        }

        var next = SkipWhitespace(body, after, paragraph.End);
        var nextChar = body[next];
        if (!(char.IsUpper(nextChar) || char.IsDigit(nextChar) || OpeningMarks.Contains(nextChar, StringComparison.Ordinal)))
        {
            return false; // "“Are you leaving?” he asked", "e.g. a base"
        }

        if (body[at] != '.')
        {
            return true;
        }

        var word = WordBefore(body, paragraph.Start, at + 1);
        if (abbreviations.Titles.Contains(word) || IsInitial(word))
        {
            return false;
        }

        var nextWord = WordAt(body, next, paragraph.End);
        if (abbreviations.Months.Contains(word))
        {
            return !char.IsDigit(nextChar);
        }

        if (abbreviations.General.Contains(word) || IsDottedAcronym(word))
        {
            return abbreviations.SentenceStarters.Contains(nextWord);
        }

        return true;
    }

    // "J." in "John J. Pershing"; also "A." in "Plan A." is read as an initial, a rarer case.
    private static bool IsInitial(string word) => word.Length == 2 && char.IsUpper(word[0]);

    // "U.S.", "U.N.", "D.C." not in the list: letters each followed by a full stop.
    private static bool IsDottedAcronym(string word)
    {
        if (word.Length < 4 || word.Length % 2 != 0)
        {
            return false;
        }

        for (var i = 0; i < word.Length; i += 2)
        {
            if (!char.IsLetter(word[i]) || word[i + 1] != '.')
            {
                return false;
            }
        }

        return true;
    }

    private static string WordBefore(string body, int floor, int end)
    {
        var start = end;
        while (start > floor && !char.IsWhiteSpace(body[start - 1]))
        {
            start--;
        }

        while (start < end && OpeningMarks.Contains(body[start], StringComparison.Ordinal))
        {
            start++;
        }

        return body[start..end];
    }

    private static string WordAt(string body, int start, int ceiling)
    {
        var end = start;
        while (end < ceiling && char.IsLetter(body[end]))
        {
            end++;
        }

        return body[start..end];
    }
}
