using System.Data.Common;
using Garrison.Domain.Records;
using Garrison.Storage.Sql;
using Garrison.Storage.Temporal;
using NodaTime;

namespace Garrison.Storage.Caching;

/// <summary>
/// A knowledge base that answers <see cref="GetStateAsync"/> from memory, for long-lived processes (<c>serve</c>, the
/// bench): every holding's state line is loaded once, and a state answer is then a filter over the lines of its year,
/// already in answer order, instead of thousands of rows read through the database driver (10–25 µs of CPU each).
/// Everything else goes to the store. The answer is the store's: the same lines, in the same order, through the same
/// <see cref="StateProjection"/>.
/// <para>
/// Freshness: before each answer the index reads the knowledge base's generation, the highest document id (one
/// index lookup). Holdings change only when a document is added (ingest refreshes the holdings of the places it
/// names, in the document's transaction); documents are never deleted and ids only grow, so an unchanged highest id
/// means unchanged holdings. When it changed, the index reloads before answering. Loading reads the lines and the
/// generation in one read transaction, so both come from one snapshot.
/// </para>
/// </summary>
/// <param name="store">The knowledge base.</param>
/// <param name="ownsStore">Whether disposing this disposes <paramref name="store"/> (false when its opener disposes it).</param>
public sealed class WarmKnowledgeStore(DapperKnowledgeStore store, bool ownsStore = true) : IKnowledgeStore
{
    private readonly SemaphoreSlim loading = new(1, 1);
    private volatile WarmStateIndex? index;

    /// <summary>The store everything but the state is asked of.</summary>
    public IKnowledgeStore Inner => store;

    /// <summary>Loads the index now (a process that wants its first answer fast calls this at start), and returns it.</summary>
    public async Task<WarmStateIndex> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var reader = await store.BeginReadAsync(connection, cancellationToken).ConfigureAwait(false);
        return await CurrentAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    public async Task<StateRecord> GetStateAsync(LocalDate at, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var reader = await store.BeginReadAsync(connection, cancellationToken).ConfigureAwait(false);
        var current = await CurrentAsync(reader, cancellationToken).ConfigureAwait(false);
        return current.StateAt(at);
    }

    /// <summary>The index for the snapshot <paramref name="reader"/> sees, reloaded in it when the generation moved.</summary>
    private async Task<WarmStateIndex> CurrentAsync(DbTransaction reader, CancellationToken cancellationToken)
    {
        var generation = await DapperKnowledgeStore.GenerationAsync(reader, cancellationToken).ConfigureAwait(false);
        if (index is { } warm && warm.Generation == generation)
        {
            return warm;
        }

        await loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (index is { } loaded && loaded.Generation == generation)
            {
                return loaded;
            }

            // "id > 0" reads every holding through the same reader and order as a state query (ids start at 1).
            var lines = await StateLineReader.ReadAsync(reader, "id > @after", [("after", 0)], cancellationToken).ConfigureAwait(false);
            var fresh = new WarmStateIndex(generation, lines);
            index = fresh;
            return fresh;
        }
        finally
        {
            loading.Release();
        }
    }

    public Task<IngestOutcome> IngestAsync(SourceDocument document, ExtractionRecord record, CancellationToken cancellationToken = default) =>
        store.IngestAsync(document, record, cancellationToken);

    public Task<IReadOnlyList<BatchIngestResult>> IngestManyAsync(
        IReadOnlyList<(SourceDocument Document, ExtractionRecord Record)> documents, CancellationToken cancellationToken = default) =>
        store.IngestManyAsync(documents, cancellationToken);

    public Task<Timeline?> GetTimelineAsync(string name, CancellationToken cancellationToken = default) =>
        store.GetTimelineAsync(name, cancellationToken);

    public Task<StateDiff> GetDiffAsync(LocalDate from, LocalDate to, CancellationToken cancellationToken = default) =>
        store.GetDiffAsync(from, to, cancellationToken);

    public Task<IReadOnlyList<StoredEvent>> GetEventsAsync(EventQuery query, CancellationToken cancellationToken = default) =>
        store.GetEventsAsync(query, cancellationToken);

    public Task<StoredEntity?> GetEntityAsync(long id, CancellationToken cancellationToken = default) =>
        store.GetEntityAsync(id, cancellationToken);

    public Task<IReadOnlyList<StoredEntity>> FindEntitiesAsync(string query, int limit = 20, CancellationToken cancellationToken = default) =>
        store.FindEntitiesAsync(query, limit, cancellationToken);

    public Task<StoredDocument?> GetDocumentAsync(string id, CancellationToken cancellationToken = default) =>
        store.GetDocumentAsync(id, cancellationToken);

    public Task<IReadOnlyList<TroopLevelPoint>> GetTroopSeriesAsync(string? force, string? area, CancellationToken cancellationToken = default) =>
        store.GetTroopSeriesAsync(force, area, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        loading.Dispose();
        if (ownsStore)
        {
            await store.DisposeAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>
/// Every holding's state line, in answer order (<see cref="TemporalRules.Order"/>), with the positions of the lines
/// that can hold in each year: a state answer scans one year's list and keeps the lines that hold on its day, so it
/// costs the lines alive that year, not the whole base. Lines are kept in answer order within each year, so the kept
/// lines are already sorted as the store sorts its rows.
/// </summary>
public sealed class WarmStateIndex
{
    private readonly StateLine[] lines;
    private readonly int[][] byYear;
    private readonly int firstYear;

    internal WarmStateIndex(long generation, List<StateLine> ordered)
    {
        Generation = generation;
        // A line lists tens of reports at 10^6 facts, and the reader splits every row's ids anew: one string per report.
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        lines = [.. ordered.Select(l => l with { SourceIds = [.. l.SourceIds.Select(id => ids.TryAdd(id, id) ? id : ids[id])] })];

        // Years run from the earliest to the latest stated day; an open start is placed in the first year and an open end in
        // the last, and a day outside them is looked up in the nearest one: only lines open on that side can hold there,
        // and those are in it.
        var years = lines.SelectMany(l => new[] { l.FirstDay?.Year, l.LastDay?.Year }).OfType<int>().ToList();
        firstYear = years.Count == 0 ? 2000 : years.Min();
        var lastYear = years.Count == 0 ? 2000 : years.Max();
        var lists = new List<int>[lastYear - firstYear + 1];
        for (var y = 0; y < lists.Length; y++)
        {
            lists[y] = [];
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var from = lines[i].FirstDay?.Year ?? firstYear;
            var to = lines[i].LastDay?.Year ?? lastYear;
            for (var y = from; y <= to; y++)
            {
                lists[y - firstYear].Add(i);
            }
        }

        byYear = [.. lists.Select(l => l.ToArray())];
    }

    /// <summary>The highest document id when the lines were read (see <see cref="WarmKnowledgeStore"/>).</summary>
    public long Generation { get; }

    public int Count => lines.Length;

    public StateRecord StateAt(LocalDate at)
    {
        var year = byYear[Math.Clamp(at.Year - firstYear, 0, byYear.Length - 1)];
        var holding = new List<StateLine>();
        foreach (var i in year)
        {
            if (lines[i].HoldsOn(at))
            {
                holding.Add(lines[i]);
            }
        }

        return StateProjection.StateAt(holding, at);
    }
}
