using Garrison.Domain.Dates;
using Garrison.Domain.Quantities;
using Garrison.Domain.Records;
using Garrison.Interchange.Tests.Support;
using Garrison.Interchange.Ucdp;

namespace Garrison.Interchange.Tests;

public sealed class UcdpGedImporterTests : IDisposable
{
    // UCDP GED's published columns (GED 23.1), in order.
    private const string Header =
        "id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,conflict_name,dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,side_b_dset_id,side_b_new_id,side_b,number_of_sources,source_article,source_office,source_date,source_headline,source_original,where_prec,where_coordinates,where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,low,gwnoa,gwnob";

    // Invented events in that layout: a quoted article list with a comma and a line break, CRLF line ends.
    private const string Rows =
        Header + "\r\n" +
        "900001,IRQ-2017-1-900-1,2017,TRUE,Clear,1,259,259,Iraq: Government,411,411,Government of Iraq - IS,116,116,Government of Iraq,234,234,IS,2,\"Invented Agency,2017-01-02,Fighting west of Mosul;\r\nSecond Agency,2017-01-03\",Invented Agency,2017-01-02,Fighting west of Mosul,,1,Mosul town,\"Western Mosul, Nineveh\",Nineveh governorate,Mosul district,36.335,43.1189,POINT (43.1189 36.335),183307,Iraq,645,Middle East,1,1,2017-01-02,2017-01-02,3,12,0,0,15,20,15,645,\r\n" +
        "900002,IRQ-2017-3-900-2,2017,TRUE,Clear,3,290,290,IS - Civilians,600,600,IS - Civilians,234,234,IS,1,1,Civilians,1,Invented Agency,Invented Agency,,,,4,Anbar province,Somewhere in Anbar,Anbar governorate,,33.2317,41.5307,POINT (41.5307 33.2317),178586,Iraq,645,Middle East,1,4,2017-03-01,2017-03-31,0,0,6,0,6,6,6,,\r\n" +
        "900003,IRQ-2017-1-900-3,2017,TRUE,Clear,1,259,259,Iraq: Government,411,411,Government of Iraq - IS,116,116,Government of Iraq,234,234,IS,1,Invented Agency,Invented Agency,,,,1,Hit town,,Anbar governorate,Hit district,33.6416,42.8251,POINT (42.8251 33.6416),179305,Iraq,645,Middle East,1,2,2017-04-03,2017-04-06,1,2,0,0,3,3,3,645,\r\n";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Reads_ged_rows_with_their_identifiers_dates_and_deaths()
    {
        var store = new InMemoryStore();

        var summary = await new UcdpGedImporter().ImportAsync(_dir.Write("ged.csv", Rows, byteOrderMark: true), store);

        Assert.Equal("3 loaded, 0 already known, 0 malformed", summary.ToString());
        var battle = store.Events.Single(e => e.Event.Origin == "ucdp-ged:900001");
        Assert.Equal(EventType.ArmedClash, battle.Event.Type);
        Assert.Equal(DateSpan.On(PartialDate.OfDay(2017, 1, 2)), battle.Event.Date);
        Assert.Equal(["Government of Iraq"], battle.Event.Actors);
        Assert.Equal(["IS"], battle.Event.Targets);
        Assert.Equal("Mosul town", battle.Event.Place);
        Assert.Equal("Nineveh governorate", battle.Event.Admin1);
        Assert.Equal(new Quantity(15, 15, 20), battle.Event.Casualties.Killed);
        Assert.Equal((36.335, 43.1189), (battle.Lat!.Value, battle.Lon!.Value));
        var document = store.Documents.Single(d => d.Id == "ucdp-ged-900001");
        Assert.Contains("Fighting west of Mosul;\nSecond Agency", document.Body, StringComparison.Ordinal);

        var government = (await store.FindEntitiesAsync("Government of Iraq")).Single(e => e.Entity.Name == "Government of Iraq").Entity;
        Assert.Equal(EntityKind.Government, government.Kind);
    }

    [Fact]
    public async Task Date_precision_keeps_months_and_spans_without_inventing_days()
    {
        var store = new InMemoryStore();
        await new UcdpGedImporter().ImportAsync(_dir.Write("ged.csv", Rows), store);

        var oneSided = store.Events.Single(e => e.Event.Origin == "ucdp-ged:900002").Event;
        Assert.Equal(EventType.Attack, oneSided.Type);
        Assert.Equal(DateSpan.On(PartialDate.OfMonth(2017, 3)), oneSided.Date);
        Assert.Equal(Quantity.Exactly(6), oneSided.Casualties.Killed);
        Assert.Equal(EntityKind.Province, (await store.FindEntitiesAsync("Anbar province")).Single().Entity.Kind);

        var span = store.Events.Single(e => e.Event.Origin == "ucdp-ged:900003").Event;
        Assert.Equal(new DateSpan(PartialDate.OfDay(2017, 4, 3), PartialDate.OfDay(2017, 4, 6)), span.Date);
    }

    [Fact]
    public async Task Broken_rows_are_reported_and_the_rest_load()
    {
        var broken =
            Header + "\n" +
            "1,,2017,TRUE,Clear,4,,,,,,,,,A,,,B,,,,,,,1,X,,,,36.3,43.1,,,Iraq,,,,1,2017-01-02,2017-01-02,,,,,1,1,1,,\n" +
            "2,,2017,TRUE,Clear,1,,,,,,,,,A,,,B,,,,,,,1,X,,,,36.3,43.1,,,Iraq,,,,1,2017-01-05,2017-01-02,,,,,1,1,1,,\n" +
            "3,,2017,TRUE,Clear,1,,,,,,,,,A,,,B,,,,,,,1,X,,,,,,,,Iraq,,,,1,2017-01-02,2017-01-02,,,,,1,1,1,,\n" +
            "4,,2017,TRUE,Clear,1,,,,,,,,,A,,,B,,,,,,,1,X,,,,36.3,43.1,,,Iraq,,,,1,02/01/2017,02/01/2017,,,,,1,1,1,,\n" +
            "5,,2017,TRUE,Clear,1,,,,,,,,,A,,,B,,,,,,,1,X,,,,36.3,43.1,,,Iraq,,,,1,2017-01-02,2017-01-02,,,,,1,1,1,,\n";
        var file = _dir.Write("broken.csv", broken);

        var summary = await new UcdpGedImporter().ImportAsync(file, new InMemoryStore());

        Assert.Equal("1 loaded, 0 already known, 4 malformed", summary.ToString());
        Assert.Equal([2, 3, 4, 5], summary.Malformed.Select(p => p.Line));
        Assert.Contains("type_of_violence", summary.Malformed[0].Reason, StringComparison.Ordinal);
        Assert.Contains("before date_start", summary.Malformed[1].Reason, StringComparison.Ordinal);
        Assert.Contains("coordinates", summary.Malformed[2].Reason, StringComparison.Ordinal);
        Assert.Contains("date_start", summary.Malformed[3].Reason, StringComparison.Ordinal);
    }
}
