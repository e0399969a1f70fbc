using System.Text.Json;
using System.Text.Json.Serialization;

namespace Garrison.Cli.Bench;

/// <summary>Reading throughput: documents and megabytes (10^6 bytes of UTF-8) per second, on how many threads.</summary>
public sealed record Throughput(double DocsPerS, double MbPerS, int Threads);

public sealed record BaselineThroughput(double MbPerS);

/// <summary>
/// Ingest throughput. <see cref="DocsPerS"/> is a fresh file filled after the runtime has settled (as the reading figures
/// are); <see cref="ColdDocsPerS"/> the first ingest of the process, compiler included (what one short `ingest` pays).
/// </summary>
public sealed record IngestRate(double DocsPerS)
{
    /// <summary>The first pass, timed while the runtime still compiles; null where no fresh store can be made per pass.</summary>
    public double? ColdDocsPerS { get; init; }
}

/// <summary>Latency of <c>state --at</c> over a knowledge base holding <see cref="Facts"/> temporal facts.</summary>
public sealed record StateLatency(long Facts, double P50Ms, double P99Ms)
{
    /// <summary>Rows in the median answer (presence, control, troop levels and disputed figures): what the latency pays for.</summary>
    public long RowsP50 { get; init; }

    /// <summary>How the knowledge base was filled: <c>world</c> or <c>uniform</c> (<see cref="StateShape"/>); null when ingested.</summary>
    public string? Seeder { get; init; }

    /// <summary>
    /// Where the store keeps a state index (SQLite: one blob per year, built by the first query of a year after the
    /// knowledge base changed): the p50 of the queries that were the first of their year on the freshly filled base,
    /// which built the year's blob (<see cref="P50Ms"/> and <see cref="P99Ms"/> are the same dates asked again, each
    /// year's blob current, as a <c>state</c> command finds them until the next ingest); null without an index.
    /// </summary>
    public double? FirstInYearP50Ms { get; init; }

    /// <summary>The state index's size (all years asked), MB; null without an index.</summary>
    public double? StateIndexMb { get; init; }

    /// <summary>
    /// p50 and p99 answered from the warm in-memory index a long-lived process keeps (<c>serve</c>;
    /// <see cref="Storage.Caching.WarmKnowledgeStore"/>), on the same dates; null where the store has none.
    /// </summary>
    public double? WarmP50Ms { get; init; }

    public double? WarmP99Ms { get; init; }

    /// <summary>Loading the warm index once, before the warm queries (not part of them).</summary>
    public double? WarmLoadMs { get; init; }

    /// <summary>
    /// p50 of what the <c>state --format json</c> command does after opening the store, on the same dates: the one-shot
    /// query and its JSON written as the command writes it (<see cref="Output.StateJson"/>), into a stream that discards
    /// the bytes (what the terminal or file does with them is not timed).
    /// </summary>
    public double? StateCommandP50Ms { get; init; }
}

/// <summary>The same ingest and state figures on a PostgreSQL server (only with <c>--db postgres://…</c>).</summary>
public sealed record ServerFigures(IngestRate Ingest, IReadOnlyList<StateLatency> StateQuery);

/// <summary>Reading a folder from disk: how much, how fast, and the peak working set while doing it.</summary>
public sealed record StreamFigures(long Docs, double Mb, double MbPerS, double PeakWorkingSetMb);

/// <summary>
/// What the runtime was told about memory, and the host fact it sizes generation 0 from by default: the peak working set
/// depends on both, so figures from different machines are only comparable with them.
/// </summary>
/// <param name="Gen0MaxBudgetBytes">The <c>System.GC.Gen0MaxBudget</c> runtime setting, or null when the runtime's default applies.</param>
/// <param name="L3CacheMb">The largest CPU cache the host reports (Linux sysfs), or null where it cannot be read.</param>
/// <param name="ConcurrentGc">Whether background collection is on.</param>
public sealed record RuntimeFigures(long? Gen0MaxBudgetBytes, double? L3CacheMb, bool ConcurrentGc);

/// <summary>Milliseconds per document spent in each reading stage (single thread), with <c>--profile</c>.</summary>
public sealed record StageTime(string Stage, double MsPerDoc, double Share);

/// <summary>
/// What <c>garrison bench</c> prints. The first seven members are the shape issue 8 documents; <see cref="Postgres"/>,
/// <see cref="Stream"/> and <see cref="StageProfile"/> appear only when their options ask for them.
/// </summary>
public sealed record BenchReport(
    Throughput Extract,
    Throughput ExtractParallel,
    BaselineThroughput TokenizeBaseline,
    double RatioToBaseline,
    IngestRate Ingest,
    IReadOnlyList<StateLatency> StateQuery,
    double PeakWorkingSetMb)
{
    public ServerFigures? Postgres { get; init; }

    public StreamFigures? Stream { get; init; }

    public IReadOnlyList<StageTime>? StageProfile { get; init; }

    public RuntimeFigures? Runtime { get; init; }

    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}
