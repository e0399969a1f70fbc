using System.Text.RegularExpressions;
using Garrison.Domain.Provenance;
using Garrison.Domain.Quantities;
using Garrison.Reading.Documents;

namespace Garrison.Reading.Quantities;

/// <summary>A group counted in parts: the parts as found and their sum.</summary>
/// <param name="Span">From the first part's start to the last part's end.</param>
/// <param name="Total">The sum of the parts (see <see cref="QuantityRules.Sum"/>).</param>
/// <param name="Parts">The counts that were added, in text order.</param>
public sealed record CoordinatedCount(TextSpan Span, Quantity Total, IReadOnlyList<QuantityMention> Parts);

/// <summary>Rules over quantity mentions that later stages (events, facts) share.</summary>
public static partial class QuantityRules
{
    private static readonly HashSet<string> ClauseWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "was", "were", "is", "are", "had", "have", "has", "been", "be", "in", "at", "on", "from", "after", "before",
        "when", "while", "who", "which", "that", "said", "says", "killed", "wounded", "injured", "died", "including",
        "than", "of", "by", "with", "during", "but", "or", "to",
    };

    /// <summary>
    /// Sums a group that the text counts in parts joined by "and", commas, "as well as" or "plus":
    /// in "five US service members and two US contractors were injured" the parts are 5 and 2 and the total is 7.
    /// </summary>
    /// <param name="body">The text the mentions' offsets index (the document body).</param>
    /// <param name="quantities">Quantity mentions of the body, in any order (e.g. <c>document.Quantities</c>).</param>
    /// <param name="within">Where to look, typically the clause or sentence that names the outcome (injured, killed).</param>
    /// <returns>
    /// The first run of two or more counts inside <paramref name="within"/> where each count is followed by a short
    /// noun phrase (at most five words, none of them a verb, preposition or relative word such as "were", "in",
    /// "who") and a joiner before the next count; null when there is no such run (a single count is not a group:
    /// use it directly).
    /// </returns>
    /// <example>
    /// <code>
    /// var sentence = document.Sentences[i].Span;
    /// if (QuantityRules.SumCoordinatedCounts(document.Body, document.Quantities, sentence) is { } group)
    ///     injured = group.Total;   // 7 for "five US service members and two US contractors were injured"
    /// </code>
    /// </example>
    public static CoordinatedCount? SumCoordinatedCounts(string body, IEnumerable<QuantityMention> quantities, TextSpan within)
    {
        var inside = quantities.Where(q => within.Contains(q.Span)).OrderBy(q => q.Span.Start).ToList();
        for (var first = 0; first < inside.Count - 1; first++)
        {
            var run = new List<QuantityMention> { inside[first] };
            for (var next = first + 1; next < inside.Count && Joined(body, run[^1].Span.End, inside[next].Span.Start); next++)
            {
                run.Add(inside[next]);
            }

            if (run.Count >= 2)
            {
                return new CoordinatedCount(new TextSpan(run[0].Span.Start, run[^1].Span.End), Sum(run.Select(r => r.Value)), run);
            }
        }

        return null;
    }

    /// <summary>
    /// Adds counts: values add when every part has one; otherwise lower bounds add (a value counts as its own
    /// bound, a missing one as zero) and upper bounds add when every part has one. Approximate when any part is.
    /// </summary>
    public static Quantity Sum(IEnumerable<Quantity> parts)
    {
        var list = parts.ToList();
        var approx = list.Exists(p => p.Approx);
        if (list.TrueForAll(p => p.Value is not null))
        {
            return new Quantity(list.Sum(p => p.Value!.Value), Approx: approx);
        }

        // A count is never below zero, so a part with only an upper bound adds nothing to the lower bound.
        var lowSum = list.Sum(p => p.Value ?? p.Low ?? 0);
        long? low = lowSum > 0 ? lowSum : null;
        long? high = list.TrueForAll(p => (p.Value ?? p.High) is not null) ? list.Sum(p => (p.Value ?? p.High)!.Value) : null;
        return new Quantity(null, low, high, approx);
    }

    // Between two counts: a short noun phrase, then "and" / "," / ", and" / "as well as" / "plus".
    private static bool Joined(string body, int from, int to)
    {
        if (to - from > 80)
        {
            return false; // five words and a joiner never take this long; also keeps the match cheap
        }

        var gap = Gap().Match(body[from..to]);
        if (!gap.Success)
        {
            return false;
        }

        var words = gap.Groups["phrase"].Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return words.Length is >= 1 and <= 5 && !words.Any(ClauseWords.Contains);
    }

    [GeneratedRegex(@"^\s+(?<phrase>[\p{L}\p{M}'’.\-]+(?:\s+[\p{L}\p{M}'’.\-]+)*?)\s*(?:,\s*and|,|and|as\s+well\s+as|plus)\s+$")]
    private static partial Regex Gap();
}
