using System.Globalization;
using System.Text;
using Garrison.Domain.Provenance;
using Garrison.Domain.Records;

namespace Garrison.Storage.Sql;

/// <summary>
/// Evidence spans kept in their event's or fact's row (schema 7 on SQLite, 5 on PostgreSQL) instead of a row each in an
/// evidence table: two thirds of a report's events and facts have one span, and the evidence rows with their three
/// indexes were a third of the rows and ~40 % of the index entries ingest wrote (docs/bench.md, "Ingest speed
/// (session 7)"). <c>evidence_spans</c> holds the spans as <c>start:end</c> UTF-16 offsets joined by commas, sorted by
/// start then end (the order every reader showed them in); <c>evidence_text</c> holds their texts, each the body's
/// slice, end to end: a span's text is exactly <c>end - start</c> characters, so no separator or escaping is needed.
/// A document's row keeps its distinct spans the same way for the document view. NULL when there are none.
/// </summary>
internal static class EvidenceColumns
{
    /// <summary>
    /// The two column values of one event's or fact's spans, checked against the body. The owner (e.g. "event 3
    /// (deployment)") is named only in the error, so it is given in parts and formatted only then: formatting it for
    /// each of a report's ~50 events and facts cost more than the check.
    /// </summary>
    /// <exception cref="InvalidDataException">A span lies outside the body.</exception>
    public static (string? Spans, string? Text) Of(IReadOnlyList<TextSpan> spans, string body, string ownerKind, int ordinal, string ownerType)
    {
        if (spans.Count == 0)
        {
            return (null, null);
        }

        foreach (var span in spans)
        {
            if (span.Start < 0 || span.End < span.Start || span.End > body.Length)
            {
                throw new InvalidDataException($"{ownerKind} {ordinal + 1} ({ownerType}): evidence {span} lies outside the body ({body.Length} characters)");
            }
        }

        if (spans.Count == 1)
        {
            // Most events and facts have one span: its text is one slice of the body, no builder needed.
            var only = spans[0];
            return (Format(only), body.Substring(only.Start, only.Length));
        }

        var ordered = Sorted(spans);
        var text = new StringBuilder();
        foreach (var span in ordered)
        {
            text.Append(body, span.Start, span.Length);
        }

        return (Join(ordered), text.ToString());
    }

    /// <summary>The distinct spans of a record's events and facts, sorted, as a document row keeps them.</summary>
    public static string? OfDocument(ExtractionRecord record)
    {
        var spans = new List<TextSpan>();
        foreach (var ev in record.Events)
        {
            spans.AddRange(ev.Evidence);
        }

        foreach (var fact in record.Facts)
        {
            spans.AddRange(fact.Evidence);
        }

        if (spans.Count == 0)
        {
            return null;
        }

        // Sorted by start then end, equal spans side by side: each kept once.
        spans.Sort(ByStartThenEnd);
        var distinct = 1;
        for (var i = 1; i < spans.Count; i++)
        {
            if (spans[i] != spans[distinct - 1])
            {
                spans[distinct++] = spans[i];
            }
        }

        spans.RemoveRange(distinct, spans.Count - distinct);
        return Join(spans);
    }

    public static List<TextSpan> Spans(string? spans)
    {
        var result = new List<TextSpan>();
        if (string.IsNullOrEmpty(spans))
        {
            return result;
        }

        foreach (var part in spans.Split(','))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            result.Add(new TextSpan(int.Parse(part.AsSpan(0, colon), CultureInfo.InvariantCulture),
                int.Parse(part.AsSpan(colon + 1), CultureInfo.InvariantCulture)));
        }

        return result;
    }

    /// <summary>The sources of one event or fact read from <paramref name="documentKey"/>, in the order stored.</summary>
    public static List<SourceRef> Sources(string documentKey, string? spans, string? text)
    {
        var result = new List<SourceRef>();
        var offset = 0;
        foreach (var span in Spans(spans))
        {
            result.Add(new SourceRef(documentKey, span, text!.Substring(offset, span.Length)));
            offset += span.Length;
        }

        return result;
    }

    private static readonly Comparison<TextSpan> ByStartThenEnd = (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End);

    /// <summary>The spans sorted by start then end (a total order on a span's two fields, so any sort gives the same list).</summary>
    private static List<TextSpan> Sorted(IReadOnlyList<TextSpan> spans)
    {
        var sorted = new List<TextSpan>(spans);
        sorted.Sort(ByStartThenEnd);
        return sorted;
    }

    private static string Format(TextSpan span) =>
        string.Create(CultureInfo.InvariantCulture, $"{span.Start}:{span.End}");

    private static string Join(IReadOnlyList<TextSpan> spans)
    {
        var builder = new StringBuilder();
        foreach (var span in spans)
        {
            if (builder.Length > 0)
            {
                builder.Append(',');
            }

            builder.Append(span.Start.ToString(CultureInfo.InvariantCulture)).Append(':').Append(span.End.ToString(CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}
