namespace Garrison.Storage.Sql;

// Row shapes Dapper fills from the portable SQL (snake_case columns map onto these names). Integers are long and
// flags are 0/1 longs so that SQLite INTEGER and PostgreSQL bigint read alike.
#pragma warning disable CA1812 // created by Dapper
internal sealed class EntityRow
{
    public long Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Read only where resolution needs it (<see cref="EntityMirror"/>).</summary>
    public string NameKey { get; set; } = "";

    public string Kind { get; set; } = "";

    public string? Ref { get; set; }

    public string? Admin1 { get; set; }

    public string? Country { get; set; }

    public double? Lat { get; set; }

    public double? Lon { get; set; }
}

internal sealed class AliasRow
{
    public long EntityId { get; set; }

    public string Alias { get; set; } = "";

    public string AliasKey { get; set; } = "";
}

internal sealed class DocumentRow
{
    public long Id { get; set; }

    public string DocKey { get; set; } = "";

    public string? Published { get; set; }

    public string? Outlet { get; set; }

    public string? Title { get; set; }

    public string? Url { get; set; }

    public string? Authors { get; set; }

    public string Body { get; set; } = "";

    public string? EvidenceSpans { get; set; }
}

internal sealed class EventRow
{
    public long Id { get; set; }

    public string DocKey { get; set; } = "";

    public string? Published { get; set; }

    public long Ordinal { get; set; }

    public string Type { get; set; } = "";

    public string Status { get; set; } = "";

    public string? DateFrom { get; set; }

    public string? DateTo { get; set; }

    public long DateApprox { get; set; }

    public long? PlaceId { get; set; }

    public string? PlaceName { get; set; }

    public double? PlaceLat { get; set; }

    public double? PlaceLon { get; set; }

    public string? Admin1 { get; set; }

    public string? Country { get; set; }

    public string? Killed { get; set; }

    public string? Injured { get; set; }

    public string? Quantity { get; set; }

    public string? AttributedTo { get; set; }

    public string? Origin { get; set; }

    public string? EvidenceSpans { get; set; }

    public string? EvidenceText { get; set; }
}

internal sealed class ParticipantRow
{
    public long EventId { get; set; }

    public string Role { get; set; } = "";

    public long EntityId { get; set; }

    public string Name { get; set; } = "";
}

internal sealed class FactRow
{
    public long Id { get; set; }

    public string DocKey { get; set; } = "";

    public string? Published { get; set; }

    public long Ordinal { get; set; }

    public string Relation { get; set; } = "";

    public long SubjectId { get; set; }

    public string SubjectName { get; set; } = "";

    public long? ObjectId { get; set; }

    public string? ObjectName { get; set; }

    public string? Quantity { get; set; }

    public string? ValidFrom { get; set; }

    public string? ValidTo { get; set; }

    public long ValidApprox { get; set; }

    public string? AttributedTo { get; set; }

    public string? Value { get; set; }

    public string? Condition { get; set; }

    public string? EvidenceSpans { get; set; }

    public string? EvidenceText { get; set; }
}

internal sealed class EvidenceRow
{
    public long Id { get; set; }

    public string DocKey { get; set; } = "";

    public string? EvidenceSpans { get; set; }

    public string? EvidenceText { get; set; }
}

internal sealed class HoldingRow
{
    public string Kind { get; set; } = "";

    public long HolderId { get; set; }

    public string HolderName { get; set; } = "";

    public long PlaceId { get; set; }

    public string PlaceName { get; set; } = "";

    public string? Since { get; set; }

    public string? Until { get; set; }

    public long? FirstDay { get; set; }

    public long? LastDay { get; set; }

    public string? Quantity { get; set; }

    public string Sources { get; set; } = "[]";

    public string FactIds { get; set; } = "[]";

    public string EventIds { get; set; } = "[]";
}
#pragma warning restore CA1812
