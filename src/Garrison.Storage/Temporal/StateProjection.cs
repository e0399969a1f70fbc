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
    public static StateRecord StateAt(IReadOnlyList<StateLine> lines, LocalDate at) => StateAt(new LineObjects(lines), at);

    /// <summary>
    /// <see cref="StateAt(IReadOnlyList{StateLine}, LocalDate)"/> over lines read by position, so that a state answer
    /// can be built straight from where its lines are kept (the state index's blob) without an object per line.
    /// </summary>
    /// <remarks>
    /// Written as loops over positions rather than LINQ orderings: a state answer is thousands of lines (6k at 10^6
    /// facts), and this runs for every answer, warm or one-shot. The orders are the same stable orders, and where the
    /// lines already come in the wanted order (troop levels do, when lines are in <see cref="TemporalRules.Order"/>) the
    /// sort is skipped after one pass that checks it. Generic over a struct so that each kind of line store gets its own
    /// compiled copy with direct calls.
    /// </remarks>
    internal static StateRecord StateAt<TLines>(TLines lines, LocalDate at)
        where TLines : IStateLines
    {
        var presence = new List<PresenceRow>(lines.Count);
        var control = new List<int>();
        var troops = new List<int>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (!lines.HoldsOn(i, at))
            {
                continue;
            }

            switch (lines.Kind(i))
            {
                case HoldingKind.Presence:
                    presence.Add(new PresenceRow(lines.HolderName(i), lines.PlaceName(i), lines.Since(i), lines.Until(i), lines.Sources(i)));
                    break;
                case HoldingKind.Control:
                    control.Add(i);
                    break;
                default:
                    troops.Add(i);
                    break;
            }
        }

        return new StateRecord(at, presence, ControlRows(lines, control), TroopRows(lines, troops));
    }

    /// <summary>Control by place, controller, start; lines equal on all three stay in the order given.</summary>
    private static List<ControlRow> ControlRows<TLines>(TLines lines, List<int> control)
        where TLines : IStateLines
    {
        // The keys read once per line, not once per comparison: a blob's lines decode them on every read.
        var places = new string[control.Count];
        var holders = new string[control.Count];
        var starts = new LocalDate[control.Count];
        for (var i = 0; i < control.Count; i++)
        {
            places[i] = lines.PlaceName(control[i]);
            holders[i] = lines.HolderName(control[i]);
            starts[i] = lines.FirstDay(control[i]) ?? LocalDate.MinIsoValue;
        }

        var order = SortedPositions(control.Count, (a, b) => CompareControl(places[a], holders[a], starts[a], places[b], holders[b], starts[b]));
        var rows = new List<ControlRow>(control.Count);
        foreach (var position in order)
        {
            var i = control[position];
            rows.Add(new ControlRow(lines.HolderName(i), lines.PlaceName(i), lines.Since(i), lines.Until(i), lines.Sources(i)));
        }

        return rows;
    }

    /// <summary>The order of control rows: by place, controller, start (a line without a start first).</summary>
    internal static int CompareControl(string placeA, string holderA, LocalDate startA, string placeB, string holderB, LocalDate startB)
    {
        var c = string.CompareOrdinal(placeA, placeB);
        if (c == 0)
        {
            c = string.CompareOrdinal(holderA, holderB);
        }

        return c != 0 ? c : startA.CompareTo(startB);
    }

    /// <summary>
    /// Troop levels grouped by force and area (ids) in the order each group first appears, then ordered by the force's
    /// and the area's names (stable); each group is one row, the others it holds disputed.
    /// </summary>
    /// <remarks>
    /// A group is a range of one array (its lines in the order given, gathered by a counting sort) rather than a list of
    /// its own: ~600 groups of ~2k lines per answer at 10^6 facts. Lines in <see cref="TemporalRules.Order"/> come with
    /// a group's lines next to each other, so the dictionary is asked only where the key changes.
    /// </remarks>
    private static List<TroopLevelRow> TroopRows<TLines>(TLines lines, List<int> troops)
        where TLines : IStateLines
    {
        var groupOf = new int[troops.Count];
        var firstLines = new List<int>();
        var byKey = new Dictionary<(long, long), int>();
        (long, long) previousKey = default;
        var previousGroup = -1;
        for (var k = 0; k < troops.Count; k++)
        {
            var i = troops[k];
            var key = (lines.HolderId(i), lines.PlaceId(i));
            if (previousGroup < 0 || key != previousKey)
            {
                if (!byKey.TryGetValue(key, out previousGroup))
                {
                    previousGroup = firstLines.Count;
                    byKey[key] = previousGroup;
                    firstLines.Add(i);
                }

                previousKey = key;
            }

            groupOf[k] = previousGroup;
        }

        // Counting sort by group, stable: group g's lines are members[starts[g]..starts[g + 1]], in the order given.
        var starts = new int[firstLines.Count + 1];
        foreach (var group in groupOf)
        {
            starts[group + 1]++;
        }

        for (var g = 0; g < firstLines.Count; g++)
        {
            starts[g + 1] += starts[g];
        }

        var members = new int[troops.Count];
        var filled = starts[..^1];
        for (var k = 0; k < troops.Count; k++)
        {
            members[filled[groupOf[k]]++] = troops[k];
        }

        var order = SortedPositions(firstLines.Count, (a, b) =>
        {
            var x = firstLines[a];
            var y = firstLines[b];
            var c = string.CompareOrdinal(lines.HolderName(x), lines.HolderName(y));
            return c != 0 ? c : string.CompareOrdinal(lines.PlaceName(x), lines.PlaceName(y));
        });
        var rows = new List<TroopLevelRow>(firstLines.Count);
        foreach (var group in order)
        {
            rows.Add(TroopRow(lines, new ArraySegment<int>(members, starts[group], starts[group + 1] - starts[group])));
        }

        return rows;
    }

    /// <summary>
    /// The positions 0..count-1 in the stable order <paramref name="compare"/> gives (ties by position); one pass when
    /// they are in that order already.
    /// </summary>
    private static int[] SortedPositions(int count, Comparison<int> compare)
    {
        var order = new int[count];
        var sorted = true;
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
            sorted &= i == 0 || compare(i - 1, i) <= 0;
        }

        if (!sorted)
        {
            Array.Sort(order, (a, b) =>
            {
                var c = compare(a, b);
                return c != 0 ? c : a.CompareTo(b);
            });
        }

        return order;
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
    private static TroopLevelRow TroopRow<TLines>(TLines lines, ArraySegment<int> figures)
        where TLines : IStateLines
    {
        TroopLevelRow Row(int i) => new(lines.HolderName(i), lines.PlaceName(i), lines.Quantity(i)!, lines.Since(i), lines.Until(i), lines.Sources(i));
        if (figures.Count == 1)
        {
            return Row(figures[0]);
        }

        var order = SortedPositions(figures.Count, (a, b) =>
        {
            var x = figures[a];
            var y = figures[b];
            var c = lines.SourceCount(y).CompareTo(lines.SourceCount(x));
            if (c == 0)
            {
                c = (lines.LatestSource(y) ?? LocalDate.MinIsoValue).CompareTo(lines.LatestSource(x) ?? LocalDate.MinIsoValue);
            }

            if (c == 0)
            {
                c = Nullable.Compare(lines.Quantity(x)!.BestEstimate, lines.Quantity(y)!.BestEstimate);
            }

            return c != 0 ? c : lines.FirstFactId(x).CompareTo(lines.FirstFactId(y));
        });
        var disputed = new List<TroopLevelRow>(order.Length - 1);
        for (var position = 1; position < order.Length; position++)
        {
            disputed.Add(Row(figures[order[position]]));
        }

        // The best-supported figure's row is made with its disputed list, not made and then copied with it.
        var best = figures[order[0]];
        return new TroopLevelRow(lines.HolderName(best), lines.PlaceName(best), lines.Quantity(best)!, lines.Since(best), lines.Until(best), lines.Sources(best))
        {
            Disputed = disputed,
        };
    }

    /// <summary>State lines kept as objects (read from rows, or the warm index's), read by position.</summary>
    private readonly struct LineObjects(IReadOnlyList<StateLine> lines) : IStateLines
    {
        public int Count => lines.Count;

        public HoldingKind Kind(int line) => lines[line].Kind;

        public bool HoldsOn(int line, LocalDate at) => lines[line].HoldsOn(at);

        public long HolderId(int line) => lines[line].Holder.Id;

        public string HolderName(int line) => lines[line].Holder.Name;

        public long PlaceId(int line) => lines[line].Place.Id;

        public string PlaceName(int line) => lines[line].Place.Name;

        public PartialDate? Since(int line) => lines[line].Since;

        public PartialDate? Until(int line) => lines[line].Until;

        public LocalDate? FirstDay(int line) => lines[line].FirstDay;

        public Quantity? Quantity(int line) => lines[line].Quantity;

        public int SourceCount(int line) => lines[line].SourceIds.Count;

        public IReadOnlyList<string> Sources(int line) => lines[line].SourceIds;

        public LocalDate? LatestSource(int line) => lines[line].LatestSource;

        public long FirstFactId(int line) => lines[line].FirstFactId;
    }
}

/// <summary>
/// What <see cref="StateProjection"/> reads of an answer's lines, by position (0..<see cref="Count"/>-1, in the order of
/// <see cref="TemporalRules.Order"/>): the fields of <see cref="StateLine"/>, with entities as id and name.
/// <see cref="Sources"/> is asked once per row of the answer and its list becomes the row's.
/// </summary>
internal interface IStateLines
{
    int Count { get; }

    HoldingKind Kind(int line);

    bool HoldsOn(int line, LocalDate at);

    long HolderId(int line);

    string HolderName(int line);

    long PlaceId(int line);

    string PlaceName(int line);

    PartialDate? Since(int line);

    PartialDate? Until(int line);

    LocalDate? FirstDay(int line);

    Quantity? Quantity(int line);

    int SourceCount(int line);

    IReadOnlyList<string> Sources(int line);

    LocalDate? LatestSource(int line);

    long FirstFactId(int line);
}
