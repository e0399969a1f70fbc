using Garrison.Domain.Records;
using Garrison.Storage;
using NodaTime;

namespace Garrison.Interchange.Tests.Support;

/// <summary>
/// A minimal knowledge store for exporter and importer unit tests: keeps what is ingested, answers event and
/// entity queries, and holds a state the test sets. The SQLite store is exercised by the round-trip tests.
/// </summary>
internal sealed class InMemoryStore : IKnowledgeStore
{
    private readonly Dictionary<string, (SourceDocument Document, ExtractionRecord Record)> _documents = [];
    private readonly Dictionary<string, EntityRecord> _entities = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<StoredEvent> _events = [];

    public StateRecord? State { get; set; }

    public List<TroopLevelPoint> TroopSeries { get; } = [];

    public IReadOnlyList<SourceDocument> Documents => _documents.Values.Select(d => d.Document).ToList();

    public IReadOnlyList<StoredEvent> Events => _events;

    public Task<IngestOutcome> IngestAsync(SourceDocument document, ExtractionRecord record, CancellationToken cancellationToken = default)
    {
        if (_documents.Values.Any(d => d.Document.ContentHash == document.ContentHash))
        {
            return Task.FromResult(new IngestOutcome(document.Id, IngestStatus.AlreadyKnown));
        }

        _documents[document.Id] = (document, record);
        foreach (var entity in record.Entities)
        {
            _entities.TryAdd(entity.Name, entity);
        }

        foreach (var e in record.Events)
        {
            var place = e.Place is null ? null : _entities.GetValueOrDefault(e.Place);
            var sources = e.Evidence.Select(span => new SourceRef(document.Id, span, span.Slice(document.Body))).ToList();
            _events.Add(new StoredEvent(_events.Count + 1, e, sources) { Lat = place?.Lat, Lon = place?.Lon });
        }

        return Task.FromResult(new IngestOutcome(document.Id, IngestStatus.Added));
    }

    public Task<IReadOnlyList<StoredEvent>> GetEventsAsync(EventQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<StoredEvent>>(_events.Where(s =>
            (query.From is not { } from || s.Event.Date.To is not { } to || to.LastDay >= from) &&
            (query.To is not { } until || s.Event.Date.From is not { } start || start.FirstDay <= until) &&
            (query.Place is null || string.Equals(s.Event.Place, query.Place, StringComparison.OrdinalIgnoreCase))).ToList());

    public Task<IReadOnlyList<StoredEntity>> FindEntitiesAsync(string query, int limit = 20, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<StoredEntity>>(_entities.Values
            .Where(e => e.Name.Contains(query, StringComparison.OrdinalIgnoreCase) || e.Aliases.Any(a => a.Contains(query, StringComparison.OrdinalIgnoreCase)))
            .Take(limit).Select((e, i) => new StoredEntity(i + 1, e)).ToList());

    public Task<StoredDocument?> GetDocumentAsync(string id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_documents.TryGetValue(id, out var d) ? new StoredDocument(id, d.Document.Info, d.Document.Body, []) : null);

    public Task<StateRecord> GetStateAsync(LocalDate at, CancellationToken cancellationToken = default) =>
        Task.FromResult(State ?? new StateRecord(at, [], [], []));

    public Task<IReadOnlyList<TroopLevelPoint>> GetTroopSeriesAsync(string? force, string? area, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<TroopLevelPoint>>(TroopSeries
            .Where(p => (force is null || p.Force == force) && (area is null || p.Area == area)).ToList());

    public Task<Timeline?> GetTimelineAsync(string name, CancellationToken cancellationToken = default) => Task.FromResult<Timeline?>(null);

    public Task<StateDiff> GetDiffAsync(LocalDate from, LocalDate to, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<StoredEntity?> GetEntityAsync(long id, CancellationToken cancellationToken = default) => Task.FromResult<StoredEntity?>(null);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
