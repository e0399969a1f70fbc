using System.Text.RegularExpressions;
using Garrison.Domain.Dates;
using Garrison.Domain.Quantities;
using Garrison.Domain.Records;
using Garrison.Reading.Events;

namespace Garrison.Reading.Tests.Events;

public sealed class EventsStageTests
{
    private static PartialDate D(string s) => PartialDate.Parse(s);

    [Fact]
    public void A_reports_events_do_not_depend_on_the_reports_read_before_it_on_the_same_thread()
    {
        // The stage keeps one scratch per thread (its lists, the sentence's evidence, the dateline's date) and
        // empties it per report: each report read on a thread of its own, and all of them read one after the other
        // on one thread, forwards and backwards, must give the same events, byte for byte.
        var pipeline = Garrison.Reading.Pipeline.ReadingPipelineFactory.Create(Garrison.Lexicons.DataDirectory.Locate());
        var reports = RealReports.Files().Select(f => (Id: Path.GetFileName(f), Text: File.ReadAllText(f))).ToList();
        string EventsOf((string Id, string Text) report) =>
            System.Text.Json.JsonSerializer.Serialize(pipeline.Read(report.Id, report.Text).Events, RecordJson.Options);

        var alone = reports.Select(report =>
        {
            var json = "";
            var thread = new Thread(() => json = EventsOf(report));
            thread.Start();
            thread.Join();
            return json;
        }).ToList();
        var forwards = reports.Select(EventsOf).ToList();
        var backwards = Enumerable.Reverse(reports).Select(EventsOf).Reverse().ToList();

        Assert.Equal(alone, forwards);
        Assert.Equal(alone, backwards);
        Assert.True(alone.Count(json => json.Length > 2) >= 5, "too few reports with events");
        Assert.True(reports.Select(r => pipeline.Annotate(r.Id, r.Text).Info.Published).Distinct().Count() >= 3, "too few datelines");
    }

    [Fact]
    public void A_withdrawal_takes_its_actor_place_speaker_and_the_dateline_as_an_approximate_date()
    {
        var b = new DocumentBuilder("2024-09-30", "Niger’s junta said the last US troops had left Air Base 201 in Agadez.");
        var d = b.Events();

        var e = Assert.Single(d.Events);
        Assert.Equal(EventType.Withdrawal, e.Type);
        Assert.Equal(["US forces"], e.Actors);
        Assert.Equal("Air Base 201", e.Place);
        Assert.Equal("Niger", e.Country);
        Assert.Equal(DateSpan.On(D("2024-09-30"), approx: true), e.Date);
        Assert.Equal("Nigerien government", e.AttributedTo);
        Assert.Equal(b.Find(b.Body), e.Evidence[0]);
    }

    [Fact]
    public void An_attack_has_actor_target_the_most_precise_place_its_date_and_summed_injuries()
    {
        var b = new DocumentBuilder(
                "2023-11-02",
                "On 30 October, Houthi forces launched a missile attack on Israeli forces at Eilat in southern Israel. Three soldiers and two civilians were wounded, officials said.")
            .Date("30 October", DateSpan.On(D("2023-10-30")))
            .Quantity("Three", Quantity.Exactly(3))
            .Quantity("two", Quantity.Exactly(2));
        var d = b.Events();

        var e = Assert.Single(d.Events);
        Assert.Equal(EventType.MissileAttack, e.Type);
        Assert.Equal(["Houthis"], e.Actors);
        Assert.Equal(["Israeli forces"], e.Targets);
        Assert.Equal("Eilat", e.Place);
        Assert.Equal(DateSpan.On(D("2023-10-30")), e.Date);
        Assert.Equal(5, e.Casualties.Injured?.Value);
        Assert.Equal(2, e.Evidence.Count);
    }

    [Fact]
    public void Modal_words_set_the_status_and_a_purpose_clause_is_not_an_event()
    {
        var b = new DocumentBuilder(
            "2025-01-10",
            "France plans to withdraw its troops from Chad. Kenya sent police to Haiti to fight gangs. Washington is considering whether to strike Iran.");
        var d = b.Events();

        Assert.Contains(d.Events, e => e.Type == EventType.Withdrawal && e.Status == EventStatus.Planned && e.Place == "Chad");
        Assert.Contains(d.Events, e => e.Type == EventType.Deployment && e.Status == EventStatus.Completed && e.Place == "Haiti");
        Assert.DoesNotContain(d.Events, e => e.Type == EventType.ArmedClash);
        Assert.Contains(d.Events, e => e.Type == EventType.AirDroneStrike && e.Status == EventStatus.Considered && e.Targets.Contains("Iran"));
    }

    [Fact]
    public void Repeated_background_action_and_a_known_event_named_again_make_no_new_event()
    {
        var b = new DocumentBuilder(
            "2025-05-01",
            "Insurgents ambushed Somali troops near Baidoa on Monday. The ambush lasted an hour. Government bases have been attacked many times over the years.")
            .Date("Monday", DateSpan.On(D("2025-04-28")));
        var d = b.Events();

        var e = Assert.Single(d.Events);
        Assert.Equal(EventType.ArmedClash, e.Type);
        Assert.Equal("Baidoa", e.Place);
    }

