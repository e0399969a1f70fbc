using Garrison.Domain.Dates;
using Garrison.Domain.Provenance;
using Garrison.Domain.Quantities;

namespace Garrison.Domain.Records;

/// <summary>
/// What Garrison says about one document: the public contract of <c>garrison extract</c>
/// (shared/spec/extraction-record.md). Fields may be added; the spec's names are never renamed or dropped.
/// </summary>
public sealed record ExtractionRecord(
    DocumentInfo Document,
    IReadOnlyList<EntityRecord> Entities,
    IReadOnlyList<EventRecord> Events,
    IReadOnlyList<FactRecord> Facts);

/// <summary>The document's header as read. <see cref="Published"/> is the dateline relative dates resolve against.</summary>
public sealed record DocumentInfo(
    string Id,
    PartialDate? Published,
    string? Outlet,
    string? Title,
    string? Url = null,
    IReadOnlyList<string>? Authors = null);

public sealed record EntityRecord(
    string Name,
    EntityKind Kind,
    IReadOnlyList<string> Aliases,
    string? Admin1 = null,
    string? Country = null,
    double? Lat = null,
    double? Lon = null)
{
    /// <summary>Where the entity's identity came from (lexicon id, gazetteer id), when known.</summary>
    public string? Ref { get; init; }
}

public sealed record Casualties(Quantity? Killed, Quantity? Injured)
{
    public static Casualties None { get; } = new(null, null);
}

public sealed record EventRecord(
    EventType Type,
    EventStatus Status,
    DateSpan Date,
    IReadOnlyList<string> Actors,
    IReadOnlyList<string> Targets,
    string? Place,
    string? Admin1,
    string? Country,
    Casualties Casualties,
    Quantity? Quantity,
    string? AttributedTo,
    IReadOnlyList<TextSpan> Evidence)
{
    /// <summary>Where the event came from when not read by Garrison (e.g. "acled:IRQ1234").</summary>
    public string? Origin { get; init; }

    /// <summary>True when the place was not named in the event's sentence but taken from the paragraph before it.</summary>
    public bool PlaceInferred { get; init; }
}

public sealed record FactRecord(
    string Subject,
    Relation Relation,
    string? Object,
    Quantity? Quantity,
    DateSpan Valid,
    string? AttributedTo,
    IReadOnlyList<TextSpan> Evidence)
{
    /// <summary>The relation's value where it has one: a role, a stance, a designation.</summary>
    public string? Value { get; init; }

    /// <summary>The condition attached to a stance ("only once Iraq achieves full sovereignty").</summary>
    public string? Condition { get; init; }
}
