using System.Collections.Immutable;
using Garrison.Domain.Records;
using Garrison.Reading.Documents;

namespace Garrison.Reading.Pipeline;

/// <summary>An immutable, thread-safe list of stages that turns a document's text into its extraction record.</summary>
public sealed class ReadingPipeline
{
    internal ReadingPipeline(ImmutableArray<IReadingStage> stages) => Stages = stages;

    public ImmutableArray<IReadingStage> Stages { get; }

    /// <summary>Runs every stage over the text and returns the annotated document.</summary>
    public ReadingDocument Annotate(string documentId, string text, CancellationToken cancellationToken = default)
    {
        var document = new ReadingDocument(documentId, text);
        foreach (var stage in Stages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            stage.Process(document, cancellationToken);
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
            var entity = mention.Entity;
            if (entities.TryGetValue(entity.Name, out var known))
            {
                if (known.Aliases.Count < entity.Aliases.Count)
                {
                    entities[entity.Name] = entity;
                }
            }
            else
            {
                entities[entity.Name] = entity;
            }
        }

        var listed = entities.Values
            .Where(e => used.Contains(e.Name) || e.Kind != EntityKind.Unknown)
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .ToList();
        foreach (var name in used.Where(n => !entities.ContainsKey(n)).Order(StringComparer.Ordinal))
        {
            listed.Add(new EntityRecord(name, EntityKind.Unknown, []));
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
