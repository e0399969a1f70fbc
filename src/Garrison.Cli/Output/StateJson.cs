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
        var ids = new IdRun();
        writer.WriteStartObject();
        writer.WriteString(At, LocalDatePattern.Iso.Format(state.At));
        writer.WriteStartArray(Presence);
        foreach (var row in state.Presence)
        {
            WriteHolding(writer, ids, Force, row.Force, row.Place, row.Since, row.Until, row.Sources);
        }

        writer.WriteEndArray();
        writer.WriteStartArray(Control);
        foreach (var row in state.Control)
        {
            WriteHolding(writer, ids, Controller, row.Controller, row.Place, row.Since, row.Until, row.Sources);
        }

        writer.WriteEndArray();
        writer.WriteStartArray(TroopLevels);
        foreach (var row in state.TroopLevels)
        {
            WriteTroopLevel(writer, ids, row);
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
    private static void WriteTroopLevel(Utf8JsonWriter writer, IdRun ids, TroopLevelRow row)
    {
        writer.WriteStartObject();
        writer.WriteString(Force, row.Force);
        writer.WriteString(Area, row.Area);
        WriteQuantity(writer, row.Quantity);
        WriteDates(writer, row.Since, row.Until);
        WriteSources(writer, ids, row.Sources);
        if (row.Disputed is null)
        {
            writer.WriteNull(Disputed);
        }
        else
        {
            writer.WriteStartArray(Disputed);
            foreach (var other in row.Disputed)
            {
                WriteTroopLevel(writer, ids, other);
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
    private static void WriteHolding(Utf8JsonWriter writer, IdRun ids, JsonEncodedText holderName, string holder, string place,
        PartialDate? since, PartialDate? until, IReadOnlyList<string> sources)
    {
        writer.WriteStartObject();
        writer.WriteString(holderName, holder);
        writer.WriteString(Place, place);
        WriteDates(writer, since, until);
        WriteSources(writer, ids, sources);
        writer.WriteEndObject();
        FlushWhenFull(writer);
    }

    private static void WriteDates(Utf8JsonWriter writer, PartialDate? since, PartialDate? until)
    {
        PartialDateJson.Write(writer, Since, since);
        PartialDateJson.Write(writer, Until, until);
    }

    /// <summary>
    /// A row's source ids. Those an answer of the state index keeps as ASCII bytes (<see cref="IAsciiStringList"/>) and
    /// that need no escaping are written from the bytes, never built as strings, as one raw run per row (<see cref="IdRun"/>);
    /// any other id through the writer as before.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteSources(Utf8JsonWriter writer, IdRun ids, IReadOnlyList<string> sources)
    {
        writer.WriteStartArray(Sources);
        // The runs are laid out as the indented writer lays out values (the command's output always is).
        if (sources is IAsciiStringList bytes && WriterOptions.Indented)
        {
            var indentation = writer.CurrentDepth * WriterOptions.IndentSize;
            for (var i = 0; i < bytes.Count; i++)
            {
                if (bytes.TryGetAscii(i, out var ascii) && IdRun.NeedsNoEscaping(ascii))
                {
                    ids.Add(ascii, indentation);
                }
                else
                {
                    ids.WriteTo(writer);
                    writer.WriteStringValue(bytes[i]);
                }
            }

            ids.WriteTo(writer);
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

    /// <summary>
    /// Source ids that need no escaping, laid out as the indented writer lays out string values in an array (a comma
    /// between them, each on a new line at the array's indentation, quoted) and handed to it as one raw value, which it
    /// puts after a comma when a value came before, as it would the first of them.
    /// </summary>
    /// <remarks>
    /// At 10^6 facts an answer lists ~150k ids, and the writer's work per value (checks, escaping scan, indentation) was
    /// most of the command's JSON time; the run is a copy. <c>skipInputValidation</c>: the bytes are quoted ASCII the
    /// encoder leaves as they are, and the writer then treats the run as one string value, so what follows it (the next
    /// value's comma, the array's end on its own line) is written as after a string. StateJsonTests compare the bytes
    /// with the serializer's on answers of a seeded base, on ids that need escaping and on ids outside ASCII.
    /// </remarks>
    private sealed class IdRun
    {
        private static readonly byte[] NewLine = Encoding.UTF8.GetBytes(WriterOptions.NewLine);

        /// <summary>
        /// The ASCII bytes the writer's encoder leaves as they are, asked of the encoder once, byte by byte (it decides per
        /// character): asking it of each id went through a general search that cost more than the id's copy.
        /// </summary>
        private static readonly bool[] Plain = [.. Enumerable.Range(0, 128).Select(b => WriterOptions.Encoder!.FindFirstCharacterToEncodeUtf8([(byte)b]) < 0)];

        private byte[] buffer = new byte[1 << 12];
        private int length;

        /// <summary>
        /// By indentation (rows and disputed rows sit at different depths): a comma, the newline and the indentation, put
        /// before each id but the run's first (which starts after the comma).
        /// </summary>
        private readonly Dictionary<int, byte[]> separators = [];

        public static bool NeedsNoEscaping(ReadOnlySpan<byte> ascii)
        {
            foreach (var b in ascii)
            {
                if (b >= Plain.Length || !Plain[b])
                {
                    return false;
                }
            }

            return true;
        }

        public void Add(ReadOnlySpan<byte> id, int indentation)
        {
            if (!separators.TryGetValue(indentation, out var separator))
            {
                separators[indentation] = separator = [(byte)',', .. NewLine, .. Enumerable.Repeat((byte)WriterOptions.IndentCharacter, indentation)];
            }

            var needed = length + separator.Length + id.Length + 2;
            if (needed > buffer.Length)
            {
                Array.Resize(ref buffer, Math.Max(needed, 2 * buffer.Length));
            }

            var start = length == 0 ? 1 : 0;
            separator.AsSpan(start).CopyTo(buffer.AsSpan(length));
            length += separator.Length - start;
            buffer[length++] = (byte)'"';
            id.CopyTo(buffer.AsSpan(length));
            length += id.Length;
            buffer[length++] = (byte)'"';
        }

        /// <summary>Hands the ids added since the last call to the writer as one value.</summary>
        public void WriteTo(Utf8JsonWriter writer)
        {
            if (length > 0)
            {
                writer.WriteRawValue(buffer.AsSpan(0, length), skipInputValidation: true);
                length = 0;
            }
        }
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
