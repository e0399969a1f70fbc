using System.Text.RegularExpressions;
using Garrison.Domain.Dates;
using Garrison.Domain.Provenance;
using NodaTime;

namespace Garrison.Reading.Dates;

/// <summary>
/// The document's published date as the reference for relative expressions, with what it can answer: a weekday
/// needs a day-precise dateline, "last month" a month-precise one, "last year" only a year.
/// </summary>
public readonly partial record struct Dateline(PartialDate? Value)
{
    /// <summary>How far into the body a press dateline may stand (after a title, a release number, "For Immediate Release").</summary>
    public const int SearchLength = 600;

    public LocalDate? Day => Value is { Precision: DatePrecision.Day } v ? v.FirstDay : null;

    public YearMonth? Month => Value is { Precision: >= DatePrecision.Month } v ? new YearMonth(v.Year, v.MonthValue) : null;

    public int? Year => Value?.Year;

    /// <summary>Why the dateline cannot answer an expression that needs <paramref name="precision"/>.</summary>
    public string Lacks(DatePrecision precision) => Value is null
        ? "no dateline: the document gives no published date"
        : $"the dateline ({Value}) is not precise to the {precision.ToString().ToLowerInvariant()}";

    /// <summary>
    /// True when the date at <paramref name="span"/> is a report's own dateline, "KABUL, Afghanistan (Feb. 8, 2011)"
    /// or "BAGHDAD, Jan. 5 (Reuters) -": it says when the report was written, not when anything in it happened.
    /// </summary>
    public static bool IsDatelineAt(string body, TextSpan span)
    {
        if (span.Start > SearchLength)
        {
            return false;
        }

        var before = body[Math.Max(0, span.Start - 80)..span.Start];
        var after = body[span.End..Math.Min(body.Length, span.End + 12)];
        return (PlaceThenParenthesis().IsMatch(before) && after.TrimStart().StartsWith(')'))
               || (CapitalisedPlaceThenComma().IsMatch(before) && WireAfter().IsMatch(after));
    }

    // "KABUL, Afghanistan (" or "Kabul, Afghanistan (": a place, its country, and the date in parentheses.
    [GeneratedRegex(@"(?:^|\s)\p{Lu}[\p{L}\p{M}.'’-]+(?: \p{Lu}[\p{L}\p{M}.'’-]+)?,\s*\p{Lu}[\p{L}\p{M}.'’-]+(?: \p{Lu}[\p{L}\p{M}.'’-]+)?\s*\(\s*$")]
    private static partial Regex PlaceThenParenthesis();

    // "BAGHDAD, " before the date: a place in capitals opening the report.
    [GeneratedRegex(@"(?:^|\n|\s{2})\p{Lu}{2,}(?:[ -]\p{Lu}{2,})*,\s*$")]
    private static partial Regex CapitalisedPlaceThenComma();

    // "(Reuters) -", " - ", " — " after the date.
    [GeneratedRegex(@"^\s*(?:\(|[-–—])")]
    private static partial Regex WireAfter();
}
