using Garrison.Domain.Records;
using Garrison.Storage.Temporal;

namespace Garrison.Storage.Sql;

/// <summary>
/// The temporal claims of each holdings unit (<see cref="HoldingScope"/>) that a store has refreshed, and the ids of the
/// unit's stored holdings rows with the holdings they were computed from, kept between the batches one process ingests. A batch's refresh recomputes
/// every unit its claims name from all of that unit's claims; without the cache it read them all back from the
/// database each time, joined to their documents and names, with the units' stored rows, and news names the same places
/// again and again, so each batch read more than the one before (docs/bench.md, "Ingest speed (session 11)"). With it,
/// a batch reads only the claims of its own documents, and a unit's older claims and rows once per process. Control,
/// exclusive at a place, is kept per (holder, place) pair with the pair's holdings before the exclusivity step: a batch
/// recomputes only the pairs its claims name and runs that step again over each place it names (docs/bench.md,
/// "Ingest speed (session 12)").
/// <para>
/// Claims are never changed or deleted once committed, and holdings rows change only in a refresh, so what the cache
/// holds stays true as long as nothing was written that it did not see. It is trusted only for the marks its last
/// batch left (<see cref="Marks"/>: the generation, <see cref="DapperKnowledgeStore.GenerationSql"/>, and the highest
/// holdings id): a batch that finds others when it starts (another process or store wrote) empties it first, and a
/// batch that does not commit (rolled back, failed, cancelled) empties it, since the claims it read or the rows it
/// wrote may be gone. One batch at a time uses it; a batch that starts while another holds it reads everything from
/// the database, as without a cache.
/// </para>
/// </summary>
internal sealed class ClaimCache
{
    /// <summary>
    /// Past this many cached claims and rows the cache is emptied when a batch commits: it keeps the memory of a long
    /// ingest bounded (a claim is about 150 bytes, a row's holding a few hundred), at the price of reading each unit's older
    /// claims and rows once more afterwards.
    /// </summary>
    internal const int MaxClaims = 200_000;

    private readonly Lock gate = new();
    private readonly Dictionary<(long Holder, long Place), UnitClaims> presence = [];
    private readonly Dictionary<(long Holder, long Place), UnitClaims> troopLevels = [];
    private readonly Dictionary<long, ControlPlace> control = [];
    private Marks? marks;
    private bool inUse;

    /// <summary>
    /// Whether the cache holds every temporal claim stored, each in its units: true when it began at a knowledge base
    /// with no fact and no event (a fresh file) and has seen every batch since. A unit it does not hold then has no claim
    /// and no holdings row, so nothing is read for it; otherwise a unit named for the first time is read whole.
    /// </summary>
    private bool complete;
    private int claimCount;

    /// <summary>Entities by id, shared by every claim read, as the rules refer to them.</summary>
    internal Dictionary<long, EntityRef> Entities { get; } = [];

    /// <summary>Documents by key, shared by every claim read.</summary>
    internal Dictionary<string, DocumentRef> Documents { get; } = new(StringComparer.Ordinal);

    /// <summary>How many claims and rows the units hold (an event once per unit it belongs to).</summary>
    internal int ClaimCount => claimCount;

    /// <summary>
    /// Takes the cache for a batch whose write transaction found <paramref name="start"/> when it began, emptied first
    /// when its last batch left other marks. The session holds nothing (every unit read from the database) when another
    /// batch holds the cache.
    /// </summary>
    public Session Begin(Marks start)
    {
        lock (gate)
        {
            if (inUse)
            {
                return new Session(null, start);
            }

            inUse = true;
            if (marks is not { } held || held.Generation != start.Generation || held.HighestHolding != start.HighestHolding)
            {
                Clear();
                // Nothing stored yet: every claim will come through this cache's batches (while their marks hold).
                complete = start.HighestFact == 0 && start.HighestEvent == 0;
            }

            return new Session(this, start);
        }
    }

    private void Clear()
    {
        presence.Clear();
        troopLevels.Clear();
        control.Clear();
        Entities.Clear();
        Documents.Clear();
        claimCount = 0;
        marks = null;
        complete = false;
    }

    private void Release(Marks? committed)
    {
        lock (gate)
        {
            if (committed is not null && claimCount <= MaxClaims)
            {
                marks = committed;
            }
            else
            {
                Clear();
            }

            inUse = false;
        }
    }

