using Garrison.Domain.Dates;
using Garrison.Domain.Quantities;
using Garrison.Domain.Records;
using NodaTime;

namespace Garrison.Storage.Temporal;

/// <summary>
/// Merges facts and events from many reports into holdings over time (docs/storage.md, "Facts over time").
/// Pure C# over the rows a provider loads, so every provider gives the same answer in the same order.
/// <list type="bullet">
/// <item>A claim's start is its <c>valid.from</c> (first day of its period); a claim with no dates at all holds from
/// its report's dateline (a report says what is true as it is published).</item>
/// <item>An end at month or year precision that contains the report's dateline ends on the dateline: the report
/// tells of an end that had come by the time it was written ("until 2026-01" in a report of 2026-01-18).</item>
/// <item>An open-ended presence or control is closed by the earliest later end for the same force and place:
/// a completed withdrawal (presence and control), a completed handover by the holder (control), or another
/// report's explicit end. Claims with their own explicit end are not cut by others.</item>
/// <item>Control is exclusive: a new controller's start ends an open-ended earlier controller's hold the day before.</item>
/// <item>A troop level holds from its start until the next figure's start for the same force and area; agreeing
/// figures merge (confirmation); disagreeing figures with the same start are all kept (dispute).</item>
/// </list>
/// </summary>
public static class TemporalRules
{
    public static IReadOnlyList<Holding> Build(IEnumerable<TemporalFact> facts, IEnumerable<TemporalEvent> events)
    {
        var factList = facts.ToList();
        var eventList = events.ToList();
        var holdings = new List<Holding>();
        holdings.AddRange(Intervals(HoldingKind.Presence, factList, eventList));
        holdings.AddRange(ExclusiveControl(Intervals(HoldingKind.Control, factList, eventList)));
        holdings.AddRange(TroopLevels(factList));
        holdings.Sort(Order);
        return holdings;
    }

    /// <summary>
    /// Presence and troop levels of the claims, unsorted: what <see cref="Build"/> gives besides control. Each (holder,
    /// place) pair's holdings depend on that pair's claims only.
    /// </summary>
    public static List<Holding> PresenceAndTroopLevels(IReadOnlyList<TemporalFact> facts, IReadOnlyList<TemporalEvent> events)
    {
        var factList = facts as List<TemporalFact> ?? [.. facts];
        var holdings = new List<Holding>(Intervals(HoldingKind.Presence, factList, events as List<TemporalEvent> ?? [.. events]));
        holdings.AddRange(TroopLevels(factList));
        return holdings;
    }

    /// <summary>
    /// One holder's control at one place before the exclusivity step (<see cref="ExclusiveControl"/>), from claims in id
    /// order that include every controls fact of the pair and every handover, territory taken and withdrawal at the place
    /// naming the holder. Holdings of other holders the claims may open are left out (they were built from part of their
    /// claims). Control at a place is then <see cref="ExclusiveControl"/> over its pairs' holdings in
    /// <see cref="PairControl.Position"/> order, as <see cref="Build"/> gives it.
    /// </summary>
    public static PairControl ControlOfPair(long holder, List<TemporalFact> facts, List<TemporalEvent> events)
    {
        var holdings = Intervals(HoldingKind.Control, facts, events).Where(h => h.Holder.Id == holder).ToList();
        return new PairControl(holdings, holdings.Count == 0 ? default : FirstSpan(holder, facts, events));
    }

    /// <summary>
    /// Where the pair's first span stands among all spans <see cref="Intervals"/> makes at its place: spans of facts come
    /// first in fact id order, then those of events in id order, each event's holders in the order it lists them. Build
    /// groups pairs in that order, and the exclusivity step picks, of two successors that start on the same day with the
    /// same name, the one listed first.
    /// </summary>
    private static (int Rank, long Claim, int Index) FirstSpan(long holder, List<TemporalFact> facts, List<TemporalEvent> events)
    {
        foreach (var fact in facts)
        {
            if (fact.Relation == Relation.Controls && fact.Subject.Id == holder && CanBePlaced(fact))
            {
                return (0, fact.Id, 0);
            }
        }

        foreach (var ev in events)
        {
            if (ev.Place is null)
            {
                continue;
            }

            var opens = Opens(HoldingKind.Control, ev);
            for (var i = 0; i < opens.Count; i++)
            {
                if (opens[i].Id == holder)
                {
                    return (1, ev.Id, i);
                }
            }
        }

        throw new InvalidOperationException("A pair with control holdings has a claim that opens one.");
    }

