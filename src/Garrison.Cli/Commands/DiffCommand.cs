using System.CommandLine;
using Garrison.Cli.Options;
using Garrison.Cli.Output;
using Garrison.Domain.Records;
using Garrison.Storage;
using static Garrison.Cli.Output.Tables;

namespace Garrison.Cli.Commands;

/// <summary><c>garrison diff --from D1 --to D2</c>: what changed between two dates.</summary>
internal static class DiffCommand
{
    public static Command Create()
    {
        var from = CommandArguments.DateOption("--from", "The earlier date", required: true);
        var to = CommandArguments.DateOption("--to", "The later date", required: true);
        var db = KnowledgeBaseOptions.CreateDbOption(readsOnly: true);
        var format = CommandArguments.FormatOption("table", "json");
        var command = new Command("diff", "What changed between two dates: presence begun or ended, control passed, troop levels moved, " +
            "and the events dated in between.")
        {
            from,
            to,
            db,
            format,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            await using var store = await KnowledgeBaseOptions.OpenAsync(KnowledgeBaseOptions.PathFrom(parseResult, db),
                parseResult.InvocationConfiguration.Error, cancellationToken, mustExist: true).ConfigureAwait(false);
            if (store is null)
            {
                return 2;
            }

            var diff = await store.GetDiffAsync(parseResult.GetValue(from)!.Value, parseResult.GetValue(to)!.Value, cancellationToken)
                .ConfigureAwait(false);
            if (parseResult.GetValue(format) == "json")
            {
                await output.WriteLineAsync(RecordJson.Serialize(diff, indented: true)).ConfigureAwait(false);
            }
            else
            {
                Render(diff, output);
            }

            return 0;
        });
        return command;
    }

    public static void Render(StateDiff diff, TextWriter output)
    {
        var changes = Tables.Create($"Changes from {Iso(diff.From)} to {Iso(diff.To)}", "change", "who", "where", "before", "after", "date", "sources");
        foreach (var c in diff.Changes)
        {
            changes.AddCells(c.Change, c.Subject, c.Place, c.Before, c.After, c.Date?.ToString(), string.Join(", ", c.Sources));
        }

        var console = Tables.ConsoleFor(output);
        console.Write(changes);
        console.Write(EventsCommand.Table($"Events between {Iso(diff.From)} and {Iso(diff.To)}", diff.EventsBetween));
    }
}
