using Garrison.Lexicons.Gazetteer.Build;

namespace Garrison.Lexicons.Gazetteer;

public sealed record ValidationFinding(bool IsError, string File, string Message);

/// <summary>
/// The checks of `garrison data validate`: the curated files (every row sourced, ids that exist, curated
/// names that collide across entries) and the built gazetteer (unique ids, coordinates in range, a name,
/// a kind and a source on every entry).
/// </summary>
public static class GazetteerValidator
{
    public static List<ValidationFinding> ValidateCurated(string dataDirectory, IReadOnlyList<Place>? built)
    {
        var findings = new List<ValidationFinding>();
        var sourcesPath = Path.Combine(dataDirectory, "gazetteer", "sources.yml");
        try
        {
            var sources = GazetteerSources.Load(sourcesPath);
            foreach (var duplicate in sources.Sources.GroupBy(s => s.Key).Where(g => g.Count() > 1))
            {
                findings.Add(new(true, sourcesPath, $"source key '{duplicate.Key}' appears {duplicate.Count()} times"));
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            findings.Add(new(true, sourcesPath, e.Message));
        }

        var aliasesPath = Path.Combine(dataDirectory, "gazetteer", "aliases.yml");
        if (!File.Exists(aliasesPath))
        {
            return findings;
        }

        CuratedAliases curated;
        try
        {
            curated = CuratedAliases.Load(aliasesPath);
        }
        catch (InvalidDataException e)
        {
            findings.Add(new(true, aliasesPath, e.Message));
            return findings;
        }

        foreach (var duplicate in curated.Aliases.GroupBy(a => a.Id).Where(g => g.Count() > 1))
        {
            findings.Add(new(true, aliasesPath, $"id '{duplicate.Key}' has {duplicate.Count()} rows; merge them"));
        }

        var owners = curated.Aliases
            .SelectMany(row => row.Names.Select(n => (Key: NameNormalizer.Normalize(n), row.Id)))
            .GroupBy(x => x.Key)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Id).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var (key, ids) in owners.Where(o => o.Value.Count > 1))
        {
            findings.Add(new(false, aliasesPath, $"name '{key}' is given to several entries: {string.Join(", ", ids.Order())}"));
        }

        if (built is null)
        {
            return findings;
        }

        var byId = built.ToDictionary(p => p.Id, StringComparer.Ordinal);
        foreach (var row in curated.Aliases.Where(r => !byId.ContainsKey(r.Id)))
        {
            findings.Add(new(true, aliasesPath, $"id '{row.Id}' is not in the built gazetteer"));
        }

        // A curated name that also names another entry is listed: ranking will decide between them.
        var curatedKeys = owners.Keys.ToHashSet(StringComparer.Ordinal);
        var others = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var place in built)
        {
            foreach (var alias in place.Aliases)
            {
                if (curatedKeys.Contains(alias) && !owners[alias].Contains(place.Id))
                {
                    (others.TryGetValue(alias, out var list) ? list : others[alias] = []).Add($"{place.Id} ({place.Name}, {place.Country})");
                }
            }
        }

        foreach (var (key, list) in others.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            findings.Add(new(false, aliasesPath,
                $"curated name '{key}' ({string.Join(", ", owners[key].Order())}) also names {string.Join("; ", list.Take(5))}"));
        }

        return findings;
    }

    public static List<ValidationFinding> ValidateBuilt(string file, IReadOnlyList<Place> places)
    {
        var findings = new List<ValidationFinding>();
        foreach (var duplicate in places.GroupBy(p => p.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            findings.Add(new(true, file, $"duplicate id '{duplicate.Key}' ({duplicate.Count()} entries)"));
        }

        foreach (var p in places)
        {
            if (string.IsNullOrWhiteSpace(p.Name))
            {
                findings.Add(new(true, file, $"{p.Id}: no name"));
            }

            if (p.Latitude is < -90 or > 90 || p.Longitude is < -180 or > 180 || double.IsNaN(p.Latitude) || double.IsNaN(p.Longitude))
            {
                findings.Add(new(true, file, $"{p.Id}: coordinates {p.Latitude},{p.Longitude} out of range"));
            }

            if (string.IsNullOrWhiteSpace(p.Source))
            {
                findings.Add(new(true, file, $"{p.Id}: no source"));
            }

            if (p.Population is < 0)
            {
                findings.Add(new(true, file, $"{p.Id}: negative population {p.Population}"));
            }

            if (p.Kind != PlaceKind.Country && p.Kind != PlaceKind.Admin1 && p.Country.Length != 2)
            {
                findings.Add(new(false, file, $"{p.Id} ({p.Name}): country '{p.Country}' is not an ISO 3166-1 alpha-2 code"));
            }
        }

        return findings;
    }

    /// <summary>How many normalized names are shared by more than one entry (normal: there are many Springfields).</summary>
    public static int SharedNameCount(IReadOnlyList<Place> places) =>
        places.SelectMany(p => p.Aliases.Append(NameNormalizer.Normalize(p.Name)).Distinct().Select(a => (a, p.Id)))
            .GroupBy(x => x.a)
            .Count(g => g.Skip(1).Any());
}