    /// <summary>The order holdings are listed in: kind, holder, place, start, figure, then ids (a total order).</summary>
    public static IComparer<Holding> Order { get; } = Comparer<Holding>.Create(CompareHoldings);

    /// <summary>
    /// The last day an end date allows: its last day, or the report's dateline when the end's period contains it.
    /// </summary>
    public static LocalDate EndDay(PartialDate until, PartialDate? published)
    {
        var last = until.LastDay;
        if (published is { Precision: DatePrecision.Day } p && until.FirstDay <= p.FirstDay && p.FirstDay < last)
        {
            return p.FirstDay;
        }

        return last;
    }

    /// <summary>
    /// Whether a claim's time can be placed on a timeline: not when it ends before it starts ("from August to March" of
    /// one year, a misreading or a slip in the report). Such a claim stays stored as a fact with its sentence, but opens,
    /// closes and counts toward no holding: its interval would have a last day before its first, which no state query
    /// can hold on and SQLite's interval index refuses (the whole batch failed to commit).
    /// </summary>
    public static bool CanBePlaced(TemporalFact fact) =>
        fact.Valid is not { From: { } from, To: { } to } || EndDay(to, fact.Document.Published) >= from.FirstDay;

    /// <summary>Two figures agree when either admits the other's best estimate ("2,500" and "2,000 to 3,000").</summary>
    public static bool Agree(Quantity a, Quantity b) =>
        a.BestEstimate is { } x && b.BestEstimate is { } y && (a.Admits(y) || b.Admits(x));

    private static IEnumerable<Holding> Intervals(HoldingKind kind, List<TemporalFact> facts, List<TemporalEvent> events)
    {
        var relation = kind == HoldingKind.Presence ? Relation.PresentAt : Relation.Controls;
        var spans = new List<Span>();
        var closings = new List<Closing>();
        foreach (var fact in facts.Where(f => f.Relation == relation && CanBePlaced(f)))
        {
            var since = fact.Valid.From ?? (fact.Valid.To is null ? fact.Document.Published : null);
            var span = new Span(kind, fact.Subject, fact.Object, since, fact.Valid.To, fact.Document)
            {
                LastDay = fact.Valid.To is { } to ? EndDay(to, fact.Document.Published) : null,
                ExplicitEnd = fact.Valid.To is not null,
            };
            span.AddIds(fact.Id, null);
            spans.Add(span);
            if (fact.Valid.To is { } end)
            {
                closings.Add(new Closing(fact.Subject, fact.Object, EndDay(end, fact.Document.Published), end, fact.Document, fact.Id, null));
            }
        }

        foreach (var ev in events.Where(e => e.Place is not null))
        {
            var date = ev.Date.From ?? ev.Date.To ?? ev.Document.Published;
            foreach (var holder in Opens(kind, ev))
            {
                var span = new Span(kind, holder, ev.Place!, date, null, ev.Document);
                span.AddIds(null, ev.Id);
                spans.Add(span);
            }

            var end = ev.Date.To ?? ev.Date.From ?? ev.Document.Published;
            if (end is { } closingDate && Closes(kind, ev))
            {
                foreach (var holder in ev.Actors)
                {
                    closings.Add(new Closing(holder, ev.Place!, EndDay(closingDate, ev.Document.Published), closingDate, ev.Document, null, ev.Id));
                }
            }
        }

        var closingsByKey = closings.Count == 0 ? null : closings.ToLookup(c => (c.Holder.Id, c.Place.Id));
        foreach (var span in spans)
        {
            if (span.ExplicitEnd || closingsByKey is null)
            {
                continue;
            }

            // The earliest closing that can end the span: by day, then document, then claim id; of equal ones the first
            // listed (what a stable sort's first element would be). Run for every open span of every refreshed unit.
            Closing? closing = null;
            foreach (var candidate in closingsByKey[(span.Holder.Id, span.Place.Id)])
            {
                if ((span.FirstDay is null || candidate.Day >= span.FirstDay) &&
                    (candidate.FactId is null || !span.HasFact(candidate.FactId.Value)) &&
                    (closing is null || CompareClosings(candidate, closing) < 0))
                {
                    closing = candidate;
                }
            }

            if (closing is not null)
            {
                span.LastDay = closing.Day;
                span.Until = closing.Date;
                span.AddSource(closing.Document);
                span.AddIds(closing.FactId, closing.EventId);
            }
        }

        return Merge(spans).Select(s => s.ToHolding());
    }

