using Garrison.Domain.Dates;
using Garrison.Domain.Quantities;
using Garrison.Domain.Records;
using Garrison.Storage.Temporal;
using NodaTime;

namespace Garrison.Storage.Tests;

/// <summary>
/// The troop-level rows of a state answer against a plain LINQ statement of the rule: one row per force and area (by id)
/// in the order their groups first appear, ordered by the force's and the area's names (stable), the best-supported figure
/// first (most sources, then the latest source, then the lower estimate, then the first fact) and the others disputed.
/// </summary>
public sealed class StateProjectionTests
{
    [Fact]
    public void Troop_levels_are_grouped_and_ranked_as_the_rule_says_wherever_a_groups_lines_come()
    {
        var at = new LocalDate(2020, 6, 1);
        var random = new Random(3);
        // Two forces share a name (different ids), so groups meet in name order and lines of a group come apart.
        EntityRef[] forces = [new(1, "Force B"), new(2, "Force A"), new(3, "Force A"), new(4, "Force C")];
        EntityRef[] areas = [new(10, "Area 2"), new(11, "Area 1"), new(12, "Area 1")];
        var lines = new List<StateLine>();
        for (var i = 0; i < 400; i++)
        {
            var figure = 100 * random.Next(1, 6);
            lines.Add(new StateLine(HoldingKind.TroopLevel, forces[random.Next(forces.Length)], areas[random.Next(areas.Length)],
                PartialDate.OfYear(2019), null, new LocalDate(2019, 1, 1), random.Next(4) == 0 ? new LocalDate(2019, 12, 31) : null,
                random.Next(2) == 0 ? Quantity.About(figure) : Quantity.Exactly(figure),
                [.. Enumerable.Range(0, random.Next(1, 4)).Select(s => $"r{i}-{s}")],
                random.Next(3) == 0 ? null : new LocalDate(2018, 1, 1).PlusDays(random.Next(0, 3)), random.Next(0, 50)));
        }

        var held = lines.Where(l => l.HoldsOn(at)).ToList();
        var expected = held
            .GroupBy(l => (l.Holder.Id, l.Place.Id))
            .OrderBy(g => g.First().Holder.Name, StringComparer.Ordinal)
            .ThenBy(g => g.First().Place.Name, StringComparer.Ordinal)
            .Select(g =>
            {
                var ranked = g
                    .OrderByDescending(l => l.SourceIds.Count)
                    .ThenByDescending(l => l.LatestSource ?? LocalDate.MinIsoValue)
                    .ThenBy(l => l.Quantity!.BestEstimate)
                    .ThenBy(l => l.FirstFactId)
                    .Select(l => new TroopLevelRow(l.Holder.Name, l.Place.Name, l.Quantity!, l.Since, l.Until, l.SourceIds))
                    .ToList();
                return ranked.Count == 1 ? ranked[0] : ranked[0] with { Disputed = ranked[1..] };
            })
            .ToList();

        var state = StateProjection.StateAt(lines, at);

        Assert.True(expected.Count(r => r.Disputed is not null) > 5, "too few disputed groups to prove the ranking");
        Assert.Equal(RecordJson.Serialize(expected), RecordJson.Serialize(state.TroopLevels));
    }
}
