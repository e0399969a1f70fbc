using Garrison.Reading.Dates;
using Garrison.Reading.Matching;
using Garrison.Reading.Quantities;

namespace Garrison.Reading.Pipeline;

public static class ReadingCoreExtensions
{
    /// <summary>
    /// The first half of reading, in order: header, paragraphs and sentences, tokens, dates (resolved against the
    /// header's published date), quantities (skipping numbers inside dates). Names, events and facts build on these.
    /// </summary>
    /// <remarks>
    /// The date and quantity stages read the same body one after the other: they share one walk for their rules'
    /// starts (<see cref="SharedStartScan"/>).
    /// </remarks>
    public static ReadingPipelineBuilder UseCoreStages(this ReadingPipelineBuilder builder)
    {
        var sharedStarts = new SharedStartScan();
        return builder
            .UseHeader()
            .UseSentences()
            .UseTokens()
            .Add(new DateStage(null, sharedStarts))
            .Add(new QuantityStage(null, sharedStarts));
    }
}
