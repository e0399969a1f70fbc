using System.CommandLine;
using Garrison.Cli.Options;
using Garrison.Interchange;

namespace Garrison.Cli.Commands;

/// <summary>
/// <c>garrison import FILE --format acled-csv|ucdp-ged-csv [--db PATH]</c>: loads events coded by others, keeping their
/// identifiers. Bad rows go to stderr as FILE:LINE: reason; the summary goes to stdout; exit 1 when any row was bad.
/// </summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "An ACLED export or a UCDP GED event CSV", HelpName = "FILE" };
        var format = CommandArguments.FormatOption([.. Formats.ImportNames]);
        format.Description = "acled-csv (ACLED exports, current or pre-2023 columns) or ucdp-ged-csv (UCDP GED events)";
        var db = KnowledgeBaseOptions.CreateDbOption();
        var command = new Command("import", "Load events from an ACLED or UCDP GED CSV into the knowledge base. Rows already imported are left as they are.")
        {
            file,
            format,
            db,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            var path = parseResult.GetRequiredValue(file);
            if (!File.Exists(path))
            {
                await error.WriteLineAsync($"garrison: import: {path}: no such file").ConfigureAwait(false);
                return 2;
            }

            await using var store = await KnowledgeBaseOptions.OpenAsync(KnowledgeBaseOptions.PathFrom(parseResult, db), error, cancellationToken)
                .ConfigureAwait(false);
            if (store is null)
            {
                return 2;
            }

            var importer = Formats.Importer(parseResult.GetRequiredValue(format));
            try
            {
                var summary = await importer.ImportAsync(path, store, problem => error.WriteLine($"garrison: {problem}"), cancellationToken)
                    .ConfigureAwait(false);
                await parseResult.InvocationConfiguration.Output.WriteLineAsync(summary.ToString()).ConfigureAwait(false);
                return summary.Malformed.Count > 0 ? 1 : 0;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"garrison: import: {path}: {ex.Message}").ConfigureAwait(false);
                return 2;
            }
        });
        return command;
    }
}
