using System.Collections.Frozen;
using Garrison.Domain.Dates;
using Garrison.Domain.Provenance;
using Garrison.Domain.Quantities;
using Garrison.Domain.Records;
using Garrison.Lexicons.Events;
using Garrison.Reading.Dates;
using Garrison.Reading.Documents;
using Garrison.Reading.Names;
using Garrison.Reading.Pipeline;

namespace Garrison.Reading.Events;

/// <summary>
/// Reads events sentence by sentence. Trigger words (data/lexicon/en/event-triggers.yml) give the type; the clause
/// around the trigger gives actors (its subject side), targets (its object side), place (the most precise place
/// after at/in/on/from, else in the sentence, else for violence the place of the paragraph's previous event),
/// date (the clause's date, else the sentence's opening date, else the dateline marked approximate), status (from
/// modal words), casualties (counts next to killed/injured, summing groups counted in parts) and who said it.
/// </summary>
public sealed partial class EventsStage : IReadingStage
{
    /// <summary>
    /// How specific a violent type is, the most specific first (0); -1 for a type that is not violent. A switch, not the
    /// index in a list: it is asked twice per violent trigger of every segment, and <c>Array.IndexOf</c> over an enum
    /// array went through the generic equality comparer (~1 % of the stage).
    /// </summary>
    internal static int Specificity(EventType type) => type switch
    {
        EventType.SuicideBombing => 0,
        EventType.ChemicalAttack => 1,
        EventType.GrenadeAttack => 2,
        EventType.ExplosiveAttack => 3,
        EventType.MissileAttack => 4,
        EventType.AirDroneStrike => 5,
        EventType.ArmedClash => 6,
        EventType.Attack => 7,
        _ => -1,
    };

    /// <summary>Whether <see cref="Specificity"/> ranks the type (a test asked of every trigger and event, kept in step with it).</summary>
    private static bool IsViolent(EventType type) =>
        type is EventType.SuicideBombing or EventType.ChemicalAttack or EventType.GrenadeAttack or EventType.ExplosiveAttack
            or EventType.MissileAttack or EventType.AirDroneStrike or EventType.ArmedClash or EventType.Attack;

    /// <summary>Adds the items of <paramref name="more"/> not yet in <paramref name="list"/>, in order (lists of a few names).</summary>
    private static void AddDistinct(List<string> list, List<string> more)
    {
        foreach (var item in more)
        {
            if (!list.Contains(item))
            {
                list.Add(item);
            }
        }
    }

    private static readonly string[] Determiners = ["the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those", "some", "all", "both", "several", "many", "final", "last"];

    private static readonly string[] Definite = ["the", "this", "these", "those", "its", "their"];

    private static readonly string[] Compass =
    [
        "northern", "southern", "eastern", "western", "central", "northeastern", "northwestern", "southeastern", "southwestern",
        "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
    ];

    private static readonly string[] PassiveAux = ["was", "were", "been", "being", "be", "is", "are", "get", "got"];

    private static readonly string[] AfterParticiple = ["in", "by", "during", "near", "at", "on", "as", "when", "after", "while", "outside", "inside"];

    private static readonly string[] ApposedPlaceWords = ["district", "districts", "village", "town", "city", "area", "valley", "county", "subdistrict", "in", "of", "the"];

    /// <summary>The word lists a word can belong to, as bits: one table read answers every list at once.</summary>
    [Flags]
    internal enum Tag
    {
        None = 0,
        TriggerStart = 1 << 0,
        Killed = 1 << 1,
        Injured = 1 << 2,
        Planned = 1 << 3,
        Considered = 1 << 4,
        Rejected = 1 << 5,
        Negation = 1 << 6,
        Ongoing = 1 << 7,
        People = 1 << 8,
        Locative = 1 << 9,
        NotActor = 1 << 10,
        Clause = 1 << 11,
        ForceNoun = 1 << 12,
        OnePerson = 1 << 13,
        Determiner = 1 << 14,
        Definite = 1 << 15,
        Compass = 1 << 16,
        PassiveAux = 1 << 17,
        AfterParticiple = 1 << 18,
        ApposedPlaceWord = 1 << 19,
        IterativeStart = 1 << 20,
        /// <summary>"retaliation", "response", "revenge": after "in", a clause of its own.</summary>
        Retaliation = 1 << 21,
        /// <summary>"according" (of "according to", which names the speaker).</summary>
        According = 1 << 22,
        /// <summary>"in" (before "retaliation", a clause opener of its own).</summary>
        In = 1 << 23,

        // What the text between a word and the word before it holds (set per sentence by FillWordFlags, never by the
        // table of ids): a hard clause break (; : — or an opening parenthesis), a comma.
        HardBreakBefore = 1 << 29,
        CommaBefore = 1 << 30,
    }

    /// <summary>
    /// The <see cref="WordVocabulary"/> ids of single words some rules compare a word with. A word's key is a string
    /// made on request when no lexicon or rule registered it, and the clause and speaker rules ask it of every word of
    /// a sentence with a trigger; once these words are registered, a word equals one of them exactly when it carries
    /// its id, so the test is an integer compare and no key string is made. <see cref="EventsStage"/>'s constructor
    /// reads them, so they are registered before the stage reads any text.
    /// </summary>
    private static class KnownWord
    {
        public static readonly int In = WordVocabulary.Register("in");
        public static readonly int As = WordVocabulary.Register("as");
        public static readonly int After = WordVocabulary.Register("after");
        public static readonly int Shortly = WordVocabulary.Register("shortly");
        public static readonly int According = WordVocabulary.Register("according");
        public static readonly int To = WordVocabulary.Register("to");
        public static readonly int By = WordVocabulary.Register("by");
        public static readonly int That = WordVocabulary.Register("that");
        public static readonly int Of = WordVocabulary.Register("of");
    }

    // Word lists the event rules compare one word with, tested by id for the reason KnownWord gives (most words asked
    // are in no list, and each would have made its key). Instance fields: a set registers its words when the stage is
    // built, before the stage reads any text.
    private readonly WordSet ofOrBy = new("of", "by");
    private readonly WordSet reporterPronouns = new("it", "they", "we", "its", "their", "our");
    private readonly WordSet possessivePronouns = new("its", "their");
    private readonly WordSet progressiveAuxiliaries = new("is", "are", "was", "were", "been", "be");
    private readonly WordSet targetMarkers = new("on", "against", "targeting", "at", "to", "of");
    private readonly WordSet placeNouns = new("town", "village", "city", "district", "province", "region", "area", "outskirts", "port", "county");
    private readonly WordSet unknownPlacePrepositions = new("in", "near", "at", "outside", "around", "from", "on");
    private readonly WordSet forOrOver = new("for", "over");
    private readonly WordSet andOr = new("and", "or");
    private readonly WordSet closingReportingVerbs = new("said", "says", "added", "adds", "told", "noted", "stated", "confirmed", "reported", "explained");

    /// <summary>Whether word <paramref name="k"/> of the sentence is in <paramref name="set"/> (no word outside the sentence is, as <see cref="SentenceView.Key"/> gives "").</summary>
    private static bool IsIn(WordSet set, SentenceView v, int k) => (uint)k < (uint)v.Words.Count && set.Contains(v.Words.AsSpan()[k]);

    private readonly PhraseTrie<EventTrigger> triggers = new();
    private readonly EventTriggerLexicon lexicon;
    private readonly FrozenSet<string> killed;
    private readonly FrozenSet<string> injured;
    private readonly FrozenSet<string> people;
    private readonly FrozenSet<string> announcing;
    private readonly string[][] iterativeKeys;

    /// <summary>
    /// <see cref="iterativeKeys"/> as vocabulary ids (each phrase word registered when the stage is built), so that a
    /// phrase is matched by comparing integers: <see cref="NoSuchKey"/> for a phrase word no word's key can equal.
    /// </summary>
    private readonly int[][] iterativeIds;

    /// <summary>An id no word carries (words carry an id or <see cref="WordVocabulary.Unknown"/>).</summary>
    private const int NoSuchKey = WordVocabulary.Unknown - 1;

    /// <summary>
    /// The lists each word key belongs to, indexed by the key's <see cref="WordVocabulary"/> id. The rules ask these
    /// lists of most words of every sentence with a trigger; a word carries its id from the split, so the answer is
    /// an array read instead of hashing the key once per list asked (session 5's frozen sets were a tenth of the
    /// stage). Every list's keys are registered in the vocabulary when the stage is built.
    /// </summary>
    private readonly Tag[] tagsById;

    public EventsStage(EventTriggerLexicon lexicon)
    {
        this.lexicon = lexicon;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var trigger in lexicon.Triggers)
        {
            // A phrase listed under two types keeps the first (the file lists the more specific type first).
            if (seen.Add(string.Join(' ', WordScanner.Keys(trigger.Phrase)) + "|" + trigger.Form))
            {
                triggers.Add(trigger.Phrase, trigger);
            }
        }

