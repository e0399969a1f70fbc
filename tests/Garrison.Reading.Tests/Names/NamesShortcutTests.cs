using System.Runtime.InteropServices;
using Garrison.Domain.Records;
using Garrison.Lexicons.Entities;
using Garrison.Reading.Documents;
using Garrison.Reading.Names;
using Garrison.Reading.Pipeline;

namespace Garrison.Reading.Tests.Names;

/// <summary>
/// Session 14's shortcuts in the names stage, each checked against the answer it replaces: a listed alias known
/// equal to a plain surface without reading its characters, a name group known to be the entity's own index, and
/// the trie not asked at a word that starts only longer names when the next word is no name's second word.
/// </summary>
public sealed class NamesShortcutTests
{
    private static IEnumerable<string> TextsInThreeCases() =>
        RealReports.Texts().SelectMany(t => new[] { t, t.ToUpperInvariant(), t.ToLowerInvariant() });

    [Fact]
    public void A_plain_listed_alias_matched_by_a_plain_surface_equals_it_case_aside_on_the_real_texts()
    {
        var lexicon = TestLexicons.Value.Names;
        var (shortcuts, fallbacks) = (0, 0);
        foreach (var text in TextsInThreeCases())
        {
            var words = WordScanner.Scan(text);
            for (var start = 0; start < words.Count; start++)
            {
                var end = lexicon.Aliases.MatchFirst(CollectionsMarshal.AsSpan(words), start, out var name);
                if (end <= start || name.ListedPhrase == LexiconName.NoPhrase)
                {
                    continue;
                }

                // The surface as the names stage cuts it: a possessive's "'s" is not part of the name.
                var last = words[end - 1];
                var surface = text.AsSpan(words[start].Span.Start, (last.Possessive ? last.Span.End - 2 : last.Span.End) - words[start].Span.Start);
                var equal = surface.Equals(lexicon.ListedPhrase(name.ListedPhrase), StringComparison.OrdinalIgnoreCase);
                if ((name.Flags & LexiconName.NameFlags.ListedIsPlain) != 0 && NamesStage.IsPlainSurface(surface, end - start))
                {
                    Assert.True(equal, $"'{surface}' is taken as '{lexicon.ListedPhrase(name.ListedPhrase)}'");
                    shortcuts++;
                }
                else if (equal)
                {
                    fallbacks++;
                }
            }
        }

        // Most matches take the shortcut; some (hyphens, apostrophes, dots) still compare the characters.
        Assert.True(shortcuts > 100, $"only {shortcuts} shortcuts");
        Assert.True(fallbacks > 10, $"only {fallbacks} compared");
    }

    [Theory]
    [InlineData("Bravo Seven", true)]
    [InlineData("Bravo 7 Brigade", true)]
    [InlineData("Taliban", true)]
    [InlineData("Bravo  Seven", false)]
    [InlineData(" Bravo", false)]
    [InlineData("Bravo ", false)]
    [InlineData("Al-Asad", false)]
    [InlineData("U.S.", false)]
    [InlineData("Kata'ib Hezbollah", false)]
    [InlineData("Zürich Guard", false)]
    [InlineData("", false)]
    public void A_plain_phrase_is_ascii_letters_and_digits_in_words_one_space_apart(string phrase, bool plain)
    {
        Assert.Equal(plain, NameLexicon.IsPlainPhrase(phrase));
        // A surface is plain with as many words as the split makes of it; with one word more (a title before a
        // person) it is not.
        var words = WordScanner.Scan(phrase).Count;
        Assert.Equal(plain, NamesStage.IsPlainSurface(phrase, words));
        Assert.False(NamesStage.IsPlainSurface(phrase, words + 1));
    }

    private static List<NameMention> Names(NameLexicon lexicon, string text) => LexiconIndexTests.Names(lexicon, text);

    [Fact]
    public void A_surface_written_otherwise_than_its_plain_alias_is_added_as_an_unlisted_form()
    {
        var lexicon = new NameLexicon(new EntityLexicon([
            new LexiconEntry("bsb", "Bravo Seven Brigade", EntityKind.Force, ["BSB"]),
        ]));

        // The same words in capitals: listed (case aside), so the record is the lexicon's own.
        var listed = Names(lexicon, "BRAVO SEVEN BRIGADE moved. Bravo Seven Brigade left.");
        Assert.Equal(2, listed.Count);
        Assert.All(listed, n => Assert.Equal(["BSB"], n.Entity.Aliases));

        // Two spaces and a hyphen: the same words to the trie, not the listed alias as written.
        var spaced = Names(lexicon, "Bravo  Seven Brigade moved. Bravo-Seven Brigade left.");
        Assert.Equal(2, spaced.Count);
        Assert.Equal(["BSB", "Bravo  Seven Brigade", "Bravo-Seven Brigade"], spaced[0].Entity.Aliases);
    }

