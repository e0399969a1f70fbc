using System.Runtime.InteropServices;
using Garrison.Domain.Provenance;
using Garrison.Domain.Records;
using Garrison.Lexicons.Entities;
using Garrison.Reading.Documents;
using Garrison.Reading.Pipeline;

namespace Garrison.Reading.Names;

/// <summary>
/// Finds the names of forces, groups, governments, people and places. In order: lexicon aliases (longest match),
/// patterns built on country names ("Somali troops", "Iraq’s armed forces", "Iraqi officials", "Iran-backed
/// militias", "President X"), definite descriptions that point back ("the base", "the country", "the ministry",
/// "5,000 troops"), and a fallback that keeps any other capitalised name as an entity of kind unknown.
/// </summary>
public sealed class NamesStage : IReadingStage
{
    private readonly NameLexicon lexicon;
    private readonly Func<string, IReadOnlyCollection<string>, EntityRecord?>? resolveUnknown;

    /// <param name="lexicon">The compiled entity lexicon.</param>
    /// <param name="resolveUnknown">
    /// Optional look-up (a gazetteer) for capitalised names the lexicon lacks, given the name and the countries the
    /// document already names (most named first), so that a village name resolves in the country the report is about.
    /// </param>
    public NamesStage(NameLexicon lexicon, Func<string, IReadOnlyCollection<string>, EntityRecord?>? resolveUnknown = null)
    {
        this.lexicon = lexicon;
        this.resolveUnknown = resolveUnknown;
        tagsById = WordTags(
            (lexicon.Aliases.FirstKeys, Tag.AliasStart),
            (lexicon.Aliases.FirstKeysNeedingMore, Tag.AliasStartNeedingMore),
            (lexicon.Aliases.SecondKeys, Tag.AliasSecond),
            (lexicon.Countries.FirstKeys, Tag.CountryStart),
            (["pro"], Tag.Pro),
            (Titles.Keys, Tag.Title),
            (Stopwords.Keys, Tag.Stopword),
            (AdministrativeHeads.Keys, Tag.AdministrativeHead),
            (Connectors.Keys, Tag.Connector),
            (ReferenceStarts.Keys, Tag.ReferenceStart),
            (["the", "this", "that", "these", "those"], Tag.Determiner),
            (FacilityNouns.Keys, Tag.FacilityNoun),
            (FacilityPlurals.Keys, Tag.FacilityPlural),
            (GroupPlurals.Keys, Tag.GroupPlural),
            (GroupSingulars.Keys, Tag.GroupSingular),
            (BareForces.Keys, Tag.BareForce),
            (["country", "coalition", "alliance", "ministry"], Tag.ReferenceNoun),
            (["country", "coalition", "ministry"], Tag.ModifiedNoun),
            (["ministry"], Tag.Ministry),
            (ForceHeads.Keys, Tag.ForceHead),
            (ForceModifiers.Keys, Tag.ForceModifier),
            (GovernmentHeads.Keys, Tag.GovernmentHead),
            (GovernmentModifiers.Keys, Tag.GovernmentModifier),
            (MinistryTopics.Keys, Tag.MinistryTopic),
            (BackedVerbs.Keys, Tag.BackedVerb),
            (GroupHeads.Keys, Tag.GroupHead),
            (IntoCountry.Keys, Tag.IntoCountry));
        facilityNouns = [.. FacilityNouns.Keys];
        nameMarksAt = NameMarks(lexicon, facilityNouns);
        keyIds = new KeyIds(
            WordVocabulary.Register("us"), WordVocabulary.Register("uk"), WordVocabulary.Register("members"), WordVocabulary.Register("service"),
            WordVocabulary.Register("ministry"), WordVocabulary.Register("of"), WordVocabulary.Register("the"), WordVocabulary.Register("from"),
            WordVocabulary.Register("leader"), WordVocabulary.Register("chief"));
    }

    /// <summary>
    /// The vocabulary ids of the single words the patterns test a word's key against. A word's key is that word
    /// exactly when its id is the key's (a word without an id has a key no lexicon or rule registered), and the id is
    /// in the word already, where <see cref="Word.Key"/> reads the vocabulary's key array and the string (likely cache
    /// misses) at each country name, force word and reference.
    /// </summary>
    private readonly KeyIds keyIds;

    private readonly record struct KeyIds(int Us, int Uk, int Members, int Service, int Ministry, int Of, int The, int From, int Leader, int Chief);

    /// <summary>The facility nouns in a fixed order: noun k is bit k of <see cref="nameMarksAt"/>.</summary>
    private readonly string[] facilityNouns;

    /// <summary>
    /// What the references ask of each lexicon entity's name, by lexicon index: bit k when it holds facility noun k
    /// (case aside: "the base" after "Al-Asad Air Base"), <see cref="HoldsMinistry"/> when it holds "Ministry". The
    /// references read the names of earlier facilities and governments at every "the base" and "the ministry", each
    /// record and its name a likely cache miss, for an answer fixed per entity.
    /// </summary>
    private readonly uint[] nameMarksAt;

    private const uint HoldsMinistry = 1u << 31;

    private static uint[] NameMarks(NameLexicon lexicon, string[] nouns)
    {
        var marks = new uint[lexicon.EntityCount];
        for (var index = 0; index < marks.Length; index++)
        {
            var name = lexicon.EntityOf(lexicon.Entities.Entries[index]).Name;
            for (var k = 0; k < nouns.Length; k++)
            {
                marks[index] |= name.Contains(nouns[k], StringComparison.OrdinalIgnoreCase) ? 1u << k : 0;
            }

            marks[index] |= name.Contains("Ministry", StringComparison.Ordinal) ? HoldsMinistry : 0;
        }

        return marks;
    }

    /// <summary>The facility noun's bit in <see cref="nameMarksAt"/> (0 for a key that is none).</summary>
    internal uint FacilityNounBit(string noun)
    {
        var k = Array.IndexOf(facilityNouns, noun);
        return k >= 0 ? 1u << k : 0;
    }

