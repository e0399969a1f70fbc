using Garrison.Domain.Dates;
using Garrison.Domain.Quantities;
using Garrison.Domain.Records;
using Garrison.Interchange.Acled;
using Garrison.Interchange.Import;
using Garrison.Interchange.Tests.Support;

namespace Garrison.Interchange.Tests;

public sealed class AcledImporterTests : IDisposable
{
    internal const string Header =
        "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp";

    // Invented rows in ACLED's current layout: a quoted source list, notes with a comma, doubled quotes and a line break.
    internal const string TwoRows =
        Header + "\n" +
        "IRQ9001,2024-08-05,2024,1,Political violence,Explosions/Remote violence,Shelling/artillery/missile attack,Unidentified Armed Group (Iraq),,Political militia,Military Forces of the United States (2021-),,External/Other forces,Political militia-External/Other forces,,368,Middle East,Iraq,Al Anbar,Hit,,Al Asad Air Base,33.7856,42.4412,1,\"Shafaq News; Xinhua\",National-International,\"On 5 August 2024, rockets hit the \"\"Ain al-Asad\"\" base, Anbar.\nSeveral personnel were hurt.\",0,,1723000000\n" +
        "IRQ9002,2024-09-15,2024,3,Political violence,Battles,Armed clash,Military Forces of Iraq (2022-),Police Forces of Iraq (2022-),State forces,Islamic State (Iraq),,Rebel group,State forces-Rebel group,,368,Middle East,Iraq,Kirkuk,Dibis,,Dibis,35.6514,44.0693,2,Kurdistan 24,Subnational,Soldiers clashed with IS fighters near Dibis in mid-September.,3,,1727000000\n";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Reads_quoted_notes_with_embedded_newline_and_keeps_identifiers()
    {
        var store = new InMemoryStore();
        var file = _dir.Write("acled.csv", TwoRows);

        var summary = await new AcledImporter().ImportAsync(file, store);

        Assert.Equal("2 loaded, 0 already known, 0 malformed", summary.ToString());
        var rocket = store.Events.Single(e => e.Event.Origin == "acled:IRQ9001").Event;
        Assert.Equal(EventType.MissileAttack, rocket.Type);
        Assert.Equal(DateSpan.On(PartialDate.OfDay(2024, 8, 5)), rocket.Date);
        Assert.Equal(["Unidentified Armed Group (Iraq)"], rocket.Actors);
        Assert.Equal(["Military Forces of the United States (2021-)"], rocket.Targets);
        Assert.Equal("Al Asad Air Base", rocket.Place);
        Assert.Equal("Al Anbar", rocket.Admin1);
        Assert.Null(rocket.Casualties.Killed);

        var document = store.Documents.Single(d => d.Id == "acled-IRQ9001");
        Assert.Equal("On 5 August 2024, rockets hit the \"Ain al-Asad\" base, Anbar.\nSeveral personnel were hurt.", document.Body);
        Assert.Equal("Shafaq News; Xinhua", document.Info.Outlet);
        Assert.Equal(document.Body, store.Events.Single(e => e.Event.Origin == "acled:IRQ9001").Sources.Single().Text);
    }

    [Fact]
    public async Task Month_precision_becomes_a_month_and_assoc_actors_join_their_side()
    {
        var store = new InMemoryStore();
        await new AcledImporter().ImportAsync(_dir.Write("acled.csv", TwoRows), store);

        var clash = store.Events.Single(e => e.Event.Origin == "acled:IRQ9002").Event;
        Assert.Equal(EventType.ArmedClash, clash.Type);
        Assert.Equal(DateSpan.On(PartialDate.OfMonth(2024, 9)), clash.Date);
        Assert.Equal(["Military Forces of Iraq (2022-)", "Police Forces of Iraq (2022-)"], clash.Actors);
        Assert.Equal(Quantity.Exactly(3), clash.Casualties.Killed);
        Assert.Equal(35.6514, store.Events.Single(e => e.Event.Origin == "acled:IRQ9002").Lat);
    }

