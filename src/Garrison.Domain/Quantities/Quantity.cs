using System.Text.Json.Serialization;

namespace Garrison.Domain.Quantities;

/// <summary>
/// A count as a report hedges it: "roughly 2,500" is Value 2500 with Approx; "250 to 350" is Low 250, High 350;
/// "more than 100" is Low 101; "scores of" is Low 40 and no Value. Vagueness is data, not lost precision.
/// </summary>
public sealed record Quantity(long? Value, long? Low = null, long? High = null, bool Approx = false)
{
    public static Quantity Exactly(long value) => new(value);

    public static Quantity About(long value) => new(value, Approx: true);

    public static Quantity Between(long low, long high, bool approx = false) => new(null, low, high, approx);

    public static Quantity AtLeast(long low, bool approx = false) => new(null, low, null, approx);

    /// <summary>The best single number: the value, else the midpoint of a closed range, else the bound given.</summary>
    /// <remarks>Computed from the stored fields, so it is not part of the JSON contract.</remarks>
    [JsonIgnore]
    public long? BestEstimate => Value ?? (Low, High) switch
    {
        ({ } low, { } high) => (low + high) / 2,
        ({ } low, null) => low,
        (null, { } high) => high,
        _ => null,
    };

    /// <summary>True when <paramref name="n"/> is consistent with this quantity.</summary>
    public bool Admits(long n) => Value is { } v ? v == n : (Low is null || n >= Low) && (High is null || n <= High);
}
