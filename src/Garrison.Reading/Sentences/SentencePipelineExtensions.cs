using Garrison.Reading.Sentences;

namespace Garrison.Reading.Pipeline;

public static class SentencePipelineExtensions
{
    /// <summary>Splits the body into paragraphs and sentences.</summary>
    public static ReadingPipelineBuilder UseSentences(this ReadingPipelineBuilder builder, SentenceOptions? options = null) =>
        builder.Add(new SentenceStage(options));
}