    [Fact]
    public async Task Actor_kinds_come_from_inter_codes()
    {
        var store = new InMemoryStore();
        await new AcledImporter().ImportAsync(_dir.Write("acled.csv", TwoRows), store);

        var army = (await store.FindEntitiesAsync("Military Forces of Iraq (2022-)")).Single().Entity;
        var isis = (await store.FindEntitiesAsync("Islamic State (Iraq)")).Single().Entity;
        Assert.Equal(EntityKind.Force, army.Kind);
        Assert.Equal("acled:State forces:Military Forces of Iraq (2022-)", army.Ref);
        Assert.Equal(EntityKind.ArmedGroup, isis.Kind);
        Assert.Equal("acled:Rebel group:Islamic State (Iraq)", isis.Ref);
    }

    [Fact]
    public async Task Excel_copy_with_bom_and_crlf_is_the_same_data_and_is_not_imported_twice()
    {
        var store = new InMemoryStore();
        await new AcledImporter().ImportAsync(_dir.Write("acled.csv", TwoRows), store);

        var excel = _dir.Write("acled-excel.csv", TwoRows.Replace("\n", "\r\n", StringComparison.Ordinal), byteOrderMark: true);
        var again = await new AcledImporter().ImportAsync(excel, store);

        Assert.Equal("0 loaded, 2 already known, 0 malformed", again.ToString());
        Assert.Equal(2, store.Events.Count);
    }

    [Fact]
    public async Task Older_layout_with_numeric_inter_codes_and_long_dates_loads()
    {
        const string older =
            "data_id,iso,event_id_cnty,event_id_no_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,timestamp,iso3\n" +
            "7001,760,SYR5001,5001,12 March 2019,2019,1,Explosions/Remote violence,Air/drone strike,Military Forces of Russia (2000-),,8,Civilians (Syria),,7,78,Middle East,Syria,Idleb,Maaret An Nouman,,Kafr Nabl,35.6134,36.5604,1,SOHR,Other,Invented note: an air strike hit a market.,4,1552900000,SYR\n";
        var store = new InMemoryStore();

        var summary = await new AcledImporter().ImportAsync(_dir.Write("older.csv", older), store);

        Assert.Empty(summary.Malformed);
        var strike = store.Events.Single().Event;
        Assert.Equal(EventType.AirDroneStrike, strike.Type);
        Assert.Equal(PartialDate.OfDay(2019, 3, 12), strike.Date.From);
        var russia = (await store.FindEntitiesAsync("Military Forces of Russia (2000-)")).Single().Entity;
        Assert.Equal("acled:External/Other forces:Military Forces of Russia (2000-)", russia.Ref);
    }

