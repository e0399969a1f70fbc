using System.Text.RegularExpressions;
using Garrison.Domain.Provenance;
using Garrison.Reading.Documents;
using Garrison.Reading.Pipeline;

namespace Garrison.Reading.Tokens;

/// <summary>
/// Splits the body into words, numbers, punctuation and symbols, each with its offsets. Words keep internal
/// apostrophes and hyphens ("Iraq’s", "al-Asad", "MQ-9") and dotted acronyms ("U.S."); numbers keep thousands
/// separators and decimals ("170,000", "1.5"). Lucene's StandardAnalyzer (the library candidate) lower-cases and
/// splits "al-Asad" into two terms, losing the shape that name matching needs, so this short regex is ours.
/// </summary>
public sealed partial class TokenStage : IReadingStage
{
    public void Process(ReadingDocument document, CancellationToken cancellationToken = default)
    {
        document.Tokens.Clear();
        document.Tokens.AddRange(Tokenize(document.Body));
    }

    public static List<Token> Tokenize(string text) => Tokenize(text, new TextSpan(0, text.Length));

    /// <summary>Tokens of <paramref name="within"/> only, offsets still into <paramref name="text"/>.</summary>
    public static List<Token> Tokenize(string text, TextSpan within)
    {
        var tokens = new List<Token>();
        foreach (var match in Pattern().EnumerateMatches(text.AsSpan(within.Start, within.Length)))
        {
            var start = within.Start + match.Index;
            var value = text.Substring(start, match.Length);
            var first = value[0];
            var kind = char.IsDigit(first) ? (IsNumber(value) ? TokenKind.Number : TokenKind.Word)
                : char.IsLetter(first) ? TokenKind.Word
                : char.IsPunctuation(first) ? TokenKind.Punctuation
                : TokenKind.Symbol;
            tokens.Add(new Token(new TextSpan(start, start + match.Length), value, kind));
        }

        return tokens;
    }

    private static bool IsNumber(string value) => NumberShape().IsMatch(value);

    [GeneratedRegex(
        """
        (?:\p{L}\.){2,}(?!\p{L})                                   # dotted acronym: U.S. U.N.
        | \d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\p{L}\d])                 # 170,000  1,234.5
        | \d+(?:\.\d+)?(?![\p{L}\d])                               # 2014  1.5
        | [\p{L}\d][\p{L}\p{M}\d]*(?:['’‐-][\p{L}\d][\p{L}\p{M}\d]*)*   # al-Asad  Iraq’s  MQ-9  7th  F-16
        | \S                                                       # any other single character
        """,
        RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^[\d.,]+$")]
    private static partial Regex NumberShape();
}
