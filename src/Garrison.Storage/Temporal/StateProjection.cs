using System.Globalization;
using Garrison.Domain.Dates;
using Garrison.Domain.Quantities;
using Garrison.Domain.Records;
using NodaTime;

namespace Garrison.Storage.Temporal;

/// <summary>One thing that changed between two dates.</summary>
public sealed record StateChange(
    string Change,
    string Subject,
    string Place,
    string? Before,
    string? After,
    PartialDate? Date,
    IReadOnlyList<string> Sources);

/// <summary>Turns holdings into the answers: the state record on a date, and what changed between two dates.</summary>
public static class StateProjection
{
    /// <summary>The state on <paramref name="at"/> from holdings in <see cref="TemporalRules.Order"/>.</summary>
    public static StateRecord StateAt(IReadOnlyList<Holding> holdings, LocalDate at) =>
        StateAt([.. holdings.Where(h => h.HoldsOn(at)).Select(StateLine.Of)], at);

    /// <summary>
    /// The state on <paramref name="at"/> from lines in the order of <see cref="TemporalRules.Order"/> over their
    /// holdings (lines that do not hold on it are
    /// left out): presence in that order; control by place, controller, start; troop levels by force and area, the
    /// best-supported figure first.
    /// </summary>
    public static StateRecord StateAt(IReadOnlyList<StateLine> lines, LocalDate at)
    {
        var presence = new List<PresenceRow>();
        var control = new List<StateLine>();
        var troops = new List<StateLine>();
        foreach (var line in lines)
        {
            if (!line.HoldsOn(at))
            {
                continue;
            }

            switch (line.Kind)
            {
                case HoldingKind.Presence:
                    presence.Add(new PresenceRow(line.Holder.Name, line.Place.Name, line.Since, line.Until, line.SourceIds));
                    break;
                case HoldingKind.Control:
                    control.Add(line);
                    break;
                default:
                    troops.Add(line);
                    break;
            }
        }

        // OrderBy is stable: lines equal on these keys stay in the order given.
        var controlRows = control
            .OrderBy(h => h.Place.Name, StringComparer.Ordinal).ThenBy(h => h.Holder.Name, StringComparer.Ordinal)
            .ThenBy(h => h.FirstDay ?? LocalDate.MinIsoValue)
            .Select(h => new ControlRow(h.Holder.Name, h.Place.Name, h.Since, h.Until, h.SourceIds))
            .ToList();
        var troopRows = troops
            .GroupBy(h => (h.Holder.Id, h.Place.Id))
            .Select(TroopRow)
            .OrderBy(r => r.Force, StringComparer.Ordinal).ThenBy(r => r.Area, StringComparer.Ordinal)
            .ToList();
        return new StateRecord(at, presence, controlRows, troopRows);
    }

    public static IReadOnlyList<StateChange> Changes(IReadOnlyList<Holding> holdings, LocalDate from, LocalDate to)
    {
        var before = holdings.Where(h => h.HoldsOn(from)).ToList();
        var after = holdings.Where(h => h.HoldsOn(to)).ToList();
        var changes = new List<StateChange>();
        foreach (var kind in new[] { HoldingKind.Presence, HoldingKind.Control })
        {
            var name = kind == HoldingKind.Presence ? "presence" : "control";
            var was = before.Where(h => h.Kind == kind).ToList();
            var now = after.Where(h => h.Kind == kind).ToList();
            foreach (var h in was.Where(h => !now.Any(n => SameKey(n, h))))
            {
                var successor = kind == HoldingKind.Control
                    ? now.FirstOrDefault(n => n.Place.Id == h.Place.Id && !was.Any(w => SameKey(w, n)))
                    : null;
                changes.Add(successor is null
                    ? new StateChange($"{name}_ended", h.Holder.Name, h.Place.Name, h.Holder.Name, null, h.Until, h.SourceIds)
                    : new StateChange("control_passed", h.Holder.Name, h.Place.Name, h.Holder.Name, successor.Holder.Name, successor.Since,
                        [.. h.SourceIds.Union(successor.SourceIds)]));
            }

            foreach (var h in now.Where(h => !was.Any(w => SameKey(w, h))))
            {
                var passed = kind == HoldingKind.Control && changes.Any(c => c.Change == "control_passed" && c.Place == h.Place.Name && c.After == h.Holder.Name);
                if (!passed)
                {
                    changes.Add(new StateChange($"{name}_begun", h.Holder.Name, h.Place.Name, null, h.Holder.Name, h.Since, h.SourceIds));
                }
            }
        }

        var troopsBefore = StateAt(before, from).TroopLevels;
        var troopsAfter = StateAt(after, to).TroopLevels;
        foreach (var row in troopsAfter)
        {
            var old = troopsBefore.FirstOrDefault(r => r.Force == row.Force && r.Area == row.Area);
            if (old is null || old.Quantity != row.Quantity)
            {
                changes.Add(new StateChange("troop_level_changed", row.Force, row.Area, old is null ? null : Describe(old.Quantity),
                    Describe(row.Quantity), row.Since, [.. (old?.Sources ?? []).Union(row.Sources)]));
            }
        }

        foreach (var old in troopsBefore.Where(o => !troopsAfter.Any(r => r.Force == o.Force && r.Area == o.Area)))
        {
            changes.Add(new StateChange("troop_level_changed", old.Force, old.Area, Describe(old.Quantity), null, old.Until, old.Sources));
        }

        return [.. changes
            .OrderBy(c => c.Date?.FirstDay ?? LocalDate.MaxIsoValue)
            .ThenBy(c => c.Change, StringComparer.Ordinal)
            .ThenBy(c => c.Subject, StringComparer.Ordinal)
            .ThenBy(c => c.Place, StringComparer.Ordinal)];
    }

    /// <summary>A quantity as an analyst reads it: "~2500", "250-350", "≥101".</summary>
    public static string Describe(Quantity quantity)
    {
        var approx = quantity.Approx ? "~" : "";
        return quantity switch
        {
            { Value: { } v } => approx + v.ToString(CultureInfo.InvariantCulture),
            { Low: { } low, High: { } high } => string.Create(CultureInfo.InvariantCulture, $"{approx}{low}-{high}"),
            { Low: { } low } => string.Create(CultureInfo.InvariantCulture, $"{approx}>={low}"),
            { High: { } high } => string.Create(CultureInfo.InvariantCulture, $"{approx}<={high}"),
            _ => "?",
        };
    }

    private static bool SameKey(Holding a, Holding b) => a.Holder.Id == b.Holder.Id && a.Place.Id == b.Place.Id;

    /// <summary>
    /// Figures that hold on the same day for the same force and area: the best-supported one (most reports, then the
    /// most recent report) answers; the others are listed as disputed, each with its own sources.
    /// </summary>
    private static TroopLevelRow TroopRow(IGrouping<(long, long), StateLine> figures)
    {
        if (figures.Count() == 1)
        {
            var only = figures.First();
            return new TroopLevelRow(only.Holder.Name, only.Place.Name, only.Quantity!, only.Since, only.Until, only.SourceIds);
        }

        var ordered = figures
            .OrderByDescending(h => h.SourceIds.Count)
            .ThenByDescending(h => h.LatestSource ?? LocalDate.MinIsoValue)
            .ThenBy(h => h.Quantity!.BestEstimate)
            .ThenBy(h => h.FirstFactId)
            .Select(h => new TroopLevelRow(h.Holder.Name, h.Place.Name, h.Quantity!, h.Since, h.Until, h.SourceIds))
            .ToList();
        return ordered.Count == 1 ? ordered[0] : ordered[0] with { Disputed = ordered[1..] };
    }
}
