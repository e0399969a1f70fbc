using System.Globalization;
using System.Text.Json;
using Garrison.Domain.Dates;
using Garrison.Domain.Records;
using NodaTime;
using NodaTime.Text;

namespace Garrison.Web.Endpoints;

/// <summary>
/// Reads query and route values by hand, so that a bad one gets a 400 naming the parameter and saying why
/// (framework binding failures would only say "bad request").
/// </summary>
internal sealed class QueryValues
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool HasErrors => _errors.Count > 0;

    public IDictionary<string, string[]> Errors => _errors;

    public void Fail(string parameter, string why) =>
        _errors[parameter] = _errors.TryGetValue(parameter, out var existing) ? [.. existing, why] : [why];

    /// <summary>A calendar day, "2026-01-18".</summary>
    public LocalDate? Day(string parameter, string? text, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                Fail(parameter, $"'{parameter}' is required: a date YYYY-MM-DD");
            }

            return null;
        }

        var parsed = LocalDatePattern.Iso.Parse(text.Trim());
        if (!parsed.Success)
        {
            Fail(parameter, $"'{text}' is not a date: expected YYYY-MM-DD");
            return null;
        }

        return parsed.Value;
    }

    /// <summary>A date at any precision ("2014", "2020-01", "2026-01-18"); <paramref name="end"/> picks its last day, else its first.</summary>
    public LocalDate? Bound(string parameter, string? text, bool end)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!PartialDate.TryParse(text, out var date))
        {
            Fail(parameter, $"'{text}' is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD");
            return null;
        }

        return end ? date.LastDay : date.FirstDay;
    }

    public EventType? EventType(string parameter, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (EventTypeNames.TryGetValue(text.Trim(), out var type))
        {
            return type;
        }

        Fail(parameter, $"'{text}' is not an event type; expected one of: {string.Join(", ", EventTypeNames.Keys)}");
        return null;
    }

    public long? Id(string parameter, string text)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
        {
            return id;
        }

        Fail(parameter, $"'{text}' is not an id: expected a positive whole number");
        return null;
    }

    public int Count(string parameter, string? text, int fallback, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        Fail(parameter, $"'{text}' is not a whole number from {min} to {max}");
        return fallback;
    }

    /// <summary>Free text (a name); blank counts as absent; very long text is refused rather than searched.</summary>
    public string? Text(string parameter, string? text, bool required = false, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                Fail(parameter, $"'{parameter}' is required and must not be blank");
            }

            return null;
        }

        if (text.Length > maxLength)
        {
            Fail(parameter, $"'{parameter}' is longer than {maxLength} characters");
            return null;
        }

        return text.Trim();
    }

    /// <summary>Snake-case names exactly as the JSON writes them ("air_drone_strike").</summary>
    private static readonly IReadOnlyDictionary<string, EventType> EventTypeNames =
        Enum.GetValues<EventType>().ToDictionary(type => JsonNamingPolicy.SnakeCaseLower.ConvertName(type.ToString()), StringComparer.OrdinalIgnoreCase);
}
