using Garrison.Domain.Quantities;
using Garrison.Lexicons;
using Garrison.Reading.Matching;
using Garrison.Reading.Pipeline;

namespace Garrison.Reading.Tests.Matching;

public sealed class DecimalDigitsTests
{
    private static readonly Lazy<ReadingPipeline> Pipeline = new(() => ReadingPipelineFactory.Create(DataDirectory.Locate()));

    [Theory]
    [InlineData("2024", "2024")]
    [InlineData("٢٠٢٤", "2024")]
    [InlineData("5٣", "53")]
    [InlineData("१२", "12")]
    [InlineData("Mosul ١٢", "Mosul 12")]
    public void Folds_every_decimal_digit_to_ascii(string text, string expected) =>
        Assert.Equal(expected, DecimalDigits.ToAscii(text));

    [Fact]
    public void Returns_the_same_string_when_nothing_folds()
    {
        const string text = "al-Anbār 300";

        Assert.Same(text, DecimalDigits.ToAscii(text));
    }

    [Fact]
    public void A_report_with_digits_of_another_script_reads_them_as_numbers_and_dates()
    {
        // These digits used to stop the whole report: the patterns matched them and the number parse threw.
        const string text = "published: 2024-05-20\n---\n" +
                            "Gunmen fired ٣ rockets toward an airfield near Baghdad. Another 5٣ shells fell nearby in 20٢٣.\n";

        var document = Pipeline.Value.Annotate("digits", text);

        Assert.Contains(document.Quantities, q => q.Span.Slice(document.Body) == "٣" && q.Value == Quantity.Exactly(3));
        Assert.Contains(document.Quantities, q => q.Value == Quantity.Exactly(53));
        Assert.Contains(document.Dates, d => d.Span.Slice(document.Body) == "20٢٣" && d.Value.From.ToString() == "2023");
    }
}