    /// <summary>
    /// The units of the scope that the cache does not hold yet (their claims must be read in full). None when the cache
    /// is complete: a unit it does not hold has no claim and no row, and is held from now on with none.
    /// </summary>
    private HoldingScope Missing(HoldingScope scope)
    {
        var missing = new HoldingScope();
        if (complete)
        {
            foreach (var pair in scope.Presence)
            {
                presence.TryAdd(pair, new UnitClaims());
            }

            foreach (var pair in scope.TroopLevels)
            {
                troopLevels.TryAdd(pair, new UnitClaims());
            }

            foreach (var place in scope.Control)
            {
                control.TryAdd(place, new ControlPlace());
            }

            return missing;
        }

        missing.Presence.UnionWith(scope.Presence.Where(p => !presence.ContainsKey(p)));
        missing.TroopLevels.UnionWith(scope.TroopLevels.Where(p => !troopLevels.ContainsKey(p)));
        missing.Control.UnionWith(scope.Control.Where(p => !control.ContainsKey(p)));
        missing.Places.UnionWith(missing.Presence.Select(p => p.Place).Concat(missing.TroopLevels.Select(p => p.Place)).Concat(missing.Control));
        return missing;
    }

    /// <summary>
    /// Adds the claims to the units they belong to among those chosen: a present_at or troop_level fact to its
    /// (subject, object), a controls fact to its object, a presence event to each (actor, place), a control event to
    /// its place. The same units the refresh's SQL selects a claim for (<see cref="DapperKnowledgeStore"/>). When the
    /// cache is complete, a unit it does not hold yet is added (it had no claim before). Within a control place, a claim
    /// goes to the pairs whose control it can open or close (<see cref="ControlHolders"/>), whose holdings before the
    /// exclusivity step are then recomputed.
    /// </summary>
    private void Add(IEnumerable<TemporalFact> facts, IEnumerable<TemporalEvent> events, Func<Unit, bool> chosen)
    {
        foreach (var fact in facts)
        {
            if (fact.Relation == Relation.Controls)
            {
                if (UnitFor(control, fact.Object.Id) is { } place && chosen(place))
                {
                    place.Pair(fact.Subject.Id).Add(fact);
                    claimCount++;
                }

                continue;
            }

            var unit = fact.Relation switch
            {
                Relation.PresentAt => UnitFor(presence, (fact.Subject.Id, fact.Object.Id)),
                Relation.TroopLevel => UnitFor(troopLevels, (fact.Subject.Id, fact.Object.Id)),
                _ => null,
            };
            if (unit is not null && chosen(unit))
            {
                unit.Facts.Add(fact);
                claimCount++;
            }
        }

        foreach (var ev in events)
        {
            if (ev.Place is not { } place)
            {
                continue;
            }

            if (ev.Type is EventType.Deployment or EventType.BaseEstablished or EventType.Withdrawal)
            {
                // An actor named twice is one unit, and the unit gets the event once.
                foreach (var actor in ev.Actors.Select(a => a.Id).Distinct())
                {
                    AddEvent(UnitFor(presence, (actor, place.Id)), ev, chosen);
                }
            }

            if (ev.Type is EventType.Handover or EventType.TerritoryTaken or EventType.Withdrawal &&
                UnitFor(control, place.Id) is { } controlPlace && chosen(controlPlace))
            {
                foreach (var holder in ControlHolders(ev).Select(h => h.Id).Distinct())
                {
                    controlPlace.Pair(holder).Add(ev);
                    claimCount++;
                }
            }
        }
    }

    /// <summary>
    /// The holders whose control at its place an event can open or close (<see cref="TemporalRules"/>): a handover's
    /// actors (they lose it) and targets (they gain it), the actors of a territory taken (gain) or a withdrawal (lose).
    /// </summary>
    private static IEnumerable<EntityRef> ControlHolders(TemporalEvent ev) =>
        ev.Type == EventType.Handover ? ev.Actors.Concat(ev.Targets) : ev.Actors;

