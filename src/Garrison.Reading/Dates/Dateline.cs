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

        // Both forms need the first character after the date that is not white space to be ')' (the first form) or
        // '(' or a dash (the second form's only test after the date, "(Reuters) -", " — ": `^\s*(?:\(|[-–—])`). It is
        // tested first and in place: the events stage asks this of most dates near the top of a report, and the
        // patterns over the 80 characters before (tried at every position, for their `$`) were most of the cost.
        // Regex \s and char.IsWhiteSpace are the same set, so this turns away only dates neither form can match. The
        // patterns read the text in place (their anchors are the span's ends, as they were the cut string's).
        var after = body.AsSpan(span.End, Math.Min(body.Length, span.End + 12) - span.End).TrimStart();
        if (after.IsEmpty || after[0] is not (')' or '(' or '-' or '–' or '—'))
        {
            return false;
        }

        var before = body.AsSpan(Math.Max(0, span.Start - 80), span.Start - Math.Max(0, span.Start - 80));
        return (after[0] == ')' && PlaceThenParenthesis().IsMatch(before))
               || (after[0] != ')' && CapitalisedPlaceThenComma().IsMatch(before));
    }

    // "KABUL, Afghanistan (" or "Kabul, Afghanistan (": a place, its country, and the date in parentheses.
    [GeneratedRegex(@"(?:^|\s)\p{Lu}[\p{L}\p{M}.'’-]+(?: \p{Lu}[\p{L}\p{M}.'’-]+)?,\s*\p{Lu}[\p{L}\p{M}.'’-]+(?: \p{Lu}[\p{L}\p{M}.'’-]+)?\s*\(\s*$")]
    private static partial Regex PlaceThenParenthesis();

    // "BAGHDAD, " before the date: a place in capitals opening the report.
    [GeneratedRegex(@"(?:^|\n|\s{2})\p{Lu}{2,}(?:[ -]\p{Lu}{2,})*,\s*$")]
    private static partial Regex CapitalisedPlaceThenComma();
}
