using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dapper;
using NodaTime;
using Npgsql;

namespace Garrison.Storage.Tests;

/// <summary>
/// Four <c>garrison ingest</c> processes (the built CLI, through the ./garrison launcher) over overlapping halves of 200
/// generated reports, against one PostgreSQL database they create on first use: every report is stored once, and
/// <c>state --at</c> and <c>events</c> print the same JSON as after one process ingesting them all into SQLite.
/// </summary>
[RequiresEnvironment(PostgresTestServer.Variable, PostgresTestServer.Why)]
public sealed partial class ConcurrentIngestProcessTests : IAsyncLifetime
{
    private const int ReportCount = 200;

    private static readonly (string Name, string People)[] Forces = [("US", "American"), ("French", "French"), ("Italian", "Italian")];

    private static readonly string[] Bases = ["Al-Asad Air Base", "Harir Air Base", "Erbil Air Base", "Camp Taji"];

    private readonly PostgresTestServer server = new();
    private readonly string folder = Directory.CreateTempSubdirectory("garrison-procs-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [ProviderFact]
    public async Task Four_ingest_processes_store_every_report_once_and_state_matches_a_single_sqlite_ingest()
    {
        var files = WriteReports(Path.Combine(folder, "reports"));
        var database = server.ReserveDatabaseName();
        var url = PostgresTestServer.UrlFor(database);
        var sqlite = Path.Combine(folder, "single.db");
        await RunAsync("db", "--help"); // builds the CLI once, before the racing processes start

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(p => RunAsync(
            ["ingest", .. files.Where((_, i) => i % 4 == p || i % 4 == (p + 1) % 4).OrderBy(f => Shuffle(f, p)), "--db", url])));
        var single = await RunAsync(["ingest", .. files, "--db", sqlite]);

        var tallies = runs.Select(r => Tally(r.Out)).ToList();
        Assert.All(runs, r => Assert.Equal(0, r.Exit));
        Assert.Equal(ReportCount, tallies.Sum(t => t.Added));
        Assert.Equal(ReportCount, tallies.Sum(t => t.Known));
        Assert.Equal((ReportCount, 0), Tally(single.Out));
        await using (var connection = new NpgsqlConnection(PostgresTestServer.ConnectionStringFor(database)))
        {
            var (documents, hashes) = await connection.QuerySingleAsync<(long, long)>("SELECT COUNT(*), COUNT(DISTINCT content_hash) FROM documents");
            Assert.Equal((ReportCount, ReportCount), (documents, hashes));
        }

        foreach (var at in new[] { "2023-03-01", "2023-09-15", "2024-06-01", "2025-12-31" })
        {
            var expected = (await RunAsync("state", "--at", at, "--format", "json", "--db", sqlite)).Out;
            Assert.Equal(expected, (await RunAsync("state", "--at", at, "--format", "json", "--db", url)).Out);
            Assert.Contains("\"force\"", expected, StringComparison.Ordinal);
        }

        Assert.Equal(EventsWithoutIds((await RunAsync("events", "--format", "json", "--db", sqlite)).Out),
            EventsWithoutIds((await RunAsync("events", "--format", "json", "--db", url)).Out));
    }

    /// <summary>Short reports in the test's own wording: arrivals, troop figures, now and then a withdrawal and handover.</summary>
    private static List<string> WriteReports(string directory)
    {
        Directory.CreateDirectory(directory);
        var files = new List<string>();
        for (var i = 0; i < ReportCount; i++)
        {
            var day = new LocalDate(2023, 1, 1).PlusDays(i * 5);
            var (force, people) = Forces[i % Forces.Length];
            var place = Bases[i / Forces.Length % Bases.Length];
            var date = day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
            var body = $"{force} troops arrived at {place} on {date}, officials said.\n\n" +
                $"About {800 + (i * 13)} {people} troops are deployed in Iraq, according to report {i}.\n";
            if (i % 9 == 8)
            {
                body += $"\n{force} forces withdrew from {place} on {date} and handed it to Iraqi forces.\n";
            }

            var path = Path.Combine(directory, $"r{i:D3}.txt");
            File.WriteAllText(path, $"title: Report {i}\npublished: {day:yyyy-MM-dd}\noutlet: Test desk\n---\n{body}");
            files.Add(path);
        }

        return files;
    }

    /// <summary>A different, repeatable order of the same files for each process.</summary>
    private static int Shuffle(string file, int process) => (int)((uint)Path.GetFileName(file).GetHashCode(StringComparison.Ordinal) % (97u + (uint)process));

    private static (int Added, int Known) Tally(string output)
    {
        var match = TallyLine().Match(output);
        Assert.True(match.Success, $"no tally in: {output}");
        return (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>Event ids are row ids, which differ with the order reports were stored in; everything else must not.</summary>
    private static string EventsWithoutIds(string json)
    {
        var events = JsonNode.Parse(json)!.AsArray();
        foreach (var item in events)
        {
            item!.AsObject().Remove("id");
        }

        return events.ToJsonString();
    }

    private static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryRoot };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot, "garrison"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("GARRISON_DB");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        await process.WaitForExitAsync(timeout.Token);
        var result = (process.ExitCode, await output, await error);
        Assert.True(result.ExitCode == 0, $"garrison {string.Join(' ', args.Take(3))} … exited {result.ExitCode}: {result.Item3}");
        return result;
    }

    private static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "garrison")) && File.Exists(Path.Combine(dir.FullName, "Garrison.slnx")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException($"no ./garrison launcher above {AppContext.BaseDirectory}");
        }
    }

    [GeneratedRegex(@"(\d+) new, (\d+) already known, (\d+) failed")]
    private static partial Regex TallyLine();
}