    /// <summary>The unit held for the key; a new one when the cache is complete (a unit it does not hold has no claim yet).</summary>
    private TUnit? UnitFor<TKey, TUnit>(Dictionary<TKey, TUnit> units, TKey key)
        where TKey : notnull
        where TUnit : Unit, new()
    {
        if (units.TryGetValue(key, out var unit) || !complete)
        {
            return unit;
        }

        return units[key] = new TUnit();
    }

    private void AddEvent(UnitClaims? unit, TemporalEvent ev, Func<Unit, bool> chosen)
    {
        if (unit is not null && chosen(unit))
        {
            unit.Events.Add(ev);
            claimCount++;
        }
    }

    /// <summary>The unit a holding of a held unit belongs to.</summary>
    private Unit UnitOf(Holding holding) => holding.Kind switch
    {
        HoldingKind.Presence => presence[(holding.Holder.Id, holding.Place.Id)],
        HoldingKind.TroopLevel => troopLevels[(holding.Holder.Id, holding.Place.Id)],
        _ => control[holding.Place.Id],
    };

    private IEnumerable<Unit> UnitsOf(HoldingScope scope) =>
        scope.Presence.Select(p => (Unit)presence[p]).Concat(scope.TroopLevels.Select(p => troopLevels[p])).Concat(scope.Control.Select(p => control[p]));

    /// <summary>
    /// The holdings of the scope's units in <see cref="TemporalRules.Order"/>, as <see cref="TemporalRules.Build"/> gives
    /// them from all their claims: presence and troop levels from their pairs' claims; control per place from its pairs'
    /// holdings before the exclusivity step, recomputed only for the pairs that got a claim since, then that step over the
    /// place's pairs.
    /// </summary>
    private List<Holding> HoldingsOf(HoldingScope scope)
    {
        var (facts, events) = ClaimsOf(scope);
        var holdings = TemporalRules.PresenceAndTroopLevels(facts, events);
        // Claims read for one pair can open presence for another (a deployment with two actors), from part of its claims.
        holdings.RemoveAll(h => !scope.Contains(h));
        foreach (var place in scope.Control)
        {
            holdings.AddRange(control[place].Holdings());
        }

        holdings.Sort(TemporalRules.Order);
        return holdings;
    }

    /// <summary>The claims of the scope's presence and troop level units in id order, every claim once (an event can belong to several).</summary>
    private (List<TemporalFact> Facts, List<TemporalEvent> Events) ClaimsOf(HoldingScope scope)
    {
        var units = scope.Presence.Select(p => presence[p]).Concat(scope.TroopLevels.Select(p => troopLevels[p]));
        var facts = new List<TemporalFact>();
        var events = new List<TemporalEvent>();
        var seenEvents = new HashSet<long>();
        foreach (var unit in units)
        {
            facts.AddRange(unit.Facts);
            events.AddRange(unit.Events.Where(e => seenEvents.Add(e.Id)));
        }

        // Within one holder and place (all the rules compare) the rules see claims in the order they were stored.
        facts.Sort(FactsById);
        events.Sort(EventsById);
        return (facts, events);
    }

    /// <summary>One batch's use of the cache: dispose it; <see cref="Commit"/> first when the transaction committed.</summary>
    internal sealed class Session(ClaimCache? cache, Marks start) : IDisposable
    {
        private Marks? written;
        private bool released;

        /// <summary>False when another batch holds the cache: every unit is read from the database.</summary>
        public bool Holds => cache is not null;

        /// <summary>The generation the batch's transaction saw before it wrote.</summary>
        public long StartGeneration => start.Generation;

        /// <summary>
        /// The highest fact and event ids before the batch wrote: the batch's own claims are those above them (ids only
        /// grow, and the cache is trusted only when nothing was written since its last batch).
        /// </summary>
        public (long Fact, long Event) HighestIds => (start.HighestFact, start.HighestEvent);

        /// <summary>The cache's shared entities and documents (fresh ones when the session holds no cache).</summary>
        public Dictionary<long, EntityRef> Entities => cache?.Entities ?? [];

        public Dictionary<string, DocumentRef> Documents => cache?.Documents ?? new(StringComparer.Ordinal);

        /// <summary>
        /// Whether the batch's own claims are to be read and added: when the cache holds some unit they may belong to, or
        /// when it is complete (they start units of their own).
        /// </summary>
        public bool HasUnits => cache is not null && (cache.complete || cache.presence.Count > 0 || cache.troopLevels.Count > 0 || cache.control.Count > 0);

