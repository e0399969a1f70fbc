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
public sealed class SentenceView
{
    private SentenceView(ReadingDocument document, Sentence sentence, int index, WordRange words, List<NameMention> names, List<DateMention> dates, List<QuantityMention> quantities)
    {
        Document = document;
        Sentence = sentence;
        Index = index;
        Words = words;
        Names = names;
        Dates = dates;
        Quantities = quantities;
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
        var views = new List<SentenceView>(sentences.Count);
        for (var s = 0; s < sentences.Count; s++)
        {
            var span = sentences[s].Span;
            var inDates = dates.Inside(span);
            var inQuantities = quantities.Inside(span);
            if (inDates.Count > 0 && inQuantities.Count > 0)
            {
                // A number inside a date ("March 3") is the date's, not a count. (A loop, not RemoveAll with a lambda:
                // its closure over the dates was made for every sentence with a date.)
                var kept = 0;
                for (var k = 0; k < inQuantities.Count; k++)
                {
                    if (!OverlapsAny(inDates, inQuantities[k].Span))
                    {
                        inQuantities[kept++] = inQuantities[k];
                    }
                }

                inQuantities.RemoveRange(kept, inQuantities.Count - kept);
            }

            views.Add(new SentenceView(document, sentences[s], s, WordRange.Inside(allWords, span), names.Inside(span), inDates, inQuantities));
        }

        return views;
    }

    private static bool OverlapsAny(List<DateMention> dates, TextSpan span)
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

    private readonly struct NameSpan : ISpanOf<NameMention>
    {
        public static TextSpan Of(NameMention annotation) => annotation.Span;
    }

    private readonly struct DateSpanOf : ISpanOf<DateMention>
    {
        public static TextSpan Of(DateMention annotation) => annotation.Span;
    }

    private readonly struct QuantitySpan : ISpanOf<QuantityMention>
    {
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
            items = IsOrdered(annotations) ? annotations : [.. annotations.OrderBy(a => TSpan.Of(a).Start)];
            spans = new TextSpan[items.Count];
            for (var k = 0; k < spans.Length; k++)
            {
                spans[k] = TSpan.Of(items[k]);
            }
        }

        /// <summary>The annotations wholly inside <paramref name="sentence"/>, in order of start.</summary>
        public List<T> Inside(TextSpan sentence)
        {
            // The first annotation starting at or after the sentence.
            var spans = this.spans;
            int low = 0, high = spans.Length;
            while (low < high)
            {
                var mid = (low + high) >>> 1;
                if (spans[mid].Start < sentence.Start)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }

            var end = low;
            while (end < spans.Length && spans[end].Start <= sentence.End)
            {
                end++;
            }

            var inside = new List<T>(end - low);
            for (var k = low; k < end; k++)
            {
                if (sentence.Contains(spans[k]))
                {
                    inside.Add(items[k]);
                }
            }

            return inside;
        }

