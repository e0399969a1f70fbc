using Garrison.Reading.Header;

namespace Garrison.Reading.Pipeline;

public static class HeaderPipelineExtensions
{
    /// <summary>Reads the document header (url, title, published, outlet, authors) and sets the body.</summary>
    public static ReadingPipelineBuilder UseHeader(this ReadingPipelineBuilder builder) => builder.Add(new HeaderStage());
}
