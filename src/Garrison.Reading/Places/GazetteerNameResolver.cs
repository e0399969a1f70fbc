using System.Collections.Concurrent;
using Garrison.Domain.Records;
using Garrison.Lexicons.Gazetteer;

namespace Garrison.Reading.Places;

/// <summary>
/// Resolves capitalised names the curated lexicon lacks against the world gazetteer (NamesStage's
/// resolveUnknown hook). It accepts only exact or transliteration-variant matches, refuses names shorter than
/// four letters and common English words (data/lexicon/en/place-stopwords.txt), and among the candidates prefers
/// places in a country the caller hints at, then the larger population.
/// </summary>
public sealed class GazetteerNameResolver(IGazetteer gazetteer, IReadOnlySet<string> stopwords)
{
    public const string StopwordsFile = "lexicon/en/place-stopwords.txt";

    private const int MinimumLetters = 4;

    /// <summary>How many names the answer cache holds; past it, names are looked up afresh (memory stays bounded).</summary>
    private const int CacheCapacity = 20_000;

    // A gazetteer search costs far more than reading the rest of a report, and reports repeat the same
    // capitalised names, so answers without a country hint are kept. Shared by every thread reading.
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
    /// <param name="countries">Countries (names or codes) the document mentions; their places win ties of name.</param>
    public EntityRecord? Resolve(string name, IReadOnlyCollection<string>? countries = null)
    {
        if (countries is not null)
        {
            return Search(name, countries);
        }

        if (answers.TryGetValue(name, out var known))
        {
            return known;
        }

        var answer = Search(name, null);
        if (answers.Count < CacheCapacity)
        {
            answers.TryAdd(name, answer);
        }

        return answer;
    }

    private EntityRecord? Search(string name, IReadOnlyCollection<string>? countries)
    {
        var normalized = NameNormalizer.Normalize(name);
        if (normalized.Count(char.IsLetter) < MinimumLetters || stopwords.Contains(normalized))
        {
            return null;
        }

        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var country in countries ?? [])
        {
            if (gazetteer.Country(country) is { } info)
            {
                codes.Add(info.Iso2);
            }
        }

        // Sure tiers only: a capitalised word in a report is more often not a place than a misspelt one.
        var best = gazetteer.Find(name, limit: 20)
            .Where(m => m.Tier != MatchTier.Fuzzy)
            .OrderBy(m => m.Tier)
            .ThenByDescending(m => codes.Contains(m.Place.Country))
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
