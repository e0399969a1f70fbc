using System.Collections.Concurrent;
using Garrison.Domain.Records;
using Garrison.Lexicons.Gazetteer;

namespace Garrison.Reading.Places;

/// <summary>
/// Resolves capitalised names the curated lexicon lacks against the world gazetteer (NamesStage's
/// resolveUnknown hook). It accepts only exact or transliteration-variant matches, refuses names shorter than
/// four letters and common English words (data/lexicon/en/place-stopwords.txt). Places in the countries the document
/// names come first; when none matches, only an exact name of a country or of a city of 100,000 abroad is taken.
/// Among the rest the surer tier wins, then the larger population.
/// </summary>
public sealed class GazetteerNameResolver(IGazetteer gazetteer, IReadOnlySet<string> stopwords)
{
    public const string StopwordsFile = "lexicon/en/place-stopwords.txt";

    private const int MinimumLetters = 4;

    /// <summary>Population above which a town outside the document's countries is still taken (a city the news names).</summary>
    private const int ForeignPopulation = 100_000;

    /// <summary>How many names the answer cache holds; past it, names are looked up afresh (memory stays bounded).</summary>
    private const int CacheCapacity = 20_000;

    // A gazetteer search costs far more than reading the rest of a report, and reports repeat the same
    // capitalised names, so answers are kept, keyed by the name and the document's countries (which change the
    // answer). Shared by every thread reading.
    private readonly ConcurrentDictionary<string, EntityRecord?> answers = new(StringComparer.Ordinal);

    /// <summary>Reads the stoplist (one word or phrase a line, '#' comments); a missing file means no stoplist.</summary>
    public static HashSet<string> LoadStopwords(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, StopwordsFile);
        var words = new HashSet<string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return words;
        }

        foreach (var line in File.ReadLines(path))
        {
            var word = line.Trim();
            if (word.Length > 0 && !word.StartsWith('#'))
            {
                words.Add(NameNormalizer.Normalize(word));
            }
        }

        return words;
    }

    /// <summary>The entity for <paramref name="name"/>, or null when the gazetteer has no sure match.</summary>
    /// <param name="countries">Countries (names or codes) the document mentions; their places win over places abroad.</param>
    public EntityRecord? Resolve(string name, IReadOnlyCollection<string>? countries = null)
    {
        var asked = CodesOf(countries);
        var key = asked.Joined is null ? name : name + "|" + asked.Joined;
        if (answers.TryGetValue(key, out var known))
        {
            return known;
        }

        var answer = Search(name, asked.Codes);
        if (answers.Count < CacheCapacity)
        {
            answers.TryAdd(key, answer);
        }

        return answer;
    }

    /// <summary>The ISO codes of the countries the gazetteer knows, in order.</summary>
    private SortedSet<string> Codes(IReadOnlyCollection<string>? countries)
    {
        var codes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var country in countries ?? [])
        {
            if (gazetteer.Country(country) is { } info)
            {
                codes.Add(info.Iso2);
            }
        }

        return codes;
    }

    /// <summary>
    /// The <see cref="Codes"/> of <paramref name="countries"/> and the same joined by commas for the answers' key (null
    /// when there are none); kept per thread for the last countries asked with. The names stage asks with the same
    /// countries for every unknown name of a report, and each country's code was a normalised gazetteer look-up, a set
    /// and a join at every name. The set is only read (<see cref="Search"/>), so the kept one serves every answer.
    /// </summary>
    private (SortedSet<string> Codes, string? Joined) CodesOf(IReadOnlyCollection<string>? countries)
    {
        var memo = lastCodes ??= new CodesMemo();
        if (!ReferenceEquals(memo.Resolver, this) || !memo.Holds(countries))
        {
            memo.Keep(this, countries, Codes(countries));
        }

        return (memo.Codes, memo.Joined);
    }

    [ThreadStatic]
    private static CodesMemo? lastCodes;

    /// <summary>The countries last asked with on this thread (a copy: the caller's collection may change), their codes and those joined.</summary>
    private sealed class CodesMemo
    {
        private string[] countries = [];

        public GazetteerNameResolver? Resolver { get; private set; }

        public SortedSet<string> Codes { get; private set; } = new(StringComparer.Ordinal);

        public string? Joined { get; private set; }

        public bool Holds(IReadOnlyCollection<string>? asked)
        {
            var count = asked?.Count ?? 0;
            if (count != countries.Length)
            {
                return false;
            }

            var k = 0;
            foreach (var country in asked ?? [])
            {
                if (!string.Equals(country, countries[k++], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        public void Keep(GazetteerNameResolver resolver, IReadOnlyCollection<string>? asked, SortedSet<string> codes)
        {
            countries = asked is null ? [] : [.. asked];
            Resolver = resolver;
            Codes = codes;
            Joined = codes.Count == 0 ? null : string.Join(',', codes);
        }
    }

    private EntityRecord? Search(string name, SortedSet<string> codes)
    {
        var normalized = NameNormalizer.Normalize(name);
        if (normalized.Count(char.IsLetter) < MinimumLetters || stopwords.Contains(normalized))
        {
            return null;
        }

        // Sure tiers only: a capitalised word in a report is more often not a place than a misspelt one.
        var candidates = gazetteer.Find(name, limit: 20).Where(m => m.Tier != MatchTier.Fuzzy).ToList();
        var inDocument = candidates.Where(m => codes.Contains(m.Place.Country)).ToList();
        if (codes.Count > 0 && inDocument.Count == 0)
        {
            // A report about Afghanistan that names "Gelan" or "Nawah" means its own village, which a world list of
            // towns may lack, not the Chinese or Japanese town spelt alike: only a well-known place abroad is taken.
            candidates = [.. candidates.Where(m => m.Tier == MatchTier.Exact
                                                  && (m.Place.Kind == PlaceKind.Country || (m.Place.Kind != PlaceKind.Admin1 && (m.Place.Population ?? 0) >= ForeignPopulation)))];
        }

        var best = (inDocument.Count > 0 ? inDocument : candidates)
            .OrderBy(m => m.Tier)
            .ThenByDescending(m => m.Place.Kind is PlaceKind.Country or PlaceKind.Admin1)
            .ThenByDescending(m => m.Place.Population ?? 0)
            .Select(m => m.Place)
            .FirstOrDefault();
        return best is null ? null : ToEntity(best);
    }

    private EntityRecord ToEntity(Place place)
    {
        var countryName = gazetteer.Country(place.Country)?.Name ?? place.Country;
        var aliases = place.Aliases.Where(a => !string.Equals(a, NameNormalizer.Normalize(place.Name), StringComparison.Ordinal)).Take(8).ToList();
        return new EntityRecord(
            place.Kind == PlaceKind.Country ? countryName : place.Name,
            GazetteerEntities.ToEntityKind(place.Kind),
            aliases,
            place.Kind is PlaceKind.Country or PlaceKind.Admin1 ? null : place.Admin1,
            countryName,
            place.Latitude,
            place.Longitude)
        {
            Ref = place.Id,
        };
    }
}
