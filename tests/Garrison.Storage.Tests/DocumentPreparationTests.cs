using Garrison.Domain.Provenance;
using Garrison.Domain.Records;
using Garrison.Storage.Sql;

namespace Garrison.Storage.Tests;

/// <summary>
/// The documents a batch's writer takes from <see cref="DocumentPreparation"/> are each prepared exactly as
/// <see cref="PreparedDocument.Of"/> prepares it alone, whichever thread prepared it and however the writer's pace
/// and the producer's interleave.
/// </summary>
public sealed class DocumentPreparationTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Every_document_taken_is_the_one_asked_for_prepared_as_alone(int pace)
    {
        var batch = KnowledgeStoreConformance.MixedReports(seed: 17 + pace, count: 40);
        // Every third document is left out, as a batch leaves out the documents already stored.
        using var preparation = new DocumentPreparation(batch, i => i % 3 != 1);
        var random = new Random(pace);
        for (var i = 0; i < batch.Count; i++)
        {
            if (i % 3 == 1)
            {
                continue;
            }

            // Pace 0 takes as fast as it can (the writer overtakes the producer); the others let the producer run ahead.
            if (pace > 0 && random.Next(4) == 0)
            {
                Thread.Sleep(pace);
            }

            var taken = preparation.Take(i);
            var alone = PreparedDocument.Of(batch[i].Document, batch[i].Record);
            Assert.Equal(Describe(alone), Describe(taken));
            Assert.Same(batch[i].Record.Events.FirstOrDefault(), taken.Events.FirstOrDefault()?.Record);
        }
    }

    [Fact]
    public void A_participant_named_twice_or_blank_gets_one_ordinal_per_distinct_name_in_first_order()
    {
        var (document, record) = KnowledgeStoreConformance.WithdrawalReport().Build();
        var ev = record.Events[0] with { Actors = ["US forces", " ", "Iraqi security forces", "US forces", ""], Targets = ["", "Iraq"] };

        var prepared = PreparedDocument.Of(document, record with { Events = [ev] });

        Assert.Equal(["US forces", "Iraqi security forces"], prepared.Events[0].Actors);
        Assert.Equal(["Iraq"], prepared.Events[0].Targets);
    }

    [Fact]
    public void Evidence_outside_the_body_fails_when_the_writer_reaches_that_event_or_fact_with_the_owner_named()
    {
        var (document, record) = KnowledgeStoreConformance.WithdrawalReport().Build();
        var outside = new TextSpan(0, document.Body.Length + 1);
        var broken = record with
        {
            Events = [record.Events[0], record.Events[1] with { Evidence = [outside] }],
            Facts = [record.Facts[0] with { Evidence = [record.Facts[0].Evidence[0], outside] }],
        };

        var prepared = PreparedDocument.Of(document, broken);

        prepared.Events[0].ThrowIfInvalid();
        var eventError = Assert.Throws<InvalidDataException>(prepared.Events[1].ThrowIfInvalid);
        Assert.StartsWith("event 2 (handover): evidence", eventError.Message, StringComparison.Ordinal);
        var factError = Assert.Throws<InvalidDataException>(prepared.Facts[0].ThrowIfInvalid);
        Assert.StartsWith("fact 1 (present_at): evidence", factError.Message, StringComparison.Ordinal);
    }

    /// <summary>Every value the writer reads from a prepared document, as text (ids and the key still unset).</summary>
    private static string Describe(PreparedDocument prepared)
    {
        var lines = new List<string> { Values(prepared.DocumentValues) };
        lines.AddRange(prepared.Entities.Select(e =>
            $"{e.Record.Name}|{string.Join(",", e.Keys)}|{e.Box}|{e.NameKey}|{string.Join(",", e.Aliases.Select(a => a.Alias + "=" + a.Key))}"));
        lines.AddRange(prepared.Events.Select(e => $"{Values(e.Row)}|{string.Join(",", e.Actors)}|{string.Join(",", e.Targets)}"));
        lines.AddRange(prepared.Facts.Select(f => Values(f.Row)));
        return string.Join("\n", lines);
    }

    private static string Values(object?[] values) =>
        string.Join("|", values.Select(v => v is null ? "<null>" : $"{v.GetType().Name}:{v}"));
}
