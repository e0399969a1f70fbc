using Garrison.Reading.Dates;

namespace Garrison.Reading.Pipeline;

public static class DatePipelineExtensions
{
    /// <summary>Finds date expressions and resolves them against the document's published date.</summary>
    public static ReadingPipelineBuilder UseDates(this ReadingPipelineBuilder builder, DateOptions? options = null) =>
        builder.Add(new DateStage(options));
}
