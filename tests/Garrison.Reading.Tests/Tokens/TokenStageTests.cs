using Garrison.Domain.Provenance;
using Garrison.Reading.Documents;
using Garrison.Reading.Tokens;

namespace Garrison.Reading.Tests.Tokens;

public sealed class TokenStageTests
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

    private static void AssertTokens(string text, params (string Text, TokenKind Kind, int Start)[] expected)
    {
        var tokens = TokenStage.Tokenize(text);
        Assert.Equal(expected, tokens.Select(t => (t.Text, t.Kind, t.Span.Start)));
        Assert.All(tokens, t => Assert.Equal(t.Text, t.Span.Slice(text)));
    }
}
