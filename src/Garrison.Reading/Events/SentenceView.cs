using System.Runtime.InteropServices;
using Garrison.Domain.Provenance;
using Garrison.Domain.Records;
using Garrison.Reading.Documents;
using Garrison.Reading.Names;

namespace Garrison.Reading.Events;

/// <summary>
/// One sentence with everything earlier stages found in it, indexed by word: the view the event and fact rules read.
/// Several mentions may share one span when a plural reference points at several names ("the installations").
/// </summary>
/// <remarks>
/// A view holds no lists of its own: its mentions, dates, quantities and name groups are runs of arrays made once per
/// document (<see cref="ViewTables"/>), so building the views of a report makes a few arrays instead of three lists
/// per sentence, a list per name group and the groups' arrays (together ~40 % of what the event and fact stages
/// allocated). Each name group carries what every rule re-derived from it per call: its first mention, that
/// mention's kind and the group's word range.
/// </remarks>
public sealed class SentenceView
{
    private readonly ViewTables tables;
    private readonly int namesFrom;
    private readonly int namesCount;
    private readonly int datesFrom;
    private readonly int datesCount;
    private readonly int quantitiesFrom;
    private readonly int quantitiesCount;
    private readonly int groupsFrom;
    private readonly int groupsCount;

    private SentenceView(ReadingDocument document, Sentence sentence, int index, WordRange words, ViewTables tables, (int From, int Count) names, (int From, int Count) dates, (int From, int Count) quantities, (int From, int Count) groups)
    {
        Document = document;
        Sentence = sentence;
        Index = index;
        Words = words;
        this.tables = tables;
        (namesFrom, namesCount) = names;
        (datesFrom, datesCount) = dates;
        (quantitiesFrom, quantitiesCount) = quantities;
        (groupsFrom, groupsCount) = groups;
    }

    /// <summary>
    /// The views of <see cref="Of"/>, built once per document and shared: the event and fact stages read the same
    /// views, one after the other. They are built again when the body, or the number of sentences, words or
    /// mentions they were built from, has changed since (stages add annotations, they do not replace them).
    /// </summary>
    public static List<SentenceView> Shared(ReadingDocument document)
    {
        var stamp = SharedSentenceViews.StampOf(document);
        if (document.SentenceViews is { } kept && kept.Stamp == stamp)
        {
            return kept.Views;
        }

        var views = Of(document);
        document.SentenceViews = new SharedSentenceViews(views, stamp);
        return views;
    }

    /// <summary>
    /// A view of every sentence (the whole body as one when there are none), each holding the words and the
    /// mentions wholly inside it, mentions ordered by start.
    /// </summary>
    public static List<SentenceView> Of(ReadingDocument document)
    {
        List<Sentence> sentences = document.Sentences.Count > 0
            ? document.Sentences
            : [new Sentence(new TextSpan(0, document.Body.Length), 0)];
        // Each annotation list is ordered by start once (stably, as per-sentence ordering would have it), so a
        // sentence takes its share by binary search instead of every sentence scanning every annotation.
        var allWords = document.BodyWords;
        var names = new ByStart<NameMention, NameSpan>(document.Names);
        var dates = new ByStart<DateMention, DateSpanOf>(document.Dates);
        var quantities = new ByStart<QuantityMention, QuantitySpan>(document.Quantities);
        // A mention lies wholly inside at most one sentence (sentences do not overlap), so each table holds at most
        // the document's annotations, each sentence's share one run of it.
        var tables = new ViewTables(document.Names.Count, document.Dates.Count, document.Quantities.Count);
        var views = new List<SentenceView>(sentences.Count);
        int namesAt = 0, datesAt = 0, quantitiesAt = 0;
        // Where the previous sentence's words and annotations ended: sentences come in order, so each search starts
        // there and walks a few items instead of searching the whole document again (a sentence out of order still
        // finds its place, by walking back).
        int wordsHint = 0, namesHint = 0, datesHint = 0, quantitiesHint = 0;
        for (var s = 0; s < sentences.Count; s++)
        {
            var span = sentences[s].Span;
            var words = WordRange.Inside(allWords, span, ref wordsHint);
            var inNames = names.CopyInside(span, tables.Names, namesAt, ref namesHint);
            var inDates = dates.CopyInside(span, tables.Dates, datesAt, ref datesHint);
            var inQuantities = quantities.CopyInside(span, tables.Quantities, quantitiesAt, ref quantitiesHint);
            if (inDates > 0 && inQuantities > 0)
            {
                // A number inside a date ("March 3") is the date's, not a count.
                var sentenceDates = tables.Dates.AsSpan(datesAt, inDates);
                var kept = 0;
                for (var k = 0; k < inQuantities; k++)
                {
                    var q = tables.Quantities[quantitiesAt + k];
                    if (!OverlapsAny(sentenceDates, q.Span))
                    {
                        tables.Quantities[quantitiesAt + kept++] = q;
                    }
                }

                tables.Quantities.AsSpan(quantitiesAt + kept, inQuantities - kept).Clear();
                inQuantities = kept;
            }

            var groups = tables.AddGroups(namesAt, inNames, words);
            views.Add(new SentenceView(document, sentences[s], s, words, tables, (namesAt, inNames), (datesAt, inDates), (quantitiesAt, inQuantities), groups));
            namesAt += inNames;
            datesAt += inDates;
            quantitiesAt += inQuantities;
        }

        return views;
    }

