using Garrison.Reading.Documents;
using Garrison.Reading.Pipeline;

namespace Garrison.Reading.Dates;

/// <summary>
/// Finds the body's date expressions and resolves them against the document's published date
/// (<see cref="Garrison.Domain.Records.DocumentInfo.Published"/>, set by the header stage). Expressions that the
/// dateline cannot resolve ("on Sunday" without a published day) are kept, unresolved, with the reason.
/// </summary>
public sealed class DateStage : IReadingStage
{
    private readonly DateRecognizer recognizer;

    public DateStage(DateOptions? options = null) => recognizer = new DateRecognizer(options?.Lexicon);

    public void Process(ReadingDocument document, CancellationToken cancellationToken = default)
    {
        document.Dates.Clear();
        document.Dates.AddRange(recognizer.Recognize(document.Body, document.Info.Published));
    }
}
