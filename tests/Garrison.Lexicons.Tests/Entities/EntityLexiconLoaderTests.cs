using Garrison.Domain.Records;
using Garrison.Lexicons.Entities;
using Garrison.Lexicons.Events;

namespace Garrison.Lexicons.Tests.Entities;

public sealed class EntityLexiconLoaderTests
{
    [Fact]
    public void An_entry_keeps_kind_aliases_place_and_the_files_source()
    {
        const string yaml = """
            source: "test source"
            licence: CC0-1.0
            entries:
              - {id: x-base, name: X Air Base, kind: facility, country: Iraq, admin1: Anbar, lat: 33.5, lon: 42.5, aliases: [X base]}
              - {id: x-group, name: X Brigades, kind: armed_group, aliases: []}
            """;

        var entries = EntityLexiconLoader.Parse(yaml, "t.yml");

        Assert.Equal(EntityKind.Facility, entries[0].Kind);
        Assert.Equal(["X base"], entries[0].Aliases);
        Assert.Equal((33.5, 42.5), (entries[0].Lat, entries[0].Lon));
        Assert.Equal("test source", entries[0].Source);
        Assert.Equal(EntityKind.ArmedGroup, entries[1].Kind);
    }

    [Theory]
    [InlineData("entries: []", "source")]
    [InlineData("source: s\nentries:\n  - {id: a, name: A, kind: tank}", "unknown kind")]
    [InlineData("source: s\nentries:\n  - {id: a, name: A, kind: place, lat: 95, lon: 0}", "out of range")]
    public void Bad_files_are_refused_with_the_reason(string yaml, string reason)
    {
        var e = Assert.Throws<InvalidDataException>(() => EntityLexiconLoader.Parse(yaml, "bad.yml"));

        Assert.Contains("bad.yml", e.Message, StringComparison.Ordinal);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_data_loads_with_unique_ids_and_every_country_force_id_resolves()
    {
        var lexicon = EntityLexiconLoader.LoadFrom(DataDirectory.Locate());

        Assert.True(lexicon.Entries.Count > 300);
        Assert.All(lexicon.Entries, e => Assert.False(string.IsNullOrEmpty(e.Source)));
        Assert.All(
            lexicon.Entries.Where(e => e.Kind == EntityKind.Country && e.Forces is not null),
            c => Assert.Equal(EntityKind.Force, lexicon.ForcesOf(c)?.Kind));
        Assert.Equal("Al-Asad Air Base", lexicon.Entries.Single(e => e.Aliases.Contains("Ain al-Asad")).Name);
    }

    [Fact]
    public void The_shipped_triggers_use_only_the_specs_event_types()
    {
        var triggers = EventTriggerLexicon.LoadFrom(DataDirectory.Locate());

        Assert.Contains(triggers.Triggers, t => t.Phrase == "withdrew" && t.Type == EventType.Withdrawal && t.Mover);
        Assert.Contains(triggers.Triggers, t => t.Phrase == "said" && t.Reporting);
        Assert.NotEmpty(triggers.List("killed"));
        Assert.Throws<InvalidDataException>(() => EventTriggerLexicon.Parse("source: s\ntriggers:\n  shootout: {verbs: [x]}", "t.yml"));
    }
}
