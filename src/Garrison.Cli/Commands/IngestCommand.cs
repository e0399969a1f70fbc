using System.CommandLine;
using Garrison.Cli.Batch;
using Garrison.Cli.Ingestion;
using Garrison.Cli.Options;
using Garrison.Cli.Output;
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

    /// <summary>Documents stored per transaction: large enough that a commit's sync is rare, small enough that
    /// progress moves and a batch's records stay a few megabytes.</summary>
    private const int BatchSize = 64;

    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Report files (.txt, .md, .html) or folders, read recursively",
            HelpName = "FILE|DIR",
            Arity = ArgumentArity.OneOrMore,
        };
        var db = KnowledgeBaseOptions.CreateDbOption();
        var threads = CommandArguments.ThreadsOption("Documents read at once (default: one per core); they are stored one by one, in the order given");
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
        // ones being stored. They are stored in the order given, in batches (one transaction with a savepoint per
        // document, so each document is still all-or-nothing and a bad one loses nothing else).
        var prepared = OrderedParallel.Select(files, file => ingestor.Prepare(file, cancellationToken), threads, cancellationToken);
        var batches = prepared.Chunk(BatchSize);
        if (files.Count >= ProgressThreshold && ProgressConsole.ForStderr(error) is { } console)
        {
            await console.Progress().AutoClear(true).StartAsync(async context =>
            {
                var task = context.AddTask("ingest", maxValue: files.Count);
                foreach (var batch in batches)
                {
                    task.Description = Markup.Escape(Path.GetFileName(batch[^1].Path));
                    await StoreBatchAsync(ingestor, batch, tally, message => console.MarkupLineInterpolated($"{message}"), cancellationToken).ConfigureAwait(false);
                    task.Increment(batch.Length);
                }
            }).ConfigureAwait(false);
        }
        else
        {
            foreach (var batch in batches)
            {
                await StoreBatchAsync(ingestor, batch, tally, error.WriteLine, cancellationToken).ConfigureAwait(false);
            }
        }

        await output.WriteLineAsync($"{tally.Added} new, {tally.Known} already known, {tally.Failed} failed").ConfigureAwait(false);
        return tally.Failed > 0 ? 1 : 0;
    }

    private static async Task StoreBatchAsync(DocumentIngestor ingestor, PreparedDocument[] batch, Tally tally, Action<string> report, CancellationToken cancellationToken)
    {
        IReadOnlyList<(PreparedDocument Document, IngestOutcome? Outcome, Exception? Problem)> results;
        try
        {
            results = await ingestor.StoreManyAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or KnowledgeStoreException)
        {
            // The store itself failed (disk, permissions): nothing of this batch was kept.
            tally.Failed += batch.Length;
            report($"garrison: {ex.Message}; {batch.Length} documents from {batch[0].Path} on were not stored");
            return;
        }

        foreach (var (document, outcome, problem) in results)
        {
            switch (problem)
            {
                case null when outcome!.Status == IngestStatus.Added:
                    tally.Added++;
                    break;
                case null:
                    tally.Known++;
                    report($"garrison: {document.Path}: already known (as {outcome.DocumentId}); nothing changed");
                    break;
                case ReadingException reading:
                    tally.Failed++;
                    report($"garrison: {reading.Message}");
                    break;
                default:
                    tally.Failed++;
                    report($"garrison: {document.Path}: {problem.Message}");
                    break;
            }
        }
    }

    private sealed class Tally
    {
        public int Added { get; set; }

        public int Known { get; set; }

        public int Failed { get; set; }
    }
}
