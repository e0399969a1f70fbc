using System.Buffers;
using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text;
using Dapper;
using Garrison.Domain.Dates;
using Garrison.Domain.Provenance;
using Garrison.Domain.Quantities;
using Garrison.Domain.Records;
using Garrison.Storage.Caching;
using Garrison.Storage.Resolution;
using Garrison.Storage.Temporal;
using NodaTime;

namespace Garrison.Storage.Sql;

/// <summary>
/// The knowledge base over any ADO.NET provider whose SQL accepts the portable subset used here (SQLite 3.35+,
/// PostgreSQL 12+): <c>INSERT … ON CONFLICT DO NOTHING RETURNING</c>, <c>@name</c> parameters, no dialect functions.
/// A provider supplies connections, its schema and migrations (docs/storage.md lists the tables), and may retry
/// conflicts. Every answer is computed here, in C#, from the rows read, and ordered with ordinal comparisons, so all
/// providers return the same JSON in the same order.
/// </summary>
public abstract class DapperKnowledgeStore : IKnowledgeStore
{
    /// <summary>The relations whose facts hold over time and make up the state.</summary>
    private const string TemporalRelations = "('present_at', 'controls', 'troop_level')";

    /// <summary>The event types that open or close a holding (see <see cref="TemporalRules"/>).</summary>
    private const string TemporalEventTypes = "('deployment', 'base_established', 'withdrawal', 'handover', 'territory_taken')";

    /// <summary>The event types whose actors open or close a presence (<see cref="PresenceTypes"/> as SQL).</summary>
    private const string PresenceEventTypes = "('deployment', 'base_established', 'withdrawal')";

    /// <summary>The event types that open or close control at their place (<see cref="ControlTypes"/> as SQL).</summary>
    private const string ControlEventTypes = "('handover', 'territory_taken', 'withdrawal')";

    private const string EventColumns = """
        SELECT e.id, d.doc_key, d.published, e.ordinal, e.type, e.status, e.date_from, e.date_to, e.date_approx,
               e.place_id, p.name AS place_name, p.lat AS place_lat, p.lon AS place_lon, e.admin1, e.country,
               e.killed, e.injured, e.quantity, a.name AS attributed_to, e.origin, e.evidence_spans, e.evidence_text
        FROM events e
        JOIN documents d ON d.id = e.document_id
        LEFT JOIN entities p ON p.id = e.place_id
        LEFT JOIN entities a ON a.id = e.attributed_to_id
        """;

    private const string FactColumns = """
        SELECT f.id, d.doc_key, d.published, f.ordinal, f.relation, f.subject_id, s.name AS subject_name,
               f.object_id, o.name AS object_name, f.quantity, f.valid_from, f.valid_to, f.valid_approx,
               a.name AS attributed_to, f.value, f.condition, f.evidence_spans, f.evidence_text
        FROM facts f
        JOIN documents d ON d.id = f.document_id
        JOIN entities s ON s.id = f.subject_id
        LEFT JOIN entities o ON o.id = f.object_id
        LEFT JOIN entities a ON a.id = f.attributed_to_id
        """;

    private static readonly HashSet<EventType> TemporalTypes =
        [EventType.Deployment, EventType.BaseEstablished, EventType.Withdrawal, EventType.Handover, EventType.TerritoryTaken];

    // What TemporalRules.Opens and Closes read: a deployment or base opens a presence for its actors and a withdrawal
    // closes it; a handover (its targets gain, its actors lose), a territory taken (its actors gain) or a withdrawal
    // changes control at the place, which is exclusive there, so for every holder at once.
    private static readonly HashSet<EventType> PresenceTypes = [EventType.Deployment, EventType.BaseEstablished, EventType.Withdrawal];

    private static readonly HashSet<EventType> ControlTypes = [EventType.Handover, EventType.TerritoryTaken, EventType.Withdrawal];

    /// <summary>The claims of the holdings units this store's batches refreshed, kept between batches (see <see cref="ClaimCache"/>).</summary>
    private readonly ClaimCache claimCache = new();

    static DapperKnowledgeStore() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    /// <summary>Opens a connection on a database whose schema is current.</summary>
    protected internal abstract Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A transaction that sees one snapshot for all the reads of one answer, so a reader never mixes rows from before
    /// and after a concurrent ingest. Providers pick the cheapest isolation that gives a snapshot.
    /// </summary>
    protected internal virtual async Task<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// The transaction one document is written in. A provider whose writers can run at once (PostgreSQL) serializes
    /// them here, so that entity resolution always sees the entities every earlier document created.
    /// </summary>
    protected internal virtual async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>True when an ingest failed only because another writer got there first, so it is worth retrying.</summary>
    protected virtual bool IsTransientConflict(Exception exception) => false;

    /// <summary>How many times an ingest that hit a transient conflict is tried in all.</summary>
    protected virtual int IngestAttempts => 3;

    /// <summary>
    /// Prepares an insert that ingest runs once per row (events, facts, participants, evidence, aliases, holdings) in
    /// the batch's transaction. A provider may return a faster one than the portable ADO.NET command.
    /// </summary>
    protected virtual PreparedRowInsert PrepareInsert(DbConnection connection, DbTransaction transaction, InsertStatement statement) =>
        new AdoRowInsert(connection, transaction, statement);

    /// <summary>
    /// Prepares a statement that ingest runs once per document or entity in the batch's transaction (see
    /// <see cref="DocumentStatements"/>). A provider may return a faster one than the portable ADO.NET command.
    /// </summary>
    protected virtual PreparedStatement PrepareStatement(DbConnection connection, DbTransaction transaction, StatementSql statement) =>
        new AdoStatement(transaction, statement);

    /// <summary>
    /// SQL for the list of <paramref name="values"/> on the right of an <c>IN</c>, bound on <paramref name="command"/>
    /// with parameter names starting with <paramref name="prefix"/>. The portable form is one parameter per value
    /// (<see cref="ListSql.Texts"/>); a provider may bind the whole list as one value.
    /// </summary>
    protected virtual string TextList(DbCommand command, string prefix, IReadOnlyCollection<string> values) => ListSql.Texts(command, prefix, values);

    public abstract ValueTask DisposeAsync();

    public async Task<IngestOutcome> IngestAsync(SourceDocument document, ExtractionRecord record, CancellationToken cancellationToken = default)
    {
        var result = (await IngestManyAsync([(document, record)], cancellationToken).ConfigureAwait(false))[0];
        if (result.Error is { } error)
        {
            ExceptionDispatchInfo.Capture(error).Throw();
        }

        return result.Outcome!;
    }

