using Garrison.Domain.Records;

namespace Garrison.Storage.Resolution;

/// <summary>An entity already in the store, as the resolver needs to see it.</summary>
public sealed record EntityCandidate(
    long Id,
    string Name,
    EntityKind Kind,
    string? Ref,
    string? Country,
    double? Lat,
    double? Lon,
    IReadOnlyCollection<string> NameKeys);

/// <summary>Why two entity records were taken to be the same thing, strongest first.</summary>
public enum MatchReason
{
    Ref = 0,
    Name = 1,
    Alias = 2,
    Coordinates = 3,
}

/// <summary>
/// Decides when an entity read from a new document is one the store already knows (docs/storage.md, "Entity
/// resolution"). The same lexicon or gazetteer reference, the same canonical name and kind, a shared alias of at
/// least two words between entities of the same kind, or, for facilities, coordinates within
/// <see cref="SameFacilityKm"/>. Conflicting evidence vetoes a merge: two different references, two kinds, two
/// countries, or places more than <see cref="DistinctPlaceKm"/> apart. A one-word name ("Asad", "Hezbollah", "JOC")
/// never merges two entities by itself.
/// </summary>
public static class EntityResolver
{
    /// <summary>Two facilities closer than this are one installation, whatever their names.</summary>
    public const double SameFacilityKm = 3;

    /// <summary>Two points farther apart than this are different places, whatever their names.</summary>
    public const double DistinctPlaceKm = 25;

    /// <summary>Every key an entity can be found by: its name and its aliases, each once, in that order.</summary>
    public static IReadOnlyList<string> Keys(EntityRecord entity)
    {
        // A loop rather than LINQ: ingest asks this for every entity of every report (a few dozen aliases at most).
        var keys = new List<string>(entity.Aliases.Count + 1);
        Add(entity.Name);
        foreach (var alias in entity.Aliases)
        {
            Add(alias);
        }

        return keys;

        void Add(string name)
        {
            var key = NameKey.Of(name);
            if (key.Length > 0 && !keys.Contains(key, StringComparer.Ordinal))
            {
                keys.Add(key);
            }
        }
    }

    public static MatchReason? Match(EntityRecord incoming, EntityCandidate candidate)
    {
        if (incoming.Ref is { } incomingRef && candidate.Ref is { } candidateRef)
        {
            return string.Equals(incomingRef, candidateRef, StringComparison.Ordinal) ? MatchReason.Ref : null;
        }

        if (Conflicts(incoming, candidate))
        {
            return null;
        }

        if (NameKey.Of(incoming.Name) == NameKey.Of(candidate.Name))
        {
            return MatchReason.Name;
        }

        var sameKnownKind = incoming.Kind == candidate.Kind && incoming.Kind != EntityKind.Unknown;
        if (sameKnownKind && Keys(incoming).Any(k => NameKey.WordCount(k) >= 2 && candidate.NameKeys.Contains(k)))
        {
            return MatchReason.Alias;
        }

        if (sameKnownKind && incoming.Kind == EntityKind.Facility &&
            Distance(incoming.Lat, incoming.Lon, candidate.Lat, candidate.Lon) is <= SameFacilityKm)
        {
            return MatchReason.Coordinates;
        }

        return null;
    }

    /// <summary>The best match among the candidates: strongest reason, then the oldest entity (lowest id).</summary>
    public static (EntityCandidate Entity, MatchReason Reason)? Choose(EntityRecord incoming, IEnumerable<EntityCandidate> candidates)
    {
        (EntityCandidate Entity, MatchReason Reason)? best = null;
        foreach (var candidate in InIdOrder(candidates))
        {
            if (Match(incoming, candidate) is { } reason && (best is null || reason < best.Value.Reason))
            {
                best = (candidate, reason);
            }
        }

        return best;
    }

    /// <summary>The candidates by id; a list already in that order (as ingest's mirror gives them) is read as it is.</summary>
    private static IEnumerable<EntityCandidate> InIdOrder(IEnumerable<EntityCandidate> candidates)
    {
        if (candidates is IReadOnlyList<EntityCandidate> list)
        {
            var ordered = true;
            for (var i = 1; i < list.Count && ordered; i++)
            {
                ordered = list[i - 1].Id <= list[i].Id;
            }

            if (ordered)
            {
                return list;
            }
        }

        return candidates.OrderBy(c => c.Id);
    }

    /// <summary>Great-circle distance in km, or null when either point is missing.</summary>
    public static double? Distance(double? lat1, double? lon1, double? lat2, double? lon2)
    {
        if (lat1 is not { } a || lon1 is not { } b || lat2 is not { } c || lon2 is not { } d)
        {
            return null;
        }

        const double earthKm = 6371.0;
        double Rad(double x) => x * Math.PI / 180;
        var h = Math.Pow(Math.Sin(Rad(c - a) / 2), 2) +
                (Math.Cos(Rad(a)) * Math.Cos(Rad(c)) * Math.Pow(Math.Sin(Rad(d - b) / 2), 2));
        return 2 * earthKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    private static bool Conflicts(EntityRecord incoming, EntityCandidate candidate)
    {
        if (incoming.Kind != EntityKind.Unknown && candidate.Kind != EntityKind.Unknown && incoming.Kind != candidate.Kind)
        {
            return true;
        }

        if (incoming.Country is { } c1 && candidate.Country is { } c2 && NameKey.Of(c1) != NameKey.Of(c2))
        {
            return true;
        }

        return Distance(incoming.Lat, incoming.Lon, candidate.Lat, candidate.Lon) is > DistinctPlaceKm;
    }
}
