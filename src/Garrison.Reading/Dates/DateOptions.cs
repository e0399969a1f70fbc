namespace Garrison.Reading.Dates;

public sealed class DateOptions
{
    /// <summary>The words of date expressions; the data folder's lexicon by default.</summary>
    public DateLexicon? Lexicon { get; init; }
}