    /// <summary>
    /// One transaction for the whole batch: a document that fails is reported in its place and the others are stored.
    /// The batch is first written without a savepoint per document; if a document fails, that transaction is rolled back
    /// and the batch written again from the start with a savepoint per document, so the failing one is rolled back to its
    /// savepoint alone (<see cref="IngestBatchOnceAsync"/>). A transient conflict (another writer) retries the whole batch.
    /// </summary>
    public async Task<IReadOnlyList<BatchIngestResult>> IngestManyAsync(
        IReadOnlyList<(SourceDocument Document, ExtractionRecord Record)> documents, CancellationToken cancellationToken = default)
    {
        if (documents.Count == 0)
        {
            return [];
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await IngestBatchOnceAsync(documents, savepoints: false, cancellationToken).ConfigureAwait(false)
                    ?? (await IngestBatchOnceAsync(documents, savepoints: true, cancellationToken).ConfigureAwait(false))!;
            }
            catch (Exception ex) when (attempt < IngestAttempts && IsTransientConflict(ex))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The state on <paramref name="at"/>. A provider that keeps the state index (<see cref="KeepsStateIndex"/>) answers
    /// from the year's blob when it is as new as the knowledge base; otherwise, and on any other provider, from the
    /// holdings rows that hold on the day (<see cref="GetStateFromRowsAsync"/>). Both give the same record.
    /// </summary>
    public async Task<StateRecord> GetStateAsync(LocalDate at, CancellationToken cancellationToken = default)
    {
        if (!KeepsStateIndex)
        {
            return await GetStateFromRowsAsync(at, cancellationToken).ConfigureAwait(false);
        }

        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        long generation;
        List<StateLine> yearLines;
        await using (var reader = await BeginReadAsync(connection, cancellationToken).ConfigureAwait(false))
        {
            (generation, var blob, var length) = await ReadStateYearAsync(reader, at.Year, cancellationToken).ConfigureAwait(false);
            if (blob is not null)
            {
                try
                {
                    if (StateYearIndex.StateOn(blob, length, at) is { } state)
                    {
                        return state;
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(blob);
                }
            }

            // Missing or older than the knowledge base: the year's lines from the rows, in the same snapshot.
            yearLines = await StateLineReader.ReadAsync(reader, Overlaps("@yearFrom", "@yearTo"),
                [("yearFrom", DayNumber(new LocalDate(at.Year, 1, 1))), ("yearTo", DayNumber(new LocalDate(at.Year, 12, 31)))],
                cancellationToken).ConfigureAwait(false);
        }

        await TryStoreStateYearAsync(connection, at.Year, generation, StateYearIndex.Encode(yearLines), cancellationToken).ConfigureAwait(false);
        return StateProjection.StateAt(yearLines, at);
    }

    /// <summary>
    /// The state on <paramref name="at"/> from the holdings rows that hold on the day, never from the state index: what
    /// every provider answered before the index, and the reference the index is tested against.
    /// </summary>
    public async Task<StateRecord> GetStateFromRowsAsync(LocalDate at, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var reader = await BeginReadAsync(connection, cancellationToken).ConfigureAwait(false);
        var lines = await StateLineReader.ReadAsync(reader, HoldsOn("@day"), [("day", DayNumber(at))], cancellationToken).ConfigureAwait(false);
        return StateProjection.StateAt(lines, at);
    }

    /// <summary>The bytes the state index's blobs take (0 on a provider that keeps none): what it adds to the file.</summary>
    public async Task<long> StateIndexBytesAsync(CancellationToken cancellationToken = default)
    {
        if (!KeepsStateIndex)
        {
            return 0;
        }

        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(length(lines)), 0) FROM state_index").ConfigureAwait(false);
    }

    /// <summary>
    /// Whether this provider keeps the state index: one blob per calendar year in <c>state_index (year, generation,
    /// lines)</c> (<see cref="StateYearIndex"/>), written by the first state query of a year after the knowledge base
    /// changed. Its generation is the highest document id when it was built: holdings change only when a document is
    /// added (ingest refreshes them in the document's transaction), documents are never deleted and ids only grow, so a
    /// blob whose generation is the current highest id was built from the holdings as they are. A migration that
    /// recomputes the holdings must empty the table.
    /// </summary>
    protected virtual bool KeepsStateIndex => false;

    /// <summary>
    /// A write transaction for storing a state-index blob, or null when the writer lock is not free at once: a state
    /// query must not wait for an ingest (it answers without storing). Providers that keep the index override it.
    /// </summary>
    protected virtual Task<DbTransaction?> TryBeginStateIndexWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction?>(null);

    /// <summary>
    /// The knowledge base's generation (highest document id) and the year's blob when it is of that generation:
    /// <see cref="StateYearSql"/> with the year as its one parameter. The blob comes in a buffer rented from
    /// <see cref="ArrayPool{T}.Shared"/> (the caller returns it): a year is megabytes at 10^6 facts, and a new array per
    /// answer would be a large-object allocation, each bringing a full collection closer.
    /// </summary>
    protected virtual async Task<(long Generation, byte[]? Blob, int Length)> ReadStateYearAsync(DbTransaction reader, int year,
        CancellationToken cancellationToken)
    {
        await using var command = reader.Connection!.CreateCommand();
        command.Transaction = reader;
        command.CommandText = StateYearSql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "year";
        parameter.DbType = DbType.Int64;
        parameter.Value = (long)year;
        command.Parameters.Add(parameter);
        await using var row = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await row.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (row.IsDBNull(1))
        {
            return (row.GetInt64(0), null, 0);
        }

        var bytes = row.GetFieldValue<byte[]>(1);
        var blob = ArrayPool<byte>.Shared.Rent(bytes.Length);
        bytes.CopyTo(blob, 0);
        return (row.GetInt64(0), blob, bytes.Length);
    }

    /// <summary>One row: the generation, and the year's (<c>@year</c>) blob when it is of that generation, else NULL.</summary>
    protected const string StateYearSql = $"""
        SELECT g.generation, s.lines FROM ({GenerationSql}) g
        LEFT JOIN state_index s ON s.year = @year AND s.generation = g.generation
        """;

    /// <summary><see cref="StateYearSql"/> with the blob's length in place of the blob (for a provider that reads it apart).</summary>
    protected const string StateYearLengthSql = $"""
        SELECT g.generation, length(s.lines) FROM ({GenerationSql}) g
        LEFT JOIN state_index s ON s.year = @year AND s.generation = g.generation
        """;

    /// <summary>
    /// The knowledge base's generation, its highest document id (0 when empty): what the state index's blobs and the
    /// warm index (<see cref="WarmKnowledgeStore"/>) are checked against. One definition for both, so they cannot
    /// disagree about what "as new as the knowledge base" means.
    /// </summary>
    internal const string GenerationSql = "SELECT COALESCE(MAX(id), 0) AS generation FROM documents";

    /// <summary>The generation (<see cref="GenerationSql"/>) as the transaction sees it.</summary>
    internal static async Task<long> GenerationAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = GenerationSql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Stores the year's blob when the writer lock is free and no document was added since its snapshot (a later
    /// generation's blob must not be replaced by an older one, nor an older one stored as current). Failing to store
    /// loses nothing but time: the next query of the year builds it again.
    /// </summary>
    private async Task TryStoreStateYearAsync(DbConnection connection, int year, long generation, byte[] blob, CancellationToken cancellationToken)
    {
        await using var writer = await TryBeginStateIndexWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        if (writer is null)
        {
            return;
        }

        if (await GenerationAsync(writer, cancellationToken).ConfigureAwait(false) != generation)
        {
            return;
        }

        await connection.ExecuteAsync("""
            INSERT INTO state_index (year, generation, lines) VALUES (@year, @generation, @blob)
            ON CONFLICT (year) DO UPDATE SET generation = excluded.generation, lines = excluded.lines
            """, new { year = (long)year, generation, blob }, writer).ConfigureAwait(false);
        await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<StateDiff> GetDiffAsync(LocalDate from, LocalDate to, CancellationToken cancellationToken = default)
    {
        if (to < from)
        {
            (from, to) = (to, from);
        }

        IReadOnlyList<Holding> holdings;
        await using (var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        await using (var reader = await BeginReadAsync(connection, cancellationToken).ConfigureAwait(false))
        {
            holdings = await ReadHoldingsAsync(reader, $"({HoldsOn("@fromDay")}) OR ({HoldsOn("@toDay")})",
                new { fromDay = DayNumber(from), toDay = DayNumber(to) }, withEventIds: false).ConfigureAwait(false);
        }

        var between = await GetEventsAsync(new EventQuery(from.PlusDays(1), to), cancellationToken).ConfigureAwait(false);
        return new StateDiff(from, to, StateProjection.StateAt(holdings, from), StateProjection.StateAt(holdings, to),
            StateProjection.Changes(holdings, from, to), between);
    }

    public async Task<IReadOnlyList<TroopLevelPoint>> GetTroopSeriesAsync(string? force, string? area, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var reader = await BeginReadAsync(connection, cancellationToken).ConfigureAwait(false);
        var forces = force is null ? null : await EntityIdsNamedAsync(reader, force).ConfigureAwait(false);
        var areas = area is null ? null : await EntityIdsNamedAsync(reader, area).ConfigureAwait(false);
        var holdings = (await ReadHoldingsAsync(reader, "kind = 'troop_level'", null).ConfigureAwait(false))
            .Where(h => forces is null || forces.Contains(h.Holder.Id))
            .Where(h => areas is null || areas.Contains(h.Place.Id))
            .OrderBy(h => h.Holder.Name, StringComparer.Ordinal).ThenBy(h => h.Place.Name, StringComparer.Ordinal)
            .ThenBy(h => h.FirstDay ?? LocalDate.MinIsoValue).ThenBy(h => h.Quantity!.BestEstimate)
            .ToList();
        var evidence = await LoadEvidenceAsync(reader, [], [.. holdings.SelectMany(h => h.FactIds)]).ConfigureAwait(false);
        return [.. holdings.Select(h => new TroopLevelPoint(h.Holder.Name, h.Place.Name, h.Quantity!, h.Since, h.Until,
            [.. h.FactIds.SelectMany(id => evidence.Facts[id])]))];
    }

    public async Task<IReadOnlyList<StoredEvent>> GetEventsAsync(EventQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var reader = await BeginReadAsync(connection, cancellationToken).ConfigureAwait(false);
        var where = new List<string>();
        var args = new DynamicParameters();
        if (query.From is { } from)
        {
            where.Add("(e.from_day IS NOT NULL OR e.to_day IS NOT NULL)");
            where.Add("(e.to_day IS NULL OR e.to_day >= @fromDay)");
            args.Add("fromDay", DayNumber(from));
        }

        if (query.To is { } to)
        {
            where.Add("(e.from_day IS NOT NULL OR e.to_day IS NOT NULL)");
            where.Add("(e.from_day IS NULL OR e.from_day <= @toDay)");
            args.Add("toDay", DayNumber(to));
        }

        if (query.Type is { } type)
        {
            where.Add("e.type = @type");
            args.Add("type", VocabularyText.Of(type));
        }

        if (query.Place is { } place)
        {
            var ids = await EntityIdsNamedAsync(reader, place).ConfigureAwait(false);
            where.Add("(e.place_id IN @placeIds OR lower(e.country) = @placeText OR lower(e.admin1) = @placeText)");
            args.Add("placeIds", ids.Count == 0 ? [-1L] : ids.ToArray());
            args.Add("placeText", place.Trim().ToLowerInvariant());
        }

        if (query.Actor is { } actor)
        {
            var ids = await EntityIdsNamedAsync(reader, actor).ConfigureAwait(false);
            where.Add("e.id IN (SELECT ep.event_id FROM event_participants ep WHERE ep.role = 'actor' AND ep.entity_id IN @actorIds)");
            args.Add("actorIds", ids.Count == 0 ? [-1L] : ids.ToArray());
        }

        var filter = where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where);
        var rows = (await reader.QueryAsync<EventRow>(EventColumns + filter, args).ConfigureAwait(false)).ToList();
        return await ToStoredEventsAsync(reader, rows).ConfigureAwait(false);
    }

    public async Task<Timeline?> GetTimelineAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var reader = await BeginReadAsync(connection, cancellationToken).ConfigureAwait(false);
        var found = await FindEntitiesAsync(reader, name, 1).ConfigureAwait(false);
        if (found.Count == 0)
        {
            return null;
        }

        var entity = found[0];
        var id = new { id = entity.Id };
        var eventRows = (await reader.QueryAsync<EventRow>(EventColumns + """
             WHERE e.place_id = @id OR e.attributed_to_id = @id
                OR e.id IN (SELECT ep.event_id FROM event_participants ep WHERE ep.entity_id = @id)
            """, id).ConfigureAwait(false)).ToList();
        var events = await ToStoredEventsAsync(reader, eventRows).ConfigureAwait(false);
        var factRows = (await reader.QueryAsync<FactRow>(FactColumns + " WHERE f.subject_id = @id OR f.object_id = @id", id)
            .ConfigureAwait(false)).ToList();
        var holdings = (await ReadHoldingsAsync(reader, "kind <> 'troop_level' AND (holder_id = @id OR place_id = @id)", id).ConfigureAwait(false))
            .ToList();
        var evidence = await LoadEvidenceAsync(reader, [.. holdings.SelectMany(h => h.EventIds)], [.. holdings.SelectMany(h => h.FactIds)])
            .ConfigureAwait(false);

        var entries = new List<TimelineEntry>();
        entries.AddRange(events.Select(e => new TimelineEntry(e.Event.Date.From ?? e.Event.Date.To,
            VocabularyText.Of(e.Event.Type), Summaries.Of(e.Event), e.Sources)));
        entries.AddRange(factRows.Select(f => new TimelineEntry(
            ParseDate(f.ValidFrom) ?? ParseDate(f.ValidTo), f.Relation, Summaries.Of(f), EvidenceColumns.Sources(f.DocKey, f.EvidenceSpans, f.EvidenceText))));
        foreach (var h in holdings)
        {
            var what = h.Kind == HoldingKind.Presence ? "presence" : "control";
            var sources = h.FactIds.SelectMany(i => evidence.Facts[i]).Concat(h.EventIds.SelectMany(i => evidence.Events[i])).ToList();
            var text = string.Create(CultureInfo.InvariantCulture, $"{h.Holder.Name} {(h.Kind == HoldingKind.Presence ? "at" : "controls")} {h.Place.Name}");
            entries.Add(new TimelineEntry(h.Since, what + "_begun", text + " (begins)", sources));
            if (h.Until is not null)
            {
                entries.Add(new TimelineEntry(h.Until, what + "_ended", text + " (ends)", sources));
            }
        }

        var ordered = entries
            .OrderBy(e => e.Date is null ? 1 : 0)
            .ThenBy(e => e.Date?.FirstDay ?? LocalDate.MinIsoValue)
            .ThenBy(e => e.Date?.Precision ?? DatePrecision.Year)
            .ThenBy(e => e.Kind, StringComparer.Ordinal)
            .ThenBy(e => e.Summary, StringComparer.Ordinal)
            .ThenBy(e => e.Sources.FirstOrDefault()?.DocumentId, StringComparer.Ordinal)
            .ToList();
        return new Timeline(entity, ordered);
    }

    public async Task<StoredEntity?> GetEntityAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var reader = await BeginReadAsync(connection, cancellationToken).ConfigureAwait(false);
        var entities = await LoadEntitiesAsync(reader, [id]).ConfigureAwait(false);
        return entities.Count == 0 ? null : entities[0];
    }