        killed = Set("killed");
        injured = Set("injured");
        people = Set("people");
        announcing = lexicon.List("announcing").Select(p => string.Join(' ', WordScanner.Keys(p))).ToFrozenSet(StringComparer.Ordinal);
        iterativeKeys = [.. lexicon.List("iterative").Select(s => s.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries))];
        // A phrase word equals a word's key exactly when the word carries the phrase word's id, provided the phrase
        // word is a key as the split makes them (one word, its own key); one that is not ("u.s.") equals no key.
        iterativeIds = [.. iterativeKeys.Select(phrase => phrase.Select(word => WordScanner.Keys(word) is [var key] && key == word ? WordVocabulary.Register(word) : NoSuchKey).ToArray())];

        var tags = new Dictionary<int, Tag>();
        void Mark(IEnumerable<string> keys, Tag tag)
        {
            foreach (var key in keys)
            {
                var id = WordVocabulary.Register(key);
                tags[id] = tags.GetValueOrDefault(id) | tag;
            }
        }

        Mark(triggers.FirstKeys, Tag.TriggerStart);
        Mark(killed, Tag.Killed);
        Mark(injured, Tag.Injured);
        Mark(Set("planned"), Tag.Planned);
        Mark(Set("considered"), Tag.Considered);
        Mark(Set("rejected"), Tag.Rejected);
        Mark(Set("negation"), Tag.Negation);
        Mark(Set("ongoing"), Tag.Ongoing);
        Mark(people, Tag.People);
        Mark(Set("locative"), Tag.Locative);
        Mark(Set("not_actor"), Tag.NotActor);
        Mark(Set("clause"), Tag.Clause);
        Mark(Set("force_nouns"), Tag.ForceNoun);
        Mark(Set("one_person"), Tag.OnePerson);
        Mark(Determiners, Tag.Determiner);
        Mark(Definite, Tag.Definite);
        Mark(Compass, Tag.Compass);
        Mark(PassiveAux, Tag.PassiveAux);
        Mark(AfterParticiple, Tag.AfterParticiple);
        Mark(ApposedPlaceWords, Tag.ApposedPlaceWord);
        Mark(["retaliation", "response", "revenge"], Tag.Retaliation);
        Mark(["according"], Tag.According);
        Mark(["in"], Tag.In);
        _ = KnownWord.In;
        // An iterative phrase matches only from a word equal to its first word (keys hold no spaces).
        Mark(iterativeKeys.Where(k => k.Length > 0).Select(k => k[0]), Tag.IterativeStart);
        tagsById = new Tag[tags.Count == 0 ? 0 : tags.Keys.Max() + 1];
        foreach (var (id, tag) in tags)
        {
            tagsById[id] = tag;
        }
    }

    private FrozenSet<string> Set(string name) =>
        lexicon.List(name).SelectMany(WordScanner.Keys).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// The lists word <paramref name="k"/> of the sentence belongs to (none for a word outside it, as for an empty key):
    /// read from the sentence's flags while the stage reads it (<see cref="FillWordFlags"/>), else from the table of ids.
    /// </summary>
    /// <remarks>Inlined by request: the rules ask it of most words of a segment, and the profile showed it as a call each time.</remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal Tag TagAt(SentenceView v, int k)
    {
        if ((uint)k >= (uint)v.Words.Count)
        {
            return Tag.None;
        }

        if (v.WordFlags is { } flags)
        {
            return (Tag)flags[k] & ~(Tag.HardBreakBefore | Tag.CommaBefore);
        }

        var id = v.Words.IdAt(k);
        return (uint)id < (uint)tagsById.Length ? tagsById[id] : Tag.None;
    }

    /// <summary>The characters <see cref="FillWordFlags"/> looks for between words: the hard clause breaks and the comma.</summary>
    private static readonly System.Buffers.SearchValues<char> GapMarks = System.Buffers.SearchValues.Create(";:—(,");

    /// <summary>
    /// Writes each word's flags into <paramref name="flags"/> (from index 0, one per word of the sentence): the lists its
    /// key belongs to and what the text before it holds (<see cref="Tag.HardBreakBefore"/>, <see cref="Tag.CommaBefore"/>,
    /// for every word but the first); returns the union of all of them.
    /// </summary>
    /// <remarks>
    /// The rules walk a sentence's words several times (triggers, clause cuts, "according to", the iterative and ongoing
    /// words, casualties) and ask most words their tags again and again: one walk here reads each word's id once, and the
    /// union tells a rule at once that no word of the sentence is one it looks for (most sentences name no speaker, no
    /// casualty, nothing ongoing). The text between words is searched once, vectorised, for the few break characters,
    /// where the clause rule scanned the gap before every word.
    /// </remarks>
    internal int FillWordFlags(SentenceView v, int[] flags)
    {
        var words = v.Words.AsSpan();
        var table = tagsById;
        var union = Tag.None;
        for (var i = 0; i < words.Length; i++)
        {
            var id = words[i].Id;
            var tag = (uint)id < (uint)table.Length ? table[id] : Tag.None;
            flags[i] = (int)tag;
            union |= tag;
        }

        if (words.Length > 1)
        {
            // A mark at p lies between words w - 1 and w when w is the first word starting after p and word w - 1 ends
            // at or before p (else p is inside word w - 1). Only the text from the first word's end to the last word's
            // start can hold such marks.
            var from = words[0].Span.End;
            var text = v.Body.AsSpan(from, Math.Max(0, words[^1].Span.Start - from));
            var w = 1;
            var offset = 0;
            while (offset < text.Length)
            {
                var at = text[offset..].IndexOfAny(GapMarks);
                if (at < 0)
                {
                    break;
                }

                var p = from + offset + at;
                offset += at + 1;
                while (words[w].Span.Start <= p)
                {
                    w++;
                }

                if (words[w - 1].Span.End <= p)
                {
                    var mark = v.Body[p] == ',' ? Tag.CommaBefore : Tag.HardBreakBefore;
                    flags[w] |= (int)mark;
                    union |= mark;
                }
            }
        }

        return (int)union;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private bool Is(SentenceView v, int k, Tag tag) => (TagAt(v, k) & tag) != 0;

    public void Process(ReadingDocument document, CancellationToken cancellationToken = default)
    {
        // One scratch per thread, emptied per document: its lists and arrays were made again for every report (and
        // the event list grown from four slots), though none of them outlives the call.
        var scratch = threadScratch ??= new Scratch();
        scratch.StartDocument();
        var events = scratch.Events;
        try
        {
            ReadDocument(document, events, scratch, cancellationToken);
            MergeStatements(events, document.Events);
        }
        finally
        {
            // The records are the document's: the scratch does not keep them alive until the thread's next report.
            events.Clear();
            scratch.Made.Clear();
            scratch.InheritedPlace = default;
        }
    }

    [ThreadStatic]
    private static Scratch? threadScratch;

    private void ReadDocument(ReadingDocument document, List<(EventRecord Event, int Paragraph, bool ExplicitDate)> events, Scratch scratch, CancellationToken cancellationToken)
    {
        foreach (var view in SentenceView.Shared(document))
        {
            cancellationToken.ThrowIfCancellationRequested();
            // The actor-group memo is the sentence's alone: one dictionary per document, emptied and lent to each view
            // in turn, instead of a new dictionary for every sentence with a trigger.
            scratch.NearestGroups.Clear();
            view.NearestGroups = scratch.NearestGroups;
            // The sentence's word flags, lent to the view like the memo while the sentence is read, then taken back:
            // the array is the next sentence's.
            if (scratch.WordFlags.Length < view.Words.Count)
            {
                scratch.WordFlags = new int[Math.Max(view.Words.Count, 2 * scratch.WordFlags.Length)];
            }

            var union = (Tag)FillWordFlags(view, scratch.WordFlags);
            view.WordFlags = scratch.WordFlags;
            scratch.SentenceEvidence = null;
            events.AddRange(ReadSentence(view, union, events, scratch));
            view.WordFlags = null;
            view.NearestGroups = null;
        }
    }

    // ---- one sentence ------------------------------------------------------------------------------------------

    // Structs: several are made per sentence with a trigger and held only while the sentence is read.
    private readonly record struct Found(int First, int End, EventTrigger Trigger);

    /// <summary>
    /// A clause of a sentence: its words, what opened it (<see cref="Cut"/>; for <see cref="Cut.WordKey"/> the key of its
    /// first word), and for a reported clause the first word of the reporting verb that governs it ("X said [it struck
    /// ...]"; the verb ends where the clause starts), else -1.
    /// </summary>
    /// <remarks>
    /// Four integers: the opener as a string and the reporter as a <see cref="Found"/>? (with its trigger) made a
    /// 40-byte struct with two references, copied into every rule and written into the segment list with two write
    /// barriers per segment (docs/bench.md, "Events (session 14)").
    /// </remarks>
    private readonly record struct Segment(int Start, int End, Cut Opener, int ReporterFirst);

    /// <summary>
    /// Whether the segment's opener is <paramref name="key"/>: the fixed opener <paramref name="cut"/>, or a clause
    /// opener whose key it is (what comparing the opener's string said).
    /// </summary>
    private static bool OpenerIs(SentenceView v, in Segment segment, Cut cut, string key) =>
        segment.Opener == cut || (segment.Opener == Cut.WordKey && v.Key(segment.Start) == key);

    /// <summary>
    /// Whether the segment is a retaliation clause (its opener is "retaliation"), which takes neither the sentence's
    /// subject nor its place, its opening clause's date or the dateline.
    /// </summary>
    private static bool IsRetaliation(SentenceView v, in Segment segment) => OpenerIs(v, segment, Cut.Retaliation, "retaliation");

    /// <summary>Whether the segment was opened by a clause opener whose key is one of the three (no fixed opener is).</summary>
    private static bool OpenerIsOneOf(SentenceView v, in Segment segment, string one, string two, string three) =>
        segment.Opener == Cut.WordKey && v.Key(segment.Start) is var key && (key == one || key == two || key == three);

    private static readonly List<(EventRecord, int, bool)> NoEvents = [];

    /// <summary>
    /// The lists a sentence is read with, made once per document and emptied for each sentence: they live only while
    /// one sentence is read, and most sentences of a report have a trigger.
    /// </summary>
    private sealed class Scratch
    {
        public List<Found> Found { get; } = [];

        public List<Segment> Segments { get; } = [];

        public List<(EventRecord, int, bool)> Made { get; } = [];

        // A segment's violent and other triggers and the ones chosen to build, emptied per segment (Build reads them
        // only while the segment is read).
        public FoundList Violent { get; } = new();

        public FoundList Other { get; } = new();

        public FoundList Chosen { get; } = new();

        /// <summary>The actor groups found in the sentence being read, with their word ranges (a memo emptied per sentence).</summary>
        public List<(int Start, int End, List<string> Names)> NearestGroups { get; } = [];

        /// <summary>The sentence's cuts, one per word (<see cref="Cut"/>): what <see cref="Segments"/> marks and reads back.</summary>
        public Cut[] Cuts { get; set; } = new Cut[64];

        /// <summary>The flags of the sentence being read, one per word (<see cref="FillWordFlags"/>).</summary>
        public int[] WordFlags { get; set; } = new int[64];

        /// <summary>The document's events so far, with their paragraph and whether their date was written.</summary>
        public List<(EventRecord Event, int Paragraph, bool ExplicitDate)> Events { get; } = [];

        // The actors and targets of the trigger being built, and of another violent trigger of its clause: filled in
        // place, and each event takes exact arrays of them (most events have no target and at most one actor, and a
        // list per side grown from four slots was a fifth of what the stage allocated).
        public List<string> Actors { get; } = [];

        public List<string> Targets { get; } = [];

        public List<string> OtherActors { get; } = [];

        public List<string> OtherTargets { get; } = [];

        /// <summary>The evidence of the sentence being read (its span), made once for the sentence's events.</summary>
        public IReadOnlyList<TextSpan>? SentenceEvidence { get; set; }

        /// <summary>The document's dateline as an approximate date, made once for its undated events.</summary>
        public (PartialDate Day, DateSpan Span)? Dateline { get; set; }

        /// <summary>
        /// The place name an event without a place last inherited from an earlier one, and the document's first mention's
        /// entity of that name (null for none): the events of a paragraph inherit the same place again and again, and
        /// finding its mention walked all of the document's mentions for each. Matched by the string instance only.
        /// </summary>
        public (string? Name, EntityRecord? Entity) InheritedPlace { get; set; }

        /// <summary>Empties what a document's reading leaves behind (also after one that was cancelled midway).</summary>
        public void StartDocument()
        {
            Events.Clear();
            Made.Clear();
            NearestGroups.Clear();
            Dateline = null;
            SentenceEvidence = null;
            InheritedPlace = default;
        }

        /// <summary>The document's first mention's entity named <paramref name="name"/>, the last answer kept.</summary>
        public EntityRecord? FirstEntityNamed(ReadingDocument document, string name)
        {
            if (!ReferenceEquals(InheritedPlace.Name, name))
            {
                InheritedPlace = (name, FirstMentionOf(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(document.Names), name)?.Entity);
            }

            return InheritedPlace.Entity;
        }

        public IReadOnlyList<TextSpan> EvidenceOf(SentenceView v) => SentenceEvidence ??= [v.Sentence.Span];

        public DateSpan ApproximateDateline(PartialDate day)
        {
            if (Dateline is not { } kept || kept.Day != day)
            {
                kept = (day, DateSpan.On(day, approx: true));
                Dateline = kept;
            }

            return kept.Span;
        }
    }

    /// <summary>
    /// Found triggers in a list that is emptied by forgetting its count. A <see cref="List{T}"/> of a struct holding a
    /// reference clears its array on every <c>Clear</c> (three lists per segment, ~1.5 % of the stage); what is left
    /// here are the lexicon's triggers, which the stage keeps alive anyway.
    /// </summary>
    private sealed class FoundList
    {
        private Found[] items = new Found[8];

        public int Count { get; private set; }

        public Found this[int index] => (uint)index < (uint)Count ? items[index] : throw new ArgumentOutOfRangeException(nameof(index));

        public void Add(in Found found)
        {
            if (Count == items.Length)
            {
                Array.Resize(ref items, 2 * items.Length);
            }

            items[Count++] = found;
        }

        public void AddRange(FoundList more)
        {
            foreach (var found in more.AsSpan())
            {
                Add(found);
            }
        }

        public void Clear() => Count = 0;

        public Span<Found> AsSpan() => items.AsSpan(0, Count);
    }

    /// <summary>The list's names as an array of their own (the empty array for none): what an event keeps of a scratch list.</summary>
    private static string[] Exact(List<string> names) => names.Count == 0 ? [] : names.ToArray();

    /// <summary>
    /// The sentence's events: the scratch list (valid until the next sentence is read), or a shared empty list when
    /// it has no trigger. Neither is to be kept.
    /// </summary>
    private List<(EventRecord, int, bool)> ReadSentence(SentenceView v, Tag union, List<(EventRecord Event, int Paragraph, bool ExplicitDate)> earlier, Scratch scratch)
    {
        var found = FindTriggers(v, union, scratch.Found);
        if (found.Count == 0)
        {
            return NoEvents;
        }

        var segments = Segments(v, union, found, scratch);
        // The speaker is read when the first event is built: a sentence whose triggers make no event (a reporting
        // verb alone, an event read before) does not need it.
        string? speaker = null;
        var speakerRead = false;
        var made = scratch.Made;
        made.Clear();
        // The event types made so far in the sentence, a bit per type (fewer than 64).
        var typesInSentence = 0UL;
        var chosen = scratch.Chosen;
        var violent = scratch.Violent;
        var other = scratch.Other;

        // By reference: a segment is five fields, and each rule it is handed to copied it.
        foreach (ref readonly var segment in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(segments))
        {
            // The segment's event triggers, violent and not (loops, not queries: asked of every segment). The lists
            // are the document's scratch, emptied for each segment: Build reads them only while the segment is read.
            violent.Clear();
            other.Clear();
            foreach (var f in found)
            {
                if (f.First >= segment.Start && f.First < segment.End && !f.Trigger.Reporting)
                {
                    (IsViolent(f.Trigger.Type) ? violent : other).Add(f);
                }
            }

            var anyViolent = violent.Count > 0;
            if ((!anyViolent && other.Count == 0) || ((union & Tag.IterativeStart) != 0 && SaysIterative(v, segment)))
            {
                continue;
            }

            // Violence in one clause is one event: "a drone strike ... that killed" is the strike.
            if (anyViolent && ContinuesEarlierViolence(v, segment, violent, made, earlier))
            {
                violent.Clear();
                anyViolent = false;
            }

            chosen.Clear();
            if (anyViolent)
            {
                // The most specific type, the first of equally specific ones.
                var primary = violent[0];
                foreach (var f in violent.AsSpan())
                {
                    var rank = Specificity(f.Trigger.Type);
                    var best = Specificity(primary.Trigger.Type);
                    if (rank < best || (rank == best && f.First < primary.First))
                    {
                        primary = f;
                    }
                }

                chosen.Add(primary);
            }

            chosen.AddRange(other);

            // Triggers do not overlap, so no two share a first word and an unstable sort orders them as a stable one.
            chosen.AsSpan().Sort(ByFirstWord.Instance);
            foreach (var trigger in chosen.AsSpan())
            {
                // "withdrew from X, leaving ...": one movement read twice. Violence in another clause is another event.
                if ((typesInSentence & TypeBit(trigger.Trigger.Type)) != 0 && trigger.Trigger.Type != EventType.Handover && !IsViolent(trigger.Trigger.Type))
                {
                    continue;
                }

                if (!speakerRead)
                {
                    speaker = Speaker(v, union, found);
                    speakerRead = true;
                }

                Build(v, segment, segments, trigger, violent, speaker, earlier, made, scratch, ref typesInSentence);
            }
        }

        foreach (var f in found)
        {
            if (f.Trigger.Reporting)
            {
                AddStatements(v, found, segments, made, scratch);
                break;
            }
        }

        return made;
    }

    private static ulong TypeBit(EventType type) => 1UL << (int)type;

    /// <summary>Triggers by first word: one comparer for every sort (a lambda is wrapped in a new comparer per sort).</summary>
    private sealed class ByFirstWord : IComparer<Found>
    {
        public static readonly ByFirstWord Instance = new();

        public int Compare(Found a, Found b) => a.First.CompareTo(b.First);
    }

    /// <summary>
    /// Statements: a reporting verb is news itself when it is dated ("said on Sunday") or announces something that no
    /// other event of the sentence carries ("called for", "rejected"). A method of its own so that its queries'
    /// closures are made only for sentences with a reporting verb.
    /// </summary>
    private void AddStatements(SentenceView v, List<Found> found, List<Segment> segments, List<(EventRecord, int, bool)> made, Scratch scratch)
    {
        // Loops rather than queries: their closures over the verb were made for every reporting verb.
        foreach (var r in found)
        {
            if (!r.Trigger.Reporting)
            {
                continue;
            }

            var key = r.End - r.First == 1 ? v.Key(r.First) : string.Join(' ', Enumerable.Range(r.First, r.End - r.First).Select(v.Key));
            DateMention? dated = null;
            foreach (var d in v.Dates)
            {
                var at = v.WordAt(d.Span.Start);
                if (Math.Abs(at - r.First) <= 3 || (at >= r.End && at - r.End <= 2))
                {
                    dated = d;
                    break;
                }
            }

            var announces = announcing.Contains(key) && !(AnyWithEvidence(made) && TriggerAfter(found, r));
            if (dated is null && !announces)
            {
                continue;
            }

            var segment = segments[SegmentHolding(segments, r.First)];
            if (dated is null)
            {
                // "called for it to do so in 2023": the date of what was announced, in the clause it governs.
                var at = -1;
                for (var k = 0; k < segments.Count; k++)
                {
                    if (segments[k].Start == r.End)
                    {
                        at = k;
                        break;
                    }
                }

                if (at >= 0)
                {
                    var next = segments[at];
                    var nextStart = v.Words[next.Start].Span.Start;
                    var nextEnd = next.End < v.Words.Count ? v.Words[next.End].Span.Start : v.Sentence.Span.End;
                    foreach (var d in v.Dates)
                    {
                        if (d.Span.Start >= nextStart && d.Span.Start < nextEnd && !d.Value.IsUnknown && !IsDuration(v, d))
                        {
                            dated = d;
                            break;
                        }
                    }
                }
            }

            string[] actors;
            if (Is(v, r.First, Tag.Rejected))
            {
                Actors(v, segment, r, sentenceSubject: false, scratch.Actors, scratch.Targets);
                actors = Exact(scratch.Actors);
            }
            else
            {
                actors = SpeakerOf(v, r);
            }

            if (actors.Length == 0)
            {
                continue;
            }

            var date = dated is not null ? Collapse(dated.Value) : DateFor(v, segment, segments, r, v.Document.Info.Published, scratch, out _);
            var status = Is(v, r.First, Tag.Rejected) ? EventStatus.Rejected : r.Trigger.Type == EventType.Denial ? EventStatus.Denied : EventStatus.Completed;
            var statement = new EventRecord(r.Trigger.Type, status, date, actors, Array.Empty<string>(), null, null, null, Domain.Records.Casualties.None, null, null, scratch.EvidenceOf(v));
            made.Add((statement, v.Sentence.Paragraph, dated is not null));
        }
    }

    /// <summary>
    /// Whether the segment holds an iterative phrase ("again", "for the second time"): whether the segment's keys,
    /// joined by single spaces with a space either side, contain the phrase with a space either side. Keys hold no
    /// spaces, so such a match starts at a word equal to the phrase's first word and runs over whole words: it is
    /// tested as a run of keys from the words tagged as first words, instead of joining the segment's text.
    /// </summary>
    /// <remarks>
    /// Words are compared by vocabulary id (<see cref="iterativeIds"/>), and only with the phrases that start with the
    /// word: "in", "for" and "over" start phrases and are in most segments, and comparing each of them with every
    /// phrase by key string (a vocabulary look-up per word read) was ~3 % of the stage.
    /// </remarks>
    private bool SaysIterative(SentenceView v, in Segment segment) => SaysIterative(v, segment.Start, segment.End);

    /// <summary><see cref="SaysIterative(SentenceView, in Segment)"/> of the words from <paramref name="start"/> up to <paramref name="end"/>.</summary>
    internal bool SaysIterative(SentenceView v, int start, int end)
    {
        var words = v.Words.AsSpan();
        for (var k = start; k < end; k++)
        {
            if (!Is(v, k, Tag.IterativeStart))
            {
                continue;
            }

            var id = words[k].Id;
            foreach (var phrase in iterativeIds)
            {
                if (phrase.Length == 0 || phrase[0] != id || k + phrase.Length > end)
                {
                    continue;
                }

                var all = true;
                for (var j = 1; j < phrase.Length && all; j++)
                {
                    all = words[k + j].Id == phrase[j];
                }

                if (all)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// "... where at least 33 people were killed", "Eight soldiers were wounded in the assault", "the strike killed
    /// four militants": casualties of an event already read. They are added to it instead of making a new event.
    /// </summary>
    private bool ContinuesEarlierViolence(SentenceView v, in Segment segment, FoundList violent, List<(EventRecord, int, bool)> made, List<(EventRecord Event, int Paragraph, bool ExplicitDate)> earlier)
    {
        // Loops, not queries: a query's closure over the sentence would be made for every violent segment.
        var onlyCasualties = true;
        var definite = true;
        foreach (var f in violent.AsSpan())
        {
            var casualtyWord = f.End - f.First == 1 && (Is(v, f.First, Tag.Killed) || Is(v, f.First, Tag.Injured));
            onlyCasualties &= casualtyWord;
            definite = definite && ((f.Trigger.Form == TriggerForm.Noun && IsDefinite(v, segment, f)) || casualtyWord);
        }
        if (!onlyCasualties && !definite)
        {
            return false;
        }

        // The segment's casualties are read only when an event takes them (a segment that continues nothing is
        // read again by the event it makes).
        var inSentence = made.FindLastIndex(m => IsViolent(m.Item1.Type));
        if (inSentence >= 0 && onlyCasualties)
        {
            made[inSentence] = (AddCasualties(made[inSentence].Item1, Casualties(v, segment), v.Sentence.Span), made[inSentence].Item2, made[inSentence].Item3);
            return true;
        }

        var ownDateOrPlace = v.Dates.Count > 0 || AnyNameOfKind(v, EntityKind.Facility, EntityKind.Place, EntityKind.Province);
        if (inSentence < 0 && (definite || !ownDateOrPlace))
        {
            var previous = LastViolence(earlier, v.Sentence.Paragraph);
            if (previous < 0 && definite)
            {
                previous = earlier.FindLastIndex(e => IsViolent(e.Event.Type));
            }

            if (previous >= 0)
            {
                earlier[previous] = (AddCasualties(earlier[previous].Event, Casualties(v, segment), v.Sentence.Span), earlier[previous].Paragraph, earlier[previous].ExplicitDate);
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a mention of the sentence is of one of the three kinds (a loop: a query boxed the mentions' segment and made a delegate).</summary>
    private static bool AnyNameOfKind(SentenceView v, EntityKind one, EntityKind two, EntityKind three)
    {
        foreach (var n in v.Names.AsSpan())
        {
            if (n.Entity.Kind == one || n.Entity.Kind == two || n.Entity.Kind == three)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The last violent event of the paragraph (a loop: a query's closure over the sentence was made per call).</summary>
    private static int LastViolence(List<(EventRecord Event, int Paragraph, bool ExplicitDate)> events, int paragraph)
    {
        for (var k = events.Count - 1; k >= 0; k--)
        {
            if (events[k].Paragraph == paragraph && IsViolent(events[k].Event.Type))
            {
                return k;
            }
        }

        return -1;
    }

    private static EventRecord AddCasualties(EventRecord e, Casualties more, TextSpan evidence)
    {
        if (more.Killed is null && more.Injured is null)
        {
            return e;
        }

        return e with
        {
            Casualties = new Casualties(e.Casualties.Killed ?? more.Killed, e.Casualties.Injured ?? more.Injured),
            Evidence = e.Evidence.Contains(evidence) ? e.Evidence : [.. e.Evidence, evidence],
        };
    }

    /// <summary>Whether an event of the sentence has evidence (what <c>made.Any(m => m.Evidence.Count > 0 ...)</c> asked first).</summary>
    private static bool AnyWithEvidence(List<(EventRecord, int, bool)> made)
    {
        foreach (var m in made)
        {
            if (m.Item1.Evidence.Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a trigger other than a reporting verb follows <paramref name="r"/> in the sentence.</summary>
    private static bool TriggerAfter(List<Found> found, Found r)
    {
        foreach (var f in found)
        {
            if (!f.Trigger.Reporting && f.First > r.First)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The index of the segment holding word <paramref name="word"/> (what <c>segments.First(...)</c> gave: it throws when none does).</summary>
    private static int SegmentHolding(List<Segment> segments, int word)
    {
        for (var k = 0; k < segments.Count; k++)
        {
            if (word >= segments[k].Start && word < segments[k].End)
            {
                return k;
            }
        }

        throw new InvalidOperationException("Sequence contains no matching element");
    }

    /// <summary>The sentence's triggers, written into <paramref name="result"/> (emptied first).</summary>
    private List<Found> FindTriggers(SentenceView v, Tag union, List<Found> result)
    {
        result.Clear();
        if ((union & Tag.TriggerStart) == 0)
        {
            return result;
        }

        var words = v.Words.AsSpan();
        var flags = v.WordFlags.AsSpan(0, words.Length);
        for (var i = 0; i < words.Length;)
        {
            // Most words start no trigger phrase: the word's flags rule it out before the trie is asked.
            if (((Tag)flags[i] & Tag.TriggerStart) == 0)
            {
                i++;
                continue;
            }

            // The trie read over the words in place, its values as the array they are: through the list interface
            // every word and value read was an interface call.
            var (end, values) = triggers.MatchValues(words, i);
            if (end > i && values.Length > 0)
            {
                var span = new TextSpan(words[i].Span.Start, words[end - 1].Span.End);
                // A trigger word inside a name ("Operation Inherent Resolve", "Rapid Support Forces") is part of the name.
                if (!OverlapsName(v, span))
                {
                    // "the strike" is a noun, "they strike" a verb: a determiner or a count before it decides.
                    var nounContext = i > 0 && (Is(v, i - 1, Tag.Determiner) || v.KeyIsAllDigits(i - 1) || words[i - 1].Possessive);
                    // By index: a foreach over the list's interface made an enumerator per trigger.
                    var chosen = values[0];
                    for (var x = 0; x < values.Length; x++)
                    {
                        if ((values[x].Form == TriggerForm.Noun) == nounContext)
                        {
                            chosen = values[x];
                            break;
                        }
                    }

                    result.Add(new Found(i, end, chosen));
                    i = end;
                    continue;
                }
            }

            i++;
        }

        return result;
    }

    private static bool InsideQuantity(SentenceView v, TextSpan word)
    {
        foreach (var q in v.Quantities)
        {
            if (q.Span.Contains(word))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a mention of the sentence that is not anaphoric overlaps <paramref name="span"/>.</summary>
    /// <remarks>
    /// Asked of the sentence's groups, whose spans lie side by side in one array and ascend, so the walk stops at the
    /// first group starting after the span; only a group that overlaps has its mentions read. Asking the mentions
    /// followed a reference to every mention of the sentence for every trigger (most triggers overlap no name).
    /// </remarks>
    internal static bool OverlapsName(SentenceView v, TextSpan span)
    {
        foreach (ref readonly var g in v.NameGroups)
        {
            if (g.Span.Start >= span.End)
            {
                break;
            }

            if (g.Span.Overlaps(span))
            {
                foreach (var n in v.Members(g))
                {
                    if (!n.Anaphoric)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>
    /// What starts at a word of a sentence: no segment (<see cref="None"/>), or one whose opener is the word's own key
    /// (<see cref="WordKey"/>) or one of the fixed openers. A number, not the opener's string: the array of cuts is
    /// cleared for every sentence with a trigger and written at its breaks and openers, and an array of references
    /// cost a clear that must keep the GC informed and a type check and write barrier per store (~2 % of the stage).
    /// </summary>
    internal enum Cut : byte
    {
        None = 0,
        /// <summary>A segment with the opener "" (a hard break, or a first word that opens nothing).</summary>
        Plain,
        Retaliation,
        Main,
        Reported,
        Reporting,
        /// <summary>A segment whose opener is the key of the word it starts at (a clause opener).</summary>
        WordKey,
    }

    private List<Segment> Segments(SentenceView v, Tag union, List<Found> found, Scratch scratch)
    {
        // What starts at each word (Cut.None where nothing does): a word-indexed array rather than a sorted map,
        // since cuts are made at word indexes and read back in order.
        var length = Math.Max(1, v.Words.Count);
        if (scratch.Cuts.Length < length)
        {
            scratch.Cuts = new Cut[Math.Max(length, 2 * scratch.Cuts.Length)];
        }

        var cuts = scratch.Cuts.AsSpan(0, length);
        cuts.Clear();
        cuts[0] = v.Words.Count > 0 ? OpenerAt(v, 0) : Cut.Plain;
        // Asked of every word of a sentence with a trigger: the words' flags (their tags and the marks before them,
        // FillWordFlags) are read in place, and the walk is skipped when no word is a break, an opener or "retaliation".
        var words = v.Words.AsSpan();
        var flags = v.WordFlags.AsSpan(0, words.Length);
        if ((union & (Tag.HardBreakBefore | Tag.Clause | Tag.Retaliation)) != 0)
        {
            for (var i = 1; i < words.Length; i++)
            {
                // Most words are none of these: answered from the flags alone, without reading the word.
                var flag = (Tag)flags[i];
                if ((flag & (Tag.HardBreakBefore | Tag.Clause | Tag.In)) == 0)
                {
                    continue;
                }

                // Words are told by id; only a clause opener's key (a registered word's shared string) is read.
                if ((flag & Tag.HardBreakBefore) != 0)
                {
                    cuts[i] = Cut.Plain;
                    continue;
                }

                var id = words[i].Id;
                if (id == KnownWord.In && Is(v, i + 1, Tag.Retaliation))
                {
                    cuts[i] = Cut.Retaliation;
                }
                else if ((flag & Tag.Clause) != 0 && (id != KnownWord.As || (flag & Tag.CommaBefore) != 0) && !(id == KnownWord.After && words[i - 1].Id == KnownWord.Shortly))
                {
                    cuts[i] = Cut.WordKey;
                }
            }
        }

        // "Following the October 7, 2023, attacks in Israel, militias launched ...": an opening subordinate clause
        // ends at the first comma that is followed by a name or a capitalised word.
        if (cuts[0] != Cut.Plain && (union & Tag.CommaBefore) != 0)
        {
            for (var i = 1; i < v.Words.Count; i++)
            {
                // Only a comma can end it: the rest is asked of commas alone.
                if (((Tag)flags[i] & Tag.CommaBefore) == 0)
                {
                    continue;
                }

                var next = Is(v, i, Tag.Determiner) && i + 1 < v.Words.Count ? i + 1 : i;
                if (!CommaInDate(v, i) && (v.Words[next].IsCapitalised || NameStartingAt(v, v.Words[next].Span.Start) is not null))
                {
                    if (cuts[i] == Cut.None)
                    {
                        cuts[i] = Cut.Main;
                    }

                    break;
                }
            }
        }

        foreach (var r in found)
        {
            if (!r.Trigger.Reporting)
            {
                continue;
            }

            // "X said [that] ...": what follows is the reported clause.
            if (r.End < v.Words.Count)
            {
                if (cuts[r.End] == Cut.None)
                {
                    cuts[r.End] = Cut.Reported;
                }
            }

            // "..., the ministry statement added.": the reporting clause closes the sentence. Whether the verb is one
            // that can close it is asked once per verb, by id (the loop asked its key and compared it with ten strings
            // before every word it looked back at).
            if (IsIn(closingReportingVerbs, v, r.First))
            {
                for (var k = r.First; k > 0 && k > r.First - 6; k--)
                {
                    if (v.BetweenInPlace(words[k - 1].Span.End, words[k].Span.Start).Contains(',') && r.End >= words.Length - 1)
                    {
                        cuts[k] = Cut.Reporting;
                        break;
                    }
                }
            }
        }

        var segments = scratch.Segments;
        segments.Clear();
        for (var start = 0; start < cuts.Length; start++)
        {
            if (cuts[start] == Cut.None)
            {
                continue;
            }

            var opener = cuts[start];
            var end = start + 1;
            while (end < cuts.Length && cuts[end] == Cut.None)
            {
                end++;
            }

            var segment = new Segment(start, end < cuts.Length ? end : v.Words.Count, opener, -1);
            if (OpenerIs(v, segment, Cut.Reported, "reported") && ReporterEndingAt(found, start) is { } reporter)
            {
                segment = segment with { ReporterFirst = reporter.First };
            }

            segments.Add(segment);

            // The next cut is at the segment's end: the words between were read by the walk above.
            start = end - 1;
        }

        return segments;
    }

    private static Found? ReporterEndingAt(List<Found> found, int end)
    {
        foreach (var f in found)
        {
            if (f.Trigger.Reporting && f.End == end)
            {
                return f;
            }
        }

        return null;
    }

    /// <summary>Whether a date spans the gap before word <paramref name="i"/> ("October 7, 2023").</summary>
    private static bool CommaInDate(SentenceView v, int i)
    {
        foreach (var d in v.Dates)
        {
            if (d.Span.Start < v.Words[i].Span.Start && d.Span.End > v.Words[i - 1].Span.End)
            {
                return true;
            }
        }

        return false;
    }

    private Cut OpenerAt(SentenceView v, int i) =>
        v.Words.IdAt(i) == KnownWord.In && Is(v, i + 1, Tag.Retaliation) ? Cut.Retaliation : Is(v, i, Tag.Clause) && v.Words.IdAt(i) != KnownWord.As ? Cut.WordKey : Cut.Plain;

    // ---- one event -------------------------------------------------------------------------------------------

    /// <summary>
    /// The trigger's event (one per place for a handover or withdrawal), added to <paramref name="made"/> and its type
    /// to <paramref name="typesInSentence"/>. The events of earlier sentences and those this sentence made so far are
    /// read before the first is added.
    /// </summary>
    private void Build(
        SentenceView v,
        in Segment segment,
        List<Segment> segments,
        Found t,
        FoundList violent,
        string? speaker,
        List<(EventRecord Event, int Paragraph, bool ExplicitDate)> earlier,
        List<(EventRecord Event, int Paragraph, bool ExplicitDate)> made,
        Scratch scratch,
        ref ulong typesInSentence)
    {
        var type = t.Trigger.Type;
        var isViolent = IsViolent(type);

        // "the withdrawal", "The US withdrawal", "the heavy bombardment": a known event named again.
        if (t.Trigger.Form == TriggerForm.Noun && IsDefinite(v, segment, t) &&
            (AnyNamedAgain(earlier, type, isViolent, v.Sentence.Paragraph) || AnyNamedAgain(made, type, isViolent, v.Sentence.Paragraph)))
        {
            return;
        }

        // "its attacks on shipping are ...": a group's attacks in general, not one event.
        if (t.Trigger.Form == TriggerForm.Noun && t.First > segment.Start && IsIn(possessivePronouns, v, t.First - 1) && v.Key(t.End - 1).EndsWith('s'))
        {
            return;
        }

        // "did not withdraw", "no attack": the text says it did not happen.
        for (var k = Math.Max(segment.Start, t.First - 3); k < t.First; k++)
        {
            if (Is(v, k, Tag.Negation) && type != EventType.Denial)
            {
                return;
            }
        }

        var status = Status(v, segment, t, out var purpose);
        if (purpose)
        {
            return;
        }

        var actors = scratch.Actors;
        var targets = scratch.Targets;
        Actors(v, segment, t, sentenceSubject: !IsRetaliation(v, segment), actors, targets);
        if (isViolent)
        {
            foreach (var other in violent.AsSpan())
            {
                if (other != t && other.First >= segment.Start && other.First < segment.End)
                {
                    // What Union gives: targets (distinct already), then the other's targets not among them.
                    Actors(v, segment, other, sentenceSubject: false, scratch.OtherActors, scratch.OtherTargets);
                    AddDistinct(targets, scratch.OtherTargets);
                }
            }
        }

        if (isViolent && actors.Count == 0)
        {
            // "Ten soldiers killed in an IS attack": the attack's own modifier names who did it.
            string? named = null;
            foreach (var o in violent.AsSpan())
            {
                if (o.First > t.First && o.First >= segment.Start && o.First < segment.End && NounModifierActor(v, segment, o) is { } actor)
                {
                    named = actor;
                    break;
                }
            }

            if (named is not null)
            {
                actors.Clear();
                actors.Add(named);
                // A local of this rare branch for the predicate, so that its closure is made only here.
                var actor = named;
                targets.RemoveAll(target => target == actor);
            }
        }

        var places = Places(v, segment, t, actors, targets);
        var inferred = false;
        (string? Admin1, string? Country) inheritedAdmin = (null, null);
        if (places.Length == 0 && isViolent)
        {
            var latest = LastPlacedViolence(made, v.Sentence.Paragraph);
            var inEarlier = latest >= 0 ? -1 : LastPlacedViolence(earlier, v.Sentence.Paragraph);
            var previous = latest >= 0 ? made[latest] : inEarlier >= 0 ? earlier[inEarlier] : default;
            if (previous.Event is not null)
            {
                var entity = scratch.FirstEntityNamed(v.Document, previous.Event.Place!);
                if (entity is not null)
                {
                    places = [entity];
                    inferred = true;
                    inheritedAdmin = (previous.Event.Admin1, previous.Event.Country);
                }
            }
        }

        var date = DateFor(v, segment, segments, t, status is EventStatus.Completed or EventStatus.Ongoing ? v.Document.Info.Published : null, scratch, out var explicitDate);
        var casualties = isViolent ? Casualties(v, segment) : Domain.Records.Casualties.None;
        var quantity = type is EventType.Deployment or EventType.Withdrawal or EventType.Invasion ? TroopCount(v, segment) : null;

        if (type is EventType.Withdrawal or EventType.Deployment && actors.Count == 0 && places.Length == 0)
        {
            return;
        }

        // The event's own arrays, shared by the events of its places (the scratch lists are the next trigger's).
        var actorNames = Exact(actors);
        var targetNames = Exact(targets);
        var evidence = scratch.EvidenceOf(v);

        // By index (a foreach over Cast's enumerable boxed the list's enumerator for every event); no place reads as one null place.
        for (var p = 0; p < Math.Max(1, places.Length); p++)
        {
            var place = places.Length == 0 ? null : places[p];
            var (admin1, country) = place is null ? (null, null) : AdminOf(place);
            // The province the text names right after a place outranks a gazetteer's guess among places of one name.
            if (place is not null && place.Kind is not (EntityKind.Country or EntityKind.Region or EntityKind.Province) && ProvinceAfter(v, place) is { } province)
            {
                (admin1, country) = AdminOf(province);
            }

            if (inferred && admin1 is null && country is null)
            {
                // The earlier event read its province from its own sentence ("in Dzadran district, Paktiya province").
                (admin1, country) = inheritedAdmin;
            }

            typesInSentence |= TypeBit(type);
            made.Add((new EventRecord(type, status, date, actorNames, targetNames, place?.Name, admin1, country, casualties, quantity, speaker, evidence) { PlaceInferred = inferred }, v.Sentence.Paragraph, explicitDate));
            if (type != EventType.Handover && type != EventType.Withdrawal)
            {
                break;
            }
        }
    }

    // Loops rather than delegates over the events: a delegate capturing the sentence would be made for every trigger.
    private static bool AnyNamedAgain(List<(EventRecord Event, int Paragraph, bool ExplicitDate)> events, EventType type, bool isViolent, int paragraph)
    {
        foreach (var e in events)
        {
            if (e.Event.Type == type || (isViolent && IsViolent(e.Event.Type) && e.Paragraph == paragraph))
            {
                return true;
            }
        }

        return false;
    }

    private static int LastPlacedViolence(List<(EventRecord Event, int Paragraph, bool ExplicitDate)> events, int paragraph)
    {
        for (var k = events.Count - 1; k >= 0; k--)
        {
            if (events[k].Paragraph == paragraph && events[k].Event.Place is not null && IsViolent(events[k].Event.Type))
            {
                return k;
            }
        }

        return -1;
    }

    /// <summary>
    /// "in Dzadran district, Paktiya province", "near the Watangatu School in Alishang District of Laghman Province":
    /// a place the gazetteer does not know still lies in the province named right after it.
    /// </summary>
    private EntityRecord? ProvinceAfter(SentenceView v, EntityRecord place)
    {
        var at = FirstMentionOf(v.Names, place.Name);
        if (at is null)
        {
            return null;
        }

        var k = v.EndWordOf(at.Span);
        for (var steps = 0; k < v.Words.Count && steps < 8; steps++)
        {
            var mention = NameStartingAt(v, v.Words[k].Span.Start);
            if (mention is not null)
            {
                if (mention.Entity.Kind == EntityKind.Province)
                {
                    return mention.Entity;
                }

                if (mention.Entity.Kind != EntityKind.Unknown)
                {
                    return null;
                }

                k = v.EndWordOf(mention.Span);
                continue;
            }

            // "Pul-e ‘Alam district": the Persian linking "-e" and the rest of a name the scanner split.
            var tail = v.Key(k) is "e" or "ye" or "i" || (v.Words[k].IsCapitalised && v.BetweenInPlace(v.Words[k - 1].Span.End, v.Words[k].Span.Start).Trim() is "" or "‘" or "'" or "’");
            if (tail)
            {
                k++;
                continue;
            }

            if (!Is(v, k, Tag.ApposedPlaceWord) || v.BetweenInPlace(v.Words[k - 1].Span.End, v.Words[k].Span.Start).Trim() is not ("" or ","))
            {
                return null;
            }

            k++;
        }

        return null;
    }

    private static (string? Admin1, string? Country) AdminOf(EntityRecord place) => place.Kind switch
    {
        EntityKind.Country => (null, place.Name),
        EntityKind.Province => (place.Name, place.Country),
        _ => (place.Admin1, place.Country),
    };

    private bool IsDefinite(SentenceView v, in Segment segment, Found t)
    {
        for (var k = t.First - 1; k >= Math.Max(segment.Start, t.First - 4); k--)
        {
            var key = v.Key(k);
            var word = v.Words[k].Span;
            if (HasDigit(key) || DateContains(v, word))
            {
                return false;
            }

            if (Is(v, k, Tag.Definite))
            {
                return true;
            }

            if (key is "a" or "an" || Is(v, k, Tag.NotActor) || v.Words[k].Possessive && !NameOverlaps(v, word))
            {
                return false;
            }
        }

        return false;
    }

    // Loops rather than queries, here and below: a lambda over the sentence or a word made a closure on every call.
    private static bool HasDigit(string key)
    {
        foreach (var c in key)
        {
            if (char.IsDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool DateContains(SentenceView v, TextSpan span)
    {
        foreach (var d in v.Dates)
        {
            if (d.Span.Contains(span))
            {
                return true;
            }
        }

        return false;
    }

    // The three below ask the sentence's groups (every mention's span is its group's; the spans lie in one array,
    // ascending) instead of following a reference to each mention.
    internal static bool NameOverlaps(SentenceView v, TextSpan span)
    {
        foreach (ref readonly var g in v.NameGroups)
        {
            if (g.Span.Start >= span.End)
            {
                break;
            }

            if (g.Span.Overlaps(span))
            {
                return true;
            }
        }

        return false;
    }

    internal static bool NameEndsAt(SentenceView v, int end)
    {
        foreach (ref readonly var g in v.NameGroups)
        {
            if (g.Span.End == end)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The first mention of the sentence that starts at <paramref name="start"/> (what <c>FirstOrDefault</c> gave): the
    /// head of the first group starting there, since mentions are ordered by start and groups by their first mention.
    /// </summary>
    internal static NameMention? NameStartingAt(SentenceView v, int start)
    {
        foreach (ref readonly var g in v.NameGroups)
        {
            if (g.Span.Start >= start)
            {
                return g.Span.Start == start ? g.Head : null;
            }
        }

        return null;
    }

    private static NameMention? FirstMentionOf(ReadOnlySpan<NameMention> names, string name)
    {
        foreach (var n in names)
        {
            if (n.Entity.Name == name)
            {
                return n;
            }
        }

        return null;
    }

    private EventStatus Status(SentenceView v, in Segment segment, Found t, out bool purpose)
    {
        purpose = false;
        var from = Math.Max(segment.Start, t.First - 4);
        if (t.First > 0 && v.Words.IdAt(t.First - 1) == KnownWord.To && t.Trigger.Form == TriggerForm.Verb)
        {
            var before = v.Key(t.First - 2);
            var tags = TagAt(v, t.First - 2);
            if ((tags & Tag.Considered) != 0)
            {
                return EventStatus.Considered;
            }

            if ((tags & Tag.Planned) != 0 || before is "agreed" or "ordered" or "decided" or "want" or "wants" or "sought" or "seeks")
            {
                return EventStatus.Planned;
            }

            if ((tags & Tag.Rejected) != 0)
            {
                return EventStatus.Rejected;
            }

            if (before is not ("due" or "forced" or "began" or "begun" or "started" or "continued" or "continue" or "continues"))
            {
                purpose = true;
                return EventStatus.Planned;
            }
        }

        for (var k = t.First - 1; k >= from; k--)
        {
            var tags = TagAt(v, k);
            if ((tags & Tag.Considered) != 0)
            {
                return EventStatus.Considered;
            }

            if ((tags & Tag.Planned) != 0)
            {
                return EventStatus.Planned;
            }

            if ((tags & Tag.Rejected) != 0)
            {
                return EventStatus.Rejected;
            }
        }

        var word = v.Key(t.First);
        var progressive = word.EndsWith("ing", StringComparison.Ordinal) && t.First > 0 && IsIn(progressiveAuxiliaries, v, t.First - 1);
        return progressive || SaysOngoing(v, segment) ? EventStatus.Ongoing : EventStatus.Completed;
    }

    private bool SaysOngoing(SentenceView v, in Segment segment)
    {
        for (var k = segment.Start; k < segment.End; k++)
        {
            if (Is(v, k, Tag.Ongoing) && v.Key(k) is not ("remain" or "remains"))
            {
                return true;
            }
        }

        return false;
    }

    // ---- who did it, to whom ---------------------------------------------------------------------------------

    /// <summary>The trigger's actors and targets, written into the two lists (emptied first).</summary>
    private void Actors(SentenceView v, in Segment segment, Found t, bool sentenceSubject, List<string> actors, List<string> targets)
    {
        var passive = t.Trigger.Form == TriggerForm.Verb && (AuxiliaryBefore(v, segment, t) || ReducedPassive(v, segment, t));
        var left = NearestGroup(v, segment.Start, t.First);
        actors.Clear();
        targets.Clear();
        var isViolent = IsViolent(t.Trigger.Type);

        if (passive && !t.Trigger.Mover)
        {
            targets.AddRange(left);
            // "... by Iran and Iranian-backed groups"
            for (var k = t.End; k < segment.End; k++)
            {
                if (v.Words.IdAt(k) == KnownWord.By)
                {
                    actors.AddRange(NearestGroupAfter(v, k + 1, segment.End));
                    break;
                }
            }
        }
        else
        {
            actors.AddRange(left);
        }

        // The object of a movement verb is what moves: "withdrew US forces from", "sent 500 troops to".
        if (t.Trigger.Mover && !passive)
        {
            var moved = FirstActorAfter(v, t.End, Math.Min(segment.End, t.End + 4), allowPrepositions: false);
            if (moved is not null)
            {
                actors.Insert(0, moved);
            }
        }

        // "the withdrawal of foreign forces", "an attack by militants"
        if (t.Trigger.Form == TriggerForm.Noun && actors.Count == 0 && IsIn(ofOrBy, v, t.End))
        {
            var after = FirstActorAfter(v, t.End + 1, Math.Min(segment.End, t.End + 5), allowPrepositions: false);
            if (after is not null)
            {
                actors.Add(after);
            }
        }

        if (isViolent || t.Trigger.Type is EventType.Handover or EventType.Abduction or EventType.Arrest or EventType.TerritoryTaken)
        {
            AddTargets(targets, v, segment, t);
        }

        // "AFRICOM said it carried out an air strike": the reported clause's pronoun is the speaker.
        var opening = v.Words.IdAt(segment.Start) == KnownWord.That ? segment.Start + 1 : segment.Start;
        if (actors.Count == 0 && !passive && segment.ReporterFirst >= 0 && IsIn(reporterPronouns, v, opening))
        {
            actors.AddRange(SpeakerOf(v, segment.ReporterFirst, segment.Start));
        }

        if (actors.Count == 0 && sentenceSubject && !passive && t.Trigger.Type is EventType.Invasion or EventType.Withdrawal or EventType.Deployment or EventType.RoleChange or EventType.BaseEstablished)
        {
            // "The US military presence in Iraq has fluctuated since the 2003 invasion": the sentence's subject.
            // A loop, not a query: a query's closure over the sentence would be made on every call.
            var triggerStart = v.Words[t.First].Span.Start;
            foreach (var n in v.Names)
            {
                if (n.Span.End <= triggerStart && SentenceView.IsActorKind(n.Entity.Kind) && !Excluded(v, n) && !targets.Contains(n.Entity.Name))
                {
                    actors.Add(n.Entity.Name);
                    break;
                }
            }
        }

        // What Distinct gives for each, and targets that are not also actors (lists of a few names: no hash sets),
        // kept in the lists themselves rather than copied.
        KeepFirst(actors, null);
        KeepFirst(targets, actors);
    }

    /// <summary>Removes the repeats of earlier items and the items <paramref name="excluded"/> holds, keeping the order.</summary>
    private static void KeepFirst(List<string> list, List<string>? excluded)
    {
        var kept = 0;
        for (var k = 0; k < list.Count; k++)
        {
            var item = list[k];
            if (excluded?.Contains(item) == true || list.IndexOf(item, 0, kept) >= 0)
            {
                continue;
            }

            list[kept++] = item;
        }

        list.RemoveRange(kept, list.Count - kept);
    }

    // "was", "were", "been" in the two words before the trigger (inside its segment).
    private bool AuxiliaryBefore(SentenceView v, in Segment segment, Found t)
    {
        for (var k = Math.Max(segment.Start, t.First - 2); k < t.First; k++)
        {
            if (Is(v, k, Tag.PassiveAux))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// "Ten soldiers killed in an IS attack", "US soldier wounded near Mosul": a headline's participle without "were".
    /// A casualty verb in -ed right after its noun and right before a preposition is passive.
    /// </summary>
    private bool ReducedPassive(SentenceView v, in Segment segment, Found t) =>
        t.End == t.First + 1 && v.Key(t.First).EndsWith("ed", StringComparison.Ordinal) && (Is(v, t.First, Tag.Killed) || Is(v, t.First, Tag.Injured))
        && t.First > segment.Start && t.End < segment.End && Is(v, t.End, Tag.AfterParticiple)
        && v.BetweenInPlace(v.Words[t.First - 1].Span.End, v.Words[t.First].Span.Start).Trim().Length == 0
        && (Is(v, t.First - 1, Tag.People) || Is(v, t.First - 1, Tag.OnePerson) || NameEndsAt(v, v.Words[t.First - 1].Span.End));

    /// <summary>"in an IS attack", "a Taliban ambush": the name right before a later violent word is who carried it out.</summary>
    private static string? NounModifierActor(SentenceView v, in Segment segment, Found noun)
    {
        // The last actor group before the noun (a loop over the groups in place, their kinds and word ranges read).
        var groups = v.MentionsIn(Math.Max(segment.Start, noun.First - 3), noun.First);
        for (var k = groups.Length - 1; k >= 0; k--)
        {
            ref readonly var group = ref groups[k];
            if (SentenceView.IsActorKind(group.Kind))
            {
                return group.EndWord >= noun.First - 1 && !v.Words[group.EndWord - 1].Possessive ? group.Head.Entity.Name : null;
            }
        }

        return null;
    }

    /// <summary>Adds the trigger's targets to <paramref name="targets"/> (a loop filling the list, not an iterator: asked of every violent event).</summary>
    private void AddTargets(List<string> targets, SentenceView v, in Segment segment, Found t)
    {
        var afterKill = false;
        foreach (ref readonly var group in v.MentionsIn(t.End, segment.End))
        {
            var first = group.FirstWord;
            for (var k = t.End; k < first; k++)
            {
                afterKill |= Is(v, k, Tag.Killed) || Is(v, k, Tag.Injured);
            }

            if (!SentenceView.IsActorKind(group.Kind) || v.Words[group.EndWord - 1].Possessive)
            {
                continue;
            }

            var before = PreviousContentWord(v, first);
            var direct = before == t.End - 1 && t.Trigger.Form == TriggerForm.Verb;
            var marked = IsIn(targetMarkers, v, before);
            if (direct || marked || (afterKill && group.Kind == EntityKind.Person) || (before >= 0 && (Is(v, before, Tag.Killed) || Is(v, before, Tag.Injured))))
            {
                foreach (var m in v.Members(group))
                {
                    targets.Add(m.Entity.Name);
                }
            }
        }
    }

    /// <summary>
    /// The actor-kind mentions nearest before <paramref name="end"/>, with those coordinated to them by "and" or commas.
    /// The list is the sentence's memo: callers copy it, never modify it.
    /// </summary>
    private List<string> NearestGroup(SentenceView v, int start, int end)
    {
        // The speaker rules ask the same range once per reporting verb and again per event; the answer depends on
        // the sentence alone, so it is found once (its text clean-up is the costly part). A list searched in order,
        // not a dictionary: a sentence asks one or two ranges (1.6 on the reference corpus, 85 % of them new), and
        // hashing each pair cost more than comparing it with the few kept.
        var known = v.NearestGroups ??= [];
        foreach (var (knownStart, knownEnd, names) in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(known))
        {
            if (knownStart == start && knownEnd == end)
            {
                return names;
            }
        }

        var group = FindNearestGroup(v, start, end);
        known.Add((start, end, group));
        return group;
    }

    /// <summary>The memo's answer for a range with no actor group: one shared list (callers never modify the memo's lists).</summary>
    private static readonly List<string> NoNames = [];

    private List<string> FindNearestGroup(SentenceView v, int start, int end)
    {
        // The actor mentions are walked from the last back to the first one not coordinated with those after it:
        // only that run is read, so the mentions before it are never tested.
        // The run is kept as indexes into the mentions, on the stack: asked for many ranges per sentence, and a
        // list per range was one more allocation each time.
        var mentions = v.MentionsIn(start, end);
        var group = mentions.Length <= 64 ? stackalloc int[mentions.Length] : new int[mentions.Length];
        var count = 0;
        for (var k = mentions.Length - 1; k >= 0; k--)
        {
            ref readonly var candidate = ref mentions[k];
            if (!SentenceView.IsActorKind(candidate.Kind) || Excluded(v, candidate))
            {
                continue;
            }

            if (count > 0 && !IsActorLink(v.BetweenInPlace(candidate.Span.End, mentions[group[count - 1]].Span.Start)))
            {
                break;
            }

            group[count++] = k;
        }

        if (count == 0)
        {
            return NoNames;
        }

        // The names in text order, each once.
        var names = new List<string>(count);
        for (var k = count - 1; k >= 0; k--)
        {
            foreach (var m in v.Members(mentions[group[k]]))
            {
                if (!names.Contains(m.Entity.Name))
                {
                    names.Add(m.Entity.Name);
                }
            }
        }

        return names;
    }

    /// <summary>
    /// Whether the text between two actors coordinates them ("," "and" "as well as" ...), counts aside ("Alpha and
    /// two Beta"): the text without counts, trimmed, lower-cased and with single spaces, is one of the links.
    /// </summary>
    internal static bool IsActorLink(ReadOnlySpan<char> between)
    {
        if (HoldsNonLinkWord(between))
        {
            return false;
        }

        var cleaned = Spaces().Replace(Counts().Replace(between.ToString(), " ").Trim().ToLowerInvariant(), " ");
        return cleaned is "," or "and" or ", and" or "or" or "and the" or "&" or "as well as" or "and other";
    }

    private static readonly string[] LinkAndCountWords =
    [
        "and", "or", "the", "as", "well", "other",
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "dozens", "hundreds", "thousands", "several", "some",
    ];

    /// <summary>
    /// True when the text between two actors holds a word of ASCII letters that is neither a word of the accepted
    /// links (and, or, the, as well as, other) nor one the count pattern removes: such a word is still there after
    /// the clean-up, so the text is no link. Most texts between two actors are ("said", "told"), and this answers
    /// them in place, where the clean-up cuts, regex-replaces and lower-cases new strings. A word with anything but
    /// ASCII letters (digits, other scripts) is left to the clean-up: the run is then bounded by ASCII characters
    /// that are no word characters, so the pattern's <c>\b</c> can only match at its ends and never removes part of it.
    /// </summary>
    internal static bool HoldsNonLinkWord(ReadOnlySpan<char> between)
    {
        var k = 0;
        while (k < between.Length)
        {
            if (!MayBeWordChar(between[k]))
            {
                k++;
                continue;
            }

            var start = k;
            var asciiLetters = true;
            while (k < between.Length && MayBeWordChar(between[k]))
            {
                asciiLetters &= char.IsAsciiLetter(between[k]);
                k++;
            }

            if (asciiLetters && !IsLinkOrCountWord(between[start..k]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A character a regex <c>\w</c> may match: ASCII letters, digits and '_', and anything outside ASCII.</summary>
    private static bool MayBeWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_' || c > '\x7F';

    private static bool IsLinkOrCountWord(ReadOnlySpan<char> word)
    {
        foreach (var known in LinkAndCountWords)
        {
            if (word.Equals(known, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private List<string> NearestGroupAfter(SentenceView v, int start, int end)
    {
        // A loop over the groups in range, keeping the previous actor group (a query, a list of candidates and an
        // iterator per group were made for every passive trigger).
        var result = new List<string>();
        var previousEnd = -1;
        foreach (ref readonly var g in v.MentionsIn(start, end))
        {
            if (!SentenceView.IsActorKind(g.Kind))
            {
                continue;
            }

            if (previousEnd >= 0)
            {
                var between = v.Between(previousEnd, g.Span.Start).Trim().ToLowerInvariant();
                if (between is not ("," or "and" or ", and" or "or" or "and the"))
                {
                    break;
                }
            }

            foreach (var m in v.Members(g))
            {
                result.Add(m.Entity.Name);
            }

            previousEnd = g.Span.End;
        }

        return result;
    }

    private string? FirstActorAfter(SentenceView v, int start, int end, bool allowPrepositions)
    {
        foreach (ref readonly var group in v.MentionsIn(start, end))
        {
            if (!SentenceView.IsActorKind(group.Kind) || (group.Kind == EntityKind.Country && !allowPrepositions))
            {
                continue;
            }

            if (!allowPrepositions && Excluded(v, group))
            {
                return null;
            }

            return group.Head.Entity.Name;
        }

        return null;
    }

    /// <summary>A name after "in", "against", "by"... is not the clause's actor; nor is a possessive ("Iraq’s").</summary>
    private bool Excluded(SentenceView v, NameMention mention) => Excluded(v, mention.Span, v.FirstWordOf(mention.Span), v.EndWordOf(mention.Span));

    /// <summary><see cref="Excluded(SentenceView, NameMention)"/> of a group's span, its word range read from the group.</summary>
    private bool Excluded(SentenceView v, in NameGroup group) => Excluded(v, group.Span, group.FirstWord, group.EndWord);

    private bool Excluded(SentenceView v, TextSpan span, int first, int end)
    {
        if (end > 0 && end <= v.Words.Count && v.Words[end - 1].Possessive && span.End < v.Words[end - 1].Span.End)
        {
            return true;
        }

        var before = PreviousContentWord(v, first);
        return before >= 0 && Is(v, before, Tag.NotActor);
    }

    private int PreviousContentWord(SentenceView v, int first)
    {
        var k = first - 1;
        while (k >= 0 && (Is(v, k, Tag.Determiner) || v.KeyIsAllDigits(k) || InsideQuantity(v, v.Words[k].Span)))
        {
            k--;
        }

        return k;
    }

    // ---- where ------------------------------------------------------------------------------------------------

    /// <summary>
    /// Whether <see cref="BestPlace"/> reads a group's verdict found by an earlier search of the same trigger (always,
    /// but in the test that compares the events read with and without it: each search finding every verdict again is
    /// what the rule did before).
    /// </summary>
    internal static bool ReusePlaceVerdicts { get; set; } = true;

    // What PlaceVerdict finds of a group for one trigger (0: not asked yet).
    private const byte NeverPlace = 1;
    private const byte PlaceWithoutPreposition = 2;
    private const byte PlaceAfterPreposition = 3;

    private EntityRecord[] Places(SentenceView v, in Segment segment, Found t, List<string> actors, List<string> targets)
    {
        // A handover's place is what is handed: "leaving the installations under the control of", "handed over X":
        // the last place but a country in the four words before, else the first place in the four after.
        if (t.Trigger.Type == EventType.Handover)
        {
            var before = v.MentionsIn(Math.Max(segment.Start, t.First - 4), t.First);
            for (var k = before.Length - 1; k >= 0; k--)
            {
                if (SentenceView.IsPlaceKind(before[k].Kind) && before[k].Kind != EntityKind.Country)
                {
                    return EntitiesOf(v, before[k]);
                }
            }

            foreach (ref readonly var g in v.MentionsIn(t.End, Math.Min(segment.End, t.End + 4)))
            {
                if (SentenceView.IsPlaceKind(g.Kind))
                {
                    return EntitiesOf(v, g);
                }
            }
        }

        // The searches below read overlapping runs of the sentence's groups (after the trigger, before it, the
        // segment, the sentence): what a group is depends on the trigger alone, so each group's verdict is found
        // once, by its index among the sentence's groups, and read again by the later searches.
        var groupCount = v.NameGroups.Length;
        Span<byte> verdicts = groupCount <= 64 ? stackalloc byte[groupCount] : new byte[groupCount];

        // The nearest run of places after the trigger: "at Al-Asad Air Base in Anbar province" is the base.
        var best = BestPlace(v, v.MentionsRange(t.End, segment.End), needPreposition: true, t.End, verdicts, t, actors, targets)
                   ?? BestPlace(v, v.MentionsRange(segment.Start, t.First), needPreposition: true, t.First, verdicts, t, actors, targets)
                   ?? BestPlace(v, v.MentionsRange(segment.Start, segment.End), needPreposition: false, t.First, verdicts, t, actors, targets);
        if (best is not null)
        {
            return best;
        }

        return !IsRetaliation(v, segment) ? BestPlace(v, v.MentionsRange(0, v.Words.Count), needPreposition: true, t.First, verdicts, t, actors, targets) ?? [] : [];
    }

    /// <summary>
    /// The most precise place among the sentence's groups <paramref name="range"/>, the nearest to the anchor of
    /// equally precise ones, the first of equally near ones (what ordering by rank, then distance, gives); null when no
    /// group is a place. <paramref name="verdicts"/> holds each group's <see cref="PlaceVerdict"/> for the trigger, by
    /// its index among the sentence's groups, found here when not yet asked.
    /// </summary>
    private EntityRecord[]? BestPlace(SentenceView v, (int From, int Count) range, bool needPreposition, int anchor, Span<byte> verdicts, Found t, List<string> actors, List<string> targets)
    {
        var groups = v.NameGroups;
        var best = -1;
        int bestRank = 0, bestDistance = 0;
        for (var k = range.From; k < range.From + range.Count; k++)
        {
            ref readonly var g = ref groups[k];
            var verdict = verdicts[k];
            if (verdict == 0 || !ReusePlaceVerdicts)
            {
                verdict = PlaceVerdict(v, g, t, actors, targets);
                verdicts[k] = verdict;
            }

            // A place only with a preposition before it, or where none is needed.
            if (verdict != PlaceAfterPreposition && (verdict != PlaceWithoutPreposition || needPreposition))
            {
                continue;
            }

            var rank = SentenceView.PlaceRank(g.Kind);
            var distance = Math.Abs(g.FirstWord - anchor);
            if (best < 0 || rank < bestRank || (rank == bestRank && distance < bestDistance))
            {
                (best, bestRank, bestDistance) = (k, rank, distance);
            }
        }

        return best < 0 ? null : EntitiesOf(v, groups[best]);
    }

    /// <summary>
    /// Whether the group can be the trigger's place: never (<see cref="NeverPlace"/>), only where the rule needs no
    /// preposition before it (<see cref="PlaceWithoutPreposition"/>), or also where it does
    /// (<see cref="PlaceAfterPreposition"/>). What a test per search asked again for every search the group was in.
    /// </summary>
    private byte PlaceVerdict(SentenceView v, in NameGroup g, Found t, List<string> actors, List<string> targets)
    {
        // A name of no place kind is never one, whatever precedes it: answered before the words before it are read
        // (most groups are actors).
        if (g.Kind != EntityKind.Unknown && !SentenceView.IsPlaceKind(g.Kind))
        {
            return NeverPlace;
        }

        // The group's kind is its head's entity's (the entity itself is read only for its name, below).
        var kind = g.Kind;
        var before = PreviousContentWord(v, g.FirstWord);
        // "near the town of Awdheegle": the preposition before "the town of" counts.
        if (before > 1 && v.Words.IdAt(before) == KnownWord.Of && IsIn(placeNouns, v, before - 1))
        {
            before = PreviousContentWord(v, before - 1);
        }

        // "in Iraq's Ramadi": the country's possessive stands between the preposition and the town.
        if (before > 0 && v.Words[before].Possessive && kind != EntityKind.Country
            && CountryAround(v, v.Words[before].Span.Start) is { } owner)
        {
            before = PreviousContentWord(v, v.FirstWordOf(owner.Span));
        }

        // "in northern Iraq", "in eastern Ghazni province": a compass word does not break the preposition's hold.
        while (before > 0 && Is(v, before, Tag.Compass))
        {
            before = PreviousContentWord(v, before);
        }

        // "left Air Base 201", "seized Kidal": the verb's object is the place.
        var prepositioned = before >= 0 && (Is(v, before, Tag.Locative) || (before == t.End - 1 && t.Trigger.Form == TriggerForm.Verb && kind != EntityKind.Unknown));
        if (kind == EntityKind.Unknown)
        {
            // A place only after one of the prepositions (which a search that needs none accepts too).
            return prepositioned && IsIn(unknownPlacePrepositions, v, before) ? PlaceAfterPreposition : NeverPlace;
        }

        // The preposition first: most places have one, and then the actor and target lists (string compares with a
        // name read from the entity record) need not be searched.
        if (!SentenceView.IsPlaceKind(kind) || (!prepositioned && (actors.Contains(g.Head.Entity.Name) || targets.Contains(g.Head.Entity.Name))))
        {
            return NeverPlace;
        }

        // "US President Donald Trump": a country used as an adjective is not where something happens.
        if (!prepositioned && kind == EntityKind.Country && !v.Words[g.EndWord - 1].Possessive)
        {
            return NeverPlace;
        }

        return prepositioned ? PlaceAfterPreposition : PlaceWithoutPreposition;
    }

    /// <summary>The group's entities in order, as an exact array (a loop: <c>Select</c> made an iterator per place).</summary>
    private static EntityRecord[] EntitiesOf(SentenceView v, in NameGroup group)
    {
        var mentions = v.Members(group);
        var entities = new EntityRecord[mentions.Length];
        for (var k = 0; k < mentions.Length; k++)
        {
            entities[k] = mentions[k].Entity;
        }

        return entities;
    }

    /// <summary>
    /// The first country mention covering <paramref name="offset"/> (a loop rather than a query: a lambda over the
    /// sentence would make <see cref="Places"/> allocate its closure on every call).
    /// </summary>
    private static NameMention? CountryAround(SentenceView v, int offset)
    {
        foreach (var n in v.Names)
        {
            if (n.Entity.Kind == EntityKind.Country && n.Span.Start <= offset && n.Span.End > offset)
            {
                return n;
            }
        }

        return null;
    }

    // ---- when -------------------------------------------------------------------------------------------------

    private static DateSpan Collapse(DateSpan span) =>
        span.To is null && span.From is { } from ? new DateSpan(from, from, span.Approx)
        : span.From is null && span.To is { } to ? new DateSpan(to, to, span.Approx)
        : span;

    private bool IsDuration(SentenceView v, DateMention d)
    {
        var k = v.WordAt(d.Span.Start);
        return IsIn(forOrOver, v, k) || IsIn(forOrOver, v, k - 1);
    }

    /// <summary>The report's own dateline says when it was written; the event's day comes from "yesterday" or the dateline itself.</summary>
    private static bool IsDateline(SentenceView v, DateMention d) => Dateline.IsDatelineAt(v.Body, d.Span);

    private DateSpan DateFor(SentenceView v, in Segment segment, List<Segment> segments, Found t, PartialDate? dateline, Scratch scratch, out bool explicitDate)
    {
        explicitDate = true;
        var segStart = segment.Start < v.Words.Count ? v.Words[segment.Start].Span.Start : v.Sentence.Span.End;
        var segEnd = segment.End < v.Words.Count ? v.Words[segment.End].Span.Start : v.Sentence.Span.End;
        // The clause's date nearest the trigger (the first of equally near ones).
        DateMention? own = null;
        var nearest = int.MaxValue;
        foreach (var d in v.Dates)
        {
            // The distance first: the costlier tests are asked only of a date nearer than the nearest so far.
            if (d.Span.Start >= segStart && d.Span.Start < segEnd && !d.Value.IsUnknown)
            {
                var distance = Math.Abs(v.WordAt(d.Span.Start) - t.First);
                if (distance < nearest && !IsDuration(v, d) && !IsDateline(v, d))
                {
                    own = d;
                    nearest = distance;
                }
            }
        }

        if (own is not null)
        {
            return Collapse(own.Value);
        }

        if (!IsRetaliation(v, segment))
        {
            // "Following the October 7 attacks, militias launched ...": from that date on.
            var opening = segments[0];
            if (opening != segment && OpenerIsOneOf(v, opening, "following", "after", "since"))
            {
                var end = opening.End < v.Words.Count ? v.Words[opening.End].Span.Start : v.Sentence.Span.End;
                DateMention? prior = null;
                foreach (var d in v.Dates)
                {
                    if (d.Span.Start < end && d.Value.From is not null)
                    {
                        prior = d;
                        break;
                    }
                }

                if (prior?.Value.From is { } from)
                {
                    return DateSpan.Since(from, prior.Value.Approx);
                }
            }

            // "In January 2020, ..." and "From December 2021, when ..." set the date of the whole sentence.
            DateMention? leading = null;
            foreach (var d in v.Dates)
            {
                if (v.WordAt(d.Span.Start) <= 2 && !d.Value.IsUnknown && !IsDuration(v, d) && !IsDateline(v, d))
                {
                    leading = d;
                    break;
                }
            }

            if (leading is not null)
            {
                return Collapse(leading.Value);
            }
        }

        explicitDate = false;
        return dateline is { } day && !IsRetaliation(v, segment) ? scratch.ApproximateDateline(day) : DateSpan.Unknown;
    }

    // ---- how many -----------------------------------------------------------------------------------------------

    private Casualties Casualties(SentenceView v, in Segment segment)
    {
        Quantity? dead = null, hurt = null;
        for (var c = segment.Start; c < segment.End; c++)
        {
            var tags = TagAt(v, c);
            var isKilled = (tags & Tag.Killed) != 0;
            var isInjured = (tags & Tag.Injured) != 0;
            if (!isKilled && !isInjured)
            {
                continue;
            }

            // "kills, wounds 28 troops": one number for the dead and the hurt together; each is at most that many.
            if (isKilled && JointCount(v, segment, c) is { } total)
            {
                dead ??= total;
                hurt ??= total;
                continue;
            }

            var count = CountBefore(v, segment, c) ?? CountAfter(v, segment, c);
            if (count is null && isKilled && OnePersonNear(v, segment, c))
            {
                count = Quantity.Exactly(1);
            }

            if (count is null && isKilled)
            {
                var persons = DistinctPersons(v.MentionsIn(c + 1, segment.End));
                if (persons > 0)
                {
                    count = Quantity.Exactly(persons);
                }
            }

            if (count is null)
            {
                continue;
            }

            if (isKilled)
            {
                dead ??= count;
            }
            else
            {
                hurt ??= count;
            }
        }

        // No count read: the shared empty value (records compare by value, and nothing keeps or changes it).
        return dead is null && hurt is null ? Domain.Records.Casualties.None : new Casualties(dead, hurt);
    }

    /// <summary>How many distinct names the person groups among <paramref name="groups"/> have (by their first mentions).</summary>
    private static int DistinctPersons(ReadOnlySpan<NameGroup> groups)
    {
        var count = 0;
        for (var k = 0; k < groups.Length; k++)
        {
            if (groups[k].Kind != EntityKind.Person)
            {
                continue;
            }

            // Counted at its first person group: a name seen in an earlier person group was counted there.
            var name = groups[k].Head.Entity.Name;
            var seen = false;
            for (var j = 0; j < k && !seen; j++)
            {
                seen = groups[j].Kind == EntityKind.Person && groups[j].Head.Entity.Name == name;
            }

            count += seen ? 0 : 1;
        }

        return count;
    }

    /// <summary>"kills, wounds 28", "killed or wounded 12": between one and the number given, for each.</summary>
    private Quantity? JointCount(SentenceView v, in Segment segment, int c)
    {
        var k = c + 1;
        if (k < segment.End && IsIn(andOr, v, k))
        {
            k++;
        }

        if (k >= segment.End || !Is(v, k, Tag.Injured) || v.BetweenInPlace(v.Words[c].Span.End, v.Words[k].Span.Start).Trim() is not ("" or "," or "and" or "or"))
        {
            return null;
        }

        return CountAfter(v, segment, k) is { } q && (q.Value ?? q.High) is { } most && most >= 1 ? Quantity.Between(1, most, q.Approx) : null;
    }

    /// <summary>
    /// "coalition jets kill ISIS local leader", "US soldier killed", "killing him": one person named without a number.
    /// The noun must stand next to the verb (its object after it, or its subject before a passive).
    /// </summary>
    private bool OnePersonNear(SentenceView v, in Segment segment, int c)
    {
        for (var k = c + 1; k < Math.Min(segment.End, c + 5); k++)
        {
            if (Is(v, k, Tag.OnePerson))
            {
                return true;
            }

            if (Is(v, k, Tag.NotActor) || Is(v, k, Tag.Killed) || Is(v, k, Tag.Injured) || v.BetweenInPlace(v.Words[k - 1].Span.End, v.Words[k].Span.Start).Trim().Length > 0)
            {
                break;
            }
        }

        var before = c - 1;
        while (before >= segment.Start && Is(v, before, Tag.PassiveAux))
        {
            before--;
        }

        return before >= segment.Start && before < c - 0 && Is(v, before, Tag.OnePerson) && v.Key(before) is not ("him" or "her")
               && (before == c - 1 || Is(v, c - 1, Tag.PassiveAux));
    }

    /// <summary>"five US service members and two US contractors were injured": the parts before the verb, summed.</summary>
    private Quantity? CountBefore(SentenceView v, in Segment segment, int c)
    {
        var segStart = segment.Start < v.Words.Count ? v.Words[segment.Start].Span.Start : 0;
        var verbStart = v.Words[c].Span.Start;
        // The quantities before the verb from the last back (what Where(...).Reverse() gave), by loops: this is asked
        // for every casualty word, and the query's closures and the list of keys between were made on every call.
        List<QuantityMention>? parts = null;
        var quantities = v.Quantities;
        for (var index = quantities.Count - 1; index >= 0; index--)
        {
            var q = quantities[index];
            if (q.Span.Start < segStart || q.Span.End > verbStart)
            {
                continue;
            }

            var first = v.WordAt(q.Span.End);
            var distance = c - first;
            // "kills one fighter, wounds seven": a number after or before another casualty verb is that verb's.
            var previous = v.WordAt(q.Span.Start) - 1;
            if (AnyKeyIn(v, first, c, killed, injured) || (previous >= segment.Start && (Is(v, previous, Tag.Killed) || Is(v, previous, Tag.Injured))))
            {
                break;
            }

            if (parts is null)
            {
                var aboutPeople = AnyKeyIn(v, first, c, people, people) || NameWithin(v, q.Span.End, verbStart);
                if (distance > 8 || !(aboutPeople || distance <= 2) || AnyUnitKey(v, first, c))
                {
                    break;
                }

                parts = [q];
            }
            else
            {
                var link = v.Between(q.Span.End, parts[^1].Span.Start);
                var linkWords = WordScanner.Scan(link);
                if (linkWords.Count <= 5 && (link.Contains(" and ", StringComparison.Ordinal) || link.Contains(',', StringComparison.Ordinal)) &&
                    (linkWords.Any(w => people.Contains(w.Key)) || NameWithin(v, q.Span.End, parts[^1].Span.Start)))
                {
                    parts.Add(q);
                }
                else
                {
                    break;
                }
            }
        }

        return parts is null ? null : Sum(parts.Select(p => p.Value));
    }

    /// <summary>Whether the key of a word in [<paramref name="from"/>, <paramref name="to"/>) is in either set.</summary>
    private static bool AnyKeyIn(SentenceView v, int from, int to, FrozenSet<string> one, FrozenSet<string> other)
    {
        for (var k = from; k < to; k++)
        {
            var key = v.Key(k);
            if (one.Contains(key) || other.Contains(key))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a word in [<paramref name="from"/>, <paramref name="to"/>) is a unit of time or distance (the count is no head count).</summary>
    private static bool AnyUnitKey(SentenceView v, int from, int to)
    {
        for (var k = from; k < to; k++)
        {
            if (v.Key(k) is "times" or "years" or "days" or "months" or "hours" or "km" or "kilometres" or "miles")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a name of the sentence lies within [<paramref name="start"/>, <paramref name="end"/>].</summary>
    private static bool NameWithin(SentenceView v, int start, int end)
    {
        foreach (var n in v.Names)
        {
            if (n.Span.Start >= start && n.Span.End <= end)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"killing five soldiers", "wounds seven".</summary>
    private static Quantity? CountAfter(SentenceView v, in Segment segment, int c)
    {
        var from = v.Words[c].Span.End;
        var limit = c + 3 < v.Words.Count ? v.Words[Math.Min(c + 3, segment.End - 1 < c ? c : Math.Min(c + 3, v.Words.Count - 1))].Span.End : v.Sentence.Span.End;
        foreach (var q in v.Quantities)
        {
            if (q.Span.Start >= from && q.Span.Start <= limit)
            {
                return q.Value;
            }
        }

        return null;
    }

    private static Quantity Sum(IEnumerable<Quantity> parts)
    {
        var list = parts.ToList();
        if (list.Count == 1)
        {
            return list[0];
        }

        var approx = list.Any(p => p.Approx);
        if (list.All(p => p.Value is not null))
        {
            return new Quantity(list.Sum(p => p.Value!.Value), Approx: approx);
        }

        long? low = list.All(p => (p.Value ?? p.Low) is not null) ? list.Sum(p => (p.Value ?? p.Low)!.Value) : null;
        long? high = list.All(p => (p.Value ?? p.High) is not null) ? list.Sum(p => (p.Value ?? p.High)!.Value) : null;
        return new Quantity(null, low, high, approx);
    }

    /// <summary>"Around 5,000 troops were deployed": a count right before a force noun or a force's name.</summary>
    private Quantity? TroopCount(SentenceView v, in Segment segment)
    {
        var segStart = segment.Start < v.Words.Count ? v.Words[segment.Start].Span.Start : 0;
        var segEnd = segment.End < v.Words.Count ? v.Words[segment.End].Span.Start : v.Sentence.Span.End;
        foreach (var q in v.Quantities)
        {
            if (q.Span.Start < segStart || q.Span.End > segEnd)
            {
                continue;
            }

            var next = v.WordAt(q.Span.End);
            for (var k = next; k < Math.Min(next + 3, v.Words.Count); k++)
            {
                if (Is(v, k, Tag.ForceNoun))
                {
                    return q.Value;
                }
            }
        }

        return null;
    }

    // ---- who said it ---------------------------------------------------------------------------------------------

    private string? Speaker(SentenceView v, Tag union, List<Found> found)
    {
        // Few sentences hold "according": the walk is skipped unless one does.
        for (var i = 0; (union & Tag.According) != 0 && i + 1 < v.Words.Count; i++)
        {
            if (v.Words.IdAt(i) == KnownWord.According && v.Words.IdAt(i + 1) == KnownWord.To)
            {
                var after = FirstActorAfter(v, i + 2, Math.Min(v.Words.Count, i + 8), allowPrepositions: true);
                if (after is not null)
                {
                    return after;
                }
            }
        }

        foreach (var r in found)
        {
            if (!r.Trigger.Reporting || r.Trigger.Type == EventType.Denial || Is(v, r.First, Tag.Rejected))
            {
                continue;
            }

            if (LastSpeakerOf(v, r) is { } speaker)
            {
                return speaker;
            }
        }

        return null;
    }

    private string[] SpeakerOf(SentenceView v, Found r) => SpeakerOf(v, r.First, r.End);

    /// <summary>The speaker of the reporting verb from word <paramref name="first"/> to <paramref name="end"/> (exclusive).</summary>
    private string[] SpeakerOf(SentenceView v, int first, int end)
    {
        if (NearestActorBefore(v, first) is { } before)
        {
            var group = NearestGroup(v, Math.Max(0, first - 14), first);
            return group.Count > 0 ? group.ToArray() : [before.Entity.Name];
        }

        var after = FirstActorAfter(v, end, Math.Min(v.Words.Count, end + 4), allowPrepositions: true);
        return after is null ? [] : [after];
    }

    /// <summary>The last name <see cref="SpeakerOf"/> gives, or null when it gives none (without copying the group out).</summary>
    private string? LastSpeakerOf(SentenceView v, Found r)
    {
        if (NearestActorBefore(v, r) is { } before)
        {
            var group = NearestGroup(v, Math.Max(0, r.First - 14), r.First);
            return group.Count > 0 ? group[^1] : before.Entity.Name;
        }

        return FirstActorAfter(v, r.End, Math.Min(v.Words.Count, r.End + 4), allowPrepositions: true);
    }

    /// <summary>
    /// The first mention of the last actor group named in the 14 words before the verb (asked once per reporting verb
    /// and per quoted event).
    /// </summary>
    private static NameMention? NearestActorBefore(SentenceView v, Found r) => NearestActorBefore(v, r.First);

    private static NameMention? NearestActorBefore(SentenceView v, int first)
    {
        var mentions = v.MentionsIn(Math.Max(0, first - 14), first);
        for (var k = mentions.Length - 1; k >= 0; k--)
        {
            if (SentenceView.IsActorKind(mentions[k].Kind))
            {
                return mentions[k].Head;
            }
        }

        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|hundreds|thousands|several|some)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex Counts();

    [System.Text.RegularExpressions.GeneratedRegex(@"\s+")]
    private static partial System.Text.RegularExpressions.Regex Spaces();

    // ---- statements said twice ------------------------------------------------------------------------------------

    /// <summary>
    /// One statement per speaker and day: "Iraq’s government on Sunday said ..." and "Iraqi officials on Sunday said ...".
    /// Written into <paramref name="result"/> (the document's events) by loops: a query's closure over each event was
    /// made for every event of every report.
    /// </summary>
    private static void MergeStatements(List<(EventRecord Event, int Paragraph, bool ExplicitDate)> events, List<EventRecord> result)
    {
        var first = result.Count;
        foreach (var (e, _, _) in events)
        {
            var same = -1;
            if (e.Type is EventType.Statement && e.Status == EventStatus.Completed)
            {
                for (var k = first; k < result.Count; k++)
                {
                    var r = result[k];
                    if (r.Type == e.Type && r.Status == e.Status && r.Date == e.Date && r.Actors.SequenceEqual(e.Actors))
                    {
                        same = k;
                        break;
                    }
                }
            }

            if (same >= 0)
            {
                result[same] = result[same] with { Evidence = [.. result[same].Evidence, .. e.Evidence] };
            }
            else
            {
                result.Add(e);
            }
        }
    }
}
