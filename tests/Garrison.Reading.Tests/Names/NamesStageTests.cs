using Garrison.Domain.Provenance;
using Garrison.Domain.Records;
using Garrison.Reading.Documents;
using Garrison.Reading.Names;

namespace Garrison.Reading.Tests.Names;

public sealed class NamesStageTests
{
    private static ReadingDocument Read(string text, params (int Start, int End)[] sentences)
    {
        var document = new ReadingDocument("t", text);
        foreach (var (start, end) in sentences)
        {
            document.Sentences.Add(new Sentence(new TextSpan(start, end), 0));
        }

        new NamesStage(TestLexicons.Value.Names).Process(document);
        return document;
    }

    private static (string Surface, string Name, EntityKind Kind) At(ReadingDocument d, int index) =>
        (d.Names[index].Span.Slice(d.Body), d.Names[index].Entity.Name, d.Names[index].Entity.Kind);

    [Fact]
    public void Transliterations_and_the_optional_article_find_the_same_base()
    {
        var d = Read("Rockets hit Ain al-Asad. Later, Asad Air Base was quiet.");

        Assert.Equal(new TextSpan(12, 23), d.Names[0].Span);
        Assert.Equal(("Ain al-Asad", "Al-Asad Air Base", EntityKind.Facility), At(d, 0));
        Assert.Equal("Al-Asad Air Base", d.Names[1].Entity.Name);
    }

    [Fact]
    public void Longest_alias_wins_and_possessives_are_split_off()
    {
        var d = Read("Syria’s Hayat Tahrir al-Sham said the US-led coalition struck.");

        Assert.Equal(("Syria", "Syria", EntityKind.Country), At(d, 0));
        Assert.Equal(new TextSpan(0, 5), d.Names[0].Span);
        Assert.Equal(("Hayat Tahrir al-Sham", "Hayat Tahrir al-Sham", EntityKind.ArmedGroup), At(d, 1));
        Assert.Equal(("US-led coalition", "US-led coalition", EntityKind.Coalition), At(d, 2));
    }

    [Fact]
    public void Acronyms_match_only_in_capitals()
    {
        var d = Read("IS militants said it is over.");

        var only = Assert.Single(d.Names);
        Assert.Equal(("IS militants", "Islamic State", EntityKind.ArmedGroup), At(d, 0));
        Assert.Equal(new TextSpan(0, 12), only.Span);
    }

    [Theory]
    [InlineData("Somali troops advanced.", "Somali troops", "Somali forces", EntityKind.Force)]
    [InlineData("Burkinabe soldiers advanced.", "Burkinabe soldiers", "Burkinabe forces", EntityKind.Force)]
    [InlineData("Iraq’s armed forces advanced.", "Iraq’s armed forces", "Iraqi security forces", EntityKind.Force)]
    [InlineData("Nigerien officials spoke.", "Nigerien officials", "Nigerien government", EntityKind.Government)]
    [InlineData("Chad’s defence ministry spoke.", "Chad’s defence ministry", "Chadian Ministry of Defence", EntityKind.Government)]
    [InlineData("Russian-backed separatists advanced.", "Russian-backed separatists", "Russia-backed separatists", EntityKind.ArmedGroup)]
    [InlineData("pro-Iran militias fired.", "pro-Iran militias", "Iran-backed militias", EntityKind.ArmedGroup)]
    public void Country_patterns_name_forces_governments_and_proxies(string text, string surface, string name, EntityKind kind)
    {
        var d = Read(text);

        Assert.Equal((surface, name, kind), At(d, 0));
        Assert.Equal(0, d.Names[0].Span.Start);
    }

    [Fact]
    public void A_title_introduces_a_person_the_lexicon_lacks()
    {
        var d = Read("Defense Minister Yasar Guler spoke to President Joe Biden.");

        Assert.Contains(d.Names, n => n.Entity.Name == "Yasar Guler" && n.Entity.Kind == EntityKind.Person && n.Span == new TextSpan(17, 28));
        Assert.Contains(d.Names, n => n.Entity.Name == "Joe Biden" && n.Entity.Kind == EntityKind.Person);
    }

