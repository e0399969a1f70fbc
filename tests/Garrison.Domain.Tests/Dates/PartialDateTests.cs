using Garrison.Domain.Dates;
using NodaTime;

namespace Garrison.Domain.Tests.Dates;

public class PartialDateTests
{
    [Theory]
    [InlineData("2014", DatePrecision.Year, "2014-01-01", "2014-12-31")]
    [InlineData("2020-01", DatePrecision.Month, "2020-01-01", "2020-01-31")]
    [InlineData("2024-02", DatePrecision.Month, "2024-02-01", "2024-02-29")]
    [InlineData("2026-01-18", DatePrecision.Day, "2026-01-18", "2026-01-18")]
    public void Parse_keeps_the_precision_the_text_gave(string text, DatePrecision precision, string first, string last)
    {
        var date = PartialDate.Parse(text);

        Assert.Equal(precision, date.Precision);
        Assert.Equal(text, date.ToString());
        Assert.Equal(first, date.FirstDay.ToString("yyyy-MM-dd", null));
        Assert.Equal(last, date.LastDay.ToString("yyyy-MM-dd", null));
    }

    [Theory]
    [InlineData("")]
    [InlineData("20")]
    [InlineData("2020-13")]
    [InlineData("2023-02-29")]
    [InlineData("2020-1")]
    [InlineData("yesterday")]
    public void TryParse_refuses_what_is_not_a_date(string text) => Assert.False(PartialDate.TryParse(text, out _));

    [Fact]
    public void A_month_has_no_day()
    {
        var month = PartialDate.OfMonth(2020, 1);

        Assert.Null(month.Day);
        Assert.Equal(1, month.Month);
        Assert.True(month.Covers(new LocalDate(2020, 1, 31)));
        Assert.False(month.Covers(new LocalDate(2020, 2, 1)));
    }

    [Fact]
    public void Coarser_dates_sort_before_finer_ones_that_start_the_same_day()
    {
        var dates = new[] { PartialDate.OfDay(2020, 1, 1), PartialDate.OfYear(2020), PartialDate.OfMonth(2020, 1) };

        Assert.Equal(["2020", "2020-01", "2020-01-01"], dates.Order().Select(d => d.ToString()));
    }

    [Theory]
    [InlineData("2014")]
    [InlineData("2020-01")]
    [InlineData("2026-01-18")]
    [InlineData("0999-12")]
    [InlineData("0005-03-07")]
    public void Ascii_formatting_writes_the_text_of_ToString(string text)
    {
        var date = PartialDate.Parse(text);
        Span<byte> bytes = stackalloc byte[10];

        Assert.True(date.TryFormatAscii(bytes, out var written));
        Assert.Equal(date.ToString(), System.Text.Encoding.ASCII.GetString(bytes[..written]));
    }

    [Fact]
    public void Ascii_formatting_declines_a_destination_too_short()
    {
        Span<byte> bytes = stackalloc byte[9];

        Assert.False(PartialDate.OfDay(2026, 1, 18).TryFormatAscii(bytes, out var written));
        Assert.Equal(0, written);
        Assert.True(PartialDate.OfMonth(2026, 1).TryFormatAscii(bytes, out written));
        Assert.Equal(7, written);
    }
}
