using Garrison.Domain.Dates;
using Garrison.Domain.Provenance;
using Garrison.Reading.Dates;
using Garrison.Reading.Documents;
using Garrison.Reading.Header;

namespace Garrison.Reading.Tests.Dates;

public sealed class DateStageTests
{
    private static readonly DateRecognizer Recognizer = new();

    [Fact]
    public void Stage_resolves_against_the_header_dateline_with_body_offsets()
    {
        var document = new ReadingDocument("doc", "published: 2024-08-07\n---\nOn Monday, a drone struck.");
        new HeaderStage().Process(document);

        new DateStage().Process(document);

        var mention = Assert.Single(document.Dates);
        Assert.Equal(new TextSpan(3, 9), mention.Span);
        Assert.Equal(DateSpan.On(PartialDate.OfDay(2024, 8, 5)), mention.Value);
    }

    [Theory]
    [InlineData("last Sunday", "2026-01-11")] // the dateline is a Sunday: "last" means the one before
    [InlineData("next Sunday", "2026-01-25")]
    [InlineData("on Wednesday", "2026-01-14")]
    public void Weekday_choosers(string text, string expected)
    {
        var mention = Assert.Single(Recognizer.Recognize(text, PartialDate.OfDay(2026, 1, 18)));

        Assert.Equal(expected, mention.Value.From.ToString());
        Assert.Equal(mention.Value.From, mention.Value.To);
    }

    [Fact]
    public void Unresolved_mentions_keep_the_reason()
    {
        var mention = Assert.Single(Recognizer.Recognize("It happened yesterday.", null));

        Assert.True(mention.Value.IsUnknown);
        Assert.Equal("no dateline: the document gives no published date", mention.Unresolved);
    }

    [Fact]
    public void Impossible_day_is_unresolved_not_corrected()
    {
        var mention = Assert.Single(Recognizer.Recognize("on February 30, 2023", null));

        Assert.Equal("no such day: 2023-02-30", mention.Unresolved);
    }

    [Fact]
    public void Relative_dates_count_from_the_latest_resolved_mention()
    {
        const string text = "In March 2021 talks began. Two months later they stalled; a year later they resumed.";

        var mentions = Recognizer.Recognize(text, PartialDate.OfDay(2026, 1, 18));

        Assert.Equal(["2021-03", "2021-05", "2022"], mentions.Select(m => m.Value.From.ToString()));
    }

    [Fact]
    public void Two_digit_range_end_takes_the_century_of_the_start()
    {
        var mention = Assert.Single(Recognizer.Recognize("the 2019–21 drawdown", null));

        Assert.Equal(new DateSpan(PartialDate.OfYear(2019), PartialDate.OfYear(2021)), mention.Value);
        Assert.Equal(new TextSpan(4, 11), mention.Span);
    }

    [Fact]
    public void Mentions_do_not_overlap_and_prefer_the_longest()
    {
        var mentions = Recognizer.Recognize("between January and March 2020", null);

        var mention = Assert.Single(mentions);
        Assert.Equal(new DateSpan(PartialDate.OfMonth(2020, 1), PartialDate.OfMonth(2020, 3)), mention.Value);
    }

    [Fact]
    public void A_day_no_month_has_is_reported_not_thrown()
    {
        var mention = Assert.Single(Recognizer.Recognize("on September 31 the talks", PartialDate.OfDay(2024, 3, 10)));

        Assert.True(mention.Value.IsUnknown);
        Assert.Equal("no such day: 2024-09-31", mention.Unresolved);
    }

    [Fact]
    public void Lexicon_loads_from_a_folder()
    {
        var lexicon = DateLexicon.Load(Path.Combine(Garrison.Lexicons.DataDirectory.Locate(), "lexicon", "en"));

        Assert.Equal(9, lexicon.Months["Sept"]);
        Assert.Equal((5, 8), lexicon.Parts["mid"]);
        Assert.Equal(DateUnit.Decade, lexicon.Units["decades"]);
    }
}
