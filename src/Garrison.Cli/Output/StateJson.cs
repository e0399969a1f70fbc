using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Garrison.Domain.Dates;
using Garrison.Domain.Quantities;
using Garrison.Domain.Records;
using NodaTime.Text;

namespace Garrison.Cli.Output;

/// <summary>
/// The <c>state</c> command's JSON: the same bytes as <c>RecordJson.Serialize(state, indented: true)</c> and a newline,
/// written as UTF-8 straight into a stream in chunks rather than built as one string and transcoded by the console.
/// </summary>
/// <remarks>
/// Hand-written over <see cref="Utf8JsonWriter"/> rather than <see cref="JsonSerializer"/>: at 10^6 facts an answer is
/// ~6k rows listing ~150k source ids (3–5 MB of JSON), and the serializer's string of it cost ten times the query
/// (docs/bench.md, "State command JSON (session 8)"). The writer is the one the serializer writes with, given the same
/// options (indented, relaxed escaping), so spacing and escaping are the serializer's; the field names and their order
/// are the records' (snake_case, in declaration order, nulls written) and a test compares the two on real answers.
/// Each source id is written as it comes (the writer's ASCII check and copy), not encoded once per distinct id and looked
/// up: the lookups and the ~38k encoded copies cost twice the writing they saved. The methods that run per row are
/// compiled optimized at once (<see cref="MethodImplOptions.AggressiveOptimization"/>): the command runs them once per
/// process, over ~6k rows, before tiered compilation would have replaced their first, unoptimized code.
/// </remarks>
internal static class StateJson
{
    /// <summary>Pending bytes at which the writer hands its buffer to the stream: a few writes per answer, none large.</summary>
    private const int FlushBytes = 1 << 16;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = RecordJson.Indented.WriteIndented,
        Encoder = RecordJson.Indented.Encoder,
        IndentCharacter = RecordJson.Indented.IndentCharacter,
        IndentSize = RecordJson.Indented.IndentSize,
        NewLine = RecordJson.Indented.NewLine,
    };

    private static readonly JsonEncodedText At = Name("at");
    private static readonly JsonEncodedText Presence = Name("presence");
    private static readonly JsonEncodedText Control = Name("control");
    private static readonly JsonEncodedText TroopLevels = Name("troop_levels");
    private static readonly JsonEncodedText Force = Name("force");
    private static readonly JsonEncodedText Place = Name("place");
    private static readonly JsonEncodedText Controller = Name("controller");
    private static readonly JsonEncodedText Area = Name("area");
    private static readonly JsonEncodedText QuantityName = Name("quantity");
    private static readonly JsonEncodedText Value = Name("value");
    private static readonly JsonEncodedText Low = Name("low");
    private static readonly JsonEncodedText High = Name("high");
    private static readonly JsonEncodedText Approx = Name("approx");
    private static readonly JsonEncodedText Since = Name("since");
    private static readonly JsonEncodedText Until = Name("until");
    private static readonly JsonEncodedText Sources = Name("sources");
    private static readonly JsonEncodedText Disputed = Name("disputed");

    /// <summary>Writes <paramref name="state"/> and a newline to <paramref name="output"/> as UTF-8.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Write(StateRecord state, Stream output)
    {
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        writer.WriteStartObject();
        writer.WriteString(At, LocalDatePattern.Iso.Format(state.At));
        writer.WriteStartArray(Presence);
        foreach (var row in state.Presence)
        {
            WriteHolding(writer, Force, row.Force, row.Place, row.Since, row.Until, row.Sources);
        }

        writer.WriteEndArray();
        writer.WriteStartArray(Control);
        foreach (var row in state.Control)
        {
            WriteHolding(writer, Controller, row.Controller, row.Place, row.Since, row.Until, row.Sources);
        }

        writer.WriteEndArray();
        writer.WriteStartArray(TroopLevels);
        foreach (var row in state.TroopLevels)
        {
            WriteTroopLevel(writer, row);
            FlushWhenFull(writer);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        output.Write(Encoding.UTF8.GetBytes(WriterOptions.NewLine));
        output.Flush();
    }

    /// <summary>The JSON as text, for a writer that is not the console's (tests capture output in a StringWriter).</summary>
    public static string ToText(StateRecord state)
    {
        using var buffer = new MemoryStream();
        Write(state, buffer);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteTroopLevel(Utf8JsonWriter writer, TroopLevelRow row)
    {
        writer.WriteStartObject();
        writer.WriteString(Force, row.Force);
        writer.WriteString(Area, row.Area);
        WriteQuantity(writer, row.Quantity);
        WriteDates(writer, row.Since, row.Until);
        WriteSources(writer, row.Sources);
        if (row.Disputed is null)
        {
            writer.WriteNull(Disputed);
        }
        else
        {
            writer.WriteStartArray(Disputed);
            foreach (var other in row.Disputed)
            {
                WriteTroopLevel(writer, other);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteQuantity(Utf8JsonWriter writer, Quantity quantity)
    {
        writer.WriteStartObject(QuantityName);
        WriteNumber(writer, Value, quantity.Value);
        WriteNumber(writer, Low, quantity.Low);
        WriteNumber(writer, High, quantity.High);
        writer.WriteBoolean(Approx, quantity.Approx);
        writer.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter writer, JsonEncodedText name, long? number)
    {
        if (number is { } value)
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    /// <summary>A presence or control row: the holder under its own field name, the place, dates and sources.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteHolding(Utf8JsonWriter writer, JsonEncodedText holderName, string holder, string place,
        PartialDate? since, PartialDate? until, IReadOnlyList<string> sources)
    {
        writer.WriteStartObject();
        writer.WriteString(holderName, holder);
        writer.WriteString(Place, place);
        WriteDates(writer, since, until);
        WriteSources(writer, sources);
        writer.WriteEndObject();
        FlushWhenFull(writer);
    }

    private static void WriteDates(Utf8JsonWriter writer, PartialDate? since, PartialDate? until)
    {
        WriteDate(writer, Since, since);
        WriteDate(writer, Until, until);
    }

    private static void WriteDate(Utf8JsonWriter writer, JsonEncodedText name, PartialDate? date)
    {
        if (date is { } value)
        {
            writer.WriteString(name, value.ToString());
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    /// <summary>
    /// A row's source ids; those an answer of the state index keeps as ASCII bytes (<see cref="IAsciiStringList"/>) are
    /// written from the bytes, never built as strings: the writer checks and escapes ASCII bytes as it does the same
    /// characters of a string, so the output is the same (a test compares them on ids with quotes and control characters).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteSources(Utf8JsonWriter writer, IReadOnlyList<string> sources)
    {
        writer.WriteStartArray(Sources);
        if (sources is IAsciiStringList bytes)
        {
            for (var i = 0; i < bytes.Count; i++)
            {
                if (bytes.TryGetAscii(i, out var ascii))
                {
                    writer.WriteStringValue(ascii);
                }
                else
                {
                    writer.WriteStringValue(bytes[i]);
                }
            }
        }
        else
        {
            for (var i = 0; i < sources.Count; i++)
            {
                writer.WriteStringValue(sources[i]);
            }
        }

        writer.WriteEndArray();
    }

    private static void FlushWhenFull(Utf8JsonWriter writer)
    {
        if (writer.BytesPending >= FlushBytes)
        {
            writer.Flush();
        }
    }

    private static JsonEncodedText Name(string name) => JsonEncodedText.Encode(name, WriterOptions.Encoder);
}
