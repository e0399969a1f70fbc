using Garrison.Domain.Provenance;
using Garrison.Reading.Documents;
using Garrison.Reading.Pipeline;

namespace Garrison.Reading.Tokens;

/// <summary>
/// Splits the body into words, numbers, punctuation and symbols, each with its offsets. Words keep internal
/// apostrophes and hyphens ("Iraq’s", "al-Asad", "MQ-9") and dotted acronyms ("U.S."); numbers keep thousands
/// separators and decimals ("170,000", "1.5"). Lucene's StandardAnalyzer (the library candidate) lower-cases and
/// splits "al-Asad" into two terms, losing the shape that name matching needs, so the rule is ours.
/// </summary>
/// <remarks>
/// The rule, in the order its alternatives are tried at each character, is the regex
/// <c>(?:\p{L}\.){2,}(?!\p{L}) | \d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\p{L}\d]) | \d+(?:\.\d+)?(?![\p{L}\d])
/// | [\p{L}\d][\p{L}\p{M}\d]*(?:['’‐-][\p{L}\d][\p{L}\p{M}\d]*)* | \S</c> (the tests keep it and compare). It is
/// hand-written because tokenizing is the floor every report pays (the bench's baseline): the loop reads each
/// character about once instead of the regex engine's match call per token and a second regex to tell numbers.
/// </remarks>
public sealed class TokenStage : IReadingStage
{
    /// <summary>
    /// Sets the document's tokens to the body's. They are split when first read (<see cref="ReadingDocument.Tokens"/>):
    /// no later stage reads them.
    /// </summary>
    public void Process(ReadingDocument document, CancellationToken cancellationToken = default) =>
        document.TokenizeOnRead(document.Body);

    public static List<Token> Tokenize(string text) => Tokenize(text, new TextSpan(0, text.Length));

    /// <summary>Tokens of <paramref name="within"/> only, offsets still into <paramref name="text"/>.</summary>
    public static List<Token> Tokenize(string text, TextSpan within)
    {
        // About one token per five characters of English news text: sized once rather than grown by doubling.
        var tokens = new List<Token>(within.Length / 5);
        var end = within.End;
        var i = within.Start;
        while (i < end)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            int tokenEnd;
            TokenKind kind;
            if (DottedAcronymEnd(text, i, end) is var acronym and > 0)
            {
                (tokenEnd, kind) = (acronym, TokenKind.Word);
            }
            else if (char.IsDigit(c) && NumberEnd(text, i, end) is var number and > 0)
            {
                (tokenEnd, kind) = (number, TokenKind.Number);
            }
            else if (char.IsDigit(c) || char.IsLetter(c))
            {
                tokenEnd = WordEnd(text, i, end);
                kind = char.IsDigit(c) && OnlyDigitsAndSeparators(text.AsSpan(i, tokenEnd - i)) ? TokenKind.Number : TokenKind.Word;
            }
            else
            {
                (tokenEnd, kind) = (i + 1, char.IsPunctuation(c) ? TokenKind.Punctuation : TokenKind.Symbol);
            }

            tokens.Add(new Token(new TextSpan(i, tokenEnd), text.Substring(i, tokenEnd - i), kind));
            i = tokenEnd;
        }

        return tokens;
    }

    /// <summary>Two or more letter-and-dot pairs not followed by a letter ("U.S.", "U.N."), or -1.</summary>
    private static int DottedAcronymEnd(string text, int i, int end)
    {
        var k = i;
        while (k + 1 < end && char.IsLetter(text[k]) && text[k + 1] == '.')
        {
            k += 2;
        }

        // With fewer pairs a letter always follows, so only the longest run can qualify.
        return k - i >= 4 && !(k < end && char.IsLetter(text[k])) ? k : -1;
    }

    /// <summary>
    /// The end of a number at a digit: grouped thousands ("170,000", "1,234.5") else plain digits ("2014", "1.5"),
    /// neither running into a letter or digit; -1 when the digits run into a letter ("7th" is a word).
    /// </summary>
    private static int NumberEnd(string text, int i, int end)
    {
        var digits = DigitsEnd(text, i, end);
        if (digits - i <= 3 && digits < end && text[digits] == ',')
        {
            // Greedy groups of ",ddd", then backing off a group at a time as the regex would.
            var groupEnds = new List<int>(4);
            var k = digits;
            while (k + 3 < end && text[k] == ',' && char.IsDigit(text[k + 1]) && char.IsDigit(text[k + 2]) && char.IsDigit(text[k + 3]))
            {
                k += 4;
                groupEnds.Add(k);
            }

            for (var g = groupEnds.Count - 1; g >= 0; g--)
            {
                if (WithDecimals(text, groupEnds[g], end) is var grouped and > 0)
                {
                    return grouped;
                }
            }
        }

        return WithDecimals(text, digits, end);
    }

    /// <summary>
    /// After the integer part ending at <paramref name="k"/>: the end with its decimals if they end the number, else
    /// <paramref name="k"/> if that ends it, else -1.
    /// </summary>
    private static int WithDecimals(string text, int k, int end)
    {
        if (k + 1 < end && text[k] == '.' && char.IsDigit(text[k + 1]))
        {
            var decimals = DigitsEnd(text, k + 1, end);
            if (!RunsOn(text, decimals, end))
            {
                return decimals;
            }
        }

        return RunsOn(text, k, end) ? -1 : k;
    }

    /// <summary>True when a letter or digit follows (so a number cannot end there).</summary>
    private static bool RunsOn(string text, int k, int end) => k < end && (char.IsLetter(text[k]) || char.IsDigit(text[k]));

    private static int DigitsEnd(string text, int k, int end)
    {
        while (k < end && char.IsDigit(text[k]))
        {
            k++;
        }

        return k;
    }

    /// <summary>Letters, marks and digits, joined by inner apostrophes and hyphens ("al-Asad", "Iraq’s", "MQ-9").</summary>
    private static int WordEnd(string text, int i, int end)
    {
        var k = PartEnd(text, i + 1, end);
        while (k + 1 < end && text[k] is '\'' or '’' or '‐' or '-' && (char.IsLetter(text[k + 1]) || char.IsDigit(text[k + 1])))
        {
            k = PartEnd(text, k + 2, end);
        }

        return k;
    }

    private static int PartEnd(string text, int k, int end)
    {
        while (k < end && IsWordPart(text[k]))
        {
            k++;
        }

        return k;
    }

    private static bool IsWordPart(char c) =>
        char.IsAsciiLetterOrDigit(c) || (c > '\u007f' && (char.IsLetter(c) || char.IsDigit(c) || IsMark(c)));

    private static bool IsMark(char c) => char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark
        or System.Globalization.UnicodeCategory.SpacingCombiningMark or System.Globalization.UnicodeCategory.EnclosingMark;

    private static bool OnlyDigitsAndSeparators(ReadOnlySpan<char> token)
    {
        foreach (var c in token)
        {
            if (!(char.IsDigit(c) || c is '.' or ','))
            {
                return false;
            }
        }

        return true;
    }
}
