namespace Garrison.Reading.Names;

/// <summary>
/// Longest-match lookup of multi-word phrases over <see cref="Word"/>s, with the case rules names need:
/// an all-capitals alias word ("US", "KH", "IS") matches only capitals, a capitalised one ("Harir") only a
/// capitalised word, a lower-case one any case. Arabic articles (al-, el-) match in any case.
/// </summary>
public sealed class PhraseTrie<T>
{
    private readonly Node root = new();

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
            if (!node.Children.TryGetValue(id, out var next))
            {
                next = new Node();
                node.Children[id] = next;
                if (node == root)
                {
                    firstKeys.Add(w.Key);
                }
            }

            node = next;
        }

        node.Values.Add(([.. words.Select(CaseRuleOf)], [.. words.Select(w => w.Bare)], value));
        node.AllValues = [.. node.Values.Select(v => v.Value)];
    }

    private readonly List<string> firstKeys = [];

    /// <summary>The keys phrases start with: a word whose key is not among them starts no match.</summary>
    public IEnumerable<string> FirstKeys => firstKeys;

    /// <summary>The longest phrase starting at <paramref name="start"/>: its values and the index after its last word.</summary>
    public (int End, IReadOnlyList<T> Values) Match(IReadOnlyList<Word> words, int start)
    {
        // Called for nearly every word of every document: no allocation unless some, not all, values agree in case.
        // Words are followed by vocabulary id: a word whose key no phrase registered has no id and ends the walk.
        var node = root;
        var bestEnd = -1;
        IReadOnlyList<T> best = [];
        for (var i = start; i < words.Count; i++)
        {
            var id = words[i].Id;
            if (id == WordVocabulary.Unknown || !node.Children.TryGetValue(id, out var next))
            {
                break;
            }

            node = next;
            if (node.Values.Count == 0)
            {
                continue;
            }

            var accepted = Accepted(node, words, start);
            if (accepted.Count > 0)
            {
                bestEnd = i + 1;
                best = accepted;
            }
        }

        return (bestEnd, best);
    }

    private static IReadOnlyList<T> Accepted(Node node, IReadOnlyList<Word> words, int start)
    {
        var agreeing = 0;
        foreach (var v in node.Values)
        {
            if (CaseAgrees(v.Rules, v.Bares, words, start))
            {
                agreeing++;
            }
        }

        if (agreeing == node.Values.Count)
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
            if (CaseAgrees(v.Rules, v.Bares, words, start))
            {
                accepted.Add(v.Value);
            }
        }

        return accepted;
    }

    private static bool CaseAgrees(CaseRule[] rules, string[] bares, IReadOnlyList<Word> words, int start)
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

    private sealed class Node
    {
        public Dictionary<int, Node> Children { get; } = [];

        /// <summary>Each phrase ending here: what its words ask of the text's case, its words as written bare, its value.</summary>
        public List<(CaseRule[] Rules, string[] Bares, T Value)> Values { get; } = [];

        /// <summary>Every value, in order: the answer when all agree in case, shared so matching need not copy it.</summary>
        public T[] AllValues { get; set; } = [];
    }
}
