using System.Text;
using Dapper;
using Garrison.Domain.Records;
using Garrison.Reading.Loading;
using Garrison.Reading.Pipeline;
using Garrison.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Garrison.Storage.Tests.Caching;

/// <summary>
/// SQLite answers <c>state --at</c> from a per-year blob (<c>state_index</c>): it must print what the holdings rows
/// print, byte for byte, on every date, and never answer from a blob older than the knowledge base.
/// </summary>
public sealed class StateYearIndexTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("garrison-state-index-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Answers_like_the_rows_and_rebuilds_a_year_after_more_reports()
    {
        var reports = WarmKnowledgeStoreTests.Generated(seed: 11, count: 150);
        await using var store = await OpenAsync();
        await IngestAsync(store, reports[..70]);

        // First pass builds the years' blobs, the second answers from them; both must be the rows' answer.
        await AssertSameStatesAsync(store);
        var built = await BlobsByYearAsync(store);
        Assert.True(built.Count > 20, $"only {built.Count} years were indexed");
        await AssertSameStatesAsync(store);

        // More reports through the store: every blob is now of an older generation and must not be used.
        await IngestAsync(store, reports[70..]);
        Assert.All(await BlobsAsync(store), b => Assert.Equal(built[b.Year], b.Generation));
        await AssertSameStatesAsync(store);
        var rebuilt = await BlobsAsync(store);
        Assert.All(rebuilt, b => Assert.True(b.Generation > built[b.Year], $"year {b.Year} kept generation {b.Generation}"));
    }

    [Fact]
    public async Task Answers_like_the_rows_on_the_test_corpus()
    {
        var documents = TestCorpusRecords.Read();
        Assert.NotEmpty(documents);
        await using var store = await OpenAsync();
        await IngestAsync(store, documents[..(documents.Count / 2)]);
        await AssertSameStatesAsync(store);
        await IngestAsync(store, documents[(documents.Count / 2)..]);
        await AssertSameStatesAsync(store);
        await AssertSameStatesAsync(store);
    }

    /// <summary>
    /// The blob marks strings that are not plain ASCII (decoded as UTF-8, the others widened): names and report ids with
    /// letters outside ASCII (beside ASCII ones in the same blob) must come back as they went in.
    /// </summary>
    [Fact]
    public async Task Answers_like_the_rows_with_names_and_report_ids_outside_ascii()
    {
        var reports = WarmKnowledgeStoreTests.Generated(seed: 17, count: 90, spelled: name => name.Replace('a', 'ä').Replace("r01", "ř01"));
        // Mixed: "Hill Post" and most report ids stay ASCII.
        Assert.Contains(reports, r => r.Item1.Id.StartsWith('ř'));
        Assert.Contains(reports, r => r.Item1.Id.StartsWith('r'));
        await using var store = await OpenAsync();
        await IngestAsync(store, reports);
        await AssertSameStatesAsync(store);
        await AssertSameStatesAsync(store);
    }

    /// <summary>
    /// An answer from the blob keeps its source ids as the blob's UTF-8, in pages of 4,096 strings, and builds a string
    /// only when it is read: read in any order, as strings or as ASCII bytes (what the state command's JSON writes), every
    /// id must be the one the rows give, on a year listing more than a page of ids, some outside ASCII.
    /// </summary>
    [Fact]
    public async Task Source_ids_read_as_strings_or_ascii_bytes_in_any_order_are_the_rows_ids()
    {
        var reports = WarmKnowledgeStoreTests.Generated(seed: 23, count: 6000, spelled: name => name.Replace("r1", "ř1"));
        await using var store = await OpenAsync();
        await IngestAsync(store, reports);
        var at = new LocalDate(2016, 6, 1);
        var expected = await store.GetStateFromRowsAsync(at);
        await store.GetStateAsync(at);

        var state = await store.GetStateAsync(at);
        List<(IReadOnlyList<string> Expected, IReadOnlyList<string> Read)> lists =
        [
            .. expected.Presence.Zip(state.Presence, (e, r) => (e.Sources, r.Sources)),
            .. expected.Control.Zip(state.Control, (e, r) => (e.Sources, r.Sources)),
            .. expected.TroopLevels.Zip(state.TroopLevels, (e, r) => (e.Sources, r.Sources)),
        ];
        var distinct = lists.SelectMany(l => l.Expected).Distinct().ToList();
        Assert.True(distinct.Count > 4096, $"{distinct.Count} distinct ids: the answer's strings fit in one page");
        Assert.Contains(distinct, id => !Ascii.IsValid(id));
        var asBytes = 0;
        var outsideAscii = 0;
        // Backwards first, so that strings are built out of the order they are stored in.
        foreach (var (expectedIds, readIds) in Enumerable.Reverse(lists))
        {
            var ids = Assert.IsAssignableFrom<IAsciiStringList>(readIds);
            Assert.Equal(expectedIds.Count, ids.Count);
            for (var i = expectedIds.Count - 1; i >= 0; i--)
            {
                if (ids.TryGetAscii(i, out var ascii))
                {
                    Assert.Equal(expectedIds[i], Encoding.ASCII.GetString(ascii));
                    asBytes++;
                }
                else
                {
                    Assert.False(Ascii.IsValid(expectedIds[i]), $"{expectedIds[i]} is ASCII but was not given as bytes");
                    outsideAscii++;
                }

                Assert.Equal(expectedIds[i], ids[i]);
            }
        }

        Assert.True(asBytes > 0 && outsideAscii > 0, $"{asBytes} ids as bytes, {outsideAscii} outside ASCII");
        Assert.Equal(RecordJson.Serialize(expected), RecordJson.Serialize(state));
    }

    [Fact]
    public async Task A_blob_of_another_format_is_rebuilt_not_read()
    {
        await using var store = await OpenAsync();
        await IngestAsync(store, WarmKnowledgeStoreTests.Generated(seed: 3, count: 40));
        var at = new LocalDate(2016, 6, 1);
        var expected = RecordJson.Serialize(await store.GetStateFromRowsAsync(at));
        Assert.Equal(expected, RecordJson.Serialize(await store.GetStateAsync(at)));

        await using (var connection = new SqliteConnection($"Data Source={store.Path}"))
        {
            Assert.Equal(1, await connection.ExecuteAsync("UPDATE state_index SET lines = x'0000000000000000' WHERE year = 2016"));
        }

        Assert.Equal(expected, RecordJson.Serialize(await store.GetStateAsync(at)));
        Assert.True((await BlobsAsync(store)).Single(b => b.Year == 2016).Length > 8, "the year was not rebuilt");
    }

    [Fact]
    public async Task A_query_while_another_writer_holds_the_lock_answers_without_storing()
    {
        await using var store = await OpenAsync();
        await IngestAsync(store, WarmKnowledgeStoreTests.Generated(seed: 5, count: 40));
        var at = new LocalDate(2014, 3, 1);
        var expected = RecordJson.Serialize(await store.GetStateFromRowsAsync(at));
        await using (var writer = new SqliteConnection($"Data Source={store.Path}"))
        {
            await writer.OpenAsync();
            await using var transaction = writer.BeginTransaction(deferred: false);
            await writer.ExecuteAsync("INSERT INTO garrison_schema (version) VALUES (1000)", transaction: transaction);
            Assert.Equal(expected, RecordJson.Serialize(await store.GetStateAsync(at)));
            Assert.DoesNotContain(await BlobsAsync(store), b => b.Year == 2014);
        }

        Assert.Equal(expected, RecordJson.Serialize(await store.GetStateAsync(at)));
        Assert.Contains(await BlobsAsync(store), b => b.Year == 2014);
    }

    private async Task<SqliteKnowledgeStore> OpenAsync() => await SqliteKnowledgeStore.OpenAsync(Path.Combine(folder, $"kb-{Guid.NewGuid():N}.db"));

    private static async Task IngestAsync(IKnowledgeStore store, IReadOnlyList<(SourceDocument, ExtractionRecord)> documents)
    {
        var results = await store.IngestManyAsync(documents);
        Assert.All(results, r => Assert.Null(r.Error));
    }

    /// <summary>Every quarter from 1995 to 2030, the days before them (year ends among them), and mid-months.</summary>
    private static async Task AssertSameStatesAsync(SqliteKnowledgeStore store)
    {
        var rows = 0;
        for (var day = new LocalDate(1995, 1, 1); day < new LocalDate(2031, 1, 1); day = day.PlusMonths(3))
        {
            foreach (var at in new[] { day, day.PlusDays(-1), day.PlusDays(45) })
            {
                var expected = await store.GetStateFromRowsAsync(at);
                rows += expected.Presence.Count + expected.Control.Count + expected.TroopLevels.Count;
                Assert.Equal(RecordJson.Serialize(expected), RecordJson.Serialize(await store.GetStateAsync(at)));
            }
        }

        Assert.True(rows > 0, "no date held anything: the comparison would prove nothing");
    }

    private static async Task<Dictionary<long, long>> BlobsByYearAsync(SqliteKnowledgeStore store) =>
        (await BlobsAsync(store)).ToDictionary(b => b.Year, b => b.Generation);

    private static async Task<List<(long Year, long Generation, long Length)>> BlobsAsync(SqliteKnowledgeStore store)
    {
        await using var connection = new SqliteConnection($"Data Source={store.Path}");
        return [.. await connection.QueryAsync<(long, long, long)>("SELECT year, generation, length(lines) FROM state_index ORDER BY year")];
    }
}
