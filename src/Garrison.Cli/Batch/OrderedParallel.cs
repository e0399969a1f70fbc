namespace Garrison.Cli.Batch;

/// <summary>
/// Runs a function over a sequence on several threads and hands the results back in input order, holding at
/// most a small window of finished-but-unwritten results. A folder of a million reports therefore streams: memory
/// is bounded by the window, not by the folder, and output order is the order the files were given in.
/// </summary>
/// <remarks>
/// Hand-written because neither PLINQ nor Parallel.ForEach bounds what they buffer: <c>AsOrdered()</c> keeps every
/// result that finishes ahead of a slow one, and Parallel.ForEach has no order. A queue of started tasks, awaited
/// from its head, does both in a dozen lines.
/// </remarks>
internal static class OrderedParallel
{
    /// <summary>Results of <paramref name="work"/> over <paramref name="source"/>, in source order.</summary>
    /// <param name="degree">Threads to use; 1 runs everything on the caller's thread.</param>
    public static IEnumerable<TResult> Select<TSource, TResult>(IEnumerable<TSource> source, Func<TSource, TResult> work, int degree, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(work);
        if (degree <= 1)
        {
            foreach (var item in source)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return work(item);
            }

            yield break;
        }

        // Twice the threads: the pool stays busy while the head is written, and at most this many results wait.
        var window = new Queue<Task<TResult>>(degree * 2);
        using var slots = new SemaphoreSlim(degree);
        try
        {
            foreach (var item in source)
            {
                if (window.Count == degree * 2)
                {
                    yield return window.Dequeue().GetAwaiter().GetResult();
                }

                slots.Wait(cancellationToken);
                window.Enqueue(Task.Run(() =>
                {
                    try
                    {
                        return work(item);
                    }
                    finally
                    {
                        slots.Release();
                    }
                }, cancellationToken));
            }

            while (window.Count > 0)
            {
                yield return window.Dequeue().GetAwaiter().GetResult();
            }
        }
        finally
        {
            // Leaving early (an exception, or the caller stopped enumerating): let started work end before the
            // semaphore it releases is disposed.
            foreach (var pending in window)
            {
                try
                {
                    pending.Wait(CancellationToken.None);
                }
                catch (AggregateException)
                {
                    // The caller is already leaving; the first failure is the one it sees.
                }
            }
        }
    }
}
