using Spectre.Console;

namespace Garrison.Cli.Output;

/// <summary>Where long commands draw their progress: stderr, and only when a person is watching it.</summary>
internal static class ProgressConsole
{
    /// <summary>
    /// A console on stderr when <paramref name="error"/> is the process's own stderr and that is a terminal; else null
    /// (tests, logs, pipes get plain lines). Interactive is forced: Spectre would otherwise judge by stdout, which
    /// is redirected exactly when the data goes to a file, and draw nothing.
    /// </summary>
    public static IAnsiConsole? ForStderr(TextWriter error) =>
        ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected
            ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error), Interactive = InteractionSupport.Yes })
            : null;
}
