using System.Runtime.InteropServices;
using Garrison.Domain.Records;
using Garrison.Lexicons.Entities;
using Garrison.Reading.Documents;
using Garrison.Reading.Names;
using Garrison.Reading.Pipeline;

namespace Garrison.Reading.Tests.Names;

/// <summary>
/// Session 12's lexicon index: an alias match hands over the entity's record, index and kind as one value, and the
/// names stage groups mentions and asks whether aliases are case-distinct by that index. Checked against the values
/// the trie held before (the record, <see cref="NameLexicon.EntityOf"/>, <see cref="NameLexicon.HasDistinctAliases(EntityRecord)"/>)
/// on the repository's lexicon and real texts, and on small lexicons made for the edge cases.
/// </summary>
public sealed class LexiconIndexTests
{
    [Fact]
    public void Every_alias_value_names_its_entry_by_index_with_the_record_and_kind_the_entry_gives()
    {
        var lexicon = TestLexicons.Value.Names;
        var entries = lexicon.Entities.Entries;
        Assert.Equal(entries.Count, lexicon.EntityCount);
        var seen = 0;
        foreach (var entry in entries)
        {
            foreach (var alias in entry.Aliases.Prepend(entry.Name))
            {
                var (end, values) = lexicon.Aliases.MatchValues(WordScanner.Scan(alias), 0);
                Assert.True(end > 0 && values.Length > 0, $"'{alias}' is not found");
                foreach (var value in values)
                {
                    Assert.Same(lexicon.EntityOf(entries[value.Index]), value.Entity);
                    Assert.Equal(entries[value.Index].Kind, value.Kind);
                    Assert.Equal(lexicon.HasDistinctAliases(value.Entity), lexicon.HasDistinctAliases(value.Index));
                    seen++;
                }
            }
        }

        Assert.True(seen > 1000, $"only {seen} values");
    }

    [Fact]
    public void Every_listed_phrase_is_an_alias_its_record_lists_with_the_words_matched()
    {
        // Session 13 keeps the listed phrases in one array of characters, each at its offset after its length.
        var lexicon = TestLexicons.Value.Names;
        var listed = 0;
        foreach (var entry in lexicon.Entities.Entries)
        {
            foreach (var alias in entry.Aliases.Prepend(entry.Name))
            {
                var words = WordScanner.Scan(alias);
                foreach (var value in lexicon.Aliases.MatchValues(words, 0).Values)
                {
                    if (value.ListedPhrase == LexiconName.NoPhrase)
                    {
                        continue;
                    }

                    var phrase = lexicon.ListedPhrase(value.ListedPhrase).ToString();
                    Assert.True(
                        value.Entity.Aliases.Prepend(value.Entity.Name).Any(a => a.Equals(phrase, StringComparison.OrdinalIgnoreCase)),
                        $"'{phrase}' (matched by '{alias}') is not listed by {value.Entity.Name}");
                    Assert.Equal(words.Select(w => w.Key), WordScanner.Scan(phrase).Select(w => w.Key));
                    listed++;
                }
            }
        }

        Assert.True(listed > 1000, $"only {listed} listed phrases");
    }

    [Fact]
    public void The_first_value_equals_the_first_of_all_values_at_every_word_of_the_real_texts()
    {
        var aliases = TestLexicons.Value.Names.Aliases;
        var matched = 0;
        // Each text also in capitals and in lower case, so that phrases whose case rules disagree are met too.
        foreach (var text in RealReports.Texts().SelectMany(t => new[] { t, t.ToUpperInvariant(), t.ToLowerInvariant() }))
        {
            var words = WordScanner.Scan(text);
            for (var start = 0; start < words.Count; start++)
            {
                var (end, values) = aliases.MatchValues(words, start);
                var firstEnd = aliases.MatchFirst(CollectionsMarshal.AsSpan(words), start, out var first);
                Assert.Equal(values.Length > 0 ? end : -1, firstEnd);
                if (values.Length > 0)
                {
                    Assert.Equal(values[0], first);
                    matched++;
                }
            }
        }

        Assert.True(matched > 200, $"only {matched} matches");
    }

    private static NameLexicon Lexicon(params LexiconEntry[] entries) => new(new EntityLexicon(entries));

    /// <summary>The names the stage finds in <paramref name="text"/> with <paramref name="lexicon"/> (after the core stages).</summary>
    internal static List<NameMention> Names(NameLexicon lexicon, string text)
    {
        var document = new ReadingPipelineBuilder().UseCoreStages().Build().Annotate("t", text);
        new NamesStage(lexicon).Process(document);
        return document.Names;
    }

    [Fact]
    public void Entities_sharing_a_name_are_one_record_listing_the_forms_the_first_lacks()
    {
        // Two entries with one name: mentions are grouped by the entity's name, not by entry, and the record is the
        // first named entry's, with the other's alias the text used added as an unlisted form.
        var lexicon = Lexicon(
            new LexiconEntry("qf-a", "Qelmar Front", EntityKind.ArmedGroup, ["QF"]),
            new LexiconEntry("qf-b", "Qelmar Front", EntityKind.ArmedGroup, ["Qelmar Army"]));

        var names = Names(lexicon, "Qelmar Army fighters attacked. Later QF fled. The Qelmar Front returned.");

        Assert.Equal(3, names.Count);
        foreach (var mention in names)
        {
            Assert.Equal("Qelmar Front", mention.Entity.Name);
            Assert.Equal("lexicon:qf-b", mention.Entity.Ref);
            Assert.Equal(["Qelmar Army", "QF"], mention.Entity.Aliases);
        }
    }

