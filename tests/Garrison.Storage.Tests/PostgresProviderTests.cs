using Dapper;
using Garrison.Domain.Quantities;
using Garrison.Domain.Records;
using Garrison.Storage.Postgres;
using Garrison.Storage.Sql;
using Garrison.Storage.Sqlite;
using NodaTime;
using Npgsql;

namespace Garrison.Storage.Tests;

/// <summary>What only a server with many writers needs: migrations raced, concurrent ingest, copies both ways.</summary>
[RequiresEnvironment(PostgresTestServer.Variable, PostgresTestServer.Why)]
public sealed class PostgresProviderTests : IAsyncLifetime
{
    private static readonly LocalDate[] Days = [new(2024, 6, 1), new(2025, 1, 1), new(2025, 9, 1), new(2026, 6, 1)];

    private readonly PostgresTestServer server = new();
    private readonly string folder = Directory.CreateTempSubdirectory("garrison-pg-").FullName;
    private readonly List<IKnowledgeStore> stores = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }

        await server.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [ProviderFact]
    public async Task Processes_opening_a_new_database_at_once_create_it_and_migrate_it_once()
    {
        var url = PostgresTestServer.UrlFor(server.ReserveDatabaseName());

        var opened = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => PostgresKnowledgeStore.OpenAsync(url))));
        stores.AddRange(opened);

        await using var connection = new NpgsqlConnection(PostgresLocation.ToConnectionString(url));
        Assert.Equal([1, 2, 3, 4, 5], await connection.QueryAsync<int>("SELECT version FROM garrison_schema ORDER BY version"));
        Assert.All(opened, s => Assert.True(s.HasTrigramIndex));
    }

    [ProviderFact]
    public async Task Four_writers_over_overlapping_reports_store_each_once_and_agree_with_one_sqlite_writer()
    {
        var reports = GeneratedReports(60, variants: false);
        var connectionString = await server.CreateDatabaseAsync();
        var writers = new List<PostgresKnowledgeStore>();
        for (var w = 0; w < 4; w++)
        {
            writers.Add(await PostgresKnowledgeStore.OpenAsync(connectionString));
        }

        stores.AddRange(writers);

        // Writer w takes every report whose index is w or w+1 modulo 4, in its own order: each report twice, at once.
        var outcomes = await Task.WhenAll(writers.Select((store, w) => Task.Run(async () =>
        {
            var mine = reports.Where((_, i) => i % 4 == w || i % 4 == (w + 1) % 4).OrderBy(r => (r.Document.Id.GetHashCode(StringComparison.Ordinal) * (w + 1)) % 97);
            var results = new List<IngestOutcome>();
            foreach (var (document, record) in mine)
            {
                results.Add(await store.IngestAsync(document, record));
            }

            return results;
        })));

        var all = outcomes.SelectMany(o => o).ToList();
        Assert.Equal(reports.Count * 2, all.Count);
        Assert.Equal(reports.Count, all.Count(o => o.Status == IngestStatus.Added));
        Assert.Equal(reports.Select(r => r.Document.Id).Order(StringComparer.Ordinal),
            all.Where(o => o.Status == IngestStatus.Added).Select(o => o.DocumentId).Order(StringComparer.Ordinal));
        var sqlite = await SqliteKnowledgeStore.OpenAsync(Path.Combine(folder, "single.db"));
        stores.Add(sqlite);
        foreach (var (document, record) in reports)
        {
            await sqlite.IngestAsync(document, record);
        }

        await AssertSameAnswersAsync(sqlite, writers[0]);
        await using var connection = new NpgsqlConnection(connectionString);
        Assert.Equal(reports.Count, await connection.ExecuteScalarAsync<long>("SELECT COUNT(DISTINCT content_hash) FROM documents"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM (SELECT name_key FROM entities GROUP BY name_key HAVING COUNT(*) > 1) duplicates"));
    }

    [ProviderFact]
    public async Task A_copy_from_sqlite_to_postgres_and_back_answers_exactly_as_the_original()
    {
        var original = await SqliteKnowledgeStore.OpenAsync(Path.Combine(folder, "original.db"));
        stores.Add(original);
        foreach (var (document, record) in GeneratedReports(30))
        {
            await original.IngestAsync(document, record);
        }

        var postgres = await PostgresKnowledgeStore.OpenAsync(await server.CreateDatabaseAsync());
        var back = await SqliteKnowledgeStore.OpenAsync(Path.Combine(folder, "back.db"));
        stores.AddRange([postgres, back]);

        var there = await KnowledgeBaseCopy.CopyAsync(original, postgres);
        var again = await KnowledgeBaseCopy.CopyAsync(postgres, back);

        Assert.Equal(there, again);
        Assert.Equal(30, there.Single(t => t.Table == "documents").Rows);
        await AssertSameAnswersAsync(original, postgres);
        await AssertSameAnswersAsync(original, back);
        var (late, lateRecord) = new Report("late-2026-07-01", "2026-07-01").With(Known.UsForces, Known.Harir)
            .Fact("US troops were still at Harir.", Relation.PresentAt, "US forces", "Harir Air Base").Build();
        Assert.Equal(IngestStatus.Added, (await postgres.IngestAsync(late, lateRecord)).Status);
        Assert.Equal(IngestStatus.Added, (await original.IngestAsync(late, lateRecord)).Status);
        await AssertSameAnswersAsync(original, postgres);
    }

    [ProviderFact]
    public async Task A_version_1_database_is_upgraded_in_place_and_its_holdings_recomputed()
    {
        // What a version-1 database looked like: the same claims, no holdings table.
        var (connectionString, expected, actual) = await UpgradedFromAsync("DROP TABLE holdings; DELETE FROM garrison_schema WHERE version > 1");

        Assert.Equal(expected, actual);
        Assert.Contains("Al-Asad Air Base", expected[1], StringComparison.Ordinal);
        await using var check = new NpgsqlConnection(connectionString);
        Assert.Equal([1, 2, 3, 4, 5], await check.QueryAsync<int>("SELECT version FROM garrison_schema ORDER BY version"));
    }

    [ProviderFact]
    public async Task A_version_3_database_gets_the_state_columns_of_its_holdings_and_answers_as_before()
    {
        // What a version-3 database looked like: holdings without the plain state columns.
        var (connectionString, expected, actual) = await UpgradedFromAsync("""
            ALTER TABLE holdings DROP COLUMN source_ids, DROP COLUMN latest_source_day, DROP COLUMN first_fact_id;
            DELETE FROM garrison_schema WHERE version > 3
            """);

        Assert.Equal(expected, actual);
        await using var check = new NpgsqlConnection(connectionString);
        Assert.Equal(0, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM holdings WHERE source_ids IS NULL"));
        Assert.True(await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM holdings") > 0);
    }

    [ProviderFact]
    public async Task A_version_4_database_gets_its_evidence_moved_into_event_fact_and_document_rows_and_answers_as_before()
    {
        var connectionString = await server.CreateDatabaseAsync();
        List<(SourceDocument Document, ExtractionRecord Record)> reports =
            [KnowledgeStoreConformance.SpringReport().Build(), EvidenceTableDowngrade.WithdrawalWithMixedSpans(), .. GeneratedReports(10)];
        var documents = reports.Select(r => r.Document.Id).ToList();
        string[] timelines = ["US forces", "Al-Asad Air Base", "Harir Air Base"];
        List<string> before;
        await using (var current = await PostgresKnowledgeStore.OpenAsync(connectionString))
        {
            foreach (var (document, record) in reports)
            {
                await current.IngestAsync(document, record);
            }

            before = await EvidenceTableDowngrade.AnswersAsync(current, documents, timelines);
        }

        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await EvidenceTableDowngrade.ApplyAsync(connection, EvidenceTableDowngrade.PostgresTable, reports);
            await connection.ExecuteAsync("DELETE FROM garrison_schema WHERE version > 4");
        }

        var upgraded = await PostgresKnowledgeStore.OpenAsync(connectionString);
        stores.Add(upgraded);

        Assert.Equal(before, await EvidenceTableDowngrade.AnswersAsync(upgraded, documents, timelines));
        Assert.Contains(before, a => a.Contains("Ain al-Asad", StringComparison.Ordinal));
        await using var check = new NpgsqlConnection(connectionString);
        Assert.Equal(0, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM pg_tables WHERE tablename = 'evidence'"));
        Assert.Equal([1, 2, 3, 4, 5], await check.QueryAsync<int>("SELECT version FROM garrison_schema ORDER BY version"));
    }

    /// <summary>
    /// A current database of 20 generated reports and its state on <see cref="Days"/>; then taken back to an older
    /// schema by <paramref name="downgradeSql"/>, reopened (which upgrades it), and asked the same days again.
    /// </summary>
    private async Task<(string ConnectionString, List<string> Expected, List<string> Actual)> UpgradedFromAsync(string downgradeSql)
    {
        var connectionString = await server.CreateDatabaseAsync();
        var expected = new List<string>();
        var reports = GeneratedReports(20);
        await using (var current = await PostgresKnowledgeStore.OpenAsync(connectionString))
        {
            foreach (var (document, record) in reports)
            {
                await current.IngestAsync(document, record);
            }

            foreach (var day in Days)
            {
                expected.Add(RecordJson.Serialize(await current.GetStateAsync(day)));
            }
        }

        await using (var connection = new NpgsqlConnection(connectionString))
        {
            // Every older version kept evidence in its own table (version 5 moved it into the rows).
            await EvidenceTableDowngrade.ApplyAsync(connection, EvidenceTableDowngrade.PostgresTable, reports);
            await connection.ExecuteAsync(downgradeSql);
        }

        var upgraded = await PostgresKnowledgeStore.OpenAsync(connectionString);
        stores.Add(upgraded);

        var actual = new List<string>();
        foreach (var day in Days)
        {
            actual.Add(RecordJson.Serialize(await upgraded.GetStateAsync(day)));
        }

        return (connectionString, expected, actual);
    }

    [ProviderFact]
    public async Task A_copy_into_a_knowledge_base_that_has_documents_is_refused_and_changes_nothing()
    {
        var source = await SqliteKnowledgeStore.OpenAsync(Path.Combine(folder, "source.db"));
        var target = await PostgresKnowledgeStore.OpenAsync(await server.CreateDatabaseAsync());
        stores.AddRange([source, target]);
        var reports = GeneratedReports(4);
        await source.IngestAsync(reports[0].Document, reports[0].Record);
        await target.IngestAsync(reports[1].Document, reports[1].Record);

        var error = await Assert.ThrowsAsync<KnowledgeStoreException>(() => KnowledgeBaseCopy.CopyAsync(source, target));

        Assert.Contains("not empty", error.Message, StringComparison.Ordinal);
        Assert.Null(await target.GetDocumentAsync(reports[0].Document.Id));
        Assert.NotNull(await target.GetDocumentAsync(reports[1].Document.Id));
    }

    [ProviderFact]
    public async Task A_database_that_is_not_a_knowledge_base_or_is_newer_is_refused_with_its_name()
    {
        var foreign = await server.CreateDatabaseAsync();
        await using (var connection = new NpgsqlConnection(foreign))
        {
            await connection.ExecuteAsync("CREATE TABLE invoices (id int)");
        }

        var newer = await server.CreateDatabaseAsync();
        stores.Add(await PostgresKnowledgeStore.OpenAsync(newer));
        await using (var connection = new NpgsqlConnection(newer))
        {
            await connection.ExecuteAsync("INSERT INTO garrison_schema (version) VALUES (99)");
        }

        var notOurs = await Assert.ThrowsAsync<KnowledgeStoreException>(() => PostgresKnowledgeStore.OpenAsync(foreign));
        var tooNew = await Assert.ThrowsAsync<KnowledgeStoreException>(() => PostgresKnowledgeStore.OpenAsync(newer));

        Assert.Contains("not a Garrison knowledge base", notOurs.Message, StringComparison.Ordinal);
        Assert.Contains(new NpgsqlConnectionStringBuilder(foreign).Database!, notOurs.Message, StringComparison.Ordinal);
        Assert.Contains("schema version 99", tooNew.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A timeline's entries with their sources sorted. A holding's sources are listed in the order its facts were stored,
    /// which writers racing each other permute; what is said, when and from which sentences must not change.
    /// </summary>
    private static List<string> TimelineLines(Timeline? timeline) =>
        [.. (timeline?.Entries ?? []).Select(e => RecordJson.Serialize(e with
            {
                Sources = [.. e.Sources.OrderBy(s => s.DocumentId, StringComparer.Ordinal).ThenBy(s => s.Span.Start)],
            }))
            .Order(StringComparer.Ordinal)];

    /// <summary>
    /// Reports on a few forces and bases over two years: arrivals, troop figures that change, withdrawals and handovers.
    /// With <paramref name="variants"/>, bases are also spelled another way, so entity resolution merges them; an
    /// entity keeps the name it was first stored under, so only without variants is the outcome independent of the order
    /// racing writers happen to store reports in.
    /// </summary>
    internal static List<(SourceDocument Document, ExtractionRecord Record)> GeneratedReports(int count, bool variants = true)
    {
        var forces = new[] { Known.UsForces, new EntityRecord("French forces", EntityKind.Force, ["French troops"], Country: "France") };
        EntityRecord[] bases = variants ? [Known.AlAsad, Known.AlAsadVariant, Known.Harir, Known.Bashur] : [Known.AlAsad, Known.Harir];
        var start = new LocalDate(2024, 1, 1);
        var reports = new List<(SourceDocument, ExtractionRecord)>();
        for (var i = 0; i < count; i++)
        {
            var day = start.PlusDays(i * 11);
            var force = forces[i % forces.Length];
            var place = bases[(i / 2) % bases.Length];
            var report = new Report($"gen-{i:D3}", day.ToString("yyyy-MM-dd", null)).With(force, place, Known.Iraq, Known.IraqiForces)
                .Fact($"Report {i}: {force.Name} are at {place.Name}.", Relation.PresentAt, force.Name, place.Name, day.ToString("yyyy-MM", null))
                .Fact($"They number about {1000 + (i * 37)} in Iraq.", Relation.TroopLevel, force.Name, "Iraq", day.ToString("yyyy-MM-dd", null),
                    quantity: Quantity.About(1000 + (i * 37)));
            if (i % 7 == 6)
            {
                var when = day.PlusDays(-3).ToString("yyyy-MM-dd", null);
                report.Event($"{force.Name} left {place.Name} on day {i}.", EventType.Withdrawal, [force.Name], place.Name, when)
                    .Event("Iraqi units took the base over.", EventType.Handover, [force.Name], place.Name, when, targets: ["Iraqi security forces"]);
            }

            reports.Add(report.Build());
        }

        return reports;
    }

    /// <summary>State at several dates, events, a diff, a timeline and troop series, as JSON, the same from both stores.</summary>
    internal static async Task AssertSameAnswersAsync(IKnowledgeStore expected, IKnowledgeStore actual)
    {
        foreach (var day in Days)
        {
            Assert.Equal(RecordJson.Serialize(await expected.GetStateAsync(day)), RecordJson.Serialize(await actual.GetStateAsync(day)));
        }

        static string WithoutIds(IEnumerable<StoredEvent> events) =>
            RecordJson.Serialize(events.Select(e => new { e.Event, e.Sources, e.DocumentId, e.Lat, e.Lon }).ToList());
        Assert.Equal(WithoutIds(await expected.GetEventsAsync(new EventQuery())), WithoutIds(await actual.GetEventsAsync(new EventQuery())));
        var (before, after) = (await expected.GetDiffAsync(Days[0], Days[^1]), await actual.GetDiffAsync(Days[0], Days[^1]));
        Assert.Equal(RecordJson.Serialize(before.Changes), RecordJson.Serialize(after.Changes));
        Assert.Equal(TimelineLines(await expected.GetTimelineAsync("Al-Asad Air Base")), TimelineLines(await actual.GetTimelineAsync("Al-Asad Air Base")));
        Assert.Equal(RecordJson.Serialize(await expected.GetTroopSeriesAsync(null, null)), RecordJson.Serialize(await actual.GetTroopSeriesAsync(null, null)));
    }
}

/// <summary>postgres:// URLs as users type them become Npgsql connection strings; no server needed.</summary>
public sealed class PostgresLocationTests
{
    [Theory]
    [InlineData("postgres://analyst@db.example:5433/garrison", "db.example", 5433, "analyst", null, "garrison")]
    [InlineData("postgresql://analyst:s%40cret@10.0.0.5/team_kb", "10.0.0.5", 5432, "analyst", "s@cret", "team_kb")]
    [InlineData("POSTGRES://u@[::1]:6000/kb", "::1", 6000, "u", null, "kb")]
    public void A_url_becomes_a_connection_string(string url, string host, int port, string user, string? password, string database)
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresLocation.ToConnectionString(url));

        Assert.Equal((host, port, user, password, database), (builder.Host, builder.Port, builder.Username, builder.Password, builder.Database));
    }

    [Fact]
    public void Query_parameters_pass_through_and_unknown_ones_are_named()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresLocation.ToConnectionString("postgres://u@h/kb?sslmode=require&Timeout=7"));

        Assert.Equal((SslMode.Require, 7), (builder.SslMode, builder.Timeout));
        var error = Assert.Throws<FormatException>(() => PostgresLocation.ToConnectionString("postgres://u:pw@h/kb?colour=blue"));
        Assert.Contains("colour", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pw", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgres://u@h:5432/")]
    [InlineData("postgres:///kb")]
    public void A_url_without_host_or_database_is_refused(string url) =>
        Assert.Throws<FormatException>(() => PostgresLocation.ToConnectionString(url));

    [Theory]
    [InlineData("/tmp/kb.db", false)]
    [InlineData("postgres-notes.db", false)]
    [InlineData("postgresql://u@h/kb", true)]
    public void Only_a_url_is_taken_for_postgres(string location, bool expected) => Assert.Equal(expected, PostgresLocation.IsUrl(location));
}
