using Garrison.Domain.Records;
using Garrison.Reading.Loading;
using Garrison.Reading.Pipeline;

namespace Garrison.Storage.Tests.Caching;

/// <summary>
/// The hand-written reports of tests/corpus read by the default pipeline into what a store ingests: the state caches are
/// compared with the store on real reading output as well as on generated claims.
/// </summary>
internal static class TestCorpusRecords
{
    public static List<(SourceDocument Source, ExtractionRecord Record)> Read()
    {
        var corpus = Path.Combine(Directory.GetParent(Lexicons.DataDirectory.Locate())!.FullName, "tests", "corpus");
        var pipeline = ReadingPipelineFactory.CreateDefault();
        var loader = new DocumentLoader();
        return Directory.GetFiles(corpus, "*.txt").Order(StringComparer.Ordinal).Select(path =>
        {
            var loaded = loader.Load(path);
            var annotated = pipeline.Annotate(loaded.Id, loaded.Text, CancellationToken.None);
            return (new SourceDocument(loaded.Id, ContentHash.Of(loaded.Text), annotated.Body, annotated.Info), ReadingPipeline.ToRecord(annotated));
        }).ToList();
    }
}
