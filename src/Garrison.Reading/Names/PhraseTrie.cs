using System.Runtime.InteropServices;

namespace Garrison.Reading.Names;

/// <summary>
/// Longest-match lookup of multi-word phrases over <see cref="Word"/>s, with the case rules names need:
/// an all-capitals alias word ("US", "KH", "IS") matches only capitals, a capitalised one ("Harir") only a
/// capitalised word, a lower-case one any case. Arabic articles (al-, el-) match in any case.
/// </summary>
/// <remarks>
/// Laid out for look-ups made with a cold cache (the names stage runs after stages that fill it, and the alias trie
/// is read at every word that may start a name). Phrases are added to a tree of nodes; the first match after an
/// addition compiles it into flat arrays (<see cref="Compiled"/>): a node is a small struct, its next words are
/// (id, node) pairs side by side in one array (the node itself, not its index), and what a phrase asks of the text's
/// case is two bit masks beside its node's other phrases. A step of a match so reads a few adjacent array elements instead of following a node
/// object, its child-id array, its child array, its phrase array and each phrase record (each a likely cache miss,
/// which the profile showed as most of the stage's lexicon matching). The first word is found by indexing an array
/// with the word's <see cref="WordVocabulary"/> id.
/// </remarks>
public sealed class PhraseTrie<T>
{
    private readonly Node root = new();

    private readonly List<string> firstKeys = [];

    /// <summary>The flat form matches read; null after an addition until the next match compiles it again.</summary>
    private volatile Compiled? compiled;

    public void Add(string phrase, T value)
    {
        var words = WordScanner.Scan(phrase);
        if (words.Count == 0)
        {
            return;
        }

        // Keys are registered in the shared vocabulary, so words split from a text find them by id.
        var node = root;
        foreach (var w in words)
        {
            var id = WordVocabulary.Register(w.Key);
            var next = node.Child(id);
            if (next is null)
            {
                next = new Node();
                node.Children.Add((id, next));
                if (node == root)
                {
                    firstKeys.Add(w.Key);
                }
            }

            node = next;
        }

        var rules = words.Select(CaseRuleOf).ToArray();
        if (rules.Skip(MaskedWords).Any(r => r != CaseRule.Any))
        {
            // The flat form keeps the case rules as 64-bit masks; no name or trigger comes near that length.
            throw new ArgumentException($"A phrase may ask for capitals only in its first {MaskedWords} words: {phrase}", nameof(phrase));
        }

        node.Values.Add(new Phrase(rules, [.. words.Select(w => w.Bare)], value));
        compiled = null;
    }

    /// <summary>The words of a phrase whose case rules the flat form keeps (one bit each in a 64-bit mask).</summary>
    private const int MaskedWords = 64;

    /// <summary>The keys phrases start with: a word whose key is not among them starts no match.</summary>
    public IEnumerable<string> FirstKeys => firstKeys;

    /// <summary>
    /// The keys phrases start with that are no phrase alone ("the", "al"): a match from such a word needs a next
    /// word among <see cref="SecondKeys"/>, else it finds nothing.
    /// </summary>
    internal IEnumerable<string> FirstKeysNeedingMore =>
        root.Children.Where(c => c.Next.Values.Count == 0).Select(c => WordVocabulary.KeyOf(c.Id));

    /// <summary>The keys of every phrase's second word.</summary>
    internal IEnumerable<string> SecondKeys =>
        root.Children.SelectMany(c => c.Next.Children).Select(c => c.Id).Distinct().Select(WordVocabulary.KeyOf);

    /// <summary>The longest phrase starting at <paramref name="start"/>: its values and the index after its last word.</summary>
    /// <remarks>
    /// The stages pass lists or sentence ranges, read here as spans: through the interface every word read was a
    /// call that copied the word, and the names stage matches at most capitalised words and determiners.
    /// </remarks>
    public (int End, IReadOnlyList<T> Values) Match(IReadOnlyList<Word> words, int start) => words switch
    {
        List<Word> list => Match(CollectionsMarshal.AsSpan(list), start),
        Word[] array => Match(array.AsSpan(), start),
        Events.WordRange range => Match(range.AsSpan(), start),
        _ => Match([.. words], start),
    };