        /// <summary>The marks after the batch's writes (read in its transaction, before the commit).</summary>
        public void Written(Marks marks) => written = marks;

        /// <summary>Adds the batch's own claims to the units the cache already holds.</summary>
        public void AddNew(IEnumerable<TemporalFact> facts, IEnumerable<TemporalEvent> events) => cache?.Add(facts, events, _ => true);

        /// <summary>The scope's units the cache does not hold (all of them when the session holds no cache).</summary>
        public HoldingScope Missing(HoldingScope scope) => cache?.Missing(scope) ?? scope;

        /// <summary>Holds the units of <paramref name="loaded"/> with the claims read for them (every claim they have).</summary>
        public void AddLoaded(HoldingScope loaded, IEnumerable<TemporalFact> facts, IEnumerable<TemporalEvent> events)
        {
            if (cache is null)
            {
                return;
            }

            var fresh = new HashSet<Unit>(ReferenceEqualityComparer.Instance);
            foreach (var pair in loaded.Presence)
            {
                fresh.Add(cache.presence[pair] = new UnitClaims());
            }

            foreach (var pair in loaded.TroopLevels)
            {
                fresh.Add(cache.troopLevels[pair] = new UnitClaims());
            }

            foreach (var place in loaded.Control)
            {
                fresh.Add(cache.control[place] = new ControlPlace());
            }

            // Claims read for these units also belong to units already held, which have them (or got them as new).
            cache.Add(facts, events, fresh.Contains);
        }

        /// <summary>
        /// The stored rows of the scope's units (held by the cache), each with the holding it was computed from, in id
        /// order (as the database returns them, so that of two equal rows the same one is kept).
        /// </summary>
        public IEnumerable<(Holding Holding, long Id)> RowsOf(HoldingScope scope) =>
            cache!.UnitsOf(scope).SelectMany(unit => unit.Rows).OrderBy(row => row.Id).Select(row => (row.Holding, row.Id));

        /// <summary>
        /// Matches computed holdings of the scope's units (held by the cache) to the units' stored rows: a holding keeps
        /// a row whose holding has the same content (<see cref="HoldingContent"/>), of several such rows the one with the
        /// highest id (as a stack of equal rows pushed in id order gives them), each row kept once. Equal content means
        /// the same unit, so each holding is compared with its own unit's few rows only. Returns each holding's kept row
        /// id (-1 for none) and the ids of the rows no holding kept.
        /// </summary>
        public (long[] Kept, List<long> Replaced) MatchRows(HoldingScope scope, IReadOnlyList<Holding> holdings)
        {
            var kept = new long[holdings.Count];
            var taken = new Dictionary<Unit, bool[]>(ReferenceEqualityComparer.Instance);
            for (var i = 0; i < holdings.Count; i++)
            {
                var holding = holdings[i];
                var unit = cache!.UnitOf(holding);
                var rows = unit.Rows;
                if (!taken.TryGetValue(unit, out var used))
                {
                    taken[unit] = used = new bool[rows.Count];
                }

                var best = -1;
                for (var j = 0; j < rows.Count; j++)
                {
                    if (!used[j] && (best < 0 || rows[j].Id > rows[best].Id) && HoldingContent.Comparer.Equals(rows[j].Holding, holding))
                    {
                        best = j;
                    }
                }

                kept[i] = best < 0 ? -1 : rows[best].Id;
                if (best >= 0)
                {
                    used[best] = true;
                }
            }

            var replaced = new List<long>();
            foreach (var unit in cache!.UnitsOf(scope))
            {
                taken.TryGetValue(unit, out var used);
                for (var j = 0; j < unit.Rows.Count; j++)
                {
                    if (used is null || !used[j])
                    {
                        replaced.Add(unit.Rows[j].Id);
                    }
                }
            }

            return (kept, replaced);
        }

        /// <summary>
        /// After the refresh of the scope's units: their rows are now exactly the holdings computed for them (each
        /// kept or added), with these ids (one per holding).
        /// </summary>
        public void SetRows(HoldingScope scope, IReadOnlyList<Holding> holdings, IReadOnlyList<long> ids)
        {
            foreach (var unit in cache!.UnitsOf(scope))
            {
                cache.claimCount -= unit.Rows.Count;
                unit.Rows.Clear();
            }

            for (var i = 0; i < holdings.Count; i++)
            {
                var holding = holdings[i];
                cache.UnitOf(holding).Rows.Add(new StoredRow(ids[i], holding));
            }

            cache.claimCount += ids.Count;
        }

