using System.CommandLine;
using Garrison.Cli.Options;
using Garrison.Cli.Output;
using Garrison.Domain.Records;
using Garrison.Storage;

namespace Garrison.Cli.Commands;

/// <summary><c>garrison timeline NAME</c>: everything known about one installation, force or group, in date order.</summary>
internal static class TimelineCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "An installation, force or group, by any of its names (\"Ain al-Asad\")" };
        var db = KnowledgeBaseOptions.CreateDbOption(readsOnly: true);
        var format = CommandArguments.FormatOption("table", "json");
        var command = new Command("timeline", "Everything known about one installation, force or group, in date order: events, facts, " +
            "and when presence or control began and ended, each with the sentences behind it.")
        {
            name,
            db,
            format,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var (output, error) = (parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error);
            await using var store = await KnowledgeBaseOptions.OpenAsync(KnowledgeBaseOptions.PathFrom(parseResult, db), error, cancellationToken, mustExist: true)
                .ConfigureAwait(false);
            if (store is null)
            {
                return 2;
            }

            var query = parseResult.GetRequiredValue(name);
            var timeline = await store.GetTimelineAsync(query, cancellationToken).ConfigureAwait(false);
            if (timeline is null)
            {
                await error.WriteLineAsync($"garrison: nothing in the knowledge base is named '{query}'").ConfigureAwait(false);
                return 1;
            }

            if (parseResult.GetValue(format) == "json")
            {
                await output.WriteLineAsync(RecordJson.Serialize(timeline, indented: true)).ConfigureAwait(false);
            }
            else
            {
                Render(timeline, output);
            }

            return 0;
        });
        return command;
    }

    public static void Render(Timeline timeline, TextWriter output)
    {
        var entity = timeline.Entity.Entity;
        var aliases = entity.Aliases.Count == 0 ? "" : $" (also {string.Join(", ", entity.Aliases)})";
        var table = Tables.Create($"{entity.Name}{aliases}", "date", "what", "summary", "source");
        foreach (var entry in timeline.Entries)
        {
            var first = entry.Sources.FirstOrDefault();
            table.AddCells(entry.Date?.ToString() ?? "undated", entry.Kind, entry.Summary,
                first is null ? "" : $"{first.DocumentId} {Tables.Quote(first.Text, 70)}");
        }

        Tables.ConsoleFor(output).Write(table);
    }
}
