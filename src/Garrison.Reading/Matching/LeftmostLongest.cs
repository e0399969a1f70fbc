using Garrison.Domain.Provenance;

namespace Garrison.Reading.Matching;

/// <summary>
/// The choice the date and quantity recognizers make among their rules' candidate matches: by start, longer first, then
/// by rule, then as found (what a stable LINQ OrderBy/ThenBy gave), each kept unless it overlaps the one kept before.
/// Sorted in place over value keys, since LINQ's ordering allocated per call on the hot path.
/// </summary>
internal static class LeftmostLongest
{
    public static List<T> Choose<T>(List<T> candidates, Func<T, TextSpan> spanOf, Func<T, int> ruleOf)
    {
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
}
