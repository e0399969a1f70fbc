namespace Garrison.Reading.Quantities;

public sealed class QuantityOptions
{
    /// <summary>Hedges, bounds and number words; the data folder's lexicon by default.</summary>
    public QuantityLexicon? Lexicon { get; init; }
}
