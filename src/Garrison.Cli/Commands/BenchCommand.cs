using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Garrison.Cli.Bench;
using Garrison.Cli.Options;
using Garrison.Cli.Output;
using Garrison.Lexicons;
using Garrison.Lexicons.Entities;
using Garrison.Reading.Pipeline;
using Spectre.Console;

namespace Garrison.Cli.Commands;

/// <summary>
/// <c>garrison bench [--format json|table] [--quick|--tiny] [--profile] [--stream DIR] [--db postgres://…]</c>: reading
/// throughput against a tokenize-only baseline, ingest rate and <c>state --at</c> latency, on a generated corpus.
/// Figures go to stdout, progress to stderr. <c>--write-corpus DIR --size-mb N</c> writes the corpus as files instead
/// (for the streaming check on a big folder).
/// </summary>
internal static class BenchCommand
{
    public const int DefaultSeed = 20260118;

    public static Command Create()
    {
        var format = CommandArguments.FormatOption("table", "json");
        var quick = new Option<bool>("--quick") { Description = "Fewer reports, and state queries on 10^4 and 10^5 facts only (about a minute)" };
        var tiny = new Option<bool>("--tiny") { Description = "A few reports and one small database: checks that the bench runs, measures nothing" };
        var profile = new Option<bool>("--profile") { Description = "Also time each reading stage (stage_profile)" };
        var stateOnly = new Option<bool>("--state-only")
        {
            Description = "Only the SQLite state --at figures (state_query), on the same bases and dates; no reading or ingest " +
                "(10^6 facts in well under a minute without --quick)",
        };
        var stream = new Option<string>("--stream")
        {
            Description = "First read every report in this folder from disk and report its peak working set (stream)",
            HelpName = "DIR",
        };
        var db = new Option<string>("--db")
        {
            Description = "An empty PostgreSQL database (postgres://user@host:port/dbname) to time ingest and state --at on beside SQLite; the bench reports are stored into it",
            HelpName = "URL",
        };
        var writeCorpus = new Option<string>("--write-corpus")
        {
            Description = "Write the generated reports as .txt files under this folder (subfolders of 1,000) and stop",
            HelpName = "DIR",
        };
        var sizeMb = new Option<int>("--size-mb") { Description = "How many megabytes --write-corpus writes", DefaultValueFactory = _ => 200 };
        var seed = new Option<int>("--seed") { Description = "Seed of the generated corpus", DefaultValueFactory = _ => DefaultSeed };
        var stateSeeder = new Option<string>("--state-seeder")
        {
            Description = "What the state databases model: reports about a bounded world, or session 3's uniform facts whose " +
                "answer grows with the base (docs/bench.md)",
            DefaultValueFactory = _ => "world",
        };
        stateSeeder.AcceptOnlyFromAmong("world", "uniform");
        var compare = new Option<string>("--compare")
        {
            Description = "Only compare reading with another checkout's build (its artifacts/cli and data folders), in this process: " +
                "passes of the two alternate, each timed in thread CPU; prints both builds' CPU per report and the speedup",
            HelpName = "DIR",
        };
        var rounds = new Option<int>("--rounds") { Description = "Timed passes of each build with --compare", DefaultValueFactory = _ => 8 };
        var command = new Command("bench", "Throughput and latency figures: tokenize baseline, reading on one thread and on all cores, " +
            "ingest into SQLite, state --at on 10^4..10^6 facts, peak working set. Data on stdout, progress on stderr.")
        {
            format, quick, tiny, profile, stateOnly, stream, db, writeCorpus, sizeMb, seed, stateSeeder, compare, rounds,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (parse.GetValue(writeCorpus) is { } folder)
            {
                return Task.FromResult(WriteCorpus(folder, parse.GetValue(sizeMb), parse.GetValue(seed), output, error));
            }

            var size = parse.GetValue(tiny) ? BenchSize.Tiny : parse.GetValue(quick) ? BenchSize.Quick : BenchSize.Full;
            var shape = parse.GetValue(stateSeeder) == "uniform" ? StateShape.Uniform : StateShape.World;
            if (parse.GetValue(compare) is { } otherCheckout)
            {
                return Task.FromResult(Compare(otherCheckout, size, parse.GetValue(rounds), parse.GetValue(format) ?? "table", parse.GetValue(seed),
                    output, error, cancellationToken));
            }

            if (parse.GetValue(stateOnly))
            {
                return RunStateOnlyAsync(size, parse.GetValue(format) ?? "table", parse.GetValue(seed), shape, output, error, cancellationToken);
            }

            return RunAsync(size, parse.GetValue(format) ?? "table", parse.GetValue(seed), parse.GetValue(profile), parse.GetValue(stream),
                parse.GetValue(db), shape, output, error, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(BenchSize size, string format, int seed, bool profile, string? stream, string? db,
        StateShape shape, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (stream is not null && !Directory.Exists(stream))
        {
            await error.WriteLineAsync($"garrison bench: --stream {stream}: no such folder").ConfigureAwait(false);
            return 2;
        }

        if (db is not null && !db.StartsWith("postgres://", StringComparison.Ordinal) && !db.StartsWith("postgresql://", StringComparison.Ordinal))
        {
            await error.WriteLineAsync($"garrison bench: --db {db}: expected a PostgreSQL URL (postgres://user@host:port/dbname); SQLite is always timed").ConfigureAwait(false);
            return 2;
        }

        Func<CancellationToken, Task<Storage.IKnowledgeStore>>? openServer = db is null
            ? null
            : async token => await KnowledgeStoreFactory.OpenAsync(db, token).ConfigureAwait(false);

        if (await LoadAsync(seed, error).ConfigureAwait(false) is not { } loaded)
        {
            return 2;
        }

        var (pipeline, corpus) = loaded;

        BenchReport report;
        if (ProgressConsole.ForStderr(error) is { } console)
        {
            report = await console.Progress().AutoClear(false).HideCompleted(false).StartAsync(async context =>
            {
                var observer = new ProgressObserver(context, console);
                var result = await new BenchRunner(pipeline, corpus, size, observer)
                {
                    Profile = profile,
                    StreamDirectory = stream,
                    OpenServer = openServer,
                    StateShape = shape,
                }
                    .RunAsync(cancellationToken).ConfigureAwait(false);
                observer.Finish();
                return result;
            }).ConfigureAwait(false);
        }
        else
        {
            report = await new BenchRunner(pipeline, corpus, size, new LineObserver(error))
            {
                Profile = profile,
                StreamDirectory = stream,
                OpenServer = openServer,
                StateShape = shape,
            }
                .RunAsync(cancellationToken).ConfigureAwait(false);
        }

        if (format == "json")
        {
            await output.WriteLineAsync(report.ToJson()).ConfigureAwait(false);
        }
        else
        {
            WriteTable(report, output);
        }

        return 0;
    }

    /// <summary>The reading pipeline and the generated corpus, or null (said on <paramref name="error"/>) when Garrison's data cannot be read.</summary>
    private static async Task<(ReadingPipeline Pipeline, BenchCorpus Corpus)?> LoadAsync(int seed, TextWriter error)
    {
        try
        {
            return (ReadingPipelineFactory.CreateDefault(), new BenchCorpus(EntityLexiconLoader.LoadFrom(DataDirectory.Locate()), seed));
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"garrison bench: cannot load Garrison's data: {e.Message}").ConfigureAwait(false);
            return null;
        }
    }

    private static async Task<int> RunStateOnlyAsync(BenchSize size, string format, int seed, StateShape shape, TextWriter output, TextWriter error,
        CancellationToken cancellationToken)
    {
        if (await LoadAsync(seed, error).ConfigureAwait(false) is not { } loaded)
        {
            return 2;
        }

        var (pipeline, corpus) = loaded;

        var runner = new BenchRunner(pipeline, corpus, size, new LineObserver(error)) { StateShape = shape };
        var states = await runner.RunStateOnlyAsync(cancellationToken).ConfigureAwait(false);
        if (format == "json")
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(new { StateQuery = states, PeakWorkingSetMb = BenchRunner.PeakWorkingSetMb() },
                BenchReport.JsonOptions)).ConfigureAwait(false);
        }
        else
        {
            var inv = CultureInfo.InvariantCulture;
            foreach (var state in states)
            {
                await output.WriteLineAsync(string.Format(inv,
                    "state --at, {0:N0} facts: p50 {1:F2} ms, p99 {2:F2} ms, {3:N0} rows (median answer); warm p50 {4:F2} ms; with its JSON p50 {5:F2} ms",
                    state.Facts, state.P50Ms, state.P99Ms, state.RowsP50, state.WarmP50Ms, state.StateCommandP50Ms)).ConfigureAwait(false);
            }
        }

        return 0;
    }