        private static bool IsOrdered(List<T> annotations)
        {
            for (var k = 1; k < annotations.Count; k++)
            {
                if (TSpan.Of(annotations[k]).Start < TSpan.Of(annotations[k - 1]).Start)
                {
                    return false;
                }
            }

            return true;
        }
    }

    public ReadingDocument Document { get; }

    public Sentence Sentence { get; }

    public int Index { get; }

    public WordRange Words { get; }

    public List<NameMention> Names { get; }

    public List<DateMention> Dates { get; }

    public List<QuantityMention> Quantities { get; }

    public string Body => Document.Body;

    /// <summary>The index of the first word that ends after <paramref name="offset"/> (words do not overlap, so ends ascend).</summary>
    public int WordAt(int offset)
    {
        // Asked many times per trigger: the words are searched in place (the indexer copies each word out).
        var words = Words.AsSpan();
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

    /// <summary>Mentions whose first word lies in [from, to), grouped by span (a slice of <see cref="NameGroups"/>, not a copy).</summary>
    public ArraySegment<IGrouping<TextSpan, NameMention>> MentionsIn(int fromWord, int toWord)
    {
        var words = Words.AsSpan();
        var start = fromWord < words.Length ? words[Math.Max(0, fromWord)].Span.Start : Sentence.Span.End;
        var end = toWord < words.Length ? words[Math.Max(0, toWord)].Span.Start : Sentence.Span.End;
        // Names are ordered by start and a group shares one span, so the groups in range are a run of the
        // sentence's groups, in the order grouping the range itself would give.
        // Asked many times per trigger: the first group by binary search (groups are ordered by start), over the
        // groups' starts kept in an array rather than through the grouping interface.
        var groups = NameGroups;
        var starts = groupStarts!;
        int first = 0, high = starts.Length;
        while (first < high)
        {
            var mid = (first + high) >>> 1;
            if (starts[mid] < start)
            {
                first = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        var last = first;
        while (last < starts.Length && starts[last] < end)
        {
            last++;
        }

        return new ArraySegment<IGrouping<TextSpan, NameMention>>(groups, first, last - first);
    }

    private IGrouping<TextSpan, NameMention>[]? nameGroups;
    private int[]? groupStarts;
    private List<NameMention>? spanHeads;

    /// <summary>
    /// The events stage's actor groups found in this sentence, by word range (a memo, not an annotation; the stage
    /// lends each view its one per-document dictionary, emptied, while it reads that sentence).
    /// </summary>
    internal Dictionary<(int Start, int End), List<string>>? NearestGroups { get; set; }

    /// <summary>
    /// The events stage's flags of this sentence's words, one per word from index 0 (its word lists and what the text
    /// before each word holds), lent by the stage while it reads this sentence and taken back after: null otherwise.
    /// </summary>
    internal int[]? WordFlags { get; set; }

    /// <summary>The sentence's mentions grouped by span, in order of start (grouped once, read by many rules).</summary>
    internal IGrouping<TextSpan, NameMention>[] NameGroups
    {
        get
        {
            if (nameGroups is null)
            {
                var groups = GroupBySpan(Names);
                var starts = new int[groups.Length];
                for (var k = 0; k < groups.Length; k++)
                {
                    starts[k] = groups[k].Key.Start;
                }

                groupStarts = starts;
                nameGroups = groups;
            }

            return nameGroups;
        }
    }

    /// <summary>The first mention of each span, in order of start.</summary>
    internal List<NameMention> SpanHeads => spanHeads ??= HeadsOf(NameGroups);

    /// <summary>
    /// What <c>GroupBy(n => n.Span)</c> gives (groups in order of their first mention, mentions in order), without
    /// a lookup table: mentions are ordered by start, so a span's earlier group is among the last groups, those
    /// with the same start.
    /// </summary>
    private static IGrouping<TextSpan, NameMention>[] GroupBySpan(List<NameMention> names)
    {
        if (names.Count == 0)
        {
            return [];
        }

        var groups = new List<NameGroup>(names.Count);
        foreach (var n in names)
        {
            NameGroup? same = null;
            for (var k = groups.Count - 1; k >= 0 && groups[k].Key.Start == n.Span.Start; k--)
            {
                if (groups[k].Key == n.Span)
                {
                    same = groups[k];
                    break;
                }
            }

            if (same is null)
            {
                groups.Add(new NameGroup(n.Span) { n });
            }
            else
            {
                same.Add(n);
            }
        }

        return [.. groups];
    }

    private static List<NameMention> HeadsOf(IGrouping<TextSpan, NameMention>[] groups)
    {
        var heads = new List<NameMention>(groups.Length);
        foreach (var g in groups)
        {
            heads.Add(((NameGroup)g)[0]);
        }

        return heads;
    }

    /// <summary>
    /// The first mention of a group that <see cref="NameGroups"/> or <see cref="MentionsIn"/> gave (what <c>First()</c>
    /// gives, read by index: the rules ask it of most groups they look at, and LINQ's type tests were a share of that).
    /// </summary>
    internal static NameMention Head(IGrouping<TextSpan, NameMention> group) => ((NameGroup)group)[0];

    /// <summary>
    /// The mentions of a group that <see cref="NameGroups"/> or <see cref="MentionsIn"/> gave, as the list they are: a
    /// <c>foreach</c> over the list takes its struct enumerator, where one over the grouping interface made an object.
    /// </summary>
    internal static List<NameMention> Members(IGrouping<TextSpan, NameMention> group) => (NameGroup)group;

    /// <summary>The mentions sharing one span; a list, so that <c>First()</c> and counting read it by index.</summary>
    private sealed class NameGroup(TextSpan key) : List<NameMention>, IGrouping<TextSpan, NameMention>
    {
        public TextSpan Key { get; } = key;
    }

    /// <summary>The word index of a mention's first word.</summary>
    public int FirstWordOf(TextSpan span) => WordAt(span.Start);

    /// <summary>The index after a mention's last word.</summary>
    public int EndWordOf(TextSpan span)
    {
        var words = Words.AsSpan();
        var i = WordAt(span.Start);
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
        // Read in place: the list's indexer copied each word out.
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

        var end = low;
        while (end < words.Length && words[end].Span.End <= sentence.End)
        {
            end++;
        }

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
