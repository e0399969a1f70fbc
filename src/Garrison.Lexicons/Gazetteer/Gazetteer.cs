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
    private readonly Lazy<NameIndex> _sound;
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
        _sound = new Lazy<NameIndex>(BuildSoundIndex);
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
        bool Same(string name) => (variant ? NameNormalizer.VariantKey(name) : name) == key;
        return Same(NameNormalizer.Normalize(place.Name)) || place.Aliases.Any(Same);
    }

    private NameIndex BuildSoundIndex()
    {
        var index = new NameIndex();
        for (var i = 0; i < _places.Count; i++)
        {
            foreach (var alias in _places[i].Aliases.Append(NameNormalizer.Normalize(_places[i].Name)))
            {
                var variant = NameNormalizer.VariantKey(alias);
                if (variant.Length >= FuzzyMinimumLength)
                {
                    var sound = NameNormalizer.SoundKey(variant);
                    if (sound.Length > 0)
                    {
                        index.Add(sound, i, variant);
                    }
                }
            }
        }

        return index;
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

        foreach (var (place, aliasVariant) in _sound.Value.Get(sound))
        {
            if (aliasVariant is null || Math.Abs(aliasVariant.Length - variant.Length) > 3)
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

    /// <summary>A key → entries multimap stored as linked postings (one dictionary slot per key, no list per key); the sound-key index.</summary>
    private sealed class NameIndex
    {
        private readonly Dictionary<string, int> _head = new(StringComparer.Ordinal);
        private readonly List<int> _place = [];
        private readonly List<int> _next = [];
        private readonly List<string?> _payload = [];

        public void Add(string key, int place, string? payload)
        {
            ref var head = ref CollectionsMarshal.GetValueRefOrAddDefault(_head, key, out var exists);
            if (!exists)
            {
                head = -1;
            }

            // Aliases of one entry often normalize alike; keep one posting per entry and key.
            for (var p = head; p >= 0; p = _next[p])
            {
                if (_place[p] == place && _payload[p] == payload)
                {
                    return;
                }

                if (_place[p] != place)
                {
                    break;
                }
            }

            _place.Add(place);
            _next.Add(head);
            _payload.Add(payload);
            head = _place.Count - 1;
        }

        public IEnumerable<(int Place, string? Payload)> Get(string key)
        {
            if (!_head.TryGetValue(key, out var p))
            {
                yield break;
            }

            for (; p >= 0; p = _next[p])
            {
                yield return (_place[p], _payload[p]);
            }
        }
    }
}
