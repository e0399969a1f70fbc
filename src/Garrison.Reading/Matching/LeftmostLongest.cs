using Garrison.Domain.Provenance;

namespace Garrison.Reading.Matching;

/// <summary>
/// The choice the date and quantity recognizers make among their rules' candidate matches: by start, longer first, then
/// by rule, then as found (what a stable LINQ OrderBy/ThenBy gave), each kept unless it overlaps the one kept before.
/// Sorted in place over value keys, since LINQ's ordering allocated per call on the hot path.
/// </summary>
internal static class LeftmostLongest
{
    // The packed key's fields, most significant first: start (24 bits), length subtracted from its largest value (16, so
    // longer sorts first), rule (8), index as found (16).
    private const int MaxStart = (1 << 24) - 1;
    private const int MaxLength = ushort.MaxValue;
    private const int MaxRule = byte.MaxValue;
    private const int MaxFound = ushort.MaxValue;

    public static List<T> Choose<T>(List<T> candidates, Func<T, TextSpan> spanOf, Func<T, int> ruleOf) =>
        Choose(candidates, spanOf, ruleOf, packed: true);

    /// <param name="packed">
    /// Whether the order is found by sorting the four keys packed into one 64-bit integer, where every candidate's keys
    /// fit (a report's candidates always do); false only to test that it chooses as the sort of the keys as a tuple does.
    /// </param>
    internal static List<T> Choose<T>(List<T> candidates, Func<T, TextSpan> spanOf, Func<T, int> ruleOf, bool packed)
    {
        if (packed && candidates.Count <= MaxFound + 1 && ChoosePacked(candidates, spanOf, ruleOf) is { } chosenByKey)
        {
            return chosenByKey;
        }

        Span<(int Start, int Longer, int Rule, int Found)> order = candidates.Count <= 64 ? stackalloc (int Start, int Longer, int Rule, int Found)[candidates.Count]
            : new (int Start, int Longer, int Rule, int Found)[candidates.Count];
        for (var k = 0; k < candidates.Count; k++)
        {
            var span = spanOf(candidates[k]);
            order[k] = (span.Start, -span.Length, ruleOf(candidates[k]), k);
        }

        order.Sort();
        var chosen = new List<T>();
        var end = int.MinValue;
        foreach (var key in order)
        {
            var candidate = candidates[key.Found];
            var span = spanOf(candidate);
            if (end <= span.Start)
            {
                chosen.Add(candidate);
                end = span.End;
            }
        }

        return chosen;
    }

    /// <summary>
    /// The same choice through one 64-bit key per candidate, or null when a candidate's start, length or rule does not
    /// fit its field. Why: the sort of four-int tuples compared field by field through the tuple's comparer was ~3 % of
    /// the two stages; integers sort by a plain comparison, and the key gives back the span without asking for it again.
    /// The order is the same: each field is non-negative and below its width, so comparing the keys compares the
    /// fields in turn, and the length enters as its largest value less it, so longer sorts first.
    /// </summary>
    private static List<T>? ChoosePacked<T>(List<T> candidates, Func<T, TextSpan> spanOf, Func<T, int> ruleOf)
    {
        Span<ulong> keys = candidates.Count <= 128 ? stackalloc ulong[candidates.Count] : new ulong[candidates.Count];
        for (var k = 0; k < candidates.Count; k++)
        {
            var span = spanOf(candidates[k]);
            var rule = ruleOf(candidates[k]);
            if ((uint)span.Start > MaxStart || (uint)span.Length > MaxLength || (uint)rule > MaxRule)
            {
                return null;
            }

            keys[k] = ((ulong)span.Start << 40) | ((ulong)(MaxLength - span.Length) << 24) | ((ulong)rule << 16) | (uint)k;
        }

        keys.Sort();
        var chosen = new List<T>();
        var end = int.MinValue;
        foreach (var key in keys)
        {
            var start = (int)(key >> 40);
            if (end <= start)
            {
                chosen.Add(candidates[(int)(key & MaxFound)]);
                end = start + (MaxLength - (int)((key >> 24) & MaxLength));
            }
        }

        return chosen;
    }
}
