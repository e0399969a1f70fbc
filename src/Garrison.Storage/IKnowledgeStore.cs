using Garrison.Domain.Dates;
using Garrison.Domain.Provenance;
using Garrison.Domain.Quantities;
using Garrison.Domain.Records;
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

    /// <summary>Presence, control and troop levels true on <paramref name="at"/>, each with since/until and sources.</summary>
    Task<StateRecord> GetStateAsync(LocalDate at, CancellationToken cancellationToken = default);

    /// <summary>Everything known about one installation, force or group, named by any alias, in date order.</summary>
    Task<Timeline?> GetTimelineAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>What changed between two dates.</summary>
    Task<StateDiff> GetDiffAsync(LocalDate from, LocalDate to, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StoredEvent>> GetEventsAsync(EventQuery query, CancellationToken cancellationToken = default);

    Task<StoredEntity?> GetEntityAsync(long id, CancellationToken cancellationToken = default);

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
}

public enum IngestStatus
{
    Added,
    AlreadyKnown,
}

public sealed record IngestOutcome(string DocumentId, IngestStatus Status);

/// <summary>Filters for the event list; null means no filter. Dates filter on the event's date span overlapping [From, To].</summary>
public sealed record EventQuery(LocalDate? From = null, LocalDate? To = null, EventType? Type = null, string? Place = null, string? Actor = null);

/// <summary>One source sentence behind a claim: the document and the span with its text.</summary>
public sealed record SourceRef(string DocumentId, TextSpan Span, string Text);

public sealed record StoredEvent(long Id, EventRecord Event, IReadOnlyList<SourceRef> Sources)
{
    public double? Lat { get; init; }

    public double? Lon { get; init; }
}

public sealed record StoredEntity(long Id, EntityRecord Entity);

public sealed record StoredDocument(string Id, DocumentInfo Info, string Body, IReadOnlyList<TextSpan> EvidenceSpans);

public sealed record TimelineEntry(PartialDate? Date, string Kind, string Summary, IReadOnlyList<SourceRef> Sources);

public sealed record Timeline(StoredEntity Entity, IReadOnlyList<TimelineEntry> Entries);

public sealed record StateDiff(LocalDate From, LocalDate To, StateRecord Before, StateRecord After, IReadOnlyList<StoredEvent> EventsBetween);

public sealed record TroopLevelPoint(string Force, string Area, Quantity Quantity, PartialDate? Since, PartialDate? Until, IReadOnlyList<SourceRef> Sources);