    /// <summary>The longest phrase starting at <paramref name="start"/>: its values and the index after its last word.</summary>
    public (int End, IReadOnlyList<T> Values) Match(ReadOnlySpan<Word> words, int start) => MatchValues(words, start);

    /// <summary>
    /// <see cref="Match(IReadOnlyList{Word}, int)"/> over a list, with the values as an array: the names stage matches
    /// at every word that may start a name, and reading the values through <see cref="IReadOnlyList{T}"/> (and the
    /// list through the type test) cost interface calls and cast checks at each.
    /// </summary>
    internal (int End, T[] Values) MatchValues(List<Word> words, int start) => MatchValues(CollectionsMarshal.AsSpan(words), start);

    /// <summary>The longest phrase starting at <paramref name="start"/>: its values (shared: not to be changed) and the index after its last word.</summary>
    internal (int End, T[] Values) MatchValues(ReadOnlySpan<Word> words, int start)
    {
        // Called for nearly every word of every document: no allocation unless some, not all, values agree in case.
        // Words are followed by vocabulary id: a word whose key no phrase registered has no id and ends the walk.
        var bestEnd = -1;
        T[] best = [];
        if (start >= words.Length)
        {
            return (bestEnd, best);
        }

        var trie = compiled ?? Compile();
        var first = words[start].Id;
        // A first word no phrase starts with finds the empty node: no phrase ends there and no word follows.
        var at = (uint)first < (uint)trie.FirstById.Length ? trie.FirstById[first] : default;
        for (var i = start; ;)
        {
            if (at.ValueCount > 0)
            {
                var accepted = trie.Accepted(at, words, start);
                if (accepted.Length > 0)
                {
                    bestEnd = i + 1;
                    best = accepted;
                }
            }

            if (++i >= words.Length)
            {
                break;
            }

            var edge = trie.Child(at, words[i].Id);
            if (edge < 0)
            {
                break;
            }

            at = trie.Edges[edge].Node;
        }

        return (bestEnd, best);
    }

    /// <summary>
    /// The longest phrase starting at <paramref name="start"/> as <see cref="MatchValues(ReadOnlySpan{Word}, int)"/>
    /// finds it, but only its first value (the one the names stage takes): returns the index after its last word and
    /// sets <paramref name="first"/>, or returns -1.
    /// </summary>
    /// <remarks>
    /// A match's cost is cache misses (the names stage runs after stages that fill the cache). The values array of
    /// <see cref="MatchValues(ReadOnlySpan{Word}, int)"/> is reached through the node's slot in an array of arrays,
    /// its case masks through another array; here each phrase's masks and value sit side by side in one element,
    /// read once, and nothing is allocated when only some of a node's phrases agree in case.
    /// </remarks>
    internal int MatchFirst(ReadOnlySpan<Word> words, int start, out T first)
    {
        var bestEnd = -1;
        first = default!;
        if (start >= words.Length)
        {
            return bestEnd;
        }

        var trie = compiled ?? Compile();
        var id = words[start].Id;
        var at = (uint)id < (uint)trie.FirstById.Length ? trie.FirstById[id] : default;
        for (var i = start; ;)
        {
            if (at.ValueCount > 0 && trie.FirstAccepted(at, words, start, out var value))
            {
                bestEnd = i + 1;
                first = value;
            }

            if (++i >= words.Length)
            {
                break;
            }

            var edge = trie.Child(at, words[i].Id);
            if (edge < 0)
            {
                break;
            }

            at = trie.Edges[edge].Node;
        }

        return bestEnd;
    }

