using System.Diagnostics;
using System.Text;
using Garrison.Cli.Output;
using Garrison.Reading.Documents;
using Garrison.Reading.Loading;
using Garrison.Reading.Pipeline;
using Garrison.Reading.Tokens;
using Garrison.Storage;
using Garrison.Storage.Caching;
using Garrison.Storage.Sql;
using Garrison.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Garrison.Cli.Bench;

/// <summary>How much work each part of the bench does.</summary>
/// <param name="Documents">Reports read by the tokenize, single-thread and all-cores passes.</param>
/// <param name="IngestDocuments">Reports stored into a fresh knowledge base.</param>
/// <param name="FactCounts">Sizes of the knowledge bases <c>state --at</c> is timed on.</param>
/// <param name="Queries">State queries per size (fewer on the largest, where one query is slowest).</param>
/// <param name="MinSeconds">Passes over the corpus repeat until they have run this long, so short passes are not noise.</param>
public sealed record BenchSize(string Name, int Documents, int IngestDocuments, IReadOnlyList<int> FactCounts, Func<int, int> Queries, double MinSeconds)
{
    /// <summary>
    /// About 5 MB of reports; 10^6 facts get fewer timed queries, since the first query of each year builds its blob of the
    /// state index (~0.2 s each). 21 rather than 5 since answers take milliseconds: one in three or four answers at 10^6
    /// meets a garbage collection, and a median of 5 was mostly which ones did.
    /// </summary>
    public static BenchSize Full { get; } = new("full", 1000, 300, [10_000, 100_000, 1_000_000], facts => facts switch
    {
        >= 1_000_000 => 21,
        >= 100_000 => 15,
        _ => 51,
    }, 2);

    /// <summary>Stops at 10^5 facts and reads fewer reports: about a minute on two cores.</summary>
    public static BenchSize Quick { get; } = new("quick", 300, 100, [10_000, 100_000], facts => facts >= 100_000 ? 11 : 31, 1);

    /// <summary>Seconds, for tests: every figure is produced, none is meaningful.</summary>
    public static BenchSize Tiny { get; } = new("tiny", 8, 4, [1_000], _ => 3, 0);
}

/// <summary>Told when each part of the bench starts and how far it has got (the progress display).</summary>
public interface IBenchObserver
{
    void Begin(string phase, double total);

    void Advance(double amount = 1);

    void Note(string message);
}

/// <summary>
/// Runs every measurement of <c>garrison bench</c> in this process, one after the other, over a corpus generated from
/// the lexicons with a fixed seed. Work is timed with <see cref="Stopwatch"/>; corpus generation and database seeding
/// are never inside a timed region.
/// </summary>
public sealed class BenchRunner(ReadingPipeline pipeline, BenchCorpus corpus, BenchSize size, IBenchObserver observer)
{
    /// <summary>A folder to read from disk before anything else (the streaming check), or null.</summary>
    public string? StreamDirectory { get; init; }

    /// <summary>Also time each reading stage.</summary>
    public bool Profile { get; init; }

    /// <summary>What the state databases model: reports about a bounded world (default), or session 3's uniform shape.</summary>
    public StateShape StateShape { get; init; } = StateShape.World;

    /// <summary>Opens a PostgreSQL knowledge base to compare with SQLite, or null. Called once per database wanted.</summary>
    public Func<CancellationToken, Task<IKnowledgeStore>>? OpenServer { get; init; }

