using System.CommandLine;

namespace Garrison.Cli.Commands;

/// <summary>Every command of the CLI. Add a command by adding its factory here.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return ExtractCommand.Create();
        yield return IngestCommand.Create();
        yield return StateCommand.Create();
        yield return TimelineCommand.Create();
        yield return DiffCommand.Create();
        yield return EventsCommand.Create();
        yield return DemoCommand.Create();
        yield return ServeCommand.Create();
        yield return DataCommand.Create();
        yield return LookupCommand.Create();
        yield return ExportCommand.Create();
        yield return ImportCommand.Create();
        yield return DbCommand.Create();
        yield return BenchCommand.Create();
    }
}
