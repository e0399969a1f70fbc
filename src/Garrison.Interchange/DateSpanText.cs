using Garrison.Domain.Dates;

namespace Garrison.Interchange;

/// <summary>
/// A date span in one cell, ISO 8601 interval style: "2026-01-18", "2020-01/2020-03", "2021-12/.." (open end),
/// "../2014", with "about " in front when the report hedged it.
/// </summary>
public static class DateSpanText
{
    public static string Format(DateSpan span)
    {
        var body = span.From == span.To && span.From is { } single
            ? single.ToString()
            : $"{span.From?.ToString() ?? ".."}/{span.To?.ToString() ?? ".."}";
        return (span.Approx ? "about " : "") + body;
    }

    public static bool TryParse(string? text, out DateSpan span)
    {
        span = DateSpan.Unknown;
        var trimmed = text?.Trim() ?? "";
        var approx = trimmed.StartsWith("about ", StringComparison.Ordinal);
        if (approx)
        {
            trimmed = trimmed["about ".Length..];
        }

        var parts = trimmed.Split('/');
        if (parts.Length == 1 && PartialDate.TryParse(parts[0], out var single))
        {
            span = DateSpan.On(single, approx);
            return true;
        }

        if (parts.Length == 2 && TryEnd(parts[0], out var from) && TryEnd(parts[1], out var to) && (from ?? to) is not null)
        {
            span = new DateSpan(from, to, approx);
            return true;
        }

        return false;
    }

    private static bool TryEnd(string text, out PartialDate? date)
    {
        date = null;
        if (text == "..")
        {
            return true;
        }

        if (PartialDate.TryParse(text, out var value))
        {
            date = value;
            return true;
        }

        return false;
    }
}