        /// <summary>
        /// The holdings of the scope's units in <see cref="TemporalRules.Order"/>, from their claims; only when the session
        /// holds the cache and holds them all.
        /// </summary>
        public List<Holding> HoldingsOf(HoldingScope scope) =>
            cache?.HoldingsOf(scope) ?? throw new InvalidOperationException("The session holds no cache.");

        /// <summary>The batch's transaction committed: the cache is now that of the generation it wrote.</summary>
        public void Commit()
        {
            if (cache is not null && !released)
            {
                released = true;
                // A batch always reads what it wrote before it commits (the refresh); without it the cache cannot be trusted.
                cache.Release(written);
            }
        }

        /// <summary>Without <see cref="Commit"/>, the batch did not commit: what it added may be gone, so the cache is emptied.</summary>
        public void Dispose()
        {
            if (cache is not null && !released)
            {
                released = true;
                cache.Release(null);
            }
        }
    }

    /// <summary>
    /// The knowledge base as a batch finds or leaves it: its generation and highest holdings, fact and event ids.
    /// </summary>
    internal sealed record Marks(long Generation, long HighestHolding, long HighestFact, long HighestEvent);

    private static readonly Comparison<TemporalFact> FactsById = (a, b) => a.Id.CompareTo(b.Id);

    private static readonly Comparison<TemporalEvent> EventsById = (a, b) => a.Id.CompareTo(b.Id);

    /// <summary>
    /// A stored holdings row: its id and the holding it was computed from (its content is the row's: <see cref="HoldingContent"/>).
    /// </summary>
    private readonly record struct StoredRow(long Id, Holding Holding);

    /// <summary>A holdings unit the cache holds: at least its stored rows as the last refresh left them.</summary>
    private abstract class Unit
    {
        public List<StoredRow> Rows { get; } = [];
    }

    /// <summary>A presence or troop level pair: its claims.</summary>
    private sealed class UnitClaims : Unit
    {
        public List<TemporalFact> Facts { get; } = [];

        public List<TemporalEvent> Events { get; } = [];
    }

    /// <summary>Control at one place: its claims by the holder whose control they can open or close.</summary>
    private sealed class ControlPlace : Unit
    {
        private readonly Dictionary<long, ControlPair> pairs = [];

        public ControlPair Pair(long holder)
        {
            if (!pairs.TryGetValue(holder, out var pair))
            {
                pairs[holder] = pair = new ControlPair(holder);
            }

            return pair;
        }

        /// <summary>
        /// Control at the place: the exclusivity step over its pairs' holdings before it, the pairs in the order
        /// <see cref="TemporalRules.Build"/> would list them.
        /// </summary>
        public IEnumerable<Holding> Holdings()
        {
            var held = new List<TemporalRules.PairControl>(pairs.Count);
            foreach (var pair in pairs.Values)
            {
                if (pair.Control.Holdings.Count > 0)
                {
                    held.Add(pair.Control);
                }
            }

            held.Sort((a, b) => a.Position.CompareTo(b.Position));
            return TemporalRules.ExclusiveControl(held.SelectMany(p => p.Holdings));
        }
    }

    /// <summary>One holder's control claims at a place, and its holdings before the exclusivity step (kept until a claim comes).</summary>
    private sealed class ControlPair(long holder)
    {
        private readonly List<TemporalFact> facts = [];
        private readonly List<TemporalEvent> events = [];
        private TemporalRules.PairControl? control;

        public TemporalRules.PairControl Control
        {
            get
            {
                if (control is null)
                {
                    facts.Sort(FactsById);
                    events.Sort(EventsById);
                    control = TemporalRules.ControlOfPair(holder, facts, events);
                }

                return control;
            }
        }

        public void Add(TemporalFact fact)
        {
            facts.Add(fact);
            control = null;
        }

        public void Add(TemporalEvent ev)
        {
            events.Add(ev);
            control = null;
        }
    }
}