    private static int CompareClosings(Closing a, Closing b)
    {
        var c = a.Day.CompareTo(b.Day);
        if (c == 0)
        {
            c = DocumentRef.Order.Compare(a.Document, b.Document);
        }

        return c != 0 ? c : Nullable.Compare(a.FactId ?? a.EventId, b.FactId ?? b.EventId);
    }

    private static IReadOnlyList<EntityRef> Opens(HoldingKind kind, TemporalEvent ev)
    {
        if (ev.Status is not (EventStatus.Completed or EventStatus.Ongoing))
        {
            return [];
        }

        return (kind, ev.Type) switch
        {
            (HoldingKind.Presence, EventType.Deployment or EventType.BaseEstablished) => ev.Actors,
            (HoldingKind.Control, EventType.Handover) => ev.Targets,
            (HoldingKind.Control, EventType.TerritoryTaken) => ev.Actors,
            _ => [],
        };
    }

    private static bool Closes(HoldingKind kind, TemporalEvent ev) =>
        ev.Status == EventStatus.Completed && (kind, ev.Type) switch
        {
            (_, EventType.Withdrawal) => true,
            (HoldingKind.Control, EventType.Handover) => true,
            _ => false,
        };

    /// <summary>Overlapping or adjacent spans of the same holder and place become one holding.</summary>
    private static IEnumerable<Span> Merge(List<Span> spans)
    {
        // Grouped as GroupBy would (groups in the order their first span comes, spans in list order), then each group in
        // a stable order by start and end; a group of one (most of them) is not sorted.
        var groups = new Dictionary<(long, long), List<Span>>();
        var order = new List<List<Span>>();
        foreach (var span in spans)
        {
            if (!groups.TryGetValue((span.Holder.Id, span.Place.Id), out var members))
            {
                groups[(span.Holder.Id, span.Place.Id)] = members = new List<Span>(1);
                order.Add(members);
            }

            members.Add(span);
        }

        foreach (var group in order)
        {
            Span? current = null;
            IEnumerable<Span> ordered = group.Count == 1 ? group : group.OrderBy(s => s.FirstDay ?? LocalDate.MinIsoValue).ThenBy(s => s.LastDay ?? LocalDate.MaxIsoValue);
            foreach (var span in ordered)
            {
                if (current is null)
                {
                    current = span;
                    continue;
                }

                var touches = current.LastDay is null || span.FirstDay is null || span.FirstDay.Value <= current.LastDay.Value.PlusDays(1);
                if (!touches)
                {
                    yield return current;
                    current = span;
                    continue;
                }

                if (current.LastDay is not null && (span.LastDay is null || span.LastDay > current.LastDay))
                {
                    current.LastDay = span.LastDay;
                    current.Until = span.Until;
                }

                current.Absorb(span);
            }

            if (current is not null)
            {
                yield return current;
            }
        }
    }

