using System.Text.RegularExpressions;
using Garrison.Domain.Provenance;
using Garrison.Reading.Dates;

namespace Garrison.Reading.Tests.Dates;

public sealed partial class DatelineTests
{
    [Theory]
    [InlineData("KABUL, Afghanistan (Feb. 8, 2011) — Troops", "Feb. 8, 2011", true)]
    [InlineData("Title\n\nKabul, Afghanistan ( Feb. 8, 2011 ) Troops", "Feb. 8, 2011", true)]
    [InlineData("BAGHDAD, Jan. 5 (Reuters) - Rockets", "Jan. 5", true)]
    [InlineData("BAGHDAD, Jan. 5 — Rockets", "Jan. 5", true)]
    [InlineData("BAGHDAD, Jan. 5\u00A0– Rockets", "Jan. 5", true)]
    [InlineData("BAGHDAD, Jan. 5\u2003\u2003-", "Jan. 5", true)]
    [InlineData("BAGHDAD, Jan. 5", "Jan. 5", false)]
    [InlineData("BAGHDAD, Jan. 5 rockets (hit)", "Jan. 5", false)]
    [InlineData("Rockets hit Baghdad, Jan. 5 (local time)", "Jan. 5", false)]
    [InlineData("KABUL, Afghanistan (Feb. 8, 2011 and later)", "Feb. 8, 2011", false)]
    [InlineData("The base (Feb. 8, 2011) closed", "Feb. 8, 2011", false)]
    public void A_dateline_is_told_from_a_date_in_the_text(string body, string date, bool dateline)
    {
        var start = body.IndexOf(date, StringComparison.Ordinal);
        var span = new TextSpan(start, start + date.Length);
        Assert.Equal(dateline, Reference(body, span));
        Assert.Equal(dateline, Dateline.IsDatelineAt(body, span));
    }

    [Fact]
    public void The_test_after_the_date_first_answers_as_the_patterns_alone_did_on_real_and_varied_texts()
    {
        // Every span of up to 24 characters starting in the first 600 of each report of the test corpus and the
        // samples, and of the same reports' openings rewritten as datelines of both forms, against the former code
        // (both patterns over cut strings, the test after the date last).
        var texts = RealReports.Texts()
            .ToList();
        var openings = new[] { "KABUL, Afghanistan (", "BAGHDAD, ", "Title\n\nMOSUL-NINEVEH, ", "Kabul,\tAfghanistan\u00A0(" };
        var closings = new[] { ") ", " (Reuters) - ", " — ", "\u2003– ", " ", "" };
        foreach (var opening in openings)
        {
            foreach (var closing in closings)
            {
                texts.Add(opening + "Feb. 8, 2011" + closing + texts[0]);
            }
        }

        int spans = 0, datelines = 0;
        foreach (var text in texts)
        {
            for (var start = 0; start <= Math.Min(text.Length, Dateline.SearchLength + 2); start++)
            {
                for (var length = 0; length <= 24 && start + length <= text.Length; length++)
                {
                    var span = new TextSpan(start, start + length);
                    var expected = Reference(text, span);
                    Assert.True(expected == Dateline.IsDatelineAt(text, span), $"{span} in {text[..Math.Min(80, text.Length)]}");
                    spans++;
                    datelines += expected ? 1 : 0;
                }
            }
        }

        Assert.True(spans > 100_000 && datelines >= openings.Length * 3, $"{spans} spans, {datelines} datelines");
    }

    /// <summary>What <see cref="Dateline.IsDatelineAt"/> was before the test after the date was asked first.</summary>
    private static bool Reference(string body, TextSpan span)
    {
        if (span.Start > Dateline.SearchLength)
        {
            return false;
        }

        var before = body[Math.Max(0, span.Start - 80)..span.Start];
        var after = body[span.End..Math.Min(body.Length, span.End + 12)];
        return (PlaceThenParenthesis().IsMatch(before) && after.TrimStart().StartsWith(')'))
               || (CapitalisedPlaceThenComma().IsMatch(before) && WireAfter().IsMatch(after));
    }

    [GeneratedRegex(@"(?:^|\s)\p{Lu}[\p{L}\p{M}.'’-]+(?: \p{Lu}[\p{L}\p{M}.'’-]+)?,\s*\p{Lu}[\p{L}\p{M}.'’-]+(?: \p{Lu}[\p{L}\p{M}.'’-]+)?\s*\(\s*$")]
    private static partial Regex PlaceThenParenthesis();

    [GeneratedRegex(@"(?:^|\n|\s{2})\p{Lu}{2,}(?:[ -]\p{Lu}{2,})*,\s*$")]
    private static partial Regex CapitalisedPlaceThenComma();

    [GeneratedRegex(@"^\s*(?:\(|[-–—])")]
    private static partial Regex WireAfter();
}
