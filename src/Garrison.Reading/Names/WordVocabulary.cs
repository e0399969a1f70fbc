namespace Garrison.Reading.Names;

/// <summary>
/// One process-wide numbering of the word keys that lexicons and rules look for. Phrase tries and word sets register
/// their keys when they are built; <see cref="WordScanner"/> looks each word of a text up once, so a word carries its
/// key's id (or <see cref="Unknown"/>) and, for a known key, the one shared key string. Matching then compares
/// integers and indexes arrays instead of hashing the same key string again in every set it is tested against, and
/// most words of a report need no key string of their own.
/// </summary>
/// <remarks>
/// Ids only grow and never change, so an id taken from any snapshot stays valid. Registration happens while lexicons
/// and stages are built (rarely, under a lock); readers take the current snapshot, rebuilt once after registrations,
/// and never lock. A text split before a registration may lack the new ids: <see cref="Version"/> tells the reading
/// document to split it again.
/// </remarks>
public static class WordVocabulary
{
    /// <summary>The id of a word no lexicon or rule registered.</summary>
    public const int Unknown = -1;

    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, int> Registered = new(StringComparer.Ordinal);
    private static readonly List<string> KeysById = [];
    private static volatile Snapshot? current;
    private static volatile int version;

    /// <summary>Changes whenever a key is added; words split under an older version may miss ids.</summary>
    public static int Version => version;

    /// <summary>How many keys have ids (ids run from 0 to Count - 1).</summary>
    public static int Count
    {
        get
        {
            lock (Gate)
            {
                return KeysById.Count;
            }
        }
    }

    /// <summary>The id of a key (a <see cref="Word.Key"/>), registering it when it is new.</summary>
    public static int Register(string key)
    {
        lock (Gate)
        {
            if (!Registered.TryGetValue(key, out var id))
            {
                id = KeysById.Count;
                Registered.Add(key, id);
                KeysById.Add(key);
                current = null;
                version++;
            }

            return id;
        }
    }

    /// <summary>The id of a registered key, or <see cref="Unknown"/> (does not register).</summary>
    public static int IdOf(string key) => Current.TryFind(key, out _, out var id) ? id : Unknown;

    /// <summary>The snapshot readers use; rebuilt on the first read after a registration.</summary>
    internal static Snapshot Current
    {
        get
        {
            var snapshot = current;
            if (snapshot is not null)
            {
                return snapshot;
            }

            lock (Gate)
            {
                return current ??= new Snapshot([.. KeysById], version);
            }
        }
    }

    /// <summary>
    /// A read-only copy of the registered keys in an open-addressing table searched by span, so that a word needs no
    /// string to be found.
    /// </summary>
    /// <remarks>
    /// Hand-written rather than a Dictionary with a span look-up: every word of every report is looked up, most of them
    /// after other stages have filled the cache, and here a probe reads one 8-byte slot (hash and id side by side) and
    /// the key only when the hashes agree, where Dictionary reads a bucket, an entry and the key. Half the slots stay
    /// empty, so a word that is not there usually ends at its first or second slot.
    /// </remarks>
    internal sealed class Snapshot
    {
        private readonly Slot[] slots;
        private readonly string[] keys;
        private readonly int mask;

        public Snapshot(string[] keys, int version)
        {
            this.keys = keys;
            Version = version;
            var size = 16;
            while (size < keys.Length * 2)
            {
                size *= 2;
            }

            slots = new Slot[size];
            mask = size - 1;
            for (var id = 0; id < keys.Length; id++)
            {
                var hash = Hash(keys[id]);
                var at = hash & mask;
                while (slots[at].IdPlusOne != 0)
                {
                    at = (at + 1) & mask;
                }

                slots[at] = new Slot(hash, id + 1);
            }
        }

        public int Version { get; }

        /// <summary>Finds a key: its id and the shared string.</summary>
        public bool TryFind(ReadOnlySpan<char> key, out string shared, out int id)
        {
            var hash = Hash(key);
            for (var at = hash & mask; ; at = (at + 1) & mask)
            {
                var slot = slots[at];
                if (slot.IdPlusOne == 0)
                {
                    shared = "";
                    id = Unknown;
                    return false;
                }

                if (slot.Hash == hash && key.SequenceEqual(keys[slot.IdPlusOne - 1]))
                {
                    id = slot.IdPlusOne - 1;
                    shared = keys[id];
                    return true;
                }
            }
        }

        /// <summary>FNV-1a over the UTF-16 units, with a final mix so that the low bits index the table well.</summary>
        private static int Hash(ReadOnlySpan<char> key)
        {
            var h = 2166136261u;
            foreach (var c in key)
            {
                h = (h ^ c) * 16777619u;
            }

            h ^= h >> 15;
            h *= 0x2c1b3c6du;
            h ^= h >> 12;
            return (int)(h & 0x7fffffff);
        }

        private readonly record struct Slot(int Hash, int IdPlusOne);
    }
}
