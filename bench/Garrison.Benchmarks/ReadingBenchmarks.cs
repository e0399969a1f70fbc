using BenchmarkDotNet.Attributes;
using Garrison.Cli.Bench;
using Garrison.Lexicons;
using Garrison.Lexicons.Entities;
using Garrison.Reading.Dates;
using Garrison.Reading.Documents;
using Garrison.Reading.Events;
using Garrison.Reading.Facts;
using Garrison.Reading.Names;
using Garrison.Reading.Pipeline;
using Garrison.Reading.Quantities;
using Garrison.Reading.Tokens;

namespace Garrison.Benchmarks;

/// <summary>
/// The hot stages of reading, one generated report (about 5 KB) per operation: tokenizing (the floor), date
/// recognition and resolution, quantity parsing, name matching, and the event and fact rules. Run on demand, never in CI:
/// <c>dotnet run -c Release --project src/Garrison.Benchmarks -- --filter '*'</c>.
/// </summary>
[MemoryDiagnoser]
public class ReadingBenchmarks
{
    private readonly DateRecognizer dates = new();
    private readonly QuantityRecognizer quantities = new();
    private ReadingPipeline pipeline = null!;
    private IReadingStage names = null!;
    private ReadingDocument beforeNames = null!;
    private IReadingStage[] laterStages = null!;
    private ReadingDocument beforeEvents = null!;
    private string body = "";
    private Domain.Dates.PartialDate? published;

    /// <summary>Which generated report to read (a few, so one lucky text does not decide).</summary>
    [Params(0, 1, 2)]
    public int Report { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var lexicon = EntityLexiconLoader.LoadFrom(DataDirectory.Locate());
        var document = new BenchCorpus(lexicon, 20260118).Document(Report);
        pipeline = ReadingPipelineFactory.CreateDefault();
        var full = pipeline.Annotate(document.Id, document.Text);
        body = full.Body;
        published = full.Info.Published;
        names = pipeline.Stages.First(s => s is NamesStage);
        beforeNames = Prefix(document, names);
        laterStages = [.. pipeline.Stages.Where(s => s is EventsStage or FactsStage)];
        beforeEvents = Prefix(document, laterStages[0]);
    }

    [Benchmark(Baseline = true)]
    public int Tokenize() => TokenStage.Tokenize(body).Count;

    [Benchmark]
    public int DateResolution() => dates.Recognize(body, published).Count;

    [Benchmark]
    public int QuantityParsing() => quantities.Recognize(body).Count;

    /// <summary>The names stage on a document the core stages have already annotated (a fresh copy each time).</summary>
    [Benchmark]
    public int NameMatching()
    {
        var document = Copy(beforeNames);
        names.Process(document);
        return document.Names.Count;
    }

    /// <summary>The event and fact rules on a document whose names are already found (a fresh copy each time).</summary>
    [Benchmark]
    public int EventsAndFacts()
    {
        var document = Copy(beforeEvents);
        foreach (var stage in laterStages)
        {
            stage.Process(document);
        }

        return document.Events.Count + document.Facts.Count;
    }

    [Benchmark]
    public int WholePipeline() => pipeline.Read("bench", beforeNames.Text).Events.Count;

    private ReadingDocument Prefix(BenchDocument text, IReadingStage until)
    {
        var document = new ReadingDocument(text.Id, text.Text);
        foreach (var stage in pipeline.Stages.TakeWhile(s => !ReferenceEquals(s, until)))
        {
            stage.Process(document);
        }

        return document;
    }

    private static ReadingDocument Copy(ReadingDocument source)
    {
        var copy = new ReadingDocument(source.Id, source.Text) { Body = source.Body, Info = source.Info };
        copy.Sentences.AddRange(source.Sentences);
        copy.Tokens.AddRange(source.Tokens);
        copy.Dates.AddRange(source.Dates);
        copy.Quantities.AddRange(source.Quantities);
        copy.Names.AddRange(source.Names);
        return copy;
    }
}