    [Fact]
    public void An_alias_two_entities_share_names_the_first_entry()
    {
        var lexicon = Lexicon(
            new LexiconEntry("tv-1", "Tavrik Battalion", EntityKind.Force, ["Tavrik"]),
            new LexiconEntry("tv-2", "Tavrik Airfield", EntityKind.Facility, ["Tavrik"]));

        var names = Names(lexicon, "Tavrik moved north. Tavrik Airfield was shelled.");

        Assert.Equal(["lexicon:tv-1", "lexicon:tv-2"], names.Select(n => n.Entity.Ref));
        Assert.Equal([EntityKind.Force, EntityKind.Facility], names.Select(n => n.Entity.Kind));
        // "Tavrik" is listed for the battalion: its record is the lexicon's own, not a copy.
        Assert.Same(lexicon.EntityOf(lexicon.Entities.Entries[0]), names[0].Entity);
    }

    [Fact]
    public void Aliases_equal_case_aside_are_listed_once_and_distinct_ones_as_they_are()
    {
        var lexicon = Lexicon(
            new LexiconEntry("dg", "Dorvan Guard", EntityKind.Force, ["DG", "Dg", "Dorvan Watch"]),
            new LexiconEntry("kz", "Kestrel Zone", EntityKind.Facility, ["KZ", "Kestrel Area"]));
        Assert.False(lexicon.HasDistinctAliases(0));
        Assert.True(lexicon.HasDistinctAliases(1));

        var names = Names(lexicon, "DG patrols left. Forces at KZ waited, and the Dorvan Watch stayed near the Kestrel Area.");

        var guard = names.Where(n => n.Entity.Name == "Dorvan Guard").ToList();
        var zone = names.Where(n => n.Entity.Name == "Kestrel Zone").ToList();
        Assert.Equal(2, guard.Count);
        Assert.Equal(2, zone.Count);
        Assert.All(guard, n => Assert.Equal(["DG", "Dorvan Watch"], n.Entity.Aliases));
        Assert.All(zone, n => Assert.Same(lexicon.EntityOf(lexicon.Entities.Entries[1]), n.Entity));
    }

    [Fact]
    public void A_multi_word_alias_that_begins_another_names_its_own_entity_where_the_longer_stops()
    {
        var lexicon = Lexicon(
            new LexiconEntry("tb", "Tarsk Base", EntityKind.Facility, []),
            new LexiconEntry("tbn", "Tarsk Base North", EntityKind.Facility, ["North Tarsk"]));

        const string text = "Rockets hit Tarsk Base North. Tarsk Base was spared; tarsk base north was not named as written.";

        var names = Names(lexicon, text);

        Assert.Equal(["Tarsk Base North", "Tarsk Base"], names.Select(n => n.Entity.Name));
        Assert.Equal(["Tarsk Base North", "Tarsk Base"], names.Select(n => text.Substring(n.Span.Start, n.Span.Length)));
    }

    [Fact]
    public void A_form_without_its_article_is_matched_but_not_listed_so_the_record_adds_it()
    {
        // "Zorq Air Base" is matched through the article-less variant of "Al-Zorq Air Base", which the record does
        // not list: the surface is compared with the record's forms and added; the listed alias is not.
        var lexicon = Lexicon(new LexiconEntry("zab", "Al-Zorq Air Base", EntityKind.Facility, ["Zorq Airfield"]));

        var names = Names(lexicon, "Drones struck Zorq Air Base. Al-Zorq Air Base and AL-ZORQ AIR BASE are one. Zorq Airfield too.");

        Assert.Equal(4, names.Count);
        Assert.All(names, n => Assert.Equal(["Zorq Airfield", "Zorq Air Base"], n.Entity.Aliases));
    }

    [Fact]
    public void A_record_a_pattern_made_joins_the_lexicon_entity_of_the_same_name()
    {
        // "President Xavro Denn" makes a person record (the lexicon's "Xavro Denn" is a force, not a person); the
        // later lexicon match of the same name is grouped with it by name, so both mentions carry the first record.
        var lexicon = Lexicon(new LexiconEntry("xd", "Xavro Denn", EntityKind.Force, ["XD Force"]));

        var names = Names(lexicon, "President Xavro Denn spoke on Monday. Later, Xavro Denn moved. XD Force followed.");

        Assert.Equal(3, names.Count);
        Assert.All(names, n => Assert.Equal(EntityKind.Person, n.Entity.Kind));
        Assert.All(names, n => Assert.Same(names[0].Entity, n.Entity));
        Assert.Equal(["XD Force"], names[0].Entity.Aliases);
    }

    [Fact]
    public void A_lexicon_unknown_to_the_previous_document_on_the_thread_groups_its_own_entities()
    {
        // The per-thread entries by entity index are cleared after each document: a second lexicon whose indexes
        // mean other entities, read right after the first on one thread, must not see the first's entries.
        var first = Lexicon(
            new LexiconEntry("a0", "Arvel Corps", EntityKind.Force, []),
            new LexiconEntry("a1", "Brisk Legion", EntityKind.Force, []));
        var second = Lexicon(
            new LexiconEntry("b0", "Corla Militia", EntityKind.ArmedGroup, []),
            new LexiconEntry("b1", "Dunmore Company", EntityKind.ArmedGroup, []));

        var a = Names(first, "Arvel Corps and Brisk Legion met. Arvel Corps left.");
        var b = Names(second, "Dunmore Company and Corla Militia met. Corla Militia left.");

        Assert.Equal(["Arvel Corps", "Brisk Legion", "Arvel Corps"], a.Select(n => n.Entity.Name));
        Assert.Equal(["Dunmore Company", "Corla Militia", "Corla Militia"], b.Select(n => n.Entity.Name));
    }
}