    public async Task<BenchReport> RunAsync(CancellationToken cancellationToken)
    {
        var stream = StreamDirectory is null ? null : ReadFolder(StreamDirectory, cancellationToken);

        observer.Begin("generate corpus", size.Documents);
        var documents = new List<BenchDocument>(size.Documents);
        foreach (var document in corpus.Documents(size.Documents))
        {
            documents.Add(document);
            observer.Advance();
        }

        var bytes = documents.Sum(d => (long)Encoding.UTF8.GetByteCount(d.Text));
        observer.Note($"corpus: {documents.Count} reports, {bytes / 1e6:F1} MB (seed fixed)");

        var (baseline, single) = TokenizeAndRead(documents, bytes, cancellationToken);
        var parallel = Read(documents, bytes, Environment.ProcessorCount, cancellationToken);
        var profile = Profile ? ProfileStages(documents, cancellationToken) : null;

        var workFolder = Directory.CreateTempSubdirectory("garrison-bench-");
        try
        {
            var toIngest = AnnotateForIngest(documents.Take(size.IngestDocuments).ToList(), cancellationToken);
            var ingest = await IngestSettledAsync(toIngest, workFolder, cancellationToken).ConfigureAwait(false);
            var states = await TimeSeededStatesAsync(workFolder, cancellationToken).ConfigureAwait(false);

            ServerFigures? server = null;
            if (OpenServer is { } open)
            {
                var serverIngest = await IngestAsync(toIngest, () => open(cancellationToken), "ingest (PostgreSQL)", cancellationToken).ConfigureAwait(false);
                await using var store = await open(cancellationToken).ConfigureAwait(false);
                var facts = toIngest.Sum(d => (long)d.Record.Facts.Count);
                server = new ServerFigures(serverIngest, [await TimeStateAsync(store, facts, "state --at (PostgreSQL)", cancellationToken).ConfigureAwait(false)]);
            }

            return new BenchReport(single, parallel, baseline, Round(single.MbPerS / baseline.MbPerS, 4), ingest, states, PeakWorkingSetMb())
            {
                Postgres = server,
                Stream = stream,
                StageProfile = profile,
                Runtime = RuntimeSettings(),
            };
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            workFolder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Only the SQLite <c>state --at</c> figures (<c>bench --state-only</c>): the same seeded bases, queries and dates as
    /// a whole run, without reading or ingest before them, for working on the query in seconds rather than minutes.
    /// </summary>
    public async Task<IReadOnlyList<StateLatency>> RunStateOnlyAsync(CancellationToken cancellationToken)
    {
        var workFolder = Directory.CreateTempSubdirectory("garrison-bench-");
        try
        {
            return await TimeSeededStatesAsync(workFolder, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            workFolder.Delete(recursive: true);
        }
    }

    /// <summary>Seeds a SQLite base of each size in <see cref="BenchSize.FactCounts"/> and times <c>state --at</c> on it.</summary>
    private async Task<List<StateLatency>> TimeSeededStatesAsync(DirectoryInfo workFolder, CancellationToken cancellationToken)
    {
        var states = new List<StateLatency>();
        foreach (var facts in size.FactCounts)
        {
            var path = Path.Combine(workFolder.FullName, $"state-{facts}.db");
            observer.Begin($"seed {facts:N0} facts", 1);
            var seeding = Stopwatch.StartNew();
            await StateSeeder.SeedAsync(path, facts, facts, StateShape, cancellationToken).ConfigureAwait(false);
            observer.Advance();
            observer.Note($"seeded {facts:N0} facts in {seeding.Elapsed.TotalSeconds:F1} s");
            await using (var store = await SqliteKnowledgeStore.OpenAsync(path, cancellationToken).ConfigureAwait(false))
            {
                states.Add(await TimeStateAsync(store, facts, $"state --at ({facts:N0} facts)", cancellationToken).ConfigureAwait(false) with
                {
                    Seeder = StateShape.ToString().ToLowerInvariant(),
                });
            }

            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }

        return states;
    }

    /// <summary>The runtime's memory settings and the host's largest cache, noted beside the peak working set.</summary>
    public static RuntimeFigures RuntimeSettings()
    {
        // The launcher sets the cap for `extract` only, through the environment (hex, as the runtime reads it); a
        // runtimeconfig.json may set it too.
        var hex = Environment.GetEnvironmentVariable("DOTNET_GCGen0MaxBudget");
        long? budget = hex is not null && long.TryParse(hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex[2..] : hex,
            System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var fromEnvironment)
            ? fromEnvironment
            : AppContext.GetData("System.GC.Gen0MaxBudget") switch
            {
                long value => value,
                int value => value,
                string text when long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) => value,
                _ => null,
            };
        return new RuntimeFigures(budget, LargestCacheMb(), System.Runtime.GCSettings.LatencyMode != System.Runtime.GCLatencyMode.Batch);
    }

    /// <summary>The largest of cpu0's caches in sysfs ("107520K"), in MiB; null off Linux or when unreadable.</summary>
    private static double? LargestCacheMb()
    {
        try
        {
            var largest = 0L;
            foreach (var index in Directory.EnumerateDirectories("/sys/devices/system/cpu/cpu0/cache", "index*"))
            {
                var text = File.ReadAllText(Path.Combine(index, "size")).Trim();
                var scale = text.EndsWith('K') ? 1024L : text.EndsWith('M') ? 1024L * 1024 : 1L;
                if (long.TryParse(text.TrimEnd('K', 'M'), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var size))
                {
                    largest = Math.Max(largest, size * scale);
                }
            }

            return largest > 0 ? Round(largest / (1024.0 * 1024.0), 1) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The process's peak resident set so far (VmHWM on Linux), in MiB.</summary>
    public static double PeakWorkingSetMb()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return Round(process.PeakWorkingSet64 / (1024.0 * 1024.0), 1);
    }

    /// <summary>
    /// The tokenize baseline and one-thread reading, timed in alternation over the same seconds: a reading pass, then
    /// tokenize passes until they have taken about as long (the order swapped every round), until each has run
    /// <see cref="BenchSize.MinSeconds"/>. This VM's speed swings by up to 1.5× within seconds; timed one after the other
    /// (sessions 3–14), the two figures met different swings and their ratio, the target's measure, moved by as much
    /// (0.092–0.143 in four runs of one build on session 15's first morning, the baseline 109–168 MB/s, reading 14.3–15.6).
    /// Alternated, both figures are taken over the same stretch of the machine's speed.
    /// </summary>
    private (BaselineThroughput Baseline, Throughput Single) TokenizeAndRead(List<BenchDocument> documents, long bytes, CancellationToken cancellationToken)
    {
        var tokens = 0L;
        void TokenizePass()
        {
            foreach (var document in documents)
            {
                cancellationToken.ThrowIfCancellationRequested();
                tokens += TokenStage.Tokenize(document.Text).Count;
            }
        }

        observer.Begin("tokenize baseline, warm-up", 1);
        var tokenizeWarmUp = WarmUp(TokenizePass);
        observer.Advance();
        var readWarmUp = WarmUpReading(documents, 1, cancellationToken);

        observer.Begin("tokenize and read (1 thread), alternating", size.MinSeconds * 2);
        var tokenizeTicks = 0L;
        var readTicks = 0L;
        var tokenizePasses = 0;
        var readPasses = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = 1, CancellationToken = cancellationToken };
        // At least one round (the tiny size of the tests asks for no seconds at all).
        for (var round = 0; round == 0 || Seconds(tokenizeTicks) < size.MinSeconds || Seconds(readTicks) < size.MinSeconds; round++)
        {
            var readTicksBefore = readTicks;
            var tokenizeTicksBefore = tokenizeTicks;
            if (round % 2 == 0)
            {
                readTicks += Timed(() => ReadPass(documents, options, cancellationToken));
                readPasses++;
            }

            // At least one tokenize pass; then as many as fit in the reading pass's time (~10, since tokenizing is ~10× faster).
            var readThisRound = round % 2 == 0 ? readTicks - readTicksBefore : LastReadTicks(readTicks, readPasses);
            do
            {
                tokenizeTicks += Timed(TokenizePass);
                tokenizePasses++;
            }
            while (tokenizeTicks - tokenizeTicksBefore < readThisRound);

            if (round % 2 == 1)
            {
                readTicks += Timed(() => ReadPass(documents, options, cancellationToken));
                readPasses++;
            }

            observer.Advance(Seconds(readTicks - readTicksBefore) + Seconds(tokenizeTicks - tokenizeTicksBefore));
        }

        observer.Note($"tokenize: {tokens / (tokenizePasses + tokenizeWarmUp):N0} tokens per pass, {tokenizeWarmUp} warm-up and {tokenizePasses} timed passes");
        observer.Note($"read, 1 thread: {readWarmUp} warm-up and {readPasses} timed passes, alternating with tokenize");
        var readSeconds = Seconds(readTicks);
        return (new BaselineThroughput(Round(bytes * tokenizePasses / 1e6 / Seconds(tokenizeTicks), 2)),
            new Throughput(Round(documents.Count * readPasses / readSeconds, 1), Round(bytes * readPasses / 1e6 / readSeconds, 3), 1));

        static double Seconds(long ticks) => ticks / (double)Stopwatch.Frequency;

        // In a round that tokenizes first, the tokenize block matches the average reading pass so far.
        static long LastReadTicks(long readTicks, int readPasses) => readPasses == 0 ? 0 : readTicks / readPasses;

        static long Timed(Action pass)
        {
            var start = Stopwatch.GetTimestamp();
            pass();
            return Stopwatch.GetTimestamp() - start;
        }
    }

    /// <summary>
    /// Untimed passes until the runtime has stopped compiling: tiered compilation recompiles hot methods in the background
    /// for a while after they are first called, and a timed pass that overlaps it measures the compiler, not the reader a
    /// long run settles into. The CLI is published ReadyToRun, so a first pass compiles little (its code is precompiled)
    /// and the hot methods are recompiled later, after the runtime's call-counting delay, once with the instrumented tier
    /// and again optimized: session 15 counted 724, 803, 695, 253 and 161 methods compiled in the first five passes of
    /// one-thread reading and still 78–145 in each of the next four, whose passes took 334–384 ms against 251 ms once
    /// settled. Hence: at least <see cref="WarmUpSeconds"/> of passes, then until two passes in a row compile fewer than
    /// 20 methods each; at most <see cref="ReadingWarmUpPasses"/> passes.
    /// </summary>
    /// <returns>The passes run, for the progress notes.</returns>
    private int WarmUp(Action pass) => WarmUpAsync(() =>
    {
        pass();
        return Task.CompletedTask;
    }, ReadingWarmUpPasses, WarmUpSeconds).GetAwaiter().GetResult();

    /// <summary>Most untimed passes before reading or tokenizing is timed (a full pass of reading is a third of a second).</summary>
    private const int ReadingWarmUpPasses = 30;

    /// <summary>
    /// Least time spent warming up: a tiny pass (tokenizing 5 MB takes ~35 ms) compiles almost nothing and would end the
    /// warm-up before the runtime's call counting (it starts 100 ms after the last first-tier compile) has promoted anything.
    /// </summary>
    private const double MinWarmUpSeconds = 1.0;

    /// <summary>The warm-up's least time for this size: none for the tests' tiny size, which asks for no seconds at all.</summary>
    private double WarmUpSeconds => Math.Min(MinWarmUpSeconds, size.MinSeconds);

    /// <summary><see cref="WarmUp"/> for passes that await (ingest).</summary>
    private static async Task<int> WarmUpAsync(Func<Task> pass, int maxPasses, double minSeconds)
    {
        var clock = Stopwatch.StartNew();
        var quietInARow = 0;
        var passes = 0;
        while (passes < maxPasses)
        {
            var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
            await pass().ConfigureAwait(false);
            passes++;
            quietInARow = System.Runtime.JitInfo.GetCompiledMethodCount() - compiled < 20 ? quietInARow + 1 : 0;
            if (quietInARow >= 2 && clock.Elapsed.TotalSeconds >= minSeconds)
            {
                break;
            }
        }

        return passes;
    }

    /// <summary>Untimed reading passes on <paramref name="threads"/> threads until the compiler has settled; the passes run.</summary>
    private int WarmUpReading(List<BenchDocument> documents, int threads, CancellationToken cancellationToken)
    {
        observer.Begin(threads == 1 ? "read, 1 thread, warm-up" : $"read, {threads} threads, warm-up", 1);
        // The first unknown name loads the world gazetteer (1–2 s, once per process), which a long run would not notice;
        // 20 documents did not always reach it. See WarmUp for the compiler.
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken };
        var passes = WarmUp(() => ReadPass(documents, options, cancellationToken));
        observer.Advance();
        return passes;
    }

    private void ReadPass(List<BenchDocument> documents, ParallelOptions options, CancellationToken cancellationToken) =>
        Parallel.ForEach(documents, options, document => pipeline.Read(document.Id, document.Text, cancellationToken));

    /// <summary>Reading on <paramref name="threads"/> threads, timed alone (the all-cores figure).</summary>
    private Throughput Read(List<BenchDocument> documents, long bytes, int threads, CancellationToken cancellationToken)
    {
        var warmUp = WarmUpReading(documents, threads, cancellationToken);
        observer.Begin($"read, {threads} threads", size.MinSeconds);
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken };
        var clock = Stopwatch.StartNew();
        var passes = 0;
        do
        {
            var before = clock.Elapsed.TotalSeconds;
            ReadPass(documents, options, cancellationToken);
            passes++;
            observer.Advance(clock.Elapsed.TotalSeconds - before);
        }
        while (clock.Elapsed.TotalSeconds < size.MinSeconds);

        var seconds = clock.Elapsed.TotalSeconds;
        observer.Note($"read, {threads} threads: {warmUp} warm-up and {passes} timed passes");
        return new Throughput(Round(documents.Count * passes / seconds, 1), Round(bytes * passes / 1e6 / seconds, 3), threads);
    }

