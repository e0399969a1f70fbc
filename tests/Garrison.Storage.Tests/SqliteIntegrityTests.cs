using Dapper;
using Garrison.Domain.Records;
using Garrison.Storage.Sql;
using Garrison.Storage.Sqlite;
using Garrison.Storage.Tests.Caching;
using Microsoft.Data.Sqlite;

namespace Garrison.Storage.Tests;

/// <summary>
/// SQLite ingests with foreign-key enforcement off (<c>SqliteKnowledgeStore.BeginWriteAsync</c> says why that is safe):
/// these tests are what keeps it honest, by asking SQLite to check every reference of the file afterwards.
/// </summary>
public sealed class SqliteIntegrityTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("garrison-integrity-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Every_reference_an_ingest_writes_points_at_a_stored_row_also_after_a_rolled_back_document()
    {
        var path = Path.Combine(folder, "kb.db");
        await using (var store = await SqliteKnowledgeStore.OpenAsync(path))
        {
            // Real reading output (entities merged across reports, events with participants, holdings), in batches.
            foreach (var batch in TestCorpusRecords.Read().Chunk(4))
            {
                Assert.All(await store.IngestManyAsync(batch), result => Assert.Null(result.Error));
            }

            // A document that creates an entity and is then rolled back, followed in the same batch by documents naming
            // that entity: they must not reuse the id it was given (the batch's entity caches must forget it).
            var camp = new EntityRecord("Camp Unheard", EntityKind.Facility, ["Unheard Camp"]);
            var (brokenDocument, brokenRecord) = new Report("broken-2024-04-01", "2024-04-01")
                .With(Known.UsForces, camp)
                .Fact("US forces moved into Camp Unheard.", Relation.PresentAt, "US forces", "Camp Unheard")
                .Build();
            var broken = brokenRecord with
            {
                Facts = [brokenRecord.Facts[0] with { Evidence = [new Domain.Provenance.TextSpan(0, brokenDocument.Body.Length + 50)] }],
            };
            // Naming only entities stored before (besides the camp), so nothing takes the undone row's id before the camp is
            // resolved: a stale id would be left dangling, or be taken by the next report's new entity.
            var later = new Report("camp-2024-04-02", "2024-04-02")
                .With(Known.UsForces, camp)
                .Fact("US forces took over Camp Unheard.", Relation.Controls, "US forces", "Camp Unheard", "2024-04")
                .Event("US forces deployed to Camp Unheard.", EventType.Deployment, ["US forces"], "Camp Unheard", "2024-04-02")
                .Build();
            var results = await store.IngestManyAsync([(brokenDocument, broken), later]);
            Assert.IsType<InvalidDataException>(results[0].Error);
            Assert.Null(results[1].Error);
            await AssertEveryReferenceHoldsAsync(path);

            // The next report's new entity would take a row id the rolled-back document had used.
            await store.IngestAsync(KnowledgeStoreConformance.SpringReport().Build().Document, KnowledgeStoreConformance.SpringReport().Build().Record);
        }

        await AssertEveryReferenceHoldsAsync(path);
        await using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        Assert.True(await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM events") > 0);
        // The later document's claims name the camp it stored, not a row the rolled-back document left behind or reused.
        Assert.Equal(["Camp Unheard"], await check.QueryAsync<string>("""
            SELECT o.name FROM facts f JOIN documents d ON d.id = f.document_id JOIN entities o ON o.id = f.object_id
            WHERE d.doc_key = 'camp-2024-04-02'
            """));
        Assert.Equal(["Camp Unheard"], await check.QueryAsync<string>("""
            SELECT p.name FROM events e JOIN documents d ON d.id = e.document_id JOIN entities p ON p.id = e.place_id
            WHERE d.doc_key = 'camp-2024-04-02'
            """));
        Assert.Equal(1, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM entities WHERE name = 'Camp Unheard'"));
    }

    [Fact]
    public async Task The_interval_index_holds_each_holdings_row_after_ingest_a_copy_and_an_upgrade_from_version_7()
    {
        // Since schema 8 the store writes the R*Tree row of each holdings row itself (no insert trigger): every state query
        // finds holdings through it, so a row missing there (or left there after its holding was replaced) is a wrong answer.
        var path = Path.Combine(folder, "kb.db");
        // Reports naming the same forces and places again and again, so that batches replace stored holdings rows.
        var reports = KnowledgeStoreConformance.MixedReports(seed: 8, count: 120);
        var half = reports.Count / 2;
        await using (var store = await SqliteKnowledgeStore.OpenAsync(path))
        {
            foreach (var batch in reports.Take(half).Chunk(4))
            {
                Assert.All(await store.IngestManyAsync(batch), result => Assert.Null(result.Error));
            }
        }

        await AssertIntervalIndexHoldsAsync(path);

        // A version-7 file: the insert trigger back. Opening it drops the trigger, and later batches (which replace rows
        // and add new ones) keep the index exact without it.
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.ExecuteAsync("""
                CREATE TRIGGER holdings_span_insert AFTER INSERT ON holdings BEGIN
                    INSERT INTO holdings_span (id, lo, hi) VALUES (new.id, COALESCE(new.first_day, 0), COALESCE(new.last_day, 99999999));
                END;
                DELETE FROM garrison_schema WHERE version >= 8;
                """);
        }

        await using (var store = await SqliteKnowledgeStore.OpenAsync(path))
        {
            foreach (var batch in reports.Skip(half).Chunk(4))
            {
                Assert.All(await store.IngestManyAsync(batch), result => Assert.Null(result.Error));
            }

            var copyPath = Path.Combine(folder, "copy.db");
            await using (var copy = await SqliteKnowledgeStore.OpenAsync(copyPath))
            {
                await KnowledgeBaseCopy.CopyAsync(store, copy);
            }

            await AssertIntervalIndexHoldsAsync(copyPath);
        }

        await AssertIntervalIndexHoldsAsync(path);
        await using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        Assert.Equal(0, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'holdings_span_insert'"));
        // Rows were replaced on the way (ids beyond the count), so the deletes' side of the index was exercised too.
        Assert.True(await check.ExecuteScalarAsync<long>("SELECT MAX(id) - COUNT(*) FROM holdings") > 20);
    }

    private static async Task AssertIntervalIndexHoldsAsync(string path)
    {
        await using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        var rows = (await check.QueryAsync<(long Id, long Lo, long Hi)>(
            "SELECT id, COALESCE(first_day, 0), COALESCE(last_day, 99999999) FROM holdings ORDER BY id")).ToList();
        var index = (await check.QueryAsync<(long Id, long Lo, long Hi)>("SELECT id, lo, hi FROM holdings_span ORDER BY id")).ToList();
        Assert.True(rows.Count > 50, $"only {rows.Count} holdings rows: the check would prove little");
        Assert.Equal(rows, index);
    }

    private static async Task AssertEveryReferenceHoldsAsync(string path)
    {
        await using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        Assert.Empty(await check.QueryAsync("PRAGMA foreign_key_check"));
    }
}
