using Garrison.Interchange.Acled;
using Garrison.Interchange.Countries;
using Garrison.Interchange.Export;
using Garrison.Interchange.Tests.Support;
using Garrison.Storage;
using Garrison.Storage.Sqlite;

namespace Garrison.Interchange.Tests;

public sealed class RoundTripTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Real SQLite files in a temp folder: the store the CLI uses.</summary>
    private static async Task<IKnowledgeStore> NewStoreAsync(string path) => await SqliteKnowledgeStore.OpenAsync(path);

    [Fact]
    public async Task Acled_export_then_import_into_a_fresh_store_gives_the_same_events()
    {
        await using var source = await NewStoreAsync(Path.Combine(_dir.Path, "source.db"));
        await source.IngestAsync(Fixture.Document, Fixture.Record);
        var file = Path.Combine(_dir.Path, "export.csv");
        ExportResult exported;
        await using (var writer = new StreamWriter(file))
        {
            exported = await new AcledExporter(CountryTable.Load()).WriteAsync(source, new ExportRequest(), writer);
        }

        await using var target = await NewStoreAsync(Path.Combine(_dir.Path, "target.db"));
        var summary = await new AcledImporter().ImportAsync(file, target);

        Assert.Equal($"{exported.Written} loaded, 0 already known, 0 malformed", summary.ToString());
        var expected = (await source.GetEventsAsync(new EventQuery())).Where(e => Exported(e.Event)).Select(e => Fixture.Comparable(e.Event));
        var actual = (await target.GetEventsAsync(new EventQuery())).Select(e => Fixture.Comparable(e.Event));
        Assert.Equal(expected.Select(x => x.ToString()).Order(), actual.Select(x => x.ToString()).Order());

        var again = await new AcledImporter().ImportAsync(file, target);
        Assert.Equal($"0 loaded, {exported.Written} already known, 0 malformed", again.ToString());
    }

    [Fact]
    public async Task Re_exporting_imported_rows_keeps_acled_identifiers()
    {
        await using var store = await NewStoreAsync(Path.Combine(_dir.Path, "acled.db"));
        await new AcledImporter().ImportAsync(_dir.Write("in.csv", AcledImporterTests.TwoRows), store);
        var output = new StringWriter();

        await new AcledExporter(CountryTable.Load()).WriteAsync(store, new ExportRequest(), output);

        var text = output.ToString();
        Assert.Contains("IRQ9001,2024-08-05,2024,1,Political violence,Explosions/Remote violence,Shelling/artillery/missile attack", text, StringComparison.Ordinal);
        Assert.Contains("IRQ9002,2024-09-15,2024,3,", text, StringComparison.Ordinal);
        Assert.Contains("Military Forces of Iraq (2022-),Police Forces of Iraq (2022-),State forces,Islamic State (Iraq),,Rebel group,State forces-Rebel group", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Imported_rows_join_entities_the_knowledge_base_already_knows()
    {
        await using var store = await NewStoreAsync(Path.Combine(_dir.Path, "kb.db"));
        await store.IngestAsync(Fixture.Document, Fixture.Record);

        await new AcledImporter().ImportAsync(_dir.Write("in.csv", AcledImporterTests.TwoRows), store);

        var rocket = (await store.GetEventsAsync(new EventQuery())).Single(e => e.Event.Origin == "acled:IRQ9001");
        Assert.Equal("Al-Asad Air Base", rocket.Event.Place);
        var timeline = await store.GetTimelineAsync("Ain al-Asad");
        Assert.NotNull(timeline);
        Assert.Contains(timeline.Entries, entry => entry.Sources.Any(s => s.DocumentId == "acled-IRQ9001"));
    }

    private static bool Exported(Garrison.Domain.Records.EventRecord e) =>
        e.Status is Garrison.Domain.Records.EventStatus.Completed && e.Type is not Garrison.Domain.Records.EventType.Statement;
}
