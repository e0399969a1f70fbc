using Garrison.Domain.Quantities;
using Garrison.Domain.Records;
using Garrison.Reading.Loading;
using Garrison.Reading.Pipeline;
using Garrison.Storage.Caching;
using Garrison.Storage.Postgres;
using Garrison.Storage.Sql;
using Garrison.Storage.Sqlite;
using NodaTime;

namespace Garrison.Storage.Tests.Caching;

/// <summary>The warm index must answer exactly what the store answers, and never from holdings older than the base's.</summary>
public abstract class WarmKnowledgeStoreTests : IAsyncLifetime
{
    private static readonly string[] Forces = ["Alpha Brigade", "Bravo Regiment", "Charlie Group", "Delta Force Unit"];
    private static readonly string[] Places = ["North Base", "River Camp", "Hill Post", "Port Station", "Valley Airfield"];
    private static readonly string[] Areas = ["Eastland", "Westland"];

    /// <summary>A new, empty knowledge base of the provider under test.</summary>
    protected abstract Task<DapperKnowledgeStore> CreateStoreAsync();

    public Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [ProviderFact]
    public async Task Answers_like_the_store_on_a_generated_base_and_follows_later_ingests()
    {
        var reports = Generated(seed: 7, count: 120);
        await using var store = await CreateStoreAsync();
        await using var warm = new WarmKnowledgeStore(store, ownsStore: false);
        await IngestAsync(store, reports[..60]);
        var first = await warm.LoadAsync();
        Assert.True(first.Count > 0);
        await AssertSameStatesAsync(store, warm);

        // Ingested through the store itself, not the wrapper: the index must see it anyway.
        await IngestAsync(store, reports[60..]);
        await AssertSameStatesAsync(store, warm);
        Assert.NotEqual(first.Generation, (await warm.LoadAsync()).Generation);
    }

    [ProviderFact]
    public async Task Answers_like_the_store_on_the_test_corpus()
    {
        var documents = TestCorpusRecords.Read();
        Assert.NotEmpty(documents);
        await using var store = await CreateStoreAsync();
        await using var warm = new WarmKnowledgeStore(store, ownsStore: false);
        await IngestAsync(store, documents[..(documents.Count / 2)]);
        await AssertSameStatesAsync(store, warm);
        await IngestAsync(store, documents[(documents.Count / 2)..]);
        await AssertSameStatesAsync(store, warm);
    }

    [ProviderFact]
    public async Task An_empty_base_answers_an_empty_state()
    {
        await using var store = await CreateStoreAsync();
        await using var warm = new WarmKnowledgeStore(store, ownsStore: false);
        var state = await warm.GetStateAsync(new LocalDate(2020, 1, 1));
        Assert.Empty(state.Presence);
        Assert.Equal(RecordJson.Serialize(await store.GetStateAsync(new LocalDate(2020, 1, 1))), RecordJson.Serialize(state));
    }

    private static async Task IngestAsync(IKnowledgeStore store, IReadOnlyList<(SourceDocument, ExtractionRecord)> documents)
    {
        var results = await store.IngestManyAsync(documents);
        Assert.All(results, r => Assert.Null(r.Error));
    }

    /// <summary>Every quarter from 1995 to 2030 (before, across and after the stated days), and the days around year ends.</summary>
    private static async Task AssertSameStatesAsync(IKnowledgeStore store, IKnowledgeStore warm)
    {
        var rows = 0;
        for (var day = new LocalDate(1995, 1, 1); day < new LocalDate(2031, 1, 1); day = day.PlusMonths(3))
        {
            foreach (var at in new[] { day, day.PlusDays(-1) })
            {
                var expected = await store.GetStateAsync(at);
                rows += expected.Presence.Count + expected.Control.Count + expected.TroopLevels.Count;
                Assert.Equal(RecordJson.Serialize(expected), RecordJson.Serialize(await warm.GetStateAsync(at)));
            }
        }

        Assert.True(rows > 0, "no date held anything: the comparison would prove nothing");
    }

