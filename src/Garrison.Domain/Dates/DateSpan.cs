using System.Text.Json.Serialization;
using NodaTime;

namespace Garrison.Domain.Dates;

/// <summary>
/// An interval of partial dates, either end open (null). The spec's <c>date</c> and <c>valid</c> objects.
/// "In January 2020" is From = To = 2020-01; "since December 2021" is From = 2021-12, To = null.
/// </summary>
public sealed record DateSpan(PartialDate? From, PartialDate? To, bool Approx = false)
{
    public static DateSpan Unknown { get; } = new(null, null);

    public static DateSpan On(PartialDate date, bool approx = false) => new(date, date, approx);

    public static DateSpan Since(PartialDate date, bool approx = false) => new(date, null, approx);

    /// <summary>True when the span may include <paramref name="day"/> (open ends are unbounded).</summary>
    public bool MayInclude(LocalDate day) =>
        (From is null || From.Value.FirstDay <= day) && (To is null || To.Value.LastDay >= day);

    /// <summary>Neither end known. Computed, so not part of the JSON contract.</summary>
    [JsonIgnore]
    public bool IsUnknown => From is null && To is null;
}
