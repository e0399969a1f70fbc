using Dapper;
using Garrison.Domain.Records;
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

    private static async Task AssertEveryReferenceHoldsAsync(string path)
    {
        await using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        Assert.Empty(await check.QueryAsync("PRAGMA foreign_key_check"));
    }
}
