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

    /// <summary>The key string of an id (one a word carries or <see cref="Register"/> gave).</summary>
    public static string KeyOf(int id) => Current.KeyAt(id);

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
    /// after other stages have filled the cache, and a look-up's cost is its cache misses (splitting a report's words
    /// takes twice as long at the names stage's place in the pipeline as right after splitting it once). A slot holds
    /// the hash, the id and, for a key of at most eight ASCII characters (most keys), the key itself packed into eight
    /// bytes, so such a word is found by reading one 16-byte slot and never the key string. Longer keys are compared
    /// with the string when the hashes agree. Three slots in four stay empty at most, so a word that is not there
    /// usually ends within its slot's cache line.
    /// </remarks>
    internal sealed class Snapshot
    {
        /// <summary>The longest key packed into a slot: one byte per ASCII character.</summary>
        public const int PackedLength = 8;

        private readonly Slot[] slots;
        private readonly string[] keys;
        private readonly int mask;

        public Snapshot(string[] keys, int version)
        {
            this.keys = keys;
            Version = version;
            var size = 16;
            while (size < keys.Length * 4 / 3)
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

                slots[at] = new Slot(Pack(keys[id]), hash, id + 1);
            }
        }

        public int Version { get; }

        /// <summary>The key with id <paramref name="id"/> (ids only grow, so any id a word carries is here).</summary>
        public string KeyAt(int id) => keys[id];

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

        /// <summary>
        /// Finds a key given as ASCII letters and digits in any case, with its <see cref="Hash"/> and, when it has at
        /// most <see cref="PackedLength"/> characters, its <see cref="Pack"/> already taken over the lower-cased
        /// characters (the word scanner computes both as it reads, so the key need not be copied out).
        /// </summary>
        /// <remarks>Gives only the id: a word's key string is read from <see cref="KeyAt"/> when asked, so a short key is found without touching the key array at all.</remarks>
        public bool TryFindAsciiLowered(ReadOnlySpan<char> word, int hash, ulong packed, out int id)
        {
            for (var at = hash & mask; ; at = (at + 1) & mask)
            {
                var slot = slots[at];
                if (slot.IdPlusOne == 0)
                {
                    id = Unknown;
                    return false;
                }

                if (word.Length <= PackedLength ? slot.Packed == packed : slot.Hash == hash && EqualsLowered(word, keys[slot.IdPlusOne - 1]))
                {
                    id = slot.IdPlusOne - 1;
                    return true;
                }
            }
        }

        /// <summary>True when the ASCII letters and digits of <paramref name="word"/>, lower-cased, are <paramref name="key"/>.</summary>
        private static bool EqualsLowered(ReadOnlySpan<char> word, string key)
        {
            if (word.Length != key.Length)
            {
                return false;
            }

            for (var k = 0; k < word.Length; k++)
            {
                // Setting one bit lower-cases an ASCII letter and leaves a digit as it is.
                if ((word[k] | 0x20) != key[k])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// A key of one to <see cref="PackedLength"/> ASCII characters as one byte each (the first in the lowest byte,
        /// unused bytes zero), which no other key shares; 0 for any other key.
        /// </summary>
        internal static ulong Pack(ReadOnlySpan<char> key)
        {
            if (key.Length is 0 or > PackedLength)
            {
                return 0;
            }

            var packed = 0ul;
            for (var n = 0; n < key.Length; n++)
            {
                if (key[n] is '\0' or > '\u007f')
                {
                    return 0;
                }

                packed = PackStep(packed, n, key[n]);
            }

            return packed;
        }

        /// <summary>Adds the <paramref name="n"/>th character (below <see cref="PackedLength"/>, ASCII) to a packed key.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        internal static ulong PackStep(ulong packed, int n, char c) => packed | ((ulong)c << (8 * n));

        /// <summary>FNV-1a over the UTF-16 units, with a final mix so that the low bits index the table well.</summary>
        private static int Hash(ReadOnlySpan<char> key)
        {
            var h = HashStart;
            foreach (var c in key)
            {
                h = HashStep(h, c);
            }

            return HashEnd(h);
        }

        // The hash in three steps, so that a caller reading the characters anyway can hash as it goes.
        internal const uint HashStart = 2166136261u;

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        internal static uint HashStep(uint h, char c) => (h ^ c) * 16777619u;

        internal static int HashEnd(uint h)
        {
            h ^= h >> 15;
            h *= 0x2c1b3c6du;
            h ^= h >> 12;
            return (int)(h & 0x7fffffff);
        }

        private readonly record struct Slot(ulong Packed, int Hash, int IdPlusOne);
    }
}
