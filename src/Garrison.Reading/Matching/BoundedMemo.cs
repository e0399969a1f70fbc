using System.Collections.Concurrent;

namespace Garrison.Reading.Matching;

/// <summary>
/// Remembers a pure function's answers by text, thread-safe, up to a fixed number of texts: reports repeat the same
/// few dates and counts, and the bound keeps a long stream of documents from growing the memo without end.
/// </summary>
internal sealed class BoundedMemo<TValue>(Func<string, TValue> compute, int capacity)
{
    private readonly ConcurrentDictionary<string, TValue> answers = new(StringComparer.Ordinal);

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
