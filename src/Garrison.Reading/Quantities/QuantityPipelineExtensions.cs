using Garrison.Reading.Quantities;

namespace Garrison.Reading.Pipeline;

public static class QuantityPipelineExtensions
{
    /// <summary>Finds head counts ("roughly 2,500", "scores of", "five") outside date mentions.</summary>
    public static ReadingPipelineBuilder UseQuantities(this ReadingPipelineBuilder builder, QuantityOptions? options = null) =>
        builder.Add(new QuantityStage(options));
}