    /// <summary>
    /// Reports of a small world, 2005–2025: presence with and without dates and ends, control, troop figures that agree or
    /// disagree (disputed rows), and withdrawals that close open presence.
    /// </summary>
    internal static List<(SourceDocument, ExtractionRecord)> Generated(int seed, int count, Func<string, string>? spelled = null)
    {
        spelled ??= name => name;
        var forces = Forces.Select(spelled).ToArray();
        var places = Places.Select(spelled).ToArray();
        var areas = Areas.Select(spelled).ToArray();
        var random = new Random(seed);
        var entities = forces.Select(f => new EntityRecord(f, EntityKind.Force, []))
            .Concat(places.Select(p => new EntityRecord(p, EntityKind.Facility, [])))
            .Concat(areas.Select(a => new EntityRecord(a, EntityKind.Country, [])))
            .ToArray();
        LocalDate? Day(double chance) => random.NextDouble() < chance ? new LocalDate(2005, 1, 1).PlusDays(random.Next(0, 365 * 20)) : null;
        static string? Text(LocalDate? day) => day?.ToString("yyyy-MM-dd", null);
        var documents = new List<(SourceDocument, ExtractionRecord)>();
        for (var i = 0; i < count; i++)
        {
            var published = new LocalDate(2005, 1, 1).PlusDays(random.Next(0, 365 * 21));
            var report = new Report(spelled($"r{i:D3}"), published.ToString("yyyy-MM-dd", null)).With(entities);
            for (var claim = 0; claim < 4; claim++)
            {
                var force = forces[random.Next(forces.Length)];
                var place = places[random.Next(places.Length)];
                switch (random.Next(5))
                {
                    case 0 or 1:
                        var from = Day(0.6);
                        var to = from is { } start && random.NextDouble() < 0.4 ? start.PlusDays(random.Next(30, 2000)) : (LocalDate?)null;
                        report.Fact($"{force} are at {place} (claim {claim}).", Relation.PresentAt, force, place, Text(from), Text(to));
                        break;
                    case 2:
                        report.Fact($"{force} hold {place} (claim {claim}).", Relation.Controls, force, place, Text(Day(0.7)));
                        break;
                    case 3:
                        var area = areas[random.Next(areas.Length)];
                        var figure = 500 * random.Next(1, 6);
                        report.Fact($"{force} number {figure} in {area} (claim {claim}).", Relation.TroopLevel, force, area, Text(Day(0.5)),
                            quantity: random.NextDouble() < 0.5 ? Quantity.About(figure) : Quantity.Exactly(figure));
                        break;
                    default:
                        report.Event($"{force} left {place} (claim {claim}).", EventType.Withdrawal, [force], place, Text(Day(0.5)));
                        break;
                }
            }

            documents.Add(report.Build());
        }

        return documents;
    }
}

/// <summary>The warm index over SQLite files in a temporary folder.</summary>
public sealed class SqliteWarmKnowledgeStoreTests : WarmKnowledgeStoreTests
{
    private readonly string folder = Directory.CreateTempSubdirectory("garrison-warm-").FullName;

    protected override async Task<DapperKnowledgeStore> CreateStoreAsync() =>
        await SqliteKnowledgeStore.OpenAsync(Path.Combine(folder, $"kb-{Guid.NewGuid():N}.db"));

    public override Task DisposeAsync()
    {
        Directory.Delete(folder, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>The warm index over a real PostgreSQL server, each store in a database of its own.</summary>
[RequiresEnvironment(PostgresTestServer.Variable, PostgresTestServer.Why)]
public sealed class PostgresWarmKnowledgeStoreTests : WarmKnowledgeStoreTests
{
    private readonly PostgresTestServer server = new();

    protected override async Task<DapperKnowledgeStore> CreateStoreAsync() =>
        await PostgresKnowledgeStore.OpenAsync(await server.CreateDatabaseAsync());

    public override async Task DisposeAsync() => await server.DisposeAsync();
}
