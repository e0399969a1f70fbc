using Garrison.Reading.Tokens;

namespace Garrison.Reading.Pipeline;

public static class TokenPipelineExtensions
{
    /// <summary>Splits the body into word, number, punctuation and symbol tokens.</summary>
    public static ReadingPipelineBuilder UseTokens(this ReadingPipelineBuilder builder) => builder.Add(new TokenStage());
}
