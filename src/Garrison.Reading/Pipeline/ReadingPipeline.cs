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
    public static ExtractionRecord ToRecord(ReadingDocument document)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
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

        // Sized for every mention being a name of its own (~100 per report, ~70 names), so it never grows: growing
        // from empty rehashed every name four or five times.
        var entities = new Dictionary<string, EntityRecord>(document.Names.Count, StringComparer.Ordinal);
        foreach (var mention in document.Names)
        {
            // The first entity of a name, unless a later one has more aliases (one look-up per mention, not two).
            var entity = mention.Entity;
            ref var kept = ref CollectionsMarshal.GetValueRefOrAddDefault(entities, entity.Name, out var known);
            if (!known || kept!.Aliases.Count < entity.Aliases.Count)
            {
                kept = entity;
            }
        }

        // Loops and one ordinal sort instead of Where/OrderBy/Order queries: this runs once per report inside the
        // timed read, where the queries' iterators, key arrays and comparer delegates were about a fifth of its time.
        // Names are distinct keys, so an unstable sort orders them as OrderBy did.
        var listed = new List<EntityRecord>(entities.Count);
        foreach (var entity in entities.Values)
        {
            if (entity.Kind != EntityKind.Unknown || used.Contains(entity.Name))
            {
                listed.Add(entity);
            }
        }

        SortByName(listed);
        List<string>? unlisted = null;
        foreach (var name in used)
        {
            if (!entities.ContainsKey(name))
            {
                (unlisted ??= []).Add(name);
            }
        }

        if (unlisted is not null)
        {
            unlisted.Sort(StringComparer.Ordinal);
            foreach (var name in unlisted)
            {
                listed.Add(new EntityRecord(name, EntityKind.Unknown, []));
            }
        }

        return new ExtractionRecord(document.Info, listed, [.. document.Events], [.. document.Facts]);
    }

    /// <summary>
    /// Orders entities by ordinal name (names are distinct, so any sort gives one order). They are sorted by a number
    /// made of each name's first four UTF-16 units, then each run of equal numbers by the full ordinal compare: comparing
    /// two numbers is cheaper than comparing two strings through a delegate, and ~70 names per report took ~400 of those.
    /// A number orders as the names do whenever the numbers differ: the first unit that differs decides both, and a
    /// name that ends first is padded with 0, below any unit, as ordinal order puts a prefix first.
    /// </summary>
    internal static void SortByName(List<EntityRecord> entities)
    {
        var count = entities.Count;
        if (count < 2)
        {
            return;
        }

        var items = CollectionsMarshal.AsSpan(entities);
        Span<ulong> keys = count <= 256 ? stackalloc ulong[count] : new ulong[count];
        for (var k = 0; k < count; k++)
        {
            keys[k] = PrefixKey(items[k].Name);
        }

        keys.Sort(items);
        for (var start = 0; start < count;)
        {
            var end = start + 1;
            while (end < count && keys[end] == keys[start])
            {
                end++;
            }

            if (end - start > 1)
            {
                items[start..end].Sort(OrdinalByName.Instance);
            }

            start = end;
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

    private sealed class OrdinalByName : IComparer<EntityRecord>
    {
        public static readonly OrdinalByName Instance = new();

        public int Compare(EntityRecord? a, EntityRecord? b) => string.CompareOrdinal(a!.Name, b!.Name);
    }

    /// <summary>Adds every name by index: <c>UnionWith</c> over the list's interface made an enumerator per call, two per event.</summary>
    private static void AddAll(HashSet<string> set, IReadOnlyList<string> names)
    {
        for (var k = 0; k < names.Count; k++)
        {
            set.Add(names[k]);
        }
    }

    private static void AddIfSet(HashSet<string> set, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            set.Add(value);
        }
    }
}
