using System.Runtime.ExceptionServices;
using Garrison.Domain.Records;
using Garrison.Storage.Resolution;

namespace Garrison.Storage.Sql;

/// <summary>
/// What ingest writes for one document, computed from the document and its record alone, before the write
/// transaction needs it: the document row's values, each event's and fact's row values (dates, quantities as JSON,
/// evidence spans and text), each entity's name keys, and the names whose ids the writer looks up. Only the ids
/// assigned inside the transaction are left: the document's id and key, and the entities' ids (see
/// <see cref="DocumentPreparation"/>, which prepares the next documents on another core while one is written).
/// Everything here is a pure function of its input, so a document prepared twice is prepared the same.
/// </summary>
internal sealed class PreparedDocument
{
    private PreparedDocument(object?[] documentValues, PreparedEntity[] entities, PreparedEvent[] events, PreparedFact[] facts)
    {
        DocumentValues = documentValues;
        Entities = entities;
        Events = events;
        Facts = facts;
    }

    /// <summary>The document row's values (<see cref="DocumentStatements.InsertAsync"/>); the key (index 0) is set by the writer.</summary>
    public object?[] DocumentValues { get; }

    public PreparedEntity[] Entities { get; }

    public PreparedEvent[] Events { get; }

    public PreparedFact[] Facts { get; }

    public static PreparedDocument Of(SourceDocument document, ExtractionRecord record) => Of(document, record, null);

    /// <param name="document">The document.</param>
    /// <param name="record">Its record.</param>
    /// <param name="entities">
    /// Entities already prepared for other documents of the batch, by content (the same record recurs in most reports
    /// of a batch; a prepared entity is never changed, so documents can share it), used by one thread only; or null.
    /// </param>
    public static PreparedDocument Of(SourceDocument document, ExtractionRecord record, Dictionary<EntityContentKey, PreparedEntity>? entities)
    {
        var prepared = new PreparedEntity[record.Entities.Count];
        for (var i = 0; i < prepared.Length; i++)
        {
            var key = EntityContentKey.Of(record.Entities[i]);
            if (entities is null)
            {
                prepared[i] = new PreparedEntity(key);
            }
            else if (!entities.TryGetValue(key, out prepared[i]!))
            {
                entities[key] = prepared[i] = new PreparedEntity(key);
            }
        }

        var events = new PreparedEvent[record.Events.Count];
        for (var i = 0; i < events.Length; i++)
        {
            events[i] = PreparedEvent.Of(record.Events[i], i, document.Body);
        }

        var facts = new PreparedFact[record.Facts.Count];
        for (var i = 0; i < facts.Length; i++)
        {
            facts[i] = PreparedFact.Of(record.Facts[i], i, document.Body);
        }

        return new PreparedDocument(DocumentStatements.Values(document, EvidenceColumns.OfDocument(record)), prepared, events, facts);
    }
}

/// <summary>An entity of the record with the keys resolution looks it up by (<see cref="EntityResolver.Keys"/>).</summary>
internal sealed class PreparedEntity
{
    public PreparedEntity(EntityRecord record)
        : this(EntityContentKey.Of(record))
    {
    }

    public PreparedEntity(EntityContentKey key)
    {
        var record = key.Record;
        Record = record;
        ContentKey = key;
        Keys = EntityResolver.Keys(record);
        Box = Box.Around(record);
        NameKey = Resolution.NameKey.Of(record.Name);
        var aliases = new List<(string, string)>(record.Aliases.Count + 1);
        AddAlias(record.Name);
        foreach (var alias in record.Aliases)
        {
            AddAlias(alias);
        }

        Aliases = aliases;

        void AddAlias(string alias)
        {
            var key = Resolution.NameKey.Of(alias);
            if (key.Length > 0)
            {
                aliases.Add((alias, key));
            }
        }
    }

    public EntityRecord Record { get; }

    /// <summary>The record with its content hash, as the batch's cache of resolutions is keyed.</summary>
    public EntityContentKey ContentKey { get; }

    public IReadOnlyList<string> Keys { get; }

    public Box? Box { get; }

    /// <summary>The key of the record's name (what a new entity's row stores).</summary>
    public string NameKey { get; }

    /// <summary>The name, then each alias, with its key, in that order, those with an empty key left out (repeats kept).</summary>
    public IReadOnlyList<(string Alias, string Key)> Aliases { get; }
}

