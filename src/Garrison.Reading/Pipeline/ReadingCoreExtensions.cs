namespace Garrison.Reading.Pipeline;

public static class ReadingCoreExtensions
{
    /// <summary>
    /// The first half of reading, in order: header, paragraphs and sentences, tokens, dates (resolved against the
    /// header's published date), quantities (skipping numbers inside dates). Names, events and facts build on these.
    /// </summary>
    public static ReadingPipelineBuilder UseCoreStages(this ReadingPipelineBuilder builder) => builder
        .UseHeader()
        .UseSentences()
        .UseTokens()
        .UseDates()
        .UseQuantities();
}
