using System.Text.Json;
using CsvHelper;
using Garrison.Domain.Dates;
using Garrison.Domain.Provenance;
using Garrison.Domain.Quantities;
using Garrison.Domain.Records;
using Garrison.Interchange.Export;
using Garrison.Interchange.Tests.Support;
using Garrison.Storage;
using NodaTime;

namespace Garrison.Interchange.Tests;

public sealed class JsonLinesAndCsvExporterTests
{
    private static async Task<InMemoryStore> StoreAsync()
    {
        var store = new InMemoryStore();
        await store.IngestAsync(Fixture.Document, Fixture.Record);
        store.State = new StateRecord(new LocalDate(2026, 1, 19),
            [new PresenceRow("US forces", "Harir Air Base", PartialDate.OfDay(2026, 1, 18), null, ["report-1"])],
            [new ControlRow("Iraqi security forces", "Al-Asad Air Base", PartialDate.OfDay(2026, 1, 18), null, ["report-1"])],
            []);
        store.TroopSeries.Add(new TroopLevelPoint("US forces", "Iraq", Quantity.About(2500), PartialDate.OfMonth(2021, 12), null,
            [new SourceRef("report-1", new TextSpan(0, 9), "US troops")]));
        return store;
    }

    [Fact]
    public async Task Json_lines_hold_one_event_or_fact_each_with_sources()
    {
        var output = new StringWriter();
        var result = await new JsonLinesExporter().WriteAsync(await StoreAsync(), new ExportRequest(At: new LocalDate(2026, 1, 19)), output);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(result.Written, lines.Count);
        Assert.Equal(7, lines.Count(l => l.GetProperty("record").GetString() == "event"));

        var handover = lines.Single(l => l.GetProperty("record").GetString() == "event" && l.GetProperty("type").GetString() == "handover");
        Assert.Equal("2026-01-18", handover.GetProperty("date").GetProperty("from").GetString());
        var source = handover.GetProperty("sources")[0];
        Assert.Equal("report-1", source.GetProperty("document").GetString());
        Assert.Equal(Fixture.Body[source.GetProperty("start").GetInt32()..source.GetProperty("end").GetInt32()], source.GetProperty("text").GetString());

        var facts = lines.Where(l => l.GetProperty("record").GetString() == "fact").ToList();
        Assert.Equal(["troop_level", "present_at", "controls"], facts.Select(f => f.GetProperty("relation").GetString()));
        var troops = facts[0];
        Assert.Equal(2500, troops.GetProperty("quantity").GetProperty("value").GetInt32());
        Assert.True(troops.GetProperty("quantity").GetProperty("approx").GetBoolean());
        Assert.Equal("2021-12", troops.GetProperty("valid").GetProperty("from").GetString());
        Assert.Equal("US troops", troops.GetProperty("sources")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Json_lines_without_a_date_say_that_state_facts_were_left_out()
    {
        var output = new StringWriter();
        var result = await new JsonLinesExporter().WriteAsync(await StoreAsync(), new ExportRequest(), output);

        Assert.DoesNotContain("present_at", output.ToString(), StringComparison.Ordinal);
        Assert.Contains(result.Notes, n => n.Contains("--at", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Plain_csv_keeps_every_event_with_its_hedges()
    {
        var output = new StringWriter();
        await new PlainCsvExporter().WriteAsync(await StoreAsync(), new ExportRequest(), output);

        using var csv = CsvReader.FromText(output.ToString());
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(csv.Headers.Select((h, i) => (h, i)).ToDictionary(c => c.h, c => csv.GetString(c.i)));
        }

        Assert.Equal(PlainCsvExporter.Columns, csv.Headers);
        Assert.Equal(7, rows.Count);
        var drones = rows.Single(r => r["type"] == "air_drone_strike");
        Assert.Equal(["2025-03-03/2025-03-05", "250-350", "local officials", "Kirkuk"], [drones["date"], drones["killed"], drones["attributed_to"], drones["place"]]);
        var planned = rows.Single(r => r["status"] == "planned");
        Assert.Equal("2027", planned["date"]);
        var rockets = rows.Single(r => r["type"] == "missile_attack" && r["date"] == "about 2024-08");
        Assert.Equal(["about 2024-08", "about 7"], [rockets["date"], rockets["injured"]]);
    }
}
