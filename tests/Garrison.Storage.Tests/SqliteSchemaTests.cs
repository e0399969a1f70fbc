using Dapper;
using Garrison.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Garrison.Storage.Tests;

/// <summary>The SQLite file itself: schema versions, journal mode, files that are not knowledge bases.</summary>
public sealed class SqliteSchemaTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("garrison-schema-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_new_file_records_the_current_schema_version_and_uses_WAL()
    {
        var path = Path.Combine(folder, "kb.db");
        await (await SqliteKnowledgeStore.OpenAsync(path)).DisposeAsync();

        await using var connection = new SqliteConnection($"Data Source={path}");
        Assert.Equal(SqliteKnowledgeStore.SchemaVersion, await connection.ExecuteScalarAsync<long>("SELECT MAX(version) FROM garrison_schema"));
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task Reopening_a_current_file_keeps_its_contents()
    {
        var path = Path.Combine(folder, "kb.db");
        var (document, record) = KnowledgeStoreConformance.SpringReport().Build();
        await using (var store = await SqliteKnowledgeStore.OpenAsync(path))
        {
            await store.IngestAsync(document, record);
        }

        await using var reopened = await SqliteKnowledgeStore.OpenAsync(path);
        Assert.Equal(IngestStatus.AlreadyKnown, (await reopened.IngestAsync(document, record)).Status);
    }

    [Fact]
    public async Task Holdings_json_columns_are_the_bytes_the_record_serializer_writes()
    {
        // Ingest writes sources and ids with Utf8JsonWriter (Sql/HoldingJson.cs); readers and older files expect RecordJson's
        // bytes. Ids with characters that JSON escapes, or that the relaxed encoder keeps as they are, and two sources.
        var path = Path.Combine(folder, "kb.db");
        await using (var store = await SqliteKnowledgeStore.OpenAsync(path))
        {
            foreach (var (id, published) in new[] { ("wire \"quoted\" <b>&amp; é’", "2024-03-02"), ("wire\\two", "2024-04") })
            {
                var (document, record) = new Report(id, published).With(Known.UsForces, Known.AlAsad)
                    .Fact("US forces remained at Al-Asad Air Base.", Domain.Records.Relation.PresentAt, "US forces", "Al-Asad Air Base", "2024-03")
                    .Build();
                await store.IngestAsync(document, record);
            }
        }

        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        var row = await connection.QuerySingleAsync<(string Sources, string FactIds, string EventIds)>(
            "SELECT sources, fact_ids, event_ids FROM holdings WHERE kind = 'presence'");
        var factIds = (await connection.QueryAsync<long>("SELECT id FROM facts ORDER BY id")).ToList();
        Temporal.DocumentRef[] sources =
        [
            new("wire \"quoted\" <b>&amp; é’", Domain.Dates.PartialDate.Parse("2024-03-02")),
            new("wire\\two", Domain.Dates.PartialDate.Parse("2024-04")),
        ];
        Assert.Equal(Domain.Records.RecordJson.Serialize(sources), row.Sources);
        Assert.Equal(Domain.Records.RecordJson.Serialize(factIds), row.FactIds);
        Assert.Equal("[]", row.EventIds);
    }

    [Fact]
    public async Task A_version_1_file_is_upgraded_and_its_holdings_computed_from_its_facts()
    {
        var downgraded = await DowngradedAsync("DROP TABLE holdings; DROP TABLE holdings_span; DELETE FROM garrison_schema WHERE version >= 2");

        await using var upgraded = await SqliteKnowledgeStore.OpenAsync(downgraded.File);

        Assert.Contains("Al-Asad Air Base", downgraded.StateBefore, StringComparison.Ordinal);
        Assert.Equal(downgraded.StateBefore, Domain.Records.RecordJson.Serialize(await upgraded.GetStateAsync(UpgradeDay)));
    }

    [Fact]
    public async Task A_version_2_file_gets_its_interval_index_filled_from_its_holdings()
    {
        var path = Path.Combine(folder, "kb.db");
        var (document, record) = KnowledgeStoreConformance.SpringReport().Build();
        await using (var store = await SqliteKnowledgeStore.OpenAsync(path))
        {
            await store.IngestAsync(document, record);
        }

        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await EvidenceTableDowngrade.ApplyAsync(connection, EvidenceTableDowngrade.SqliteTable, [(document, record)]);
            await connection.ExecuteAsync("""
                DROP TRIGGER IF EXISTS holdings_span_insert; DROP TRIGGER holdings_span_update; DROP TRIGGER holdings_span_delete;
                DROP TABLE holdings_span; DROP TABLE state_index; DELETE FROM garrison_schema WHERE version >= 3;
                ALTER TABLE holdings DROP COLUMN source_ids; ALTER TABLE holdings DROP COLUMN latest_source_day;
                ALTER TABLE holdings DROP COLUMN first_fact_id
                """);
        }

        await using var upgraded = await SqliteKnowledgeStore.OpenAsync(path);

        var state = await upgraded.GetStateAsync(new NodaTime.LocalDate(2024, 6, 1));
        Assert.Equal(["Al-Asad Air Base"], state.Presence.Select(p => p.Place));
    }

    [Fact]
    public async Task A_version_3_file_gets_the_state_columns_of_its_holdings_and_answers_as_before()
    {
        // What a version-3 file looked like: holdings without the plain state columns.
        var downgraded = await DowngradedAsync("""
            ALTER TABLE holdings DROP COLUMN source_ids; ALTER TABLE holdings DROP COLUMN latest_source_day;
            ALTER TABLE holdings DROP COLUMN first_fact_id; DELETE FROM garrison_schema WHERE version >= 4
            """);

        await using var upgraded = await SqliteKnowledgeStore.OpenAsync(downgraded.File);

        Assert.Contains("Al-Asad Air Base", downgraded.StateBefore, StringComparison.Ordinal);
        Assert.Equal(downgraded.StateBefore, Domain.Records.RecordJson.Serialize(await upgraded.GetStateAsync(UpgradeDay)));
        await using var check = new SqliteConnection($"Data Source={downgraded.File};Pooling=False");
        Assert.Equal(0, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM holdings WHERE source_ids IS NULL"));
    }

    [Fact]
    public async Task A_version_4_file_gets_the_state_index_and_answers_as_before()
    {
        var downgraded = await DowngradedAsync("DELETE FROM garrison_schema WHERE version >= 5");

        await using var upgraded = await SqliteKnowledgeStore.OpenAsync(downgraded.File);

        Assert.Equal(downgraded.StateBefore, Domain.Records.RecordJson.Serialize(await upgraded.GetStateAsync(UpgradeDay)));
        await using var check = new SqliteConnection($"Data Source={downgraded.File};Pooling=False");
        Assert.Equal(UpgradeDay.Year, await check.ExecuteScalarAsync<long>("SELECT year FROM state_index"));
    }

    [Fact]
    public async Task A_version_5_file_loses_the_indexes_no_query_reads_and_answers_as_before()
    {
        string[] unread = ["ix_events_document", "ix_facts_document", "ix_facts_days", "ix_holdings_days", "ix_holdings_last_day"];
        // What version 5 had besides; its state index stays.
        var (path, before) = await DowngradedAsync("""
            CREATE INDEX ix_events_document ON events (document_id); CREATE INDEX ix_facts_document ON facts (document_id);
            CREATE INDEX ix_facts_days ON facts (from_day, to_day); CREATE INDEX ix_holdings_days ON holdings (first_day, last_day);
            CREATE INDEX ix_holdings_last_day ON holdings (last_day); DELETE FROM garrison_schema WHERE version >= 6
            """, keepStateIndex: true);

        await using var upgraded = await SqliteKnowledgeStore.OpenAsync(path);

        Assert.Equal(before, Domain.Records.RecordJson.Serialize(await upgraded.GetStateAsync(UpgradeDay)));
        await using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        var indexes = (await check.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'index'")).ToList();
        Assert.Empty(indexes.Intersect(unread));
        Assert.Contains("ix_holdings_place", indexes);
        Assert.Equal(SqliteKnowledgeStore.SchemaVersion, await check.ExecuteScalarAsync<long>("SELECT MAX(version) FROM garrison_schema"));
    }

    [Fact]
    public async Task A_version_6_file_gets_its_evidence_moved_into_event_fact_and_document_rows_and_answers_as_before()
    {
        var path = Path.Combine(folder, "kb.db");
        List<(SourceDocument Document, Domain.Records.ExtractionRecord Record)> reports =
            [KnowledgeStoreConformance.SpringReport().Build(), EvidenceTableDowngrade.WithdrawalWithMixedSpans()];
        string[] documents = ["wire-2024-03-10", "agency-2026-01-18"];
        string[] timelines = ["US forces", "Al-Asad Air Base", "Harir Air Base"];
        List<string> before;
        await using (var store = await SqliteKnowledgeStore.OpenAsync(path))
        {
            foreach (var (document, record) in reports)
            {
                await store.IngestAsync(document, record);
            }

            before = await EvidenceTableDowngrade.AnswersAsync(store, documents, timelines);
        }

        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await EvidenceTableDowngrade.ApplyAsync(connection, EvidenceTableDowngrade.SqliteTable, reports);
            await connection.ExecuteAsync("DELETE FROM garrison_schema WHERE version >= 7");
        }

        await using var upgraded = await SqliteKnowledgeStore.OpenAsync(path);

        Assert.Equal(before, await EvidenceTableDowngrade.AnswersAsync(upgraded, documents, timelines));
        // The mixed spans came through: two, sorted, on the first withdrawal event; none on the second.
        var withdrawal = (await upgraded.GetEventsAsync(new EventQuery())).Where(e => e.DocumentId == "agency-2026-01-18").ToList();
        Assert.Equal(2, withdrawal[0].Sources.Count);
        Assert.True(withdrawal[0].Sources[0].Span.Start < withdrawal[0].Sources[1].Span.Start);
        Assert.Empty(withdrawal[1].Sources);
        await using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        Assert.Equal(0, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'evidence'"));
        Assert.Equal(SqliteKnowledgeStore.SchemaVersion, await check.ExecuteScalarAsync<long>("SELECT MAX(version) FROM garrison_schema"));
    }

    private static readonly NodaTime.LocalDate UpgradeDay = new(2025, 6, 1);

    /// <summary>
    /// A current file holding the spring and withdrawal reports, its state on <see cref="UpgradeDay"/> noted, then
    /// taken back to version 6's evidence table and then to an older schema by <paramref name="downgradeSql"/> (what a file of that version looked like). The state index of version 5
    /// goes first, for versions older than 5, unless <paramref name="keepStateIndex"/>.
    /// </summary>
    private async Task<(string File, string StateBefore)> DowngradedAsync(string downgradeSql, bool keepStateIndex = false)
    {
        var path = Path.Combine(folder, "kb.db");
        string before;
        var reports = new[] { KnowledgeStoreConformance.SpringReport(), KnowledgeStoreConformance.WithdrawalReport() }.Select(r => r.Build()).ToList();
        await using (var store = await SqliteKnowledgeStore.OpenAsync(path))
        {
            foreach (var (document, record) in reports)
            {
                await store.IngestAsync(document, record);
            }

            before = Domain.Records.RecordJson.Serialize(await store.GetStateAsync(UpgradeDay));
        }

        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            // Every older version kept evidence in its own table (version 7 moved it into the rows).
            await EvidenceTableDowngrade.ApplyAsync(connection, EvidenceTableDowngrade.SqliteTable, reports);
            await connection.ExecuteAsync((keepStateIndex ? "" : "DROP TABLE state_index; ") + downgradeSql);
        }

        return (path, before);
    }

    [Fact]
    public async Task A_file_with_a_newer_schema_is_refused_with_a_clear_message()
    {
        var path = Path.Combine(folder, "kb.db");
        await (await SqliteKnowledgeStore.OpenAsync(path)).DisposeAsync();
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.ExecuteAsync("INSERT INTO garrison_schema (version) VALUES (@v)", new { v = SqliteKnowledgeStore.SchemaVersion + 1 });
        }

        var error = await Assert.ThrowsAsync<KnowledgeStoreException>(() => SqliteKnowledgeStore.OpenAsync(path));

        Assert.Contains($"schema version {SqliteKnowledgeStore.SchemaVersion + 1}", error.Message, StringComparison.Ordinal);
        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_applications_database_is_refused()
    {
        var path = Path.Combine(folder, "other.db");
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.ExecuteAsync("CREATE TABLE customers (id INTEGER)");
        }

        var error = await Assert.ThrowsAsync<KnowledgeStoreException>(() => SqliteKnowledgeStore.OpenAsync(path));

        Assert.Contains("not a Garrison knowledge base", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_SQLite_is_refused_naming_the_file()
    {
        var path = Path.Combine(folder, "notes.db");
        await File.WriteAllTextAsync(path, "these are not the tables you are looking for, padded to more than a header's length........");

        var error = await Assert.ThrowsAsync<KnowledgeStoreException>(() => SqliteKnowledgeStore.OpenAsync(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }
}
