using System.CommandLine;

namespace Garrison.Cli.Commands;

/// <summary>Every command of the CLI. Add a command by adding its factory here.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return ServeCommand.Create();
    }
}
