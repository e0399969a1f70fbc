using System.Runtime.InteropServices;
using Garrison.Lexicons;
using Garrison.Reading.Names;

namespace Garrison.Reading.Tests.Names;

/// <summary>
/// The trie against a plain reading of its rule: at a start word, the longest phrase whose keys are the next words
/// and whose case rules those words meet; its values are every such phrase of that length, in the order added.
/// </summary>
public sealed class PhraseTrieTests
{
    [Fact]
    public void Matches_as_the_plain_rule_does_over_the_repository_aliases_in_shuffled_case()
    {
        var phrases = TestLexicons.Value.Names.Entities.Entries
            .SelectMany(e => e.Aliases.Prepend(e.Name))
            .Concat(["al-Asad Air Base", "US", "KH", "the Pentagon", "IS", "is", "Harir", "harir air base"])
            .ToList();
        var trie = new PhraseTrie<int>();
        var plain = new List<(Word[] Words, int Value)>();
        for (var v = 0; v < phrases.Count; v++)
        {
            trie.Add(phrases[v], v);
            plain.Add(([.. WordScanner.Scan(phrases[v])], v));
        }

        // Texts made of aliases in varied case, joined by ordinary words, so that matches, near misses (case, a
        // longer phrase cut short) and misses all occur.
        var random = new Random(20260118);
        var checkedStarts = 0;
        for (var t = 0; t < 300; t++)
        {
            var parts = new List<string>();
            for (var p = 0; p < 12; p++)
            {
                var phrase = phrases[random.Next(phrases.Count)];
                parts.Add(random.Next(4) switch
                {
                    0 => phrase.ToLowerInvariant(),
                    1 => phrase.ToUpperInvariant(),
                    2 => phrase[..(phrase.LastIndexOf(' ') is var cut and > 0 ? cut : phrase.Length)],
                    _ => phrase,
                });
                parts.Add(random.Next(3) == 0 ? "and the" : "near");
            }

            var words = WordScanner.Scan(string.Join(' ', parts));
            for (var start = 0; start < words.Count; start++)
            {
                var (end, values) = trie.Match(words, start);
                var (plainEnd, plainValues) = PlainMatch(plain, words, start);
                Assert.Equal(plainEnd, end);
                Assert.Equal(plainValues, values);
                // The first value alone, as the names stage asks for it: the same phrase, its first agreeing value.
                var firstEnd = trie.MatchFirst(CollectionsMarshal.AsSpan(words), start, out var first);
                Assert.Equal(plainValues.Count > 0 ? plainEnd : -1, firstEnd);
                if (plainValues.Count > 0)
                {
                    Assert.Equal(plainValues[0], first);
                }
                checkedStarts += end > 0 ? 1 : 0;
            }
        }

        Assert.True(checkedStarts > 1000, $"only {checkedStarts} starts matched");
    }

    [Fact]
    public void A_phrase_added_after_a_match_is_found_by_the_next()
    {
        var trie = new PhraseTrie<string>();
        trie.Add("Zyqflat Qxwcamp", "camp");
        var words = WordScanner.Scan("Zyqflat Qxwcamp North");
        Assert.Equal(2, trie.Match(words, 0).End);

        trie.Add("Zyqflat Qxwcamp North", "north");

        var (end, values) = trie.Match(words, 0);
        Assert.Equal(3, end);
        Assert.Equal(["north"], values);
    }