    [Fact]
    public void An_event_without_a_place_takes_the_place_of_the_paragraphs_last_violence_and_says_so()
    {
        var b = new DocumentBuilder(
                "2024-09-01",
                "In July 2024, militants fired rockets at Camp Taji. In August 2024, four soldiers were injured in an attack.")
            .Date("July 2024", DateSpan.On(D("2024-07")))
            .Date("August 2024", DateSpan.On(D("2024-08")))
            .Quantity("four", Quantity.Exactly(4));
        var d = b.Events();

        Assert.Equal(2, d.Events.Count);
        var second = d.Events[1];
        Assert.Equal(EventType.Attack, second.Type);
        Assert.Equal("Camp Taji", second.Place);
        Assert.True(second.PlaceInferred);
        Assert.Equal(DateSpan.On(D("2024-08")), second.Date);
        Assert.Equal(4, second.Casualties.Injured?.Value);
    }

    [Fact]
    public void A_dated_reporting_verb_is_a_statement_and_one_speaker_on_one_day_is_one_statement()
    {
        var b = new DocumentBuilder(
                "2026-01-18",
                "The Pentagon on Sunday said US forces had left Camp Taji. The Pentagon on Sunday said talks would go on.")
            .Date("Sunday", DateSpan.On(D("2026-01-18")))
            .Date("Sunday", DateSpan.On(D("2026-01-18")), occurrence: 1);
        var d = b.Events();

        var statement = Assert.Single(d.Events, e => e.Type == EventType.Statement);
        Assert.Equal(["Pentagon"], statement.Actors);
        Assert.Equal(2, statement.Evidence.Count);
        Assert.Contains(d.Events, e => e.Type == EventType.Withdrawal && e.AttributedTo == "Pentagon");
    }

    [Fact]
    public void A_clause_opened_by_following_dates_the_main_event_from_then_on()
    {
        var b = new DocumentBuilder(
                "2024-03-01",
                "Following the 12 January 2024 strikes in Yemen, the Houthis launched a series of drone attacks on ships in the Red Sea.")
            .Date("12 January 2024", DateSpan.On(D("2024-01-12")));
        var d = b.Events();

        var main = Assert.Single(d.Events, e => e.Actors.Contains("Houthis"));
        Assert.Equal(EventType.AirDroneStrike, main.Type);
        Assert.Equal(DateSpan.Since(D("2024-01-12")), main.Date);
        Assert.Equal("Red Sea", main.Place);
    }

    [Fact]
    public void A_reported_clauses_pronoun_is_the_speaker_of_the_verb_that_governs_it()
    {
        var d = new DocumentBuilder("2024-03-01", "AFRICOM said it carried out an air strike near Kismayo.").Events();

        var strike = Assert.Single(d.Events, e => e.Type == EventType.AirDroneStrike);
        Assert.Equal(["US Africa Command"], strike.Actors);
    }

    [Fact]
    public void An_event_in_a_clause_opened_by_in_retaliation_takes_no_place_or_date_from_the_rest_of_the_sentence()
    {
        var d = new DocumentBuilder(
                "2024-03-01",
                "In Baghdad, in retaliation, militias launched drone attacks.")
            .Events();

        var attack = Assert.Single(d.Events, e => e.Type == EventType.AirDroneStrike);
        Assert.Null(attack.Place);
        Assert.True(attack.Date.IsUnknown, attack.Date.ToString());
    }

    /// <summary>The clean-up the link test between two actors stood for before it answered most texts in place.</summary>
    private static bool CleanedTextIsLink(string between)
    {
        var counts = new Regex(@"\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|hundreds|thousands|several|some)\b", RegexOptions.IgnoreCase);
        var cleaned = Regex.Replace(counts.Replace(between, " ").Trim().ToLowerInvariant(), @"\s+", " ");
        return cleaned is "," or "and" or ", and" or "or" or "and the" or "&" or "as well as" or "and other";
    }

    [Theory]
    [InlineData(", ")]
    [InlineData(" and ")]
    [InlineData(" AND  the ")]
    [InlineData(" and two ")]
    [InlineData(" and 1,200 ")]
    [InlineData(", and Several ")]
    [InlineData(" as well as ")]
    [InlineData(" as  well  as\u00a0")]
    [InlineData(" and other ")]
    [InlineData(" & ")]
    [InlineData(" or ")]
    [InlineData("")]
    [InlineData(" said ")]
    [InlineData(" told the ")]
    [InlineData(" and hundreds of ")]
    [InlineData(" andsix ")]
    [InlineData(" and 2nd ")]
    [InlineData(" and_x ")]
    [InlineData(" and six-")]
    [InlineData(" and ſix ")]
    [InlineData(" and İraq ")]
    [InlineData(" and ünd ")]
    [InlineData(" with ")]
    public void The_link_test_between_two_actors_answers_as_the_clean_up_of_the_text(string between)
    {
        Assert.Equal(CleanedTextIsLink(between), EventsStage.IsActorLink(between));
        if (EventsStage.HoldsNonLinkWord(between))
        {
            Assert.False(CleanedTextIsLink(between));
        }
    }

    [Fact]
    public void Texts_with_a_word_no_link_explains_are_answered_without_the_clean_up()
    {
        Assert.True(EventsStage.HoldsNonLinkWord(" said "));
        Assert.True(EventsStage.HoldsNonLinkWord(" and hundreds of "));
        Assert.False(EventsStage.HoldsNonLinkWord(" and two "));
        Assert.False(EventsStage.HoldsNonLinkWord(" and 2nd "));
        Assert.False(EventsStage.HoldsNonLinkWord(" and ſix "));
    }
}
