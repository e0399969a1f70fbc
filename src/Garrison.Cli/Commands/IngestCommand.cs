using System.CommandLine;
using Garrison.Cli.Batch;
using Garrison.Cli.Ingestion;
using Garrison.Cli.Options;
using Garrison.Reading.Loading;
using Garrison.Reading.Pipeline;
using Garrison.Storage;
using Spectre.Console;

namespace Garrison.Cli.Commands;

/// <summary><c>garrison ingest FILE|DIR... [--db PATH]</c>: stores reports, one transaction per document.</summary>
internal static class IngestCommand
{
    /// <summary>Runs with at least this many files show a progress bar (on a terminal's stderr only).</summary>
    private const int ProgressThreshold = 5;

    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Report files (.txt, .md, .html) or folders, read recursively",
            HelpName = "FILE|DIR",
            Arity = ArgumentArity.OneOrMore,
        };
        var db = KnowledgeBaseOptions.CreateDbOption();
        var threads = new Option<int>("--threads")
        {
            Description = "Documents read at once (default: one per core); they are stored one by one, in the order given",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        threads.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--threads must be at least 1");
            }
        });
        var command = new Command("ingest", "Read reports and store them, their events, facts, entities and evidence in the knowledge base. " +
            "A document already stored (same content hash) is left as it is.")
        {
            paths,
            db,
            threads,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetRequiredValue(paths), KnowledgeBaseOptions.PathFrom(parseResult, db), parseResult.GetValue(threads),
            parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string[] paths, string dbPath, int threads, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        await using var store = await KnowledgeBaseOptions.OpenAsync(dbPath, error, cancellationToken).ConfigureAwait(false);
        if (store is null)
        {
            return 2;
        }

        var files = DocumentFiles.Expand(paths).ToList();
        var ingestor = new DocumentIngestor(store, DocumentIngestor.CreatePipeline());
        var tally = new Tally();
        // Reading is pure and thread-safe and is most of the work: files are read on all cores, a few ahead of the
        // one being stored, and stored one by one in the order given (one transaction per document).
        var prepared = OrderedParallel.Select(files, file => ingestor.Prepare(file, cancellationToken), threads, cancellationToken);
        if (files.Count >= ProgressThreshold && ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error), Interactive = InteractionSupport.Yes });
            await console.Progress().AutoClear(true).StartAsync(async context =>
            {
                var task = context.AddTask("ingest", maxValue: files.Count);
                foreach (var document in prepared)
                {
                    task.Description = Markup.Escape(Path.GetFileName(document.Path));
                    await IngestOneAsync(ingestor, document, tally, message => console.WriteLine(message), cancellationToken).ConfigureAwait(false);
                    task.Increment(1);
                }
            }).ConfigureAwait(false);
        }
        else
        {
            foreach (var document in prepared)
            {
                await IngestOneAsync(ingestor, document, tally, error.WriteLine, cancellationToken).ConfigureAwait(false);
            }
        }

        await output.WriteLineAsync($"{tally.Added} new, {tally.Known} already known, {tally.Failed} failed").ConfigureAwait(false);
        return tally.Failed > 0 ? 1 : 0;
    }

    private static async Task IngestOneAsync(DocumentIngestor ingestor, PreparedDocument document, Tally tally, Action<string> report, CancellationToken cancellationToken)
    {
        var file = document.Path;
        try
        {
            var outcome = await ingestor.StoreAsync(document, cancellationToken).ConfigureAwait(false);
            if (outcome.Status == IngestStatus.Added)
            {
                tally.Added++;
            }
            else
            {
                tally.Known++;
                report($"garrison: {file}: already known (as {outcome.DocumentId}); nothing changed");
            }
        }
        catch (ReadingException ex)
        {
            tally.Failed++;
            report($"garrison: {ex.Message}");
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            tally.Failed++;
            report($"garrison: {file}: {ex.Message}");
        }
    }

    private sealed class Tally
    {
        public int Added { get; set; }

        public int Known { get; set; }

        public int Failed { get; set; }
    }
}
