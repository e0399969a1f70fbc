using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Garrison.Domain.Dates;
using Garrison.Domain.Provenance;
using Garrison.Domain.Quantities;

namespace Garrison.Domain.Records;

/// <summary>
/// One extraction record as <c>garrison extract</c> prints it: the same text as <c>RecordJson.Serialize(record)</c>
/// (one line, snake_case names in declaration order, nulls written, relaxed escaping), written straight through
/// <see cref="Utf8JsonWriter"/> rather than by <see cref="JsonSerializer"/>.
/// </summary>
/// <remarks>
/// Why by hand: a record is ~30 KB of JSON (every entity with its aliases), and the serializer's walk over its metadata
/// cost about half as much CPU as reading the report (docs/bench.md, "extract's JSON (session 14)"). The source
/// generator's fast path would be the library's answer, but it is used only when the options carry no encoder and no
/// converters, and the record needs both (relaxed escaping, ISO partial dates, evidence spans, snake_case enum names).
/// The writer is the one the serializer writes with, given the same options, so escaping and number text are the
/// serializer's; the enum names are taken from the serializer once per value; a test compares the two on every
/// record of real and generated reports.
/// </remarks>
public static class ExtractionRecordJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = RecordJson.Options.Encoder,
        Indented = false,
        // The shapes below are fixed and a test holds them equal to the serializer's; the writer's own nesting checks
        // would repeat that for every value.
        SkipValidation = true,
    };

    /// <summary>Each thread's buffer and writer, reused from record to record (extract writes on all threads).</summary>
    [ThreadStatic]
    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer)? perThread;

    /// <summary>The record's JSON text, as <c>RecordJson.Serialize(record)</c> gives it.</summary>
    public static string Serialize(ExtractionRecord record) => Encoding.UTF8.GetString(Written(record));

    /// <summary>The record's JSON as UTF-8 bytes: what a writer to a UTF-8 stream would make of <see cref="Serialize"/>.</summary>
    public static byte[] SerializeToUtf8Bytes(ExtractionRecord record) => Written(record).ToArray();

    /// <summary>The record written into this thread's buffer; valid until the thread writes the next one.</summary>
    private static ReadOnlySpan<byte> Written(ExtractionRecord record)
    {
        var (buffer, writer) = perThread is { } kept && kept.Buffer.Capacity <= KeptBufferBytes
            ? kept
            // The first record on this thread, or one after an unusually long record, whose buffer should not stay
            // pinned to the thread for the rest of the run.
            : (perThread = NewWriter()).Value;

        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        Write(writer, record);
        writer.Flush();
        return buffer.WrittenSpan;
    }

    /// <summary>Buffers up to this size stay with their thread (a record is ~30 KB; a long one a few hundred).</summary>
    private const int KeptBufferBytes = 1 << 20;

    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer) NewWriter()
    {
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        return (buffer, new Utf8JsonWriter(buffer, WriterOptions));
    }

    /// <summary>Writes <paramref name="record"/> as one JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, ExtractionRecord record)
    {
        writer.WriteStartObject();
        writer.WritePropertyName(Names.Document);
        WriteDocument(writer, record.Document);

        writer.WriteStartArray(Names.Entities);
        foreach (var entity in record.Entities)
        {
            WriteEntity(writer, entity);
        }

        writer.WriteEndArray();

        writer.WriteStartArray(Names.Events);
        foreach (var item in record.Events)
        {
            WriteEvent(writer, item);
        }

        writer.WriteEndArray();

        writer.WriteStartArray(Names.Facts);
        foreach (var fact in record.Facts)
        {
            WriteFact(writer, fact);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteDocument(Utf8JsonWriter writer, DocumentInfo document)
    {
        writer.WriteStartObject();
        writer.WriteString(Names.Id, document.Id);
        PartialDateJson.Write(writer, Names.Published, document.Published);
        WriteString(writer, Names.Outlet, document.Outlet);
        WriteString(writer, Names.Title, document.Title);
        WriteString(writer, Names.Url, document.Url);
        WriteStrings(writer, Names.Authors, document.Authors);
        writer.WriteEndObject();
    }

    /// <summary>An entity, from <see cref="EntityJson"/>'s copy of its bytes when it has one.</summary>
    private static void WriteEntity(Utf8JsonWriter writer, EntityRecord entity) =>
        writer.WriteRawValue(EntityJson.Of(entity), skipInputValidation: true);

    private static void WriteEntityFields(Utf8JsonWriter writer, EntityRecord entity)
    {
        writer.WriteStartObject();
        writer.WriteString(Names.Name, entity.Name);
        EnumNames<EntityKind>.Write(writer, Names.Kind, entity.Kind);
        WriteStrings(writer, Names.Aliases, entity.Aliases);
        WriteString(writer, Names.Admin1, entity.Admin1);
        WriteString(writer, Names.Country, entity.Country);
        WriteNumber(writer, Names.Lat, entity.Lat);
        WriteNumber(writer, Names.Lon, entity.Lon);
        WriteString(writer, Names.Ref, entity.Ref);
        writer.WriteEndObject();
    }

    private static void WriteEvent(Utf8JsonWriter writer, EventRecord item)
    {
        writer.WriteStartObject();
        EnumNames<EventType>.Write(writer, Names.Type, item.Type);
        EnumNames<EventStatus>.Write(writer, Names.Status, item.Status);
        WriteDateSpan(writer, Names.Date, item.Date);
        WriteStrings(writer, Names.Actors, item.Actors);
        WriteStrings(writer, Names.Targets, item.Targets);
        WriteString(writer, Names.Place, item.Place);
        WriteString(writer, Names.Admin1, item.Admin1);
        WriteString(writer, Names.Country, item.Country);
        WriteCasualties(writer, item.Casualties);
        WriteQuantity(writer, Names.Quantity, item.Quantity);
        WriteString(writer, Names.AttributedTo, item.AttributedTo);
        WriteEvidence(writer, item.Evidence);
        WriteString(writer, Names.Origin, item.Origin);
        writer.WriteBoolean(Names.PlaceInferred, item.PlaceInferred);
        writer.WriteEndObject();
    }

    private static void WriteFact(Utf8JsonWriter writer, FactRecord fact)
    {
        writer.WriteStartObject();
        writer.WriteString(Names.Subject, fact.Subject);
        EnumNames<Relation>.Write(writer, Names.Relation, fact.Relation);
        WriteString(writer, Names.Object, fact.Object);
        WriteQuantity(writer, Names.Quantity, fact.Quantity);
        WriteDateSpan(writer, Names.Valid, fact.Valid);
        WriteString(writer, Names.AttributedTo, fact.AttributedTo);
        WriteEvidence(writer, fact.Evidence);
        WriteString(writer, Names.Value, fact.Value);
        WriteString(writer, Names.Condition, fact.Condition);
        writer.WriteEndObject();
    }

    private static void WriteCasualties(Utf8JsonWriter writer, Casualties? casualties)
    {
        if (casualties is null)
        {
            writer.WriteNull(Names.Casualties);
            return;
        }

        writer.WriteStartObject(Names.Casualties);
        WriteQuantity(writer, Names.Killed, casualties.Killed);
        WriteQuantity(writer, Names.Injured, casualties.Injured);
        writer.WriteEndObject();
    }

    private static void WriteQuantity(Utf8JsonWriter writer, JsonEncodedText name, Quantity? quantity)
    {
        if (quantity is null)
        {
            writer.WriteNull(name);
            return;
        }

        writer.WriteStartObject(name);
        WriteNumber(writer, Names.Value, quantity.Value);
        WriteNumber(writer, Names.Low, quantity.Low);
        WriteNumber(writer, Names.High, quantity.High);
        writer.WriteBoolean(Names.Approx, quantity.Approx);
        writer.WriteEndObject();
    }

    private static void WriteDateSpan(Utf8JsonWriter writer, JsonEncodedText name, DateSpan? span)
    {
        if (span is null)
        {
            writer.WriteNull(name);
            return;
        }

        writer.WriteStartObject(name);
        PartialDateJson.Write(writer, Names.From, span.From);
        PartialDateJson.Write(writer, Names.To, span.To);
        writer.WriteBoolean(Names.Approx, span.Approx);
        writer.WriteEndObject();
    }

    /// <summary>Evidence spans as their converter writes them: <c>{"start": …, "end": …}</c>.</summary>
    private static void WriteEvidence(Utf8JsonWriter writer, IReadOnlyList<TextSpan>? evidence)
    {
        if (evidence is null)
        {
            writer.WriteNull(Names.Evidence);
            return;
        }

        writer.WriteStartArray(Names.Evidence);
        for (var i = 0; i < evidence.Count; i++)
        {
            writer.WriteStartObject();
            writer.WriteNumber(Names.Start, evidence[i].Start);
            writer.WriteNumber(Names.End, evidence[i].End);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter writer, JsonEncodedText name, IReadOnlyList<string>? items)
    {
        if (items is null)
        {
            writer.WriteNull(name);
            return;
        }

        writer.WriteStartArray(name);
        for (var i = 0; i < items.Count; i++)
        {
            writer.WriteStringValue(items[i]);
        }

        writer.WriteEndArray();
    }

    private static void WriteString(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, JsonEncodedText name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, JsonEncodedText name, double? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    /// <summary>
    /// Entities' JSON kept by the record instance. Nearly every entity of a record is the lexicon's own record, shared by
    /// every report that names it (96.5 % of the entities of 470 real reports), and entities with their aliases are
    /// ~44 % of a record's bytes: each is encoded once and copied after that. A fixed table of slots picked by the
    /// instance's identity hash, each replaced by the next instance that lands in it, so the records made for one
    /// report (a copy with its unlisted forms, an unknown name) cost a slot for a while and are never held long.
    /// Records are immutable (their lists are not changed once made), and a slot holds its record, so an identity
    /// match is the same content.
    /// </summary>
    private static class EntityJson
    {
        private const int Slots = 1 << 12;

        private static readonly Slot?[] Table = new Slot?[Slots];

        [ThreadStatic]
        private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer)? scratch;

        public static byte[] Of(EntityRecord entity)
        {
            var index = RuntimeHelpers.GetHashCode(entity) & (Slots - 1);
            // One read of the slot: another thread may replace it at any time, and a slot is replaced whole.
            var slot = Volatile.Read(ref Table[index]);
            if (slot is not null && ReferenceEquals(slot.Entity, entity))
            {
                return slot.Json;
            }

            var (buffer, writer) = scratch ??= NewWriter();
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            WriteEntityFields(writer, entity);
            writer.Flush();
            var json = buffer.WrittenSpan.ToArray();
            Volatile.Write(ref Table[index], new Slot(entity, json));
            return json;
        }

        private sealed record Slot(EntityRecord Entity, byte[] Json);
    }

    /// <summary>
    /// Each value's name as the serializer's enum converter writes it (snake_case), asked of the serializer once per
    /// value, so the two cannot name a value differently.
    /// </summary>
    private static class EnumNames<TEnum>
        where TEnum : struct, Enum
    {
        private static readonly Dictionary<TEnum, JsonEncodedText> Known = Enum.GetValues<TEnum>()
            .Distinct()
            .ToDictionary(value => value, value => JsonEncodedText.Encode(RecordJson.Serialize(value).Trim('"'), WriterOptions.Encoder));

        public static void Write(Utf8JsonWriter writer, JsonEncodedText name, TEnum value)
        {
            if (Known.TryGetValue(value, out var text))
            {
                writer.WriteString(name, text);
                return;
            }

            // A value the enum does not define: whatever the serializer makes of it (its number), as it is.
            writer.WritePropertyName(name);
            writer.WriteRawValue(RecordJson.Serialize(value), skipInputValidation: true);
        }
    }

    /// <summary>The records' property names as the options' snake_case policy spells them.</summary>
    private static class Names
    {
        public static readonly JsonEncodedText Document = Encode("document");
        public static readonly JsonEncodedText Entities = Encode("entities");
        public static readonly JsonEncodedText Events = Encode("events");
        public static readonly JsonEncodedText Facts = Encode("facts");
        public static readonly JsonEncodedText Id = Encode("id");
        public static readonly JsonEncodedText Published = Encode("published");
        public static readonly JsonEncodedText Outlet = Encode("outlet");
        public static readonly JsonEncodedText Title = Encode("title");
        public static readonly JsonEncodedText Url = Encode("url");
        public static readonly JsonEncodedText Authors = Encode("authors");
        public static readonly JsonEncodedText Name = Encode("name");
        public static readonly JsonEncodedText Kind = Encode("kind");
        public static readonly JsonEncodedText Aliases = Encode("aliases");
        public static readonly JsonEncodedText Admin1 = Encode("admin1");
        public static readonly JsonEncodedText Country = Encode("country");
        public static readonly JsonEncodedText Lat = Encode("lat");
        public static readonly JsonEncodedText Lon = Encode("lon");
        public static readonly JsonEncodedText Ref = Encode("ref");
        public static readonly JsonEncodedText Type = Encode("type");
        public static readonly JsonEncodedText Status = Encode("status");
        public static readonly JsonEncodedText Date = Encode("date");
        public static readonly JsonEncodedText Actors = Encode("actors");
        public static readonly JsonEncodedText Targets = Encode("targets");
        public static readonly JsonEncodedText Place = Encode("place");
        public static readonly JsonEncodedText Casualties = Encode("casualties");
        public static readonly JsonEncodedText Killed = Encode("killed");
        public static readonly JsonEncodedText Injured = Encode("injured");
        public static readonly JsonEncodedText Quantity = Encode("quantity");
        public static readonly JsonEncodedText AttributedTo = Encode("attributed_to");
        public static readonly JsonEncodedText Evidence = Encode("evidence");
        public static readonly JsonEncodedText Origin = Encode("origin");
        public static readonly JsonEncodedText PlaceInferred = Encode("place_inferred");
        public static readonly JsonEncodedText Subject = Encode("subject");
        public static readonly JsonEncodedText Relation = Encode("relation");
        public static readonly JsonEncodedText Object = Encode("object");
        public static readonly JsonEncodedText Valid = Encode("valid");
        public static readonly JsonEncodedText Value = Encode("value");
        public static readonly JsonEncodedText Condition = Encode("condition");
        public static readonly JsonEncodedText Low = Encode("low");
        public static readonly JsonEncodedText High = Encode("high");
        public static readonly JsonEncodedText Approx = Encode("approx");
        public static readonly JsonEncodedText From = Encode("from");
        public static readonly JsonEncodedText To = Encode("to");
        public static readonly JsonEncodedText Start = Encode("start");
        public static readonly JsonEncodedText End = Encode("end");

        private static JsonEncodedText Encode(string name) => JsonEncodedText.Encode(name, WriterOptions.Encoder);
    }
}
