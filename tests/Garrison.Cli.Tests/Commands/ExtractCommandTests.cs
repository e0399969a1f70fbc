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
}
