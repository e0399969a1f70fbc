using Garrison.Domain.Dates;
using NodaTime;

namespace Garrison.Reading.Dates;

/// <summary>
/// The document's published date as the reference for relative expressions, with what it can answer: a weekday
/// needs a day-precise dateline, "last month" a month-precise one, "last year" only a year.
/// </summary>
public readonly record struct Dateline(PartialDate? Value)
{
    public LocalDate? Day => Value is { Precision: DatePrecision.Day } v ? v.FirstDay : null;

    public YearMonth? Month => Value is { Precision: >= DatePrecision.Month } v ? new YearMonth(v.Year, v.MonthValue) : null;

    public int? Year => Value?.Year;

    /// <summary>Why the dateline cannot answer an expression that needs <paramref name="precision"/>.</summary>
    public string Lacks(DatePrecision precision) => Value is null
        ? "no dateline: the document gives no published date"
        : $"the dateline ({Value}) is not precise to the {precision.ToString().ToLowerInvariant()}";
}
