using System.Text;
using System.Text.Json;
using Garrison.Cli.Bench;
using Garrison.Cli.Commands;
using Garrison.Lexicons;
using Garrison.Lexicons.Entities;

namespace Garrison.Cli.Tests;

/// <summary>The bench's generated corpus and the shape of its JSON. Speed itself is measured by the bench, never asserted.</summary>
public sealed class BenchTests
{
    private static readonly EntityLexicon Lexicon = EntityLexiconLoader.LoadFrom(DataDirectory.Locate());

    [Fact]
    public void The_corpus_is_the_same_for_the_same_seed_and_differs_for_another()
    {
        var first = new BenchCorpus(Lexicon, 7).Documents(25).ToList();
        var again = new BenchCorpus(EntityLexiconLoader.LoadFrom(DataDirectory.Locate()), 7).Documents(25).ToList();
        var other = new BenchCorpus(Lexicon, 8).Documents(25).ToList();

        Assert.Equal(first, again);
        Assert.NotEqual(first.Select(d => d.Text), other.Select(d => d.Text));
        // Any document can be generated alone and equals the one in the sequence.
        Assert.Equal(first[17], new BenchCorpus(Lexicon, 7).Document(17));
    }

    [Fact]
    public void Reports_are_two_to_eight_kilobytes_with_a_header_and_lexicon_names()
    {
        var corpus = new BenchCorpus(Lexicon, BenchCommand.DefaultSeed);
        var names = Lexicon.Entries.SelectMany(e => e.Aliases.Append(e.Name)).ToList();
        foreach (var document in corpus.Documents(60))
        {
            var bytes = Encoding.UTF8.GetByteCount(document.Text);
            Assert.InRange(bytes, 2048, 8192);
            Assert.StartsWith("title: ", document.Text, StringComparison.Ordinal);
            Assert.Contains("\n---\n", document.Text, StringComparison.Ordinal);
            Assert.Contains(names, name => document.Text.Contains(name, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Bench_json_prints_every_documented_key()
    {
        var (exit, output, error) = await Cli.RunAsync("bench", "--tiny", "--format", "json");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        foreach (var part in new[] { "extract", "extract_parallel" })
        {
            Assert.True(root.GetProperty(part).GetProperty("docs_per_s").GetDouble() > 0, part);
            Assert.True(root.GetProperty(part).GetProperty("mb_per_s").GetDouble() > 0, part);
            Assert.True(root.GetProperty(part).GetProperty("threads").GetInt32() >= 1, part);
        }

        Assert.Equal(1, root.GetProperty("extract").GetProperty("threads").GetInt32());
        Assert.Equal(Environment.ProcessorCount, root.GetProperty("extract_parallel").GetProperty("threads").GetInt32());
        Assert.True(root.GetProperty("tokenize_baseline").GetProperty("mb_per_s").GetDouble() > 0);
        Assert.True(root.GetProperty("ratio_to_baseline").GetDouble() > 0);
        Assert.True(root.GetProperty("ingest").GetProperty("docs_per_s").GetDouble() > 0);
        Assert.True(root.GetProperty("ingest").GetProperty("cold_docs_per_s").GetDouble() > 0, "the first, unsettled ingest pass is reported too");
        var state = Assert.Single(root.GetProperty("state_query").EnumerateArray());
        Assert.Equal(BenchSize.Tiny.FactCounts[0], state.GetProperty("facts").GetInt64());
        Assert.True(state.GetProperty("p50_ms").GetDouble() <= state.GetProperty("p99_ms").GetDouble());
        Assert.True(state.GetProperty("rows_p50").GetInt64() > 0);
        Assert.Equal("world", state.GetProperty("seeder").GetString());
        // The warm figures are reported beside the one-shot ones, and the index's load apart from its queries.
        Assert.True(state.GetProperty("warm_p50_ms").GetDouble() <= state.GetProperty("warm_p99_ms").GetDouble());
        Assert.True(state.GetProperty("warm_load_ms").GetDouble() > 0);
        // The state command's figure (the query and its JSON) is its own field beside the query's.
        Assert.True(state.GetProperty("state_command_p50_ms").GetDouble() > 0);
        // SQLite answers from its per-year state index: the queries that built a year's blob are reported apart.
        Assert.True(state.GetProperty("first_in_year_p50_ms").GetDouble() > 0);
        Assert.True(state.GetProperty("state_index_mb").GetDouble() >= 0);
        Assert.True(root.GetProperty("peak_working_set_mb").GetDouble() > 0);
        Assert.Contains("bench: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_state_only_prints_the_state_figures_alone()
    {
        var (exit, output, error) = await Cli.RunAsync("bench", "--tiny", "--state-only", "--format", "json");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.False(root.TryGetProperty("extract", out _), "reading is not run");
        Assert.False(root.TryGetProperty("ingest", out _), "ingest is not run");
        var state = Assert.Single(root.GetProperty("state_query").EnumerateArray());
        Assert.Equal(BenchSize.Tiny.FactCounts[0], state.GetProperty("facts").GetInt64());
        Assert.True(state.GetProperty("p50_ms").GetDouble() <= state.GetProperty("p99_ms").GetDouble());
        Assert.True(state.GetProperty("rows_p50").GetInt64() > 0);
        Assert.True(state.GetProperty("warm_p50_ms").GetDouble() <= state.GetProperty("warm_p99_ms").GetDouble());
        Assert.True(state.GetProperty("state_command_p50_ms").GetDouble() > 0);
    }

    [Fact]
    public async Task Bench_refuses_a_missing_stream_folder_by_name()
    {
        var missing = Path.Combine(Path.GetTempPath(), "garrison-no-such-folder-" + Guid.NewGuid().ToString("N"));

        var (exit, output, error) = await Cli.RunAsync("bench", "--tiny", "--stream", missing);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains(missing, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_compare_with_the_same_build_and_data_reads_the_same_records()
    {
        using var checkout = new CheckoutOfThisBuild(data => data);

        var (exit, output, error) = await Cli.RunAsync("bench", "--tiny", "--compare", checkout.Folder, "--rounds", "2", "--format", "json");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var compare = json.RootElement.GetProperty("compare");
        Assert.Equal(BenchSize.Tiny.Documents, compare.GetProperty("reports").GetInt32());
        Assert.Equal(2, compare.GetProperty("rounds").GetInt32());
        Assert.True(compare.GetProperty("same_output").GetBoolean());
        Assert.Equal(compare.GetProperty("this").GetProperty("records_sha256").GetString(), compare.GetProperty("other").GetProperty("records_sha256").GetString());
        foreach (var build in new[] { "this", "other" })
        {
            var figures = compare.GetProperty(build);
            Assert.True(figures.GetProperty("ms_per_report_min").GetDouble() > 0, build);
            Assert.True(figures.GetProperty("ms_per_report_min").GetDouble() <= figures.GetProperty("ms_per_report_median").GetDouble(), build);
            Assert.True(figures.GetProperty("allocated_kb_per_report").GetDouble() > 0, build);
        }

        Assert.True(compare.GetProperty("speedup").GetDouble() > 0);
        Assert.Equal(Path.Combine(checkout.Folder, "artifacts", "cli"), compare.GetProperty("other").GetProperty("assemblies").GetString());
    }

    [Fact]
    public async Task Bench_compare_says_when_the_other_build_reads_other_records_and_exits_one()
    {
        // The other checkout's event triggers lose every withdrawal and deployment verb and noun: the generated reports
        // are full of both, so its records differ from this build's.
        using var checkout = new CheckoutOfThisBuild(data =>
        {
            var triggers = Path.Combine(data, "lexicon", "en", "event-triggers.yml");
            var lines = File.ReadAllLines(triggers).ToList();
            var first = lines.FindIndex(l => l.Trim() == "withdrawal:");
            var last = lines.FindIndex(first, l => l.Trim() == "invasion:");
            for (var k = first; k < last; k++)
            {
                lines[k] = System.Text.RegularExpressions.Regex.Replace(lines[k], @"^(\s*(?:verbs|nouns): )\[.*\]$", "$1[]");
            }

            File.Delete(triggers);
            File.WriteAllLines(triggers, lines);
            return data;
        });

        var (exit, output, error) = await Cli.RunAsync("bench", "--tiny", "--compare", checkout.Folder, "--rounds", "1");

        Assert.True(exit == 1, error);
        Assert.Contains("same records: NO", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_compare_refuses_a_folder_without_a_build_by_name()
    {
        var empty = Directory.CreateTempSubdirectory("garrison-compare-empty-");
        try
        {
            var (exit, output, error) = await Cli.RunAsync("bench", "--tiny", "--compare", empty.FullName);

            Assert.Equal(2, exit);
            Assert.Empty(output);
            Assert.Contains(empty.FullName, error, StringComparison.Ordinal);
            Assert.Contains("Garrison.Reading.dll", error, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    /// <summary>
    /// A folder laid out like a built checkout (artifacts/cli, data) holding this test run's own assemblies, and a data
    /// folder of links to the real one's files that <c>prepare</c> may change (a changed file must be replaced, not
    /// written through its link).
    /// </summary>
    private sealed class CheckoutOfThisBuild : IDisposable
    {
        private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("garrison-compare-");

        public CheckoutOfThisBuild(Func<string, string> prepare)
        {
            var cli = Path.Combine(root.FullName, "artifacts", "cli");
            Directory.CreateDirectory(Path.GetDirectoryName(cli)!);
            Directory.CreateSymbolicLink(cli, Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
            var source = DataDirectory.Locate();
            var data = Path.Combine(root.FullName, "data");
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var link = Path.Combine(data, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(link)!);
                File.CreateSymbolicLink(link, file);
            }

            prepare(data);
        }

        public string Folder => root.FullName;

        public void Dispose() => root.Delete(recursive: true);
    }
}
