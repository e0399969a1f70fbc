using System.Runtime.InteropServices;

namespace Garrison.Reading.Names;

/// <summary>
/// Longest-match lookup of multi-word phrases over <see cref="Word"/>s, with the case rules names need:
/// an all-capitals alias word ("US", "KH", "IS") matches only capitals, a capitalised one ("Harir") only a
/// capitalised word, a lower-case one any case. Arabic articles (al-, el-) match in any case.
/// </summary>
/// <remarks>
/// Laid out for look-ups made with a cold cache (the names stage runs after stages that fill it): the first word is
/// found by indexing an array with the word's <see cref="WordVocabulary"/> id, and a node's few next words are ids in
/// one small array searched in order, rather than a dictionary per node (a bucket, an entry and a node object for
/// every step). Phrases whose words all match in any case skip the case check.
/// </remarks>
public sealed class PhraseTrie<T>
{
    private readonly Node root = new();

    /// <summary>The nodes of first words, indexed by vocabulary id (null where no phrase starts).</summary>
    private Node?[] firstById = [];

    private readonly List<string> firstKeys = [];

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
                node.AddChild(id, next);
                if (node == root)
                {
                    firstKeys.Add(w.Key);
                    if (id >= firstById.Length)
                    {
                        Array.Resize(ref firstById, Math.Max(id + 1, firstById.Length * 2));
                    }

                    firstById[id] = next;
                }
            }

            node = next;
        }

        var rules = words.Select(CaseRuleOf).ToArray();
        node.Values = [.. node.Values, new Phrase(rules, [.. words.Select(w => w.Bare)], value, rules.All(r => r == CaseRule.Any))];
        node.AllValues = [.. node.Values.Select(v => v.Value)];
    }

    /// <summary>The keys phrases start with: a word whose key is not among them starts no match.</summary>
    public IEnumerable<string> FirstKeys => firstKeys;

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
    public (int End, IReadOnlyList<T> Values) Match(ReadOnlySpan<Word> words, int start)
    {
        // Called for nearly every word of every document: no allocation unless some, not all, values agree in case.
        // Words are followed by vocabulary id: a word whose key no phrase registered has no id and ends the walk.
        var bestEnd = -1;
        IReadOnlyList<T> best = [];
        if (start >= words.Length)
        {
            return (bestEnd, best);
        }

        var first = words[start].Id;
        var node = (uint)first < (uint)firstById.Length ? firstById[first] : null;
        for (var i = start; node is not null;)
        {
            if (node.Values.Length > 0)
            {
                var accepted = Accepted(node, words, start);
                if (accepted.Count > 0)
                {
                    bestEnd = i + 1;
                    best = accepted;
                }
            }

            if (++i >= words.Length)
            {
                break;
            }

            node = node.Child(words[i].Id);
        }

        return (bestEnd, best);
    }

    private static IReadOnlyList<T> Accepted(Node node, ReadOnlySpan<Word> words, int start)
    {
        var agreeing = 0;
        foreach (var v in node.Values)
        {
            if (v.AnyCase || CaseAgrees(v.Rules, v.Bares, words, start))
            {
                agreeing++;
            }
        }

        if (agreeing == node.Values.Length)
        {
            return node.AllValues;
        }

        if (agreeing == 0)
        {
            return [];
        }

        var accepted = new List<T>(agreeing);
        foreach (var v in node.Values)
        {
            if (v.AnyCase || CaseAgrees(v.Rules, v.Bares, words, start))
            {
                accepted.Add(v.Value);
            }
        }

        return accepted;
    }

    private static bool CaseAgrees(CaseRule[] rules, string[] bares, ReadOnlySpan<Word> words, int start)
    {
        for (var k = 0; k < rules.Length; k++)
        {
            switch (rules[k])
            {
                case CaseRule.SameCapitals when !words[start + k].BareEquals(bares[k]):
                case CaseRule.Capitalised when !words[start + k].IsCapitalised:
                    return false;
            }
        }

        return true;
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

    /// <summary>A phrase ending at a node: what its words ask of the text's case, its words as written bare, its value.</summary>
    private sealed record Phrase(CaseRule[] Rules, string[] Bares, T Value, bool AnyCase);

    private sealed class Node
    {
        private int[] childIds = [];
        private Node[] children = [];

        /// <summary>Each phrase ending here, in the order added.</summary>
        public Phrase[] Values { get; set; } = [];

        /// <summary>Every value, in order: the answer when all agree in case, shared so matching need not copy it.</summary>
        public T[] AllValues { get; set; } = [];

        /// <summary>The node after the word with this id, or null (most nodes have none or a few next words).</summary>
        public Node? Child(int id)
        {
            var at = Array.IndexOf(childIds, id);
            return at < 0 || id == WordVocabulary.Unknown ? null : children[at];
        }

        public void AddChild(int id, Node child)
        {
            childIds = [.. childIds, id];
            children = [.. children, child];
        }
    }
}