    private static bool OverlapsAny(ReadOnlySpan<DateMention> dates, TextSpan span)
    {
        foreach (var d in dates)
        {
            if (d.Span.Overlaps(span))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>How an annotation's span is read: a struct type argument, so that the search below calls it directly.</summary>
    private interface ISpanOf<in T>
    {
        static abstract TextSpan Of(T annotation);
    }

    // Inlined by request: the profile showed each as a call per annotation read.
    private readonly struct NameSpan : ISpanOf<NameMention>
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public static TextSpan Of(NameMention annotation) => annotation.Span;
    }

    private readonly struct DateSpanOf : ISpanOf<DateMention>
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public static TextSpan Of(DateMention annotation) => annotation.Span;
    }

    private readonly struct QuantitySpan : ISpanOf<QuantityMention>
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public static TextSpan Of(QuantityMention annotation) => annotation.Span;
    }

    /// <summary>
    /// Annotations in order of start (the list itself when it already is). The span is read through
    /// <typeparamref name="TSpan"/>'s static method rather than a delegate: the code is compiled for each struct, so
    /// the read is inlined where a delegate call per annotation tested was a share of building the views.
    /// </summary>
    private sealed class ByStart<T, TSpan>
        where TSpan : struct, ISpanOf<T>
    {
        private readonly List<T> items;

        /// <summary>
        /// Each item's span, read once: the searches below compare spans in one array instead of following a reference
        /// to every mention they pass (a sentence's three searches did that for every sentence).
        /// </summary>
        private readonly TextSpan[] spans;

        public ByStart(List<T> annotations)
        {
            // The spans are read once, and whether the list is ordered is told from them (nearly always it is): a
            // separate pass asked every annotation its span twice more.
            spans = new TextSpan[annotations.Count];
            var list = CollectionsMarshal.AsSpan(annotations);
            var ordered = true;
            for (var k = 0; k < spans.Length; k++)
            {
                spans[k] = TSpan.Of(list[k]);
                ordered &= k == 0 || spans[k].Start >= spans[k - 1].Start;
            }

            items = annotations;
            if (!ordered)
            {
                items = [.. annotations.OrderBy(a => TSpan.Of(a).Start)];
                for (var k = 0; k < spans.Length; k++)
                {
                    spans[k] = TSpan.Of(items[k]);
                }
            }
        }

        /// <summary>
        /// Writes the annotations wholly inside <paramref name="sentence"/>, in order of start, into
        /// <paramref name="table"/> from <paramref name="at"/>; returns how many. <paramref name="hint"/> is where the
        /// search for the first one starts (where the previous sentence's search ended), and is set to where this one's ended.
        /// </summary>
        public int CopyInside(TextSpan sentence, T[] table, int at, ref int hint)
        {
            // The first annotation starting at or after the sentence.
            var spans = this.spans;
            var low = LowerBound(spans, sentence.Start, hint);

            var items = CollectionsMarshal.AsSpan(this.items);
            var count = 0;
            var k = low;
            for (; k < spans.Length && spans[k].Start <= sentence.End; k++)
            {
                if (sentence.Contains(spans[k]))
                {
                    table[at + count++] = items[k];
                }
            }

            // The next sentence's first annotation is here or after, when sentences come in order and do not overlap.
            hint = k;
            return count;
        }

    }

    /// <summary>
    /// The index of the first span that starts at or after <paramref name="start"/> in spans ordered by start, walked
    /// to from <paramref name="hint"/> (any index: the walk goes back or on to the answer).
    /// </summary>
    private static int LowerBound(ReadOnlySpan<TextSpan> spans, int start, int hint)
    {
        var low = Math.Clamp(hint, 0, spans.Length);
        while (low > 0 && spans[low - 1].Start >= start)
        {
            low--;
        }

        while (low < spans.Length && spans[low].Start < start)
        {
            low++;
        }

        return low;
    }

    public ReadingDocument Document { get; }

    public Sentence Sentence { get; }

    public int Index { get; }

    public WordRange Words { get; }

    /// <summary>The mentions wholly inside the sentence, in order of start (a run of the document's table, not a copy).</summary>
    public ArraySegment<NameMention> Names => new(tables.Names, namesFrom, namesCount);

    /// <summary>The dates wholly inside the sentence, in order of start.</summary>
    public ArraySegment<DateMention> Dates => new(tables.Dates, datesFrom, datesCount);

    /// <summary>The quantities wholly inside the sentence and outside its dates, in order of start.</summary>
    public ArraySegment<QuantityMention> Quantities => new(tables.Quantities, quantitiesFrom, quantitiesCount);

    public string Body => Document.Body;

    /// <summary>The index of the first word that ends after <paramref name="offset"/> (words do not overlap, so ends ascend).</summary>
    public int WordAt(int offset) => WordAt(Words.AsSpan(), offset);

    private static int WordAt(ReadOnlySpan<Word> words, int offset)
    {
        // Asked many times per trigger: the words are searched in place (the indexer copies each word out).
        int low = 0, high = words.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (words[mid].Span.End > offset)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        return low;
    }

    public string Key(int i) => i >= 0 && i < Words.Count ? Words[i].Key : "";

    /// <summary>
    /// Whether <see cref="Key"/>(<paramref name="i"/>) is all digits (true for an empty key, as for a word outside the
    /// sentence), read from the text in place: most words asked are in no word list, and their key would be a new string.
    /// </summary>
    public bool KeyIsAllDigits(int i)
    {
        if (i < 0 || i >= Words.Count)
        {
            return true;
        }

        var word = Words.AsSpan()[i];
        // The key is the word without a possessive 's, dots and apostrophes, lower-cased: casing changes no digit.
        var kept = word.Written[..(word.Possessive ? word.Span.Length - 2 : word.Span.Length)];
        foreach (var c in kept)
        {
            if (c is not ('.' or '\'' or '’') && !char.IsDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The text between two words (exclusive), e.g. the punctuation and words that separate two names.</summary>
    public string Between(int endOfFirst, int startOfSecond) =>
        startOfSecond > endOfFirst ? Body[endOfFirst..startOfSecond] : "";

    /// <summary>
    /// <see cref="Between"/> read in place, for rules that only test the text (asked per word by several event rules,
    /// where a new string each time was a share of the stage's allocation).
    /// </summary>
    public ReadOnlySpan<char> BetweenInPlace(int endOfFirst, int startOfSecond) =>
        startOfSecond > endOfFirst ? Body.AsSpan(endOfFirst, startOfSecond - endOfFirst) : [];

    /// <summary>
    /// The name groups whose span starts from word <paramref name="fromWord"/>'s start up to (not including) word
    /// <paramref name="toWord"/>'s start (the sentence's end for an index past the last word): a run of
    /// <see cref="NameGroups"/>, in place.
    /// </summary>
    internal ReadOnlySpan<NameGroup> MentionsIn(int fromWord, int toWord)
    {
        var (from, count) = MentionsRange(fromWord, toWord);
        return NameGroups.Slice(from, count);
    }

    /// <summary>Where <see cref="MentionsIn"/>'s run lies among <see cref="NameGroups"/>: its first index and length.</summary>
    internal (int From, int Count) MentionsRange(int fromWord, int toWord)
    {
        var words = Words.AsSpan();
        var start = fromWord < words.Length ? words[Math.Max(0, fromWord)].Span.Start : Sentence.Span.End;
        var end = toWord < words.Length ? words[Math.Max(0, toWord)].Span.Start : Sentence.Span.End;
        // Names are ordered by start and a group shares one span, so the groups in range are a run of the
        // sentence's groups, in the order grouping the range itself would give. Asked many times per trigger: the
        // first group by binary search (groups are ordered by start).
        var groups = NameGroups;
        int first = 0, high = groups.Length;
        while (first < high)
        {
            var mid = (first + high) >>> 1;
            if (groups[mid].Span.Start < start)
            {
                first = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        var last = first;
        while (last < groups.Length && groups[last].Span.Start < end)
        {
            last++;
        }

        return (first, last - first);
    }

    /// <summary>
    /// The events stage's actor groups found in this sentence, with their word ranges (a memo, not an annotation; the
    /// stage lends each view its one per-document list, emptied, while it reads that sentence).
    /// </summary>
    internal List<(int Start, int End, List<string> Names)>? NearestGroups { get; set; }

    /// <summary>
    /// The events stage's flags of this sentence's words, one per word from index 0 (its word lists and what the text
    /// before each word holds), lent by the stage while it reads this sentence and taken back after: null otherwise.
    /// </summary>
    internal int[]? WordFlags { get; set; }

    /// <summary>
    /// The sentence's mentions grouped by span, in order of start: what <c>Names.GroupBy(n => n.Span)</c> gives (groups
    /// in order of their first mention, mentions in order), built once per document with the views.
    /// </summary>
    internal ReadOnlySpan<NameGroup> NameGroups => tables.Groups.AsSpan(groupsFrom, groupsCount);

    /// <summary>The mentions of <paramref name="group"/>, a group of this document's views, in order.</summary>
    internal ReadOnlySpan<NameMention> Members(in NameGroup group) => tables.Members.AsSpan(group.FirstMember, group.MemberCount);

    /// <summary>The word index of a mention's first word.</summary>
    public int FirstWordOf(TextSpan span) => WordAt(span.Start);

    /// <summary>The index after a mention's last word.</summary>
    public int EndWordOf(TextSpan span) => EndWordOf(Words.AsSpan(), span);

    private static int EndWordOf(ReadOnlySpan<Word> words, TextSpan span)
    {
        var i = WordAt(words, span.Start);
        while (i < words.Length && words[i].Span.Start < span.End)
        {
            i++;
        }

        return i;
    }

    public static bool IsActorKind(EntityKind kind) =>
        kind is EntityKind.Force or EntityKind.Coalition or EntityKind.ArmedGroup or EntityKind.Government or EntityKind.Person or EntityKind.Country;

    public static bool IsPlaceKind(EntityKind kind) =>
        kind is EntityKind.Facility or EntityKind.Place or EntityKind.Province or EntityKind.Region or EntityKind.Country;

    /// <summary>Facility before town before province before region before country: the most precise place wins.</summary>
    public static int PlaceRank(EntityKind kind) => kind switch
    {
        EntityKind.Facility => 0,
        EntityKind.Place => 1,
        EntityKind.Unknown => 1,
        EntityKind.Province => 2,
        EntityKind.Region => 3,
        _ => 4,
    };

    /// <summary>
    /// The annotations of one document's views, each view's share one run of each array: the mentions, dates and
    /// quantities inside each sentence, and the sentences' name groups with their members laid out group by group.
    /// </summary>
    private sealed class ViewTables(int names, int dates, int quantities)
    {
        public NameMention[] Names { get; } = new NameMention[names];

        public DateMention[] Dates { get; } = new DateMention[dates];

        public QuantityMention[] Quantities { get; } = new QuantityMention[quantities];

        /// <summary>The groups' mentions, each group's a run (a sentence's mentions reordered when spans interleave).</summary>
        public NameMention[] Members { get; } = new NameMention[names];

        public NameGroup[] Groups { get; } = new NameGroup[names];

        private int groupCount;

        /// <summary>
        /// Groups the sentence's mentions (<see cref="Names"/> from <paramref name="namesAt"/>, ordered by start) by
        /// span, as <c>GroupBy(n => n.Span)</c> would, and appends the groups; returns where they are.
        /// </summary>
        public (int From, int Count) AddGroups(int namesAt, int count, WordRange sentenceWords)
        {
            var from = groupCount;
            if (count == 0)
            {
                return (from, 0);
            }

            // First each mention's group: a span's earlier group is among the last groups, those with the same start
            // (mentions are ordered by start). Members are counted per group, then laid out group by group; each
            // group is written once, at the end (its span and first mention kept on the stack until then).
            var mentions = Names.AsSpan(namesAt, count);
            Span<int> groupOf = count <= 128 ? stackalloc int[count] : new int[count];
            Span<int> sizes = count <= 128 ? stackalloc int[count] : new int[count];
            Span<int> heads = count <= 128 ? stackalloc int[count] : new int[count];
            Span<TextSpan> spans = count <= 128 ? stackalloc TextSpan[count] : new TextSpan[count];
            var groups = 0;
            var interleaved = false;
            for (var k = 0; k < count; k++)
            {
                var span = mentions[k].Span;
                var same = -1;
                for (var g = groups - 1; g >= 0 && spans[g].Start == span.Start; g--)
                {
                    if (spans[g] == span)
                    {
                        same = g;
                        break;
                    }
                }

                if (same < 0)
                {
                    same = groups++;
                    spans[same] = span;
                    heads[same] = k;
                    sizes[same] = 0;
                }

                interleaved |= same != groups - 1;
                sizes[same]++;
                groupOf[k] = same;
            }

            // Members: where groups do not interleave (nearly always), the mentions in their own order.
            if (!interleaved)
            {
                mentions.CopyTo(Members.AsSpan(namesAt));
            }
            else
            {
                Span<int> next = count <= 128 ? stackalloc int[groups] : new int[groups];
                for (int g = 0, at = namesAt; g < groups; g++)
                {
                    next[g] = at;
                    at += sizes[g];
                }

                for (var k = 0; k < count; k++)
                {
                    Members[next[groupOf[k]]++] = mentions[k];
                }
            }

            // Each group's word range, by walking the words alongside the groups (their starts ascend) instead of
            // two searches per group: the first word ending after the span's start, then the words starting before
            // its end.
            var words = sentenceWords.AsSpan();
            var first = 0;
            for (int g = 0, at = namesAt; g < groups; g++)
            {
                var span = spans[g];
                while (first < words.Length && words[first].Span.End <= span.Start)
                {
                    first++;
                }

                var end = first;
                while (end < words.Length && words[end].Span.Start < span.End)
                {
                    end++;
                }

                Groups[from + g] = new NameGroup(span, mentions[heads[g]], at, sizes[g], first, end);
                at += sizes[g];
            }

            groupCount += groups;
            return (from, groups);
        }
    }
}

/// <summary>
/// The mentions of one span in a sentence (several when a plural reference points at several names), with what the
/// rules ask of every group they look at: its first mention (<see cref="Head"/>), that mention's entity kind, and the
/// sentence's word range it covers. Its members are read through <see cref="SentenceView.Members"/>.
/// </summary>
internal readonly struct NameGroup
{
    public NameGroup(TextSpan span, NameMention head, int firstMember, int memberCount, int firstWord, int endWord)
    {
        Span = span;
        Head = head;
        Kind = head.Entity.Kind;
        FirstMember = firstMember;
        MemberCount = memberCount;
        FirstWord = firstWord;
        EndWord = endWord;
    }

    /// <summary>The span its mentions share.</summary>
    public TextSpan Span { get; }

    /// <summary>The group's first mention (what <c>First()</c> gave).</summary>
    public NameMention Head { get; }

    /// <summary>The kind of <see cref="Head"/>'s entity.</summary>
    public EntityKind Kind { get; }

    /// <summary>Where the group's mentions start in the document's member table.</summary>
    public int FirstMember { get; }

    public int MemberCount { get; }

    /// <summary>The sentence's index of the span's first word (<see cref="SentenceView.FirstWordOf"/>).</summary>
    public int FirstWord { get; }

    /// <summary>The index after the span's last word (<see cref="SentenceView.EndWordOf"/>).</summary>
    public int EndWord { get; }
}

/// <summary>The views a document keeps (<see cref="SentenceView.Shared"/>), with what they were built from.</summary>
/// <remarks>
/// The words are stamped by the list itself, not its length: a split made again (after a lexicon registered new
/// keys) has the same words with more vocabulary ids, which the event rules read.
/// </remarks>
internal sealed record SharedSentenceViews(List<SentenceView> Views, (string Body, int Sentences, List<Word> Words, int Names, int Dates, int Quantities) Stamp)
{
    public static (string Body, int Sentences, List<Word> Words, int Names, int Dates, int Quantities) StampOf(ReadingDocument document) =>
        (document.Body, document.Sentences.Count, document.BodyWords, document.Names.Count, document.Dates.Count, document.Quantities.Count);
}

/// <summary>
/// The words of one sentence, read in place from the document's words: the sentences of a document share one
/// list instead of each copying its share.
/// </summary>
public sealed class WordRange : IReadOnlyList<Word>
{
    private readonly List<Word> all;
    private readonly int first;

    private WordRange(List<Word> all, int first, int count)
    {
        this.all = all;
        this.first = first;
        Count = count;
    }

    public int Count { get; }

    public Word this[int index] => (uint)index < (uint)Count ? all[first + index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>The <see cref="WordVocabulary"/> id of word <paramref name="index"/>, or <see cref="WordVocabulary.Unknown"/> outside the range (as <see cref="SentenceView.Key"/> gives "").</summary>
    public int IdAt(int index) => (uint)index < (uint)Count ? CollectionsMarshal.AsSpan(all)[first + index].Id : WordVocabulary.Unknown;

    /// <summary>The words in place, for loops over every word that should not copy each one out.</summary>
    public ReadOnlySpan<Word> AsSpan() => CollectionsMarshal.AsSpan(all).Slice(first, Count);

    /// <summary>
    /// The words wholly inside <paramref name="sentence"/>. Words are ordered and do not overlap, so both their
    /// starts and their ends ascend and the words inside form one run.
    /// </summary>
    public static WordRange Inside(List<Word> all, TextSpan sentence)
    {
        // One sentence alone: its first word by binary search, where the walk below starts.
        var words = CollectionsMarshal.AsSpan(all);
        int low = 0, high = words.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (words[mid].Span.Start < sentence.Start)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return Inside(all, sentence, ref low);
    }

    /// <summary>
    /// <see cref="Inside(List{Word}, TextSpan)"/>, the search for the first word starting at <paramref name="hint"/>
    /// (the word after the previous sentence's when the sentences are read in order: a few words walked instead of a
    /// search of the document's words), which is set to the word after this sentence's.
    /// </summary>
    internal static WordRange Inside(List<Word> all, TextSpan sentence, ref int hint)
    {
        // Read in place: the list's indexer copied each word out.
        var words = CollectionsMarshal.AsSpan(all);
        var low = Math.Clamp(hint, 0, words.Length);
        while (low > 0 && words[low - 1].Span.Start >= sentence.Start)
        {
            low--;
        }

        while (low < words.Length && words[low].Span.Start < sentence.Start)
        {
            low++;
        }

        var end = low;
        while (end < words.Length && words[end].Span.End <= sentence.End)
        {
            end++;
        }

        // The next sentence's first word is here or after, when sentences come in order and do not overlap.
        hint = end;

        return new WordRange(all, low, end - low);
    }

    public IEnumerator<Word> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return all[first + i];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
