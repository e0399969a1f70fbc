using Garrison.Reading.Pipeline;

namespace Garrison.Reading.Loading;

/// <summary>A file that cannot be loaded as a document: missing, empty, binary, not UTF-8 or too big.</summary>
public sealed class DocumentLoadException : ReadingException
{
    public DocumentLoadException(string path, string problem)
        : base(path, problem)
    {
    }

    public DocumentLoadException(string path, string problem, Exception inner)
        : base(path, problem, inner)
    {
    }
}
