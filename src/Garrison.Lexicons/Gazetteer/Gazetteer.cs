using System.Diagnostics;
using System.Runtime.InteropServices;
using F23.StringSimilarity;

namespace Garrison.Lexicons.Gazetteer;

/// <summary>
/// The in-memory gazetteer. Two name indexes are built at load: sorted arrays of (32-bit hash of the key,
/// entry) for the exact normalized aliases and for their transliteration variant keys; a lookup binary-searches
/// the hash and then checks the entry's own names, so a hash collision never yields a wrong match. Hashing
/// spans of the aliases' text allocates nothing per name, which is what keeps loading ~250k entries and ~700k
/// aliases near one second. The fuzzy tier's sound-key index is built on first use. Lookups never scan the
/// list, except <see cref="Nearest"/>, a linear pass of about a millisecond.
/// </summary>
public sealed class Gazetteer : IGazetteer
{
    private const int FuzzyMinimumLength = 5;
    private const double FuzzyThreshold = 0.88;

    private static readonly string[] AdminWordsTrailing =
        ["governorate", "province", "oblast", "region", "state", "prefecture", "muhafazah", "wilayah", "voivodeship", "krai", "raion"];

    private static readonly string[] AdminWordsLeading = ["muhafazat", "wilayat", "governorate of", "province of"];

    private static readonly string[] FacilityWordsTrailing =
        ["army air field", "army airfield", "air base", "airbase", "air field", "airfield", "airport", "military base", "base", "heliport", "air station"];

    private static readonly string[] FacilityWordsLeading = ["forward operating base", "joint base", "camp", "fob", "cob"];

    private readonly List<Place> _places;
    private readonly Dictionary<string, int> _byId;
    private readonly List<ulong> _exact;
    private readonly List<ulong> _variant;
    private readonly Lazy<List<ulong>> _sound;
    private readonly Dictionary<string, CountryInfo> _countries = new(StringComparer.Ordinal);
    private readonly Lazy<Admin1Locator?> _admin1Shapes;
    private readonly JaroWinkler _jaroWinkler = new();

    public Gazetteer(IReadOnlyList<Place> places, IEnumerable<CountryInfo> countries, Func<Admin1Locator?>? admin1Shapes = null)
    {
        _places = [.. places];
        _byId = new Dictionary<string, int>(_places.Count, StringComparer.Ordinal);
        for (var i = 0; i < _places.Count; i++)
        {
            if (!_byId.TryAdd(_places[i].Id, i))
            {
                throw new InvalidDataException($"duplicate gazetteer id '{_places[i].Id}'");
            }
        }

        // Hash every name in parallel chunks, then concatenate and sort (loading is on every command's start-up path).
        const int ChunkSize = 16384;
        var chunks = ((_places.Count - 1) / ChunkSize) + 1;
        var exactParts = new List<ulong>[Math.Max(chunks, 0)];
        var variantParts = new List<ulong>[exactParts.Length];
        Parallel.For(0, exactParts.Length, chunk =>
        {
            var exact = new List<ulong>(ChunkSize * 4);
            var variant = new List<ulong>(ChunkSize * 4);
            Span<char> buffer = stackalloc char[1024];
            var last = Math.Min(_places.Count, (chunk + 1) * ChunkSize);
            for (var i = chunk * ChunkSize; i < last; i++)
            {
                var place = _places[i];
                AddName(NameNormalizer.Normalize(place.Name), i, buffer, exact, variant);
                if (place.Aliases is AliasList joined)
                {
                    var text = joined.Joined.AsSpan();
                    foreach (var range in text.Split('|'))
                    {
                        AddName(text[range], i, buffer, exact, variant);
                    }
                }
                else
                {
                    foreach (var alias in place.Aliases)
                    {
                        AddName(alias, i, buffer, exact, variant);
                    }
                }
            }

            exactParts[chunk] = exact;
            variantParts[chunk] = variant;
        });
        _exact = new List<ulong>(exactParts.Sum(p => p.Count));
        _variant = new List<ulong>(variantParts.Sum(p => p.Count));
        foreach (var part in exactParts)
        {
            _exact.AddRange(part);
        }

        foreach (var part in variantParts)
        {
            _variant.AddRange(part);
        }

        Parallel.Invoke(() => CollectionsMarshal.AsSpan(_exact).Sort(), () => CollectionsMarshal.AsSpan(_variant).Sort());

        foreach (var country in countries)
        {
            _countries[country.Iso2.ToLowerInvariant()] = country;
            _countries[country.Iso3.ToLowerInvariant()] = country;
            _countries[country.Numeric] = country;
            _countries.TryAdd(NameNormalizer.Normalize(country.Name), country);
        }

        var byIso2 = _countries.Values.DistinctBy(c => c.Iso2).ToDictionary(c => c.Iso2, StringComparer.Ordinal);
        foreach (var place in _places.Where(p => p.Kind == PlaceKind.Country))
        {
            if (byIso2.TryGetValue(place.Country, out var country))
            {
                foreach (var alias in place.Aliases)
                {
                    _countries.TryAdd(alias, country);
                }
            }
        }

        _admin1Shapes = new Lazy<Admin1Locator?>(admin1Shapes ?? (() => null));

        // The fuzzy tier's index is built on the first lookup that needs it (a name no sure tier knows),
        // which keeps loading to the exact and variant indexes.
        _sound = new Lazy<List<ulong>>(BuildSoundIndex);
    }