    private List<StageTime> ProfileStages(List<BenchDocument> documents, CancellationToken cancellationToken)
    {
        observer.Begin("profile stages", documents.Count);
        var ticks = new long[pipeline.Stages.Length];
        foreach (var text in documents)
        {
            var document = new ReadingDocument(text.Id, text.Text);
            for (var i = 0; i < ticks.Length; i++)
            {
                var start = Stopwatch.GetTimestamp();
                pipeline.Stages[i].Process(document, cancellationToken);
                ticks[i] += Stopwatch.GetTimestamp() - start;
            }

            observer.Advance();
        }

        var total = (double)ticks.Sum();
        return [.. pipeline.Stages.Select((stage, i) => new StageTime(stage.GetType().Name,
            Round(ticks[i] * 1000.0 / Stopwatch.Frequency / documents.Count, 4), Round(ticks[i] / total, 3)))];
    }

    private List<(SourceDocument Source, Domain.Records.ExtractionRecord Record)> AnnotateForIngest(List<BenchDocument> documents, CancellationToken cancellationToken)
    {
        observer.Begin("read for ingest", documents.Count);
        var result = new (SourceDocument, Domain.Records.ExtractionRecord)[documents.Count];
        Parallel.For(0, documents.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var text = documents[i];
            var document = pipeline.Annotate(text.Id, text.Text, cancellationToken);
            var header = text.Text.EndsWith(document.Body, StringComparison.Ordinal) ? text.Text[..^document.Body.Length] : "";
            result[i] = (new SourceDocument(text.Id, ContentHash.Of(text.Text), document.Body, document.Info) { Header = header },
                ReadingPipeline.ToRecord(document));
            lock (observer)
            {
                observer.Advance();
            }
        });
        return [.. result];
    }

    /// <summary>Reports per <see cref="IKnowledgeStore.IngestManyAsync"/> call: one transaction, a savepoint per report.</summary>
    private const int IngestBatch = 50;

    /// <summary>Most untimed ingest passes before the timed one (each about a second); see <see cref="IngestSettledAsync"/>.</summary>
    private const int IngestWarmUpPasses = 30;

    /// <summary>
    /// SQLite ingest timed as reading is: the first pass into a fresh file is the cold figure; then untimed passes, each
    /// into its own fresh file, until two in a row compile fewer than 20 methods each (<see cref="WarmUpAsync"/>); then the timed pass
    /// into another fresh file. A 100-report pass is about a second, and a cold one spends much of it in the runtime's
    /// first-tier code and its background compiler, which an ingest of a day's news does not. Ingest's code settles
    /// slowly: its hundreds of methods run a few times per report, and tiered compilation (with its instrumented tier)
    /// promotes them over many passes; on the loaded two-core machine (session 7) the passes still compiled 150–800
    /// methods each through the tenth and settled after 12–20, at half the CPU per report of the fifth. Hence up to
    /// <see cref="IngestWarmUpPasses"/> warm-up passes.
    /// </summary>
    private async Task<IngestRate> IngestSettledAsync(List<(SourceDocument Source, Domain.Records.ExtractionRecord Record)> documents,
        DirectoryInfo workFolder, CancellationToken cancellationToken)
    {
        var pass = 0;
        async Task<IngestRate> IngestFreshAsync(string phase)
        {
            var path = Path.Combine(workFolder.FullName, $"ingest-{pass++}.db");
            var rate = await IngestAsync(documents, async () => await SqliteKnowledgeStore.OpenAsync(path, cancellationToken).ConfigureAwait(false),
                phase, cancellationToken).ConfigureAwait(false);
            SqliteConnection.ClearAllPools();
            foreach (var file in workFolder.GetFiles($"ingest-{pass - 1}.db*"))
            {
                file.Delete();
            }

            return rate;
        }

        var cold = await IngestFreshAsync("ingest (SQLite), first pass").ConfigureAwait(false);
        var warmUp = await WarmUpAsync(() => IngestFreshAsync("ingest (SQLite), warm-up"), IngestWarmUpPasses, WarmUpSeconds).ConfigureAwait(false);
        observer.Note($"ingest: {warmUp} warm-up passes");
        var settled = await IngestFreshAsync("ingest (SQLite)").ConfigureAwait(false);
        return settled with { ColdDocsPerS = cold.DocsPerS };
    }

    private async Task<IngestRate> IngestAsync(List<(SourceDocument Source, Domain.Records.ExtractionRecord Record)> documents,
        Func<Task<IKnowledgeStore>> open, string phase, CancellationToken cancellationToken)
    {
        observer.Begin(phase, documents.Count);
        var store = await open().ConfigureAwait(false);
        await using (store.ConfigureAwait(false))
        {
            // Besides the wall clock, what the pass cost: the process's CPU time (all threads), its threads' time waiting
            // for a core (Linux), the collections and the methods compiled while it ran. On a shared machine the clock
            // also counts the time other processes held the cores.
            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var waitBefore = RunQueueWaitMs();
            var collections = GC.CollectionCount(0);
            var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
            var clock = Stopwatch.StartNew();
            foreach (var batch in documents.Chunk(IngestBatch))
            {
                var results = await store.IngestManyAsync(batch, cancellationToken).ConfigureAwait(false);
                if (results.FirstOrDefault(r => r.Error is not null)?.Error is { } error)
                {
                    throw new InvalidOperationException($"{phase}: a generated report could not be stored: {error.Message}", error);
                }

                observer.Advance(batch.Length);
            }

            var seconds = clock.Elapsed.TotalSeconds;
            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / documents.Count;
            var waited = (RunQueueWaitMs() - waitBefore) / documents.Count;
            var collected = GC.CollectionCount(0) - collections;
            compiled = System.Runtime.JitInfo.GetCompiledMethodCount() - compiled;
            observer.Note(FormattableString.Invariant(
                $"{phase}: per report {seconds * 1000 / documents.Count:F2} ms on the clock, {cpu:F2} ms of CPU, {waited:F2} ms of its threads (summed) waiting for a core; {collected} gen-0 collections, {compiled} methods compiled"));
            return new IngestRate(Round(documents.Count / seconds, 1));
        }
    }

    /// <summary>
    /// Milliseconds this process's threads have spent runnable but waiting for a core (the second field of Linux's
    /// <c>/proc/self/task/*/schedstat</c>, in nanoseconds; threads that have ended are not counted); 0 elsewhere.
    /// </summary>
    private static double RunQueueWaitMs()
    {
        var total = 0L;
        try
        {
            foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
            {
                var fields = File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ');
                total += fields.Length > 1 && long.TryParse(fields[1], System.Globalization.CultureInfo.InvariantCulture, out var ns) ? ns : 0;
            }
        }
        catch (IOException)
        {
            // Not Linux, or a thread that ended while it was read: the figure is a note, not a result.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return total / 1e6;
    }

    private async Task<StateLatency> TimeStateAsync(IKnowledgeStore store, long facts, string phase, CancellationToken cancellationToken)
    {
        var queries = size.Queries((int)Math.Min(int.MaxValue, facts));
        var dapper = store as DapperKnowledgeStore;
        var indexBefore = dapper is null ? 0 : await dapper.StateIndexBytesAsync(cancellationToken).ConfigureAwait(false);
        observer.Begin(phase, 2 * (queries + 1));
        // The base was just filled, so the first query of each year finds no current blob and builds it (SQLite), as
        // the first `state` of a year does after an ingest; the same dates asked again are the timed one-shot figures.
        var (_, _, firstInYear) = await TimeQueriesAsync(store, queries, cancellationToken).ConfigureAwait(false);
        var (timings, rows, _) = await TimeQueriesAsync(store, queries, cancellationToken).ConfigureAwait(false);
        var latency = new StateLatency(facts, Round(Percentile(timings, 0.50), 2), Round(Percentile(timings, 0.99), 2)) { RowsP50 = (long)Percentile(rows, 0.50) };
        // The same dates once more, each answer also written as the `state --format json` command writes it: its own pass
        // so that the JSON's allocations do not move the collections the query figures above meet.
        observer.Begin($"{phase}, with JSON", queries + 1);
        var (commandTimings, _, _) = await TimeQueriesAsync(store, queries, cancellationToken, writeJson: true).ConfigureAwait(false);
        latency = latency with { StateCommandP50Ms = Round(Percentile(commandTimings, 0.50), 2) };
        if (dapper is null)
        {
            return latency;
        }

        var indexBytes = await dapper.StateIndexBytesAsync(cancellationToken).ConfigureAwait(false);
        if (indexBytes > indexBefore)
        {
            latency = latency with
            {
                FirstInYearP50Ms = Round(Percentile(firstInYear, 0.50), 2),
                StateIndexMb = Round(indexBytes / 1e6, 1),
            };
        }

        // The warm figure: what a long-lived process (serve) answers from the in-memory index, on the same dates. Loading
        // is timed on its own; the one-shot figures above stay the store's.
        observer.Begin($"{phase}, warm", queries + 2);
        var warm = new WarmKnowledgeStore(dapper, ownsStore: false);
        await using (warm.ConfigureAwait(false))
        {
            var loading = Stopwatch.StartNew();
            await warm.LoadAsync(cancellationToken).ConfigureAwait(false);
            var loadMs = loading.Elapsed.TotalMilliseconds;
            observer.Advance();
            var (warmTimings, warmRows, _) = await TimeQueriesAsync(warm, queries, cancellationToken).ConfigureAwait(false);
            if (!warmRows.SequenceEqual(rows))
            {
                throw new InvalidOperationException($"{phase}: the warm index answered other rows than the store");
            }

            return latency with
            {
                WarmP50Ms = Round(Percentile(warmTimings, 0.50), 3),
                WarmP99Ms = Round(Percentile(warmTimings, 0.99), 3),
                WarmLoadMs = Round(loadMs, 1),
            };
        }
    }

    /// <summary>
    /// The same random dates for every store: latencies and row counts, each sorted, and the latencies of the queries
    /// that were the first of their year, sorted.
    /// </summary>
    private async Task<(List<double> Timings, List<double> Rows, List<double> FirstInYear)> TimeQueriesAsync(IKnowledgeStore store, int queries,
        CancellationToken cancellationToken, bool writeJson = false)
    {
        var random = new Random(42);
        var timings = new List<double>(queries);
        var rows = new List<double>(queries);
        var years = new HashSet<int>();
        var firstInYear = new List<double>();
        for (var i = 0; i <= queries; i++)
        {
            var at = new LocalDate(2000, 1, 1).PlusDays(random.Next(0, 365 * 26));
            var (elapsed, rowCount) = await TimeQueryAsync(store, at, writeJson, cancellationToken).ConfigureAwait(false);
            // The first query warms the connection pool and JIT; it is not counted.
            if (years.Add(at.Year) && i > 0)
            {
                firstInYear.Add(elapsed);
            }

            if (i > 0)
            {
                timings.Add(elapsed);
                rows.Add(rowCount);
            }

            observer.Advance();
        }

        timings.Sort();
        firstInYear.Sort();
        rows.Sort();
        return (timings, rows, firstInYear);
    }

    /// <summary>
    /// One timed answer and its row count (incl. disputed figures). A method of its own so that the answer is unreachable
    /// once it returns: inside the loop, the loop's first-tier code keeps its locals (the awaiter, so the task and its
    /// answer) alive until the next query overwrites them, and every collection during the next query then copied two
    /// answers (megabytes at 10^6 facts) where the `state` command, one answer per process, never holds more than one.
    /// </summary>
    private static async Task<(double Ms, int Rows)> TimeQueryAsync(IKnowledgeStore store, LocalDate at, bool writeJson, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var state = await store.GetStateAsync(at, cancellationToken).ConfigureAwait(false);
        if (writeJson)
        {
            StateJson.Write(state, Stream.Null);
        }

        var elapsed = clock.Elapsed.TotalMilliseconds;
        return (elapsed, state.Presence.Count + state.Control.Count + state.TroopLevels.Sum(t => 1 + (t.Disputed?.Count ?? 0)));
    }

    private StreamFigures ReadFolder(string folder, CancellationToken cancellationToken)
    {
        observer.Begin($"stream {folder}", 1);
        var loader = new DocumentLoader();
        long docs = 0, bytes = 0;
        var clock = Stopwatch.StartNew();
        // The enumerable is lazy: Parallel.ForEach pulls paths in small chunks, so only the documents being read are in memory.
        Parallel.ForEach(DocumentFiles.Expand([folder]), new ParallelOptions { CancellationToken = cancellationToken }, path =>
        {
            var loaded = loader.Load(path);
            pipeline.Read(loaded.Id, loaded.Text, cancellationToken);
            Interlocked.Increment(ref docs);
            Interlocked.Add(ref bytes, Encoding.UTF8.GetByteCount(loaded.Text));
        });
        var seconds = clock.Elapsed.TotalSeconds;
        observer.Advance();
        return new StreamFigures(docs, Round(bytes / 1e6, 1), Round(bytes / 1e6 / seconds, 2), PeakWorkingSetMb());
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static double Round(double value, int digits) => Math.Round(value, digits, MidpointRounding.AwayFromZero);
}