    /// <summary>Builds the flat form from the nodes (once after the last addition; concurrent first matches may each build one, all equal).</summary>
    private Compiled Compile()
    {
        var built = new Compiled(root);
        compiled = built;
        return built;
    }

    /// <summary>What a phrase word asks of the text's word, decided once when the phrase is added.</summary>
    private static CaseRule CaseRuleOf(Word p) =>
        ArabicArticles.Contains(p.Key) || p.Key == "the" ? CaseRule.Any
        : p.IsAllCaps && p.Bare.Length <= 5 ? CaseRule.SameCapitals
        : p.IsCapitalised ? CaseRule.Capitalised
        : CaseRule.Any;

    private enum CaseRule : byte
    {
        Any,

        /// <summary>A short acronym ("US", "KH", "IS") matches only the same capitals.</summary>
        SameCapitals,
        Capitalised,
    }

    internal static readonly HashSet<string> ArabicArticles = new(StringComparer.Ordinal) { "al", "el", "ad", "an", "ar", "as", "at", "ash", "az" };

    /// <summary>A phrase as added: what its words ask of the text's case, its words as written bare, its value.</summary>
    private sealed record Phrase(CaseRule[] Rules, string[] Bares, T Value);

    /// <summary>A node of the tree phrases are added to (read only to compile the flat form).</summary>
    private sealed class Node
    {
        /// <summary>The next words, by vocabulary id, in the order first added.</summary>
        public List<(int Id, Node Next)> Children { get; } = [];

        /// <summary>Each phrase ending here, in the order added.</summary>
        public List<Phrase> Values { get; } = [];

        public Node? Child(int id)
        {
            foreach (var (childId, next) in Children)
            {
                if (childId == id)
                {
                    return next;
                }
            }

            return null;
        }
    }

    /// <summary>
    /// A node of the flat form: where its next words and its phrases are in the shared arrays, and its first phrase's
    /// value and case masks (when they fit in 32 bits each), so that a match whose first phrase agrees in case reads
    /// nothing past the node. Its phrase slot, elsewhere, was the most sampled load of a match in session 12's
    /// profile (a cache miss of its own, two when the 32-byte slot straddled two lines); most nodes end one phrase.
    /// </summary>
    private readonly record struct FlatNode(
        int ChildStart,
        int ValueStart,
        ushort ChildCount,
        ushort ValueCount,
        bool AllAnyCase,
        bool FirstInline,
        uint FirstCapitalised,
        uint FirstSameCapitals,
        T FirstValue);

    /// <summary>A next word's vocabulary id and the node it leads to.</summary>
    private readonly record struct Edge(int Id, FlatNode Node);

    /// <summary>
    /// What a phrase asks of the text's case, as masks over its words (bit k: word k), read beside its node's other
    /// phrases; the bare words are read only for a <see cref="CaseRule.SameCapitals"/> word.
    /// </summary>
    private readonly record struct CaseMasks(ulong Capitalised, ulong SameCapitals);

    /// <summary>The trie as flat arrays: nodes in breadth-first order, each node's next words and phrases contiguous.</summary>
    private sealed class Compiled
    {
        /// <summary>
        /// The node of each first word, by vocabulary id (empty where no phrase starts): a copy of the node itself
        /// rather than its index, so that a match's first step reads one array element, not two.
        /// </summary>
        public readonly FlatNode[] FirstById;

        /// <summary>
        /// The next words of every node, a node's side by side, each with its node itself rather than its index: a
        /// step to the next word reads the edge it finds and nothing else (an index into an array of nodes was a
        /// second dependent read, and a likely cache miss, at every word of a multi-word match).
        /// </summary>
        public readonly Edge[] Edges;

        /// <summary>The ids of <see cref="Edges"/> alone, side by side, scanned for a node with many next words.</summary>
        public readonly int[] EdgeIds;

        private readonly CaseMasks[] masks;
        private readonly string[][] bares;
        private readonly T[] values;