    public int Count => _places.Count;

    public IReadOnlyList<Place> Places => _places;

    /// <summary>How long the last <see cref="Load"/> took (read + index), for docs and the CLI.</summary>
    public TimeSpan LoadTime { get; private init; }

    /// <summary>Loads the derived gazetteer from a build folder (data/build): gazetteer/ and basemap/.</summary>
    public static Gazetteer Load(string buildDirectory)
    {
        var stopwatch = Stopwatch.StartNew();
        var placesPath = Path.Combine(buildDirectory, GazetteerFiles.PlacesFile);
        var plainPath = placesPath[..^".gz".Length];
        if (!File.Exists(placesPath) && File.Exists(plainPath))
        {
            // Small hand-written gazetteers (test fixtures) may stay uncompressed.
            placesPath = plainPath;
        }

        var countriesPath = Path.Combine(buildDirectory, GazetteerFiles.CountriesFile);
        if (!File.Exists(placesPath) || !File.Exists(countriesPath))
        {
            throw new FileNotFoundException(
                $"the gazetteer is not built: {placesPath} is missing; run eng/data/build-gazetteer.sh", placesPath);
        }

        var places = GazetteerFiles.ReadPlaces(placesPath);
        var countries = GazetteerFiles.ReadCountries(countriesPath);
        var shapesPath = Path.Combine(buildDirectory, GazetteerFiles.Admin1ShapesFile);
        var gazetteer = new Gazetteer(places, countries, () => File.Exists(shapesPath) ? Admin1Locator.Load(shapesPath) : null)
        {
            LoadTime = stopwatch.Elapsed,
        };
        return gazetteer;
    }

    /// <summary>The build folder of the data directory (data/build), where eng/data/build-gazetteer.sh writes.</summary>
    public static string DefaultBuildDirectory() => Path.Combine(DataDirectory.Locate(), "build");

    public Place? Get(string id) => _byId.TryGetValue(id, out var index) ? _places[index] : null;

