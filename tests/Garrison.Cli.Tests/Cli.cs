using System.CommandLine;

namespace Garrison.Cli.Tests;

/// <summary>Runs the command tree in-process, capturing stdout and stderr.</summary>
internal static class Cli
{
    public static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await Program.BuildRoot().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }
}