        /// <summary>Each phrase's case masks beside its value, by phrase (what <see cref="FirstAccepted"/> reads).</summary>
        private readonly (CaseMasks Masks, T Value)[] slots;

        /// <summary>
        /// Every value of a node, in order, at the node's <see cref="FlatNode.ValueStart"/>: the answer when all agree
        /// in case, shared so matching need not copy it.
        /// </summary>
        private readonly T[][] allValues;

        public Compiled(Node root)
        {
            var order = new List<Node>();
            var index = new Dictionary<Node, int>(ReferenceEqualityComparer.Instance);
            var queue = new Queue<Node>();
            queue.Enqueue(root);
            while (queue.Count > 0)
            {
                var node = queue.Dequeue();
                index[node] = order.Count;
                order.Add(node);
                foreach (var (_, next) in node.Children)
                {
                    queue.Enqueue(next);
                }
            }

            var nodes = new FlatNode[order.Count];
            var nodeValues = new List<T[]>();
            var edges = new List<(int Id, int Node)>();
            var phraseMasks = new List<CaseMasks>();
            var phraseBares = new List<string[]>();
            var phraseValues = new List<T>();
            for (var n = 0; n < order.Count; n++)
            {
                var node = order[n];
                var childStart = edges.Count;
                foreach (var (id, next) in node.Children)
                {
                    edges.Add((id, index[next]));
                }

                var valueStart = phraseValues.Count;
                var allAnyCase = true;
                foreach (var phrase in node.Values)
                {
                    var mask = MasksOf(phrase.Rules);
                    allAnyCase &= mask == default;
                    phraseMasks.Add(mask);
                    phraseBares.Add(phrase.Bares);
                    phraseValues.Add(phrase.Value);
                }

                // The root is never stepped from (first words are found through FirstById), so only other nodes are bounded.
                var childCount = n == 0 ? 0 : node.Children.Count;
                if (childCount > ushort.MaxValue || node.Values.Count > ushort.MaxValue)
                {
                    throw new InvalidOperationException($"A phrase trie node may have at most {ushort.MaxValue} next words and {ushort.MaxValue} phrases.");
                }

                // The first phrase's masks are kept in the node when no case rule lies past its 32nd word (names are shorter).
                var first = node.Values.Count > 0 ? phraseMasks[valueStart] : default;
                var firstInline = node.Values.Count > 0 && first.Capitalised <= uint.MaxValue && first.SameCapitals <= uint.MaxValue;
                nodes[n] = new FlatNode(
                    childStart,
                    valueStart,
                    (ushort)childCount,
                    (ushort)node.Values.Count,
                    allAnyCase,
                    firstInline,
                    firstInline ? (uint)first.Capitalised : 0,
                    firstInline ? (uint)first.SameCapitals : 0,
                    firstInline ? phraseValues[valueStart] : default!);
                for (var v = 0; v < node.Values.Count; v++)
                {
                    nodeValues.Add(v == 0 ? [.. node.Values.Select(p => p.Value)] : []);
                }
            }

            allValues = [.. nodeValues];

            Edges = [.. edges.Select(e => new Edge(e.Id, nodes[e.Node]))];
            EdgeIds = [.. edges.Select(e => e.Id)];
            masks = [.. phraseMasks];
            bares = [.. phraseBares];
            values = [.. phraseValues];
            slots = new (CaseMasks, T)[values.Length];
            for (var p = 0; p < slots.Length; p++)
            {
                slots[p] = (masks[p], values[p]);
            }

            FirstById = new FlatNode[root.Children.Count == 0 ? 0 : root.Children.Max(c => c.Id) + 1];
            foreach (var (id, next) in root.Children)
            {
                FirstById[id] = nodes[index[next]];
            }
        }

