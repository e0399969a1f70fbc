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
