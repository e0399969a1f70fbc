namespace Garrison.Lexicons.Gazetteer;

/// <summary>How a candidate's name met the query: the tier is the first ranking key.</summary>
public enum MatchTier
{
    /// <summary>The normalized query equals a normalized name or alias.</summary>
    Exact,

    /// <summary>Equal after transliteration folding (articles, y/i, doubled letters…).</summary>
    Variant,

    /// <summary>Same sound key and a Jaro-Winkler similarity of at least 0.88; only for names of 5+ letters.</summary>
    Fuzzy,
}

public sealed record PlaceMatch(Place Place, double Score, MatchTier Tier, string MatchedName);

public sealed record PlaceDistance(Place Place, double Kilometres);

/// <summary>The admin-1 unit of a point, and whether a polygon held it (true) or it is the nearest centre (false).</summary>
public sealed record Admin1Match(Place Admin1, bool InsidePolygon);

/// <summary>Garrison's offline gazetteer: every country, admin-1 unit, town of ~500+ people, airfield and base.</summary>
public interface IGazetteer
{
    int Count { get; }

    Place? Get(string id);

    /// <summary>
    /// Candidates for a name, best first. <paramref name="countryHint"/> (ISO2, ISO3 or name) and
    /// <paramref name="kindHint"/> raise matching candidates; they do not exclude the rest. "X Governorate" /
    /// "X Province" imply admin-1, "X Air Base" / "Camp X" imply a facility.
    /// </summary>
    IReadOnlyList<PlaceMatch> Find(string name, string? countryHint = null, PlaceKind? kindHint = null, int limit = 10);

    IReadOnlyList<PlaceDistance> Nearest(double latitude, double longitude, int count = 1, PlaceKind? kind = null);

    Admin1Match? Admin1Of(double latitude, double longitude);

    /// <summary>A country by ISO2, ISO3, numeric code or name ("Syria", "Iraq", "UK").</summary>
    CountryInfo? Country(string nameOrCode);
}
