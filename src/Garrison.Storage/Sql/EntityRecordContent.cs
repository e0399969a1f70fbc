using Garrison.Domain.Records;

namespace Garrison.Storage.Sql;

/// <summary>
/// Two entity records are the same here when every field entity resolution reads is the same: name, kind, reference,
/// province, country, coordinates (bit for bit) and aliases (in order). The record's own equality compares the alias
/// list by reference, so it cannot key a cache of resolutions. Anything this calls different only costs a resolution
/// the cache could have answered, never a wrong answer.
/// </summary>
internal sealed class EntityRecordContent : IEqualityComparer<EntityRecord>
{
    public static EntityRecordContent Instance { get; } = new();

    public bool Equals(EntityRecord? x, EntityRecord? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        if (x is null || y is null || x.Kind != y.Kind || !SameCoordinate(x.Lat, y.Lat) || !SameCoordinate(x.Lon, y.Lon) ||
            !string.Equals(x.Name, y.Name, StringComparison.Ordinal) || !string.Equals(x.Ref, y.Ref, StringComparison.Ordinal) ||
            !string.Equals(x.Admin1, y.Admin1, StringComparison.Ordinal) || !string.Equals(x.Country, y.Country, StringComparison.Ordinal) ||
            x.Aliases.Count != y.Aliases.Count)
        {
            return false;
        }

        for (var i = 0; i < x.Aliases.Count; i++)
        {
            if (!string.Equals(x.Aliases[i], y.Aliases[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public int GetHashCode(EntityRecord obj) =>
        HashCode.Combine(StringComparer.Ordinal.GetHashCode(obj.Name), obj.Kind, obj.Ref is null ? 0 : StringComparer.Ordinal.GetHashCode(obj.Ref),
            obj.Aliases.Count, obj.Lat, obj.Lon);

    // Bits, not ==: 0 and -0 stay apart and NaN equals itself, as when the key was the coordinates' round-trip text.
    private static bool SameCoordinate(double? a, double? b) =>
        a.HasValue == b.HasValue && (!a.HasValue || BitConverter.DoubleToInt64Bits(a.Value) == BitConverter.DoubleToInt64Bits(b!.Value));
}

/// <summary>
/// An entity record with its <see cref="EntityRecordContent"/> hash computed once (<see cref="PreparedEntity"/> does it
/// before the write transaction needs it), compared by content.
/// </summary>
internal readonly record struct EntityContentKey(EntityRecord Record, int Hash)
{
    public static IEqualityComparer<EntityContentKey> Comparer { get; } = new ContentComparer();

    public static EntityContentKey Of(EntityRecord record) => new(record, EntityRecordContent.Instance.GetHashCode(record));

    private sealed class ContentComparer : IEqualityComparer<EntityContentKey>
    {
        public bool Equals(EntityContentKey x, EntityContentKey y) => x.Hash == y.Hash && EntityRecordContent.Instance.Equals(x.Record, y.Record);

        public int GetHashCode(EntityContentKey obj) => obj.Hash;
    }
}
