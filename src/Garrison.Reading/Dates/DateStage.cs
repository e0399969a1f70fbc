using Garrison.Domain.Dates;
using Garrison.Reading.Documents;
using Garrison.Reading.Matching;
using Garrison.Reading.Pipeline;

namespace Garrison.Reading.Dates;

/// <summary>
/// Finds the body's date expressions and resolves them against the document's published date
/// (<see cref="Garrison.Domain.Records.DocumentInfo.Published"/>, set by the header stage). Expressions that the
/// dateline cannot resolve ("on Sunday" without a published day) are kept, unresolved, with the reason.
/// A document without a published date that opens with a press dateline ("KABUL, Afghanistan (Feb. 8, 2011)")
/// takes that day as its published date.
/// </summary>
public sealed class DateStage : IReadingStage
{
    private readonly DateRecognizer recognizer;

    public DateStage(DateOptions? options = null)
        : this(options, null)
    {
    }

    /// <param name="options">The lexicon.</param>
    /// <param name="sharedStarts">One walk for the starts of this stage's rules and the quantity stage's (see <see cref="SharedStartScan"/>).</param>
    internal DateStage(DateOptions? options, SharedStartScan? sharedStarts) =>
        recognizer = new DateRecognizer(options?.Lexicon, atomicNames: true, sharedStarts: sharedStarts);

    public void Process(ReadingDocument document, CancellationToken cancellationToken = default)
    {
        document.Dates.Clear();
        var dates = recognizer.Recognize(document.Body, document.Info.Published);
        if (document.Info.Published is null && BodyDateline(document.Body, dates) is { } day)
        {
            // Relative words ("yesterday", "Wednesday") read against the dateline, so read again with it.
            document.Info = document.Info with { Published = day };
            dates = recognizer.Recognize(document.Body, day);
        }

        document.Dates.AddRange(dates);
    }

    private static PartialDate? BodyDateline(string body, List<DateMention> dates) =>
        dates.TakeWhile(d => d.Span.Start <= Dateline.SearchLength)
            .FirstOrDefault(d => d.Value.From is { Precision: DatePrecision.Day } from && d.Value.To == from && Dateline.IsDatelineAt(body, d.Span))
            ?.Value.From;
}