    /// <summary>
    /// Control is exclusive: an open-ended hold ends the day before another holder's later start at the same place. Over
    /// the control holdings of whole places (before this step), in the order <see cref="Build"/> lists them.
    /// </summary>
    public static IEnumerable<Holding> ExclusiveControl(IEnumerable<Holding> control)
    {
        var list = control.ToList();
        // Successors are looked for at the same place only: grouping first keeps a rebuild of every holding linear in
        // the places' sizes instead of quadratic in the whole base.
        var byPlace = list.ToLookup(h => h.Place.Id);
        foreach (var holding in list)
        {
            if (holding.LastDay is not null)
            {
                yield return holding;
                continue;
            }

            // The earliest later start of another holder, then by name; of equal ones the first listed.
            Holding? successor = null;
            foreach (var other in byPlace[holding.Place.Id])
            {
                if (other.Holder.Id != holding.Holder.Id && other.FirstDay is { } start && (holding.FirstDay is null || start > holding.FirstDay) &&
                    (successor is null || start < successor.FirstDay!.Value ||
                     (start == successor.FirstDay!.Value && string.CompareOrdinal(other.Holder.Name, successor.Holder.Name) < 0)))
                {
                    successor = other;
                }
            }

            if (successor is null)
            {
                yield return holding;
                continue;
            }

            yield return holding with
            {
                LastDay = successor.FirstDay!.Value.PlusDays(-1),
                Until = successor.Since,
                Sources = [.. holding.Sources.Union(successor.Sources).Order(DocumentRef.Order)],
            };
        }
    }

    private static IEnumerable<Holding> TroopLevels(List<TemporalFact> facts)
    {
        var troopFacts = facts.Where(f => f.Relation == Relation.TroopLevel && f.Quantity?.BestEstimate is not null && CanBePlaced(f)).ToList();
        foreach (var series in troopFacts.GroupBy(f => (f.Subject.Id, f.Object.Id)))
        {
            // An undated figure is background when its own report dates another figure for the same force and area
            // ("at its height, 170,000"; "roughly 2,500 since December 2021"): it cannot be placed in the series.
            var datedDocuments = series.Where(f => !f.Valid.IsUnknown).Select(f => f.Document.Id).ToHashSet(StringComparer.Ordinal);
            var figures = series
                .Where(f => !(f.Valid.IsUnknown && datedDocuments.Contains(f.Document.Id)))
                .Select(f =>
                {
                    var since = f.Valid.From ?? (f.Valid.To is null ? f.Document.Published : null);
                    var span = new Span(HoldingKind.TroopLevel, f.Subject, f.Object, since, f.Valid.To, f.Document)
                    {
                        LastDay = f.Valid.To is { } to ? EndDay(to, f.Document.Published) : null,
                        ExplicitEnd = f.Valid.To is not null,
                        Quantity = f.Quantity,
                    };
                    span.AddIds(f.Id, null);
                    return span;
                })
                .ToList();

            var rows = new List<Span>();
            var previous = new List<Span>();
            foreach (var group in figures.GroupBy(s => s.FirstDay).OrderBy(g => g.Key ?? LocalDate.MinIsoValue))
            {
                var clusters = new List<Span>();
                foreach (var figure in group.OrderBy(s => s.Sources[0], DocumentRef.Order).ThenBy(s => s.FactIds[0]))
                {
                    var same = clusters.FirstOrDefault(c => Agree(c.Quantity!, figure.Quantity!));
                    if (same is null)
                    {
                        clusters.Add(figure);
                    }
                    else
                    {
                        same.Absorb(figure);
                    }
                }

                if (clusters.Count == 1 && previous.Count == 1 && previous[0].LastDay is null &&
                    Agree(previous[0].Quantity!, clusters[0].Quantity!))
                {
                    // A later report of the same figure confirms it: one row, its start kept, more sources.
                    previous[0].Absorb(clusters[0]);
                    continue;
                }

                if (group.Key is { } start)
                {
                    foreach (var row in previous.Where(r => r.LastDay is null || r.LastDay >= start))
                    {
                        row.LastDay = start.PlusDays(-1);
                        row.Until = clusters[0].Since;
                    }
                }

                rows.AddRange(clusters);
                previous = clusters;
            }

            foreach (var row in rows)
            {
                yield return row.ToHolding();
            }
        }
    }

