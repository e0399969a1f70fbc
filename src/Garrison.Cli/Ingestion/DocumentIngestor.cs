using Garrison.Reading.Loading;
using Garrison.Reading.Pipeline;
using Garrison.Storage;

namespace Garrison.Cli.Ingestion;

/// <summary>Loads a file, reads it with the pipeline and stores the document and its record in one transaction.</summary>
internal sealed class DocumentIngestor(IKnowledgeStore store, ReadingPipeline pipeline)
{
    private readonly DocumentLoader loader = new();

    /// <summary>The reading pipeline ingest uses.</summary>
    public static ReadingPipeline CreatePipeline() => ReadingPipelineFactory.CreateDefault();

    /// <exception cref="ReadingException">The file cannot be loaded or read (the message names it).</exception>
    /// <exception cref="InvalidDataException">The record read from it cannot be stored (the message says why).</exception>
    public async Task<IngestOutcome> IngestAsync(string path, CancellationToken cancellationToken)
    {
        var loaded = loader.Load(path);
        var document = pipeline.Annotate(loaded.Id, loaded.Text, cancellationToken);
        var record = ReadingPipeline.ToRecord(document);
        var header = loaded.Text.EndsWith(document.Body, StringComparison.Ordinal) ? loaded.Text[..^document.Body.Length] : "";
        var source = new SourceDocument(loaded.Id, ContentHash.Of(loaded.Text), document.Body, document.Info)
        {
            Header = header,
            Path = Path.GetFullPath(path),
        };
        return await store.IngestAsync(source, record, cancellationToken).ConfigureAwait(false);
    }
}