    public async Task<IReadOnlyList<StoredEntity>> FindEntitiesAsync(string query, int limit = 20, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var reader = await BeginReadAsync(connection, cancellationToken).ConfigureAwait(false);
        return await FindEntitiesAsync(reader, query, limit).ConfigureAwait(false);
    }

    public async Task<StoredDocument?> GetDocumentAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var reader = await BeginReadAsync(connection, cancellationToken).ConfigureAwait(false);
        var row = await reader.QuerySingleOrDefaultAsync<DocumentRow>(
            "SELECT id, doc_key, published, outlet, title, url, authors, body, evidence_spans FROM documents WHERE doc_key = @id", new { id })
            .ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var spans = EvidenceColumns.Spans(row.EvidenceSpans);
        var info = new DocumentInfo(row.DocKey, ParseDate(row.Published), row.Outlet, row.Title, row.Url,
            row.Authors is null ? null : row.Authors.Split("; ", StringSplitOptions.RemoveEmptyEntries));
        return new StoredDocument(row.DocKey, info, row.Body, spans);
    }

    /// <summary>Dates as sortable numbers (20260118) so that "what held on D" is an integer range query.</summary>
    protected internal static long DayNumber(LocalDate date) => (date.Year * 10000L) + (date.Month * 100L) + date.Day;

    private static PartialDate? ParseDate(string? text) => text is null ? null : PartialDate.Parse(text);

    private static Quantity? ParseQuantity(string? json) => json is null ? null : RecordJson.Deserialize<Quantity>(json);

    internal static string? QuantityJson(Quantity? quantity) => quantity is null ? null : RecordJson.Serialize(quantity);

    /// <summary>
    /// Writes the batch in one transaction. With <paramref name="savepoints"/>, each document is written inside its own
    /// savepoint and a document that fails is rolled back to it alone; without, a failing document makes this return
    /// null with nothing committed (the transaction is rolled back when disposed), and the caller writes the batch again
    /// with savepoints. A savepoint costs every document the first copy of each page it changes (SQLite keeps the
    /// originals in a sub-journal, PostgreSQL opens a subtransaction), ~0.2-0.3 ms of a ~1 ms document write on SQLite,
    /// for a failure that almost never comes.
    /// </summary>
    private async Task<IReadOnlyList<BatchIngestResult>?> IngestBatchOnceAsync(
        IReadOnlyList<(SourceDocument Document, ExtractionRecord Record)> documents, bool savepoints, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var results = new BatchIngestResult?[documents.Count];

        // Documents already stored need no write transaction (and no lock on PostgreSQL); one query per 500 hashes.
        var known = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in documents.Select(d => d.Document.ContentHash).Distinct(StringComparer.Ordinal).Chunk(500))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT content_hash, doc_key FROM documents WHERE content_hash IN " + TextList(command, "h", chunk);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                known[reader.GetString(0)] = reader.GetString(1);
            }
        }

        for (var i = 0; i < documents.Count; i++)
        {
            if (known.TryGetValue(documents[i].Document.ContentHash, out var key))
            {
                results[i] = new BatchIngestResult(new IngestOutcome(key, IngestStatus.AlreadyKnown), null);
            }
        }

        if (results.All(r => r is not null))
        {
            return results!;
        }

        // Started before the transaction: the producer gets ahead while the writer takes its lock and loads the candidates.
        using var preparation = new DocumentPreparation(documents, i => results[i] is null);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        using var claims = claimCache.Begin(await ClaimCacheMarksAsync(transaction).ConfigureAwait(false));
        var entities = new EntityCache();
        var mirror = new EntityMirror(transaction, TextList);
        // The candidates of every entity the batch lists, in a few queries instead of two per entity.
        await mirror.LoadAsync(documents.Where((_, i) => results[i] is null).SelectMany(d => d.Record.Entities)).ConfigureAwait(false);
        await using var inserts = new BatchInserts(statement => PrepareInsert(connection, transaction, statement));
        await using var statements = new DocumentStatements(statement => PrepareStatement(connection, transaction, statement));
        var scope = new HoldingScope();
        var written = new WrittenClaims();
        for (var i = 0; i < documents.Count; i++)
        {
            if (results[i] is not null)
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var (document, record) = documents[i];
            var writtenBefore = written.Mark();
            if (savepoints)
            {
                await statements.SavepointAsync().ConfigureAwait(false);
            }

            try
            {
                var (outcome, touched) = await WriteDocumentAsync(inserts, statements, entities, mirror, written, document, record,
                    preparation.Take(i), cancellationToken).ConfigureAwait(false);
                if (savepoints)
                {
                    await statements.ReleaseAsync().ConfigureAwait(false);
                }

                scope.UnionWith(touched);
                results[i] = new BatchIngestResult(outcome, null);
            }
            catch (Exception ex) when (!savepoints && ex is not OperationCanceledException && !IsTransientConflict(ex))
            {
                // The document's rows cannot be undone alone: the whole transaction goes, and the batch is written again.
                return null;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && !IsTransientConflict(ex))
            {
                // Only this document's rows go; the entities it resolved may have been rolled back with them.
                await connection.ExecuteAsync("ROLLBACK TO SAVEPOINT garrison_document; RELEASE SAVEPOINT garrison_document",
                    transaction: transaction).ConfigureAwait(false);
                entities.Clear();
                mirror.Clear();
                written.RollBackTo(writtenBefore);
                results[i] = new BatchIngestResult(null, ex);
            }
        }

        // A holding depends only on the claims of its unit (holder and place, or place for control), so refreshing the
        // units once for the whole batch gives what refreshing after each document would (docs/storage.md, "Ingest").
        await RefreshHoldingsAsync(transaction, scope, claims, written).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        claims.Commit();
        return results!;
    }

    /// <summary>Writes one document inside the batch's transaction and returns its outcome and the holdings it may change.</summary>
    private static async Task<(IngestOutcome Outcome, HoldingScope Scope)> WriteDocumentAsync(
        BatchInserts inserts, DocumentStatements statements, EntityCache entities, EntityMirror mirror, WrittenClaims written,
        SourceDocument document, ExtractionRecord record, PreparedDocument prepared, CancellationToken cancellationToken)
    {
        var key = document.Id;
        if (await statements.KeyTakenAsync(key).ConfigureAwait(false))
        {
            key = document.Id + "~" + document.ContentHash[..8];
        }

        var documentId = await statements.InsertAsync(key, prepared.DocumentValues).ConfigureAwait(false);
        if (documentId is null)
        {
            // The same text is already stored: by another writer since our check, or earlier in this batch.
            return (new IngestOutcome(await statements.HolderAsync(document.ContentHash).ConfigureAwait(false), IngestStatus.AlreadyKnown), new HoldingScope());
        }

        written.Document(documentId.Value, key, document.Info.Published);
        var writer = new DocumentWriter(inserts, statements, entities, mirror, written);
        var scope = await writer.WriteAsync(documentId.Value, record, prepared, cancellationToken).ConfigureAwait(false);
        return (new IngestOutcome(key, IngestStatus.Added), scope);
    }

    /// <summary>
    /// Recomputes every holding from the facts and events stored (after a migration that adds or changes holdings).
    /// Run inside the migration's transaction.
    /// </summary>
    protected static async Task RebuildHoldingsAsync(DbTransaction transaction)
    {
        await transaction.Connection!.ExecuteAsync("DELETE FROM holdings", transaction: transaction).ConfigureAwait(false);
        await InsertHoldingsAsync(new AdoRowInsert(transaction.Connection!, transaction, HoldingInsert),
            (await ComputeHoldingsAsync(transaction, null).ConfigureAwait(false)).Select(new HoldingJson().Values)).ConfigureAwait(false);
    }

    /// <summary>
    /// SQL that is true for a holdings row holding on the day parameter given (open ends hold). Providers override it
    /// with a condition their interval index answers (SQLite: an R*Tree; PostgreSQL: a GiST index on a range), so that
    /// a state query reads only the rows that hold, whatever the size of the knowledge base.
    /// </summary>
    protected virtual string HoldsOn(string day) => $"(first_day IS NULL OR first_day <= {day}) AND (last_day IS NULL OR last_day >= {day})";

    /// <summary>SQL that is true for a holdings row whose interval meets the days from <paramref name="from"/> to <paramref name="to"/>.</summary>
    protected virtual string Overlaps(string from, string to) =>
        $"(first_day IS NULL OR first_day <= {to}) AND (last_day IS NULL OR last_day >= {from})";

    /// <summary>
    /// Every rule in <see cref="TemporalRules"/> works within one unit (presence and troop levels per holder and place,
    /// control per place), so a batch changes only the holdings of the units its claims name (<see cref="HoldingScope"/>):
    /// those are recomputed from all claims of those units, in the batch's transaction. Only the rows that differ are
    /// written: a holdings row costs an R*Tree update besides its b-trees on SQLite, and most holdings of a unit a new
    /// report names come out exactly as they were. Chunked by place as before, so the rows added come in the same order.
    /// </summary>
    private async Task RefreshHoldingsAsync(DbTransaction transaction, HoldingScope scope, ClaimCache.Session claims, WrittenClaims written)
    {
        if (!scope.IsEmpty)
        {
            await RefreshUnitsAsync(transaction, scope, claims, written).ConfigureAwait(false);
        }

        // What the cache is checked against when the next batch begins, as this batch leaves the knowledge base.
        claims.Written(await ClaimCacheMarksAsync(transaction).ConfigureAwait(false));
    }

    /// <summary>
    /// What <see cref="ClaimCache"/> is valid for: the generation, and the highest holdings id (a rewrite of the
    /// holdings that adds no document changes it), then the highest fact and event ids (the next batch's claims are
    /// those above them). Each is a lookup of the last key of a primary index.
    /// </summary>
    private static async Task<ClaimCache.Marks> ClaimCacheMarksAsync(DbTransaction transaction)
    {
        await using var command = ListSql.Command(transaction,
            $"SELECT g.generation, (SELECT COALESCE(MAX(id), 0) FROM holdings), (SELECT COALESCE(MAX(id), 0) FROM facts), " +
            $"(SELECT COALESCE(MAX(id), 0) FROM events) FROM ({GenerationSql}) g");
        await using var row = await command.ExecuteReaderAsync().ConfigureAwait(false);
        await row.ReadAsync().ConfigureAwait(false);
        return new ClaimCache.Marks(row.GetInt64(0), row.GetInt64(1), row.GetInt64(2), row.GetInt64(3));
    }

    private async Task RefreshUnitsAsync(DbTransaction transaction, HoldingScope scope, ClaimCache.Session claims, WrittenClaims written)
    {

        var connection = transaction.Connection!;
        var parts = scope.Places.Order().Chunk(500).Select(chunk => scope.Within(chunk.ToHashSet())).Where(part => !part.IsEmpty).ToList();
        // Per part, the units whose stored rows the cache did not hold before this batch (all of them without the cache).
        var unheld = claims.Holds ? new List<HoldingScope>() : parts;
        if (claims.Holds)
        {
            // The batch's own claims go to the units the cache held before it; the units it did not hold are then read
            // whole (the batch's claims included), once per process.
            if (claims.HasUnits)
            {
                var (newFacts, newEvents) = await BatchClaimsAsync(transaction, claims, written).ConfigureAwait(false);
                if (WrittenClaimsCheck is { } check)
                {
                    var (readFacts, readEvents) = await ReadBatchClaimsAsync(transaction, claims).ConfigureAwait(false);
                    check(newFacts, newEvents, readFacts, readEvents);
                }

                claims.AddNew(newFacts, newEvents);
            }

            foreach (var part in parts)
            {
                var missing = claims.Missing(part);
                unheld.Add(missing);
                if (!missing.IsEmpty)
                {
                    var (facts, events) = await ReadClaimsAsync(transaction, missing, claims.Entities, claims.Documents).ConfigureAwait(false);
                    claims.AddLoaded(missing, facts, events);
                }
            }
        }

        var keyBuilder = new StringBuilder(256);
        for (var p = 0; p < parts.Count; p++)
        {
            var part = parts[p];
            IReadOnlyList<Holding> holdings;
            if (claims.Holds)
            {
                holdings = claims.HoldingsOf(part);
            }
            else
            {
                holdings = await ComputeHoldingsAsync(transaction, part).ConfigureAwait(false);
            }

            var added = new List<object?[]>();
            // Each holding's row id (for an added row, -1 until it is inserted), for the cache.
            var rows = new List<long>(holdings.Count);
            var json = new HoldingJson();
            // The ids of the stored rows no computed holding kept.
            IEnumerable<long> replaced;
            // Every stored row of the part's units as the cache holds it, with the holding it was computed from: a
            // computed holding keeps a row whose holding has the same content (HoldingContent: every field a row is
            // made of, so equal content is an equal row and the reverse), and only the rows to add are written as
            // values (a key wrote every column of every changed holding as text). Otherwise (units read from the
            // database in this batch, or no cache) rows are compared by key.
            if (claims.Holds && unheld[p].IsEmpty)
            {
                var (kept, replacedRows) = claims.MatchRows(part, holdings);
                for (var i = 0; i < holdings.Count; i++)
                {
                    rows.Add(kept[i]);
                    if (kept[i] == -1)
                    {
                        added.Add(json.Values(holdings[i]));
                    }
                }

                replaced = replacedRows;
            }
            else
            {
                var stored = await StoredRowsByKeyAsync(transaction, part, unheld[p], claims, json, keyBuilder).ConfigureAwait(false);
                foreach (var holding in holdings)
                {
                    var row = json.Values(holding);
                    var key = RowKey(row, keyBuilder);
                    if (stored.TryGetValue(key, out var ids) && ids.TryPop(out var id))
                    {
                        rows.Add(id);
                    }
                    else
                    {
                        rows.Add(-1);
                        added.Add(row);
                    }
                }

                replaced = stored.Values.SelectMany(ids => ids);
            }

            // Ids written into the SQL (ListSql): Dapper's expansion binds one named parameter per id, which the SQLite
            // driver looks up by name in a statement of up to 500 of them.
            foreach (var gone in replaced.Order().Chunk(500))
            {
                await using var delete = ListSql.Command(transaction, "DELETE FROM holdings WHERE id IN " + ListSql.Ids(gone));
                await delete.ExecuteNonQueryAsync().ConfigureAwait(false);
            }

            if (!claims.Holds)
            {
                await InsertHoldingsAsync(PrepareInsert(connection, transaction, HoldingInsert), added).ConfigureAwait(false);
            }
            else
            {
                long[] addedIds;
                await using (var insert = PrepareInsert(connection, transaction, HoldingInsertReturningId))
                {
                    addedIds = await insert.InsertAllReturningIdsAsync(added).ConfigureAwait(false);
                }

                for (int i = 0, next = 0; i < rows.Count; i++)
                {
                    if (rows[i] == -1)
                    {
                        rows[i] = addedIds[next++];
                    }
                }

                claims.SetRows(part, holdings, rows);
            }

        }
    }

    /// <summary>
    /// The stored rows of the part's units by key (<see cref="RowKey"/>), the ids of equal rows in id order: those the
    /// cache holds from their holdings, those of <paramref name="unheld"/> units (all of them without the cache) read.
    /// </summary>
    private static async Task<Dictionary<string, Stack<long>>> StoredRowsByKeyAsync(
        DbTransaction transaction, HoldingScope part, HoldingScope unheld, ClaimCache.Session claims, HoldingJson json, StringBuilder keyBuilder)
    {
        var stored = new Dictionary<string, Stack<long>>(StringComparer.Ordinal);
        void Add(string key, long id)
        {
            if (!stored.TryGetValue(key, out var ids))
            {
                stored[key] = ids = new Stack<long>();
            }

            ids.Push(id);
        }

        if (claims.Holds)
        {
            foreach (var (holding, id) in claims.RowsOf(part))
            {
                Add(RowKey(json.Values(holding), keyBuilder), id);
            }
        }

        var storedIds = unheld.Sql(
            // Each place's rows found once by ix_holdings_place.
            pairs => $"SELECT t.id FROM holdings t WHERE t.place_id IN {pairs.Places} AND t.kind = 'presence' AND (t.holder_id, t.place_id) IN {pairs.Values}",
            pairs => $"SELECT t.id FROM holdings t WHERE t.place_id IN {pairs.Places} AND t.kind = 'troop_level' AND (t.holder_id, t.place_id) IN {pairs.Values}",
            places => $"SELECT t.id FROM holdings t WHERE t.kind = 'control' AND t.place_id IN {places}");
        if (storedIds is not null)
        {
            await using var command = ListSql.Command(transaction,
                $"SELECT id, {string.Join(", ", HoldingInsertColumns)} FROM holdings WHERE id IN ({storedIds})");
            await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                Add(StoredRowKey(reader, keyBuilder), reader.GetInt64(0));
            }
        }

        return stored;
    }

    /// <summary>The columns a holding is stored in (besides its id), in the order of <see cref="HoldingJson.Values"/>.</summary>
    internal static readonly string[] HoldingInsertColumns =
        ["kind", "holder_id", "holder_name", "place_id", "place_name", "since", "until", "first_day", "last_day", "quantity", "sources", "fact_ids", "event_ids",
         "source_ids", "latest_source_day", "first_fact_id"];

    /// <summary>A row's values as one string, the same for a computed row and the stored row it equals (integers as read back are longs).</summary>
    // One holdings row's key: its columns joined by U+001F, a null as U+0000, numbers in invariant digits. RowKey (a
    // computed row) and StoredRowKey (a stored one) both write it through these two, so their keys cannot drift apart.
    private static void AppendKeyText(StringBuilder key, int column, string? text)
    {
        if (column > 0)
        {
            key.Append('\u001f');
        }

        key.Append(text ?? "\u0000");
    }

    private static void AppendKeyNumber(StringBuilder key, int column, long number)
    {
        if (column > 0)
        {
            key.Append('\u001f');
        }

        key.Append(CultureInfo.InvariantCulture, $"{number}");
    }

    private static string RowKey(object?[] values, StringBuilder key)
    {
        // Made for every computed holding at the places a batch touched: one builder per batch, no query or iterator.
        key.Clear();
        for (var i = 0; i < values.Length; i++)
        {
            switch (values[i])
            {
                case null or string:
                    AppendKeyText(key, i, (string?)values[i]);
                    break;
                case var number:
                    AppendKeyNumber(key, i, Convert.ToInt64(number, CultureInfo.InvariantCulture));
                    break;
            }
        }

        return key.ToString();
    }

    /// <summary>
    /// <see cref="RowKey"/> of a stored holdings row (its id first, then <see cref="HoldingInsertColumns"/>), read with the
    /// getter of each column's type: every row at a touched place is read, and boxing each value cost more than its key.
    /// </summary>
    private static string StoredRowKey(DbDataReader reader, StringBuilder key)
    {
        key.Clear();
        for (var i = 0; i < HoldingInsertColumns.Length; i++)
        {
            var column = i + 1;
            if (!reader.IsDBNull(column) && HoldingInsert.Types[i] == DbType.Int64)
            {
                AppendKeyNumber(key, i, reader.GetInt64(column));
            }
            else
            {
                AppendKeyText(key, i, reader.IsDBNull(column) ? null : reader.GetString(column));
            }
        }

        return key.ToString();
    }

    private static readonly InsertStatement HoldingInsert = new("holdings", HoldingInsertColumns,
        [DbType.String, DbType.Int64, DbType.String, DbType.Int64, DbType.String, DbType.String, DbType.String, DbType.Int64, DbType.Int64,
         DbType.String, DbType.String, DbType.String, DbType.String, DbType.String, DbType.Int64, DbType.Int64]);

    private static readonly InsertStatement HoldingInsertReturningId = HoldingInsert with { ReturnsId = true };

    private static async Task InsertHoldingsAsync(PreparedRowInsert insert, IEnumerable<object?[]> rows)
    {
        await using var _ = insert;
        await insert.InsertAllAsync([.. rows]).ConfigureAwait(false);
    }

    /// <summary>
    /// Holdings matching <paramref name="where"/>, in <see cref="TemporalRules.Order"/>. Without
    /// <paramref name="withEventIds"/> the event ids are left empty: the state and the diff never show them.
    /// </summary>
    private static async Task<IReadOnlyList<Holding>> ReadHoldingsAsync(DbTransaction reader, string where, object? args, bool withEventIds = true)
    {
        var rows = await reader.QueryAsync<HoldingRow>($"""
            SELECT kind, holder_id, holder_name, place_id, place_name, since, until, first_day, last_day, quantity, sources, fact_ids,
                   {(withEventIds ? "event_ids" : "'[]' AS event_ids")}
            FROM holdings WHERE
            """ + " " + where, args).ConfigureAwait(false);
        var columns = new HoldingColumns();
        var holdings = rows.Select(r => new Holding(
                VocabularyText.Parse<HoldingKind>(r.Kind), new EntityRef(r.HolderId, r.HolderName), new EntityRef(r.PlaceId, r.PlaceName),
                ParseDate(r.Since), ParseDate(r.Until), FromDayNumber(r.FirstDay), FromDayNumber(r.LastDay), ParseQuantity(r.Quantity),
                columns.Sources(r.Sources), HoldingColumns.Ids(r.FactIds), HoldingColumns.Ids(r.EventIds)))
            .ToList();
        holdings.Sort(TemporalRules.Order);
        return holdings;
    }

    private static LocalDate? FromDayNumber(long? day) =>
        day is { } d ? new LocalDate((int)(d / 10000), (int)(d / 100 % 100), (int)(d % 100)) : null;

    /// <summary>
    /// Holdings computed from the stored claims, of the scope's units only (null: everywhere). The rows are read with
    /// plain data readers: the scope's ids are written into the SQL, and Dapper would build (and keep) a new row mapper
    /// for every SQL text it has not seen.
    /// </summary>
    private static async Task<IReadOnlyList<Holding>> ComputeHoldingsAsync(DbTransaction reader, HoldingScope? scope)
    {
        var (facts, events) = await ReadClaimsAsync(reader, scope, [], new(StringComparer.Ordinal)).ConfigureAwait(false);
        return Build(facts, events, scope);
    }

    /// <summary>
    /// The stored claims of the scope's units (null: every temporal claim), their entities and documents taken from and
    /// added to the dictionaries given (so that the claims of one store share them).
    /// </summary>
    private static async Task<(List<TemporalFact> Facts, List<TemporalEvent> Events)> ReadClaimsAsync(
        DbTransaction reader, HoldingScope? scope, Dictionary<long, EntityRef> entities, Dictionary<string, DocumentRef> documents)
    {
        EntityRef Entity(DbDataReader row, int id, int name)
        {
            var key = row.GetInt64(id);
            if (!entities.TryGetValue(key, out var entity))
            {
                entities[key] = entity = new EntityRef(key, row.GetString(name));
            }

            return entity;
        }

        DocumentRef Document(DbDataReader row, int key, int published)
        {
            var id = row.GetString(key);
            if (!documents.TryGetValue(id, out var document))
            {
                documents[id] = document = new DocumentRef(id, ParseDate(ListSql.Text(row, published)));
            }

            return document;
        }

        var facts = new List<TemporalFact>();
        // Each unit's claims are found through an index: a pair's through ix_facts_relation (relation, subject, object),
        // a control place's through ix_facts_object. SQLite's planner has no statistics (nothing runs ANALYZE), and
        // `|| ''` keeps it off ix_facts_relation there, which would read every controls fact.
        var factIds = scope?.Sql(
            pairs => $"SELECT t.id FROM facts t WHERE t.relation = 'present_at' AND (t.subject_id, t.object_id) IN {pairs.Values}",
            pairs => $"SELECT t.id FROM facts t WHERE t.relation = 'troop_level' AND (t.subject_id, t.object_id) IN {pairs.Values}",
            places => $"SELECT t.id FROM facts t WHERE t.relation || '' = 'controls' AND t.object_id IN {places}");
        var factFilter = scope is null ? " WHERE f.relation IN " + TemporalRelations + " AND f.object_id IS NOT NULL"
            : factIds is null ? null : " WHERE f.id IN (" + factIds + ")";
        if (factFilter is not null)
        {
            await using var command = ListSql.Command(reader, """
            SELECT f.id, d.doc_key, d.published, f.relation, f.subject_id, s.name, f.object_id, o.name, f.quantity, f.valid_from, f.valid_to, f.valid_approx
            FROM facts f
            JOIN documents d ON d.id = f.document_id
            JOIN entities s ON s.id = f.subject_id
            JOIN entities o ON o.id = f.object_id
            """ + factFilter);
            await using var row = await command.ExecuteReaderAsync().ConfigureAwait(false);
            while (await row.ReadAsync().ConfigureAwait(false))
            {
                facts.Add(new TemporalFact(row.GetInt64(0), VocabularyText.Parse<Relation>(row.GetString(3)), Entity(row, 4, 5), Entity(row, 6, 7),
                    DateSpanAt(row, 9),
                    ParseQuantity(ListSql.Text(row, 8)), Document(row, 1, 2)));
            }
        }

        // A presence pair's events are those at its place that name its holder as an actor: each place's events found
        // once by ix_events_place, their actors by the participants' key; a control place's are all its control events.
        var eventIds = scope is null ? "SELECT e.id FROM events e WHERE e.type IN " + TemporalEventTypes + " AND e.place_id IS NOT NULL"
            : scope.Sql(
                pairs => $"SELECT t.id FROM events t CROSS JOIN event_participants ep WHERE t.place_id IN {pairs.Places} " +
                    $"AND t.type IN {PresenceEventTypes} AND ep.event_id = t.id AND ep.role = 'actor' AND (ep.entity_id, t.place_id) IN {pairs.Values}",
                null,
                places => $"SELECT t.id FROM events t WHERE t.type IN {ControlEventTypes} AND t.place_id IN {places}");
        var eventFilter = scope is null ? " WHERE e.type IN " + TemporalEventTypes + " AND e.place_id IS NOT NULL"
            : eventIds is null ? null : " WHERE e.id IN (" + eventIds + ")";
        var participants = new Dictionary<long, (List<EntityRef> Actors, List<EntityRef> Targets)>();
        var events = new List<TemporalEvent>();
        if (eventFilter is null)
        {
            return (facts, events);
        }

        await using (var command = ListSql.Command(reader,
            "SELECT ep.event_id, ep.role, ep.entity_id, en.name FROM event_participants ep JOIN entities en ON en.id = ep.entity_id " +
            "WHERE ep.event_id IN (" + eventIds + ") ORDER BY ep.event_id, ep.role, ep.ordinal"))
        await using (var row = await command.ExecuteReaderAsync().ConfigureAwait(false))
        {
            while (await row.ReadAsync().ConfigureAwait(false))
            {
                var eventId = row.GetInt64(0);
                if (!participants.TryGetValue(eventId, out var lists))
                {
                    participants[eventId] = lists = ([], []);
                }

                (row.GetString(1) == "actor" ? lists.Actors : lists.Targets).Add(Entity(row, 2, 3));
            }
        }

        await using (var command = ListSql.Command(reader, """
            SELECT e.id, d.doc_key, d.published, e.type, e.status, e.date_from, e.date_to, e.date_approx, e.place_id, p.name
            FROM events e
            JOIN documents d ON d.id = e.document_id
            JOIN entities p ON p.id = e.place_id
            """ + eventFilter))
        await using (var row = await command.ExecuteReaderAsync().ConfigureAwait(false))
        {
            while (await row.ReadAsync().ConfigureAwait(false))
            {
                var id = row.GetInt64(0);
                var (actors, targets) = participants.TryGetValue(id, out var lists) ? lists : ([], []);
                events.Add(new TemporalEvent(id, VocabularyText.Parse<EventType>(row.GetString(3)), VocabularyText.Parse<EventStatus>(row.GetString(4)),
                    DateSpanAt(row, 5),
                    actors, targets, Entity(row, 8, 9), Document(row, 1, 2)));
            }
        }

        return (facts, events);
    }

    /// <summary>The span stored in three columns from <paramref name="first"/>: from, to, and whether it is approximate.</summary>
    private static DateSpan DateSpanAt(DbDataReader row, int first) =>
        new(ParseDate(ListSql.Text(row, first)), ParseDate(ListSql.Text(row, first + 1)), row.GetInt64(first + 2) != 0);

    /// <summary>
    /// Called, when set (by tests), with the batch's own claims as built from what its documents wrote and as read back
    /// from the database (<see cref="ReadBatchClaimsAsync"/>, the reference): facts, events, then the same read back.
    /// </summary>
    internal Action<List<TemporalFact>, List<TemporalEvent>, List<TemporalFact>, List<TemporalEvent>>? WrittenClaimsCheck { get; set; }

    /// <summary>
    /// The temporal claims of the documents the batch wrote, built from what the document writer wrote
    /// (<see cref="WrittenClaims"/>) in id order, as <see cref="ReadBatchClaimsAsync"/> reads them back: documents and
    /// entities shared through the cache, the names of entities it has not seen read once.
    /// </summary>
    private static async Task<(List<TemporalFact> Facts, List<TemporalEvent> Events)> BatchClaimsAsync(
        DbTransaction reader, ClaimCache.Session claims, WrittenClaims written)
    {
        var documents = new Dictionary<long, DocumentRef>(written.Documents.Count);
        foreach (var document in written.Documents)
        {
            if (!claims.Documents.TryGetValue(document.Key, out var shared))
            {
                claims.Documents[document.Key] = shared = new DocumentRef(document.Key, document.Published);
            }

            documents[document.Id] = shared;
        }

        var entities = claims.Entities;
        var unnamed = new HashSet<long>();
        void Name(long id)
        {
            if (!entities.ContainsKey(id))
            {
                unnamed.Add(id);
            }
        }

        foreach (var fact in written.Facts)
        {
            Name(fact.Subject);
            Name(fact.Object);
        }

        foreach (var ev in written.Events)
        {
            Name(ev.Place);
            Array.ForEach(ev.Actors, Name);
            Array.ForEach(ev.Targets, Name);
        }

        foreach (var chunk in unnamed.Order().Chunk(500))
        {
            await using var command = ListSql.Command(reader, "SELECT id, name FROM entities WHERE id IN " + ListSql.Ids(chunk));
            await using var row = await command.ExecuteReaderAsync().ConfigureAwait(false);
            while (await row.ReadAsync().ConfigureAwait(false))
            {
                entities[row.GetInt64(0)] = new EntityRef(row.GetInt64(0), row.GetString(1));
            }
        }

        var facts = new List<TemporalFact>(written.Facts.Count);
        foreach (var f in written.Facts)
        {
            facts.Add(new TemporalFact(f.Id, f.Relation, entities[f.Subject], entities[f.Object], f.Valid, ParseQuantity(f.Quantity), documents[f.Document]));
        }

        var events = new List<TemporalEvent>(written.Events.Count);
        foreach (var e in written.Events)
        {
            events.Add(new TemporalEvent(e.Id, e.Type, e.Status, e.Date, Array.ConvertAll(e.Actors, a => entities[a]),
                Array.ConvertAll(e.Targets, t => entities[t]), entities[e.Place], documents[e.Document]));
        }

        // In id order, as the read back gives them (ids grow in the order rows are inserted, but nothing here relies on it).
        facts.Sort((a, b) => a.Id.CompareTo(b.Id));
        events.Sort((a, b) => a.Id.CompareTo(b.Id));
        return (facts, events);
    }

    /// <summary>
    /// The temporal claims of the documents the batch wrote (facts and events above the highest ids of the generation
    /// its transaction began at, documents above that generation), found by id ranges without joining documents and
    /// entities per row: the batch's documents and the entities the cache has not seen are read once. The same claims,
    /// rows and columns <see cref="ReadClaimsAsync"/> reads.
    /// </summary>
    private static async Task<(List<TemporalFact> Facts, List<TemporalEvent> Events)> ReadBatchClaimsAsync(DbTransaction reader, ClaimCache.Session claims)
    {
        var after = claims.StartGeneration.ToString(CultureInfo.InvariantCulture);
        var (factMark, eventMark) = claims.HighestIds;
        var documents = new Dictionary<long, DocumentRef>();
        await using (var command = ListSql.Command(reader, $"SELECT id, doc_key, published FROM documents WHERE id > {after}"))
        await using (var row = await command.ExecuteReaderAsync().ConfigureAwait(false))
        {
            while (await row.ReadAsync().ConfigureAwait(false))
            {
                var key = row.GetString(1);
                if (!claims.Documents.TryGetValue(key, out var document))
                {
                    claims.Documents[key] = document = new DocumentRef(key, ParseDate(ListSql.Text(row, 2)));
                }

                documents[row.GetInt64(0)] = document;
            }
        }

        // `|| ''` keeps SQLite (no statistics) on the id range rather than the relation's or type's index, which would
        // read every temporal claim stored.
        var unnamed = new HashSet<long>();
        void Name(long id)
        {
            if (!claims.Entities.ContainsKey(id))
            {
                unnamed.Add(id);
            }
        }

        var factRows = new List<(long Id, long Document, Relation Relation, long Subject, long Object, string? Quantity, DateSpan Valid)>();
        await using (var command = ListSql.Command(reader,
            "SELECT f.id, f.document_id, f.relation, f.subject_id, f.object_id, f.quantity, f.valid_from, f.valid_to, f.valid_approx FROM facts f " +
            $"WHERE f.id > {factMark} AND f.relation || '' IN {TemporalRelations} AND f.object_id IS NOT NULL"))
        await using (var row = await command.ExecuteReaderAsync().ConfigureAwait(false))
        {
            while (await row.ReadAsync().ConfigureAwait(false))
            {
                factRows.Add((row.GetInt64(0), row.GetInt64(1), VocabularyText.Parse<Relation>(row.GetString(2)), row.GetInt64(3), row.GetInt64(4),
                    ListSql.Text(row, 5), DateSpanAt(row, 6)));
                Name(factRows[^1].Subject);
                Name(factRows[^1].Object);
            }
        }

        var eventFilter = $"e.id > {eventMark} AND e.type || '' IN {TemporalEventTypes} AND e.place_id IS NOT NULL";
        var participants = new Dictionary<long, (List<long> Actors, List<long> Targets)>();
        await using (var command = ListSql.Command(reader,
            $"SELECT ep.event_id, ep.role, ep.entity_id FROM event_participants ep WHERE ep.event_id IN (SELECT e.id FROM events e WHERE {eventFilter}) " +
            "ORDER BY ep.event_id, ep.role, ep.ordinal"))
        await using (var row = await command.ExecuteReaderAsync().ConfigureAwait(false))
        {
            while (await row.ReadAsync().ConfigureAwait(false))
            {
                var eventId = row.GetInt64(0);
                if (!participants.TryGetValue(eventId, out var lists))
                {
                    participants[eventId] = lists = ([], []);
                }

                var entity = row.GetInt64(2);
                (row.GetString(1) == "actor" ? lists.Actors : lists.Targets).Add(entity);
                Name(entity);
            }
        }

        var eventRows = new List<(long Id, long Document, EventType Type, EventStatus Status, DateSpan Date, long Place)>();
        await using (var command = ListSql.Command(reader,
            $"SELECT e.id, e.document_id, e.type, e.status, e.date_from, e.date_to, e.date_approx, e.place_id FROM events e WHERE {eventFilter}"))
        await using (var row = await command.ExecuteReaderAsync().ConfigureAwait(false))
        {
            while (await row.ReadAsync().ConfigureAwait(false))
            {
                eventRows.Add((row.GetInt64(0), row.GetInt64(1), VocabularyText.Parse<EventType>(row.GetString(2)), VocabularyText.Parse<EventStatus>(row.GetString(3)),
                    DateSpanAt(row, 4), row.GetInt64(7)));
                Name(eventRows[^1].Place);
            }
        }

        foreach (var chunk in unnamed.Order().Chunk(500))
        {
            await using var command = ListSql.Command(reader, "SELECT id, name FROM entities WHERE id IN " + ListSql.Ids(chunk));
            await using var row = await command.ExecuteReaderAsync().ConfigureAwait(false);
            while (await row.ReadAsync().ConfigureAwait(false))
            {
                claims.Entities[row.GetInt64(0)] = new EntityRef(row.GetInt64(0), row.GetString(1));
            }
        }

        var entities = claims.Entities;
        var facts = factRows.Select(f => new TemporalFact(f.Id, f.Relation, entities[f.Subject], entities[f.Object], f.Valid, ParseQuantity(f.Quantity), documents[f.Document])).ToList();
        var events = eventRows.Select(e =>
        {
            var (actors, targets) = participants.TryGetValue(e.Id, out var lists) ? lists : ([], []);
            return new TemporalEvent(e.Id, e.Type, e.Status, e.Date, [.. actors.Select(a => entities[a])], [.. targets.Select(t => entities[t])], entities[e.Place], documents[e.Document]);
        }).ToList();
        return (facts, events);
    }

    /// <summary>
    /// The holdings of the claims read, those of the scope's units only: claims read for one unit can yield holdings of
    /// another (a deployment read for one of its actors opens a presence for each), built from part of its claims.
    /// </summary>
    private static IReadOnlyList<Holding> Build(List<TemporalFact> facts, List<TemporalEvent> events, HoldingScope? scope)
    {
        // Claims in id order whatever plan the database chose: within one holder and place (all the rules compare) the
        // rules see them in the order they were stored.
        facts.Sort((a, b) => a.Id.CompareTo(b.Id));
        events.Sort((a, b) => a.Id.CompareTo(b.Id));
        var holdings = TemporalRules.Build(facts, events);
        return scope is null ? holdings : [.. holdings.Where(scope.Contains)];
    }

    private static async Task<IReadOnlyList<StoredEvent>> ToStoredEventsAsync(DbTransaction reader, List<EventRow> rows)
    {
        var ids = rows.Select(r => r.Id).ToArray();
        var participants = ids.Length == 0
            ? Enumerable.Empty<ParticipantRow>().ToLookup(p => p.EventId)
            : (await reader.QueryAsync<ParticipantRow>(
                    "SELECT ep.event_id, ep.role, ep.entity_id, en.name FROM event_participants ep JOIN entities en ON en.id = ep.entity_id " +
                    "WHERE ep.event_id IN @ids ORDER BY ep.event_id, ep.role, ep.ordinal", new { ids }).ConfigureAwait(false))
                .ToLookup(p => p.EventId);
        return [.. rows
            .OrderBy(r => r.DateFrom is null && r.DateTo is null ? 1 : 0)
            .ThenBy(r => (ParseDate(r.DateFrom) ?? ParseDate(r.DateTo))?.FirstDay ?? LocalDate.MinIsoValue)
            .ThenBy(r => ParseDate(r.Published)?.FirstDay ?? LocalDate.MaxIsoValue)
            .ThenBy(r => r.DocKey, StringComparer.Ordinal)
            .ThenBy(r => r.Ordinal)
            .Select(r =>
            {
                var sources = EvidenceColumns.Sources(r.DocKey, r.EvidenceSpans, r.EvidenceText);
                var record = new EventRecord(
                    VocabularyText.Parse<EventType>(r.Type), VocabularyText.Parse<EventStatus>(r.Status),
                    new DateSpan(ParseDate(r.DateFrom), ParseDate(r.DateTo), r.DateApprox != 0),
                    [.. participants[r.Id].Where(p => p.Role == "actor").Select(p => p.Name)],
                    [.. participants[r.Id].Where(p => p.Role == "target").Select(p => p.Name)],
                    r.PlaceName, r.Admin1, r.Country,
                    new Casualties(ParseQuantity(r.Killed), ParseQuantity(r.Injured)), ParseQuantity(r.Quantity), r.AttributedTo,
                    [.. sources.Select(s => s.Span)])
                {
                    Origin = r.Origin,
                };
                return new StoredEvent(r.Id, record, sources) { Lat = r.PlaceLat, Lon = r.PlaceLon, DocumentId = r.DocKey };
            })];
    }

    /// <summary>The sources of events and facts by id, from the evidence columns of their rows.</summary>
    private static async Task<(ILookup<long, SourceRef> Events, ILookup<long, SourceRef> Facts)> LoadEvidenceAsync(
        DbTransaction reader, long[] eventIds, long[] factIds)
    {
        async Task<ILookup<long, SourceRef>> LoadAsync(string table, long[] ids)
        {
            var rows = new List<EvidenceRow>();
            foreach (var chunk in ids.Distinct().Chunk(500))
            {
                rows.AddRange(await reader.QueryAsync<EvidenceRow>(
                    $"SELECT x.id, d.doc_key, x.evidence_spans, x.evidence_text FROM {table} x JOIN documents d ON d.id = x.document_id WHERE x.id IN @ids",
                    new { ids = chunk }).ConfigureAwait(false));
            }

            return rows.SelectMany(r => EvidenceColumns.Sources(r.DocKey, r.EvidenceSpans, r.EvidenceText).Select(source => (r.Id, source)))
                .ToLookup(p => p.Id, p => p.source);
        }

        return (await LoadAsync("events", eventIds).ConfigureAwait(false), await LoadAsync("facts", factIds).ConfigureAwait(false));
    }

    private static async Task<IReadOnlyList<StoredEntity>> FindEntitiesAsync(DbTransaction reader, string query, int limit)
    {
        var key = NameKey.Of(query);
        if (key.Length == 0)
        {
            return [];
        }

        var ranked = (await reader.QueryAsync<(long Id, long Rank)>("""
            SELECT e.id, MIN(CASE WHEN e.name_key = @key THEN 0 WHEN a.alias_key = @key THEN 1
                                  WHEN a.alias_key LIKE @prefix THEN 2 ELSE 3 END) AS rank
            FROM entities e JOIN entity_aliases a ON a.entity_id = e.id
            WHERE a.alias_key LIKE @contains
            GROUP BY e.id
            """, new { key, prefix = key + "%", contains = "%" + key + "%" }).ConfigureAwait(false))
            .OrderBy(r => r.Rank).ThenBy(r => r.Id)
            .Take(limit)
            .ToList();
        var entities = (await LoadEntitiesAsync(reader, [.. ranked.Select(r => r.Id)]).ConfigureAwait(false)).ToDictionary(e => e.Id);
        return [.. ranked.Select(r => entities[r.Id])];
    }

    /// <summary>Entities a filter name means: those with that exact name or alias, else those whose aliases contain it.</summary>
    private static async Task<HashSet<long>> EntityIdsNamedAsync(DbTransaction reader, string name)
    {
        var key = NameKey.Of(name);
        var exact = (await reader.QueryAsync<long>(
            "SELECT DISTINCT entity_id FROM entity_aliases WHERE alias_key = @key", new { key }).ConfigureAwait(false)).ToHashSet();
        if (exact.Count > 0 || key.Length == 0)
        {
            return exact;
        }

        return (await reader.QueryAsync<long>(
            "SELECT DISTINCT entity_id FROM entity_aliases WHERE alias_key LIKE @contains", new { contains = "%" + key + "%" })
            .ConfigureAwait(false)).ToHashSet();
    }

    private static async Task<IReadOnlyList<StoredEntity>> LoadEntitiesAsync(DbTransaction reader, long[] ids)
    {
        if (ids.Length == 0)
        {
            return [];
        }

        var rows = await reader.QueryAsync<EntityRow>(
            "SELECT id, name, kind, ref, admin1, country, lat, lon FROM entities WHERE id IN @ids", new { ids }).ConfigureAwait(false);
        var aliases = (await reader.QueryAsync<AliasRow>(
            "SELECT entity_id, alias, alias_key FROM entity_aliases WHERE entity_id IN @ids", new { ids }).ConfigureAwait(false))
            .ToLookup(a => a.EntityId);
        return [.. rows.OrderBy(r => r.Id).Select(r => new StoredEntity(r.Id, new EntityRecord(
            r.Name,
            VocabularyText.Parse<EntityKind>(r.Kind),
            [.. aliases[r.Id].Where(a => a.Alias != r.Name).Select(a => a.Alias).Order(StringComparer.Ordinal)],
            r.Admin1, r.Country, r.Lat, r.Lon) { Ref = r.Ref }))];
    }

    /// <summary>
    /// Entity resolutions that changed nothing, by the whole entity record, for one batch. A resolution reads only its
    /// candidates (entities sharing a name key, the reference, or, for facilities, the search box) and writes nothing
    /// when it changes nothing, so resolving the same record again gives the same id until an entity that was, or
    /// becomes, one of those candidates changes: such a change drops the entry. A rolled-back document empties the cache.
    /// </summary>
    private sealed class EntityCache
    {
        // Keyed by the record's content: a key string built per entity mention (its coordinates formatted) was ~6 % of ingest.
        // The content's hash is computed with the document's other prepared values, off the writer's thread.
        private readonly Dictionary<EntityContentKey, Entry> entries = new(EntityContentKey.Comparer);

        // The entries by what would drop them: a candidate entity id, a name key, a reference; those with a search box.
        private readonly Dictionary<long, List<Entry>> byCandidate = [];
        private readonly Dictionary<string, List<Entry>> byNameKey = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<Entry>> byReference = new(StringComparer.Ordinal);
        private readonly List<Entry> boxed = [];

        public bool TryGet(EntityContentKey key, out long id)
        {
            var found = entries.TryGetValue(key, out var entry);
            id = found ? entry!.Id : 0;
            return found;
        }

        public void Unchanged(EntityContentKey key, long id, IReadOnlyCollection<string> keys, string? reference, Box? box, IEnumerable<long> candidates)
        {
            var entry = new Entry(key, id, box);
            entries[key] = entry;
            foreach (var candidate in candidates)
            {
                IndexOf(byCandidate, candidate).Add(entry);
            }

            foreach (var nameKey in keys)
            {
                IndexOf(byNameKey, nameKey).Add(entry);
            }

            if (reference is not null)
            {
                IndexOf(byReference, reference).Add(entry);
            }

            if (box is not null)
            {
                boxed.Add(entry);
            }
        }

        /// <summary>Entity <paramref name="id"/> was created or changed; it now has these keys, reference and position.</summary>
        public void Changed(long id, IEnumerable<string> keys, string? reference, bool facility, double? lat, double? lon)
        {
            // Every entry an index lists under the id, a key or the reference meets the condition, so the whole list goes
            // (a scan of every entry per change was ~3 % of ingest); only the facility boxes are still scanned.
            Forget(byCandidate, id);
            foreach (var key in keys)
            {
                Forget(byNameKey, key);
            }

            if (reference is not null)
            {
                Forget(byReference, reference);
            }

            if (facility && lat is { } la && lon is { } lo && boxed.Count > 0)
            {
                boxed.RemoveAll(entry =>
                {
                    if (!IsCurrent(entry))
                    {
                        return true;
                    }

                    if (!entry.Box!.Contains(la, lo))
                    {
                        return false;
                    }

                    entries.Remove(entry.Key);
                    return true;
                });
            }
        }

        public void Clear()
        {
            entries.Clear();
            byCandidate.Clear();
            byNameKey.Clear();
            byReference.Clear();
            boxed.Clear();
        }

        private static List<Entry> IndexOf<TKey>(Dictionary<TKey, List<Entry>> index, TKey key)
            where TKey : notnull
        {
            if (!index.TryGetValue(key, out var list))
            {
                index[key] = list = [];
            }

            return list;
        }

        private void Forget<TKey>(Dictionary<TKey, List<Entry>> index, TKey key)
            where TKey : notnull
        {
            if (!index.Remove(key, out var list))
            {
                return;
            }

            foreach (var entry in list)
            {
                // An index may still list an entry that was dropped (and its key cached again since): only the entry itself goes.
                if (IsCurrent(entry))
                {
                    entries.Remove(entry.Key);
                }
            }
        }

        private bool IsCurrent(Entry entry) => entries.TryGetValue(entry.Key, out var current) && ReferenceEquals(current, entry);

        private sealed record Entry(EntityContentKey Key, long Id, Box? Box);
    }

    /// <summary>
    /// Writes one document's entities, events and facts (with their evidence spans) inside the caller's transaction, through the batch's
    /// prepared inserts; entity resolutions the batch has already made are answered from its <see cref="EntityCache"/>.
    /// </summary>
    private sealed class DocumentWriter(
        BatchInserts inserts, DocumentStatements statements, EntityCache cache, EntityMirror mirror, WrittenClaims written)
    {
        private readonly Dictionary<string, long> entityIds = new(StringComparer.Ordinal);

        /// <summary>
        /// Writes the record, whose rows <paramref name="prepared"/> holds but for the ids, and returns the holdings it may
        /// change. Ids are looked up (and entities created) in the order the rows list their names, as when the rows were
        /// built here: events' places and attributions, then participants, then facts' subjects, objects and attributions.
        /// </summary>
        public async Task<HoldingScope> WriteAsync(long documentId, ExtractionRecord record, PreparedDocument prepared, CancellationToken cancellationToken)
        {
            var scope = new HoldingScope();
            var places = scope.Places;
            if (mirror.IsEmpty)
            {
                // After a rolled-back document: this document's candidates in a few queries rather than per entity.
                await mirror.LoadAsync(record.Entities).ConfigureAwait(false);
            }

            foreach (var entity in prepared.Entities)
            {
                cancellationToken.ThrowIfCancellationRequested();
                entityIds[entity.Record.Name] = await ResolveAsync(entity).ConfigureAwait(false);
            }

            var eventRows = new List<object?[]>(prepared.Events.Length);
            foreach (var prepEvent in prepared.Events)
            {
                prepEvent.ThrowIfInvalid();
                var ev = prepEvent.Record;
                var row = prepEvent.Row;
                row[PreparedEvent.DocumentSlot] = documentId;
                row[PreparedEvent.PlaceSlot] = await IdOfAsync(ev.Place).ConfigureAwait(false);
                row[PreparedEvent.AttributedToSlot] = await IdOfAsync(ev.AttributedTo).ConfigureAwait(false);
                eventRows.Add(row);
                if (TemporalTypes.Contains(ev.Type) && entityIds.GetValueOrDefault(ev.Place ?? "") is > 0 and var placeId)
                {
                    places.Add(placeId);
                }
            }

            var eventIds = await inserts.Events.InsertAllReturningIdsAsync(eventRows).ConfigureAwait(false);
            var participants = new List<object?[]>();
            for (var i = 0; i < prepared.Events.Length; i++)
            {
                var prepEvent = prepared.Events[i];
                var ev = prepEvent.Record;
                var firstActor = participants.Count;
                await AddParticipantsAsync(participants, eventIds[i], "actor", prepEvent.Actors).ConfigureAwait(false);
                var actorsEnd = participants.Count;
                await AddParticipantsAsync(participants, eventIds[i], "target", prepEvent.Targets).ConfigureAwait(false);
                written.Event(eventIds[i], documentId, ev.Type, ev.Status, ev.Date, (long?)eventRows[i][PreparedEvent.PlaceSlot],
                    ParticipantIds(participants, firstActor, actorsEnd), ParticipantIds(participants, actorsEnd, participants.Count));
                if (TemporalTypes.Contains(ev.Type) && entityIds.GetValueOrDefault(ev.Place ?? "") is > 0 and var placeId)
                {
                    if (PresenceTypes.Contains(ev.Type))
                    {
                        for (var a = firstActor; a < actorsEnd; a++)
                        {
                            scope.Presence.Add(((long)participants[a][1]!, placeId));
                        }
                    }

                    if (ControlTypes.Contains(ev.Type))
                    {
                        scope.Control.Add(placeId);
                    }
                }
            }

            var factRows = new List<object?[]>(prepared.Facts.Length);
            foreach (var prepFact in prepared.Facts)
            {
                prepFact.ThrowIfInvalid();
                var fact = prepFact.Record;
                var row = prepFact.Row;
                var subjectId = await IdOfAsync(fact.Subject).ConfigureAwait(false);
                row[PreparedFact.DocumentSlot] = documentId;
                row[PreparedFact.SubjectSlot] = subjectId;
                row[PreparedFact.ObjectSlot] = await IdOfAsync(fact.Object).ConfigureAwait(false);
                row[PreparedFact.AttributedToSlot] = await IdOfAsync(fact.AttributedTo).ConfigureAwait(false);
                factRows.Add(row);
                if (fact.Relation is Relation.PresentAt or Relation.Controls or Relation.TroopLevel &&
                    entityIds.GetValueOrDefault(fact.Object ?? "") is > 0 and var objectId)
                {
                    places.Add(objectId);
                    if (fact.Relation == Relation.Controls)
                    {
                        scope.Control.Add(objectId);
                    }
                    else if (subjectId is { } holder)
                    {
                        (fact.Relation == Relation.PresentAt ? scope.Presence : scope.TroopLevels).Add((holder, objectId));
                    }
                }
            }

            var factIds = await inserts.Facts.InsertAllReturningIdsAsync(factRows).ConfigureAwait(false);
            for (var i = 0; i < factRows.Count; i++)
            {
                var row = factRows[i];
                written.Fact(factIds[i], documentId, record.Facts[i].Relation, (long?)row[PreparedFact.SubjectSlot], (long?)row[PreparedFact.ObjectSlot],
                    (string?)row[PreparedFact.QuantitySlot], record.Facts[i].Valid);
            }

            await inserts.Participants.InsertAllAsync(participants).ConfigureAwait(false);
            return scope;
        }

        /// <summary>The entity ids of participant rows [<paramref name="from"/>, <paramref name="to"/>), in the order written.</summary>
        private static long[] ParticipantIds(List<object?[]> rows, int from, int to)
        {
            var ids = new long[to - from];
            for (var i = from; i < to; i++)
            {
                ids[i - from] = (long)rows[i][1]!;
            }

            return ids;
        }

        /// <summary>The id of a name the record uses; answered without a task when the record lists it (nearly always).</summary>
        private ValueTask<long?> IdOfAsync(string? name)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                return ValueTask.FromResult<long?>(null);
            }

            return entityIds.TryGetValue(name, out var id) ? ValueTask.FromResult<long?>(id) : ResolveUnlistedAsync(name);
        }

        /// <summary>A name the record uses without listing it (imported rows may do this): an entity of unknown kind.</summary>
        private async ValueTask<long?> ResolveUnlistedAsync(string name)
        {
            var id = await ResolveAsync(new PreparedEntity(new EntityRecord(name, EntityKind.Unknown, []))).ConfigureAwait(false);
            entityIds[name] = id;
            return id;
        }

        /// <summary>One row per name (<see cref="PreparedEvent.Actors"/>: each once, no blanks), numbered in order.</summary>
        private async ValueTask AddParticipantsAsync(List<object?[]> rows, long eventId, string role, string[] names)
        {
            for (var i = 0; i < names.Length; i++)
            {
                rows.Add([eventId, await IdOfAsync(names[i]).ConfigureAwait(false), role, (long)i]);
            }
        }

        /// <summary>The entity's id, from the batch's cache when it holds the same record (no task then).</summary>
        private ValueTask<long> ResolveAsync(PreparedEntity entity) =>
            cache.TryGet(entity.ContentKey, out var cached) ? ValueTask.FromResult(cached) : ResolveUncachedAsync(entity);

        private async ValueTask<long> ResolveUncachedAsync(PreparedEntity prepared)
        {
            var entity = prepared.Record;
            var keys = prepared.Keys;
            var box = prepared.Box;
            // Normally a no-op: the batch loaded the candidates of every entity its records list (see EntityMirror).
            await mirror.LoadAsync(keys, entity.Ref, box).ConfigureAwait(false);
            var rows = mirror.Candidates(entity, keys, box);
            // In id order, as the mirror lists them (the resolver then need not sort them).
            var candidates = new EntityCandidate[rows.Count];
            for (var i = 0; i < candidates.Length; i++)
            {
                candidates[i] = rows[i].Candidate;
            }

            long id;
            var changed = false;
            // The matched entity as it was before this resolution filled anything in (what the cache must forget).
            (string Kind, string? Ref, double? Lat, double? Lon)? stored = null;
            var present = new HashSet<string>(StringComparer.Ordinal);
            if (EntityResolver.Choose(entity, candidates) is { } match)
            {
                id = match.Entity.Id;
                var row = rows.First(r => r.Row.Id == id).Row;
                present.UnionWith(match.Entity.NameKeys);
                stored = (row.Kind, row.Ref, row.Lat, row.Lon);
                // The update only fills what the stored entity lacks; skipped when it lacks nothing this record has.
                var kind = VocabularyText.Of(entity.Kind);
                if ((row.Kind == "unknown" && kind != "unknown") || (row.Ref is null && entity.Ref is not null) ||
                    (row.Admin1 is null && entity.Admin1 is not null) || (row.Country is null && entity.Country is not null) ||
                    (row.Lat is null && entity.Lat is not null) || (row.Lon is null && entity.Lon is not null))
                {
                    changed = true;
                    await statements.FillEntityAsync(id, kind, entity.Ref, entity.Admin1, entity.Country, entity.Lat, entity.Lon).ConfigureAwait(false);
                    mirror.Fill(id, kind, entity.Ref, entity.Admin1, entity.Country, entity.Lat, entity.Lon);
                }
            }
            else
            {
                changed = true;
                var nameKey = prepared.NameKey;
                var kind = VocabularyText.Of(entity.Kind);
                id = await inserts.Entities.InsertReturningIdAsync(
                    [entity.Name, nameKey, kind, entity.Ref, entity.Admin1, entity.Country, entity.Lat, entity.Lon]).ConfigureAwait(false);
                mirror.Add(new EntityRow
                {
                    Id = id,
                    Name = entity.Name,
                    NameKey = nameKey,
                    Kind = kind,
                    Ref = entity.Ref,
                    Admin1 = entity.Admin1,
                    Country = entity.Country,
                    Lat = entity.Lat,
                    Lon = entity.Lon,
                }, nameKey, []);
            }

            var aliases = new List<object?[]>();
            foreach (var (alias, aliasKey) in prepared.Aliases)
            {
                if (present.Add(aliasKey))
                {
                    aliases.Add([id, alias, aliasKey]);
                }
            }

            if (aliases.Count > 0)
            {
                changed = true;
                await inserts.Aliases.InsertAllAsync(aliases).ConfigureAwait(false);
                foreach (var alias in aliases)
                {
                    mirror.AddAlias(id, (string)alias[2]!);
                }
            }

            if (changed)
            {
                var storedName = rows.FirstOrDefault(r => r.Row.Id == id)?.Row.Name;
                cache.Changed(id, present.Append(prepared.NameKey).Append(storedName is null ? "" : NameKey.Of(storedName)),
                    stored?.Ref ?? entity.Ref, (stored?.Kind is null or "unknown" ? VocabularyText.Of(entity.Kind) : stored.Value.Kind) == "facility",
                    stored?.Lat ?? entity.Lat, stored?.Lon ?? entity.Lon);
                if (stored?.Ref is { } oldRef)
                {
                    cache.Changed(id, [], oldRef, false, null, null);
                }
            }
            else
            {
                cache.Unchanged(prepared.ContentKey, id, keys, entity.Ref, box, rows.Select(r => r.Row.Id));
            }

            return id;
        }

    }

    /// <summary>The inserts a batch runs for every document, prepared once.</summary>
    private sealed class BatchInserts(Func<InsertStatement, PreparedRowInsert> prepare) : IAsyncDisposable
    {
        public PreparedRowInsert Events { get; } = prepare(new("events",
            ["document_id", "ordinal", "type", "status", "date_from", "date_to", "date_approx", "from_day", "to_day", "place_id", "admin1",
             "country", "killed", "injured", "quantity", "attributed_to_id", "origin", "evidence_spans", "evidence_text"],
            [DbType.Int64, DbType.Int64, DbType.String, DbType.String, DbType.String, DbType.String, DbType.Int64, DbType.Int64, DbType.Int64,
             DbType.Int64, DbType.String, DbType.String, DbType.String, DbType.String, DbType.String, DbType.Int64, DbType.String, DbType.String,
             DbType.String], ReturnsId: true));

        public PreparedRowInsert Facts { get; } = prepare(new("facts",
            ["document_id", "ordinal", "relation", "subject_id", "object_id", "quantity", "valid_from", "valid_to", "valid_approx", "from_day",
             "to_day", "attributed_to_id", "value", "condition", "evidence_spans", "evidence_text"],
            [DbType.Int64, DbType.Int64, DbType.String, DbType.Int64, DbType.Int64, DbType.String, DbType.String, DbType.String, DbType.Int64,
             DbType.Int64, DbType.Int64, DbType.Int64, DbType.String, DbType.String, DbType.String, DbType.String], ReturnsId: true));

        public PreparedRowInsert Participants { get; } = prepare(new("event_participants",
            ["event_id", "entity_id", "role", "ordinal"], [DbType.Int64, DbType.Int64, DbType.String, DbType.Int64]));

        public PreparedRowInsert Entities { get; } = prepare(new("entities",
            ["name", "name_key", "kind", "ref", "admin1", "country", "lat", "lon"],
            [DbType.String, DbType.String, DbType.String, DbType.String, DbType.String, DbType.String, DbType.Double, DbType.Double], ReturnsId: true));

        public PreparedRowInsert Aliases { get; } = prepare(new("entity_aliases", ["entity_id", "alias", "alias_key"],
            [DbType.Int64, DbType.String, DbType.String], "ON CONFLICT (entity_id, alias_key) DO NOTHING"));

        public async ValueTask DisposeAsync()
        {
            foreach (var insert in new[] { Events, Facts, Participants, Entities, Aliases })
            {
                await insert.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