    public IReadOnlyList<PlaceMatch> Find(string name, string? countryHint = null, PlaceKind? kindHint = null, int limit = 10)
    {
        var query = NameNormalizer.Normalize(name);
        if (query.Length == 0 || limit <= 0)
        {
            return [];
        }

        var country = countryHint is null ? null : Country(countryHint)?.Iso2;
        var (core, impliedKind) = Shape(query);
        var kind = kindHint ?? impliedKind;

        var found = new Dictionary<int, (double NameScore, MatchTier Tier, string Key)>();
        Collect(query, 0, found, limit);
        if (core != query && core.Length > 0)
        {
            Collect(core, 0.05, found, limit);
        }

        return found
            .Select(pair =>
            {
                var place = _places[pair.Key];
                var score = pair.Value.NameScore + Prominence(place) + KindBonus(place.Kind, kind)
                    + (country is not null && place.Country == country ? 0.3 : 0)
                    + (NameNormalizer.Normalize(place.Name) == pair.Value.Key ? 0.02 : 0);
                return new PlaceMatch(place, Math.Round(score, 4), pair.Value.Tier, pair.Value.Key);
            })
            .OrderByDescending(m => m.Score)
            .ThenByDescending(m => m.Place.Population ?? 0)
            .ThenBy(m => m.Place.Id, StringComparer.Ordinal)
            .Take(limit)
            .ToList();
    }

    public IReadOnlyList<PlaceDistance> Nearest(double latitude, double longitude, int count = 1, PlaceKind? kind = null)
    {
        if (count <= 0)
        {
            return [];
        }

        // A bounded max-heap on an equirectangular distance, then exact great-circle distances for the winners.
        var cosLat = Math.Cos(latitude * Math.PI / 180);
        var best = new PriorityQueue<int, double>(count + 1, Comparer<double>.Create((a, b) => b.CompareTo(a)));
        for (var i = 0; i < _places.Count; i++)
        {
            var p = _places[i];
            if (kind is not null && p.Kind != kind)
            {
                continue;
            }

            var dLat = p.Latitude - latitude;
            var dLon = (p.Longitude - longitude) * cosLat;
            if (dLon > 180)
            {
                dLon = 360 - dLon;
            }

            var d = (dLat * dLat) + (dLon * dLon);
            if (best.Count < count)
            {
                best.Enqueue(i, d);
            }
            else if (best.TryPeek(out _, out var worst) && d < worst)
            {
                best.DequeueEnqueue(i, d);
            }
        }

        var result = new List<PlaceDistance>(best.Count);
        while (best.TryDequeue(out var index, out _))
        {
            var p = _places[index];
            result.Add(new PlaceDistance(p, GreatCircleKilometres(latitude, longitude, p.Latitude, p.Longitude)));
        }

        result.Sort((a, b) => a.Kilometres.CompareTo(b.Kilometres));
        return result;
    }

    public Admin1Match? Admin1Of(double latitude, double longitude)
    {
        var id = _admin1Shapes.Value?.Locate(latitude, longitude);
        if (id is not null && Get(id) is { } admin1)
        {
            return new Admin1Match(admin1, true);
        }

        var nearest = Nearest(latitude, longitude, 1, PlaceKind.Admin1);
        return nearest.Count == 0 ? null : new Admin1Match(nearest[0].Place, false);
    }

    public CountryInfo? Country(string nameOrCode)
    {
        var key = NameNormalizer.Normalize(nameOrCode);
        return _countries.TryGetValue(key, out var country) ? country : null;
    }