/// <summary>
/// An event's row (<c>BatchInserts.Events</c>) with its document, place and attribution ids left to the writer, and
/// the names of its participants, each role's names once, blanks left out, in the order they get their ordinals.
/// </summary>
internal sealed class PreparedEvent
{
    public const int DocumentSlot = 0, PlaceSlot = 9, AttributedToSlot = 15;

    private ExceptionDispatchInfo? error;

    private PreparedEvent(EventRecord record, object?[] row, string[] actors, string[] targets)
    {
        Record = record;
        Row = row;
        Actors = actors;
        Targets = targets;
    }

    public EventRecord Record { get; }

    public object?[] Row { get; }

    public string[] Actors { get; }

    public string[] Targets { get; }

    /// <summary>
    /// A record the row cannot be made from (evidence outside the body) fails when the writer reaches it, as it did
    /// when the writer made the row itself: the same exception, after the same writes.
    /// </summary>
    public void ThrowIfInvalid() => error?.Throw();

    public static PreparedEvent Of(EventRecord ev, int ordinal, string body)
    {
        try
        {
            var (from, to) = (ev.Date.From, ev.Date.To);
            var type = VocabularyText.Of(ev.Type);
            var (spans, text) = EvidenceColumns.Of(ev.Evidence, body, "event", ordinal, type);
            object?[] row =
            [
                null, (long)ordinal, type, VocabularyText.Of(ev.Status), from?.ToString(), to?.ToString(),
                ev.Date.Approx ? 1L : 0L, from is { } f ? DapperKnowledgeStore.DayNumber(f.FirstDay) : null,
                to is { } t ? DapperKnowledgeStore.DayNumber(t.LastDay) : null, null, ev.Admin1, ev.Country,
                DapperKnowledgeStore.QuantityJson(ev.Casualties.Killed), DapperKnowledgeStore.QuantityJson(ev.Casualties.Injured),
                DapperKnowledgeStore.QuantityJson(ev.Quantity), null, ev.Origin, spans, text,
            ];
            return new PreparedEvent(ev, row, DistinctNames(ev.Actors), DistinctNames(ev.Targets));
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException)
        {
            return new PreparedEvent(ev, [], [], []) { error = ExceptionDispatchInfo.Capture(ex) };
        }
    }

    /// <summary>Each name once, at its first place, blanks (which name no entity) left out: an event lists a handful.</summary>
    private static string[] DistinctNames(IReadOnlyList<string> names)
    {
        var distinct = new List<string>(names.Count);
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            if (!string.IsNullOrWhiteSpace(name) && !distinct.Contains(name, StringComparer.Ordinal))
            {
                distinct.Add(name);
            }
        }

        return [.. distinct];
    }
}

/// <summary>A fact's row (<c>BatchInserts.Facts</c>) with its document, subject, object and attribution ids left to the writer.</summary>
internal sealed class PreparedFact
{
    public const int DocumentSlot = 0, SubjectSlot = 3, ObjectSlot = 4, QuantitySlot = 5, AttributedToSlot = 11;

    private ExceptionDispatchInfo? error;

    private PreparedFact(FactRecord record, object?[] row)
    {
        Record = record;
        Row = row;
    }

    public FactRecord Record { get; }

    public object?[] Row { get; }

    /// <inheritdoc cref="PreparedEvent.ThrowIfInvalid"/>
    public void ThrowIfInvalid() => error?.Throw();

    public static PreparedFact Of(FactRecord fact, int ordinal, string body)
    {
        try
        {
            var (from, to) = (fact.Valid.From, fact.Valid.To);
            var relation = VocabularyText.Of(fact.Relation);
            var (spans, text) = EvidenceColumns.Of(fact.Evidence, body, "fact", ordinal, relation);
            object?[] row =
            [
                null, (long)ordinal, relation, null, null, DapperKnowledgeStore.QuantityJson(fact.Quantity), from?.ToString(), to?.ToString(),
                fact.Valid.Approx ? 1L : 0L, from is { } f ? DapperKnowledgeStore.DayNumber(f.FirstDay) : null,
                to is { } t ? DapperKnowledgeStore.DayNumber(t.LastDay) : null, null, fact.Value, fact.Condition, spans, text,
            ];
            return new PreparedFact(fact, row);
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException)
        {
            return new PreparedFact(fact, []) { error = ExceptionDispatchInfo.Capture(ex) };
        }
    }
}
