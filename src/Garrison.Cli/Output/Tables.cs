using Spectre.Console;
using Spectre.Console.Rendering;

namespace Garrison.Cli.Output;

/// <summary>Spectre.Console rendering onto the command's output writer (so tests can capture it).</summary>
internal static class Tables
{
    public static IAnsiConsole ConsoleFor(TextWriter writer)
    {
        var isTerminal = ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        if (!isTerminal)
        {
            // Piped output is read by people scrolling files, not limited to a window: don't fold long columns.
            console.Profile.Width = 200;
        }

        return console;
    }

    public static Table Create(string title, params string[] columns)
    {
        var table = new Table { Title = new TableTitle(title), Border = TableBorder.Simple };
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(Markup.Escape(column)));
        }

        return table;
    }

    public static void AddCells(this Table table, params string?[] cells) =>
        table.AddRow(cells.Select(c => (IRenderable)new Text(c ?? "")).ToArray());

    public static string Iso(NodaTime.LocalDate date) => NodaTime.Text.LocalDatePattern.Iso.Format(date);

    public static string Quote(string text, int max = 90)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= max ? $"“{flat}”" : $"“{flat[..(max - 1)]}…”";
    }
}
