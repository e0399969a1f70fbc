using System.Data.Common;
using System.Globalization;
using Dapper;
using Garrison.Domain.Dates;
using Garrison.Domain.Provenance;
using Garrison.Domain.Quantities;
using Garrison.Domain.Records;
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

    private const string EventColumns = """
        SELECT e.id, d.doc_key, d.published, e.ordinal, e.type, e.status, e.date_from, e.date_to, e.date_approx,
               e.place_id, p.name AS place_name, p.lat AS place_lat, p.lon AS place_lon, e.admin1, e.country,
               e.killed, e.injured, e.quantity, a.name AS attributed_to, e.origin
        FROM events e
        JOIN documents d ON d.id = e.document_id
        LEFT JOIN entities p ON p.id = e.place_id
        LEFT JOIN entities a ON a.id = e.attributed_to_id
        """;

    private const string FactColumns = """
        SELECT f.id, d.doc_key, d.published, f.ordinal, f.relation, f.subject_id, s.name AS subject_name,
               f.object_id, o.name AS object_name, f.quantity, f.valid_from, f.valid_to, f.valid_approx,
               a.name AS attributed_to, f.value, f.condition
        FROM facts f
        JOIN documents d ON d.id = f.document_id
        JOIN entities s ON s.id = f.subject_id
        LEFT JOIN entities o ON o.id = f.object_id
        LEFT JOIN entities a ON a.id = f.attributed_to_id
        """;

    private static readonly HashSet<EventType> TemporalTypes =
        [EventType.Deployment, EventType.BaseEstablished, EventType.Withdrawal, EventType.Handover, EventType.TerritoryTaken];

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

    public abstract ValueTask DisposeAsync();

    public async Task<IngestOutcome> IngestAsync(SourceDocument document, ExtractionRecord record, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await IngestOnceAsync(document, record, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (attempt < IngestAttempts && IsTransientConflict(ex))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<StateRecord> GetStateAsync(LocalDate at, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var reader = await BeginReadAsync(connection, cancellationToken).ConfigureAwait(false);
        var holdings = await ReadHoldingsAsync(reader, HoldsOn("@day"), new { day = DayNumber(at) }).ConfigureAwait(false);
        return StateProjection.StateAt(holdings, at);
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
                new { fromDay = DayNumber(from), toDay = DayNumber(to) }).ConfigureAwait(false);
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
        var evidence = await LoadEvidenceAsync(reader, [.. holdings.SelectMany(h => h.EventIds)],
            [.. factRows.Select(f => f.Id).Concat(holdings.SelectMany(h => h.FactIds))]).ConfigureAwait(false);

        var entries = new List<TimelineEntry>();
        entries.AddRange(events.Select(e => new TimelineEntry(e.Event.Date.From ?? e.Event.Date.To,
            VocabularyText.Of(e.Event.Type), Summaries.Of(e.Event), e.Sources)));
        entries.AddRange(factRows.Select(f => new TimelineEntry(
            ParseDate(f.ValidFrom) ?? ParseDate(f.ValidTo), f.Relation, Summaries.Of(f), [.. evidence.Facts[f.Id]])));
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
            "SELECT id, doc_key, published, outlet, title, url, authors, body FROM documents WHERE doc_key = @id", new { id })
            .ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var spans = (await reader.QueryAsync<EvidenceRow>(
                "SELECT span_start, span_end FROM evidence WHERE document_id = @id", new { id = row.Id }).ConfigureAwait(false))
            .Select(e => new TextSpan((int)e.SpanStart, (int)e.SpanEnd))
            .Distinct()
            .OrderBy(s => s.Start).ThenBy(s => s.End)
            .ToList();
        var info = new DocumentInfo(row.DocKey, ParseDate(row.Published), row.Outlet, row.Title, row.Url,
            row.Authors is null ? null : row.Authors.Split("; ", StringSplitOptions.RemoveEmptyEntries));
        return new StoredDocument(row.DocKey, info, row.Body, spans);
    }

    /// <summary>Dates as sortable numbers (20260118) so that "what held on D" is an integer range query.</summary>
    protected static long DayNumber(LocalDate date) => (date.Year * 10000L) + (date.Month * 100L) + date.Day;

    private static PartialDate? ParseDate(string? text) => text is null ? null : PartialDate.Parse(text);

    private static Quantity? ParseQuantity(string? json) => json is null ? null : RecordJson.Deserialize<Quantity>(json);

    private static string? QuantityJson(Quantity? quantity) => quantity is null ? null : RecordJson.Serialize(quantity);

    private async Task<IngestOutcome> IngestOnceAsync(SourceDocument document, ExtractionRecord record, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var known = await connection.QuerySingleOrDefaultAsync<string>(
            "SELECT doc_key FROM documents WHERE content_hash = @hash", new { hash = document.ContentHash }).ConfigureAwait(false);
        if (known is not null)
        {
            return new IngestOutcome(known, IngestStatus.AlreadyKnown);
        }

        await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var writer = new DocumentWriter(connection, transaction, document);
        var key = document.Id;
        var taken = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM documents WHERE doc_key = @key", new { key }, transaction).ConfigureAwait(false);
        if (taken > 0)
        {
            key = document.Id + "~" + document.ContentHash[..8];
        }

        var info = document.Info;
        var documentId = await connection.QuerySingleOrDefaultAsync<long?>("""
            INSERT INTO documents (doc_key, content_hash, published, published_day, outlet, title, url, authors, path, header, body)
            VALUES (@key, @hash, @published, @publishedDay, @outlet, @title, @url, @authors, @path, @header, @body)
            ON CONFLICT (content_hash) DO NOTHING
            RETURNING id
            """,
            new
            {
                key,
                hash = document.ContentHash,
                published = info.Published?.ToString(),
                publishedDay = info.Published is { } p ? DayNumber(p.FirstDay) : (long?)null,
                outlet = info.Outlet,
                title = info.Title,
                url = info.Url,
                authors = info.Authors is { Count: > 0 } a ? string.Join("; ", a) : null,
                path = document.Path,
                header = document.Header,
                body = document.Body,
            },
            transaction).ConfigureAwait(false);
        if (documentId is null)
        {
            // Another writer stored the same text between our check and our insert.
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            var holder = await connection.QuerySingleAsync<string>(
                "SELECT doc_key FROM documents WHERE content_hash = @hash", new { hash = document.ContentHash }).ConfigureAwait(false);
            return new IngestOutcome(holder, IngestStatus.AlreadyKnown);
        }

        var places = await writer.WriteAsync(documentId.Value, record, cancellationToken).ConfigureAwait(false);
        await RefreshHoldingsAsync(transaction, places).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new IngestOutcome(key, IngestStatus.Added);
    }

    /// <summary>
    /// Recomputes every holding from the facts and events stored (after a migration that adds or changes holdings).
    /// Run inside the migration's transaction.
    /// </summary>
    protected static async Task RebuildHoldingsAsync(DbTransaction transaction)
    {
        await transaction.Connection!.ExecuteAsync("DELETE FROM holdings", transaction: transaction).ConfigureAwait(false);
        await InsertHoldingsAsync(transaction, await ComputeHoldingsAsync(transaction, null).ConfigureAwait(false)).ConfigureAwait(false);
    }

    /// <summary>SQL that is true for a holdings row holding on the day parameter given (open ends hold).</summary>
    private static string HoldsOn(string day) => $"(first_day IS NULL OR first_day <= {day}) AND (last_day IS NULL OR last_day >= {day})";

    /// <summary>
    /// Every rule in <see cref="TemporalRules"/> works within one place (presence and troop levels per holder and
    /// place, control per place), so a document changes only the holdings at the places its claims name: those are
    /// recomputed from all claims about them, in the document's transaction.
    /// </summary>
    private static async Task RefreshHoldingsAsync(DbTransaction transaction, IReadOnlyCollection<long> places)
    {
        if (places.Count == 0)
        {
            return;
        }

        foreach (var chunk in places.Order().Chunk(500))
        {
            var holdings = await ComputeHoldingsAsync(transaction, chunk).ConfigureAwait(false);
            await transaction.Connection!.ExecuteAsync("DELETE FROM holdings WHERE place_id IN @chunk", new { chunk }, transaction).ConfigureAwait(false);
            await InsertHoldingsAsync(transaction, holdings).ConfigureAwait(false);
        }
    }

    private static async Task InsertHoldingsAsync(DbTransaction transaction, IEnumerable<Holding> holdings)
    {
        foreach (var h in holdings)
        {
            await transaction.Connection!.ExecuteAsync("""
                INSERT INTO holdings (kind, holder_id, holder_name, place_id, place_name, since, until, first_day, last_day,
                                      quantity, sources, fact_ids, event_ids)
                VALUES (@kind, @holderId, @holderName, @placeId, @placeName, @since, @until, @firstDay, @lastDay,
                        @quantity, @sources, @factIds, @eventIds)
                """,
                new
                {
                    kind = VocabularyText.Of(h.Kind),
                    holderId = h.Holder.Id,
                    holderName = h.Holder.Name,
                    placeId = h.Place.Id,
                    placeName = h.Place.Name,
                    since = h.Since?.ToString(),
                    until = h.Until?.ToString(),
                    firstDay = h.FirstDay is { } f ? DayNumber(f) : (long?)null,
                    lastDay = h.LastDay is { } l ? DayNumber(l) : (long?)null,
                    quantity = QuantityJson(h.Quantity),
                    sources = RecordJson.Serialize(h.Sources),
                    factIds = RecordJson.Serialize(h.FactIds),
                    eventIds = RecordJson.Serialize(h.EventIds),
                },
                transaction).ConfigureAwait(false);
        }
    }

    private static async Task<IReadOnlyList<Holding>> ReadHoldingsAsync(DbTransaction reader, string where, object? args)
    {
        var rows = await reader.QueryAsync<HoldingRow>("""
            SELECT kind, holder_id, holder_name, place_id, place_name, since, until, first_day, last_day, quantity, sources, fact_ids, event_ids
            FROM holdings WHERE
            """ + " " + where, args).ConfigureAwait(false);
        var holdings = rows.Select(r => new Holding(
                VocabularyText.Parse<HoldingKind>(r.Kind), new EntityRef(r.HolderId, r.HolderName), new EntityRef(r.PlaceId, r.PlaceName),
                ParseDate(r.Since), ParseDate(r.Until), FromDayNumber(r.FirstDay), FromDayNumber(r.LastDay), ParseQuantity(r.Quantity),
                RecordJson.Deserialize<List<DocumentRef>>(r.Sources) ?? [], RecordJson.Deserialize<List<long>>(r.FactIds) ?? [],
                RecordJson.Deserialize<List<long>>(r.EventIds) ?? []))
            .ToList();
        holdings.Sort(TemporalRules.Order);
        return holdings;
    }

    private static LocalDate? FromDayNumber(long? day) =>
        day is { } d ? new LocalDate((int)(d / 10000), (int)(d / 100 % 100), (int)(d % 100)) : null;

    /// <summary>Holdings computed from the stored claims, at the given places only (null: everywhere).</summary>
    private static async Task<IReadOnlyList<Holding>> ComputeHoldingsAsync(DbTransaction reader, long[]? places)
    {
        var factFilter = " WHERE f.relation IN " + TemporalRelations + " AND f.object_id IS NOT NULL" + (places is null ? "" : " AND f.object_id IN @places");
        var facts = (await reader.QueryAsync<FactRow>(FactColumns + factFilter, new { places }).ConfigureAwait(false))
            .Select(f => new TemporalFact(f.Id, VocabularyText.Parse<Relation>(f.Relation), new EntityRef(f.SubjectId, f.SubjectName),
                new EntityRef(f.ObjectId!.Value, f.ObjectName!), new DateSpan(ParseDate(f.ValidFrom), ParseDate(f.ValidTo), f.ValidApprox != 0),
                ParseQuantity(f.Quantity), new DocumentRef(f.DocKey, ParseDate(f.Published))))
            .ToList();
        var eventFilter = " WHERE e.type IN " + TemporalEventTypes + " AND e.place_id IS NOT NULL" + (places is null ? "" : " AND e.place_id IN @places");
        var eventRows = (await reader.QueryAsync<EventRow>(EventColumns + eventFilter, new { places }).ConfigureAwait(false)).ToList();
        var participants = (await reader.QueryAsync<ParticipantRow>(
                "SELECT ep.event_id, ep.role, ep.entity_id, en.name FROM event_participants ep JOIN entities en ON en.id = ep.entity_id " +
                "WHERE ep.event_id IN (SELECT e.id FROM events e" + eventFilter + ") ORDER BY ep.event_id, ep.role, ep.ordinal", new { places })
                .ConfigureAwait(false))
            .ToLookup(p => p.EventId);
        var events = eventRows.Select(e => new TemporalEvent(e.Id, VocabularyText.Parse<EventType>(e.Type),
            VocabularyText.Parse<EventStatus>(e.Status), new DateSpan(ParseDate(e.DateFrom), ParseDate(e.DateTo), e.DateApprox != 0),
            [.. participants[e.Id].Where(p => p.Role == "actor").Select(p => new EntityRef(p.EntityId, p.Name))],
            [.. participants[e.Id].Where(p => p.Role == "target").Select(p => new EntityRef(p.EntityId, p.Name))],
            new EntityRef(e.PlaceId!.Value, e.PlaceName!), new DocumentRef(e.DocKey, ParseDate(e.Published))));
        return TemporalRules.Build(facts, events);
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
        var evidence = await LoadEvidenceAsync(reader, ids, []).ConfigureAwait(false);
        return [.. rows
            .OrderBy(r => r.DateFrom is null && r.DateTo is null ? 1 : 0)
            .ThenBy(r => (ParseDate(r.DateFrom) ?? ParseDate(r.DateTo))?.FirstDay ?? LocalDate.MinIsoValue)
            .ThenBy(r => ParseDate(r.Published)?.FirstDay ?? LocalDate.MaxIsoValue)
            .ThenBy(r => r.DocKey, StringComparer.Ordinal)
            .ThenBy(r => r.Ordinal)
            .Select(r =>
            {
                var sources = evidence.Events[r.Id].ToList();
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

    private static async Task<(ILookup<long, SourceRef> Events, ILookup<long, SourceRef> Facts)> LoadEvidenceAsync(
        DbTransaction reader, long[] eventIds, long[] factIds)
    {
        var rows = new List<EvidenceRow>();
        const string select = "SELECT ev.event_id, ev.fact_id, d.doc_key, ev.span_start, ev.span_end, ev.text FROM evidence ev JOIN documents d ON d.id = ev.document_id ";
        foreach (var chunk in eventIds.Distinct().Chunk(500))
        {
            rows.AddRange(await reader.QueryAsync<EvidenceRow>(select + "WHERE ev.event_id IN @ids", new { ids = chunk }).ConfigureAwait(false));
        }

        foreach (var chunk in factIds.Distinct().Chunk(500))
        {
            rows.AddRange(await reader.QueryAsync<EvidenceRow>(select + "WHERE ev.fact_id IN @ids", new { ids = chunk }).ConfigureAwait(false));
        }

        static SourceRef ToRef(EvidenceRow e) => new(e.DocKey, new TextSpan((int)e.SpanStart, (int)e.SpanEnd), e.Text);
        var ordered = rows.OrderBy(r => r.DocKey, StringComparer.Ordinal).ThenBy(r => r.SpanStart).ThenBy(r => r.SpanEnd).ToList();
        return (ordered.Where(r => r.EventId is not null).ToLookup(r => r.EventId!.Value, ToRef),
            ordered.Where(r => r.FactId is not null).ToLookup(r => r.FactId!.Value, ToRef));
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

    /// <summary>Writes one document's entities, events, facts and evidence inside the caller's transaction.</summary>
    private sealed class DocumentWriter(DbConnection connection, DbTransaction transaction, SourceDocument document)
    {
        private readonly Dictionary<string, long> entityIds = new(StringComparer.Ordinal);

        /// <summary>Writes the record and returns the places whose holdings it may change.</summary>
        public async Task<IReadOnlyCollection<long>> WriteAsync(long documentId, ExtractionRecord record, CancellationToken cancellationToken)
        {
            var places = new HashSet<long>();
            foreach (var entity in record.Entities)
            {
                cancellationToken.ThrowIfCancellationRequested();
                entityIds[entity.Name] = await ResolveAsync(entity).ConfigureAwait(false);
            }

            for (var i = 0; i < record.Events.Count; i++)
            {
                var ev = record.Events[i];
                var (from, to) = (ev.Date.From, ev.Date.To);
                var eventId = await connection.QuerySingleAsync<long>("""
                    INSERT INTO events (document_id, ordinal, type, status, date_from, date_to, date_approx, from_day, to_day,
                                        place_id, admin1, country, killed, injured, quantity, attributed_to_id, origin)
                    VALUES (@documentId, @ordinal, @type, @status, @dateFrom, @dateTo, @approx, @fromDay, @toDay,
                            @placeId, @admin1, @country, @killed, @injured, @quantity, @attributedToId, @origin)
                    RETURNING id
                    """,
                    new
                    {
                        documentId,
                        ordinal = (long)i,
                        type = VocabularyText.Of(ev.Type),
                        status = VocabularyText.Of(ev.Status),
                        dateFrom = from?.ToString(),
                        dateTo = to?.ToString(),
                        approx = ev.Date.Approx ? 1L : 0L,
                        fromDay = from is { } f ? DayNumber(f.FirstDay) : (long?)null,
                        toDay = to is { } t ? DayNumber(t.LastDay) : (long?)null,
                        placeId = await IdOfAsync(ev.Place).ConfigureAwait(false),
                        admin1 = ev.Admin1,
                        country = ev.Country,
                        killed = QuantityJson(ev.Casualties.Killed),
                        injured = QuantityJson(ev.Casualties.Injured),
                        quantity = QuantityJson(ev.Quantity),
                        attributedToId = await IdOfAsync(ev.AttributedTo).ConfigureAwait(false),
                        origin = ev.Origin,
                    },
                    transaction).ConfigureAwait(false);
                if (TemporalTypes.Contains(ev.Type) && entityIds.GetValueOrDefault(ev.Place ?? "") is > 0 and var placeId)
                {
                    places.Add(placeId);
                }

                await AddParticipantsAsync(eventId, "actor", ev.Actors).ConfigureAwait(false);
                await AddParticipantsAsync(eventId, "target", ev.Targets).ConfigureAwait(false);
                await AddEvidenceAsync(documentId, eventId, null, ev.Evidence, $"event {i + 1} ({VocabularyText.Of(ev.Type)})").ConfigureAwait(false);
            }

            for (var i = 0; i < record.Facts.Count; i++)
            {
                var fact = record.Facts[i];
                var (from, to) = (fact.Valid.From, fact.Valid.To);
                var factId = await connection.QuerySingleAsync<long>("""
                    INSERT INTO facts (document_id, ordinal, relation, subject_id, object_id, quantity, valid_from, valid_to, valid_approx,
                                       from_day, to_day, attributed_to_id, value, condition)
                    VALUES (@documentId, @ordinal, @relation, @subjectId, @objectId, @quantity, @validFrom, @validTo, @approx,
                            @fromDay, @toDay, @attributedToId, @value, @condition)
                    RETURNING id
                    """,
                    new
                    {
                        documentId,
                        ordinal = (long)i,
                        relation = VocabularyText.Of(fact.Relation),
                        subjectId = await IdOfAsync(fact.Subject).ConfigureAwait(false),
                        objectId = await IdOfAsync(fact.Object).ConfigureAwait(false),
                        quantity = QuantityJson(fact.Quantity),
                        validFrom = from?.ToString(),
                        validTo = to?.ToString(),
                        approx = fact.Valid.Approx ? 1L : 0L,
                        fromDay = from is { } f ? DayNumber(f.FirstDay) : (long?)null,
                        toDay = to is { } t ? DayNumber(t.LastDay) : (long?)null,
                        attributedToId = await IdOfAsync(fact.AttributedTo).ConfigureAwait(false),
                        value = fact.Value,
                        condition = fact.Condition,
                    },
                    transaction).ConfigureAwait(false);
                if (fact.Relation is Relation.PresentAt or Relation.Controls or Relation.TroopLevel &&
                    entityIds.GetValueOrDefault(fact.Object ?? "") is > 0 and var objectId)
                {
                    places.Add(objectId);
                }

                await AddEvidenceAsync(documentId, null, factId, fact.Evidence, $"fact {i + 1} ({VocabularyText.Of(fact.Relation)})").ConfigureAwait(false);
            }

            return places;
        }

        private async Task<long?> IdOfAsync(string? name)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                return null;
            }

            if (!entityIds.TryGetValue(name, out var id))
            {
                // A name the record uses without listing it (imported rows may do this): an entity of unknown kind.
                id = await ResolveAsync(new EntityRecord(name, EntityKind.Unknown, [])).ConfigureAwait(false);
                entityIds[name] = id;
            }

            return id;
        }

        private async Task AddParticipantsAsync(long eventId, string role, IReadOnlyList<string> names)
        {
            var ordinal = 0L;
            foreach (var name in names.Distinct(StringComparer.Ordinal))
            {
                if (await IdOfAsync(name).ConfigureAwait(false) is not { } entityId)
                {
                    continue;
                }

                await connection.ExecuteAsync(
                    "INSERT INTO event_participants (event_id, entity_id, role, ordinal) VALUES (@eventId, @entityId, @role, @ordinal)",
                    new { eventId, entityId, role, ordinal = ordinal++ }, transaction).ConfigureAwait(false);
            }
        }

        private async Task AddEvidenceAsync(long documentId, long? eventId, long? factId, IReadOnlyList<TextSpan> spans, string owner)
        {
            foreach (var span in spans)
            {
                if (span.Start < 0 || span.End < span.Start || span.End > document.Body.Length)
                {
                    throw new InvalidDataException(
                        $"{owner}: evidence {span} lies outside the body ({document.Body.Length} characters)");
                }

                await connection.ExecuteAsync("""
                    INSERT INTO evidence (document_id, event_id, fact_id, span_start, span_end, text)
                    VALUES (@documentId, @eventId, @factId, @start, @end, @text)
                    """,
                    new { documentId, eventId, factId, start = (long)span.Start, end = (long)span.End, text = span.Slice(document.Body) },
                    transaction).ConfigureAwait(false);
            }
        }

        private async Task<long> ResolveAsync(EntityRecord entity)
        {
            var keys = EntityResolver.Keys(entity).ToArray();
            var conditions = new List<string> { "e.name_key IN @keys", "e.id IN (SELECT entity_id FROM entity_aliases WHERE alias_key IN @keys)" };
            var args = new DynamicParameters(new { keys });
            if (entity.Ref is not null)
            {
                conditions.Add("e.ref = @ref");
                args.Add("ref", entity.Ref);
            }

            if (entity is { Kind: EntityKind.Facility, Lat: { } lat, Lon: { } lon })
            {
                // A box a little wider than SameFacilityKm (1 degree of latitude is 111 km); the resolver measures exactly.
                var dLat = EntityResolver.SameFacilityKm / 100.0;
                var dLon = dLat / Math.Max(0.1, Math.Cos(lat * Math.PI / 180));
                conditions.Add("(e.kind = 'facility' AND e.lat BETWEEN @latLo AND @latHi AND e.lon BETWEEN @lonLo AND @lonHi)");
                args.AddDynamicParams(new { latLo = lat - dLat, latHi = lat + dLat, lonLo = lon - dLon, lonHi = lon + dLon });
            }

            var rows = (await connection.QueryAsync<EntityRow>(
                "SELECT e.id, e.name, e.kind, e.ref, e.admin1, e.country, e.lat, e.lon FROM entities e WHERE " + string.Join(" OR ", conditions),
                args, transaction).ConfigureAwait(false)).ToList();
            var aliasKeys = rows.Count == 0
                ? Enumerable.Empty<AliasRow>().ToLookup(a => a.EntityId)
                : (await connection.QueryAsync<AliasRow>("SELECT entity_id, alias, alias_key FROM entity_aliases WHERE entity_id IN @ids",
                    new { ids = rows.Select(r => r.Id).ToArray() }, transaction).ConfigureAwait(false)).ToLookup(a => a.EntityId);
            var candidates = rows.Select(r => new EntityCandidate(r.Id, r.Name, VocabularyText.Parse<EntityKind>(r.Kind), r.Ref, r.Country,
                r.Lat, r.Lon, aliasKeys[r.Id].Select(a => a.AliasKey).ToHashSet(StringComparer.Ordinal)));

            long id;
            if (EntityResolver.Choose(entity, candidates) is { } match)
            {
                id = match.Entity.Id;
                await connection.ExecuteAsync("""
                    UPDATE entities SET
                        kind = CASE WHEN kind = 'unknown' THEN @kind ELSE kind END,
                        ref = COALESCE(ref, @ref), admin1 = COALESCE(admin1, @admin1), country = COALESCE(country, @country),
                        lat = COALESCE(lat, @lat), lon = COALESCE(lon, @lon)
                    WHERE id = @id
                    """,
                    new { id, kind = VocabularyText.Of(entity.Kind), @ref = entity.Ref, admin1 = entity.Admin1, country = entity.Country, lat = entity.Lat, lon = entity.Lon },
                    transaction).ConfigureAwait(false);
            }
            else
            {
                id = await connection.QuerySingleAsync<long>("""
                    INSERT INTO entities (name, name_key, kind, ref, admin1, country, lat, lon)
                    VALUES (@Name, @nameKey, @kind, @Ref, @Admin1, @Country, @Lat, @Lon)
                    RETURNING id
                    """,
                    new { entity.Name, nameKey = NameKey.Of(entity.Name), kind = VocabularyText.Of(entity.Kind), entity.Ref, entity.Admin1, entity.Country, entity.Lat, entity.Lon },
                    transaction).ConfigureAwait(false);
            }

            foreach (var alias in new[] { entity.Name }.Concat(entity.Aliases))
            {
                var aliasKey = NameKey.Of(alias);
                if (aliasKey.Length == 0)
                {
                    continue;
                }

                await connection.ExecuteAsync("""
                    INSERT INTO entity_aliases (entity_id, alias, alias_key) VALUES (@id, @alias, @aliasKey)
                    ON CONFLICT (entity_id, alias_key) DO NOTHING
                    """, new { id, alias, aliasKey }, transaction).ConfigureAwait(false);
            }

            return id;
        }
    }
}
