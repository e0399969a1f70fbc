using System.Buffers;
using System.Collections.Immutable;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Garrison.Domain.Records;
using Garrison.Reading.Documents;

namespace Garrison.Reading.Pipeline;

/// <summary>An immutable, thread-safe list of stages that turns a document's text into its extraction record.</summary>
public sealed class ReadingPipeline
{
    internal ReadingPipeline(ImmutableArray<IReadingStage> stages) => Stages = stages;

    public ImmutableArray<IReadingStage> Stages { get; }

    /// <summary>Runs every stage over the text and returns the annotated document.</summary>
    /// <exception cref="ReadingException">A stage failed on this text; the message names the document and the stage.</exception>
    public ReadingDocument Annotate(string documentId, string text, CancellationToken cancellationToken = default)
    {
        var document = new ReadingDocument(documentId, text);
        foreach (var stage in Stages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                stage.Process(document, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException and not ReadingException)
            {
                // A fault of the reader on one text (a number it cannot parse, say) is that document's problem: extract
                // and ingest report it with the document's name and go on with the others, instead of the whole batch
                // stopping with a stack trace.
                throw new ReadingException(documentId,
                    $"{stage.GetType().Name} failed on this text ({e.GetType().Name}: {e.Message}); this is a fault in Garrison's reader, please report it with the file", e);
            }
        }

        return document;
    }

    /// <summary>Reads one document into its extraction record.</summary>
    public ExtractionRecord Read(string documentId, string text, CancellationToken cancellationToken = default) =>
        ToRecord(Annotate(documentId, text, cancellationToken));

    /// <summary>
    /// The record: the entities that events and facts name (every name used appears in entities), then the events and facts.
    /// </summary>
    /// <remarks>
    /// The entities are one per name, the first mention's unless a later one has more aliases, in ordinal order of name;
    /// those of no known kind only when used; then the used names no mention has, in ordinal order, as entities of no
    /// known kind. The mentions' names are first gathered by string instance (<see cref="NameSlots"/>: a report's ~100
    /// mentions hold ~70 distinct name strings, and the names events and facts use are nearly all those same instances),
    /// so that only the distinct names are put in ordinal order (<see cref="OrdinalOrder"/>), and a used name is marked
    /// by its instance without being sorted; only used names that are no mention's instance are sorted and walked
    /// beside the names (this runs once per report inside the timed read: no name's characters are hashed).
    /// </remarks>
    public static ExtractionRecord ToRecord(ReadingDocument document)
    {
        var mentions = CollectionsMarshal.AsSpan(document.Names);
        var slots = new NameSlots(mentions.Length);
        try
        {
            for (var k = 0; k < mentions.Length; k++)
            {
                slots.AddMention(mentions[k].Entity, k);
            }

            List<string>? others = null;
            foreach (var e in document.Events)
            {
                MarkAll(ref slots, ref others, e.Actors);
                MarkAll(ref slots, ref others, e.Targets);
                MarkIfSet(ref slots, ref others, e.Place);
                MarkIfSet(ref slots, ref others, e.AttributedTo);
            }

            foreach (var f in document.Facts)
            {
                Mark(ref slots, ref others, f.Subject);
                MarkIfSet(ref slots, ref others, f.Object);
                MarkIfSet(ref slots, ref others, f.AttributedTo);
            }

            return new ExtractionRecord(document.Info, Entities(ref slots, others), [.. document.Events], [.. document.Facts]);
        }
        finally
        {
            slots.Return();
        }
    }

