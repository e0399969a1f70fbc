namespace Garrison.Reading.Pipeline;

/// <summary>
/// A document that cannot be read as it stands (a malformed header date, an unreadable file). The message names
/// the document and the problem so that the CLI can print it as one line on stderr and go on with other files.
/// </summary>
public class ReadingException : Exception
{
    public ReadingException(string documentName, string problem)
        : base($"{documentName}: {problem}")
    {
        DocumentName = documentName;
        Problem = problem;
    }

    public ReadingException(string documentName, string problem, Exception inner)
        : base($"{documentName}: {problem}", inner)
    {
        DocumentName = documentName;
        Problem = problem;
    }

    /// <summary>The file path or document id the problem belongs to.</summary>
    public string DocumentName { get; }

    /// <summary>What is wrong, without the document name.</summary>
    public string Problem { get; }
}
