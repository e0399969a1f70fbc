using Garrison.Domain.Records;

namespace Garrison.Lexicons.Entities;

/// <summary>
/// One named thing Garrison can recognise: a force, group, government, person, place or installation.
/// <see cref="Aliases"/> holds every spelling and transliteration a report may use.
/// </summary>
public sealed record LexiconEntry(string Id, string Name, EntityKind Kind, IReadOnlyList<string> Aliases)
{
    public string? Country { get; init; }

    public string? Admin1 { get; init; }

    public double? Lat { get; init; }

    public double? Lon { get; init; }

    /// <summary>For countries: adjectives and short forms that name the country's people ("Iraqi", "American", "US").</summary>
    public IReadOnlyList<string> Demonyms { get; init; } = [];

    /// <summary>For countries: the id of the entry naming the country's armed forces.</summary>
    public string? Forces { get; init; }

    /// <summary>For countries: the id of the entry naming the country's government.</summary>
    public string? Government { get; init; }

    /// <summary>The data file's <c>source:</c> line, so every match can say where its identity came from.</summary>
    public string? Source { get; init; }

    public EntityRecord ToEntity(IEnumerable<string>? extraAliases = null)
    {
        var aliases = new List<string>(Aliases);
        foreach (var alias in extraAliases ?? [])
        {
            if (!alias.Equals(Name, StringComparison.OrdinalIgnoreCase) && !aliases.Contains(alias, StringComparer.OrdinalIgnoreCase))
            {
                aliases.Add(alias);
            }
        }

        return new EntityRecord(Name, Kind, aliases, Admin1, Country, Lat, Lon) { Ref = "lexicon:" + Id };
    }
}