    /// <summary>
    /// True when the name of an entity holds the facility noun, case aside: from the marks for a lexicon entity
    /// (<paramref name="lexiconIndex"/> not negative), else from its name.
    /// </summary>
    internal bool NameHoldsFacilityNoun(EntityRecord entity, int lexiconIndex, uint nounBit, string noun) =>
        lexiconIndex >= 0 && nounBit != 0
            ? (nameMarksAt[lexiconIndex] & nounBit) != 0
            : entity.Name.Contains(noun, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the name of the found name's entity holds "Ministry" (from the marks when it is a lexicon entity).</summary>
    internal bool NameHoldsMinistry(EntityRecord entity, int lexiconIndex) =>
        lexiconIndex >= 0 ? (nameMarksAt[lexiconIndex] & HoldsMinistry) != 0 : entity.Name.Contains("Ministry", StringComparison.Ordinal);

    /// <summary>
    /// Which of the stage's word sets (and start keys) each vocabulary id is in, one bit a set. The stage tests most
    /// words of a report against several sets, after the date and quantity stages have filled the cache: one element
    /// of one small array answers them all, where a <see cref="WordSet"/> each was an array (and a likely miss) of its
    /// own. The <see cref="WordSet"/>s stay the lists' definitions.
    /// </summary>
    private readonly Tag[] tagsById;

    [Flags]
    internal enum Tag : uint
    {
        None = 0,

        /// <summary>First key of a lexicon name or alias.</summary>
        AliasStart = 1 << 0,

        /// <summary>First key of a country's name or demonym.</summary>
        CountryStart = 1 << 1,
        Pro = 1 << 2,
        Title = 1 << 3,
        Stopword = 1 << 4,
        AdministrativeHead = 1 << 5,
        Connector = 1 << 6,
        ReferenceStart = 1 << 7,
        Determiner = 1 << 8,
        FacilityNoun = 1 << 9,
        FacilityPlural = 1 << 10,
        GroupPlural = 1 << 11,
        GroupSingular = 1 << 12,
        BareForce = 1 << 13,

        /// <summary>The nouns a determiner refers back with besides the sets' ("the country", "the coalition", "the ministry").</summary>
        ReferenceNoun = 1 << 14,

        /// <summary>The nouns that let an unknown modifier stand between the determiner and them ("the shared base").</summary>
        ModifiedNoun = 1 << 15,
        Ministry = 1 << 16,
        ForceHead = 1 << 17,
        ForceModifier = 1 << 18,
        GovernmentHead = 1 << 19,
        GovernmentModifier = 1 << 20,
        MinistryTopic = 1 << 21,
        BackedVerb = 1 << 22,
        GroupHead = 1 << 23,
        IntoCountry = 1 << 24,

        /// <summary>First key of lexicon names only of several words ("the", "al"): no name is that word alone.</summary>
        AliasStartNeedingMore = 1 << 25,

        /// <summary>Second key of a lexicon name or alias.</summary>
        AliasSecond = 1 << 26,

        /// <summary>Any key a lexicon name or a pattern (country, "pro-", title) can start with: most words start none.</summary>
        Start = AliasStart | CountryStart | Pro | Title,

        /// <summary>Every noun after a determiner that points back to something: any other points to nothing.</summary>
        PointsBack = ReferenceNoun | FacilityNoun | FacilityPlural | GroupPlural | GroupSingular | BareForce,
    }

    private static Tag[] WordTags(params (IEnumerable<string> Keys, Tag Tag)[] sets)
    {
        var byId = new Dictionary<int, Tag>();
        foreach (var (keys, tag) in sets)
        {
            foreach (var key in keys)
            {
                var id = WordVocabulary.Register(key);
                byId[id] = byId.GetValueOrDefault(id) | tag;
            }
        }

        var tags = new Tag[byId.Count == 0 ? 0 : byId.Keys.Max() + 1];
        foreach (var (id, tag) in byId)
        {
            tags[id] = tag;
        }

        return tags;
    }

    /// <summary>
    /// When set, the unknown-name and reference passes walk every word of the body, as they did before session 12,
    /// instead of the candidates the lexicon pass noted (for tests that compare the two).
    /// </summary>
    internal bool WalksEveryWord { get; init; }

    /// <summary>The sets the word's key is in, one bit each (none for a word without an id).</summary>
    private Tag TagOf(in Word word) => (uint)word.Id < (uint)tagsById.Length ? tagsById[word.Id] : Tag.None;

    /// <summary>True when the word's key is in one of the sets <paramref name="tag"/> names (a word without an id is in none).</summary>
    internal bool Is(in Word word, Tag tag) => (uint)word.Id < (uint)tagsById.Length && (tagsById[word.Id] & tag) != 0;

    public void Process(ReadingDocument document, CancellationToken cancellationToken = default)
    {
        var words = document.BodyWords;
        var scratch = Scratch.OfThread;
        var covered = scratch.Covered(words.Count);
        var sentenceStarts = new SentenceOpenings(document, words);
        var (capitalised, referenceStarts) = scratch.Candidates();
        // The passes read the words as a span: through the list every read was checked against its count and copied
        // the 24-byte word before a flag or tag was tested (the list is not changed while the stage runs).
        var span = CollectionsMarshal.AsSpan(words);
        var found = FindKnownNames(document.Body, span, covered, scratch, capitalised, referenceStarts, cancellationToken);
        var known = found.Count;
        FindUnknownNames(span, covered, sentenceStarts, found, document.Body, capitalised);
        SortByStart(found, known);
        var direct = found.Count;
        ResolveReferences(document, span, covered, found, referenceStarts, scratch);
        SortByStart(found, direct);
        AddMentions(document, found, scratch);
        scratch.Release(found);
    }

    /// <summary>
    /// What one document's pass uses and drops, kept per thread for the next document: the covered flags, the found
    /// names and the mentions' name table were about a third of the stage's allocation, made again for every report.
    /// Each is handed out cleared; what grew past a bound is dropped rather than kept.
    /// </summary>
    private sealed class Scratch
    {
        /// <summary>Buffers larger than this (a very long document) are not kept for the next one.</summary>
        private const int KeptLength = 1 << 14;

        [ThreadStatic]
        private static Scratch? ofThread;

        private bool[] covered = [];
        private List<Found>? found;
        private NamedEntity[] entries = [];
        private int[] entryOf = [];
        private int[] entryOfGroup = [];
        private readonly List<int> capitalised = [];
        private readonly List<int> referenceStarts = [];
        private readonly List<int> notedGroups = [];
        private readonly List<Found> resolved = [];
        private readonly List<Found> targets = [];
        private readonly List<Found> earlier = [];
        private readonly List<int> earlierOrder = [];
        private readonly List<(Found, int)> earlierAdded = [];
        private readonly List<Found> secondRun = [];

        public static Scratch OfThread => ofThread ??= new Scratch();

        /// <summary>The sentence index the references ask (see <see cref="SentenceIndex"/>).</summary>
        public SentenceIndex Sentences { get; } = new();

        /// <summary>The mentions' table of names (empty; the stage is not re-entered on a thread, so one serves).</summary>
        public Dictionary<string, int> ByName { get; } = new(StringComparer.Ordinal);

        /// <summary>One flag per word, all false.</summary>
        public bool[] Covered(int words)
        {
            if (covered.Length < words)
            {
                return covered = new bool[Math.Max(words, 2 * covered.Length)];
            }

            Array.Clear(covered, 0, words);
            return covered;
        }

        /// <summary>Empty lists for the words the lexicon pass notes for the later passes (capitalised words, reference starts).</summary>
        public (List<int> Capitalised, List<int> ReferenceStarts) Candidates()
        {
            capitalised.Clear();
            referenceStarts.Clear();
            return (capitalised, referenceStarts);
        }

        /// <summary>Empty lists for the references resolved and for one reference's antecedents.</summary>
        public (List<Found> Resolved, List<Found> Targets) References()
        {
            resolved.Clear();
            targets.Clear();
            return (resolved, targets);
        }

        /// <summary>Empty lists for <see cref="EarlierNames"/>: the names by start, their orders, the references waiting to qualify.</summary>
        public (List<Found> Sorted, List<int> Orders, List<(Found, int)> Added) Earlier()
        {
            earlier.Clear();
            earlierOrder.Clear();
            earlierAdded.Clear();
            return (earlier, earlierOrder, earlierAdded);
        }

        /// <summary>The names of <paramref name="found"/> from <paramref name="start"/> on, copied into the thread's list for <see cref="SortByStart"/>.</summary>
        public List<Found> SecondRun(List<Found> found, int start)
        {
            secondRun.Clear();
            secondRun.AddRange(CollectionsMarshal.AsSpan(found)[start..]);
            return secondRun;
        }

        /// <summary>An empty list for the names found (emptied here too: a document that failed midway did not give it back).</summary>
        public List<Found> Found()
        {
            var list = found ?? [];
            list.Clear();
            return list;
        }

        /// <summary>An entry per name (all default) and a slot per mention, for <see cref="AddMentions"/>.</summary>
        public (NamedEntity[] Entries, int[] EntryOf) Mentions(int count)
        {
            if (entries.Length < count)
            {
                entries = new NamedEntity[Math.Max(count, 2 * entries.Length)];
                entryOf = new int[entries.Length];
            }
            else
            {
                Array.Clear(entries, 0, count);
            }

            return (entries, entryOf);
        }

        /// <summary>
        /// The mentions' entry of each lexicon name group, plus one (all zero: none yet); only the noted elements
        /// are cleared afterwards, as a document names few of the lexicon's entities.
        /// </summary>
        public int[] EntryOfGroup(int groups)
        {
            ClearNotedGroups();
            if (entryOfGroup.Length < groups)
            {
                entryOfGroup = new int[groups];
            }

            return entryOfGroup;
        }

        /// <summary>Notes that the group's element of <see cref="EntryOfGroup"/> was set, to be cleared after the document.</summary>
        public void NoteGroup(int group) => notedGroups.Add(group);

        private void ClearNotedGroups()
        {
            foreach (var group in notedGroups)
            {
                entryOfGroup[group] = 0;
            }

            notedGroups.Clear();
        }

        /// <summary>Takes the found list back after a document and drops what refers to it (its names, their entities).</summary>
        public void Release(List<Found> used)
        {
            ClearNotedGroups();
            Sentences.Release();
            Array.Clear(entries, 0, Math.Min(used.Count, entries.Length));
            used.Clear();
            found = used.Capacity <= KeptLength ? used : null;
            if (covered.Length > KeptLength)
            {
                covered = [];
            }

            if (entries.Length > KeptLength)
            {
                (entries, entryOf) = ([], []);
            }

            foreach (var candidates in (ReadOnlySpan<List<int>>)[capitalised, referenceStarts, earlierOrder])
            {
                candidates.Clear();
                if (candidates.Capacity > KeptLength)
                {
                    candidates.Capacity = 0;
                }
            }

            // The names the references kept (their records too) are dropped with the document.
            foreach (var names in (ReadOnlySpan<List<Found>>)[resolved, targets, earlier, secondRun])
            {
                names.Clear();
                if (names.Capacity > KeptLength)
                {
                    names.Capacity = 0;
                }
            }

            earlierAdded.Clear();

            // Clear costs the table's capacity, so a table grown by a very long document is not kept.
            if (ByName.Count > KeptLength)
            {
                ByName.Clear();
                ByName.TrimExcess();
            }
            else
            {
                ByName.Clear();
            }
        }
    }

    /// <summary>
    /// Orders the names by start, given that they were found in two runs (lexicon then unknown names; direct names
    /// then references), each left to right: the runs are merged when no two names share a start, which is then the
    /// one order a sort by start can give; otherwise (references to several entities share a span) they are sorted
    /// as before, so that equal starts keep the order that sort gives them.
    /// </summary>
    private static void SortByStart(List<Found> found, int secondRun)
    {
        if (!MergesWithoutTies(found, secondRun))
        {
            found.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
            return;
        }

        if (secondRun == found.Count || secondRun == 0 || found[secondRun - 1].Span.Start < found[secondRun].Span.Start)
        {
            return;
        }

        // Merged from the back, with the second run copied aside (it is the shorter: unknown names, references) into
        // the thread's list rather than a new one per document.
        var second = Scratch.OfThread.SecondRun(found, secondRun);
        var a = secondRun - 1;
        var b = second.Count - 1;
        for (var to = found.Count - 1; b >= 0; to--)
        {
            found[to] = a >= 0 && found[a].Span.Start > second[b].Span.Start ? found[a--] : second[b--];
        }
    }

    /// <summary>True when both runs rise strictly by start and no name of one starts where a name of the other does.</summary>
    private static bool MergesWithoutTies(List<Found> found, int secondRun)
    {
        for (var k = 1; k < found.Count; k++)
        {
            if (k != secondRun && found[k - 1].Span.Start >= found[k].Span.Start)
            {
                return false;
            }
        }

        var a = 0;
        var b = secondRun;
        while (a < secondRun && b < found.Count)
        {
            var (first, other) = (found[a].Span.Start, found[b].Span.Start);
            if (first == other)
            {
                return false;
            }

            if (first < other)
            {
                a++;
            }
            else
            {
                b++;
            }
        }

        return true;
    }

    /// <summary>The <see cref="Found.LexiconIndex"/> of a name whose record is not a lexicon entity's.</summary>
    private const int NotInLexicon = LexiconName.NotInLexicon;

    /// <summary>Lexicon names and the patterns on countries and titles, longest first, left to right.</summary>
    /// <remarks>
    /// The walk also notes the words the later passes start from: capitalised words (unknown names) and words a
    /// reference starts with. Each later pass walked every word of the body again (a word and its tag each a
    /// likely cache miss by then); the words this walk skips lie inside a name it found, which both passes skip.
    /// </remarks>
    private List<Found> FindKnownNames(string body, ReadOnlySpan<Word> words, bool[] covered, Scratch scratch, List<int> capitalised, List<int> referenceStarts, CancellationToken cancellationToken)
    {
        var found = scratch.Found();
        for (var i = 0; i < words.Length;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ref readonly var word = ref words[i];
            var tag = TagOf(word);
            if (word.IsCapitalised)
            {
                capitalised.Add(i);
            }

            if ((tag & Tag.ReferenceStart) != 0)
            {
                referenceStarts.Add(i);
            }

            if ((tag & Tag.Start) == 0 || Longest(body, words, i, tag) is not { } best)
            {
                i++;
                continue;
            }

            found.Add(best);
            for (var k = best.FirstWord; k < best.EndWord; k++)
            {
                covered[k] = true;
            }

            i = Math.Max(best.EndWord, i + 1);
        }

        return found;
    }

    /// <summary>The mentions, each with its entity record (one per entity, listing the surface forms the text used).</summary>
    private void AddMentions(ReadingDocument document, List<Found> found, Scratch scratch)
    {
        // Entities collect every surface form seen, so the record lists the aliases the text actually used. One entry
        // per name holds what the three passes need; the first pass notes each mention's entry, so a direct mention
        // hashes its name once in all (a reference looks up the name it points to, as it may be named only later).
        var byName = scratch.ByName;
        byName.Clear();
        var (entries, entryOf) = scratch.Mentions(found.Count);
        var groups = new EntryGroups(lexicon, byName, scratch.EntryOfGroup(lexicon.NameGroupCount), scratch);
        var names = CollectionsMarshal.AsSpan(found);
        for (var m = 0; m < names.Length; m++)
        {
            ref readonly var f = ref names[m];
            // Most lexicon entities are the first of their name, whose group is their own index (the match said so).
            var at = f.LexiconIndex >= 0
                ? groups.OfGroup((f.Flags & LexiconName.NameFlags.OwnsNameGroup) != 0 ? f.LexiconIndex : lexicon.NameGroupAt(f.LexiconIndex))
                : groups.OfName(f.Base.Name);
            entryOf[m] = at;
            ref var entry = ref entries[at];
            if (f.Antecedent is not null)
            {
                // A reference may point at an entity no direct mention named ("the country" after "Iraq’s government").
                entry.Referred ??= f.Base;
                continue;
            }

            if (entry.First is null)
            {
                entry.First = f.Base;
                entry.FirstIndex = f.LexiconIndex;
            }

            var surface = document.Body.AsSpan(f.Span.Start, f.Span.Length);
            // A name is mostly repeated as written: the same surface as the last one checked is listed by now (the
            // forms listed only grow), which spares comparing it with every alias again.
            if (entry.LastSurface.Length > 0 && surface.SequenceEqual(document.Body.AsSpan(entry.LastSurface.Start, entry.LastSurface.Length)))
            {
                continue;
            }

            entry.LastSurface = f.Span;
            // The alias the lexicon matched is known: when the entity lists it and the surface is it (case aside),
            // the surface is listed without reading the record's name and aliases. Only for the entity whose record
            // the entry keeps (another of the same name may list other forms).
            // When the alias and the surface are both plain (NameLexicon.IsPlainPhrase), the match's equal keys make
            // them equal case aside, and the alias's characters (a likely cache miss) are not read.
            var matchedListed = f.ListedPhrase >= 0 && f.LexiconIndex == entry.FirstIndex
                                && (((f.Flags & LexiconName.NameFlags.ListedIsPlain) != 0 && IsPlainSurface(surface, f.EndWord - f.FirstWord))
                                    || surface.Equals(lexicon.ListedPhrase(f.ListedPhrase), StringComparison.OrdinalIgnoreCase));
            if (!matchedListed && !IsListed(entry.First, entry.Unlisted, surface))
            {
                (entry.Unlisted ??= []).Add(surface.ToString());
            }
        }

        for (var e = 0; e < groups.Count; e++)
        {
            ref var entry = ref entries[e];
            entry.Record = entry.First is null ? entry.Referred : WithAliases(entry.First, entry.FirstIndex, entry.Unlisted);
        }

        document.Names.EnsureCapacity(document.Names.Count + found.Count);
        for (var m = 0; m < names.Length; m++)
        {
            ref readonly var f = ref names[m];
            // A reference's antecedent is (by how references are made) its entity's own name, whose entry the first
            // pass noted; any other is looked up by name as it may be named only later.
            var at = f.Antecedent is null || ReferenceEquals(f.Antecedent, f.Base.Name) ? entryOf[m] : groups.Find(f.Antecedent);
            if (at >= 0 && entries[at].Record is { } entity)
            {
                document.Names.Add(new NameMention(f.Span, entity) { Anaphoric = f.Antecedent is not null });
            }
        }
    }

    /// <summary>
    /// The entries of one document's mentions, one per entity name (names are grouped by the entity's name, as
    /// different records may share one). A lexicon entity's entry is found by its name's group, an index the lexicon
    /// gives each distinct name, so its name is neither read nor hashed (reading the record and the name string were
    /// likely cache misses at each mention); any other name is looked up among the lexicon's names first, so that a
    /// record a pattern or the gazetteer made joins a lexicon entity of the same name as it did when all were keyed
    /// by name, and else among the document's other names.
    /// </summary>
    private ref struct EntryGroups(NameLexicon lexicon, Dictionary<string, int> byName, int[] entryOfGroup, Scratch scratch)
    {
        /// <summary>How many entries were handed out (numbered from 0 in order of first use).</summary>
        public int Count { get; private set; }

        public int OfGroup(int group)
        {
            // Stored plus one, so the cleared array's zeros mean "no entry yet".
            ref var noted = ref entryOfGroup[group];
            if (noted == 0)
            {
                noted = ++Count;
                scratch.NoteGroup(group);
            }

            return noted - 1;
        }

        public int OfName(string name)
        {
            var group = lexicon.NameGroupOf(name);
            if (group >= 0)
            {
                return OfGroup(group);
            }

            ref var at = ref CollectionsMarshal.GetValueRefOrAddDefault(byName, name, out var exists);
            if (!exists)
            {
                at = Count++;
            }

            return at;
        }

        /// <summary>The entry of a name already given one, or -1.</summary>
        public readonly int Find(string name)
        {
            var group = lexicon.NameGroupOf(name);
            return group >= 0 ? entryOfGroup[group] - 1 : byName.GetValueOrDefault(name, -1);
        }
    }

    /// <summary>What the mentions of one entity name gather: the first direct mention's entity, the surface forms it does not list, a referred-to entity, and the record made of them.</summary>
    private struct NamedEntity
    {
        public EntityRecord? First;

        /// <summary>The lexicon index of <see cref="First"/>, or <see cref="NotInLexicon"/>.</summary>
        public int FirstIndex;
        public List<string>? Unlisted;
        public EntityRecord? Referred;
        public EntityRecord? Record;

        /// <summary>The span of the last direct mention's surface checked (listed or added since).</summary>
        public TextSpan LastSurface;
    }

    /// <summary>
    /// True when the surface of a name of <paramref name="words"/> words is plain as <see cref="NameLexicon.IsPlainPhrase"/>
    /// means it: ASCII letters and digits, one space between each two of its words (so each word is its key's
    /// letters, and the words fill the surface). A name whose first word is not its surface's (a title before a
    /// person) has more words than its surface's spaces allow, and is not plain.
    /// </summary>
    internal static bool IsPlainSurface(ReadOnlySpan<char> surface, int words)
    {
        var spaces = 0;
        for (var k = 0; k < surface.Length; k++)
        {
            var c = surface[k];
            if (c == ' ')
            {
                if (k == 0 || k == surface.Length - 1 || surface[k - 1] == ' ')
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

        return surface.Length > 0 && spaces == words - 1;
    }

    /// <summary>True when a surface form is already the entity's name or one of its aliases (case aside).</summary>
    private static bool IsListed(EntityRecord entity, List<string>? unlisted, ReadOnlySpan<char> surface)
    {
        if (surface.Equals(entity.Name, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var alias in entity.Aliases)
        {
            if (surface.Equals(alias, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        if (unlisted is not null)
        {
            foreach (var other in unlisted)
            {
                if (surface.Equals(other, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The entity with its aliases (each once, case aside) followed by the unlisted surface forms. Most mentions use
    /// listed forms, and then the entity is returned as it is rather than copied with an equal list.
    /// </summary>
    private EntityRecord WithAliases(EntityRecord entity, int lexiconIndex, List<string>? unlisted)
    {
        // A lexicon entity's answer is read by its index, without touching the record (a likely cache miss).
        var distinct = lexiconIndex >= 0 ? lexicon.HasDistinctAliases(lexiconIndex) : lexicon.HasDistinctAliases(entity);
        if (distinct && unlisted is null)
        {
            return entity;
        }

        var aliases = entity.Aliases;

        var merged = new List<string>(aliases.Count + (unlisted?.Count ?? 0));
        foreach (var alias in aliases)
        {
            // A loop rather than List.Exists with a lambda: the lambda captured the alias, a closure and a delegate
            // allocated for every alias of every record built here.
            var seen = false;
            foreach (var kept in merged)
            {
                if (kept.Equals(alias, StringComparison.OrdinalIgnoreCase))
                {
                    seen = true;
                    break;
                }
            }

            if (!seen)
            {
                merged.Add(alias);
            }
        }

        merged.AddRange(unlisted ?? []);
        return entity with { Aliases = merged };
    }

    /// <summary>The longest name at word <paramref name="i"/>, whose tag the walk read (<paramref name="tag"/>).</summary>
    private Found? Longest(string body, ReadOnlySpan<Word> words, int i, Tag tag)
    {
        // Each matcher is asked only where its first word may stand: a word no alias starts finds the trie's empty
        // node, a country pattern needs a country or "pro", a person a title, so the answers are the same.
        Found? best = null;
        // A word that is no name alone starts one only when the next word is some name's second word: most "the"s
        // and "at"s are followed by none, and the trie's nodes (likely cache misses) are then not read at all.
        if ((tag & Tag.AliasStart) != 0
            && ((tag & Tag.AliasStartNeedingMore) == 0 || (i + 1 < words.Length && Is(words[i + 1], Tag.AliasSecond))))
        {
            var end = lexicon.Aliases.MatchFirst(words, i, out var name);
            if (end > i)
            {
                best = FromEntry(words, i, end, name);
            }
        }

        if ((tag & (Tag.CountryStart | Tag.Pro)) != 0)
        {
            best = Longer(best, CountryPattern(words, i));
        }

        return (tag & Tag.Title) != 0 ? Longer(best, PersonPattern(body, words, i)) : best;
    }

    /// <summary>
    /// The end of the country name or demonym at word <paramref name="i"/>, or -1: the trie is walked only from a word a
    /// country name starts with (from any other it finds nothing).
    /// </summary>
    private int CountryEnd(ReadOnlySpan<Word> words, int i) => Is(words[i], Tag.CountryStart) ? lexicon.Countries.MatchValues(words, i).End : -1;

    /// <summary>The candidate that reaches further; on a tie, the one found first.</summary>
    private static Found? Longer(Found? best, Found? candidate) =>
        candidate is { } found && (best is not { } sofar || found.EndWord > sofar.EndWord) ? candidate : best;

    private static Found FromEntry(ReadOnlySpan<Word> words, int first, int end, in LexiconName name) =>
        new(Span(words, first, end), first, end, name);

    // ---- patterns on country names: forces, governments, ministries, backed groups -------------------------

    internal static readonly WordSet ForceHeads = new(
"forces", "force", "troops", "soldiers", "army", "military", "personnel", "advisers", "advisors", "marines",
        "navy", "paratroopers", "commandos", "contingent", "garrison", "police", "servicemen", "servicemembers",
        "peacekeepers", "units", "battalion", "brigade", "sailors", "airmen", "warplanes", "jets", "aircraft", "warships"
    );

    internal static readonly WordSet ForceModifiers = new(
"security", "armed", "military", "special", "ground", "naval", "air", "regular", "national", "elite", "federal",
        "government", "regime", "coalition", "combat", "service", "members", "defence", "defense", "border", "coast",
        "guard", "operations", "fighter", "drone"
    );

    internal static readonly WordSet GovernmentHeads = new(
"government", "officials", "authorities", "administration", "leadership", "junta", "cabinet", "presidency"
    );

    internal static readonly WordSet GovernmentModifiers = new(
"central", "federal", "transitional", "interim", "military", "government", "defence", "defense", "security",
        "senior", "local", "regional"
    );

    internal static readonly WordSet MinistryTopics = new(
"defense", "defence", "foreign", "interior", "war"
    );

    internal static readonly WordSet BackedVerbs = new(
"backed", "aligned", "allied", "supported", "sponsored", "linked", "affiliated", "funded", "armed", "trained"
    );

    internal static readonly WordSet GroupHeads = new(
"militias", "militia", "groups", "group", "militants", "rebels", "fighters", "proxies", "factions",
        "separatists", "insurgents", "movement", "movements", "organization", "organisation"
    );

    private Found? CountryPattern(ReadOnlySpan<Word> words, int i)
    {
        var start = i;
        var pro = Is(words[i], Tag.Pro) && words[i].HyphenAfter;
        if (pro)
        {
            i++;
        }

        if (i >= words.Length || !Is(words[i], Tag.CountryStart))
        {
            return null;
        }

        var (end, names) = lexicon.Countries.MatchValues(words, i);
        if (end < 0 || names.Length == 0)
        {
            return null;
        }

        var country = names[0].Country;
        var records = names[0].Records;
        ref readonly var last = ref words[end - 1];
        var byName = true;
        foreach (var n in names)
        {
            byName &= !n.IsDemonym;
        }


        // "Iran-backed militias", "pro-Iran militias", "Iranian-backed groups"
        if (pro || (last.HyphenAfter && end < words.Length && Is(words[end], Tag.BackedVerb)))
        {
            var k = pro ? end : end + 1;
            while (k < words.Length && k < end + 5 && !Is(words[k], Tag.GroupHead) && (words[k].Key is "shiite" or "shia" or "sunni" or "armed" or "local" or "proxy" or "paramilitary" or "militia" or "tribal"))
            {
                k++;
            }

            if (k < words.Length && Is(words[k], Tag.GroupHead))
            {
                // "militia groups" reads on: the head is the last group noun.
                while (k + 1 < words.Length && Is(words[k + 1], Tag.GroupHead))
                {
                    k++;
                }

                var head = words[k].Key switch
                {
                    "rebels" or "separatists" or "insurgents" => words[k].Key,
                    _ => "militias",
                };
                var name = $"{country.Name}-backed {head}";
                return new Found(Span(words, start, k + 1), start, k + 1, new EntityRecord(name, EntityKind.ArmedGroup, []) { Ref = "pattern:backed-by:" + country.Name });
            }

            return null;
        }

        // A country's name needs a possessive to start a noun phrase ("Iraq’s armed forces"); a demonym does not.
        if (byName && !last.Possessive && !(last.Id == keyIds.Us || last.Id == keyIds.Uk))
        {
            return null;
        }

        var j = end;
        var headEnd = -1;
        while (j < words.Length && j < end + 4 && (Is(words[j], Tag.ForceModifier) || Is(words[j], Tag.ForceHead)))
        {
            if (Is(words[j], Tag.ForceHead) || (words[j].Id == keyIds.Members && j > end && words[j - 1].Id == keyIds.Service))
            {
                headEnd = j + 1;
            }

            if (words[j].Possessive)
            {
                break;
            }

            j++;
        }

        if (headEnd > 0)
        {
            return new Found(Span(words, start, headEnd), start, headEnd, records.Forces);
        }

        j = end;
        while (j < words.Length && j < end + 3 && Is(words[j], Tag.GovernmentModifier) && !Is(words[j], Tag.GovernmentHead))
        {
            j++;
        }

        if (j < words.Length && Is(words[j], Tag.GovernmentHead))
        {
            return new Found(Span(words, start, j + 1), start, j + 1, records.Government);
        }

        // "Iraq’s defense ministry", "the Somali Ministry of Defence"
        if (end + 1 < words.Length && Is(words[end], Tag.MinistryTopic) && words[end + 1].Id == keyIds.Ministry)
        {
            return Ministry(words, start, end + 2, records, words[end].Key);
        }

        if (end + 2 < words.Length && Is(words[end], Tag.Ministry) && words[end + 1].Id == keyIds.Of && Is(words[end + 2], Tag.MinistryTopic))
        {
            return Ministry(words, start, end + 3, records, words[end + 2].Key);
        }

        return null;
    }

    private static Found Ministry(ReadOnlySpan<Word> words, int start, int end, CountryRecords records, string topic)
    {
        var entity = topic switch
        {
            "defense" or "defence" or "war" => records.DefenceMinistry,
            "foreign" => records.ForeignMinistry,
            _ => records.InteriorMinistry,
        };
        return new Found(Span(words, start, end), start, end, entity);
    }

    // ---- people introduced by a title ---------------------------------------------------------------------

    internal static readonly WordSet Titles = new(
"president", "minister", "general", "gen", "lt", "col", "colonel", "commander", "secretary", "king", "emir",
        "sheikh", "ayatollah", "admiral", "adm", "maj", "brig", "capt", "sgt", "governor", "senator", "spokesman",
        "spokeswoman", "spokesperson", "leader", "chief", "envoy", "mayor", "premier"
    );

    private Found? PersonPattern(string body, ReadOnlySpan<Word> words, int i)
    {
        if (!Is(words[i], Tag.Title))
        {
            return null;
        }

        var k = i + 1;
        while (k < words.Length && Is(words[k], Tag.Title))
        {
            k++;
        }

        var first = k;
        while (k < words.Length && k < first + 4 && words[k].IsCapitalised && !words[k - 1].Possessive && CountryEnd(words, k) < 0
               && !Is(words[k], Tag.Stopword) && Gap(words, k - 1, k))
        {
            k++;
        }

        if (k == first || (k - first == 1 && first == i + 1 && !words[i].IsCapitalised && (words[i].Id == keyIds.Leader || words[i].Id == keyIds.Chief)))
        {
            return null;
        }

        var end = lexicon.Aliases.MatchFirst(words, first, out var known);
        if (end > first && known.Kind == EntityKind.Person)
        {
            return FromEntry(words, first, end, known) with { FirstWord = i };
        }

        var name = Surface(body, words, first, k);
        return new Found(Span(words, first, k), i, k, new EntityRecord(name, EntityKind.Person, []));
    }

    // ---- capitalised names the lexicon lacks -----------------------------------------------------------------

    internal static readonly WordSet Stopwords = new(
        "the", "a", "an", "in", "on", "at", "from", "to", "of", "for", "with", "by", "and", "or", "but", "as", "after",
        "before", "since", "following", "while", "although", "though", "when", "where", "which", "who", "that", "this",
        "these", "those", "there", "their", "they", "it", "its", "he", "she", "his", "her", "we", "our", "us", "i",
        "some", "many", "most", "several", "no", "not", "if", "until", "during", "around", "about", "over", "under",
        "meanwhile", "however", "also", "earlier", "later", "last", "next", "now", "then", "today", "yesterday",
        "tomorrow", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
        "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "president", "minister", "prime", "general", "gen", "former", "officials", "official", "according", "near",
        "both", "all", "each", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "such",
        "other", "another", "what", "why", "how", "despite", "amid", "among", "between", "into", "within", "without",
        "militias", "militants", "forces", "troops", "security", "government", "spokesman", "commander",
        "sources", "witnesses", "residents", "local", "separately", "elsewhere", "western", "eastern", "northern",
        "southern", "central", "north", "south", "east", "west", "new", "more", "than", "only", "just", "even", "still",
        "updated", "breaking", "update", "note", "source", "report", "reports", "at", "per", "via"
    );

    // "Alishang District of Laghman Province" is two names: a district name ends at its head word.
    internal static readonly WordSet AdministrativeHeads = new("district", "province", "governorate", "county", "prefecture");

    internal static readonly WordSet Connectors = new("al", "el", "bin", "ibn", "of", "de", "du", "la", "le", "ad", "abu", "von", "van");

    private void FindUnknownNames(ReadOnlySpan<Word> words, bool[] covered, SentenceOpenings sentenceStarts, List<Found> found, string body, List<int> capitalised)
    {
        IReadOnlyCollection<string>? countries = null;
        // The capitalised words the lexicon pass walked: any other is covered or not capitalised, so it is skipped
        // below (and a name found here covers the candidates it spans).
        var candidates = WalksEveryWord ? words.Length : capitalised.Count;
        for (var c = 0; c < candidates; c++)
        {
            var i = WalksEveryWord ? c : capitalised[c];
            if (covered[i] || !words[i].IsCapitalised || Is(words[i], Tag.Stopword) || HasDigit(words[i].Written) || CountryEnd(words, i) > i)
            {
                continue;
            }

            var end = i + 1;
            while (end < words.Length && !covered[end] && Gap(words, end - 1, end) && !words[end - 1].Possessive && !Is(words[end - 1], Tag.AdministrativeHead))
            {
                if (words[end].IsCapitalised && !Is(words[end], Tag.Stopword) && !HasDigit(words[end].Written))
                {
                    end++;
                }
                else if (Is(words[end], Tag.Connector) && end + 1 < words.Length && !covered[end + 1] && words[end + 1].IsCapitalised && !Is(words[end + 1], Tag.Stopword))
                {
                    end += 2;
                }
                else
                {
                    break;
                }
            }

            // A lone capitalised word opening a sentence is usually an ordinary word ("Militants", "Officials").
            if (end - i == 1 && !words[i].IsAllCaps && sentenceStarts.Opens(i))
            {
                continue;
            }

            var name = body[words[i].Span.Start..(words[end - 1].Possessive ? words[end - 1].Span.End - 2 : words[end - 1].Span.End)];
            var entity = resolveUnknown?.Invoke(name, countries ??= CountriesNamed(found)) ?? new EntityRecord(name, EntityKind.Unknown, []);
            found.Add(new Found(Span(words, i, end), i, end, entity));
            // The words of the name are covered now, so the walk skips them.
            for (var k = i; k < end; k++)
            {
                covered[k] = true;
            }
        }
    }

    /// <summary>
    /// The countries of the names the lexicon found (a country itself, or the country a place, force or group
    /// belongs to), the most named first: "Ghazni province" and "Taliban" both say Afghanistan.
    /// </summary>
    /// <remarks>
    /// Counted in a small list rather than by LINQ's GroupBy and OrderByDescending (a lookup, groupings, a sort and
    /// their delegates for every report with an unknown name): a report names a few countries. Ties keep the order
    /// of first mention, as the stable sort of the groups did.
    /// </remarks>
    private static List<string> CountriesNamed(List<Found> found)
    {
        var counted = new List<(string Country, int Count)>();
        foreach (ref readonly var f in CollectionsMarshal.AsSpan(found))
        {
            if ((f.Kind == EntityKind.Country ? f.Base.Name : f.Base.Country) is not { } country)
            {
                continue;
            }

            var k = 0;
            while (k < counted.Count && !string.Equals(counted[k].Country, country, StringComparison.Ordinal))
            {
                k++;
            }

            if (k == counted.Count)
            {
                counted.Add((country, 1));
            }
            else
            {
                counted[k] = (counted[k].Country, counted[k].Count + 1);
            }
        }

        // Most named first; an insertion sort moves a country only past those named fewer times, so ties keep their order.
        for (var i = 1; i < counted.Count; i++)
        {
            for (var j = i; j > 0 && counted[j - 1].Count < counted[j].Count; j--)
            {
                (counted[j - 1], counted[j]) = (counted[j], counted[j - 1]);
            }
        }

        var countries = new List<string>(counted.Count);
        foreach (var (country, _) in counted)
        {
            countries.Add(country);
        }

        return countries;
    }

    // ---- definite descriptions that point back to a name ------------------------------------------------------

    internal static readonly WordSet FacilityNouns = new("base", "airbase", "installation", "facility", "camp", "garrison", "outpost", "airfield", "headquarters", "compound");

    internal static readonly WordSet FacilityPlurals = new("bases", "installations", "facilities", "camps", "outposts", "airbases", "sites");

    internal static readonly WordSet GroupPlurals = new("militias", "militants", "groups", "rebels", "insurgents", "factions", "fighters", "gunmen", "attackers", "jihadists", "extremists");

    internal static readonly WordSet GroupSingulars = new("group", "militia", "movement", "organisation", "organization");

    internal static readonly WordSet BareForces = new("troops", "forces", "soldiers", "personnel", "advisers", "advisors", "servicemen");

    internal static readonly WordSet NumberWords = new(
"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozen", "dozens", "hundred", "hundreds",
        "thousand", "thousands", "several", "some", "additional", "more", "extra", "the"
    );

    /// <summary>The words a reference can start with: a determiner, or a bare noun for troops.</summary>
    internal static readonly WordSet ReferenceStarts = new(BareForces.Keys.Append("the").Append("this").Append("that").Append("these").Append("those"));

    private void ResolveReferences(ReadingDocument document, ReadOnlySpan<Word> words, bool[] covered, List<Found> found, List<int> referenceStarts, Scratch scratch)
    {
        var (resolved, targets) = scratch.References();
        var sentenceOf = scratch.Sentences.For(document);
        var earlier = new EarlierNames(found, scratch);
        // One list (targets) reused for every reference's antecedents: most references have one or none.
        void Resolve(Found reference)
        {
            resolved.Add(reference);
            earlier.Add(reference);
        }

        // The words a reference starts with that the lexicon pass walked: any other is covered or starts none.
        // Each word's tag is read once here (every Is read the tag again).
        var candidates = WalksEveryWord ? words.Length : referenceStarts.Count;
        for (var candidate = 0; candidate < candidates; candidate++)
        {
            var i = WalksEveryWord ? candidate : referenceStarts[candidate];
            if (covered[i])
            {
                continue;
            }

            var tag = TagOf(words[i]);
            if ((tag & Tag.ReferenceStart) == 0)
            {
                continue;
            }

            if ((tag & Tag.Determiner) != 0 && i + 1 < words.Length)
            {
                // "the base", "the shared base", "the Iraqi ministry"
                var n = i + 1;
                var next = TagOf(words[n]);
                string? demonymCountry = null;
                if (!covered[n] && (next & Tag.CountryStart) != 0 && lexicon.Countries.MatchValues(words, n) is { End: > 0 } c && c.Values.Length > 0 && c.End < words.Length)
                {
                    demonymCountry = c.Values[0].Country.Name;
                    n = c.End;
                    next = TagOf(words[n]);
                }
                else if (n + 1 < words.Length && !covered[n] && !covered[n + 1] && !words[n].IsCapitalised && (next & (Tag.Stopword | Tag.FacilityNoun | Tag.GroupPlural)) == 0
                         && Is(words[n + 1], Tag.FacilityNoun | Tag.FacilityPlural | Tag.GroupPlural | Tag.ModifiedNoun))
                {
                    n++;
                    next = TagOf(words[n]);
                }

                // A noun no rule points back with has no antecedent (ReferenceTargets finds none): the earlier names
                // and the noun's key are not asked for.
                if (n >= words.Length || covered[n] || (next & Tag.PointsBack) == 0)
                {
                    continue;
                }

                // Asked only where a reference may start: the names qualify by where they end, not by who asks when.
                var before = earlier.EndingBy(words[i].Span.Start);
                targets.Clear();
                ReferenceTargets(targets, before, words, n, demonymCountry, sentenceOf, words[i].Span.Start);
                if (targets.Count == 0)
                {
                    continue;
                }

                var referenceSpan = new TextSpan(words[i + 1].Span.Start, words[n].Possessive ? words[n].Span.End - 2 : words[n].Span.End);
                foreach (var t in targets)
                {
                    Resolve(new Found(referenceSpan, i + 1, n + 1, t.Base, t.Kind, t.LexiconIndex, LexiconName.NoPhrase) { Antecedent = t.Antecedent ?? t.Base.Name, Flags = t.Flags & LexiconName.NameFlags.OwnsNameGroup });
                }

                continue;
            }

            // "5,000 troops", "hundreds of soldiers": a count of unnamed troops belongs to the force last named.
            if (Is(words[i], Tag.BareForce) && i > 0 && (KeyIsDigits(words[i - 1]) || (NumberWords.Contains(words[i - 1]) && words[i - 1].Id != keyIds.The) || (words[i - 1].Id == keyIds.Of && i > 1 && NumberWords.Contains(words[i - 2]))))
            {
                if (Last(earlier.EndingBy(words[i].Span.Start), EntityKind.Force) is { } t)
                {
                    Resolve(new Found(words[i].Span, i, i + 1, t.Base, t.Kind, t.LexiconIndex, LexiconName.NoPhrase) { Antecedent = t.Antecedent ?? t.Base.Name, Flags = t.Flags & LexiconName.NameFlags.OwnsNameGroup });
                }
            }
        }

        found.AddRange(resolved);
    }

    /// <summary>What "the/this/that/these/those" followed by word <paramref name="n"/> points back to, added to <paramref name="targets"/>.</summary>
    private void ReferenceTargets(List<Found> targets, List<Found> before, ReadOnlySpan<Word> words, int n, string? demonymCountry, SentenceIndex sentenceOf, int at)
    {
        var noun = words[n].Key;
        Found? single;
        switch (noun)
        {
            case "country" when demonymCountry is null:
                single = CountryReference(before, words, sentenceOf, at);
                break;
            case "coalition" or "alliance" when demonymCountry is null:
                single = Last(before, EntityKind.Coalition);
                break;
            case "ministry":
                single = LastMinistry(before, demonymCountry);
                break;
            default:
                if (Is(words[n], Tag.FacilityNoun) && demonymCountry is null && !(n + 1 < words.Length && words[n + 1].Id == keyIds.Of))
                {
                    single = LastFacilityNamed(before, noun) ?? Last(before, EntityKind.Facility);
                }
                else if (Is(words[n], Tag.FacilityPlural))
                {
                    Window(targets, before, sentenceOf, at, EntityKind.Facility);
                    return;
                }
                else if (Is(words[n], Tag.GroupPlural) && demonymCountry is null)
                {
                    Window(targets, before, sentenceOf, at, EntityKind.ArmedGroup);
                    return;
                }
                else if (Is(words[n], Tag.GroupSingular) && demonymCountry is null && !(n + 1 < words.Length && words[n + 1].IsCapitalised))
                {
                    single = GroupReference(before, sentenceOf, at);
                }
                else if (Is(words[n], Tag.BareForce) && demonymCountry is null)
                {
                    single = Last(before, EntityKind.Force);
                }
                else
                {
                    single = null;
                }

                break;
        }

        if (single is { } target)
        {
            targets.Add(target);
        }
    }

    /// <summary>
    /// True when the word's key is all digits, read from the text for a word no rule knows (whose key would be a new
    /// string): digits have no case, so the key's characters are the written ones less dots, apostrophes and a possessive.
    /// </summary>
    internal static bool KeyIsDigits(in Word word)
    {
        if (word.Id >= 0)
        {
            return IsDigits(word.Key);
        }

        var written = word.Written;
        foreach (var c in word.Possessive ? written[..^2] : written)
        {
            if (c is not ('.' or '\'' or '’') && !char.IsDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    internal static bool IsDigits(string key)
    {
        foreach (var c in key)
        {
            if (!char.IsDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    internal static readonly WordSet IntoCountry = new("in", "to", "from", "into", "within", "inside", "across", "throughout");

    /// <summary>
    /// "the country": the country last named as a place ("to Iraq") in this or the previous sentence, else the
    /// country last named at all, else the country of the government or force last named ("Iraq’s government").
    /// </summary>
    private Found? CountryReference(List<Found> before, ReadOnlySpan<Word> words, SentenceIndex sentenceOf, int at)
    {
        var here = sentenceOf.Of(at);
        // A destination ("sent to Mali") is a better antecedent than an origin ("from France").
        for (var pass = 0; pass < 2; pass++)
        {
            var origin = pass == 1;
            for (var k = before.Count - 1; k >= 0 && here - sentenceOf.Of(before[k].Span.Start) <= 1; k--)
            {
                var f = before[k];
                if (f.Kind == EntityKind.Country && f.FirstWord > 0 && Is(words[f.FirstWord - 1], Tag.IntoCountry) && (words[f.FirstWord - 1].Id == keyIds.From) == origin)
                {
                    return f;
                }
            }
        }

        for (var k = before.Count - 1; k >= 0; k--)
        {
            var f = before[k];
            if (f.Kind == EntityKind.Country)
            {
                return f;
            }

            // Forces are often foreign to the country a report is about; governments are not.
            if (f.Kind is EntityKind.Government && lexicon.Entities.Country(f.Base.Country) is { } country)
            {
                return f with { Base = lexicon.EntityOf(country), Antecedent = null };
            }
        }

        return null;
    }

    /// <summary>
    /// "the group": the armed group last named in this sentence, else the first one the previous sentence named
    /// (its subject, more often than a group named in passing: "Al-Shabaab, which is linked to al-Qaeda, ..."),
    /// else the last one named.
    /// </summary>
    private static Found? GroupReference(List<Found> before, SentenceIndex sentenceOf, int at)
    {
        var here = sentenceOf.Of(at);
        Found? inSentence = null, previous = null, last = null;
        foreach (var f in before)
        {
            if (f.Kind != EntityKind.ArmedGroup)
            {
                continue;
            }

            var sentence = sentenceOf.Of(f.Span.Start);
            if (sentence == here)
            {
                inSentence = f;
            }
            else if (sentence == here - 1)
            {
                previous ??= f;
            }

            last = f;
        }

        return inSentence ?? previous ?? last;
    }

    private static Found? Last(List<Found> before, EntityKind kind)
    {
        for (var k = before.Count - 1; k >= 0; k--)
        {
            if (before[k].Kind == kind)
            {
                return before[k];
            }
        }

        return null;
    }

    /// <summary>The ministry last named (of the given country, when the reference names one: "the Iraqi ministry").</summary>
    private Found? LastMinistry(List<Found> before, string? country)
    {
        for (var k = before.Count - 1; k >= 0; k--)
        {
            if (before[k].Kind != EntityKind.Government)
            {
                continue;
            }

            var e = before[k].Base;
            if (NameHoldsMinistry(e, before[k].LexiconIndex) && (country is null || e.Country == country))
            {
                return before[k];
            }
        }

        return null;
    }

    /// <summary>The facility last named whose name holds the noun ("the base" after "Al-Asad Air Base").</summary>
    private Found? LastFacilityNamed(List<Found> before, string noun)
    {
        var nounBit = FacilityNounBit(noun);
        for (var k = before.Count - 1; k >= 0; k--)
        {
            if (before[k].Kind != EntityKind.Facility)
            {
                continue;
            }

            if (NameHoldsFacilityNoun(before[k].Base, before[k].LexiconIndex, nounBit, noun))
            {
                return before[k];
            }
        }

        return null;
    }

    /// <summary>
    /// "the bases", "the militants": each entity of the kind named within the last three sentences, once (its last
    /// mention), in the order each was first named there.
    /// </summary>
    private static void Window(List<Found> targets, List<Found> before, SentenceIndex sentenceOf, int at, EntityKind kind)
    {
        var here = sentenceOf.Of(at);
        var first = targets.Count;
        foreach (var f in before)
        {
            if (f.Kind != kind || here - sentenceOf.Of(f.Span.Start) > 3)
            {
                continue;
            }

            var name = f.Antecedent ?? f.Base.Name;
            var k = first;
            while (k < targets.Count && !string.Equals(targets[k].Antecedent ?? targets[k].Base.Name, name, StringComparison.Ordinal))
            {
                k++;
            }

            if (k < targets.Count)
            {
                targets[k] = f;
            }
            else
            {
                targets.Add(f);
            }
        }
    }

    /// <summary>The sentence an offset falls in, by binary search over the sentence starts.</summary>
    /// <remarks>
    /// The thread's, handed out per document, and its starts read from the sentences only when a reference first
    /// asks (most of a report's determiners point back to nothing, and some reports ask nothing): it was an array
    /// made, and every sentence read, for each document.
    /// </remarks>
    private sealed class SentenceIndex
    {
        private ReadingDocument? document;
        private int[] starts = [];

        /// <summary>How many starts are read, or -1 before the first question.</summary>
        private int count = -1;

        public SentenceIndex For(ReadingDocument of)
        {
            document = of;
            count = -1;
            return this;
        }

        /// <summary>Drops the document (and its sentences) after its pass.</summary>
        public void Release() => (document, count) = (null, -1);

        public int Of(int at)
        {
            if (count < 0)
            {
                Read();
            }

            if (count == 0)
            {
                // Without sentences, about 200 characters stand for one.
                return at / 200;
            }

            var k = Array.BinarySearch(starts, 0, count, at);
            return k >= 0 ? k : Math.Max(0, ~k - 1);
        }

        private void Read()
        {
            var sentences = document!.Sentences;
            if (starts.Length < sentences.Count)
            {
                starts = new int[Math.Max(sentences.Count, 2 * starts.Length)];
            }

            for (var k = 0; k < sentences.Count; k++)
            {
                starts[k] = sentences[k].Span.Start;
            }

            count = sentences.Count;
        }
    }

    /// <summary>
    /// Which words open a sentence, a line, a parenthesis or a quotation (where capitals say nothing). Asked only of a
    /// lone capitalised word the lexicon lacks (a few per report), so each answer is worked out when asked rather than
    /// for every word of the body.
    /// </summary>
    internal sealed class SentenceOpenings(ReadingDocument document, List<Word> words)
    {
        /// <summary>The sentence starts, sorted: made on the first question (most reports ask a few, some none).</summary>
        private int[]? sentenceStarts;

        public bool Opens(int i)
        {
            if (i == 0)
            {
                return true;
            }

            var (previous, word) = (words[i - 1].Span, words[i].Span);
            var gap = document.Body.AsSpan(previous.End, word.Start - previous.End);
            bool opensSentence;
            if (document.Sentences.Count > 0)
            {
                sentenceStarts ??= SortedSentenceStarts(document);
                // A sentence starts after the previous word's start and at or before this word's: the first start
                // past the previous word's is this word's or before it.
                var next = FirstAfter(sentenceStarts, previous.Start);
                opensSentence = next < sentenceStarts.Length && sentenceStarts[next] <= word.Start;
            }
            else
            {
                opensSentence = gap is not " " && gap.IndexOfAny(".!?\n") >= 0;
            }

            // Most gaps are one space, which opens nothing: spared the search.
            return opensSentence || (gap is not " " && gap.IndexOfAny("\n(“\"") >= 0);
        }

        /// <summary>The index of the first element of the sorted array above <paramref name="value"/> (its length when none is).</summary>
        private static int FirstAfter(int[] sorted, int value)
        {
            var (low, high) = (0, sorted.Length);
            while (low < high)
            {
                var middle = (low + high) >>> 1;
                if (sorted[middle] <= value)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            return low;
        }
    }

    private static int[] SortedSentenceStarts(ReadingDocument document)
    {
        var starts = new int[document.Sentences.Count];
        for (var k = 0; k < starts.Length; k++)
        {
            starts[k] = document.Sentences[k].Span.Start;
        }

        Array.Sort(starts);
        return starts;
    }

    /// <summary>True when a word has a digit (its key has the same digits as its text, so the text is read in place).</summary>
    private static bool HasDigit(ReadOnlySpan<char> written)
    {
        foreach (var c in written)
        {
            if (char.IsDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when only spaces or hyphens separate two words (a name does not run across commas).</summary>
    private static bool Gap(ReadOnlySpan<Word> words, int a, int b) => words[b].Span.Start - words[a].Span.End <= 1;

    private static TextSpan Span(ReadOnlySpan<Word> words, int first, int end)
    {
        ref readonly var last = ref words[end - 1];
        return new TextSpan(words[first].Span.Start, last.Possessive ? last.Span.End - 2 : last.Span.End);
    }

    private static string Surface(string body, ReadOnlySpan<Word> words, int first, int end)
    {
        var span = Span(words, first, end);
        return body[span.Start..span.End];
    }

    /// <summary>
    /// The names that end before a word, ordered by start (the order of the list given first, then of those added,
    /// among equal starts): what a reference may point back to. Words are read left to right, so the set only grows;
    /// keeping it sorted as names qualify spares rebuilding and sorting it for every word.
    /// </summary>
    /// <remarks>
    /// The names are values: the direct mentions are read from the found list where they are (through their order by
    /// end when that is not theirs already), and the lists are the thread's, kept for the next document, as a copy of
    /// every name and a list grown for each document cost more than the objects they replaced.
    /// </remarks>
    private struct EarlierNames
    {
        private readonly List<Found> direct;
        private readonly List<Found> sorted;
        private readonly List<int> sortedOrder;
        private readonly List<(Found Name, int Order)> added;

        /// <summary>The direct mentions' indexes by end (then index), or null when the list is in that order already.</summary>
        private readonly int[]? byEnd;
        private int nextDirect;

        /// <summary>The order the next added name gets (the direct ones come first).</summary>
        private int order;

        public EarlierNames(List<Found> found, Scratch scratch)
        {
            direct = found;
            (sorted, sortedOrder, added) = scratch.Earlier();
            order = found.Count;
            // Names found left to right without overlaps usually end in order too: then they are sorted already.
            if (!EndsInOrder(found))
            {
                byEnd = new int[found.Count];
                for (var k = 0; k < byEnd.Length; k++)
                {
                    byEnd[k] = k;
                }

                Array.Sort(byEnd, (a, b) => found[a].Span.End != found[b].Span.End ? found[a].Span.End.CompareTo(found[b].Span.End) : a.CompareTo(b));
            }
        }

        /// <summary>True when the names' ends do not decrease (their indexes rise, so the list is sorted by end and index).</summary>
        private static bool EndsInOrder(List<Found> names)
        {
            for (var k = 1; k < names.Count; k++)
            {
                if (names[k - 1].Span.End > names[k].Span.End)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Adds a name that qualifies once a later word is read.</summary>
        public void Add(in Found name) => added.Add((name, order++));

        /// <summary>The names whose span ends at or before <paramref name="offset"/> (offsets must not decrease).</summary>
        public List<Found> EndingBy(int offset)
        {
            // The references waiting first: each starts before the direct mentions that qualify with it (those end
            // after the word the reference was found at), so these go to the end of the list rather than each
            // reference into its middle (a shift of the names after it, and of their orders, per reference). The
            // list is the same either way: it is kept in (start, order) order, and no two names share an order.
            var kept = 0;
            for (var k = 0; k < added.Count; k++)
            {
                var (name, nameOrder) = added[k];
                if (name.Span.End <= offset)
                {
                    Insert(name, nameOrder);
                }
                else
                {
                    added[kept++] = added[k];
                }
            }

            if (kept < added.Count)
            {
                added.RemoveRange(kept, added.Count - kept);
            }

            var names = CollectionsMarshal.AsSpan(direct);
            for (; nextDirect < names.Length; nextDirect++)
            {
                var index = byEnd is null ? nextDirect : byEnd[nextDirect];
                if (names[index].Span.End > offset)
                {
                    break;
                }

                Insert(names[index], index);
            }

            return sorted;
        }

        private readonly void Insert(in Found name, int nameOrder)
        {
            var at = sorted.Count;
            while (at > 0 && (sorted[at - 1].Span.Start > name.Span.Start || (sorted[at - 1].Span.Start == name.Span.Start && sortedOrder[at - 1] > nameOrder)))
            {
                at--;
            }

            sorted.Insert(at, name);
            sortedOrder.Insert(at, nameOrder);
        }
    }

    /// <summary>
    /// A name found: its span (whose text is the surface form, read from the body only when a record must list it),
    /// its words and its entity.
    /// </summary>
    /// <remarks>
    /// A value, kept in the stage's lists: as an object per name it was an allocation each (with the runtime's
    /// helpers about a sixth of the stage) and the passes over the found names (the references' searches over
    /// earlier names, the mentions) read each from wherever it lay instead of from one array.
    /// </remarks>
    private record struct Found
    {
        private EntityRecord entity;

        public Found(TextSpan span, int firstWord, int endWord, EntityRecord entity)
            : this(span, firstWord, endWord, entity, entity.Kind, NotInLexicon, LexiconName.NoPhrase)
        {
        }

        /// <summary>A name a lexicon match (or a country's records) hands over with its kind, index and listed phrase.</summary>
        public Found(TextSpan span, int firstWord, int endWord, in LexiconName name)
            : this(span, firstWord, endWord, name.Entity, name.Kind, name.Index, name.ListedPhrase)
        {
            Flags = name.Flags;
        }

        /// <summary>
        /// A name whose kind and lexicon index the caller knows (a lexicon match hands them over beside the record,
        /// a reference copies them from its antecedent), so the record itself is not read.
        /// </summary>
        public Found(TextSpan span, int firstWord, int endWord, EntityRecord entity, EntityKind kind, int lexiconIndex, int listedPhrase)
        {
            Span = span;
            FirstWord = firstWord;
            EndWord = endWord;
            this.entity = entity;
            Kind = kind;
            LexiconIndex = lexiconIndex;
            ListedPhrase = listedPhrase;
        }

        public TextSpan Span { get; init; }

        public int FirstWord { get; init; }

        public int EndWord { get; init; }

        /// <summary>The entity (setting it, also in a <c>with</c> copy, sets <see cref="Kind"/> and <see cref="LexiconIndex"/>).</summary>
        public EntityRecord Base
        {
            get => entity;
            init
            {
                entity = value;
                Kind = value.Kind;
                LexiconIndex = NotInLexicon;
                ListedPhrase = LexiconName.NoPhrase;
                Flags = LexiconName.NameFlags.None;
            }
        }

        /// <summary>What the lexicon match said of <see cref="LexiconIndex"/>'s name group and <see cref="ListedPhrase"/>.</summary>
        public LexiconName.NameFlags Flags { get; init; }

        /// <summary>
        /// The alias the lexicon matched, when <see cref="Base"/> lists it (<see cref="LexiconName.ListedPhrase"/>),
        /// else <see cref="LexiconName.NoPhrase"/>: a surface equal to it (case aside) is listed.
        /// </summary>
        public int ListedPhrase { get; private set; }

        /// <summary>
        /// The entity's kind, kept beside the span: the references' searches read the kind of every earlier name, and
        /// each entity record is an object of its own elsewhere in memory (a likely cache miss).
        /// </summary>
        public EntityKind Kind { get; private set; }

        /// <summary>
        /// The lexicon index (<see cref="LexiconName.Index"/>) when <see cref="Base"/> is that lexicon entity's record,
        /// else <see cref="NotInLexicon"/>: the mentions' records ask what they need of it by index.
        /// </summary>
        public int LexiconIndex { get; private set; }

        /// <summary>For a pointing-back mention, the canonical name of what it points to.</summary>
        public string? Antecedent { get; init; }
    }
}
