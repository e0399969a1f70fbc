using Garrison.Domain.Dates;
using Garrison.Domain.Quantities;
using Garrison.Domain.Records;
using NodaTime;

namespace Garrison.Storage.Temporal;

/// <summary>A stored entity as the rules refer to it: its id (identity) and canonical name (what answers print).</summary>
public sealed record EntityRef(long Id, string Name);

/// <summary>The document a claim came from: its id and the dateline its undated claims are read against.</summary>
public sealed record DocumentRef(string Id, PartialDate? Published)
{
    /// <summary>Orders sources by publication (undated last), then id: the order sources are listed in.</summary>
    public static IComparer<DocumentRef> Order { get; } = Comparer<DocumentRef>.Create((a, b) =>
    {
        var byDate = (a.Published, b.Published) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            ({ } x, { } y) => x.CompareTo(y),
        };
        return byDate != 0 ? byDate : string.CompareOrdinal(a.Id, b.Id);
    });
}

/// <summary>A stored fact of a relation that holds over time (present_at, controls, troop_level).</summary>
public sealed record TemporalFact(
    long Id,
    Relation Relation,
    EntityRef Subject,
    EntityRef Object,
    DateSpan Valid,
    Quantity? Quantity,
    DocumentRef Document);

/// <summary>A stored event that can open or close a holding (deployment, withdrawal, handover...).</summary>
public sealed record TemporalEvent(
    long Id,
    EventType Type,
    EventStatus Status,
    DateSpan Date,
    IReadOnlyList<EntityRef> Actors,
    IReadOnlyList<EntityRef> Targets,
    EntityRef? Place,
    DocumentRef Document);

public enum HoldingKind
{
    Presence = 0,
    Control = 1,
    TroopLevel = 2,
}

/// <summary>
/// One stretch of time over which a force was present at a place, controlled it, or had a troop level there:
/// the merged answer of every report about it. <see cref="FirstDay"/>/<see cref="LastDay"/> are the inclusive days it
/// holds (null = open); <see cref="Since"/>/<see cref="Until"/> are the dates as reported, at their precision.
/// </summary>
public sealed record Holding(
    HoldingKind Kind,
    EntityRef Holder,
    EntityRef Place,
    PartialDate? Since,
    PartialDate? Until,
    LocalDate? FirstDay,
    LocalDate? LastDay,
    Quantity? Quantity,
    IReadOnlyList<DocumentRef> Sources,
    IReadOnlyList<long> FactIds,
    IReadOnlyList<long> EventIds)
{
    public bool HoldsOn(LocalDate day) => (FirstDay is null || FirstDay <= day) && (LastDay is null || day <= LastDay);

    public IReadOnlyList<string> SourceIds => [.. Sources.Select(s => s.Id)];
}
