using System.CommandLine;
using System.Text.Json;
using Garrison.Lexicons;

namespace Garrison.Cli.Tests.Commands;

public sealed class ExtractCommandTests
{
    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = Program.BuildRoot().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Several_files_give_json_lines_in_order_and_an_unreadable_one_an_error_line()
    {
        var dir = Directory.CreateTempSubdirectory("garrison-extract-");
        try
        {
            var good = Path.Combine(dir.FullName, "good.txt");
            File.WriteAllText(good, "published: 2024-05-02\n---\nOn Wednesday, Houthi forces fired a missile at a ship in the Red Sea.\n");
            var empty = Path.Combine(dir.FullName, "empty.txt");
            File.WriteAllText(empty, "");

            var (exit, output, error) = Run("extract", good, empty, good);

            Assert.Equal(1, exit);
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(3, lines.Length);
            using var first = JsonDocument.Parse(lines[0]);
            Assert.Equal("good", first.RootElement.GetProperty("document").GetProperty("id").GetString());
            var e = first.RootElement.GetProperty("events")[0];
            Assert.Equal("missile_attack", e.GetProperty("type").GetString());
            Assert.Equal("2024-05-01", e.GetProperty("date").GetProperty("from").GetString());
            using var second = JsonDocument.Parse(lines[1]);
            Assert.Equal("empty", second.RootElement.GetProperty("document").GetProperty("id").GetString());
            Assert.Contains("empty", second.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.Contains("empty.txt", error, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_table_shows_events_with_their_evidence()
    {
        var report = Path.Combine(Directory.GetParent(DataDirectory.Locate())!.FullName, "tests", "corpus", "note-mali-2024-07-29.txt");

        var (exit, output, _) = Run("extract", report, "--format", "table");

        Assert.Equal(0, exit);
        Assert.Contains("armed_clash", output, StringComparison.Ordinal);
        Assert.Contains("JNIM", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_on_several_threads_prints_what_one_thread_prints_in_the_same_order()
    {
        var dir = Directory.CreateTempSubdirectory("garrison-extract-threads-");
        try
        {
            var corpus = Path.Combine(Directory.GetParent(DataDirectory.Locate())!.FullName, "tests", "corpus");
            var reports = Directory.GetFiles(corpus, "*.txt").Order(StringComparer.Ordinal).ToList();
            // Short documents between long ones finish first on a free thread; the output must still keep file order.
            var files = new List<string>();
            for (var i = 0; i < 12; i++)
            {
                var path = Path.Combine(dir.FullName, $"{i:D2}.txt");
                if (i % 3 == 1)
                {
                    File.WriteAllText(path, $"published: 2024-03-{i + 1:D2}\n---\nGunmen attacked a checkpoint near Gao on Monday, killing {i + 2} soldiers.\n");
                }
                else if (i == 5)
                {
                    File.WriteAllText(path, "");
                }
                else
                {
                    File.Copy(reports[i % reports.Count], path);
                }

                files.Add(path);
            }

            var (oneExit, one, oneError) = Run(["extract", dir.FullName, "--threads", "1"]);
            var (manyExit, many, manyError) = Run(["extract", dir.FullName, "--threads", "3"]);

            Assert.Equal(1, oneExit);
            Assert.Equal(oneExit, manyExit);
            Assert.Equal(one, many);
            Assert.Equal(oneError, manyError);
            var ids = one.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => { using var json = JsonDocument.Parse(line); return json.RootElement.GetProperty("document").GetProperty("id").GetString(); })
                .ToList();
            Assert.Equal(files.Select(Path.GetFileNameWithoutExtension), ids);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Threads_below_one_are_refused()
    {
        var (exit, _, error) = Run("extract", "whatever.txt", "--threads", "0");

        Assert.NotEqual(0, exit);
        Assert.Contains("--threads", error, StringComparison.Ordinal);
    }
}