    /// <summary>The listed entities: the slots' names in ordinal order walked beside the used names no slot holds.</summary>
    private static List<EntityRecord> Entities(ref NameSlots slots, List<string>? others)
    {
        var names = slots.Names;
        Span<int> order = names.Length <= 256 ? stackalloc int[names.Length] : new int[names.Length];
        OrdinalOrder(names, order);
        ReadOnlySpan<string> otherNames = others is null ? [] : CollectionsMarshal.AsSpan(others);
        Span<int> otherOrder = otherNames.Length <= 64 ? stackalloc int[otherNames.Length] : new int[otherNames.Length];
        OrdinalOrder(otherNames, otherOrder);

        var listed = new List<EntityRecord>(names.Length);
        List<string>? unlisted = null;
        var u = 0;
        for (var start = 0; start < order.Length;)
        {
            // A name's slots are side by side (several only when equal names are different strings): the entity of the
            // first mention with the most aliases, as the first mention's, replaced by any later one with more, gives.
            var name = names[order[start]];
            var best = order[start];
            var isUsed = slots.IsUsed(best);
            var end = start + 1;
            for (; end < order.Length && string.Equals(names[order[end]], name, StringComparison.Ordinal); end++)
            {
                var slot = order[end];
                isUsed |= slots.IsUsed(slot);
                if (slots.KeepsOver(slot, best))
                {
                    best = slot;
                }
            }

            // The other used names up to this one: those before it are no mention's.
            for (; u < otherOrder.Length; u++)
            {
                var compared = string.CompareOrdinal(otherNames[otherOrder[u]], name);
                if (compared > 0)
                {
                    break;
                }

                if (compared == 0)
                {
                    isUsed = true;
                }
                else
                {
                    AddUnlisted(ref unlisted, otherNames[otherOrder[u]]);
                }
            }

            var kept = slots.Kept(best);
            if (kept.Kind != EntityKind.Unknown || isUsed)
            {
                listed.Add(kept);
            }

            start = end;
        }

        for (; u < otherOrder.Length; u++)
        {
            AddUnlisted(ref unlisted, otherNames[otherOrder[u]]);
        }

        if (unlisted is not null)
        {
            foreach (var name in unlisted)
            {
                listed.Add(new EntityRecord(name, EntityKind.Unknown, []));
            }
        }

        return listed;
    }

    /// <summary>
    /// The mentions' distinct name strings (by instance, not by characters), each with the entity it keeps (the first
    /// mention's, replaced by a later one with more aliases, and where that mention is) and whether an event or fact
    /// uses it. An open-addressing table on the strings' identity hash finds a name's slot: a report's names are a
    /// few dozen, and the lexicon's strings keep their hash between reports.
    /// </summary>
    private struct NameSlots
    {
        private readonly string[] names;
        private readonly EntityRecord[] kept;
        private readonly int[] keptAt;
        private readonly bool[] used;
        private readonly int[] buckets;
        private readonly int mask;
        private int count;