    // Sql/StateLineReader sorts a state answer on the same keys (as numbers): keep the two in step.
    private static int CompareHoldings(Holding a, Holding b)
    {
        var c = a.Kind.CompareTo(b.Kind);
        if (c == 0)
        {
            c = string.CompareOrdinal(a.Holder.Name, b.Holder.Name);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(a.Place.Name, b.Place.Name);
        }

        if (c == 0)
        {
            c = (a.FirstDay ?? LocalDate.MinIsoValue).CompareTo(b.FirstDay ?? LocalDate.MinIsoValue);
        }

        if (c == 0)
        {
            c = Nullable.Compare(a.Quantity?.BestEstimate, b.Quantity?.BestEstimate);
        }

        if (c == 0)
        {
            c = a.Holder.Id.CompareTo(b.Holder.Id);
        }

        if (c == 0)
        {
            c = a.Place.Id.CompareTo(b.Place.Id);
        }

        return c != 0 ? c : a.FactIds.FirstOrDefault().CompareTo(b.FactIds.FirstOrDefault());
    }

    /// <summary>
    /// A (holder, place) pair's control before the exclusivity step, and where its first span stands among the place's
    /// (<see cref="ControlOfPair"/>; default when it has no holding).
    /// </summary>
    public sealed record PairControl(IReadOnlyList<Holding> Holdings, (int Rank, long Claim, int Index) Position);

    private sealed record Closing(EntityRef Holder, EntityRef Place, LocalDate Day, PartialDate Date, DocumentRef Document, long? FactId, long? EventId);

    /// <summary>A holding while it is being built: mutable, private to the rules.</summary>
    private sealed class Span(HoldingKind kind, EntityRef holder, EntityRef place, PartialDate? since, PartialDate? until, DocumentRef source)
    {
        public HoldingKind Kind { get; } = kind;

        public EntityRef Holder { get; } = holder;

        public EntityRef Place { get; } = place;

        public PartialDate? Since { get; private set; } = since;

        public PartialDate? Until { get; set; } = until;

        public LocalDate? FirstDay { get; private set; } = since?.FirstDay;

        public LocalDate? LastDay { get; set; }

        public bool ExplicitEnd { get; init; }

        public Quantity? Quantity { get; init; }

        /// <summary>
        /// Distinct, in <see cref="DocumentRef.Order"/>: a document is inserted where a binary search puts it. The order
        /// compares equal only for equal references (one document key, one dateline), so this is the list that adding
        /// and sorting again gave, without a sort per source (a unit named in many reports merges many spans).
        /// </summary>
        public List<DocumentRef> Sources { get; } = [source];

        /// <summary>Distinct and ascending (sorted lists: a span has a few ids, and a sorted set cost a tree per span).</summary>
        public List<long> FactIds { get; } = new(1);

        public List<long> EventIds { get; } = new(1);

        public void AddSource(DocumentRef document)
        {
            var at = Sources.BinarySearch(document, DocumentRef.Order);
            if (at < 0)
            {
                Sources.Insert(~at, document);
            }
        }

        public bool HasFact(long id) => FactIds.BinarySearch(id) >= 0;

        public void AddIds(long? factId, long? eventId)
        {
            if (factId is { } f)
            {
                AddId(FactIds, f);
            }

            if (eventId is { } e)
            {
                AddId(EventIds, e);
            }
        }

        private static void AddId(List<long> ids, long id)
        {
            if (ids.Count == 0 || id > ids[^1])
            {
                ids.Add(id);
                return;
            }

            var at = ids.BinarySearch(id);
            if (at < 0)
            {
                ids.Insert(~at, id);
            }
        }

        /// <summary>
        /// Takes in another span's sources and the earlier start. An unknown start (a claim that only says when something
        /// ended) defers to a reported one: it says the holding existed before its end, not that it always had.
        /// </summary>
        public void Absorb(Span other)
        {
            foreach (var source in other.Sources)
            {
                AddSource(source);
            }

            foreach (var id in other.FactIds)
            {
                AddId(FactIds, id);
            }

            foreach (var id in other.EventIds)
            {
                AddId(EventIds, id);
            }

            if (other.FirstDay is not null && (FirstDay is null || other.FirstDay < FirstDay))
            {
                FirstDay = other.FirstDay;
                Since = other.Since;
            }
        }

        public Holding ToHolding() =>
            new(Kind, Holder, Place, Since, Until, FirstDay, LastDay, Quantity, [.. Sources], [.. FactIds], [.. EventIds]);
    }
}
