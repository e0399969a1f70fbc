namespace Garrison.Reading.Sentences;

public sealed class SentenceOptions
{
    /// <summary>The abbreviations that do not end a sentence; the data folder's list by default.</summary>
    public AbbreviationList? Abbreviations { get; init; }
}
