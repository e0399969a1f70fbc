using Garrison.Domain.Dates;
using Garrison.Domain.Provenance;
using Garrison.Domain.Records;
using Garrison.Storage;
using NodaTime;

namespace Garrison.Web.Tests.Fixtures;

/// <summary>
/// A small in-memory IKnowledgeStore for the web tests while the SQLite provider is being written elsewhere.
/// It keeps the contract's meaning (validity on a date, sources with spans) without any merge rules.
/// </summary>
public sealed class InMemoryKnowledgeStore : IKnowledgeStore
{
    private readonly List<(SourceDocument Document, ExtractionRecord Record)> _documents = [];
    private readonly List<StoredEntity> _entities = [];
    private readonly List<StoredEvent> _events = [];

    public Task<IngestOutcome> IngestAsync(SourceDocument document, ExtractionRecord record, CancellationToken cancellationToken = default)
    {
        if (_documents.Any(d => d.Document.Id == document.Id))
        {
            return Task.FromResult(new IngestOutcome(document.Id, IngestStatus.AlreadyKnown));
        }

        _documents.Add((document, record));
        foreach (var entity in record.Entities)
        {
            if (!_entities.Any(e => e.Entity.Name == entity.Name))
            {
                _entities.Add(new StoredEntity(_entities.Count + 1, entity));
            }
        }

        foreach (var e in record.Events)
        {
            var place = e.Place is null ? null : _entities.FirstOrDefault(x => x.Entity.Name == e.Place)?.Entity;
            _events.Add(new StoredEvent(_events.Count + 1, e, Sources(document, e.Evidence)) { Lat = place?.Lat, Lon = place?.Lon });
        }

        return Task.FromResult(new IngestOutcome(document.Id, IngestStatus.Added));
    }

    public Task<StateRecord> GetStateAsync(LocalDate at, CancellationToken cancellationToken = default)
    {
        var facts = Facts().Where(f => f.Fact.Valid.MayInclude(at)).ToList();
        return Task.FromResult(new StateRecord(
            at,
            facts.Where(f => f.Fact.Relation == Relation.PresentAt)
                .Select(f => new PresenceRow(f.Fact.Subject, f.Fact.Object!, f.Fact.Valid.From, f.Fact.Valid.To, [f.Document.Id])).ToList(),
            facts.Where(f => f.Fact.Relation == Relation.Controls)
                .Select(f => new ControlRow(f.Fact.Subject, f.Fact.Object!, f.Fact.Valid.From, f.Fact.Valid.To, [f.Document.Id])).ToList(),
            facts.Where(f => f.Fact.Relation == Relation.TroopLevel && f.Fact.Quantity is not null)
                .Select(f => new TroopLevelRow(f.Fact.Subject, f.Fact.Object!, f.Fact.Quantity!, f.Fact.Valid.From, f.Fact.Valid.To, [f.Document.Id])).ToList()));
    }

    public Task<Timeline?> GetTimelineAsync(string name, CancellationToken cancellationToken = default)
    {
        var entity = Find(name);
        if (entity is null)
        {
            return Task.FromResult<Timeline?>(null);
        }

        var canonical = entity.Entity.Name;
        var entries = Facts()
            .Where(f => f.Fact.Subject == canonical || f.Fact.Object == canonical)
            .Select(f => new TimelineEntry(f.Fact.Valid.From, "fact:" + f.Fact.Relation, $"{f.Fact.Subject} {f.Fact.Relation} {f.Fact.Object}", Sources(f.Document, f.Fact.Evidence)))
            .Concat(_events
                .Where(e => e.Event.Place == canonical || e.Event.Actors.Contains(canonical) || e.Event.Targets.Contains(canonical))
                .Select(e => new TimelineEntry(e.Event.Date.From, "event:" + e.Event.Type, $"{e.Event.Type} at {e.Event.Place}", e.Sources)))
            .OrderBy(t => t.Date)
            .ToList();
        return Task.FromResult<Timeline?>(new Timeline(entity, entries));
    }

