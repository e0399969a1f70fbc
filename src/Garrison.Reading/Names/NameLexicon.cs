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
        nameGroupAt = new int[entities.Entries.Count];
        for (var index = 0; index < entities.Entries.Count; index++)
        {
            var entry = entities.Entries[index];
            var entity = entry.ToEntity();
            entityOf[entry] = entity;
            indexOf[entity] = index;
            if (HasCaseDistinctAliases(entity))
            {
                distinctAliases.Add(entity);
                distinctAliasesAt[index] = true;
            }

            // Entities that share a name share a group (the names stage gathers mentions by the entity's name): the
            // index of the first entity of that name, so that most entities' group is their own index and a match
            // hands it over without a read of this array (LexiconName.OwnsNameGroup).
            if (!nameGroupOf.TryGetValue(entity.Name, out var group))
            {
                nameGroupOf[entity.Name] = group = index;
            }

            nameGroupAt[index] = group;
        }

        for (var index = 0; index < entities.Entries.Count; index++)
        {
            var entry = entities.Entries[index];
            var entity = entityOf[entry];
            foreach (var alias in entry.Aliases.Prepend(entry.Name))
            {
                Aliases.Add(alias, NameOf(entity, index, alias));
                var words = alias.Split([' ', '-'], 2);
                // "Al-Asad Air Base" is also written "Asad Air Base"; the article is optional.
                if (words.Length == 2 && PhraseTrie<LexiconName>.ArabicArticles.Contains(words[0].ToLowerInvariant()) && words[1].Contains(' ', StringComparison.Ordinal))
                {
                    Aliases.Add(words[1], NameOf(entity, index, words[1]));
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

        listedPhrases = [.. listedChars];
    }

    /// <summary>
    /// The value an alias of a lexicon entity matches to: with the alias as a listed phrase when the entity's record
    /// lists it (as its name or an alias, case aside), so that a surface equal to the alias is known to be listed
    /// by one comparison.
    /// </summary>
    private LexiconName NameOf(EntityRecord entity, int index, string alias)
    {
        var listed = alias.Equals(entity.Name, StringComparison.OrdinalIgnoreCase)
                     || entity.Aliases.Any(a => a.Equals(alias, StringComparison.OrdinalIgnoreCase));
        // A phrase is its offset in one array of characters, kept in 16 bits; past that (no lexicon comes near: the
        // repository's listed aliases are ~22k characters) an alias simply has none.
        var phrase = listed && listedChars.Count < ushort.MaxValue && alias.Length <= char.MaxValue ? listedChars.Count : LexiconName.NoPhrase;
        if (phrase != LexiconName.NoPhrase)
        {
            listedChars.Add((char)alias.Length);
            listedChars.AddRange(alias);
        }

        return new LexiconName(entity, index, entity.Kind, phrase, OwnsNameGroup(index), phrase != LexiconName.NoPhrase && IsPlainPhrase(alias));
    }

    /// <summary>True when the lexicon entity's name group is its own index (it is the first entity of its name).</summary>
    private bool OwnsNameGroup(int index) => index >= 0 && nameGroupAt[index] == index;

    /// <summary>
    /// True when a phrase is plain: ASCII letters and digits in words one space apart, each a word of its own to the
    /// split. Two plain phrases whose words have the same keys are then equal case aside (a key is its word in lower
    /// case), which lets the names stage know a surface listed without reading the phrase's characters.
    /// </summary>
    internal static bool IsPlainPhrase(ReadOnlySpan<char> phrase)
    {
        var spaces = 0;
        for (var k = 0; k < phrase.Length; k++)
        {
            var c = phrase[k];
            if (c == ' ')
            {
                // Not first, not last, not after another space.
                if (k == 0 || k == phrase.Length - 1 || phrase[k - 1] == ' ')
                {
                    return false;
                }

                spaces++;
            }
            else if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return phrase.Length > 0 && WordScanner.Scan(phrase.ToString()).Count == spaces + 1;
    }

    /// <summary>A lexicon record as a <see cref="LexiconName"/> (with its index), or a record made for a pattern (without).</summary>
    private LexiconName NameOf(EntityRecord entity)
    {
        var index = indexOf.TryGetValue(entity, out var found) ? found : LexiconName.NotInLexicon;
        return new(entity, index, entity.Kind, LexiconName.NoPhrase, OwnsNameGroup(index), listedIsPlain: false);
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
            NameOf(forces is null ? new EntityRecord($"{DemonymOf(country)} forces", EntityKind.Force, [], Country: country.Name) : EntityOf(forces)),
            NameOf(government is null ? new EntityRecord($"{DemonymOf(country)} government", EntityKind.Government, [], Country: country.Name) : EntityOf(government)),
            NameOf(MinistryOf(country, "defence")),
            NameOf(MinistryOf(country, "foreign")),
            NameOf(MinistryOf(country, "interior")));
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

    private readonly Dictionary<EntityRecord, int> indexOf = new(ReferenceEqualityComparer.Instance);

    // The group of each entity's name by index, and of each name: entities that share a name share a group.
    private readonly int[] nameGroupAt;
    private readonly Dictionary<string, int> nameGroupOf = new(StringComparer.Ordinal);

    // The aliases a LexiconName's ListedPhrase points at: at each phrase's offset its length, then its characters. One
    // array, so that the names stage's comparison with the alias matched reads one place (a string per alias in a list
    // was two dependent cache misses, the most sampled loads of the mentions' pass).
    private readonly List<char> listedChars = [];
    private readonly char[] listedPhrases;

    public EntityLexicon Entities { get; }

    /// <summary>How many entities the lexicon lists: their indexes (<see cref="LexiconName.Index"/>) run from 0 to this less one.</summary>
    public int EntityCount => distinctAliasesAt.Length;

    /// <summary><see cref="HasDistinctAliases(EntityRecord)"/> of the lexicon entity with this index.</summary>
    public bool HasDistinctAliases(int index) => distinctAliasesAt[index];

    /// <summary>
    /// The bound of the name groups: a group is the index of the first entity of its name, so groups run from 0 to
    /// <see cref="EntityCount"/> less one (with gaps where an entity shares an earlier one's name).
    /// </summary>
    public int NameGroupCount => nameGroupAt.Length;

    /// <summary>The group of the lexicon entity's name (the same for every entity of that name).</summary>
    public int NameGroupAt(int index) => nameGroupAt[index];

    /// <summary>The group of a name if some lexicon entity has it, else -1.</summary>
    public int NameGroupOf(string name) => nameGroupOf.GetValueOrDefault(name, -1);

    /// <summary>The alias a <see cref="LexiconName.ListedPhrase"/> points at.</summary>
    public ReadOnlySpan<char> ListedPhrase(int phrase) => listedPhrases.AsSpan(phrase + 1, listedPhrases[phrase]);

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
public readonly struct LexiconName
{
    /// <summary>The <see cref="Index"/> of a record the lexicon does not list (one a country pattern made).</summary>
    public const int NotInLexicon = -1;

    /// <summary>The <see cref="ListedPhrase"/> of an alias the record does not list, or of no alias.</summary>
    public const int NoPhrase = -1;

    // Sixteen bytes: the kind in a byte, the flags in a byte and the phrase (plus one) in 16 bits, beside the
    // record and the index.
    private readonly ushort listedPhrase;
    private readonly byte kind;
    private readonly NameFlags flags;

    public LexiconName(EntityRecord entity, int index, EntityKind kind, int listedPhrase)
        : this(entity, index, kind, listedPhrase, ownsNameGroup: false, listedIsPlain: false)
    {
    }

    public LexiconName(EntityRecord entity, int index, EntityKind kind, int listedPhrase, bool ownsNameGroup, bool listedIsPlain)
    {
        Entity = entity;
        Index = index;
        this.kind = checked((byte)kind);
        this.listedPhrase = checked((ushort)(listedPhrase + 1));
        flags = (ownsNameGroup && index >= 0 ? NameFlags.OwnsNameGroup : 0) | (listedIsPlain && listedPhrase >= 0 ? NameFlags.ListedIsPlain : 0);
    }

    /// <summary>What a match tells besides the entity, so that the names stage need not read the lexicon's arrays.</summary>
    [Flags]
    public enum NameFlags : byte
    {
        None = 0,

        /// <summary>The entity's name group (<see cref="NameLexicon.NameGroupAt"/>) is its own <see cref="Index"/>.</summary>
        OwnsNameGroup = 1,

        /// <summary>The <see cref="ListedPhrase"/> is plain (<see cref="NameLexicon.IsPlainPhrase"/>).</summary>
        ListedIsPlain = 2,
    }

    public NameFlags Flags => flags;

    public EntityRecord Entity { get; }

    /// <summary>The entry's place in the lexicon's entries, or <see cref="NotInLexicon"/>.</summary>
    public int Index { get; }

    public EntityKind Kind => (EntityKind)kind;

    /// <summary>
    /// The alias matched (<see cref="NameLexicon.ListedPhrase"/>) when the entity's record lists it, case aside; else
    /// <see cref="NoPhrase"/>.
    /// </summary>
    public int ListedPhrase => listedPhrase - 1;
}

/// <summary>A country's name or demonym as matched, with the records the country patterns make of it.</summary>
/// <remarks>
/// A value, kept in the country trie's arrays: the country pattern reads the first match's country and records and
/// every match's <see cref="IsDemonym"/> at each country word, and as objects each was a cache miss of its own.
/// </remarks>
public readonly record struct CountryName(LexiconEntry Country, bool IsDemonym, CountryRecords Records);

/// <summary>A country's forces, government and ministries (defence, foreign affairs, interior), made once per country.</summary>
/// <remarks>Each as a <see cref="LexiconName"/>, so that a listed entity's match carries its lexicon index as an alias match does.</remarks>
public sealed record CountryRecords(LexiconName Forces, LexiconName Government, LexiconName DefenceMinistry, LexiconName ForeignMinistry, LexiconName InteriorMinistry);
