namespace Garrison.Interchange.Acled;

/// <summary>
/// ACLED's tags column: semicolon-separated "key=value" notes (ACLED writes e.g. "crowd size=no report").
/// Garrison writes what the other columns cannot hold (the hedge on a count, our finer event type, the exact
/// date span) under its own keys, and reads them back so that an export re-imports as the same event.
/// </summary>
public static class AcledTags
{
    public const string GarrisonType = "garrison type";
    public const string Status = "status";
    public const string Date = "date";
    public const string Killed = "killed";
    public const string Injured = "injured";
    public const string Quantity = "quantity";
    public const string AttributedTo = "attributed to";
    public const string Origin = "origin";

    public static string Format(IEnumerable<KeyValuePair<string, string>> tags) =>
        string.Join("; ", tags.Select(t => $"{t.Key}={Clean(t.Value)}"));

    /// <summary>Tags as key/value pairs; a tag without "=" is kept with an empty key.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string? text)
    {
        var tags = new List<KeyValuePair<string, string>>();
        foreach (var part in (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            tags.Add(equals < 0
                ? new KeyValuePair<string, string>("", part)
                : new KeyValuePair<string, string>(part[..equals].Trim().ToLowerInvariant(), part[(equals + 1)..].Trim()));
        }

        return tags;
    }

    public static string? Get(IReadOnlyList<KeyValuePair<string, string>> tags, string key) =>
        tags.FirstOrDefault(t => t.Key == key).Value;

    // The separator cannot appear inside a value.
    private static string Clean(string value) => value.Replace(';', ',').Replace('\n', ' ').Replace('\r', ' ').Trim();
}
