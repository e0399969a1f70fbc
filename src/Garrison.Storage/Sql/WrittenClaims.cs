using Garrison.Domain.Dates;
using Garrison.Domain.Records;

namespace Garrison.Storage.Sql;

/// <summary>
/// The temporal claims a batch's documents wrote, as the document writer wrote them (the ids the database gave, the
/// values bound), so the refresh builds the batch's own claims in memory instead of reading them back: that read (the
/// batch's documents, facts, events and participants, then the names of entities the claim cache has not seen) was
/// 0.15-0.35 ms of a ~2.5 ms report (docs/bench.md, "Ingest speed (session 14)"). The same claims, rows and columns
/// <see cref="DapperKnowledgeStore"/>'s read of the batch's claims selects: facts of a temporal relation with an object,
/// events of a temporal type with a place. A document rolled back to its savepoint takes its claims with it
/// (<see cref="Mark"/>, <see cref="RollBackTo"/>).
/// </summary>
internal sealed class WrittenClaims
{
    private readonly List<WrittenDocument> documents = [];
    private readonly List<WrittenFact> facts = [];
    private readonly List<WrittenEvent> events = [];

    public IReadOnlyList<WrittenDocument> Documents => documents;

    public IReadOnlyList<WrittenFact> Facts => facts;

    public IReadOnlyList<WrittenEvent> Events => events;

    /// <summary>Where the claims stand before a document is written: what <see cref="RollBackTo"/> goes back to.</summary>
    public (int Documents, int Facts, int Events) Mark() => (documents.Count, facts.Count, events.Count);

    /// <summary>Forgets what was added since <paramref name="mark"/> (the document's rows were rolled back).</summary>
    public void RollBackTo((int Documents, int Facts, int Events) mark)
    {
        documents.RemoveRange(mark.Documents, documents.Count - mark.Documents);
        facts.RemoveRange(mark.Facts, facts.Count - mark.Facts);
        events.RemoveRange(mark.Events, events.Count - mark.Events);
    }

    public void Document(long id, string key, PartialDate? published) => documents.Add(new WrittenDocument(id, key, published));

    /// <summary>A fact row as written; kept only when it is a temporal claim (a temporal relation, an object).</summary>
    public void Fact(long id, long document, Relation relation, long? subject, long? obj, string? quantity, DateSpan valid)
    {
        if (relation is Relation.PresentAt or Relation.Controls or Relation.TroopLevel && subject is { } s && obj is { } o)
        {
            facts.Add(new WrittenFact(id, document, relation, s, o, quantity, valid));
        }
    }

    /// <summary>
    /// An event row as written with its participants' entity ids in the order they were written; kept only when it is a
    /// temporal claim (a temporal type, a place).
    /// </summary>
    public void Event(long id, long document, EventType type, EventStatus status, DateSpan date, long? place, long[] actors, long[] targets)
    {
        if (type is EventType.Deployment or EventType.BaseEstablished or EventType.Withdrawal or EventType.Handover or EventType.TerritoryTaken &&
            place is { } p)
        {
            events.Add(new WrittenEvent(id, document, type, status, date, p, actors, targets));
        }
    }

    internal readonly record struct WrittenDocument(long Id, string Key, PartialDate? Published);

    internal readonly record struct WrittenFact(long Id, long Document, Relation Relation, long Subject, long Object, string? Quantity, DateSpan Valid);

    internal readonly record struct WrittenEvent(long Id, long Document, EventType Type, EventStatus Status, DateSpan Date, long Place, long[] Actors, long[] Targets);
}
