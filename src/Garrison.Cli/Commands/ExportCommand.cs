using System.CommandLine;
using System.Text;
using Garrison.Cli.Options;
using Garrison.Interchange;
using Garrison.Interchange.Countries;
using Garrison.Interchange.Export;
using NodaTime;

namespace Garrison.Cli.Commands;

/// <summary>
/// <c>garrison export --format acled-csv|geojson|jsonl|csv [--from D] [--to D] [--place NAME] [--at D] [--out FILE]</c>:
/// the knowledge base in the formats analysts' tools read. Data goes to stdout or --out; what was left out, to stderr.
/// </summary>
internal static class ExportCommand
{
    public static Command Create(TimeProvider? clock = null)
    {
        var format = CommandArguments.FormatOption([.. Formats.ExportNames]);
        format.Description = "acled-csv (ACLED's columns), geojson (RFC 7946 events and installations), jsonl (events and facts), csv (Garrison's own columns)";
        var from = CommandArguments.DateOption("--from", "Only events that may have happened on or after this date");
        var to = CommandArguments.DateOption("--to", "Only events that may have happened on or before this date");
        var place = new Option<string>("--place") { Description = "Only events at this place (any of its names)", HelpName = "NAME" };
        var at = CommandArguments.DateOption("--at", "The date whose state installations and facts show (default: --to, else today)");
        var output = new Option<string>("--out") { Description = "Write to this file instead of stdout", HelpName = "FILE" };
        var db = KnowledgeBaseOptions.CreateDbOption(readsOnly: true);
        var command = new Command("export", "Write the knowledge base's events (and installations or facts) as ACLED CSV, GeoJSON, JSON Lines or CSV.")
        {
            format,
            from,
            to,
            place,
            at,
            output,
            db,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            var now = (clock ?? TimeProvider.System).GetUtcNow();
            var today = LocalDate.FromDateTime(now.UtcDateTime);
            var request = new ExportRequest(parseResult.GetValue(from), parseResult.GetValue(to), parseResult.GetValue(place),
                parseResult.GetValue(at) ?? parseResult.GetValue(to) ?? today)
            {
                Timestamp = Instant.FromDateTimeOffset(now),
            };

            IExporter exporter;
            try
            {
                exporter = Formats.Exporter(parseResult.GetRequiredValue(format), () => CountryTable.Load());
            }
            catch (Exception ex) when (ex is DirectoryNotFoundException or FileNotFoundException or FormatException)
            {
                await error.WriteLineAsync($"garrison: export: the country table cannot be read: {ex.Message}").ConfigureAwait(false);
                return 2;
            }

            await using var store = await KnowledgeBaseOptions.OpenAsync(KnowledgeBaseOptions.PathFrom(parseResult, db), error, cancellationToken, mustExist: true)
                .ConfigureAwait(false);
            if (store is null)
            {
                return 2;
            }

            ExportResult result;
            var outPath = parseResult.GetValue(output);
            if (outPath is null)
            {
                result = await exporter.WriteAsync(store, request, parseResult.InvocationConfiguration.Output, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                try
                {
                    await using var file = new StreamWriter(outPath, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                    result = await exporter.WriteAsync(store, request, file, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    await error.WriteLineAsync($"garrison: export: {outPath}: {ex.Message}").ConfigureAwait(false);
                    return 2;
                }

                await error.WriteLineAsync($"garrison: export: {result.Written} record(s) written to {outPath}").ConfigureAwait(false);
            }

            foreach (var note in result.Notes)
            {
                await error.WriteLineAsync($"garrison: export: {note}").ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }
}
