using System.CommandLine;
using Garrison.Cli.Options;
using Garrison.Cli.Output;
using Garrison.Domain.Records;
using Garrison.Storage;
using static Garrison.Cli.Output.Tables;

namespace Garrison.Cli.Commands;

/// <summary><c>garrison state --at DATE</c>: presence, control and troop levels true on a date, with their sources.</summary>
internal static class StateCommand
{
    public static Command Create()
    {
        var at = CommandArguments.DateOption("--at", "The date to describe", required: true);
        var db = KnowledgeBaseOptions.CreateDbOption(readsOnly: true);
        var format = CommandArguments.FormatOption("table", "json");
        var command = new Command("state", "What the knowledge base holds true on a date: presence, control and troop levels, " +
            "each with since/until and the reports behind it. JSON is the state record of the extraction-record spec.")
        {
            at,
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

            var state = await store.GetStateAsync(parseResult.GetValue(at)!.Value, cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(format) == "json")
            {
                await WriteJsonAsync(state, output).ConfigureAwait(false);
            }
            else
            {
                Render(state, output);
            }

            return 0;
        });
        return command;
    }

    /// <summary>
    /// The state record as JSON (<see cref="StateJson"/>): as UTF-8 bytes straight to stdout when the output is the
    /// console's and it writes UTF-8 (the bytes it would have written), else as text through the writer.
    /// </summary>
    private static async Task WriteJsonAsync(StateRecord state, TextWriter output)
    {
        if (Utf8Stdout.IsBehind(output))
        {
            await output.FlushAsync().ConfigureAwait(false);
            using var stdout = Console.OpenStandardOutput();
            StateJson.Write(state, stdout);
        }
        else
        {
            await output.WriteAsync(StateJson.ToText(state)).ConfigureAwait(false);
        }
    }

    public static void Render(StateRecord state, TextWriter output)
    {
        var console = Tables.ConsoleFor(output);
        var presence = Tables.Create($"Presence on {Iso(state.At)}", "force", "place", "since", "until", "sources");
        foreach (var row in state.Presence)
        {
            presence.AddCells(row.Force, row.Place, row.Since?.ToString(), row.Until?.ToString(), string.Join(", ", row.Sources));
        }

        var control = Tables.Create($"Control on {Iso(state.At)}", "controller", "place", "since", "until", "sources");
        foreach (var row in state.Control)
        {
            control.AddCells(row.Controller, row.Place, row.Since?.ToString(), row.Until?.ToString(), string.Join(", ", row.Sources));
        }

        var troops = Tables.Create($"Troop levels on {Iso(state.At)}", "force", "area", "troops", "since", "until", "sources");
        foreach (var row in state.TroopLevels)
        {
            troops.AddCells(row.Force, row.Area, Storage.Temporal.StateProjection.Describe(row.Quantity), row.Since?.ToString(),
                row.Until?.ToString(), string.Join(", ", row.Sources));
            foreach (var other in row.Disputed ?? [])
            {
                troops.AddCells("", "  disputed by", Storage.Temporal.StateProjection.Describe(other.Quantity), other.Since?.ToString(),
                    other.Until?.ToString(), string.Join(", ", other.Sources));
            }
        }

        console.Write(presence);
        console.Write(control);
        console.Write(troops);
    }
}
