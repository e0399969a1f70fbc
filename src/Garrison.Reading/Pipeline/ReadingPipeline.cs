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
            used.UnionWith(e.Actors);
            used.UnionWith(e.Targets);
            AddIfSet(used, e.Place);
            AddIfSet(used, e.AttributedTo);
        }

        foreach (var f in document.Facts)
        {
            used.Add(f.Subject);
            AddIfSet(used, f.Object);
            AddIfSet(used, f.AttributedTo);
        }

        var entities = new Dictionary<string, EntityRecord>(StringComparer.Ordinal);
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

        listed.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
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

    private static void AddIfSet(HashSet<string> set, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            set.Add(value);
        }
    }
}
