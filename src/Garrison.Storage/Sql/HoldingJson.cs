using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Garrison.Storage.Temporal;

namespace Garrison.Storage.Sql;

/// <summary>
/// Writes a holding's <c>sources</c>, <c>fact_ids</c> and <c>event_ids</c> columns with <see cref="Utf8JsonWriter"/>,
/// the bytes <see cref="Domain.Records.RecordJson"/> would write (same escaping, nulls written, no indentation), and
/// compared byte for byte by the storage tests. Ingest writes these for every recomputed holding, and the serializer's
/// per-call setup (type metadata lookup, a pooled writer and buffer) cost more than the few values in them.
/// </summary>
internal sealed class HoldingJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ArrayBufferWriter<byte> buffer = new(256);
    private readonly Utf8JsonWriter writer;

    public HoldingJson() => writer = new Utf8JsonWriter(buffer, Options);

    /// <summary>A holding's column values, in the order of <see cref="DapperKnowledgeStore.HoldingInsertColumns"/>.</summary>
    public object?[] Values(Holding h) =>
    [
        VocabularyText.Of(h.Kind), h.Holder.Id, h.Holder.Name, h.Place.Id, h.Place.Name, h.Since?.ToString(), h.Until?.ToString(),
        h.FirstDay is { } f ? DapperKnowledgeStore.DayNumber(f) : null, h.LastDay is { } l ? DapperKnowledgeStore.DayNumber(l) : null,
        DapperKnowledgeStore.QuantityJson(h.Quantity), Sources(h.Sources), Ids(h.FactIds), Ids(h.EventIds),
        StateLineReader.SourceIds(h.Sources), StateLine.LatestDay(h.Sources) is { } latest ? DapperKnowledgeStore.DayNumber(latest) : null,
        h.FactIds.Count > 0 ? h.FactIds[0] : null,
    ];

    /// <summary><c>[{"id":"…","published":"2026-01-18"}, …]</c> (<c>null</c> for an undated source).</summary>
    public string Sources(IReadOnlyList<DocumentRef> sources)
    {
        Begin();
        Span<byte> date = stackalloc byte[10];
        writer.WriteStartArray();
        foreach (var source in sources)
        {
            writer.WriteStartObject();
            writer.WriteString("id"u8, source.Id);
            if (source.Published is { } published && published.TryFormatAscii(date, out var length))
            {
                // The bytes ToString would give, without a string per source (a row lists every report that named its unit).
                writer.WriteString("published"u8, date[..length]);
            }
            else if (source.Published is { } other)
            {
                writer.WriteString("published"u8, other.ToString());
            }
            else
            {
                writer.WriteNull("published"u8);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        return End();
    }

    /// <summary><c>[1,2,3]</c>.</summary>
    public string Ids(IReadOnlyList<long> ids)
    {
        Begin();
        writer.WriteStartArray();
        foreach (var id in ids)
        {
            writer.WriteNumberValue(id);
        }

        writer.WriteEndArray();
        return End();
    }

    private void Begin()
    {
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
    }

    private string End()
    {
        writer.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
