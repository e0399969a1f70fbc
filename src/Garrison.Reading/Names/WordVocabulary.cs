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
    /// A read-only copy of the registered keys in two open-addressing tables searched by span, so that a word needs no
    /// string to be found.
    /// </summary>
    /// <remarks>
    /// Hand-written rather than a Dictionary with a span look-up: every word of every report is looked up, most of them
    /// after other stages have filled the cache, and a look-up's cost is its cache misses (splitting a report's words
    /// takes twice as long at the names stage's place in the pipeline as right after splitting it once). Keys of one to
    /// eight lower-case ASCII letters and digits (most keys, and nine words of ten in reports) live in a table of
    /// 8-byte slots: the key packed six bits a character and its id, found by hashing the packed key and comparing one
    /// integer, so the short table (16 KB with the repository's lexicons) stays in far fewer cache lines than the one
    /// 16-byte-slot table of every key it replaced (64 KB). Longer and other keys are in a second table of (hash, id)
    /// slots, compared with the key string when the hashes agree. Each table is at most about two-thirds full, so a
    /// word that is not there usually ends within its slot's cache line.
    /// </remarks>
    internal sealed class Snapshot
    {
        /// <summary>The longest key packed into a short slot.</summary>
        public const int PackedLength = 8;

        /// <summary>Bits a packed character takes: 36 letters and digits, and 0 for no character.</summary>
        private const int CodeBits = 6;

        /// <summary>The packed key's bits in a short slot; the id plus one takes the bits above them.</summary>
        private const ulong PackedMask = (1ul << (CodeBits * PackedLength)) - 1;

        /// <summary>The largest id plus one a short slot holds; a short key with a larger id goes to the long table.</summary>
        private const int MaxShortIdPlusOne = (1 << (64 - (CodeBits * PackedLength))) - 1;

        private readonly ulong[] shortSlots;
        private readonly int shortShift;

        /// <summary>
        /// Keys of nine to sixteen lower-case ASCII letters and digits (also in the long table), as two packed halves:
        /// the word scanner packs both halves of such a word as it reads it, so the key is found by comparing two
        /// integers, without hashing the word's characters or reading the key string (a likely cache miss).
        /// </summary>
        private readonly MediumSlot[] mediumSlots;
        private readonly int mediumShift;

        /// <summary>True when some medium key's id was too large for a medium slot (then a medium word also tries the long table).</summary>
        private readonly bool mediumKeysInLongTable;
        private readonly Slot[] longSlots;
        private readonly int longMask;
        private readonly string[] keys;

        /// <summary>True when some short key's id was too large for a short slot (then a short word also tries the long table).</summary>
        private readonly bool shortKeysInLongTable;

        public Snapshot(string[] keys, int version)
        {
            this.keys = keys;
            Version = version;
            var shortCount = keys.Count(k => Pack(k) != 0);
            var shortSize = TableSize(shortCount);
            shortSlots = new ulong[shortSize];
            shortShift = 64 - System.Numerics.BitOperations.Log2((uint)shortSize);
            var longSize = TableSize(keys.Length - shortCount);
            longSlots = new Slot[longSize];
            longMask = longSize - 1;
            var mediumSize = TableSize(keys.Count(k => PackMedium(k).First != 0));
            mediumSlots = new MediumSlot[mediumSize];
            mediumShift = 64 - System.Numerics.BitOperations.Log2((uint)mediumSize);
            for (var id = 0; id < keys.Length; id++)
            {
                var (first, rest) = PackMedium(keys[id]);
                if (first != 0)
                {
                    if (id + 1 <= MaxShortIdPlusOne)
                    {
                        var at = MediumIndex(first, rest);
                        while (mediumSlots[at].First != 0)
                        {
                            at = (at + 1) & (mediumSlots.Length - 1);
                        }

                        mediumSlots[at] = new MediumSlot(first | ((ulong)(id + 1) << (CodeBits * PackedLength)), rest);
                    }
                    else
                    {
                        mediumKeysInLongTable = true;
                    }
                }

                var packed = Pack(keys[id]);
                if (packed != 0 && id + 1 <= MaxShortIdPlusOne)
                {
                    var at = ShortIndex(packed);
                    while (shortSlots[at] != 0)
                    {
                        at = (at + 1) & (shortSlots.Length - 1);
                    }

                    shortSlots[at] = packed | ((ulong)(id + 1) << (CodeBits * PackedLength));
                    continue;
                }

                shortKeysInLongTable |= packed != 0;
                var hash = Hash(keys[id]);
                var slot = hash & longMask;
                while (longSlots[slot].IdPlusOne != 0)
                {
                    slot = (slot + 1) & longMask;
                }

                longSlots[slot] = new Slot(hash, id + 1);
            }
        }

        public int Version { get; }

        /// <summary>The key with id <paramref name="id"/> (ids only grow, so any id a word carries is here).</summary>
        public string KeyAt(int id) => keys[id];

        /// <summary>Finds a key: its id and the shared string.</summary>
        public bool TryFind(ReadOnlySpan<char> key, out string shared, out int id)
        {
            var packed = Pack(key);
            if ((packed != 0 && TryFindShort(packed, out id)) || ((packed == 0 || shortKeysInLongTable) && TryFindLong(key, lowered: false, out id)))
            {
                shared = keys[id];
                return true;
            }

            shared = "";
            id = Unknown;
            return false;
        }

        /// <summary>
        /// Finds a key given as ASCII letters and digits in any case, with its <see cref="Pack"/> already taken over the
        /// lower-cased characters when it has at most <see cref="PackedLength"/> of them (the word scanner packs as it
        /// reads, so a short key is found without reading its characters again).
        /// </summary>
        /// <remarks>Gives only the id: a word's key string is read from <see cref="KeyAt"/> when asked, so a short key is found without touching the key array at all.</remarks>
        public bool TryFindAsciiLowered(ReadOnlySpan<char> word, ulong packed, out int id)
        {
            if (word.Length <= PackedLength)
            {
                return TryFindShort(packed, out id) || (shortKeysInLongTable && TryFindLong(word, lowered: true, out id));
            }

            return TryFindLong(word, lowered: true, out id);
        }

        /// <summary>
        /// Finds a word of nine to sixteen ASCII letters and digits in any case, given its first eight characters
        /// lower-cased and packed (<paramref name="first"/>) and the rest likewise (<paramref name="rest"/>), as
        /// <see cref="PackMedium"/> packs keys.
        /// </summary>
        public bool TryFindAsciiLoweredMedium(ReadOnlySpan<char> word, ulong first, ulong rest, out int id)
        {
            var mask = mediumSlots.Length - 1;
            for (var at = MediumIndex(first, rest); ; at = (at + 1) & mask)
            {
                var slot = mediumSlots[at];
                if (slot.First == 0)
                {
                    return mediumKeysInLongTable ? TryFindLong(word, lowered: true, out id) : NotFound(out id);
                }

                if ((slot.First & PackedMask) == first && slot.Rest == rest)
                {
                    id = (int)(slot.First >> (CodeBits * PackedLength)) - 1;
                    return true;
                }
            }
        }

        private static bool NotFound(out int id)
        {
            id = Unknown;
            return false;
        }

        /// <summary>
        /// A key of nine to sixteen characters, each an ASCII lower-case letter or digit, as two halves packed like
        /// <see cref="Pack"/> (the first eight characters, then the rest); (0, 0) for any other key. The halves
        /// determine the key: every character's code is above zero, so the rest's length is in it too.
        /// </summary>
        internal static (ulong First, ulong Remainder) PackMedium(ReadOnlySpan<char> key) =>
            key.Length is > PackedLength and <= 2 * PackedLength && Pack(key[..PackedLength]) is var first and not 0 && Pack(key[PackedLength..]) is var rest and not 0
                ? (first, rest)
                : (0, 0);

        /// <summary>The medium table's slot for a key's two packed halves.</summary>
        private int MediumIndex(ulong first, ulong rest) => (int)(((first ^ (rest * 0xC4CE_B9FE_1A85_EC53ul)) * 0x9E3779B97F4A7C15ul) >> mediumShift);

        /// <summary>A medium key's slot: its first half packed with its id plus one above, and its rest packed.</summary>
        private readonly record struct MediumSlot(ulong First, ulong Rest);

        private bool TryFindShort(ulong packed, out int id)
        {
            var mask = shortSlots.Length - 1;
            for (var at = ShortIndex(packed); ; at = (at + 1) & mask)
            {
                var slot = shortSlots[at];
                if (slot == 0)
                {
                    id = Unknown;
                    return false;
                }

                if ((slot & PackedMask) == packed)
                {
                    id = (int)(slot >> (CodeBits * PackedLength)) - 1;
                    return true;
                }
            }
        }

        /// <summary>Finds a key in the long table; <paramref name="lowered"/>: the key is ASCII letters and digits to be compared lower-cased.</summary>
        private bool TryFindLong(ReadOnlySpan<char> key, bool lowered, out int id)
        {
            var hash = lowered ? HashLowered(key) : Hash(key);
            for (var at = hash & longMask; ; at = (at + 1) & longMask)
            {
                var slot = longSlots[at];
                if (slot.IdPlusOne == 0)
                {
                    id = Unknown;
                    return false;
                }

                if (slot.Hash == hash && (lowered ? EqualsLowered(key, keys[slot.IdPlusOne - 1]) : key.SequenceEqual(keys[slot.IdPlusOne - 1])))
                {
                    id = slot.IdPlusOne - 1;
                    return true;
                }
            }
        }

        /// <summary>A power of two at least half again the count (at most two slots in three filled), 16 or more.</summary>
        private static int TableSize(int count)
        {
            var size = 16;
            while (size < count * 3 / 2)
            {
                size *= 2;
            }

            return size;
        }

        /// <summary>The short table's slot for a packed key (Fibonacci hashing: the top bits of a multiply).</summary>
        private int ShortIndex(ulong packed) => (int)((packed * 0x9E3779B97F4A7C15ul) >> shortShift);

        /// <summary>True when the ASCII letters and digits of <paramref name="word"/>, lower-cased, are <paramref name="key"/>.</summary>
        private static bool EqualsLowered(ReadOnlySpan<char> word, string key)
        {
            if (word.Length != key.Length)
            {
                return false;
            }

            // Four characters at a time: setting one bit of each lower-cases an ASCII letter and leaves a digit as it is.
            var n = 0;
            for (; n + 4 <= word.Length; n += 4)
            {
                if ((Block(word, n) | LowerBits) != Block(key, n))
                {
                    return false;
                }
            }

            for (; n < word.Length; n++)
            {
                if ((word[n] | 0x20) != key[n])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// A key of one to <see cref="PackedLength"/> characters, each an ASCII lower-case letter or digit, packed
        /// <see cref="CodeBits"/> bits a character (the first lowest), which no other key shares; 0 for any other key.
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
                if (!char.IsAsciiDigit(key[n]) && !char.IsAsciiLetterLower(key[n]))
                {
                    return 0;
                }

                packed = PackStep(packed, n, key[n]);
            }

            return packed;
        }

        /// <summary>Adds the <paramref name="n"/>th character (below <see cref="PackedLength"/>; an ASCII digit or lower-case letter) to a packed key.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        internal static ulong PackStep(ulong packed, int n, char c) =>
            packed | ((ulong)(c <= '9' ? c - ('0' - 1) : c - ('a' - 11)) << (CodeBits * n));

        /// <summary>
        /// A hash of the UTF-16 units read four at a time (a 64-bit block, the last one padded with zeros), with a final
        /// mix so that the low bits index the table well. Four at a time because the long table's keys are long: a hash
        /// a character (FNV-1a) was a chain of ten dependent multiplies for a ten-letter word.
        /// </summary>
        private static int Hash(ReadOnlySpan<char> key) => HashBlocks(key, 0);

        /// <summary><see cref="Hash"/> of ASCII letters and digits lower-cased (the same hash as the lower-case key's).</summary>
        private static int HashLowered(ReadOnlySpan<char> word) => HashBlocks(word, LowerBits);

        /// <summary>Bit 5 of each of four UTF-16 units: set, it lower-cases an ASCII letter and keeps a digit.</summary>
        private const ulong LowerBits = 0x0020_0020_0020_0020ul;

        private static int HashBlocks(ReadOnlySpan<char> key, ulong lowering)
        {
            var h = (ulong)key.Length * 0x9E37_79B9_7F4A_7C15ul;
            var n = 0;
            for (; n + 4 <= key.Length; n += 4)
            {
                h = (h ^ (Block(key, n) | lowering)) * 0xFF51_AFD7_ED55_8CCDul;
                h ^= h >> 29;
            }

            if (n < key.Length)
            {
                // The last one to three units, each lowered alone (a zero unit in the padding must stay zero).
                var last = 0ul;
                for (var k = n; k < key.Length; k++)
                {
                    last |= (ulong)(key[k] | (lowering == 0 ? 0 : 0x20)) << (16 * (k - n));
                }

                h = (h ^ last) * 0xFF51_AFD7_ED55_8CCDul;
            }

            h ^= h >> 32;
            h *= 0xC4CE_B9FE_1A85_EC53ul;
            h ^= h >> 29;
            return (int)(h & 0x7fff_ffff);
        }

        /// <summary>Four UTF-16 units of <paramref name="key"/> from <paramref name="at"/> as one 64-bit block (the first lowest).</summary>
        private static ulong Block(ReadOnlySpan<char> key, int at) =>
            System.Runtime.InteropServices.MemoryMarshal.Read<ulong>(System.Runtime.InteropServices.MemoryMarshal.AsBytes(key.Slice(at, 4)));

        private readonly record struct Slot(int Hash, int IdPlusOne);
    }
}