    public static double GreatCircleKilometres(double lat1, double lon1, double lat2, double lon2)
    {
        const double EarthRadiusKm = 6371.0088;
        static double Rad(double degrees) => degrees * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>Splits off words that say what kind of place is meant: "Al Anbar governorate", "Camp Taji".</summary>
    internal static (string Core, PlaceKind? Kind) Shape(string query)
    {
        foreach (var word in AdminWordsTrailing)
        {
            if (query.Length > word.Length + 1 && query.EndsWith(" " + word, StringComparison.Ordinal))
            {
                return (query[..^(word.Length + 1)], PlaceKind.Admin1);
            }
        }

        foreach (var word in AdminWordsLeading)
        {
            if (query.Length > word.Length + 1 && query.StartsWith(word + " ", StringComparison.Ordinal))
            {
                return (query[(word.Length + 1)..], PlaceKind.Admin1);
            }
        }

        foreach (var word in FacilityWordsTrailing)
        {
            if (query.Length > word.Length + 1 && query.EndsWith(" " + word, StringComparison.Ordinal))
            {
                return (query[..^(word.Length + 1)], PlaceKind.Facility);
            }
        }

        foreach (var word in FacilityWordsLeading)
        {
            if (query.Length > word.Length + 1 && query.StartsWith(word + " ", StringComparison.Ordinal))
            {
                return (query[(word.Length + 1)..], PlaceKind.Facility);
            }
        }

        return (query, null);
    }

    private static double Prominence(Place place) => place.Kind switch
    {
        PlaceKind.Country => 0.16,
        PlaceKind.Admin1 => 0.08,
        // GeoNames cities500 lists places of 500+ people (and admin seats): an unknown population counts as 500.
        PlaceKind.Place => 0.15 * Math.Min(1, Math.Log10(Math.Max(place.Population ?? 0, 500) + 1) / 7),
        _ => 0.06,
    };

    private static double KindBonus(PlaceKind kind, PlaceKind? wanted) => wanted switch
    {
        null => 0,
        _ when kind == wanted => 0.25,
        PlaceKind.Facility when kind == PlaceKind.Airport => 0.2,
        PlaceKind.Airport when kind == PlaceKind.Facility => 0.2,
        _ => 0,
    };

    private static ulong Entry(ReadOnlySpan<char> key, int place) =>
        ((ulong)(uint)string.GetHashCode(key) << 32) | (uint)place;

    private static void AddName(ReadOnlySpan<char> normalized, int place, Span<char> buffer, List<ulong> exact, List<ulong> variant)
    {
        if (normalized.Length == 0 || normalized.Length > buffer.Length)
        {
            return;
        }

        exact.Add(Entry(normalized, place));
        variant.Add(Entry(buffer[..NameNormalizer.VariantKey(normalized, buffer)], place));
    }

    /// <summary>Entries whose key hashes like <paramref name="key"/>; callers confirm with <see cref="HasName"/>.</summary>
    private static List<int> Candidates(List<ulong> index, string key)
    {
        var hash = (ulong)(uint)string.GetHashCode(key.AsSpan()) << 32;
        var entries = CollectionsMarshal.AsSpan(index);
        var (low, high) = (0, entries.Length);
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (entries[middle] < hash)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        var result = new List<int>();
        for (var i = low; i < entries.Length && (entries[i] & 0xFFFF_FFFF_0000_0000UL) == hash; i++)
        {
            var place = (int)(uint)entries[i];
            if (result.Count == 0 || result[^1] != place)
            {
                result.Add(place);
            }
        }

        return result;
    }

    private static bool HasName(Place place, string key, bool variant)
    {
        Span<char> buffer = stackalloc char[256];
        bool Same(ReadOnlySpan<char> name, Span<char> buffer) =>
            !variant ? name.SequenceEqual(key)
            : name.Length <= buffer.Length ? buffer[..NameNormalizer.VariantKey(name, buffer)].SequenceEqual(key)
            : NameNormalizer.VariantKey(name.ToString()) == key;
        if (Same(NameNormalizer.Normalize(place.Name), buffer))
        {
            return true;
        }

        if (place.Aliases is AliasList joined)
        {
            // Spans of the joined text: splitting it would keep a string per alias of every entry ever looked at.
            var text = joined.Joined.AsSpan();
            foreach (var range in text.Split('|'))
            {
                if (Same(text[range], buffer))
                {
                    return true;
                }
            }

            return false;
        }

        foreach (var alias in place.Aliases)
        {
            if (Same(alias, buffer))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An entry's aliases, split afresh from the joined text rather than through the cached <see cref="AliasList"/> split.</summary>
    private static IReadOnlyList<string> AliasesUncached(Place place) =>
        place.Aliases is AliasList joined ? (joined.Joined.Length == 0 ? [] : joined.Joined.Split('|')) : place.Aliases;

    /// <summary>
    /// The fuzzy tier's index: (hash of the sound key, entry) for every name of five or more letters, sorted like the
    /// exact and variant indexes. It keeps no strings: a lookup recomputes the variant keys of the few entries its
    /// sound key hashes to. Keeping each alias's variant key in the index instead cost about 100 MB.
    /// </summary>
    private List<ulong> BuildSoundIndex()
    {
        var index = new List<ulong>(_places.Count * 4);
        Span<char> variant = stackalloc char[1024];
        Span<char> sound = stackalloc char[1024];
        void Add(ReadOnlySpan<char> name, int place, Span<char> variant, Span<char> sound)
        {
            if (name.Length > variant.Length)
            {
                return;
            }

            var variantLength = NameNormalizer.VariantKey(name, variant);
            if (variantLength >= FuzzyMinimumLength && NameNormalizer.SoundKey(variant[..variantLength], sound) is > 0 and var soundLength)
            {
                index.Add(Entry(sound[..soundLength], place));
            }
        }

        for (var i = 0; i < _places.Count; i++)
        {
            var place = _places[i];
            Add(NameNormalizer.Normalize(place.Name), i, variant, sound);
            if (place.Aliases is AliasList joined)
            {
                var text = joined.Joined.AsSpan();
                foreach (var range in text.Split('|'))
                {
                    Add(text[range], i, variant, sound);
                }
            }
            else
            {
                foreach (var alias in place.Aliases)
                {
                    Add(alias, i, variant, sound);
                }
            }
        }

        CollectionsMarshal.AsSpan(index).Sort();
        return index;
    }

    /// <summary>The variant keys of an entry's names long enough for the fuzzy tier: its canonical name first, then its aliases, last to first.</summary>
    private static IEnumerable<string> FuzzyVariants(Place place)
    {
        var variant = NameNormalizer.VariantKey(NameNormalizer.Normalize(place.Name));
        if (variant.Length >= FuzzyMinimumLength)
        {
            yield return variant;
        }

        var aliases = AliasesUncached(place);
        for (var a = aliases.Count - 1; a >= 0; a--)
        {
            variant = NameNormalizer.VariantKey(aliases[a]);
            if (variant.Length >= FuzzyMinimumLength)
            {
                yield return variant;
            }
        }
    }

    private void Collect(string query, double penalty, Dictionary<int, (double NameScore, MatchTier Tier, string Key)> found, int limit)
    {
        void Offer(int place, double score, MatchTier tier, string key)
        {
            score -= penalty;
            if (!found.TryGetValue(place, out var existing) || existing.NameScore < score)
            {
                found[place] = (score, tier, key);
            }
        }

        foreach (var place in Candidates(_exact, query))
        {
            if (HasName(_places[place], query, variant: false))
            {
                Offer(place, 1.0, MatchTier.Exact, query);
            }
        }

        var variant = NameNormalizer.VariantKey(query);
        foreach (var place in Candidates(_variant, variant))
        {
            if (HasName(_places[place], variant, variant: true))
            {
                Offer(place, 0.9, MatchTier.Variant, query);
            }
        }

        // Fuzzy matching only for names long enough that one letter changed is not another place
        // ("Hit" and "Hil" are both Iraqi towns), and only when the sure tiers found nothing.
        if (variant.Length < FuzzyMinimumLength || found.Count > 0)
        {
            return;
        }

        var sound = NameNormalizer.SoundKey(variant);
        if (sound.Length == 0)
        {
            return;
        }

        // Entries from last to first, and each entry's names from its canonical name back through its aliases: the
        // order of the earlier posting lists, so that of two names of one entry scoring alike the same one is kept.
        var candidates = Candidates(_sound.Value, sound);
        for (var c = candidates.Count - 1; c >= 0; c--)
        {
            var place = candidates[c];
            foreach (var aliasVariant in FuzzyVariants(_places[place]))
            {
                if (Math.Abs(aliasVariant.Length - variant.Length) > 3 || NameNormalizer.SoundKey(aliasVariant) != sound)
                {
                    continue;
                }

                var similarity = _jaroWinkler.Similarity(variant, aliasVariant);
                if (similarity >= FuzzyThreshold)
                {
                    Offer(place, 0.75 * similarity, MatchTier.Fuzzy, aliasVariant);
                }
            }
        }
    }
}
