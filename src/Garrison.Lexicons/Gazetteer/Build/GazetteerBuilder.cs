using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.Precision;
using NetTopologySuite.Simplify;

namespace Garrison.Lexicons.Gazetteer.Build;

public sealed record BuildSummary(
    IReadOnlyDictionary<string, int> ByKind,
    IReadOnlyDictionary<string, int> BySource,
    IReadOnlyDictionary<string, long> FileBytes,
    TimeSpan Elapsed);

/// <summary>
/// Derives Garrison's gazetteer from the open-data packages listed in data/gazetteer/sources.yml (installed
/// by eng/data/build-gazetteer.sh): countries (ISO codes + names, centre = area-weighted centre of their
/// admin-1 shapes), Natural Earth admin-1 units, GeoNames cities500 places, OurAirports airfields (military
/// ones as facilities), plus the curated names of data/gazetteer/aliases.yml. Also writes the browser
/// basemap: the world-atlas countries TopoJSON as is and admin-1 shapes simplified to a few megabytes.
/// </summary>
public sealed partial class GazetteerBuilder(string sourcesDirectory, string dataDirectory, string outputDirectory, TextWriter log)
{
    /// <summary>Douglas-Peucker tolerance in degrees (~3 km) for the basemap and run-time admin-1 test.</summary>
    public const double SimplifyTolerance = 0.03;

    private static readonly string[] CoreTrailing =
    [
        "international airport", "regional airport", "army air field", "army airfield", "army heliport", "air base",
        "airbase", "air field", "airfield", "airport", "heliport", "air station", "airstrip", "afb", "ab",
    ];

    private static readonly string[] CoreLeading = ["forward operating base", "joint base", "camp", "fob", "cob"];