    [Fact]
    public void Unknown_capitalised_names_are_kept_with_kind_unknown()
    {
        var d = Read("Gunmen attacked a checkpoint near Awdheegle and Bal'ad Wayn.");

        Assert.Contains(d.Names, n => n.Entity.Name == "Awdheegle" && n.Entity.Kind == EntityKind.Unknown && n.Span == new TextSpan(34, 43));
        Assert.Contains(d.Names, n => n.Entity.Name == "Bal'ad Wayn" && n.Entity.Kind == EntityKind.Unknown);
        Assert.DoesNotContain(d.Names, n => n.Entity.Name == "Gunmen");
    }

    [Fact]
    public void Definite_descriptions_point_back_to_the_last_name_of_their_kind()
    {
        const string text = "Troops left Camp Taji and Balad Air Base. The bases were handed to the Iraqi army. The base at Taji is empty.";
        var d = Read(text, (0, 40), (41, 82), (83, text.Length));

        var bases = d.Names.Where(n => n.Anaphoric && n.Span.Slice(text) == "bases").Select(n => n.Entity.Name).Order().ToList();
        Assert.Equal(["Balad Air Base", "Camp Taji"], bases);
        var single = d.Names.Single(n => n.Anaphoric && n.Span.Slice(text) == "base");
        Assert.Equal("Balad Air Base", single.Entity.Name);
    }

    [Fact]
    public void The_country_is_the_country_last_named_as_a_place()
    {
        const string text = "Troops were sent to Mali from France. Later the country asked them to leave.";
        var d = Read(text, (0, 37), (38, text.Length));

        var country = d.Names.Single(n => n.Anaphoric);
        Assert.Equal("Mali", country.Entity.Name);
        Assert.Equal(new TextSpan(48, 55), country.Span);
    }

    [Fact]
    public void The_group_is_the_subject_of_the_previous_sentence_unless_this_one_names_a_group()
    {
        const string text = "Taliban fighters, rivals of the Islamic State, advanced. Later the group withdrew. ISIS struck and the group fled.";
        var d = Read(text, (0, 56), (57, 81), (82, text.Length));

        var groups = d.Names.Where(n => n.Anaphoric).ToList();
        Assert.Equal(["Taliban", "Islamic State"], groups.Select(n => n.Entity.Name));
        Assert.Equal("group", groups[0].Span.Slice(text));
    }

    [Fact]
    public void The_militants_are_every_group_named_in_the_last_sentences_once()
    {
        const string text = "ISIS and the Taliban clashed. ISIS fighters retreated. Then the militants regrouped.";
        var d = Read(text, (0, 29), (30, 54), (55, text.Length));

        var militants = d.Names.Where(n => n.Anaphoric).ToList();
        Assert.Equal(["Islamic State", "Taliban"], militants.Select(n => n.Entity.Name).Order(StringComparer.Ordinal));
        Assert.All(militants, n => Assert.Equal("militants", n.Span.Slice(text)));
    }

    [Fact]
    public void A_count_of_unnamed_troops_belongs_to_the_force_named_before()
    {
        const string text = "Kenyan troops crossed the border. About 400 troops were sent to Kismayo.";
        var d = Read(text, (0, 33), (34, text.Length));

        var troops = d.Names.Single(n => n.Anaphoric);
        Assert.Equal("Kenyan forces", troops.Entity.Name);
        Assert.Equal("troops", troops.Span.Slice(text));
    }

    [Fact]
    public void The_resolver_hears_the_countries_the_document_names_and_district_names_end_at_their_head_word()
    {
        var asked = new List<(string Name, string[] Countries)>();
        var document = new ReadingDocument("t", "Taliban fighters attacked a checkpoint in Ghazni province and near Alishang District of Laghman Province.");
        new NamesStage(TestLexicons.Value.Names, (name, countries) =>
        {
            asked.Add((name, [.. countries]));
            return null;
        }).Process(document);

        Assert.Contains(asked, a => a.Name == "Alishang District");
        Assert.Contains(asked, a => a.Name == "Laghman Province");
        Assert.All(asked, a => Assert.Equal(["Afghanistan"], a.Countries));
    }
}