    [Theory]
    // An alias two entities share: the first added comes first.
    [InlineData("Zyqmar", 0, 1, 10)]
    [InlineData("zyqmar", 0, -1, -1)]
    // Case-distinct phrases at one node: an acronym asks for its capitals, its lower-case twin takes any case, so
    // the first phrase may disagree and the second agree.
    [InlineData("QZ", 0, 1, 20)]
    [InlineData("Qz", 0, 1, 21)]
    [InlineData("qz", 0, 1, 21)]
    // A multi-word phrase that is a prefix of another: the longest that the words (and their case) reach.
    [InlineData("Zyq Base North", 0, 3, 31)]
    [InlineData("Zyq Base south", 0, 2, 30)]
    [InlineData("Zyq Base north", 0, 2, 30)]
    [InlineData("Zyq base North", 0, -1, -1)]
    [InlineData("near Zyq Base", 1, 3, 30)]
    [InlineData("near Zyq", 1, -1, -1)]
    [InlineData("", 0, -1, -1)]
    // A node with more next words than are looked for in the edges themselves (session 13): found by id among them.
    [InlineData("Zyq Camp", 0, 2, 40)]
    [InlineData("Zyq Field East", 0, 3, 43)]
    [InlineData("Zyq Field", 0, 2, 42)]
    [InlineData("Zyq Depot", 0, -1, -1)]
    // A phrase whose case rules reach past the 32 words a node keeps inline: its masks are read from its slot.
    [InlineData(LongPhrase, 0, 34, 50)]
    [InlineData(LongPhraseLowerEnd, 0, 33, 51)]
    public void The_first_value_is_the_first_of_the_longest_match(string text, int start, int end, int value)
    {
        var trie = new PhraseTrie<int>();
        trie.Add("Zyqmar", 10);
        trie.Add("Zyqmar", 11);
        trie.Add("QZ", 20);
        trie.Add("qz", 21);
        trie.Add("Zyq Base", 30);
        trie.Add("Zyq Base North", 31);
        trie.Add("Zyq Camp", 40);
        trie.Add("Zyq Fort", 41);
        trie.Add("Zyq Field", 42);
        trie.Add("Zyq Field East", 43);
        trie.Add(LongPhrase, 50);
        trie.Add(LongPhrase[..LongPhrase.LastIndexOf(' ')], 51);
        var words = WordScanner.Scan(text);

        var firstEnd = trie.MatchFirst(CollectionsMarshal.AsSpan(words), start, out var first);

        Assert.Equal(end, firstEnd);
        var (matchEnd, values) = trie.MatchValues(words, start);
        Assert.Equal(end, values.Length > 0 ? matchEnd : -1);
        if (end >= 0)
        {
            Assert.Equal(value, first);
            Assert.Equal(value, values[0]);
        }
    }

    /// <summary>34 words, the last capitalised (a case rule on the 34th word).</summary>
    private const string LongPhrase = "zyq a b c d e f g h i j k l m n o p q r s t u v w x y z aa bb cc dd ee ff Zyqlast";

    private const string LongPhraseLowerEnd = "zyq a b c d e f g h i j k l m n o p q r s t u v w x y z aa bb cc dd ee ff zyqlast";

    private static (int End, List<int> Values) PlainMatch(List<(Word[] Words, int Value)> phrases, List<Word> words, int start)
    {
        var bestEnd = -1;
        var best = new List<int>();
        foreach (var (phrase, value) in phrases)
        {
            if (start + phrase.Length > words.Count || !KeysAndCaseAgree(phrase, words, start))
            {
                continue;
            }

            var end = start + phrase.Length;
            if (end > bestEnd)
            {
                bestEnd = end;
                best = [];
            }

            if (end == bestEnd)
            {
                best.Add(value);
            }
        }

        return (bestEnd, best);
    }

    private static bool KeysAndCaseAgree(Word[] phrase, List<Word> words, int start)
    {
        for (var k = 0; k < phrase.Length; k++)
        {
            var p = phrase[k];
            var w = words[start + k];
            if (p.Key != w.Key)
            {
                return false;
            }

            var anyCase = p.Key is "al" or "el" or "ad" or "an" or "ar" or "as" or "at" or "ash" or "az" or "the";
            if (anyCase)
            {
                continue;
            }

            if (p.IsAllCaps && p.Bare.Length <= 5 ? w.Bare != p.Bare : p.IsCapitalised && !w.IsCapitalised)
            {
                return false;
            }
        }

        return true;
    }
}
