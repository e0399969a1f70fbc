using System.Text.Json;
using Garrison.Domain.Dates;
using Garrison.Domain.Provenance;
using Garrison.Domain.Quantities;
using Garrison.Domain.Records;
using Garrison.Storage;
using Garrison.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Garrison.Cli.Tests;

/// <summary>ingest, state, timeline, diff and events through the command tree, on SQLite files in a temporary folder.</summary>
public sealed class KnowledgeBaseCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("garrison-cli-").FullName;

    private string Db => Path.Combine(folder, "kb.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Ingest_counts_new_known_and_failed_documents_and_names_the_bad_file()
    {
        var reports = Directory.CreateDirectory(Path.Combine(folder, "reports")).FullName;
        await File.WriteAllTextAsync(Path.Combine(reports, "a.txt"), "published: 2025-01-02\n---\nA quiet day at the base.\n");
        await File.WriteAllTextAsync(Path.Combine(reports, "b.md"), "Nothing happened either.\n");
        var bad = Path.Combine(reports, "c.txt");
        await File.WriteAllBytesAsync(bad, [0x41, 0x00, 0x42]);

        var first = await Cli.RunAsync("ingest", reports, "--db", Db);
        var second = await Cli.RunAsync("ingest", reports, "--db", Db);

        Assert.Equal(1, first.Exit);
        Assert.Equal("2 new, 0 already known, 1 failed", first.Out.Trim());
        Assert.Contains(bad, first.Err, StringComparison.Ordinal);
        Assert.Equal("0 new, 2 already known, 1 failed", second.Out.Trim());
        Assert.Contains("already known", second.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_help_says_where_the_default_database_is()
    {
        var (exit, output, _) = await Cli.RunAsync("ingest", "--help");

        Assert.Equal(0, exit);
        Assert.Contains("garrison.db", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task State_prints_the_state_record_as_json()
    {
        await SeedAsync();

        var (exit, output, _) = await Cli.RunAsync("state", "--at", "2025-06-01", "--db", Db, "--format", "json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("2025-06-01", root.GetProperty("at").GetString());
        var presence = Assert.Single(root.GetProperty("presence").EnumerateArray());
        Assert.Equal("US forces", presence.GetProperty("force").GetString());
        Assert.Equal("Al-Asad Air Base", presence.GetProperty("place").GetString());
        Assert.Equal("2026-01", presence.GetProperty("until").GetString());
        Assert.Equal(2500, root.GetProperty("troop_levels")[0].GetProperty("quantity").GetProperty("value").GetInt64());
        Assert.Empty(root.GetProperty("control").EnumerateArray());
    }

    [Fact]
    public async Task State_as_a_table_lists_presence_control_and_troops()
    {
        await SeedAsync();

        var (exit, output, _) = await Cli.RunAsync("state", "--at", "2026-01-19", "--db", Db);

        Assert.Equal(0, exit);
        Assert.Contains("Iraqi security forces", output, StringComparison.Ordinal);
        Assert.Contains("~2500", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task State_refuses_a_date_that_is_not_a_day()
    {
        var (exit, _, error) = await Cli.RunAsync("state", "--at", "2025-06", "--db", Db);

        Assert.NotEqual(0, exit);
        Assert.Contains("'2025-06' is not a date", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeline_finds_a_place_by_alias_and_fails_clearly_on_an_unknown_name()
    {
        await SeedAsync();

        var found = await Cli.RunAsync("timeline", "Ain al-Asad", "--db", Db, "--format", "json");
        var missing = await Cli.RunAsync("timeline", "Camp Nowhere", "--db", Db);

        Assert.Equal(0, found.Exit);
        using var json = JsonDocument.Parse(found.Out);
        Assert.Equal("Al-Asad Air Base", json.RootElement.GetProperty("entity").GetProperty("entity").GetProperty("name").GetString());
        Assert.Contains(json.RootElement.GetProperty("entries").EnumerateArray(), e => e.GetProperty("kind").GetString() == "withdrawal");
        Assert.Equal(1, missing.Exit);
        Assert.Contains("Camp Nowhere", missing.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_lists_what_changed()
    {
        await SeedAsync();

        var (exit, output, _) = await Cli.RunAsync("diff", "--from", "2025-06-01", "--to", "2026-01-19", "--db", Db, "--format", "json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var changes = json.RootElement.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("change").GetString()).ToList();
        Assert.Contains("presence_ended", changes);
        Assert.Contains("control_begun", changes);
        Assert.Single(json.RootElement.GetProperty("events_between").EnumerateArray());
    }

    [Fact]
    public async Task Events_filter_and_print_csv()
    {
        await SeedAsync();

        var all = await Cli.RunAsync("events", "--db", Db, "--format", "csv");
        var none = await Cli.RunAsync("events", "--db", Db, "--format", "csv", "--type", "missile_attack");
        var badType = await Cli.RunAsync("events", "--db", Db, "--type", "picnic");

        var lines = all.Out.Trim().Split('\n');
        Assert.StartsWith("id,date_from,date_to", lines[0], StringComparison.Ordinal);
        Assert.Equal(2, lines.Length);
        Assert.Contains("withdrawal", lines[1], StringComparison.Ordinal);
        Assert.Single(none.Out.Trim().Split('\n'));
        Assert.NotEqual(0, badType.Exit);
        Assert.Contains("not an event type", badType.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_file_that_is_not_a_knowledge_base_is_an_error_naming_it()
    {
        var path = Path.Combine(folder, "notes.db");
        await File.WriteAllTextAsync(path, new string('x', 200));

        var (exit, _, error) = await Cli.RunAsync("state", "--at", "2025-01-01", "--db", path);

        Assert.Equal(2, exit);
        Assert.Contains(path, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_reading_on_several_threads_stores_what_one_thread_stores()
    {
        var corpus = Path.Combine(Directory.GetParent(Garrison.Lexicons.DataDirectory.Locate())!.FullName, "tests", "corpus");
        var one = Path.Combine(folder, "one.db");
        var many = Path.Combine(folder, "many.db");

        var first = await Cli.RunAsync("ingest", corpus, "--db", one, "--threads", "1");
        var second = await Cli.RunAsync("ingest", corpus, "--db", many, "--threads", "3");

        Assert.Equal(0, first.Exit);
        Assert.Equal(first.Out, second.Out);
        var oneEvents = await Cli.RunAsync("events", "--db", one, "--format", "json");
        var manyEvents = await Cli.RunAsync("events", "--db", many, "--format", "json");
        Assert.NotEqual("", oneEvents.Out.Trim());
        Assert.Equal(oneEvents.Out, manyEvents.Out);
        var oneState = await Cli.RunAsync("state", "--at", "2025-01-01", "--db", one);
        var manyState = await Cli.RunAsync("state", "--at", "2025-01-01", "--db", many);
        Assert.Equal(oneState.Out, manyState.Out);
    }

    [Theory]
    [InlineData("state", "--at", "2025-01-01")]
    [InlineData("timeline", "Al-Asad Air Base")]
    [InlineData("events")]
    [InlineData("diff", "--from", "2024-01-01", "--to", "2025-01-01")]
    public async Task A_reading_command_refuses_a_missing_database_and_does_not_create_it(params string[] command)
    {
        var path = Path.Combine(folder, "mistyped.db");

        var (exit, output, error) = await Cli.RunAsync([.. command, "--db", path]);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains($"{path}: no knowledge base there", error, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    /// <summary>Two reports stored through the store API (the reading pipeline is not what these tests are about).</summary>
    private async Task SeedAsync()
    {
        var forces = new EntityRecord("US forces", EntityKind.Force, ["US troops"]);
        var asad = new EntityRecord("Al-Asad Air Base", EntityKind.Facility, ["Ain al-Asad"], "Anbar", "Iraq", 33.79, 42.44);
        var iraqi = new EntityRecord("Iraqi security forces", EntityKind.Force, []);
        var iraq = new EntityRecord("Iraq", EntityKind.Country, []);
        await using var store = await SqliteKnowledgeStore.OpenAsync(Db);

        const string early = "US troops use Al-Asad Air Base. Some 2,500 have been in Iraq since December 2021.";
        var earlyInfo = new DocumentInfo("early", PartialDate.Parse("2024-05-01"), "Test", null);
        await store.IngestAsync(SourceDocument.Create("early", "", early, earlyInfo), new ExtractionRecord(earlyInfo, [forces, asad, iraq], [],
        [
            new FactRecord("US forces", Relation.PresentAt, "Al-Asad Air Base", null, DateSpan.Unknown, null, [new TextSpan(0, 31)]),
            new FactRecord("US forces", Relation.TroopLevel, "Iraq", Quantity.About(2500), DateSpan.Since(PartialDate.Parse("2021-12")), null,
                [new TextSpan(32, early.Length)]),
        ]));

        const string late = "The US troops left Ain al-Asad this month; Iraqi security forces hold it now.";
        var lateInfo = new DocumentInfo("late", PartialDate.Parse("2026-01-18"), "Test", null);
        var month = PartialDate.Parse("2026-01");
        await store.IngestAsync(SourceDocument.Create("late", "", late, lateInfo), new ExtractionRecord(lateInfo, [forces, asad, iraqi],
            [
                new EventRecord(EventType.Withdrawal, EventStatus.Completed, DateSpan.On(month), ["US forces"], [], "Al-Asad Air Base", null, "Iraq",
                    Casualties.None, null, null, [new TextSpan(0, 41)]),
            ],
            [new FactRecord("Iraqi security forces", Relation.Controls, "Al-Asad Air Base", null, DateSpan.Since(month), null, [new TextSpan(43, late.Length)])]));
    }
}
