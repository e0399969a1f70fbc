namespace Garrison.Lexicons.Gazetteer;

/// <summary>What a gazetteer entry is; it decides how precise a location read from it is.</summary>
public enum PlaceKind
{
    Country,
    Admin1,
    Place,
    Airport,
    Facility,
}

/// <summary>
/// One gazetteer entry. <see cref="Aliases"/> are kept in normalized form (see <see cref="NameNormalizer"/>):
/// they are for matching only; the canonical <see cref="Name"/> is what is shown.
/// </summary>
public sealed record Place(
    string Id,
    string Name,
    PlaceKind Kind,
    string Country,
    string? Admin1,
    string? Admin1Id,
    double Latitude,
    double Longitude,
    long? Population,
    IReadOnlyList<string> Aliases,
    string Source);

/// <summary>ISO 3166-1 codes and the English name of a country.</summary>
public sealed record CountryInfo(string Iso2, string Iso3, string Numeric, string Name);

public static class PlaceKinds
{
    public static string ToToken(this PlaceKind kind) => kind switch
    {
        PlaceKind.Country => "country",
        PlaceKind.Admin1 => "admin1",
        PlaceKind.Place => "place",
        PlaceKind.Airport => "airport",
        PlaceKind.Facility => "facility",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Reads a kind; "province", "governorate", "state", "base" and "town" are accepted as synonyms.</summary>
    public static bool TryParse(string? text, out PlaceKind kind)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "country":
                kind = PlaceKind.Country;
                return true;
            case "admin1" or "province" or "governorate" or "state" or "oblast" or "region":
                kind = PlaceKind.Admin1;
                return true;
            case "place" or "town" or "city" or "village":
                kind = PlaceKind.Place;
                return true;
            case "airport" or "airfield":
                kind = PlaceKind.Airport;
                return true;
            case "facility" or "base" or "installation":
                kind = PlaceKind.Facility;
                return true;
            default:
                kind = default;
                return false;
        }
    }
}

/// <summary>
/// Aliases as read from places.tsv.gz: the '|'-joined text, split only when someone enumerates it. Loading
/// indexes the aliases as spans of the joined text, which saves creating ~700k strings at every start.
/// </summary>
public sealed class AliasList(string joined) : IReadOnlyList<string>
{
    private string[]? _split;

    public string Joined => joined;

    public int Count => Split().Length;

    public string this[int index] => Split()[index];

    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)Split()).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    private string[] Split() => _split ??= joined.Length == 0 ? [] : joined.Split('|');
}
