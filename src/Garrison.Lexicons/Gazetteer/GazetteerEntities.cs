using Garrison.Domain.Records;

namespace Garrison.Lexicons.Gazetteer;

/// <summary>
/// Turns gazetteer entries into the extraction record's entities, for the reading pipeline's hook that
/// resolves capitalised names its lexicon lacks (NamesStage's resolveUnknown).
/// </summary>
public static class GazetteerEntities
{
    /// <summary>
    /// A resolver that accepts only sure matches: an exact or transliteration-variant name (never a fuzzy
    /// one: a capitalised word in a report is more often not a place than a misspelt one), and for names of
    /// fewer than four letters only countries and admin-1 units ("Hit" the town is too often the verb).
    /// </summary>
    public static Func<string, EntityRecord?> Resolver(IGazetteer gazetteer, string? countryHint = null) => name =>
    {
        var matches = gazetteer.Find(name, countryHint, limit: 1);
        if (matches.Count == 0 || matches[0].Tier == MatchTier.Fuzzy)
        {
            return null;
        }

        var place = matches[0].Place;
        if (NameNormalizer.Normalize(name).Replace(" ", string.Empty, StringComparison.Ordinal).Length < 4
            && place.Kind is not (PlaceKind.Country or PlaceKind.Admin1))
        {
            return null;
        }

        return ToEntity(place);
    };

    public static EntityRecord ToEntity(Place place) =>
        new(place.Name, ToEntityKind(place.Kind), [], place.Kind == PlaceKind.Country ? null : place.Admin1, place.Country,
            place.Latitude, place.Longitude)
        {
            Ref = place.Id,
        };

    public static EntityKind ToEntityKind(PlaceKind kind) => kind switch
    {
        PlaceKind.Country => EntityKind.Country,
        PlaceKind.Admin1 => EntityKind.Province,
        PlaceKind.Place => EntityKind.Place,
        _ => EntityKind.Facility,
    };

    /// <summary>ACLED's geo_precision for a location read from this kind of entry: 1 town or site, 2 admin-1, 3 country.</summary>
    public static int GeoPrecision(PlaceKind kind) => kind switch
    {
        PlaceKind.Country => 3,
        PlaceKind.Admin1 => 2,
        _ => 1,
    };
}