    public async Task<StateDiff> GetDiffAsync(LocalDate from, LocalDate to, CancellationToken cancellationToken = default) =>
        new(from, to, await GetStateAsync(from, cancellationToken), await GetStateAsync(to, cancellationToken),
            await GetEventsAsync(new EventQuery(from, to), cancellationToken));

    public Task<IReadOnlyList<StoredEvent>> GetEventsAsync(EventQuery query, CancellationToken cancellationToken = default)
    {
        var matches = _events.Where(e =>
            (query.Type is null || e.Event.Type == query.Type) &&
            (query.From is null || e.Event.Date.To is null || e.Event.Date.To.Value.LastDay >= query.From) &&
            (query.To is null || e.Event.Date.From is null || e.Event.Date.From.Value.FirstDay <= query.To) &&
            (query.Place is null || Same(e.Event.Place, query.Place)) &&
            (query.Actor is null || e.Event.Actors.Any(a => Same(a, query.Actor))));
        return Task.FromResult<IReadOnlyList<StoredEvent>>(matches.ToList());
    }

    public Task<StoredEntity?> GetEntityAsync(long id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_entities.FirstOrDefault(e => e.Id == id));

    public Task<IReadOnlyList<StoredEntity>> FindEntitiesAsync(string query, int limit = 20, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<StoredEntity>>(_entities
            .Where(e => Names(e).Any(n => n.Contains(query, StringComparison.OrdinalIgnoreCase)))
            .Take(limit).ToList());

    public Task<StoredDocument?> GetDocumentAsync(string id, CancellationToken cancellationToken = default)
    {
        var found = _documents.FirstOrDefault(d => d.Document.Id == id);
        if (found.Document is null)
        {
            return Task.FromResult<StoredDocument?>(null);
        }

        var spans = found.Record.Events.SelectMany(e => e.Evidence).Concat(found.Record.Facts.SelectMany(f => f.Evidence))
            .Distinct().OrderBy(s => s.Start).ToList();
        return Task.FromResult<StoredDocument?>(new StoredDocument(id, found.Document.Info, found.Document.Body, spans));
    }

    public Task<IReadOnlyList<TroopLevelPoint>> GetTroopSeriesAsync(string? force, string? area, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<TroopLevelPoint>>(Facts()
            .Where(f => f.Fact.Relation == Relation.TroopLevel && f.Fact.Quantity is not null &&
                        (force is null || Same(f.Fact.Subject, force)) && (area is null || Same(f.Fact.Object, area)))
            .Select(f => new TroopLevelPoint(f.Fact.Subject, f.Fact.Object!, f.Fact.Quantity!, f.Fact.Valid.From, f.Fact.Valid.To, Sources(f.Document, f.Fact.Evidence)))
            .OrderBy(p => p.Since)
            .ToList());

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private IEnumerable<(SourceDocument Document, FactRecord Fact)> Facts() =>
        _documents.SelectMany(d => d.Record.Facts.Select(f => (d.Document, f)));

    private static List<SourceRef> Sources(SourceDocument document, IEnumerable<TextSpan> spans) =>
        spans.Select(s => new SourceRef(document.Id, s, s.Slice(document.Body))).ToList();

    private StoredEntity? Find(string name) => _entities.FirstOrDefault(e => Names(e).Any(n => n.Equals(name, StringComparison.OrdinalIgnoreCase)));

    private static IEnumerable<string> Names(StoredEntity e) => e.Entity.Aliases.Prepend(e.Entity.Name);

    private bool Same(string? value, string query)
    {
        if (value is null)
        {
            return false;
        }

        var entity = Find(query);
        return entity is null ? value.Equals(query, StringComparison.OrdinalIgnoreCase) : value == entity.Entity.Name;
    }
}
