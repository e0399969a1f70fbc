using System.CommandLine;
using Garrison.Cli.Commands;

namespace Garrison.Cli;

public static class Program
{
    public static int Main(string[] args) => BuildRoot().Parse(args).Invoke();

    /// <summary>The command tree: one file per command under Commands/, listed here in one place.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("Garrison: a sourced, time-aware picture of force posture, read from news reports.");
        foreach (var command in CommandCatalog.All())
        {
            root.Subcommands.Add(command);
        }

        return root;
    }
}
