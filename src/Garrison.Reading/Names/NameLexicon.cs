using Garrison.Domain.Records;
using Garrison.Lexicons.Entities;

namespace Garrison.Reading.Names;

/// <summary>
/// The entity lexicon compiled for matching: one trie of every name and alias, one of country names and demonyms
/// (for "Somali troops", "Iraq’s armed forces", "Iran-backed militias"). Built once; read-only afterwards.
/// </summary>
public sealed class NameLexicon
{
    public NameLexicon(EntityLexicon entities)
    {
        Entities = entities;
        foreach (var entry in entities.Entries)
        {
            var entity = entry.ToEntity();
            entityOf[entry] = entity;
            if (HasCaseDistinctAliases(entity))
            {
                distinctAliases.Add(entity);
            }

            foreach (var alias in entry.Aliases.Prepend(entry.Name))
            {
                Aliases.Add(alias, entry);
                var words = alias.Split([' ', '-'], 2);
                // "Al-Asad Air Base" is also written "Asad Air Base"; the article is optional.
                if (words.Length == 2 && PhraseTrie<LexiconEntry>.ArabicArticles.Contains(words[0].ToLowerInvariant()) && words[1].Contains(' ', StringComparison.Ordinal))
                {
                    Aliases.Add(words[1], entry);
                }
            }

            if (entry.Kind == EntityKind.Country)
            {
                foreach (var name in entry.Aliases.Prepend(entry.Name))
                {
                    Countries.Add(name, new CountryName(entry, IsDemonym: false));
                }

                foreach (var demonym in entry.Demonyms)
                {
                    Countries.Add(demonym, new CountryName(entry, IsDemonym: true));
                }
            }
        }
    }

    // Records are immutable, so one per entry serves every mention in every document (and every thread).
    private readonly Dictionary<LexiconEntry, EntityRecord> entityOf = new(ReferenceEqualityComparer.Instance);

    // The lexicon's records whose aliases differ from each other even case aside (almost all): names asks per report.
    private readonly HashSet<EntityRecord> distinctAliases = new(ReferenceEqualityComparer.Instance);

    public EntityLexicon Entities { get; }

    /// <summary>True when no two of the entity's aliases are equal case aside (known at once for lexicon records).</summary>
    public bool HasDistinctAliases(EntityRecord entity) => distinctAliases.Contains(entity) || HasCaseDistinctAliases(entity);

    private static bool HasCaseDistinctAliases(EntityRecord entity)
    {
        var aliases = entity.Aliases;
        for (var a = 1; a < aliases.Count; a++)
        {
            for (var b = 0; b < a; b++)
            {
                if (aliases[a].Equals(aliases[b], StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>The entity record of a lexicon entry, made once rather than for each mention.</summary>
    public EntityRecord EntityOf(LexiconEntry entry) => entityOf.TryGetValue(entry, out var entity) ? entity : entry.ToEntity();

    public PhraseTrie<LexiconEntry> Aliases { get; } = new();

    public PhraseTrie<CountryName> Countries { get; } = new();

    /// <summary>The adjective for a country's people ("Iraqi"), used to name forces the data does not list.</summary>
    public static string DemonymOf(LexiconEntry country) => country.Demonyms.Count > 0 ? country.Demonyms[0] : country.Name;

    /// <summary>The country named by a phrase ("US", "Iraqi", "Iran"), if any.</summary>
    public LexiconEntry? CountryOf(string phrase)
    {
        var words = WordScanner.Scan(phrase);
        var (end, values) = Countries.Match(words, 0);
        return end == words.Count && values.Count > 0 ? values[0].Country : null;
    }
}

public sealed record CountryName(LexiconEntry Country, bool IsDemonym);
