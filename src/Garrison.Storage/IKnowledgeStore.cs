using Garrison.Domain.Dates;
using Garrison.Domain.Provenance;
using Garrison.Domain.Quantities;
using Garrison.Domain.Records;
using Garrison.Storage.Temporal;
using NodaTime;

namespace Garrison.Storage;

/// <summary>
/// The knowledge base, whatever server holds it. Providers (Sqlite, Postgres) implement storage;
/// the rules that merge facts over time live in this assembly so that both answer alike.
/// </summary>
public interface IKnowledgeStore : IAsyncDisposable
{
    /// <summary>Stores one document and everything read from it in one transaction. Same content hash: nothing changes.</summary>
    Task<IngestOutcome> IngestAsync(SourceDocument document, ExtractionRecord record, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores many documents at once, in input order, with the same rules as <see cref="IngestAsync"/>: each document is
    /// all-or-nothing, one that fails (bad evidence, a broken record) leaves nothing behind and takes nothing else with it,
    /// and its error is returned in its place instead of thrown. Providers write a batch in one transaction with a
    /// savepoint per document (docs/storage.md, "Ingest"); this default stores them one by one.
    /// </summary>
    async Task<IReadOnlyList<BatchIngestResult>> IngestManyAsync(
        IReadOnlyList<(SourceDocument Document, ExtractionRecord Record)> documents, CancellationToken cancellationToken = default)
    {
        var results = new List<BatchIngestResult>(documents.Count);
        foreach (var (document, record) in documents)
        {
            try
            {
                results.Add(new BatchIngestResult(await IngestAsync(document, record, cancellationToken).ConfigureAwait(false), null));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                results.Add(new BatchIngestResult(null, ex));
            }
        }

        return results;
    }

    /// <summary>Presence, control and troop levels true on <paramref name="at"/>, each with since/until and sources.</summary>
    Task<StateRecord> GetStateAsync(LocalDate at, CancellationToken cancellationToken = default);

    /// <summary>Everything known about one installation, force or group, named by any alias, in date order.</summary>
    Task<Timeline?> GetTimelineAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>What changed between two dates.</summary>
    Task<StateDiff> GetDiffAsync(LocalDate from, LocalDate to, CancellationToken cancellationToken = default);

    /// <summary>Events matching the query, ordered by date (undated last), then by report.</summary>
    Task<IReadOnlyList<StoredEvent>> GetEventsAsync(EventQuery query, CancellationToken cancellationToken = default);

    Task<StoredEntity?> GetEntityAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Entities by name or alias: exact name or alias first, then aliases starting with, then containing the query.</summary>
    Task<IReadOnlyList<StoredEntity>> FindEntitiesAsync(string query, int limit = 20, CancellationToken cancellationToken = default);

    Task<StoredDocument?> GetDocumentAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Troop levels over time; null filters match everything.</summary>
    Task<IReadOnlyList<TroopLevelPoint>> GetTroopSeriesAsync(string? force, string? area, CancellationToken cancellationToken = default);
}

/// <summary>A document as stored: its full text, its body (what evidence offsets index) and header.</summary>
public sealed record SourceDocument(string Id, string ContentHash, string Body, DocumentInfo Info)
{
    /// <summary>Where it was read from, when it came from a file.</summary>
    public string? Path { get; init; }

    /// <summary>The header lines before the body ("" when there was none); kept so the whole text can be shown.</summary>
    public string Header { get; init; } = "";

    /// <summary>A document whose content hash is computed from its whole text (header and body).</summary>
    public static SourceDocument Create(string id, string header, string body, DocumentInfo info, string? path = null) =>
        new(id, Storage.ContentHash.Of(header + body), body, info) { Header = header, Path = path };
}

public enum IngestStatus
{
    Added,
    AlreadyKnown,
}

/// <summary>
/// What ingesting one document did. <see cref="DocumentId"/> is the id it is stored under: the document's own id, or,
/// when another text already holds that id, the id with the first 8 hex digits of its content hash appended ("id~1a2b3c4d").
/// </summary>
public sealed record IngestOutcome(string DocumentId, IngestStatus Status);

/// <summary>What happened to one document of a batch: its outcome, or the error that kept it out (then nothing of it is stored).</summary>
public sealed record BatchIngestResult(IngestOutcome? Outcome, Exception? Error);

/// <summary>Filters for the event list; null means no filter. Dates filter on the event's date span overlapping [From, To].</summary>
public sealed record EventQuery(LocalDate? From = null, LocalDate? To = null, EventType? Type = null, string? Place = null, string? Actor = null);

/// <summary>One source sentence behind a claim: the document and the span with its text.</summary>
public sealed record SourceRef(string DocumentId, TextSpan Span, string Text);

public sealed record StoredEvent(long Id, EventRecord Event, IReadOnlyList<SourceRef> Sources)
{
    /// <summary>The document the event was read from (or imported with), also when it has no evidence span.</summary>
    public string? DocumentId { get; init; }

    public double? Lat { get; init; }

    public double? Lon { get; init; }
}

public sealed record StoredEntity(long Id, EntityRecord Entity);

public sealed record StoredDocument(string Id, DocumentInfo Info, string Body, IReadOnlyList<TextSpan> EvidenceSpans);

/// <summary>
/// One line of a timeline. <see cref="Kind"/> is the event type ("withdrawal"), the fact relation ("present_at"), or a
/// change a holding went through ("presence_begun", "presence_ended", "control_begun", "control_ended").
/// </summary>
public sealed record TimelineEntry(PartialDate? Date, string Kind, string Summary, IReadOnlyList<SourceRef> Sources);

public sealed record Timeline(StoredEntity Entity, IReadOnlyList<TimelineEntry> Entries);

/// <summary>The states at both dates, what changed between them, and the events dated in (From, To].</summary>
public sealed record StateDiff(
    LocalDate From,
    LocalDate To,
    StateRecord Before,
    StateRecord After,
    IReadOnlyList<StateChange> Changes,
    IReadOnlyList<StoredEvent> EventsBetween);

public sealed record TroopLevelPoint(string Force, string Area, Quantity Quantity, PartialDate? Since, PartialDate? Until, IReadOnlyList<SourceRef> Sources);
