using Garrison.Domain.Provenance;
using Garrison.Reading.Documents;
using Garrison.Reading.Matching;
using Garrison.Reading.Pipeline;

namespace Garrison.Reading.Quantities;

/// <summary>
/// Finds the body's head counts with their hedges. Runs after the date stage: numbers inside date mentions
/// ("in 2014", "October 7") are years and days, not counts, and are skipped.
/// </summary>
public sealed class QuantityStage : IReadingStage
{
    private readonly QuantityRecognizer recognizer;

    public QuantityStage(QuantityOptions? options = null)
        : this(options, null)
    {
    }

    /// <param name="options">The lexicon.</param>
    /// <param name="sharedStarts">One walk for the starts of this stage's rules and the date stage's (see <see cref="SharedStartScan"/>).</param>
    internal QuantityStage(QuantityOptions? options, SharedStartScan? sharedStarts) =>
        recognizer = new QuantityRecognizer(options?.Lexicon, splitRules: true, sharedStarts: sharedStarts);

    public void Process(ReadingDocument document, CancellationToken cancellationToken = default)
    {
        document.Quantities.Clear();
        // An array, which the recognizer reads as it is (it copied any other collection).
        var dates = new TextSpan[document.Dates.Count];
        for (var k = 0; k < dates.Length; k++)
        {
            dates[k] = document.Dates[k].Span;
        }

        document.Quantities.AddRange(recognizer.Recognize(document.Body, dates));
    }
}
