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
