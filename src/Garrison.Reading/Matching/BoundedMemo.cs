using System.Collections.Concurrent;

namespace Garrison.Reading.Matching;

/// <summary>
/// Remembers a pure function's answers by text, thread-safe, up to a fixed number of texts: reports repeat the same
/// few dates and counts, and the bound keeps a long stream of documents from growing the memo without end.
/// </summary>
internal sealed class BoundedMemo<TValue>
{
    private readonly Func<string, TValue> compute;
    private readonly int capacity;
    private readonly ConcurrentDictionary<string, TValue> answers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TValue>.AlternateLookup<ReadOnlySpan<char>> answersBySpan;

    public BoundedMemo(Func<string, TValue> compute, int capacity)
    {
        this.compute = compute;
        this.capacity = capacity;
        answersBySpan = answers.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The answer for the text in <paramref name="text"/>: looked up without a copy of it (made only to compute a new answer).</summary>
    public TValue Get(ReadOnlySpan<char> text) => answersBySpan.TryGetValue(text, out var known) ? known : Get(text.ToString());

    public TValue Get(string text)
    {
        if (answers.TryGetValue(text, out var known))
        {
            return known;
        }

        var answer = compute(text);
        if (answers.Count < capacity)
        {
            answers.TryAdd(text, answer);
        }

        return answer;
    }
}
