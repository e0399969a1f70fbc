using Garrison.Domain.Records;

namespace Garrison.Storage.Sql;

/// <summary>
/// Prepares a batch's documents (<see cref="PreparedDocument"/>) on a thread-pool thread, a few ahead of the writer,
/// so that the one thread holding the write transaction spends its time on the database: ingest has one writer, and a
/// second core otherwise idle. The writer takes the documents in order and never waits: a document the producer has
/// not finished (or not started) is prepared by the writer itself, and the producer then moves past it. Preparing
/// is a pure function of the document, so which thread prepared a document changes nothing stored.
/// </summary>
internal sealed class DocumentPreparation : IDisposable
{
    /// <summary>
    /// Documents prepared ahead of the writer at most: their rows wait in memory, and rows that outlive a gen-0
    /// collection cost a copy, so the producer stays a few documents ahead rather than a batch ahead. It waits when
    /// <see cref="High"/> are ready and goes on when the writer has taken them down to <see cref="Low"/>: a thread-pool
    /// thread that waits for every document taken spends more waking and spinning than the preparing it saves.
    /// </summary>
    private const int High = 8, Low = 2;

    private const int Free = 0, Producing = 1, Ready = 2, Taken = 3;

    private readonly IReadOnlyList<(SourceDocument Document, ExtractionRecord Record)> documents;
    private readonly int[] states;
    private readonly PreparedDocument?[] prepared;

    /// <summary>Released when the writer has taken the documents ready down to <see cref="Low"/> (and to stop).</summary>
    private readonly SemaphoreSlim wake = new(0);

    /// <summary>Documents the producer has prepared that the writer has not taken.</summary>
    private int ahead;

    private volatile bool stopped;

    /// <summary>The entities the producer has prepared, shared by the documents that list the same record (its thread only).</summary>
    private readonly Dictionary<EntityContentKey, PreparedEntity> entities = new(EntityContentKey.Comparer);

    /// <param name="documents">The batch.</param>
    /// <param name="wanted">The documents the writer will take (the others are already stored).</param>
    public DocumentPreparation(IReadOnlyList<(SourceDocument Document, ExtractionRecord Record)> documents, Func<int, bool> wanted)
    {
        this.documents = documents;
        states = new int[documents.Count];
        prepared = new PreparedDocument?[documents.Count];
        var count = 0;
        for (var i = 0; i < states.Length; i++)
        {
            if (wanted(i))
            {
                count++;
            }
            else
            {
                states[i] = Taken;
            }
        }

        // One document, or one core, leaves nothing to overlap.
        if (count > 1 && Environment.ProcessorCount > 1)
        {
            _ = Task.Run(ProduceAsync);
        }
    }

    /// <summary>Document <paramref name="index"/> prepared: by the producer when it is ready, else here and now.</summary>
    public PreparedDocument Take(int index)
    {
        var state = Interlocked.Exchange(ref states[index], Taken);
        if (state == Ready)
        {
            var document = prepared[index]!;
            prepared[index] = null;
            if (Interlocked.Decrement(ref ahead) == Low)
            {
                wake.Release();
            }

            return document;
        }

        // Free: the producer will skip it. Producing: the producer will drop its copy.
        return PreparedDocument.Of(documents[index].Document, documents[index].Record);
    }

    /// <summary>Stops the producer after the document it is preparing, if any.</summary>
    public void Dispose()
    {
        stopped = true;
        wake.Release();
    }

    private async Task ProduceAsync()
    {
        for (var i = 0; i < states.Length && !stopped; i++)
        {
            if (Volatile.Read(ref states[i]) != Free)
            {
                continue;
            }

            // A release the producer did not wait for only lets it look again.
            while (Volatile.Read(ref ahead) >= High && !stopped)
            {
                await wake.WaitAsync().ConfigureAwait(false);
            }

            if (stopped || Interlocked.CompareExchange(ref states[i], Producing, Free) != Free)
            {
                continue;
            }

            PreparedDocument document;
            try
            {
                document = PreparedDocument.Of(documents[i].Document, documents[i].Record, entities);
            }
#pragma warning disable CA1031 // the writer prepares this document again and meets the same exception where it belongs
            catch (Exception)
#pragma warning restore CA1031
            {
                Interlocked.CompareExchange(ref states[i], Free, Producing);
                continue;
            }

            prepared[i] = document;
            Interlocked.Increment(ref ahead);
            if (Interlocked.CompareExchange(ref states[i], Ready, Producing) != Producing)
            {
                // The writer took it meanwhile and prepared its own copy.
                prepared[i] = null;
                Interlocked.Decrement(ref ahead);
            }
        }
    }
}
