using Garrison.Domain.Records;
using Garrison.Storage.Temporal;

namespace Garrison.Storage.Sql;

/// <summary>
/// The temporal claims of each holdings unit (<see cref="HoldingScope"/>) that a store has refreshed, and the keys and
/// ids of the unit's stored holdings rows, kept between the batches one process ingests. A batch's refresh recomputes
/// every unit its claims name from all of that unit's claims; without the cache it read them all back from the
/// database each time, joined to their documents and names, with the units' stored rows, and news names the same places
/// again and again, so each batch read more than the one before (docs/bench.md, "Ingest speed (session 11)"). With it,
/// a batch reads only the claims of its own documents, and a unit's older claims and rows once per process.
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
    /// ingest bounded (a claim is about 150 bytes, a row's key about 1 KB), at the price of reading each unit's older
    /// claims and rows once more afterwards.
    /// </summary>
    internal const int MaxClaims = 200_000;

    private readonly Lock gate = new();
    private readonly Dictionary<(long Holder, long Place), UnitClaims> presence = [];
    private readonly Dictionary<(long Holder, long Place), UnitClaims> troopLevels = [];
    private readonly Dictionary<long, UnitClaims> control = [];
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
                control.TryAdd(place, new UnitClaims());
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
    /// cache is complete, a unit it does not hold yet is added (it had no claim before).
    /// </summary>
    private void Add(IEnumerable<TemporalFact> facts, IEnumerable<TemporalEvent> events, Func<UnitClaims, bool> chosen)
    {
        foreach (var fact in facts)
        {
            var unit = fact.Relation switch
            {
                Relation.PresentAt => UnitFor(presence, (fact.Subject.Id, fact.Object.Id)),
                Relation.TroopLevel => UnitFor(troopLevels, (fact.Subject.Id, fact.Object.Id)),
                Relation.Controls => UnitFor(control, fact.Object.Id),
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

            if (ev.Type is EventType.Handover or EventType.TerritoryTaken or EventType.Withdrawal)
            {
                AddEvent(UnitFor(control, place.Id), ev, chosen);
            }
        }
    }

    /// <summary>The unit held for the key; a new one when the cache is complete (a unit it does not hold has no claim yet).</summary>
    private UnitClaims? UnitFor<TKey>(Dictionary<TKey, UnitClaims> units, TKey key)
        where TKey : notnull
    {
        if (units.TryGetValue(key, out var unit) || !complete)
        {
            return unit;
        }

        return units[key] = new UnitClaims();
    }

    private void AddEvent(UnitClaims? unit, TemporalEvent ev, Func<UnitClaims, bool> chosen)
    {
        if (unit is not null && chosen(unit))
        {
            unit.Events.Add(ev);
            claimCount++;
        }
    }

    private IEnumerable<UnitClaims> UnitsOf(HoldingScope scope) =>
        scope.Presence.Select(p => presence[p]).Concat(scope.TroopLevels.Select(p => troopLevels[p])).Concat(scope.Control.Select(p => control[p]));

    /// <summary>The claims of the scope's units, every claim once (an event can belong to several).</summary>
    private (List<TemporalFact> Facts, List<TemporalEvent> Events) ClaimsOf(HoldingScope scope)
    {
        var units = UnitsOf(scope);
        var facts = new List<TemporalFact>();
        var events = new List<TemporalEvent>();
        var seenEvents = new HashSet<long>();
        foreach (var unit in units)
        {
            facts.AddRange(unit.Facts);
            events.AddRange(unit.Events.Where(e => seenEvents.Add(e.Id)));
        }

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

            var fresh = new HashSet<UnitClaims>(ReferenceEqualityComparer.Instance);
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
                fresh.Add(cache.control[place] = new UnitClaims());
            }

            // Claims read for these units also belong to units already held, which have them (or got them as new).
            cache.Add(facts, events, fresh.Contains);
        }

        /// <summary>Adds the stored rows of the scope's units (held by the cache) to <paramref name="stored"/>, by key.</summary>
        public void AddRowsOf(HoldingScope scope, Dictionary<string, Stack<long>> stored)
        {
            // In id order, as the database returns them, so that of two equal rows the same one is kept.
            foreach (var (key, id) in cache!.UnitsOf(scope).SelectMany(unit => unit.Rows).OrderBy(row => row.Id))
            {
                if (!stored.TryGetValue(key, out var ids))
                {
                    stored[key] = ids = new Stack<long>();
                }

                ids.Push(id);
            }
        }

        /// <summary>
        /// After the refresh of the scope's units: their rows are now exactly the holdings computed for them (each
        /// kept or added), with these keys and ids.
        /// </summary>
        public void SetRows(HoldingScope scope, IReadOnlyList<Holding> holdings, IReadOnlyList<(string Key, long Id)> rows)
        {
            foreach (var unit in cache!.UnitsOf(scope))
            {
                cache.claimCount -= unit.Rows.Count;
                unit.Rows.Clear();
            }

            for (var i = 0; i < holdings.Count; i++)
            {
                var holding = holdings[i];
                var unit = holding.Kind switch
                {
                    HoldingKind.Presence => cache.presence[(holding.Holder.Id, holding.Place.Id)],
                    HoldingKind.TroopLevel => cache.troopLevels[(holding.Holder.Id, holding.Place.Id)],
                    _ => cache.control[holding.Place.Id],
                };
                unit.Rows.Add(rows[i]);
            }

            cache.claimCount += rows.Count;
        }

        /// <summary>The claims of the scope's units; only when the session holds the cache and holds them all.</summary>
        public (List<TemporalFact> Facts, List<TemporalEvent> Events) ClaimsOf(HoldingScope scope) =>
            cache?.ClaimsOf(scope) ?? throw new InvalidOperationException("The session holds no cache.");

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

    private sealed class UnitClaims
    {
        public List<TemporalFact> Facts { get; } = [];

        public List<TemporalEvent> Events { get; } = [];

        /// <summary>The unit's stored holdings rows as the last refresh left them: each row's key and id.</summary>
        public List<(string Key, long Id)> Rows { get; } = [];
    }
}
