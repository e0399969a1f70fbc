using Garrison.Domain.Records;
using Garrison.Lexicons;
using Garrison.Lexicons.Entities;
using Garrison.Lexicons.Events;
using Garrison.Lexicons.Gazetteer;
using Garrison.Reading.Events;
using Garrison.Reading.Facts;
using Garrison.Reading.Names;
using Garrison.Reading.Places;

namespace Garrison.Reading.Pipeline;

/// <summary>The lexicons the name, event and fact stages read, loaded once and shared by every pipeline.</summary>
public sealed record ReadingLexicons(NameLexicon Names, EventTriggerLexicon Triggers)
{
    /// <summary>Loads data/actors, data/places and data/lexicon/en/event-triggers.yml from a data folder.</summary>
    public static ReadingLexicons Load(string dataDirectory) =>
        new(new NameLexicon(EntityLexiconLoader.LoadFrom(dataDirectory)), EventTriggerLexicon.LoadFrom(dataDirectory));
}

public static class ReadingPipelineBuilderExtensions
{
    /// <summary>Finds forces, groups, governments, people and places (lexicon, patterns, references, fallback).</summary>
    public static ReadingPipelineBuilder UseNames(this ReadingPipelineBuilder builder, NameLexicon lexicon, Func<string, IReadOnlyCollection<string>, EntityRecord?>? resolveUnknown = null) =>
        builder.Add(new NamesStage(lexicon, resolveUnknown));

    /// <summary>Reads events from trigger words and the clause around them.</summary>
    public static ReadingPipelineBuilder UseEvents(this ReadingPipelineBuilder builder, EventTriggerLexicon triggers) =>
        builder.Add(new EventsStage(triggers));

    /// <summary>Reads standing facts and lets events open and close their validity.</summary>
    public static ReadingPipelineBuilder UseFacts(this ReadingPipelineBuilder builder, NameLexicon lexicon) =>
        builder.Add(new FactsStage(lexicon));

    /// <summary>
    /// Every stage in order: header, sentences, tokens, dates, quantities (the core stages), then names, events, facts.
    /// </summary>
    public static ReadingPipelineBuilder UseDefaults(this ReadingPipelineBuilder builder, ReadingLexicons lexicons, Func<string, IReadOnlyCollection<string>, EntityRecord?>? resolveUnknown = null) =>
        builder.UseCoreStages()
            .UseNames(lexicons.Names, resolveUnknown)
            .UseEvents(lexicons.Triggers)
            .UseFacts(lexicons.Names);
}

/// <summary>Builds the default pipeline over Garrison's data folder, loading the lexicons once per process.</summary>
public static class ReadingPipelineFactory
{
    private static readonly Lazy<ReadingLexicons> Lexicons = new(() => ReadingLexicons.Load(DataDirectory.Locate()));

    private static readonly Lazy<GazetteerNameResolver?> DefaultResolver = new(() => LoadResolver(DataDirectory.Locate()));

    public static ReadingLexicons DefaultLexicons => Lexicons.Value;

    public static ReadingPipeline CreateDefault() =>
        new ReadingPipelineBuilder().UseDefaults(Lexicons.Value, ResolveWith(DefaultResolver)).Build();

    public static ReadingPipeline Create(string dataDirectory)
    {
        var resolver = new Lazy<GazetteerNameResolver?>(() => LoadResolver(dataDirectory));
        return new ReadingPipelineBuilder().UseDefaults(ReadingLexicons.Load(dataDirectory), ResolveWith(resolver)).Build();
    }

    /// <summary>
    /// The gazetteer resolver over data/build, or null (said once on stderr) when the derived files are absent:
    /// reading then still works, with only the curated places located.
    /// </summary>
    public static GazetteerNameResolver? LoadResolver(string dataDirectory)
    {
        var build = Path.Combine(dataDirectory, "build");
        if (!File.Exists(Path.Combine(build, GazetteerFiles.PlacesFile)) || !File.Exists(Path.Combine(build, GazetteerFiles.CountriesFile)))
        {
            Console.Error.WriteLine(
                $"note: the gazetteer is not built ({Path.Combine(build, GazetteerFiles.PlacesFile)} is missing); "
                + "places outside data/places get no coordinates. Build it with eng/setup.d/20-gazetteer.sh.");
            return null;
        }

        return new GazetteerNameResolver(Gazetteer.Load(build), GazetteerNameResolver.LoadStopwords(dataDirectory));
    }

    // The gazetteer loads on the first unknown name, not when the pipeline is built (most commands never read).
    private static Func<string, IReadOnlyCollection<string>, EntityRecord?> ResolveWith(Lazy<GazetteerNameResolver?> resolver) =>
        (name, countries) => resolver.Value?.Resolve(name, countries);
}
