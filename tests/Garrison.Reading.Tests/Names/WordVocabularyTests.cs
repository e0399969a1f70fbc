using Garrison.Reading.Names;

namespace Garrison.Reading.Tests.Names;

public sealed class WordVocabularyTests
{
    [Fact]
    public void A_registered_key_gives_split_words_its_id_and_shared_string()
    {
        // A key no lexicon uses, so that the test owns it.
        var id = WordVocabulary.Register("zyqvocabtest");

        var words = WordScanner.Scan("Zyqvocabtest and ZYQVOCABTEST’s, not zyqvocabtests");

        Assert.Equal(id, words[0].Id);
        Assert.Equal(id, words[2].Id);
        Assert.Same(words[0].Key, words[2].Key);
        Assert.Equal(WordVocabulary.Unknown, words[4].Id);
        Assert.Equal("zyqvocabtests", words[4].Key);
        Assert.Equal(id, WordVocabulary.IdOf("zyqvocabtest"));
        Assert.Equal(id, WordVocabulary.Register("zyqvocabtest"));
    }

    /// <summary>
    /// Short keys of ASCII letters and digits are packed into one table, the others hashed into a second: every key
    /// must be found in the table it went to, by the general look-up and by the scanner's lower-cased one, and keys
    /// that differ only in length, a trailing digit or a character at the edge of the packed form must stay apart.
    /// More than 65,535 keys push the later short keys into the long table, which a short word must then also try.
    /// </summary>
    [Fact]
    public void Every_key_is_found_in_either_table_and_no_other_word_is()
    {
        var random = new Random(20260118);
        const string letters = "abcdefghijklmnopqrstuvwxyz0123456789";
        var keys = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(string key)
        {
            if (seen.Add(key))
            {
                keys.Add(key);
            }
        }

        foreach (var c in letters)
        {
            Add(c.ToString());
        }

        foreach (var key in new[] { "a0", "0a", "aaaaaaaa", "aaaaaaaaa", "zzzzzzzz", "99999999", "éa", "ß", "kataib", "al-asad" })
        {
            Add(key);
        }

        while (keys.Count < 70_000)
        {
            var length = random.Next(1, 13);
            Add(string.Concat(Enumerable.Range(0, length).Select(_ => letters[random.Next(letters.Length)])));
        }

        var snapshot = new WordVocabulary.Snapshot([.. keys], 0);

        for (var id = 0; id < keys.Count; id++)
        {
            var key = keys[id];
            Assert.True(snapshot.TryFind(key, out var shared, out var found), key);
            Assert.Equal(id, found);
            Assert.Same(key, shared);
            if (key.All(char.IsAsciiLetterOrDigit))
            {
                // The scanner hands over the word as written and the packed lower-cased key.
                Assert.True(snapshot.TryFindAsciiLowered(key.ToUpperInvariant(), WordVocabulary.Snapshot.Pack(key), out found), key);
                Assert.Equal(id, found);
            }
        }

        foreach (var other in new[] { "aaaaaaaaaa", "a00", "00a", "zzzzzzzzz", "é", "al", "kataibx" }.Where(k => !seen.Contains(k)))
        {
            Assert.False(snapshot.TryFind(other, out _, out var none), other);
            Assert.Equal(WordVocabulary.Unknown, none);
        }

        for (var n = 0; n < 2000; n++)
        {
            var other = string.Concat(Enumerable.Range(0, random.Next(1, 13)).Select(_ => letters[random.Next(letters.Length)]));
            Assert.Equal(seen.Contains(other), snapshot.TryFindAsciiLowered(other, WordVocabulary.Snapshot.Pack(other), out _));
        }
    }

    [Fact]
    public void Registering_changes_the_version()
    {
        var before = WordVocabulary.Version;

        WordVocabulary.Register("zyqversiontest" + Guid.NewGuid().ToString("N"));

        Assert.NotEqual(before, WordVocabulary.Version);
    }

    [Fact]
    public void Text_and_bare_forms_are_cut_from_the_text_on_request()
    {
        var words = WordScanner.Scan("the U.S. and Kata'ib’s men");

        Assert.Equal("U.S.", words[1].Text);
        Assert.Equal("US", words[1].Bare);
        Assert.True(words[1].BareEquals("US"));
        Assert.False(words[1].BareEquals("U"));
        Assert.False(words[1].BareEquals("USA"));
        Assert.Equal("Kata'ib’s", words[3].Text);
        Assert.Equal("Kataib", words[3].Bare);
        Assert.True(words[3].BareEquals("Kataib"));
        Assert.False(words[3].BareEquals("kataib"));
    }

    [Fact]
    public void Phrases_added_to_a_trie_match_words_split_afterwards()
    {
        var trie = new PhraseTrie<string>();
        trie.Add("Zyqtrie Qxwbase", "base");

        var words = WordScanner.Scan("at zyqtrie qxwbase and Zyqtrie Qxwbase");

        Assert.Equal(-1, trie.Match(words, 1).End);
        var (end, values) = trie.Match(words, 4);
        Assert.Equal(6, end);
        Assert.Equal(["base"], values);
    }
}
