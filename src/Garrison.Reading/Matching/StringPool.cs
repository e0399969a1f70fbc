namespace Garrison.Reading.Matching;

/// <summary>
/// One string per distinct piece of text, per thread: the word and token scanners return the same string for every
/// "the", "forces" and "Iraq" of every report instead of a fresh copy each time, which spared most of their
/// allocations (and the garbage collections they caused). Per thread rather than shared, so a look-up takes no lock;
/// bounded, so a long stream of unusual words cannot grow it without end.
/// </summary>
/// <remarks>
/// CommunityToolkit.HighPerformance's StringPool does the same across threads, but locks a bucket on every look-up
/// and is a dependency for what a BCL dictionary with a span look-up does in a few lines.
/// </remarks>
internal static class StringPool
{
    /// <summary>Distinct texts kept per thread; past it the pool starts afresh (a report has a few hundred).</summary>
    private const int Capacity = 50_000;

    [ThreadStatic]
    private static Dictionary<string, string>? strings;

    [ThreadStatic]
    private static Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> lookup;

    /// <summary>The pooled string equal to <paramref name="text"/>.</summary>
    public static string Get(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return "";
        }

        if (strings is null)
        {
            strings = new Dictionary<string, string>(StringComparer.Ordinal);
            lookup = strings.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        if (lookup.TryGetValue(text, out var known))
        {
            return known;
        }

        if (strings.Count >= Capacity)
        {
            strings.Clear();
        }

        var made = text.ToString();
        strings.Add(made, made);
        return made;
    }
}
