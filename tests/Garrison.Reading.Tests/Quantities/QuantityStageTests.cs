using Garrison.Domain.Provenance;
using Garrison.Domain.Quantities;
using Garrison.Reading.Dates;
using Garrison.Reading.Documents;
using Garrison.Reading.Header;
using Garrison.Reading.Quantities;

namespace Garrison.Reading.Tests.Quantities;

public sealed class QuantityStageTests
{
    private static readonly QuantityRecognizer Recognizer = new();

    [Fact]
    public void Stage_skips_numbers_inside_date_mentions()
    {
        var document = new ReadingDocument("doc", "published: 2025-03-02\n---\nOn 14 February 2025, 300 troops left.");
        new HeaderStage().Process(document);
        new DateStage().Process(document);

        new QuantityStage().Process(document);

        var mention = Assert.Single(document.Quantities);
        Assert.Equal(new TextSpan(21, 24), mention.Span);
        Assert.Equal(Quantity.Exactly(300), mention.Value);
    }

    [Fact]
    public void Without_date_spans_a_year_is_just_a_number()
    {
        var mention = Assert.Single(Recognizer.Recognize("2000 troops"));

        Assert.Equal(Quantity.Exactly(2000), mention.Value);
    }

    [Theory]
    [InlineData("two thousand five hundred", 2500)]
    [InlineData("one hundred and fifty", 150)]
    [InlineData("3.5 billion", 3_500_000_000)]
    [InlineData("a thousand", 1000)]
    [InlineData("ninety-nine", 99)]
    public void Count_words_and_scales(string text, long expected)
    {
        Assert.Equal(expected, Recognizer.ParseCount(text));
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("two three")]
    [InlineData("hundred")]
    public void Not_whole_counts(string text)
    {
        Assert.Null(Recognizer.ParseCount(text));
    }

    [Fact]
    public void Lexicon_loads_from_a_folder()
    {
        var lexicon = QuantityLexicon.Load(Path.Combine(Garrison.Lexicons.DataDirectory.Locate(), "lexicon", "en"));

        Assert.Equal(40, lexicon.Vague["scores of"]);
        Assert.Contains("roughly", lexicon.Approximate);
        Assert.Equal(12, lexicon.Numbers.Hundreds["dozen"]);
    }
}
