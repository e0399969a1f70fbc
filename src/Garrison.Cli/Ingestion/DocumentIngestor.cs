using Garrison.Domain.Records;
using Garrison.Reading.Loading;
using Garrison.Reading.Pipeline;
using Garrison.Storage;

namespace Garrison.Cli.Ingestion;

/// <summary>A file read and ready to store: the document and its record, or why it could not be read.</summary>
internal sealed record PreparedDocument(string Path, SourceDocument? Source, ExtractionRecord? Record, ReadingException? Problem);

/// <summary>Loads a file, reads it with the pipeline and stores the document and its record in one transaction.</summary>
/// <remarks>Reading (<see cref="Prepare"/>) is pure and thread-safe, so callers may read many files at once;
/// storing (<see cref="StoreAsync"/>) goes through the one store, in order.</remarks>
internal sealed class DocumentIngestor(IKnowledgeStore store, ReadingPipeline pipeline)
{
    private readonly DocumentLoader loader = new();

    /// <summary>The reading pipeline ingest uses.</summary>
    public static ReadingPipeline CreatePipeline() => ReadingPipelineFactory.CreateDefault();

    /// <summary>Loads and reads one file; a file that cannot be loaded or read comes back with its problem.</summary>
    public PreparedDocument Prepare(string path, CancellationToken cancellationToken)
    {
        try
        {
            var loaded = loader.Load(path);
            var document = pipeline.Annotate(loaded.Id, loaded.Text, cancellationToken);
            var record = ReadingPipeline.ToRecord(document);
            var header = loaded.Text.EndsWith(document.Body, StringComparison.Ordinal) ? loaded.Text[..^document.Body.Length] : "";
            var source = new SourceDocument(loaded.Id, ContentHash.Of(loaded.Text), document.Body, document.Info)
            {
                Header = header,
                Path = System.IO.Path.GetFullPath(path),
            };
            return new PreparedDocument(path, source, record, null);
        }
        catch (ReadingException ex)
        {
            return new PreparedDocument(path, null, null, ex);
        }
    }

    /// <exception cref="ReadingException">The file could not be loaded or read (the message names it).</exception>
    /// <exception cref="InvalidDataException">The record read from it cannot be stored (the message says why).</exception>
    public async Task<IngestOutcome> StoreAsync(PreparedDocument prepared, CancellationToken cancellationToken)
    {
        if (prepared.Problem is not null)
        {
            throw prepared.Problem;
        }

        return await store.IngestAsync(prepared.Source!, prepared.Record!, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads and stores one file.</summary>
    /// <exception cref="ReadingException">The file cannot be loaded or read (the message names it).</exception>
    /// <exception cref="InvalidDataException">The record read from it cannot be stored (the message says why).</exception>
    public Task<IngestOutcome> IngestAsync(string path, CancellationToken cancellationToken) =>
        StoreAsync(Prepare(path, cancellationToken), cancellationToken);
}
