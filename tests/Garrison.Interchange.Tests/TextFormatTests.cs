using Garrison.Domain.Dates;
using Garrison.Domain.Quantities;

namespace Garrison.Interchange.Tests;

public sealed class TextFormatTests
{
    public static TheoryData<string> Quantities => new() { "7", "about 2500", "250-350", "at least 101", "about at least 40", "up to 50", "15 (15-20)" };

    [Theory]
    [MemberData(nameof(Quantities))]
    public void Quantity_text_reads_back_as_written(string text)
    {
        Assert.True(QuantityText.TryParse(text, out var quantity));
        Assert.Equal(text, QuantityText.Format(quantity!));
    }

    [Fact]
    public void Quantity_text_keeps_the_hedge()
    {
        Assert.Equal("250-350", QuantityText.Format(Quantity.Between(250, 350)));
        QuantityText.TryParse("about 2500", out var about);
        Assert.Equal(Quantity.About(2500), about);
        Assert.False(QuantityText.TryParse("dozens", out _));
    }

    [Theory]
    [InlineData("2026-01-18")]
    [InlineData("2020-01/2020-03")]
    [InlineData("2021-12/..")]
    [InlineData("../2014")]
    [InlineData("about 2024-08")]
    public void Date_span_text_reads_back_as_written(string text)
    {
        Assert.True(DateSpanText.TryParse(text, out var span));
        Assert.Equal(text, DateSpanText.Format(span));
    }

    [Fact]
    public void Date_span_text_refuses_what_is_not_a_span()
    {
        Assert.False(DateSpanText.TryParse("../..", out _));
        Assert.False(DateSpanText.TryParse("January 2020", out _));
        Assert.True(DateSpanText.TryParse("2021-12/..", out var open));
        Assert.Equal(DateSpan.Since(PartialDate.OfMonth(2021, 12)), open);
    }
}