    private readonly Dictionary<string, string> _iso3To2 = new(StringComparer.Ordinal);
    private readonly List<Place> _admin1 = [];
    private readonly Dictionary<string, Place> _admin1ByGeoNamesCode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Place> _admin1ById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Place> _admin1ByIso = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (double SumX, double SumY, double Area)> _countryWeights = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Country, HashSet<string> Alternates, HashSet<string> MainNames)> _admin1Alternates = new(StringComparer.Ordinal);
    private readonly HashSet<(string Country, string Variant)> _seats = [];
    private Admin1Locator? _locator;
    private int _locatedByPolygon;

    public BuildSummary Build()
    {
        var stopwatch = Stopwatch.StartNew();
        var sources = GazetteerSources.Load(Path.Combine(dataDirectory, "gazetteer", "sources.yml"));
        foreach (var source in sources.Sources)
        {
            var path = Path.Combine(sourcesDirectory, source.File);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException(
                    $"source '{source.Key}' ({source.Package}) is missing: {path}; run eng/data/build-gazetteer.sh", path);
            }
        }

        var isoPath = sources.FileOf("iso-countries", sourcesDirectory);
        var codes = ReadIsoCodes(Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(isoPath)!)!, "codes.json"));
        var countryShapesPath = sources.FileOf("world-atlas", sourcesDirectory);
        foreach (var (iso2, (iso3, _)) in codes)
        {
            _iso3To2[iso3] = iso2;
        }

        BuildAdmin1(sources.FileOf("natural-earth-admin1", sourcesDirectory));
        log.WriteLine($"admin-1 units: {_admin1.Count}");
        var places = BuildPlaces(sources.FileOf("geonames-cities500", sourcesDirectory));
        log.WriteLine($"GeoNames places: {places.Count} ({_locatedByPolygon} placed in an admin-1 unit by polygon)");
        log.WriteLine($"admin-1 alternate names dropped because they name a capital: {DropCapitalAlternates()}");
        var airports = BuildAirports(
            sources.FileOf("ourairports", sourcesDirectory), sources.FileOf("ourairports-full", sourcesDirectory));
        log.WriteLine($"airfields: {airports.Count}");
        var (countries, countryPlaces) = BuildCountries(codes, isoPath, countryShapesPath, places);
        log.WriteLine($"countries: {countryPlaces.Count} with a centre, {countries.Count} codes");

        var all = new List<Place>(countryPlaces.Count + _admin1.Count + places.Count + airports.Count);
        all.AddRange(countryPlaces);
        all.AddRange(_admin1);
        all.AddRange(places);
        all.AddRange(airports);
        ApplyCuratedAliases(all, Path.Combine(dataDirectory, "gazetteer", "aliases.yml"));

        var placesPath = Path.Combine(outputDirectory, GazetteerFiles.PlacesFile);
        GazetteerFiles.WritePlaces(placesPath, all);
        var countriesPath = Path.Combine(outputDirectory, GazetteerFiles.CountriesFile);
        GazetteerFiles.WriteCountries(countriesPath, countries);
        var basemapCountries = Path.Combine(outputDirectory, GazetteerFiles.CountryShapesFile);
        Directory.CreateDirectory(Path.GetDirectoryName(basemapCountries)!);
        File.Copy(countryShapesPath, basemapCountries, overwrite: true);

        var byKind = all.GroupBy(p => p.Kind.ToToken()).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var bySource = all.GroupBy(p => p.Source).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var byCountry = all.Where(p => p.Country.Length > 0).GroupBy(p => p.Country).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.GroupBy(p => p.Kind.ToToken()).ToDictionary(k => k.Key, k => k.Count()), StringComparer.Ordinal);
        var manifestPath = Path.Combine(outputDirectory, GazetteerFiles.ManifestFile);
        File.WriteAllText(manifestPath, JsonSerializer.Serialize(
            new
            {
                packages = sources.Sources.Select(s => new { s.Key, s.Package, s.Licence }),
                entries = all.Count,
                by_kind = byKind,
                by_source = bySource,
                by_country = byCountry,
            },
            new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));

        var files = new[] { placesPath, countriesPath, manifestPath, basemapCountries, Path.Combine(outputDirectory, GazetteerFiles.Admin1ShapesFile) }
            .ToDictionary(p => Path.GetRelativePath(outputDirectory, p), p => new FileInfo(p).Length, StringComparer.Ordinal);
        return new BuildSummary(byKind, bySource, files, stopwatch.Elapsed);
    }

    /// <summary>
    /// Natural Earth lists a province's capital among its alternate names (Al Anbar: "Dulaim|Ramadi", Rif
    /// Dimashq: "Damascus"); as aliases they would make "Ramadi" or "Amara" read as the province. An alternate
    /// that names a capital (GeoNames PPLA/PPLC) of the same country is dropped unless it is the unit's own name.
    /// </summary>
    private int DropCapitalAlternates()
    {
        var dropped = 0;
        for (var i = 0; i < _admin1.Count; i++)
        {
            var unit = _admin1[i];
            if (!_admin1Alternates.TryGetValue(unit.Id, out var info))
            {
                continue;
            }

            var kept = unit.Aliases.Where(alias => !info.Alternates.Contains(alias) || info.MainNames.Contains(alias)
                || !_seats.Contains((info.Country, NameNormalizer.VariantKey(alias)))).ToList();
            dropped += unit.Aliases.Count - kept.Count;
            _admin1[i] = unit with { Aliases = kept };
        }

        return dropped;
    }

    private static Dictionary<string, (string Iso3, string Numeric)> ReadIsoCodes(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var codes = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var row in document.RootElement.EnumerateArray())
        {
            codes[row[0].GetString()!] = (row[1].GetString()!, row[2].GetString()!);
        }

        return codes;
    }

    private void BuildAdmin1(string path)
    {
        FeatureCollection collection;
        using (var stream = File.OpenRead(path))
        {
            collection = JsonSerializer.Deserialize<FeatureCollection>(stream, Admin1Locator.GeoJsonOptions())
                ?? throw new InvalidDataException($"{path}: not a GeoJSON FeatureCollection");
        }

        var shapes = new List<(string Id, Geometry Shape)>();
        var simplified = new FeatureCollection();
        var reducer = new PrecisionModel(1000);
        foreach (var feature in collection)
        {
            var a = feature.Attributes;
            var code = GeoJsonAttributes.Text(a, "adm1_code");
            var name = GeoJsonAttributes.Text(a, "name_en") ?? GeoJsonAttributes.Text(a, "name");
            if (code is null || name is null || feature.Geometry is null)
            {
                continue;
            }

            var iso2 = GeoJsonAttributes.Text(a, "iso_a2");
            if (iso2 is null || !IsoCode().IsMatch(iso2))
            {
                iso2 = _iso3To2.GetValueOrDefault(GeoJsonAttributes.Text(a, "adm0_a3") ?? string.Empty) ?? string.Empty;
            }

            var id = "ne:" + code;
            var aliases = new List<string>();
            var typeEn = GeoJsonAttributes.Text(a, "type_en");
            var type = GeoJsonAttributes.Text(a, "type");
            foreach (var field in new[] { "name", "name_en", "gn_name", "gns_name", "woe_name", "name_local" })
            {
                if (GeoJsonAttributes.Text(a, field) is { } value)
                {
                    aliases.Add(value);
                    if (field is "name" or "name_en")
                    {
                        if (typeEn is not null)
                        {
                            aliases.Add($"{value} {typeEn}");
                        }

                        if (type is not null)
                        {
                            aliases.Add($"{value} {type}");
                        }
                    }
                }
            }

            var alternates = (GeoJsonAttributes.Text(a, "name_alt") ?? string.Empty).Split('|', StringSplitOptions.TrimEntries);
            aliases.AddRange(alternates);
            _admin1Alternates[id] = (iso2, [.. alternates.Select(NameNormalizer.Normalize)],
                [.. new[] { GeoJsonAttributes.Text(a, "name"), GeoJsonAttributes.Text(a, "name_en") }.Select(NameNormalizer.Normalize)]);
            var latitude = Number(GeoJsonAttributes.Text(a, "latitude")) ?? feature.Geometry.InteriorPoint.Y;
            var longitude = Number(GeoJsonAttributes.Text(a, "longitude")) ?? feature.Geometry.InteriorPoint.X;
            var place = new Place(id, name, PlaceKind.Admin1, iso2, name, id, latitude, longitude, null,
                NormalizedAliases(aliases), "natural-earth-admin1");
            _admin1.Add(place);
            _admin1ById[id] = place;
            if (GeoJsonAttributes.Text(a, "gn_a1_code") is { } gnCode)
            {
                _admin1ByGeoNamesCode.TryAdd(gnCode, place);
            }

            var iso3166 = GeoJsonAttributes.Text(a, "iso_3166_2");
            if (iso3166 is not null && iso3166.Length > 3 && iso3166[2] == '-')
            {
                _admin1ByIso.TryAdd(iso3166, place);
            }

            shapes.Add((id, feature.Geometry));
            if (iso2.Length == 2)
            {
                var centroid = feature.Geometry.Centroid;
                var area = feature.Geometry.Area;
                var (sx, sy, sa) = _countryWeights.GetValueOrDefault(iso2);
                _countryWeights[iso2] = (sx + (centroid.X * area), sy + (centroid.Y * area), sa + area);
            }

            var small = GeometryPrecisionReducer.ReducePointwise(
                TopologyPreservingSimplifier.Simplify(feature.Geometry, SimplifyTolerance), reducer);
            simplified.Add(new Feature(small, new AttributesTable
            {
                { "id", id },
                { "name", name },
                { "iso_3166_2", iso3166 ?? string.Empty },
                { "admin", GeoJsonAttributes.Text(a, "admin") ?? string.Empty },
                { "iso_a2", iso2 },
            }));
        }

        _locator = new Admin1Locator(shapes);
        var basemapPath = Path.Combine(outputDirectory, GazetteerFiles.Admin1ShapesFile);
        Directory.CreateDirectory(Path.GetDirectoryName(basemapPath)!);
        using var output = File.Create(basemapPath);
        JsonSerializer.Serialize(output, simplified, Admin1Locator.GeoJsonOptions());
    }

    private List<Place> BuildPlaces(string path)
    {
        var places = new List<Place>(200_000);
        using var reader = new StreamReader(path);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var f = line.Split('\t');
            if (f.Length < 15)
            {
                throw new InvalidDataException($"{path}: line {lineNumber} has {f.Length} columns, expected 19 (GeoNames TSV)");
            }

            var latitude = Number(f[4]) ?? throw new InvalidDataException($"{path}: line {lineNumber}: latitude '{f[4]}'");
            var longitude = Number(f[5]) ?? throw new InvalidDataException($"{path}: line {lineNumber}: longitude '{f[5]}'");
            var country = f[8];
            var admin1 = _admin1ByGeoNamesCode.GetValueOrDefault($"{country}.{f[10]}") ?? Locate(latitude, longitude);
            var aliases = new List<string> { f[1], f[2] };
            foreach (var alternate in f[3].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                // Alternate names hold airport codes (EBL, ORER) and links besides names; codes are upper case.
                if (alternate.Length <= 4 && alternate.All(c => char.IsUpper(c) || char.IsDigit(c)))
                {
                    continue;
                }

                if (alternate.Contains("://", StringComparison.Ordinal))
                {
                    continue;
                }

                aliases.Add(alternate);
            }

            if (f[7] is "PPLA" or "PPLC")
            {
                _seats.Add((country, NameNormalizer.VariantKey(NameNormalizer.Normalize(f[1]))));
                _seats.Add((country, NameNormalizer.VariantKey(NameNormalizer.Normalize(f[2]))));
            }

            long? population = long.TryParse(f[14], NumberStyles.Integer, CultureInfo.InvariantCulture, out var pop) && pop > 0 ? pop : null;
            places.Add(new Place("geonames:" + f[0], f[1], PlaceKind.Place, country, admin1?.Name, admin1?.Id,
                latitude, longitude, population, NormalizedAliases(aliases), "geonames-cities500"));
        }

        return places;
    }

    private List<Place> BuildAirports(string jsonPath, string sqlitePath)
    {
        var airports = new Dictionary<string, Place>(StringComparer.Ordinal);
        using (var document = JsonDocument.Parse(File.ReadAllText(jsonPath)))
        {
            foreach (var row in document.RootElement.EnumerateArray())
            {
                string? Field(string name) =>
                    row.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString()!.Length > 0 ? v.GetString() : null;

                var ident = Field("ident");
                var name = Field("name");
                var lat = Number(Field("latitude_deg"));
                var lon = Number(Field("longitude_deg"));
                if (ident is null || name is null || lat is null || lon is null)
                {
                    continue;
                }

                var keywords = (Field("keywords") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                airports[ident] = Airport(ident, name, Field("type") ?? string.Empty, Field("iso_country") ?? string.Empty,
                    Field("iso_region"), lat.Value, lon.Value, keywords, "ourairports");
            }
        }

        using var connection = new SqliteConnection($"Data Source={sqlitePath};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT icao, name, type, latitude, longitude, country_code, state FROM airports";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var ident = reader.GetString(0);
            if (airports.ContainsKey(ident))
            {
                continue;
            }

            var name = reader.GetString(1);
            var type = reader.GetString(2);
            var military = IsMilitary(NameNormalizer.Normalize(name));

            // Small strips are kept (Bashur/Harir is one); heliports, seaplane bases and closed fields only
            // when their name says they are military (FOBs, army heliports), else they are noise for reading.
            if (type is not ("small_airport" or "medium_airport" or "large_airport") && !military)
            {
                continue;
            }

            airports[ident] = Airport(ident, name, type, reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.GetDouble(3), reader.GetDouble(4), [], "ourairports-full");
        }

        return [.. airports.Values.OrderBy(p => p.Id, StringComparer.Ordinal)];
    }

    private Place Airport(string ident, string name, string type, string country, string? region, double latitude, double longitude,
        IEnumerable<string> keywords, string source)
    {
        var parts = name.Split(" / ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var aliases = new List<string> { name };
        aliases.AddRange(parts);
        aliases.AddRange(keywords);
        var normalizedParts = parts.Select(NameNormalizer.Normalize).ToList();
        aliases.AddRange(normalizedParts.Select(CoreName).Where(c => c is not null)!);
        if (ident.Length == 4 && ident.All(char.IsLetter))
        {
            aliases.Add(ident);
        }

        var military = normalizedParts.Any(IsMilitary) || keywords.Any(k => IsMilitary(NameNormalizer.Normalize(k)));
        var admin1 = (region is null ? null : _admin1ByIso.GetValueOrDefault(region)) ?? Locate(latitude, longitude);
        return new Place("ourairports:" + ident, name, military ? PlaceKind.Facility : PlaceKind.Airport, country,
            admin1?.Name, admin1?.Id, latitude, longitude, null, NormalizedAliases(aliases), source);
    }

    private (List<CountryInfo> Countries, List<Place> Places) BuildCountries(
        Dictionary<string, (string Iso3, string Numeric)> codes, string namesPath, string shapesPath, List<Place> places)
    {
        var names = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        using (var document = JsonDocument.Parse(File.ReadAllText(namesPath)))
        {
            foreach (var country in document.RootElement.GetProperty("countries").EnumerateObject())
            {
                names[country.Name] = country.Value.ValueKind == JsonValueKind.Array
                    ? [.. country.Value.EnumerateArray().Select(v => v.GetString()!)]
                    : [country.Value.GetString()!];
            }
        }

        var atlasNames = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var document = JsonDocument.Parse(File.ReadAllText(shapesPath)))
        {
            foreach (var geometry in document.RootElement.GetProperty("objects").GetProperty("countries").GetProperty("geometries").EnumerateArray())
            {
                if (geometry.TryGetProperty("id", out var id) && geometry.TryGetProperty("properties", out var properties)
                    && properties.TryGetProperty("name", out var name))
                {
                    atlasNames[id.GetString()!] = name.GetString()!;
                }
            }
        }

        var capitals = places.Where(p => p.Population is not null)
            .GroupBy(p => p.Country)
            .ToDictionary(g => g.Key, g => g.MaxBy(p => p.Population)!, StringComparer.Ordinal);
        var nameUse = names.Values.SelectMany(n => n).GroupBy(n => n).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var countries = new List<CountryInfo>();
        var countryPlaces = new List<Place>();
        foreach (var (iso2, (iso3, numeric)) in codes.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var english = names.GetValueOrDefault(iso2) ?? [iso2];
            var atlas = atlasNames.GetValueOrDefault(numeric);
            var name = CountryName(english, atlas, nameUse);
            countries.Add(new CountryInfo(iso2, iso3, numeric, name));

            double latitude, longitude;
            if (_countryWeights.TryGetValue(iso2, out var w) && w.Area > 0)
            {
                (latitude, longitude) = (w.SumY / w.Area, w.SumX / w.Area);
            }
            else if (capitals.TryGetValue(iso2, out var largest))
            {
                (latitude, longitude) = (largest.Latitude, largest.Longitude);
            }
            else
            {
                continue;
            }

            var aliases = new List<string>(english) { name };
            if (atlas is not null && !atlas.Contains('.', StringComparison.Ordinal))
            {
                aliases.Add(atlas);
            }

            countryPlaces.Add(new Place("iso:" + iso2, name, PlaceKind.Country, iso2, null, null,
                Math.Round(latitude, 5), Math.Round(longitude, 5), null, NormalizedAliases(aliases), "iso-countries"));
        }

        return (countries, countryPlaces);
    }

    /// <summary>The short common name: "Iran" not "Islamic Republic of Iran", "Syria" not "Syrian Arab Republic".</summary>
    private static string CountryName(List<string> english, string? atlas, Dictionary<string, int> nameUse)
    {
        if (english.Count > 1)
        {
            var common = english[1];
            if (common.Count(char.IsLetter) >= 4 && !common.Contains('.', StringComparison.Ordinal)
                && !common.Contains(',', StringComparison.Ordinal) && nameUse.GetValueOrDefault(common) == 1)
            {
                return common;
            }
        }

        if (atlas is not null && !atlas.Contains('.', StringComparison.Ordinal) && atlas.Length < english[0].Length)
        {
            return atlas;
        }

        return english[0];
    }

    private static void ApplyCuratedAliases(List<Place> all, string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        var curated = CuratedAliases.Load(path);
        var index = new Dictionary<string, int>(all.Count, StringComparer.Ordinal);
        for (var i = 0; i < all.Count; i++)
        {
            index[all[i].Id] = i;
        }

        foreach (var row in curated.Aliases)
        {
            if (!index.TryGetValue(row.Id, out var i))
            {
                throw new InvalidDataException($"{path}: alias row for '{row.Id}' names an id the built gazetteer does not have");
            }

            var place = all[i];
            all[i] = place with
            {
                Aliases = NormalizedAliases(place.Aliases.Concat(row.Names)),
                Source = place.Source.EndsWith("+garrison-aliases", StringComparison.Ordinal) ? place.Source : place.Source + "+garrison-aliases",
            };
        }
    }

    private Place? Locate(double latitude, double longitude)
    {
        var id = _locator?.Locate(latitude, longitude);
        if (id is null)
        {
            return null;
        }

        _locatedByPolygon++;
        return _admin1ById.GetValueOrDefault(id);
    }

    /// <summary>Normalized, Latin-script, distinct aliases: English reports are matched, other scripts are not.</summary>
    private static List<string> NormalizedAliases(IEnumerable<string> names)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var name in names)
        {
            var normalized = NameNormalizer.Normalize(name);
            if (normalized.Length >= 2 && NameNormalizer.IsLatin(normalized) && !normalized.All(c => char.IsDigit(c) || c == ' ')
                && seen.Add(normalized))
            {
                result.Add(normalized);
            }
        }

        return result;
    }

    private static string? CoreName(string normalized)
    {
        var core = normalized;
        foreach (var word in CoreTrailing)
        {
            if (core.EndsWith(" " + word, StringComparison.Ordinal))
            {
                core = core[..^(word.Length + 1)];
                break;
            }
        }

        foreach (var word in CoreLeading)
        {
            if (core.StartsWith(word + " ", StringComparison.Ordinal))
            {
                core = core[(word.Length + 1)..];
                break;
            }
        }

        return core != normalized && core.Length >= 3 ? core : null;
    }

    private static bool IsMilitary(string normalized) => MilitaryName().IsMatch(normalized);

    private static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    [GeneratedRegex(@"\b(air base|airbase|afb|ab|army|air force|naval|navy|military|camp|fob|cob|base|air station|garrison|barracks|kaserne|raf|nas)\b")]
    private static partial Regex MilitaryName();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex IsoCode();
}
