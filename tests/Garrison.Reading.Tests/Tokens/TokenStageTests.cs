using System.Text;
using System.Text.RegularExpressions;
using Garrison.Domain.Provenance;
using Garrison.Reading.Documents;
using Garrison.Reading.Tokens;

namespace Garrison.Reading.Tests.Tokens;

public sealed partial class TokenStageTests
{
    [Fact]
    public void Words_keep_internal_apostrophes_and_hyphens()
    {
        const string text = "Iraq’s troops left al-Asad (Ain al-Asad) and the U.S.-led coalition's MQ-9s.";

        AssertTokens(
            text,
            ("Iraq’s", TokenKind.Word, 0), ("troops", TokenKind.Word, 7), ("left", TokenKind.Word, 14), ("al-Asad", TokenKind.Word, 19),
            ("(", TokenKind.Punctuation, 27), ("Ain", TokenKind.Word, 28), ("al-Asad", TokenKind.Word, 32), (")", TokenKind.Punctuation, 39),
            ("and", TokenKind.Word, 41), ("the", TokenKind.Word, 45), ("U.S.", TokenKind.Word, 49), ("-", TokenKind.Punctuation, 53),
            ("led", TokenKind.Word, 54), ("coalition's", TokenKind.Word, 58), ("MQ-9s", TokenKind.Word, 70), (".", TokenKind.Punctuation, 75));
    }

    [Fact]
    public void Numbers_keep_separators_and_decimals()
    {
        const string text = "170,000 troops, 1.5 million, 2015-2017, 7th, $5.";

        AssertTokens(
            text,
            ("170,000", TokenKind.Number, 0), ("troops", TokenKind.Word, 8), (",", TokenKind.Punctuation, 14), ("1.5", TokenKind.Number, 16),
            ("million", TokenKind.Word, 20), (",", TokenKind.Punctuation, 27), ("2015", TokenKind.Number, 29), ("-", TokenKind.Punctuation, 33),
            ("2017", TokenKind.Number, 34), (",", TokenKind.Punctuation, 38), ("7th", TokenKind.Word, 40), (",", TokenKind.Punctuation, 43),
            ("$", TokenKind.Symbol, 45), ("5", TokenKind.Number, 46), (".", TokenKind.Punctuation, 47));
    }

    [Fact]
    public void Sentence_final_full_stop_after_a_number_is_punctuation()
    {
        AssertTokens("in 2023.", ("in", TokenKind.Word, 0), ("2023", TokenKind.Number, 3), (".", TokenKind.Punctuation, 7));
    }

    [Fact]
    public void Tokens_of_a_span_keep_body_offsets()
    {
        const string text = "One. Two three.";

        var tokens = TokenStage.Tokenize(text, new TextSpan(5, 15));

        Assert.Equal([new TextSpan(5, 8), new TextSpan(9, 14), new TextSpan(14, 15)], tokens.Select(t => t.Span));
    }

    [Fact]
    public void Stage_fills_the_document()
    {
        var document = new ReadingDocument("doc", "Quotes “here”");

        new TokenStage().Process(document);

        Assert.Equal(["Quotes", "“", "here", "”"], document.Tokens.Select(t => t.Text));
    }

    [Fact]
    public void Stage_tokens_are_those_of_the_body_it_ran_on_made_once()
    {
        var document = new ReadingDocument("doc", "One two");
        var stage = new TokenStage();

        stage.Process(document);
        document.Body = "Three";

        // Split when first read, from the body the stage saw; read again, the same list (not split twice).
        Assert.Equal(["One", "two"], document.Tokens.Select(t => t.Text));
        Assert.Equal(["One", "two"], document.Tokens.Select(t => t.Text));
        stage.Process(document);
        Assert.Equal(["Three"], document.Tokens.Select(t => t.Text));
    }

    /// <summary>
    /// The tokenizer is hand-written for speed; this regex is the rule it implements. Random text over the characters
    /// that matter (dotted letters, grouped and decimal numbers, joiners, marks, other digits, symbols) must split
    /// alike, with the same kinds.
    /// </summary>
    [Fact]
    public void Tokenize_splits_as_the_token_rule_does()
    {
        const string alphabet = "aZk U.S.-‐’'1,000.5,12\n\t²é\u0301$(“٣😀\u00a0.,,";
        var random = new Random(20260118);
        for (var n = 0; n < 5000; n++)
        {
            var text = new StringBuilder();
            for (var k = random.Next(1, 30); k > 0; k--)
            {
                text.Append(alphabet[random.Next(alphabet.Length)]);
            }

            var s = text.ToString();
            var expected = TokenRule().Matches(s).Select(m => (m.Index, m.Value, Kind(m.Value))).ToList();
            var actual = TokenStage.Tokenize(s).Select(t => (t.Span.Start, t.Text, t.Kind)).ToList();
            Assert.True(expected.SequenceEqual(actual), $"text: {s}");
        }
    }

    private static TokenKind Kind(string value) =>
        char.IsDigit(value[0]) ? (NumberShape().IsMatch(value) ? TokenKind.Number : TokenKind.Word)
        : char.IsLetter(value[0]) ? TokenKind.Word
        : char.IsPunctuation(value[0]) ? TokenKind.Punctuation
        : TokenKind.Symbol;

    [GeneratedRegex(
        """
        (?:\p{L}\.){2,}(?!\p{L})
        | \d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\p{L}\d])
        | \d+(?:\.\d+)?(?![\p{L}\d])
        | [\p{L}\d][\p{L}\p{M}\d]*(?:['’‐-][\p{L}\d][\p{L}\p{M}\d]*)*
        | \S
        """,
        RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex TokenRule();

    [GeneratedRegex(@"^[\d.,]+$")]
    private static partial Regex NumberShape();

    private static void AssertTokens(string text, params (string Text, TokenKind Kind, int Start)[] expected)
    {
        var tokens = TokenStage.Tokenize(text);
        Assert.Equal(expected, tokens.Select(t => (t.Text, t.Kind, t.Span.Start)));
        Assert.All(tokens, t => Assert.Equal(t.Text, t.Span.Slice(text)));
    }
}