        public NameSlots(int mentions)
        {
            names = ArrayPool<string>.Shared.Rent(Math.Max(1, mentions));
            kept = ArrayPool<EntityRecord>.Shared.Rent(Math.Max(1, mentions));
            keptAt = ArrayPool<int>.Shared.Rent(Math.Max(1, mentions));
            used = ArrayPool<bool>.Shared.Rent(Math.Max(1, mentions));
            // At most half full, so that a miss (a used name no mention has) ends after a probe or two.
            var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, mentions * 2));
            buckets = ArrayPool<int>.Shared.Rent(size);
            buckets.AsSpan(0, size).Clear();
            mask = size - 1;
            count = 0;
        }

        public readonly ReadOnlySpan<string> Names => names.AsSpan(0, count);

        public readonly bool IsUsed(int slot) => used[slot];

        public readonly EntityRecord Kept(int slot) => kept[slot];

        /// <summary>Whether slot <paramref name="slot"/>'s entity is kept over <paramref name="other"/>'s for one name: more aliases, or as many from an earlier mention.</summary>
        public readonly bool KeepsOver(int slot, int other)
        {
            var (mine, theirs) = (kept[slot].Aliases.Count, kept[other].Aliases.Count);
            return mine > theirs || (mine == theirs && keptAt[slot] < keptAt[other]);
        }

        public void AddMention(EntityRecord entity, int mention)
        {
            var name = entity.Name;
            if (SlotOf(name, out var bucket) is var slot and >= 0)
            {
                if (kept[slot].Aliases.Count < entity.Aliases.Count)
                {
                    kept[slot] = entity;
                    keptAt[slot] = mention;
                }

                return;
            }

            names[count] = name;
            kept[count] = entity;
            keptAt[count] = mention;
            used[count] = false;
            buckets[bucket] = ++count;
        }

        /// <summary>Marks the slot holding this very string as used; false when no mention's name is this instance.</summary>
        public readonly bool TryMarkUsed(string name)
        {
            if (SlotOf(name, out _) is var slot and >= 0)
            {
                used[slot] = true;
                return true;
            }

            return false;
        }

        /// <summary>The slot holding this very string, or -1 with <paramref name="bucket"/> the empty bucket where it would go.</summary>
        private readonly int SlotOf(string name, out int bucket)
        {
            bucket = RuntimeHelpers.GetHashCode(name) & mask;
            while (buckets[bucket] != 0)
            {
                var slot = buckets[bucket] - 1;
                if (ReferenceEquals(names[slot], name))
                {
                    return slot;
                }

                bucket = (bucket + 1) & mask;
            }

            return -1;
        }

        public readonly void Return()
        {
            names.AsSpan(0, count).Clear();
            kept.AsSpan(0, count).Clear();
            ArrayPool<string>.Shared.Return(names);
            ArrayPool<EntityRecord>.Shared.Return(kept);
            ArrayPool<int>.Shared.Return(keptAt);
            ArrayPool<bool>.Shared.Return(used);
            ArrayPool<int>.Shared.Return(buckets);
        }
    }

    /// <summary>A used name: its slot's mark, or kept aside when no mention's name is the same string instance.</summary>
    private static void Mark(ref NameSlots slots, ref List<string>? others, string name)
    {
        if (!slots.TryMarkUsed(name))
        {
            (others ??= []).Add(name);
        }
    }

    /// <summary>Marks every name by index (a <c>foreach</c> over the list's interface made an enumerator per call, two per event).</summary>
    private static void MarkAll(ref NameSlots slots, ref List<string>? others, IReadOnlyList<string> names)
    {
        for (var k = 0; k < names.Count; k++)
        {
            Mark(ref slots, ref others, names[k]);
        }
    }

    private static void MarkIfSet(ref NameSlots slots, ref List<string>? others, string? name)
    {
        if (!string.IsNullOrEmpty(name))
        {
            Mark(ref slots, ref others, name);
        }
    }

    /// <summary>Adds a used name no mention has, once (the used names come in order, repeats side by side).</summary>
    private static void AddUnlisted(ref List<string>? unlisted, string name)
    {
        if (unlisted is null || !string.Equals(unlisted[^1], name, StringComparison.Ordinal))
        {
            (unlisted ??= []).Add(name);
        }
    }

    /// <summary>
    /// Writes into <paramref name="order"/> the indexes of <paramref name="names"/> in ordinal order of name, equal names in
    /// order of index (a stable sort). The indexes are sorted as numbers, each made of the name's first three UTF-16
    /// units above its index, then each run of equal prefixes (already in order of index) by the full ordinal compare:
    /// a sort of numbers compares no strings and moves no references (a report's ~100 mentions and ~60 used names).
    /// A prefix orders as the names do whenever two prefixes differ: the first unit that differs decides both, and a
    /// name that ends first is padded with 0, below any unit, as ordinal order puts a prefix first.
    /// </summary>
    internal static void OrdinalOrder(ReadOnlySpan<string> names, Span<int> order)
    {
        var count = names.Length;
        if (count > ushort.MaxValue + 1)
        {
            // No room for the index beside the prefix: a comparison sort of the indexes.
            for (var k = 0; k < count; k++)
            {
                order[k] = k;
            }

            var all = names.ToArray();
            order.Sort((a, b) => string.CompareOrdinal(all[a], all[b]) is var compared and not 0 ? compared : a.CompareTo(b));
            return;
        }

        Span<ulong> keys = count <= 256 ? stackalloc ulong[count] : new ulong[count];
        for (var k = 0; k < count; k++)
        {
            keys[k] = (PrefixKey(names[k]) & ~0xFFFFUL) | (uint)k;
        }

        keys.Sort();
        for (var k = 0; k < count; k++)
        {
            order[k] = (int)(keys[k] & 0xFFFF);
        }

        for (var start = 0; start < count;)
        {
            var prefix = keys[start] >> 16;
            var end = start + 1;
            while (end < count && keys[end] >> 16 == prefix)
            {
                end++;
            }

            if (end - start > 1)
            {
                SortRunByName(names, order[start..end]);
            }

            start = end;
        }
    }

    /// <summary>
    /// A stable insertion sort of a run of indexes (in order of index) by ordinal name: most runs are one name's
    /// repeated mentions, already in order, which it passes over in one compare each.
    /// </summary>
    private static void SortRunByName(ReadOnlySpan<string> names, Span<int> run)
    {
        for (var i = 1; i < run.Length; i++)
        {
            var index = run[i];
            var j = i - 1;
            while (j >= 0 && string.CompareOrdinal(names[run[j]], names[index]) > 0)
            {
                run[j + 1] = run[j];
                j--;
            }

            run[j + 1] = index;
        }
    }

    private static ulong PrefixKey(string name)
    {
        var key = 0UL;
        for (var k = 0; k < 4; k++)
        {
            key = (key << 16) | (k < name.Length ? name[k] : 0u);
        }

        return key;
    }
}
