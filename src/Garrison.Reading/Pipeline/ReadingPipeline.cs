using System.Buffers;
using System.Collections.Immutable;
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
    /// known kind. Both the mentions' names and the used names are put in ordinal order (<see cref="OrdinalOrder"/>)
    /// and walked side by side, instead of a dictionary of names, a set of used names and a sort of the entities (this
    /// runs once per report inside the timed read: no name is hashed, and no dictionary or set is made).
    /// </remarks>
    public static ExtractionRecord ToRecord(ReadingDocument document)
    {
        var used = new List<string>();
        foreach (var e in document.Events)
        {
            AddAll(used, e.Actors);
            AddAll(used, e.Targets);
            AddIfSet(used, e.Place);
            AddIfSet(used, e.AttributedTo);
        }

        foreach (var f in document.Facts)
        {
            used.Add(f.Subject);
            AddIfSet(used, f.Object);
            AddIfSet(used, f.AttributedTo);
        }

        var usedNames = CollectionsMarshal.AsSpan(used);
        Span<int> usedOrder = usedNames.Length <= 256 ? stackalloc int[usedNames.Length] : new int[usedNames.Length];
        OrdinalOrder(usedNames, usedOrder);

        var mentions = CollectionsMarshal.AsSpan(document.Names);
        var rented = ArrayPool<string>.Shared.Rent(mentions.Length);
        var names = rented.AsSpan(0, mentions.Length);
        for (var k = 0; k < mentions.Length; k++)
        {
            names[k] = mentions[k].Entity.Name;
        }

        Span<int> order = names.Length <= 256 ? stackalloc int[names.Length] : new int[names.Length];
        OrdinalOrder(names, order);
        var listed = new List<EntityRecord>();
        List<string>? unlisted = null;
        var u = 0;
        for (var start = 0; start < order.Length;)
        {
            // A name's mentions are side by side, in text order: the first entity, unless a later one has more aliases.
            var name = names[order[start]];
            var kept = mentions[order[start]].Entity;
            var end = start + 1;
            for (; end < order.Length && string.Equals(names[order[end]], name, StringComparison.Ordinal); end++)
            {
                var entity = mentions[order[end]].Entity;
                if (kept.Aliases.Count < entity.Aliases.Count)
                {
                    kept = entity;
                }
            }

            // The used names up to this one: those before it are no mention's.
            var isUsed = false;
            for (; u < usedOrder.Length; u++)
            {
                var compared = string.CompareOrdinal(usedNames[usedOrder[u]], name);
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
                    AddUnlisted(ref unlisted, usedNames[usedOrder[u]]);
                }
            }

            if (kept.Kind != EntityKind.Unknown || isUsed)
            {
                listed.Add(kept);
            }

            start = end;
        }

        names.Clear();
        ArrayPool<string>.Shared.Return(rented);
        for (; u < usedOrder.Length; u++)
        {
            AddUnlisted(ref unlisted, usedNames[usedOrder[u]]);
        }

        if (unlisted is not null)
        {
            foreach (var name in unlisted)
            {
                listed.Add(new EntityRecord(name, EntityKind.Unknown, []));
            }
        }

        return new ExtractionRecord(document.Info, listed, [.. document.Events], [.. document.Facts]);
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

    /// <summary>Adds every name by index (a <c>foreach</c> over the list's interface made an enumerator per call, two per event).</summary>
    private static void AddAll(List<string> used, IReadOnlyList<string> names)
    {
        for (var k = 0; k < names.Count; k++)
        {
            used.Add(names[k]);
        }
    }

    private static void AddIfSet(List<string> used, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            used.Add(value);
        }
    }
}
