using System.Diagnostics;
using Dapper;
using Garrison.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Garrison.Cli.Tests;

/// <summary>Nothing is lost when ingest is killed: the file opens, holds only whole documents, and a re-run completes.</summary>
public sealed class IngestFaultTests : IDisposable
{
    /// <summary>
    /// Many of ingest's store batches (64 documents each), so a kill lands between two of them and the run lasts well past
    /// a poll of the file: with 400 documents, a faster ingest (session 10) once stored them all between two polls.
    /// </summary>
    private const int BatchSize = 2000;

    private readonly string folder = Directory.CreateTempSubdirectory("garrison-fault-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task An_ingest_killed_midway_leaves_whole_documents_and_a_rerun_completes_the_batch()
    {
        var batch = Directory.CreateDirectory(Path.Combine(folder, "batch")).FullName;
        for (var i = 0; i < BatchSize; i++)
        {
            // Same body, different header: each file is its own document and reads into the same number of rows.
            await File.WriteAllTextAsync(Path.Combine(batch, $"report-{i:D4}.txt"),
                $"title: Batch report {i}\npublished: 2025-01-05\n---\n" +
                "US forces withdrew from Al-Asad Air Base on Saturday, officials said.\n\n" +
                "US forces still remain at Harir Air Base in Erbil province.\n");
        }

        var db = Path.Combine(folder, "kb.db");
        using (var ingest = StartCli("ingest", batch, "--db", db))
        {
            var stored = await WaitForDocumentsAsync(db, ingest, atLeast: 3);
            Assert.False(ingest.HasExited, $"ingest finished the whole batch ({stored} documents) before it could be killed");
            ingest.Kill(entireProcessTree: true); // SIGKILL: no clean-up runs
            await ingest.WaitForExitAsync();
        }

        await (await SqliteKnowledgeStore.OpenAsync(db)).DisposeAsync();
        await using (var connection = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            Assert.Equal("ok", await connection.ExecuteScalarAsync<string>("PRAGMA integrity_check"));
            var shapes = (await connection.QueryAsync<(long Events, long Facts, long Evidence)>("""
                SELECT (SELECT COUNT(*) FROM events e WHERE e.document_id = d.id),
                       (SELECT COUNT(*) FROM facts f WHERE f.document_id = d.id),
                       (SELECT COUNT(*) FROM events e WHERE e.document_id = d.id AND e.evidence_spans IS NOT NULL) +
                       (SELECT COUNT(*) FROM facts f WHERE f.document_id = d.id AND f.evidence_spans IS NOT NULL) + length(d.evidence_spans)
                FROM documents d
                """)).ToList();
            Assert.InRange(shapes.Count, 1, BatchSize - 1);
            Assert.Single(shapes.Distinct());
            Assert.True(shapes[0].Evidence > 0, "a stored document holds its evidence");
        }

        var (exit, output, _) = await Cli.RunAsync("ingest", batch, "--db", db);

        Assert.Equal(0, exit);
        var counts = output.Trim().Split(", ").Select(part => int.Parse(part.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(BatchSize, counts[0] + counts[1]);
        Assert.Equal(0, counts[2]);
    }

    private static Process StartCli(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "garrison.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("could not start the CLI");
    }

    private static async Task<long> WaitForDocumentsAsync(string db, Process ingest, int atLeast)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (File.Exists(db))
            {
                try
                {
                    await using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
                    var count = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM documents");
                    if (count >= atLeast || ingest.HasExited)
                    {
                        return count;
                    }
                }
                catch (SqliteException)
                {
                    // The schema is not there yet.
                }
            }

            if (ingest.HasExited)
            {
                return -1;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("ingest stored nothing in 3 minutes");
    }
}
