namespace Garrison.Reading.Names;

/// <summary>
/// A fixed set of word keys, tested by a word's <see cref="WordVocabulary"/> id: an array read instead of a string
/// hash. The rules test every word of a report against several such sets, and most words are in none.
/// </summary>
internal sealed class WordSet
{
    private readonly bool[] members;

    public WordSet(params IEnumerable<string> keys)
    {
        Keys = new HashSet<string>(keys, StringComparer.Ordinal);
        var ids = Keys.Select(WordVocabulary.Register).ToArray();
        members = new bool[ids.Length == 0 ? 0 : ids.Max() + 1];
        foreach (var id in ids)
        {
            members[id] = true;
        }
    }

    public HashSet<string> Keys { get; }

    /// <summary>True when the word's key is in the set (a word without an id is in none).</summary>
    public bool Contains(in Word word) => (uint)word.Id < (uint)members.Length && members[word.Id];

    public bool Contains(string key) => Keys.Contains(key);
}
