using System.Diagnostics;

namespace Garrison.Cli.Tests;

/// <summary>The <c>./garrison</c> launcher script, run as a user runs it.</summary>
public sealed class LauncherTests
{
    [Fact]
    public async Task Errors_reach_stderr_and_data_reaches_stdout_through_the_launcher()
    {
        var missing = Path.Combine(Path.GetTempPath(), "garrison-launcher-" + Guid.NewGuid().ToString("N") + ".txt");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryRoot };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot, "garrison"));
        start.ArgumentList.Add("extract");
        start.ArgumentList.Add(missing);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(1, process.ExitCode);
        Assert.Contains("\"error\"", await output, StringComparison.Ordinal);
        Assert.Contains($"{missing}: no such file", await error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Records_written_straight_to_stdout_are_the_lines_the_command_writes_to_a_text_writer()
    {
        // Through the launcher stdout is the console's own stream, so extract writes each record's UTF-8 bytes to it;
        // in process the output is a text writer and gets the records as text. Reports with headers, non-ASCII names
        // (a lexicon alias) and an error line take both ways.
        var folder = Directory.CreateTempSubdirectory("garrison-stdout-");
        try
        {
            foreach (var sample in Directory.GetFiles(Path.Combine(RepositoryRoot, "samples"), "*.txt"))
            {
                File.Copy(sample, Path.Combine(folder.FullName, Path.GetFileName(sample)));
            }

            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "zz-kurdish.txt"),
                "Peşmerge forces said on Tuesday that “about 300” fighters had left Anbar’s outskirts.\n");
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "zz-empty.txt"), "");

            var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryRoot };
            start.ArgumentList.Add(Path.Combine(RepositoryRoot, "garrison"));
            start.ArgumentList.Add("extract");
            start.ArgumentList.Add(folder.FullName);
            start.StandardOutputEncoding = System.Text.Encoding.UTF8;
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
            await process.WaitForExitAsync(timeout.Token);

            using var text = new StringWriter();
            using var errors = new StringWriter();
            var exit = Program.BuildRoot().Parse(["extract", folder.FullName])
                .Invoke(new System.CommandLine.InvocationConfiguration { Output = text, Error = errors });

            Assert.Equal(1, exit);
            Assert.Equal(exit, process.ExitCode);
            Assert.Equal(5, text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.Contains("Al Anbār", text.ToString(), StringComparison.Ordinal);
            Assert.Equal(text.ToString(), await output);
            Assert.Contains("zz-empty", await error, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
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

            throw new InvalidOperationException("the repository root (with ./garrison) is not above " + AppContext.BaseDirectory);
        }
    }
}
