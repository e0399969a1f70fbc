using Garrison.Domain.Records;

namespace Garrison.Lexicons.Entities;

/// <summary>
/// The actors and places Garrison knows by name (data/actors/*.yml, data/places/*.yml), indexed by id and by country.
/// Immutable after loading, so one instance serves every pipeline and thread.
/// </summary>
public sealed class EntityLexicon
{
    private readonly Dictionary<string, LexiconEntry> byId;
    private readonly Dictionary<string, LexiconEntry> countriesByName;

    public EntityLexicon(IEnumerable<LexiconEntry> entries)
    {
        Entries = [.. entries];
        byId = new Dictionary<string, LexiconEntry>(StringComparer.Ordinal);
        countriesByName = new Dictionary<string, LexiconEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in Entries)
        {
            if (!byId.TryAdd(entry.Id, entry))
            {
                throw new InvalidDataException($"lexicon id '{entry.Id}' is used twice");
            }

            if (entry.Kind == EntityKind.Country)
            {
                countriesByName[entry.Name] = entry;
                foreach (var alias in entry.Aliases)
                {
                    countriesByName.TryAdd(alias, entry);
                }
            }
        }
    }

    public IReadOnlyList<LexiconEntry> Entries { get; }

    public LexiconEntry? Find(string id) => byId.GetValueOrDefault(id);

    /// <summary>The country entry for a country's name or alias ("Iraq", "United States").</summary>
    public LexiconEntry? Country(string? name) => name is null ? null : countriesByName.GetValueOrDefault(name);

    /// <summary>The country's armed forces: its <c>forces:</c> entry when the data names one.</summary>
    public LexiconEntry? ForcesOf(LexiconEntry country) => country.Forces is { } id ? Find(id) : null;

    public LexiconEntry? GovernmentOf(LexiconEntry country) => country.Government is { } id ? Find(id) : null;
}
