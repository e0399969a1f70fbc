using System.Globalization;
using System.Text.RegularExpressions;
using Garrison.Domain.Quantities;

namespace Garrison.Interchange;

/// <summary>
/// A quantity written as a short phrase for a CSV cell or an ACLED tag ("about 2500", "250-350", "at least 101",
/// "up to 50", "7"), and read back, so that a hedge survives a trip through a single-number column.
/// </summary>
public static partial class QuantityText
{
    public static string Format(Quantity quantity)
    {
        var prefix = quantity.Approx ? "about " : "";
        var body = (quantity.Value, quantity.Low, quantity.High) switch
        {
            ({ } value, null, null) => Invariant(value),
            ({ } value, var low, var high) => $"{Invariant(value)} ({Invariant(low)}-{Invariant(high)})",
            (null, { } low, { } high) => $"{Invariant(low)}-{Invariant(high)}",
            (null, { } low, null) => $"at least {Invariant(low)}",
            (null, null, { } high) => $"up to {Invariant(high)}",
            _ => "unknown",
        };
        return prefix + body;
    }

    public static bool TryParse(string? text, out Quantity? quantity)
    {
        quantity = null;
        var match = Pattern().Match(text?.Trim() ?? "");
        if (!match.Success)
        {
            return false;
        }

        var approx = match.Groups["about"].Success;
        long? Number(string group) => match.Groups[group].Success
            ? long.Parse(match.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture)
            : null;

        if (match.Groups["unknown"].Success)
        {
            return true;
        }

        quantity = new Quantity(Number("value"), Number("low") ?? Number("least"), Number("high") ?? Number("most"), approx);
        return true;
    }

    private static string Invariant(long? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "";

    [GeneratedRegex(
        @"^(?<about>about )?(?:(?<unknown>unknown)|at least (?<least>\d+)|up to (?<most>\d+)|(?<low>\d+)-(?<high>\d+)|(?<value>\d+)(?: \((?<low>\d*)-(?<high>\d*)\))?)$",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Pattern();
}