    [Fact]
    public async Task Malformed_rows_are_reported_with_file_line_and_reason_and_good_rows_still_load()
    {
        var broken =
            Header + "\n" +
            /* line 2 */ "IRQ1,2024-02-01,2024,1,Political violence,Battles,Armed clash,Military Forces of Iraq (2022-),,State forces,Islamic State (Iraq),,Rebel group,State forces-Rebel group,,368,Middle East,Iraq,Diyala,,,Muqdadiyah,33.9786,44.9369,1,Rudaw,National,\"A clash,\nover two lines.\",2,,1\n" +
            /* line 4 */ "IRQ2,2024-02-30,2024,1,Political violence,Battles,Armed clash,A,,State forces,B,,Rebel group,,,368,Middle East,Iraq,Diyala,,,Baqubah,33.75,44.6,1,Rudaw,National,Bad date.,0,,1\n" +
            /* line 5 */ "IRQ3,2024-02-02,2024,1,Political violence,Battles,Armed clash,A,,State forces,B,,Rebel group,,,368,Middle East,Iraq,Diyala,,,Baqubah,133.75,44.6,1,Rudaw,National,Bad latitude.,0,,1\n" +
            /* line 6 */ "IRQ4,2024-02-03,2024,1\n" +
            /* line 7 */ "IRQ5,2024-02-04,2024,1,Political violence,Battles,Skirmish,A,,State forces,B,,Rebel group,,,368,Middle East,Iraq,Diyala,,,Baqubah,33.75,44.6,1,Rudaw,National,Unknown sub-event.,0,,1\n" +
            /* line 8 */ "IRQ6,2024-02-05,2024,1,Political violence,Battles,Armed clash,A,,State forces,B,,Rebel group,,,368,Middle East,Iraq,Diyala,,,Baqubah,33.75,44.6,1,Rudaw,National,Stray \"quote\" here,0,,1\n" +
            /* line 9 */ "IRQ7,2024-02-06,2024,1,Political violence,Battles,Armed clash,A,,State forces,B,,Rebel group,,,368,Middle East,Iraq,Diyala,,,Baqubah,33.75,44.6,1,Rudaw,National,Fine row.,many,,1\n" +
            /* line 10 */ "IRQ8,2024-02-07,2024,1,Political violence,Battles,Armed clash,A,,State forces,B,,Rebel group,,,368,Middle East,Iraq,Diyala,,,Baqubah,33.75,44.6,1,Rudaw,National,Good row.,1,,1\n";
        var file = _dir.Write("broken.csv", broken);
        var store = new InMemoryStore();
        var reported = new List<ImportProblem>();

        var summary = await new AcledImporter().ImportAsync(file, store, reported.Add);

        Assert.Equal("2 loaded, 0 already known, 6 malformed", summary.ToString());
        Assert.Equal(reported.OrderBy(p => p.Line), summary.Malformed);
        Assert.Equal([4, 5, 6, 7, 8, 9], summary.Malformed.Select(p => p.Line));
        Assert.All(summary.Malformed, p => Assert.Equal(file, p.File));
        Assert.Contains("event_date", summary.Malformed[0].Reason, StringComparison.Ordinal);
        Assert.Contains("coordinates", summary.Malformed[1].Reason, StringComparison.Ordinal);
        Assert.Contains("missing columns", summary.Malformed[2].Reason, StringComparison.Ordinal);
        Assert.Contains("Skirmish", summary.Malformed[3].Reason, StringComparison.Ordinal);
        Assert.Contains("quot", summary.Malformed[4].Reason, StringComparison.Ordinal);
        Assert.Contains("fatalities", summary.Malformed[5].Reason, StringComparison.Ordinal);
        Assert.StartsWith(file + ":4: ", summary.Malformed[0].ToString(), StringComparison.Ordinal);
        Assert.Equal(["acled:IRQ1", "acled:IRQ8"], store.Events.Select(e => e.Event.Origin));
    }

    [Fact]
    public async Task A_file_without_acled_columns_is_refused_as_a_whole()
    {
        var file = _dir.Write("other.csv", "name,value\na,1\n");

        var summary = await new AcledImporter().ImportAsync(file, new InMemoryStore());

        var problem = Assert.Single(summary.Malformed);
        Assert.Equal(1, problem.Line);
        Assert.Contains("event_id_cnty", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Actors_and_places_match_known_entities_by_alias()
    {
        var store = new InMemoryStore();
        var known = new ExtractionRecord(new DocumentInfo("read", null, null, null),
            [
                new EntityRecord("US forces", EntityKind.Force, ["Military Forces of the United States"], Country: "United States"),
                new EntityRecord("Al-Asad Air Base", EntityKind.Facility, ["Al Asad Air Base", "Ain al-Asad"], "Anbar", "Iraq", 33.79, 42.44),
            ],
            [], []);
        await store.IngestAsync(new Garrison.Storage.SourceDocument("read", "h0", "", known.Document), known);

        await new AcledImporter().ImportAsync(_dir.Write("acled.csv", TwoRows), store);

        var rocket = store.Events.Single(e => e.Event.Origin == "acled:IRQ9001").Event;
        Assert.Equal(["US forces"], rocket.Targets);
        Assert.Equal("Al-Asad Air Base", rocket.Place);
    }
}
