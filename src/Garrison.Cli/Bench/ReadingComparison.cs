using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Garrison.Cli.Bench;

/// <summary>
/// One build of Garrison's reading pipeline, loaded from its own folder of assemblies into a load context of its own, so
/// that two builds (this checkout's and another's) run side by side in one process. The pipeline is reached by reflection
/// because its types are not this assembly's types once they come from another context.
/// </summary>
public sealed class ReadingBuild
{
    private readonly Func<string, string, CancellationToken, object> read;
    private readonly JsonSerializerOptions recordOptions;

    private ReadingBuild(string label, string assemblies, string data, Func<string, string, CancellationToken, object> read, JsonSerializerOptions recordOptions)
    {
        Label = label;
        Assemblies = assemblies;
        Data = data;
        this.read = read;
        this.recordOptions = recordOptions;
    }

    /// <summary>How the build is named in the output ("this", or the other checkout's folder).</summary>
    public string Label { get; }

    /// <summary>The folder its assemblies were loaded from.</summary>
    public string Assemblies { get; }

    /// <summary>The data folder its pipeline was built from (lexicons, gazetteer).</summary>
    public string Data { get; }

    /// <summary>
    /// Loads the build whose Garrison.*.dll are in <paramref name="assemblies"/> and builds its default pipeline over
    /// <paramref name="data"/>. Throws <see cref="InvalidDataException"/> naming the folder when it holds no usable build.
    /// </summary>
    public static ReadingBuild Load(string label, string assemblies, string data)
    {
        var reading = Path.Combine(assemblies, "Garrison.Reading.dll");
        if (!File.Exists(reading))
        {
            throw new InvalidDataException($"{assemblies}: no Garrison.Reading.dll (build that checkout first, e.g. its ./garrison --help)");
        }

        if (!Directory.Exists(data))
        {
            throw new InvalidDataException($"{data}: no such data folder");
        }

        var context = new FolderLoadContext(label, assemblies);
        var assembly = context.LoadFromAssemblyPath(reading);
        var factory = assembly.GetType("Garrison.Reading.Pipeline.ReadingPipelineFactory")
            ?? throw new InvalidDataException($"{reading}: no ReadingPipelineFactory");
        var create = factory.GetMethod("Create", BindingFlags.Public | BindingFlags.Static, [typeof(string)])
            ?? throw new InvalidDataException($"{reading}: no ReadingPipelineFactory.Create(string)");
        var pipeline = create.Invoke(null, [data]) ?? throw new InvalidDataException($"{reading}: Create returned nothing");
        var readMethod = pipeline.GetType().GetMethod("Read", [typeof(string), typeof(string), typeof(CancellationToken)])
            ?? throw new InvalidDataException($"{reading}: no ReadingPipeline.Read(string, string, CancellationToken)");
        // A bound delegate rather than MethodInfo.Invoke per report: reflection's per-call cost would be timed with the read.
        var read = readMethod.CreateDelegate<Func<string, string, CancellationToken, object>>(pipeline);
        var domain = context.LoadFromAssemblyPath(Path.Combine(assemblies, "Garrison.Domain.dll"));
        var options = domain.GetType("Garrison.Domain.Records.RecordJson")?.GetProperty("Options", BindingFlags.Public | BindingFlags.Static)?.GetValue(null)
            as JsonSerializerOptions ?? throw new InvalidDataException($"{assemblies}: no RecordJson.Options in Garrison.Domain.dll");
        return new ReadingBuild(label, assemblies, data, read, options);
    }

    /// <summary>Reads one report; the record is returned as an object of the build's own type.</summary>
    public object Read(string id, string text, CancellationToken cancellationToken) => read(id, text, cancellationToken);

    /// <summary>The record as the build's own extraction JSON (what <c>extract --format json</c> prints for it).</summary>
    public string ToJson(object record) => JsonSerializer.Serialize(record, record.GetType(), recordOptions);

    /// <summary>Resolves a build's own assemblies from its folder; the framework's come from the default context.</summary>
    private sealed class FolderLoadContext(string label, string folder) : AssemblyLoadContext("garrison-" + label, isCollectible: false)
    {
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var path = Path.Combine(folder, assemblyName.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}

/// <summary>One build's figures in a comparison: CPU per report over the timed passes.</summary>
public sealed record ComparedBuild(string Label, string Assemblies, string Data, double MsPerReportMedian, double MsPerReportMin,
    double MbPerSMedian, double AllocatedKbPerReport, string RecordsSha256);

/// <summary>
/// What <c>bench --compare</c> prints. <see cref="Speedup"/> is the other build's CPU per report over this build's, pass
/// by pass (median of the pairs): above 1, this build reads faster.
/// </summary>
public sealed record ComparisonReport(int Reports, double Mb, int Rounds, string Clock, ComparedBuild This, ComparedBuild Other,
    double Speedup, double SpeedupOfMinima, bool SameOutput, string? LoadAverage);

/// <summary>
/// <c>bench --compare</c>: this build's reading pipeline against another checkout's, in one process, on the same reports.
/// The machine's speed drifts by 1.5x within minutes (docs/bench.md), so two bench runs cannot show a 10 % change; passes
/// of the two builds alternate (which goes first alternates too) and each pass is timed in the reading thread's own CPU
/// time, so both builds meet the same drift. The first passes are untimed (the runtime's tiered compiler settles) and
/// also check that both builds give the same records.
/// </summary>
public sealed class ReadingComparison(IReadOnlyList<BenchDocument> documents, IBenchObserver observer)
{
    private const int UntimedPasses = 3;

