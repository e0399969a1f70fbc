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
