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
        // Records first: a country's forces or government may be listed after the country itself.
        distinctAliasesAt = new bool[entities.Entries.Count];
        for (var index = 0; index < entities.Entries.Count; index++)
        {
            var entry = entities.Entries[index];
            var entity = entry.ToEntity();
            entityOf[entry] = entity;
            if (HasCaseDistinctAliases(entity))
            {
                distinctAliases.Add(entity);
                distinctAliasesAt[index] = true;
            }
        }

        for (var index = 0; index < entities.Entries.Count; index++)
        {
            var entry = entities.Entries[index];
            var entity = entityOf[entry];
            var known = new LexiconName(entity, index, entity.Kind);
            foreach (var alias in entry.Aliases.Prepend(entry.Name))
            {
                Aliases.Add(alias, known);
                var words = alias.Split([' ', '-'], 2);
                // "Al-Asad Air Base" is also written "Asad Air Base"; the article is optional.
                if (words.Length == 2 && PhraseTrie<LexiconName>.ArabicArticles.Contains(words[0].ToLowerInvariant()) && words[1].Contains(' ', StringComparison.Ordinal))
                {
                    Aliases.Add(words[1], known);
                }
            }

            if (entry.Kind == EntityKind.Country)
            {
                var records = CountryRecordsOf(entry);
                foreach (var name in entry.Aliases.Prepend(entry.Name))
                {
                    Countries.Add(name, new CountryName(entry, IsDemonym: false, records));
                }

                foreach (var demonym in entry.Demonyms)
                {
                    Countries.Add(demonym, new CountryName(entry, IsDemonym: true, records));
                }
            }
        }
    }

    /// <summary>
    /// What the country patterns name, worked out once per country: its forces and government (the listed entities,
    /// else records named after its demonym) and its ministries. A match so costs no look-up by id, no dictionary
    /// read and no scan of the entries.
    /// </summary>
    private CountryRecords CountryRecordsOf(LexiconEntry country)
    {
        var forces = Entities.ForcesOf(country);
        var government = Entities.GovernmentOf(country);
        return new CountryRecords(
            forces is null ? new EntityRecord($"{DemonymOf(country)} forces", EntityKind.Force, [], Country: country.Name) : EntityOf(forces),
            government is null ? new EntityRecord($"{DemonymOf(country)} government", EntityKind.Government, [], Country: country.Name) : EntityOf(government),
            MinistryOf(country, "defence"),
            MinistryOf(country, "foreign"),
            MinistryOf(country, "interior"));
    }

    /// <summary>The country's ministry of a topic: the first listed that fits, else one named after its demonym.</summary>
    private EntityRecord MinistryOf(LexiconEntry country, string topic)
    {
        var defence = topic == "defence";
        var known = Entities.Entries.FirstOrDefault(e =>
            e.Kind == EntityKind.Government && e.Country == country.Name &&
            e.Name.Contains("Ministry", StringComparison.Ordinal) &&
            (defence
                ? e.Name.Contains("Defen", StringComparison.Ordinal) || e.Name.Contains("Armed Forces", StringComparison.Ordinal)
                : e.Name.Contains(topic, StringComparison.OrdinalIgnoreCase)));
        return known is not null
            ? EntityOf(known)
            : new EntityRecord(
                $"{DemonymOf(country)} Ministry of {(defence ? "Defence" : char.ToUpperInvariant(topic[0]) + topic[1..])}",
                EntityKind.Government,
                [],
                Country: country.Name);
    }

    // Records are immutable, so one per entry serves every mention in every document (and every thread).
    private readonly Dictionary<LexiconEntry, EntityRecord> entityOf = new(ReferenceEqualityComparer.Instance);

    // The lexicon's records whose aliases differ from each other even case aside (almost all): names asks per report.
    private readonly HashSet<EntityRecord> distinctAliases = new(ReferenceEqualityComparer.Instance);

    // The same by entity index (the entry's place in Entities.Entries), read without touching the record.
    private readonly bool[] distinctAliasesAt;

    public EntityLexicon Entities { get; }

    /// <summary>How many entities the lexicon lists: their indexes (<see cref="LexiconName.Index"/>) run from 0 to this less one.</summary>
    public int EntityCount => distinctAliasesAt.Length;

    /// <summary><see cref="HasDistinctAliases(EntityRecord)"/> of the lexicon entity with this index.</summary>
    public bool HasDistinctAliases(int index) => distinctAliasesAt[index];

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

    public PhraseTrie<LexiconName> Aliases { get; } = new();

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

/// <summary>
/// A lexicon entity as an alias match hands it over: its record, its index among the lexicon's entries and its kind.
/// A value, not an object: the trie keeps it beside the phrase's case masks, so a match reads no further object to
/// learn which entity it found and of what kind (each was a likely cache miss), and the names stage keeps what it
/// asks of an entity in arrays by the index.
/// </summary>
public readonly record struct LexiconName(EntityRecord Entity, int Index, EntityKind Kind);

/// <summary>A country's name or demonym as matched, with the records the country patterns make of it.</summary>
public sealed record CountryName(LexiconEntry Country, bool IsDemonym, CountryRecords Records);

/// <summary>A country's forces, government and ministries (defence, foreign affairs, interior), made once per country.</summary>
public sealed record CountryRecords(EntityRecord Forces, EntityRecord Government, EntityRecord DefenceMinistry, EntityRecord ForeignMinistry, EntityRecord InteriorMinistry);