    public ComparisonReport Run(ReadingBuild self, ReadingBuild other, int rounds, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        var builds = new[] { self, other };
        var hashes = new string[2];
        var times = new List<double>[] { [], [] };
        var allocated = new long[2];
        observer.Begin($"compare: {UntimedPasses} untimed and {rounds} timed passes of each build", (UntimedPasses + rounds) * 2);
        for (var round = 0; round < UntimedPasses + rounds; round++)
        {
            for (var turn = 0; turn < 2; turn++)
            {
                var which = round % 2 == 0 ? turn : 1 - turn;
                var timed = round >= UntimedPasses;
                if (round == 0)
                {
                    hashes[which] = RecordsHash(builds[which], cancellationToken);
                }
                else
                {
                    var (ms, bytes) = Pass(builds[which], cancellationToken);
                    if (timed)
                    {
                        times[which].Add(ms);
                        allocated[which] += bytes;
                    }
                }

                observer.Advance();
            }
        }

        var mb = documents.Sum(d => (long)Encoding.UTF8.GetByteCount(d.Text)) / 1e6;
        var pairs = times[1].Zip(times[0], (o, s) => o / s).Order().ToList();
        return new ComparisonReport(documents.Count, Math.Round(mb, 2), rounds, ThreadCpu.Available ? "thread_cpu" : "wall",
            Figures(self, times[0], allocated[0], hashes[0], mb, rounds), Figures(other, times[1], allocated[1], hashes[1], mb, rounds),
            Math.Round(Median(pairs), 3), Math.Round(times[1].Min() / times[0].Min(), 3), hashes[0] == hashes[1], LoadAverage());
    }

    private ComparedBuild Figures(ReadingBuild build, List<double> msPerReport, long allocated, string hash, double mb, int rounds)
    {
        var median = Median([.. msPerReport.Order()]);
        return new ComparedBuild(build.Label, build.Assemblies, build.Data, Math.Round(median, 4), Math.Round(msPerReport.Min(), 4),
            Math.Round(mb / (median * documents.Count / 1000.0), 2), Math.Round(allocated / 1024.0 / rounds / documents.Count, 1), hash);
    }

    /// <summary>One pass over the reports: CPU milliseconds per report, and bytes allocated by this thread.</summary>
    private (double MsPerReport, long Allocated) Pass(ReadingBuild build, CancellationToken cancellationToken)
    {
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var start = ThreadCpu.Now();
        foreach (var document in documents)
        {
            build.Read(document.Id, document.Text, cancellationToken);
        }

        var elapsed = ThreadCpu.Now() - start;
        return (elapsed.TotalMilliseconds / documents.Count, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore);
    }

    /// <summary>An untimed pass that hashes every record's JSON, in order: equal hashes mean the builds read alike.</summary>
    private string RecordsHash(ReadingBuild build, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var document in documents)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(build.ToJson(build.Read(document.Id, document.Text, cancellationToken))));
            hash.AppendData("\n"u8);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static double Median(IReadOnlyList<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;

    /// <summary>The 1-minute load average at the end (Linux), so a reader knows how busy the machine was.</summary>
    private static string? LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}

/// <summary>
/// The calling thread's CPU time. .NET has process CPU time (<see cref="Process.TotalProcessorTime"/>) but not a thread's,
/// and process time would count the tiered compiler's background thread, which compiles the two builds at different
/// moments. On Linux it is <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>; elsewhere the wall clock.
/// </summary>
internal static class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    public static bool Available { get; } = OperatingSystem.IsLinux();

    public static TimeSpan Now()
    {
        if (!Available)
        {
            return Stopwatch.GetElapsedTime(0);
        }

        return NativeMethods.clock_gettime(ClockThreadCpuTimeId, out var time) == 0
            ? TimeSpan.FromTicks(time.Seconds * TimeSpan.TicksPerSecond + time.Nanoseconds / 100)
            : throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "clock_gettime")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int clock_gettime(int clock, out TimeSpec time);
    }
}