    /// <summary><c>bench --compare DIR</c>: this build's reading against DIR's (<see cref="ReadingComparison"/>).</summary>
    private static int Compare(string otherCheckout, BenchSize size, int rounds, string format, int seed, TextWriter output, TextWriter error,
        CancellationToken cancellationToken)
    {
        if (rounds < 1)
        {
            error.WriteLine("garrison bench: --rounds must be at least 1");
            return 2;
        }

        if (!Directory.Exists(otherCheckout))
        {
            error.WriteLine($"garrison bench: --compare {otherCheckout}: no such folder");
            return 2;
        }

        ReadingBuild self, other;
        List<BenchDocument> documents;
        try
        {
            var data = DataDirectory.Locate();
            documents = [.. new BenchCorpus(EntityLexiconLoader.LoadFrom(data), seed).Documents(size.Documents)];
            // This build is loaded from its own folder too, so that both builds run in a load context of their own and pay
            // the same for it.
            self = ReadingBuild.Load("this", AppContext.BaseDirectory, data);
            var cli = Path.Combine(otherCheckout, "artifacts", "cli");
            other = ReadingBuild.Load(Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(otherCheckout))),
                Directory.Exists(cli) ? cli : otherCheckout, Path.Combine(otherCheckout, "data"));
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or BadImageFormatException)
        {
            error.WriteLine($"garrison bench --compare: {e.Message}");
            return 2;
        }

        var report = new ReadingComparison(documents, new LineObserver(error)).Run(self, other, rounds, cancellationToken);
        if (format == "json")
        {
            output.WriteLine(JsonSerializer.Serialize(new { Compare = report }, BenchReport.JsonOptions));
        }
        else
        {
            var inv = CultureInfo.InvariantCulture;
            output.WriteLine(string.Format(inv, "{0} reports ({1:F2} MB), {2} timed passes each, {3}; load average {4}", report.Reports, report.Mb,
                report.Rounds, report.Clock == "thread_cpu" ? "thread CPU" : "wall clock", report.LoadAverage ?? "unknown"));
            foreach (var build in new[] { report.This, report.Other })
            {
                output.WriteLine(string.Format(inv, "{0,-12} {1:F4} ms per report (median pass), {2:F4} (best), {3:F2} MB/s, {4:F1} KB allocated per report  ({5})",
                    build.Label, build.MsPerReportMedian, build.MsPerReportMin, build.MbPerSMedian, build.AllocatedKbPerReport, build.Assemblies));
            }

            output.WriteLine(string.Format(inv, "speedup of this build: {0:F3} (median of paired passes), {1:F3} (best passes); same records: {2}",
                report.Speedup, report.SpeedupOfMinima, report.SameOutput ? "yes" : "NO"));
        }

        return report.SameOutput ? 0 : 1;
    }

    private static int WriteCorpus(string folder, int megabytes, int seed, TextWriter output, TextWriter error)
    {
        if (megabytes <= 0)
        {
            error.WriteLine("garrison bench: --size-mb must be a positive number of megabytes");
            return 2;
        }

        BenchCorpus corpus;
        try
        {
            corpus = new BenchCorpus(EntityLexiconLoader.LoadFrom(DataDirectory.Locate()), seed);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            error.WriteLine($"garrison bench: cannot load Garrison's data: {e.Message}");
            return 2;
        }

        var limit = megabytes * 1_000_000L;
        long written = 0;
        var index = 0;
        for (; written < limit; index++)
        {
            var document = corpus.Document(index);
            var subfolder = Path.Combine(folder, (index / 1000).ToString("D4", CultureInfo.InvariantCulture));
            Directory.CreateDirectory(subfolder);
            var bytes = Encoding.UTF8.GetBytes(document.Text);
            File.WriteAllBytes(Path.Combine(subfolder, document.Id + ".txt"), bytes);
            written += bytes.Length;
        }

        output.WriteLine($"{index} reports, {written / 1e6:F1} MB written under {folder}");
        return 0;
    }

    private static void WriteTable(BenchReport report, TextWriter output)
    {
        var console = Output.Tables.ConsoleFor(output);
        var table = new Table().Border(TableBorder.Simple).AddColumn("measure").AddColumn(new TableColumn("value").RightAligned());
        void Row(string measure, string value) => table.AddRow(Markup.Escape(measure), Markup.Escape(value));
        var inv = CultureInfo.InvariantCulture;
        Row("tokenize baseline", string.Format(inv, "{0:F1} MB/s", report.TokenizeBaseline.MbPerS));
        Row("read, 1 thread", string.Format(inv, "{0:F2} MB/s, {1:F0} docs/s", report.Extract.MbPerS, report.Extract.DocsPerS));
        Row($"read, {report.ExtractParallel.Threads} threads", string.Format(inv, "{0:F2} MB/s, {1:F0} docs/s", report.ExtractParallel.MbPerS, report.ExtractParallel.DocsPerS));
        Row("ratio to baseline", report.RatioToBaseline.ToString("F4", inv));
        Row("ingest (SQLite)", string.Format(inv, "{0:F1} docs/s", report.Ingest.DocsPerS));
        if (report.Ingest.ColdDocsPerS is { } cold)
        {
            Row("ingest (SQLite), first pass", string.Format(inv, "{0:F1} docs/s (runtime still compiling)", cold));
        }
        foreach (var state in report.StateQuery)
        {
            Row($"state --at, {state.Facts:N0} facts", string.Format(inv, "p50 {0:F1} ms, p99 {1:F1} ms, {2:N0} rows (median answer)",
                state.P50Ms, state.P99Ms, state.RowsP50));
            if (state.StateCommandP50Ms is { } commandP50)
            {
                Row($"state --at, {state.Facts:N0} facts, with its JSON", string.Format(inv, "p50 {0:F1} ms (the query and the command's JSON output)", commandP50));
            }
            if (state.FirstInYearP50Ms is { } firstP50)
            {
                Row($"state --at, {state.Facts:N0} facts, first of a year", string.Format(inv, "p50 {0:F1} ms (builds the year's index blob; index {1:F1} MB)",
                    firstP50, state.StateIndexMb));
            }
            if (state.WarmP50Ms is { } warmP50)
            {
                Row($"state --at, {state.Facts:N0} facts, warm (serve)", string.Format(inv, "p50 {0:F2} ms, p99 {1:F2} ms, index loaded in {2:F0} ms",
                    warmP50, state.WarmP99Ms, state.WarmLoadMs));
            }
        }

        if (report.Stream is { } stream)
        {
            Row("stream folder", string.Format(inv, "{0} docs, {1:F1} MB, {2:F2} MB/s, peak {3:F0} MB", stream.Docs, stream.Mb, stream.MbPerS, stream.PeakWorkingSetMb));
        }

        foreach (var stage in report.StageProfile ?? [])
        {
            Row($"stage {stage.Stage}", string.Format(inv, "{0:F3} ms/doc ({1:P0})", stage.MsPerDoc, stage.Share));
        }

        Row("peak working set", string.Format(inv, "{0:F0} MB", report.PeakWorkingSetMb));
        if (report.Runtime is { } runtime)
        {
            Row("runtime", string.Format(inv, "gen-0 budget cap {0}, largest CPU cache {1}, background GC {2}",
                runtime.Gen0MaxBudgetBytes is { } cap ? $"{cap / (1024 * 1024)} MB" : "runtime default",
                runtime.L3CacheMb is { } l3 ? $"{l3:F0} MB" : "unknown", runtime.ConcurrentGc ? "on" : "off"));
        }
        console.Write(table);
    }

    /// <summary>Progress as plain lines, when stderr is not a terminal (tests, logs).</summary>
    private sealed class LineObserver(TextWriter error) : IBenchObserver
    {
        public void Begin(string phase, double total) => error.WriteLine($"bench: {phase}");

        public void Advance(double amount = 1)
        {
        }

        public void Note(string message) => error.WriteLine($"bench: {message}");
    }

    /// <summary>One Spectre progress bar per phase, on stderr.</summary>
    private sealed class ProgressObserver(ProgressContext context, IAnsiConsole console) : IBenchObserver
    {
        private ProgressTask? current;

        public void Begin(string phase, double total)
        {
            Finish();
            current = context.AddTask(Markup.Escape(phase), maxValue: Math.Max(1, total));
        }

        public void Advance(double amount = 1) => current?.Increment(amount);

        public void Note(string message) => console.MarkupLine("[grey]" + Markup.Escape(message) + "[/]");

        public void Finish()
        {
            if (current is not null)
            {
                current.Value = current.MaxValue;
                current.StopTask();
            }
        }
    }
}
