using System.CommandLine;
using Garrison.Cli.Ingestion;
using Garrison.Cli.Options;
using Garrison.Domain.Records;
using Garrison.Lexicons;
using Garrison.Reading.Loading;
using Garrison.Reading.Pipeline;
using Garrison.Storage;
using Garrison.Storage.Temporal;
using NodaTime;

namespace Garrison.Cli.Commands;

/// <summary>
/// <c>garrison demo</c>: reads the bundled sample reports (and the reference report in ../shared/seed when it is there)
/// into a fresh knowledge base, then shows the state before and after the latest withdrawal, the timeline of the place
/// it happened at, the troop-level series with the most figures, and the events.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var db = new Option<string>("--db")
        {
            Description = "Where to build the demo knowledge base (replaced if present). Default: demo.db beside the default knowledge base, " +
                $"in {Path.GetDirectoryName(DefaultDemoPath)}",
            HelpName = "PATH",
        };
        var noServe = new Option<bool>("--no-serve") { Description = "Stop after printing; do not serve the map page" };
        var urls = new Option<string>("--urls")
        {
            Description = "Where the map page is served at the end (loopback)",
            HelpName = "URL",
            DefaultValueFactory = _ => Web.Hosting.GarrisonWebOptions.DefaultUrl,
        };
        var command = new Command("demo", "Build a fresh knowledge base from the sample reports, show what it answers, then serve the map page.")
        {
            db,
            noServe,
            urls,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var path = parseResult.GetValue(db) ?? DefaultDemoPath;
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var code = await RunAsync(path, output, error, cancellationToken).ConfigureAwait(false);
            if (code == 2 || parseResult.GetValue(noServe))
            {
                return code;
            }

            // The demo ends on the map: the same knowledge base, served until Ctrl+C.
            await output.WriteLineAsync().ConfigureAwait(false);
            var served = await ServeCommand.ServeAsync(path, parseResult.GetValue(urls) ?? Web.Hosting.GarrisonWebOptions.DefaultUrl,
                allowRemote: false, corsOrigins: [], output, error, cancellationToken).ConfigureAwait(false);
            return Math.Max(code, served);
        });
        return command;
    }

    private static string DefaultDemoPath => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "garrison", "demo.db");

    private static async Task<int> RunAsync(string dbPath, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var reports = FindReports(error);
        if (reports.Count == 0)
        {
            await error.WriteLineAsync("garrison: no sample reports found (looked for samples/ beside data/)").ConfigureAwait(false);
            return 2;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(dbPath))!);
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(dbPath + suffix);
        }

        await using var store = await KnowledgeBaseOptions.OpenAsync(dbPath, error, cancellationToken).ConfigureAwait(false);
        if (store is null)
        {
            return 2;
        }

        await output.WriteLineAsync($"Knowledge base: {dbPath}").ConfigureAwait(false);
        var ingestor = new DocumentIngestor(store, DocumentIngestor.CreatePipeline());
        var failed = 0;
        foreach (var report in reports)
        {
            try
            {
                var outcome = await ingestor.IngestAsync(report, cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync($"  ingested {outcome.DocumentId} ({report})").ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ReadingException or InvalidDataException or IOException)
            {
                failed++;
                await error.WriteLineAsync($"garrison: {report}: {ex.Message}").ConfigureAwait(false);
            }
        }

        await output.WriteLineAsync().ConfigureAwait(false);
        // The latest completed withdrawal from a named place, an installation before a country or region (its
        // timeline is the readable one); on a tie, the place the reports say most about.
        var allEvents = await store.GetEventsAsync(new EventQuery(), cancellationToken).ConfigureAwait(false);
        var eventsAt = allEvents.Where(e => e.Event.Place is not null).GroupBy(e => e.Event.Place!).ToDictionary(g => g.Key, g => g.Count());
        var withdrawals = allEvents
            .Where(e => e.Event is { Type: EventType.Withdrawal, Status: EventStatus.Completed, Place: not null } && (e.Event.Date.From ?? e.Event.Date.To) is not null)
            .ToList();
        var facilities = new HashSet<string>(StringComparer.Ordinal);
        foreach (var place in withdrawals.Select(w => w.Event.Place!).Distinct(StringComparer.Ordinal))
        {
            var found = await store.FindEntitiesAsync(place, 1, cancellationToken).ConfigureAwait(false);
            if (found.Count > 0 && found[0].Entity.Kind == EntityKind.Facility)
            {
                facilities.Add(place);
            }
        }

        var withdrawal = withdrawals
            .OrderByDescending(e => (e.Event.Date.From ?? e.Event.Date.To)!.Value.FirstDay)
            .ThenByDescending(e => facilities.Contains(e.Event.Place!))
            .ThenByDescending(e => eventsAt[e.Event.Place!])
            .FirstOrDefault();
        if (withdrawal is null)
        {
            await output.WriteLineAsync("No dated withdrawal was read; showing the events only.").ConfigureAwait(false);
        }
        else
        {
            var date = withdrawal.Event.Date;
            var published = withdrawal.DocumentId is null ? null : (await store.GetDocumentAsync(withdrawal.DocumentId, cancellationToken).ConfigureAwait(false))?.Info.Published;
            var before = date.From!.Value.FirstDay.PlusDays(-1);
            var after = TemporalRules.EndDay(date.To ?? date.From!.Value, published).PlusDays(1);
            await output.WriteLineAsync($"The latest withdrawal: {string.Join(", ", withdrawal.Event.Actors)} from {withdrawal.Event.Place} ({date.From}).")
                .ConfigureAwait(false);
            StateCommand.Render(await store.GetStateAsync(before, cancellationToken).ConfigureAwait(false), output);
            StateCommand.Render(await store.GetStateAsync(after, cancellationToken).ConfigureAwait(false), output);
            if (await store.GetTimelineAsync(withdrawal.Event.Place!, cancellationToken).ConfigureAwait(false) is { } timeline)
            {
                TimelineCommand.Render(timeline, output);
            }
        }

        var series = await store.GetTroopSeriesAsync(null, null, cancellationToken).ConfigureAwait(false);
        var area = series.GroupBy(p => (p.Force, p.Area)).OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Area, StringComparer.Ordinal).FirstOrDefault();
        if (area is not null)
        {
            var table = Output.Tables.Create($"Troop levels: {area.Key.Force} in {area.Key.Area}", "troops", "since", "until", "source");
            foreach (var point in area)
            {
                var first = point.Sources.FirstOrDefault();
                Output.Tables.AddCells(table, StateProjection.Describe(point.Quantity), point.Since?.ToString(), point.Until?.ToString(),
                    first is null ? "" : $"{first.DocumentId} {Output.Tables.Quote(first.Text, 70)}");
            }

            Output.Tables.ConsoleFor(output).Write(table);
        }

        Output.Tables.ConsoleFor(output).Write(EventsCommand.Table("Events", allEvents));
        await output.WriteLineAsync($"Try: ./garrison state --at 2025-06-01 --db {dbPath}").ConfigureAwait(false);
        return failed > 0 ? 1 : 0;
    }

    /// <summary>The sample reports (samples/ beside data/), then the reference report(s) in ../shared/seed when present.</summary>
    private static List<string> FindReports(TextWriter error)
    {
        string root;
        try
        {
            root = Path.GetDirectoryName(Path.GetFullPath(DataDirectory.Locate()))!;
        }
        catch (DirectoryNotFoundException ex)
        {
            error.WriteLine($"garrison: {ex.Message}");
            return [];
        }

        var folders = new[] { Path.Combine(root, "samples"), Path.GetFullPath(Path.Combine(root, "..", "shared", "seed")) }.Where(Directory.Exists);
        return [.. DocumentFiles.Expand(folders)];
    }
}