    [Fact]
    public void An_entity_owns_its_name_group_exactly_when_it_is_the_first_of_its_name()
    {
        var lexicon = TestLexicons.Value.Names;
        var entries = lexicon.Entities.Entries;
        var (owners, shared) = (0, 0);
        foreach (var entry in entries)
        {
            foreach (var name in lexicon.Aliases.MatchValues(WordScanner.Scan(entry.Name), 0).Values)
            {
                var group = lexicon.NameGroupAt(name.Index);
                var first = Enumerable.Range(0, entries.Count).First(k => entries[k].Name == entries[name.Index].Name);
                Assert.Equal(first, group);
                Assert.Equal(group, lexicon.NameGroupOf(entries[name.Index].Name));
                Assert.Equal(group == name.Index, (name.Flags & LexiconName.NameFlags.OwnsNameGroup) != 0);
                if (group == name.Index)
                {
                    owners++;
                }
                else
                {
                    shared++;
                }
            }
        }

        Assert.True(owners > 300, $"only {owners} owners ({shared} sharing an earlier entity's name)");
        Assert.True(lexicon.NameGroupCount >= entries.Count);
    }

    [Fact]
    public void An_entity_sharing_an_earlier_ones_name_is_in_that_ones_group()
    {
        var lexicon = new NameLexicon(new EntityLexicon([
            new LexiconEntry("qf-a", "Qelmar Front", EntityKind.ArmedGroup, ["QF"]),
            new LexiconEntry("other", "Other Front", EntityKind.ArmedGroup, []),
            new LexiconEntry("qf-b", "Qelmar Front", EntityKind.ArmedGroup, ["Qelmar Army"]),
        ]));

        var first = lexicon.Aliases.MatchValues(WordScanner.Scan("QF"), 0).Values.Single();
        var second = lexicon.Aliases.MatchValues(WordScanner.Scan("Qelmar Army"), 0).Values.Single();
        Assert.Equal((0, 2), (first.Index, second.Index));
        Assert.True((first.Flags & LexiconName.NameFlags.OwnsNameGroup) != 0);
        Assert.True((second.Flags & LexiconName.NameFlags.OwnsNameGroup) == 0);
        Assert.Equal(0, lexicon.NameGroupAt(2));
        Assert.Equal(0, lexicon.NameGroupOf("Qelmar Front"));
        Assert.Equal(1, lexicon.NameGroupOf("Other Front"));
    }

    [Fact]
    public void The_trie_finds_nothing_where_the_stage_no_longer_asks_it_on_the_real_texts()
    {
        var stage = new NamesStage(TestLexicons.Value.Names);
        var aliases = TestLexicons.Value.Names.Aliases;
        var (skipped, needingMoreFound) = (0, 0);
        foreach (var text in TextsInThreeCases())
        {
            var words = WordScanner.Scan(text);
            for (var i = 0; i < words.Count; i++)
            {
                if (!stage.Is(words[i], NamesStage.Tag.AliasStart) || !stage.Is(words[i], NamesStage.Tag.AliasStartNeedingMore))
                {
                    continue;
                }

                var end = aliases.MatchFirst(CollectionsMarshal.AsSpan(words), i, out _);
                if (i + 1 < words.Count && stage.Is(words[i + 1], NamesStage.Tag.AliasSecond))
                {
                    needingMoreFound += end > i ? 1 : 0;
                    continue;
                }

                Assert.Equal(-1, end);
                skipped++;
            }
        }

        Assert.True(skipped > 100, $"only {skipped} skipped");
        Assert.True(needingMoreFound > 20, $"only {needingMoreFound} names of several words found");
    }

    [Fact]
    public void The_marks_of_each_lexicon_name_agree_with_reading_the_name()
    {
        var lexicon = TestLexicons.Value.Names;
        var stage = new NamesStage(lexicon);
        var (facilities, ministries) = (0, 0);
        for (var index = 0; index < lexicon.EntityCount; index++)
        {
            var entity = lexicon.EntityOf(lexicon.Entities.Entries[index]);
            foreach (var noun in NamesStage.FacilityNouns.Keys)
            {
                var bit = stage.FacilityNounBit(noun);
                Assert.NotEqual(0u, bit);
                var holds = stage.NameHoldsFacilityNoun(entity, index, bit, noun);
                Assert.Equal(stage.NameHoldsFacilityNoun(entity, LexiconName.NotInLexicon, bit, noun), holds);
                Assert.Equal(entity.Name.Contains(noun, StringComparison.OrdinalIgnoreCase), holds);
                facilities += holds ? 1 : 0;
            }

            var ministry = stage.NameHoldsMinistry(entity, index);
            Assert.Equal(stage.NameHoldsMinistry(entity, LexiconName.NotInLexicon), ministry);
            ministries += ministry ? 1 : 0;
        }

        Assert.True(facilities > 20, $"only {facilities} facility nouns held");
        Assert.True(ministries > 5, $"only {ministries} ministries");
    }
}
