using CsvHelper;
using Garrison.Domain.Records;
using Garrison.Interchange.Acled;
using Garrison.Interchange.Countries;
using Garrison.Interchange.Export;
using Garrison.Interchange.Tests.Support;
using NodaTime;

namespace Garrison.Interchange.Tests;

public sealed class AcledExporterTests
{
    private static readonly CountryTable Countries = CountryTable.Load();

    private static async Task<(List<Dictionary<string, string>> Rows, ExportResult Result)> ExportAsync(ExportRequest? request = null)
    {
        var store = new InMemoryStore();
        await store.IngestAsync(Fixture.Document, Fixture.Record);
        var output = new StringWriter();
        var result = await new AcledExporter(Countries).WriteAsync(store, request ?? new ExportRequest { Timestamp = Instant.FromUnixTimeSeconds(1769000000) }, output);
        using var csv = CsvReader.FromText(output.ToString());
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(csv.Headers.Select((h, i) => (h, i)).ToDictionary(c => c.h, c => csv.GetString(c.i)));
        }

        Assert.Equal(AcledColumns.All, csv.Headers);
        return (rows, result);
    }

    [Fact]
    public async Task Writes_acled_columns_with_mapped_types()
    {
        var (rows, _) = await ExportAsync();

        var withdrawal = rows.Single(r => r["tags"].Contains("garrison type=withdrawal", StringComparison.Ordinal));
        Assert.Equal(["Strategic developments", "Other", "Strategic developments"], [withdrawal["event_type"], withdrawal["sub_event_type"], withdrawal["disorder_type"]]);
        var handover = rows.Single(r => r["sub_event_type"] == "Non-violent transfer of territory");
        Assert.Equal("US forces", handover["actor1"]);
        Assert.Equal("External/Other forces", handover["inter1"]);
        Assert.Equal("Iraqi security forces", handover["actor2"]);
        Assert.Equal("State forces", handover["inter2"]);
        Assert.Equal("State forces-External/Other forces", handover["interaction"]);
        Assert.Equal(["368", "Middle East", "Iraq", "Anbar", "Al-Asad Air Base"], [handover["iso"], handover["region"], handover["country"], handover["admin1"], handover["location"]]);
        Assert.Equal(["33.7856", "42.4412", "1"], [handover["latitude"], handover["longitude"], handover["geo_precision"]]);
        Assert.Equal("Invented Wire", handover["source"]);
        Assert.StartsWith("US troops finished leaving Al-Asad Air Base", handover["notes"], StringComparison.Ordinal);
        Assert.Equal("1769000000", handover["timestamp"]);
        Assert.Equal("IRQG2", handover["event_id_cnty"]);
    }

    [Fact]
    public async Task Two_foreign_forces_are_both_external_and_stay_two_actors()
    {
        var (rows, _) = await ExportAsync();

        var strike = rows.Single(r => r["event_date"] == "2020-01-15");
        Assert.Equal(["Iranian forces", "External/Other forces", "US forces", "External/Other forces"],
            [strike["actor1"], strike["inter1"], strike["actor2"], strike["inter2"]]);
        Assert.Equal("External/Other forces-External/Other forces", strike["interaction"]);
    }

    [Fact]
    public async Task Time_precision_follows_the_date_given()
    {
        var (rows, _) = await ExportAsync();

        var handover = rows.Single(r => r["sub_event_type"] == "Non-violent transfer of territory");
        Assert.Equal(["2026-01-18", "2026", "1"], [handover["event_date"], handover["year"], handover["time_precision"]]);

        // "early August 2024": only the month is known, coded at mid-month (codebook: precision 3).
        var rockets = rows.Single(r => r["event_date"] == "2024-08-15");
        Assert.Equal(["2024-08-15", "3"], [rockets["event_date"], rockets["time_precision"]]);
        Assert.Contains("date=about 2024-08", rockets["tags"], StringComparison.Ordinal);

        // Three days, 3-5 March: a week-like period coded at its middle (precision 2).
        var drones = rows.Single(r => r["sub_event_type"] == "Air/drone strike");
        Assert.Equal(["2025-03-04", "2"], [drones["event_date"], drones["time_precision"]]);
    }

    [Fact]
    public async Task Fatalities_are_the_conservative_figure_and_hedges_go_to_tags()
    {
        var (rows, _) = await ExportAsync();

        var drones = rows.Single(r => r["sub_event_type"] == "Air/drone strike");
        Assert.Equal("250", drones["fatalities"]);
        Assert.Contains("killed=250-350", drones["tags"], StringComparison.Ordinal);
        Assert.Contains("attributed to=local officials", drones["tags"], StringComparison.Ordinal);

        var rockets = rows.Single(r => r["event_date"] == "2024-08-15");
        Assert.Equal("0", rockets["fatalities"]);
        Assert.Contains("injured=about 7", rockets["tags"], StringComparison.Ordinal);
        Assert.Equal("", rockets["actor1"]);
        Assert.Equal("External/Other forces only", rockets["interaction"]);
    }

    [Fact]
    public async Task Events_acled_would_not_code_are_left_out_and_counted()
    {
        var (rows, result) = await ExportAsync();

        Assert.Equal(5, rows.Count);
        Assert.Equal(5, result.Written);
        Assert.Contains(result.Notes, n => n.Contains("status planned", StringComparison.Ordinal));
        Assert.Contains(result.Notes, n => n.Contains("type statement has no ACLED event type", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Filters_by_date_and_place()
    {
        var (rows, _) = await ExportAsync(new ExportRequest(From: new LocalDate(2025, 1, 1), Place: "Kirkuk"));

        Assert.Equal("Air/drone strike", Assert.Single(rows)["sub_event_type"]);
    }

    [Theory]
    [InlineData(EventType.Deployment, "Strategic developments", "Other")]
    [InlineData(EventType.Invasion, "Battles", "Armed clash")]
    [InlineData(EventType.BaseEstablished, "Strategic developments", "Headquarters or base established")]
    [InlineData(EventType.Agreement, "Strategic developments", "Agreement")]
    [InlineData(EventType.ExplosiveAttack, "Explosions/Remote violence", "Remote explosive/landmine/IED")]
    [InlineData(EventType.SuicideBombing, "Explosions/Remote violence", "Suicide bomb")]
    [InlineData(EventType.Protest, "Protests", "Peaceful protest")]
    [InlineData(EventType.ProtestIntervention, "Protests", "Protest with intervention")]
    [InlineData(EventType.ProtestRepressed, "Protests", "Excessive force against protesters")]
    [InlineData(EventType.Riot, "Riots", "Violent demonstration")]
    [InlineData(EventType.GrenadeAttack, "Explosions/Remote violence", "Grenade")]
    [InlineData(EventType.ChemicalAttack, "Explosions/Remote violence", "Chemical weapon")]
    [InlineData(EventType.Abduction, "Violence against civilians", "Abduction/forced disappearance")]
    [InlineData(EventType.Arrest, "Strategic developments", "Arrests")]
    [InlineData(EventType.Interception, "Strategic developments", "Disrupted weapons use")]
    [InlineData(EventType.PropertyDestruction, "Strategic developments", "Looting/property destruction")]
    [InlineData(EventType.GroupChange, "Strategic developments", "Change to group/activity")]
    public void Types_map_as_the_spec_table_says(EventType type, string eventType, string subEventType)
    {
        var category = AcledMapping.ToAcled(type, targetIsArmed: false, actorIsState: false);

        Assert.Equal((eventType, subEventType), (category!.EventType, category.SubEventType));
    }

    [Fact]
    public void Attack_is_a_battle_when_the_target_is_armed_and_territory_depends_on_who_takes_it()
    {
        Assert.Equal(AcledCategory.Attack, AcledMapping.ToAcled(EventType.Attack, targetIsArmed: false, actorIsState: false));
        Assert.Equal(AcledCategory.ArmedClash, AcledMapping.ToAcled(EventType.Attack, targetIsArmed: true, actorIsState: false));
        Assert.Equal(AcledCategory.GovernmentRegainsTerritory, AcledMapping.ToAcled(EventType.TerritoryTaken, false, actorIsState: true));
        Assert.Equal(AcledCategory.NonStateActorOvertakesTerritory, AcledMapping.ToAcled(EventType.TerritoryTaken, false, actorIsState: false));
        Assert.Null(AcledMapping.ToAcled(EventType.Denial, false, false));
    }

    [Fact]
    public void Every_acled_category_maps_back_to_a_garrison_type_that_maps_to_it_again()
    {
        foreach (var category in AcledCategory.All.Where(c => c != AcledCategory.Other && c != AcledCategory.MobViolence && c != AcledCategory.SexualViolence))
        {
            var type = AcledMapping.FromAcled(category);
            var armed = category == AcledCategory.ArmedClash;
            var state = category == AcledCategory.GovernmentRegainsTerritory;
            Assert.Equal(category, AcledMapping.ToAcled(type, armed, state));
        }
    }
}
