using Garrison.Domain.Dates;
using Garrison.Domain.Quantities;
using Garrison.Reading.Dates;
using Garrison.Reading.Header;
using Garrison.Reading.Pipeline;
using Garrison.Reading.Quantities;
using Garrison.Reading.Sentences;
using Garrison.Reading.Tokens;

namespace Garrison.Reading.Tests.Pipeline;

public sealed class ReadingCoreExtensionsTests
{
    [Fact]
    public void Core_stages_run_in_order_once()
    {
        var pipeline = new ReadingPipelineBuilder().UseCoreStages().UseDates().Build();

        Assert.Equal(
            [typeof(HeaderStage), typeof(SentenceStage), typeof(TokenStage), typeof(DateStage), typeof(QuantityStage)],
            pipeline.Stages.Select(s => s.GetType()));
    }

    [Fact]
    public void Core_stages_annotate_a_document_with_body_offsets()
    {
        const string text = "published: 2024-09-06\noutlet: Example Wire\n---\n" +
                            "On Tuesday, roughly 300 soldiers left Camp Victory. Lt. Gen. Ames said 2 more units leave in 2025.\n";
        var pipeline = new ReadingPipelineBuilder().UseCoreStages().Build();

        var document = pipeline.Annotate("note", text);

        Assert.Equal(PartialDate.OfDay(2024, 9, 6), document.Info.Published);
        Assert.Equal(
            ["On Tuesday, roughly 300 soldiers left Camp Victory.", "Lt. Gen. Ames said 2 more units leave in 2025."],
            document.Sentences.Select(s => s.Span.Slice(document.Body)));
        Assert.Equal(
            [("Tuesday", "2024-09-03"), ("2025", "2025")],
            document.Dates.Select(d => (d.Span.Slice(document.Body), d.Value.From.ToString())));
        Assert.Equal(
            [("roughly 300", Quantity.About(300)), ("2", Quantity.Exactly(2))],
            document.Quantities.Select(q => (q.Span.Slice(document.Body), q.Value)));
        Assert.Equal("Lt", document.Tokens.First(t => t.Span.Start == document.Sentences[1].Span.Start).Text);
    }

    [Fact]
    public void A_stage_that_fails_names_the_document_and_the_stage()
    {
        var pipeline = new ReadingPipelineBuilder().UseCoreStages().Add(new FailingStage()).Build();

        var error = Assert.Throws<ReadingException>(() => pipeline.Annotate("wire-17", "Troops left the base.\n"));

        Assert.Equal("wire-17", error.DocumentName);
        Assert.Contains(nameof(FailingStage), error.Message, StringComparison.Ordinal);
        Assert.IsType<FormatException>(error.InnerException);
    }

    [Fact]
    public void Cancellation_is_not_turned_into_a_reading_problem()
    {
        var pipeline = new ReadingPipelineBuilder().UseCoreStages().Build();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => pipeline.Annotate("wire-18", "Troops left.\n", cancelled.Token));
    }

    private sealed class FailingStage : IReadingStage
    {
        public void Process(Garrison.Reading.Documents.ReadingDocument document, CancellationToken cancellationToken = default) =>
            throw new FormatException("a number the stage cannot parse");
    }
}
