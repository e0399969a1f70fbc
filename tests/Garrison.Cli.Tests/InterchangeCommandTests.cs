using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Garrison.Cli.Tests;

/// <summary>import and export through the command tree, on SQLite files in a temporary folder.</summary>
public sealed class InterchangeCommandTests : IDisposable
{
    private const string AcledHeader =
        "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp";

    // Invented rows: a quoted note over two lines, and a row whose date does not exist.
    private const string AcledRows =
        AcledHeader + "\r\n" +
        "IRQ7001,2025-06-10,2025,1,Political violence,Explosions/Remote violence,Air/drone strike,Unidentified Armed Group (Iraq),,Political militia,,,,Political militia only,,368,Middle East,Iraq,Erbil,,,Erbil,36.1912,44.0092,1,Rudaw,National,\"A drone fell near the airport,\r\ncausing no casualties.\",0,,1750000000\r\n" +
        "IRQ7002,2025-06-31,2025,1,Political violence,Battles,Armed clash,Military Forces of Iraq (2022-),,State forces,Islamic State (Iraq),,Rebel group,State forces-Rebel group,,368,Middle East,Iraq,Diyala,,,Baqubah,33.75,44.6,1,Rudaw,National,A clash.,1,,1750000000\r\n";

    private readonly string folder = Directory.CreateTempSubdirectory("garrison-interchange-cli-").FullName;

    private string Db => Path.Combine(folder, "kb.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private async Task<string> WriteAsync(string name, string text)
    {
        var path = Path.Combine(folder, name);
        await File.WriteAllTextAsync(path, text);
        return path;
    }

    [Fact]
    public async Task Import_loads_good_rows_names_bad_ones_and_does_not_duplicate()
    {
        var file = await WriteAsync("acled.csv", AcledRows);

        var first = await Cli.RunAsync("import", file, "--format", "acled-csv", "--db", Db);
        var second = await Cli.RunAsync("import", file, "--format", "acled-csv", "--db", Db);

        Assert.Equal(1, first.Exit);
        Assert.Equal("1 loaded, 0 already known, 1 malformed", first.Out.Trim());
        Assert.Contains($"{file}:4: bad event_date '2025-06-31'", first.Err, StringComparison.Ordinal);
        Assert.Equal("0 loaded, 1 already known, 1 malformed", second.Out.Trim());

        var events = await Cli.RunAsync("events", "--format", "json", "--db", Db);
        Assert.Single(JsonDocument.Parse(events.Out).RootElement.EnumerateArray());
    }

    [Fact]
    public async Task Import_of_a_missing_file_fails_with_its_name()
    {
        var missing = Path.Combine(folder, "nope.csv");

        var result = await Cli.RunAsync("import", missing, "--format", "ucdp-ged-csv", "--db", Db);

        Assert.Equal(2, result.Exit);
        Assert.Contains(missing, result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_writes_acled_csv_to_stdout_and_geojson_to_a_file()
    {
        await Cli.RunAsync("import", await WriteAsync("acled.csv", AcledRows), "--format", "acled-csv", "--db", Db);

        var csv = await Cli.RunAsync("export", "--format", "acled-csv", "--db", Db);
        var geojsonPath = Path.Combine(folder, "out.geojson");
        var geojson = await Cli.RunAsync("export", "--format", "geojson", "--at", "2025-07-01", "--out", geojsonPath, "--db", Db);

        Assert.Equal(0, csv.Exit);
        var lines = csv.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(AcledHeader, lines[0]);
        Assert.StartsWith("IRQ7001,2025-06-10,2025,1,Political violence,Explosions/Remote violence,Air/drone strike", lines[1], StringComparison.Ordinal);
        Assert.Equal(0, geojson.Exit);
        Assert.Contains("written to " + geojsonPath, geojson.Err, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(geojsonPath));
        var coordinates = document.RootElement.GetProperty("features")[0].GetProperty("geometry").GetProperty("coordinates");
        Assert.Equal([44.0092, 36.1912], coordinates.EnumerateArray().Select(c => c.GetDouble()));
    }

    [Fact]
    public async Task Export_refuses_an_unknown_format()
    {
        var result = await Cli.RunAsync("export", "--format", "shapefile", "--db", Db);

        Assert.NotEqual(0, result.Exit);
        Assert.Contains("shapefile", result.Err, StringComparison.Ordinal);
    }
}