        /// <summary>The edge to the node after the word with this id, or -1 (most nodes have none or a few next words).</summary>
        public int Child(in FlatNode node, int id)
        {
            // No phrase word lacks an id, so an unknown word (Unknown is negative) finds no edge.
            if (node.ChildCount > FewChildren)
            {
                var at = EdgeIds.AsSpan(node.ChildStart, node.ChildCount).IndexOf(id);
                return at < 0 ? -1 : node.ChildStart + at;
            }

            var end = node.ChildStart + node.ChildCount;
            for (var e = node.ChildStart; e < end; e++)
            {
                if (Edges[e].Id == id)
                {
                    return e;
                }
            }

            return -1;
        }

        /// <summary>
        /// Up to this many next words are looked for in the edges themselves (the node a step reads is beside the id);
        /// past it, in <see cref="EdgeIds"/>: "the" and "al" start dozens of names, and scanning their edges (each
        /// with its node) read a cache line or two per next word at every "the" of a report.
        /// </summary>
        private const int FewChildren = 2;

        /// <summary>The values of the phrases ending at <paramref name="at"/> whose case rules the words at <paramref name="start"/> meet.</summary>
        public T[] Accepted(in FlatNode at, ReadOnlySpan<Word> words, int start)
        {
            if (at.AllAnyCase)
            {
                return allValues[at.ValueStart];
            }

            var agreeing = 0;
            for (var v = at.ValueStart; v < at.ValueStart + at.ValueCount; v++)
            {
                if (CaseAgrees(v, words, start))
                {
                    agreeing++;
                }
            }

            if (agreeing == at.ValueCount)
            {
                return allValues[at.ValueStart];
            }

            if (agreeing == 0)
            {
                return [];
            }

            var accepted = new T[agreeing];
            var kept = 0;
            for (var v = at.ValueStart; v < at.ValueStart + at.ValueCount; v++)
            {
                if (CaseAgrees(v, words, start))
                {
                    accepted[kept++] = values[v];
                }
            }

            return accepted;
        }

        /// <summary>The value of the first phrase ending at <paramref name="at"/> whose case rules the words at <paramref name="start"/> meet.</summary>
        public bool FirstAccepted(in FlatNode at, ReadOnlySpan<Word> words, int start, out T value)
        {
            var from = at.ValueStart;
            if (at.FirstInline)
            {
                if (CaseAgrees(new CaseMasks(at.FirstCapitalised, at.FirstSameCapitals), at.ValueStart, words, start))
                {
                    value = at.FirstValue;
                    return true;
                }

                from++;
            }

            for (var v = from; v < at.ValueStart + at.ValueCount; v++)
            {
                ref readonly var slot = ref slots[v];
                if (CaseAgrees(slot.Masks, v, words, start))
                {
                    value = slot.Value;
                    return true;
                }
            }

            value = default!;
            return false;
        }

        private bool CaseAgrees(int phrase, ReadOnlySpan<Word> words, int start) => CaseAgrees(masks[phrase], phrase, words, start);

        private bool CaseAgrees(CaseMasks phraseMasks, int phrase, ReadOnlySpan<Word> words, int start)
        {
            var (capitalised, sameCapitals) = phraseMasks;
            for (var k = 0; capitalised != 0; k++, capitalised >>= 1)
            {
                if ((capitalised & 1) != 0 && !words[start + k].IsCapitalised)
                {
                    return false;
                }
            }

            for (var k = 0; sameCapitals != 0; k++, sameCapitals >>= 1)
            {
                if ((sameCapitals & 1) != 0 && !words[start + k].BareEquals(bares[phrase][k]))
                {
                    return false;
                }
            }

            return true;
        }

        private static CaseMasks MasksOf(CaseRule[] rules)
        {
            ulong capitalised = 0, sameCapitals = 0;
            for (var k = 0; k < Math.Min(rules.Length, MaskedWords); k++)
            {
                switch (rules[k])
                {
                    case CaseRule.Capitalised:
                        capitalised |= 1ul << k;
                        break;
                    case CaseRule.SameCapitals:
                        sameCapitals |= 1ul << k;
                        break;
                }
            }

            return new CaseMasks(capitalised, sameCapitals);
        }
    }
}
