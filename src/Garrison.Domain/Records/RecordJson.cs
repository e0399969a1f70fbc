using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Garrison.Domain.Dates;
using Garrison.Domain.Provenance;
using NodaTime;
using NodaTime.Text;

namespace Garrison.Domain.Records;

/// <summary>
/// The one JSON shape of the public records: snake_case names, enums as snake_case strings,
/// dates as ISO strings at their precision, nulls written (the spec shows them).
/// </summary>
public static class RecordJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    public static string Serialize<T>(T value, bool indented = false) =>
        JsonSerializer.Serialize(value, indented ? Indented : Options);

    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            WriteIndented = indented,
            // Evidence and names are shown as text, never markup; relaxed escaping keeps "’" readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.Converters.Add(new PartialDateConverter());
        options.Converters.Add(new LocalDateConverter());
        options.Converters.Add(new TextSpanConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private sealed class PartialDateConverter : JsonConverter<PartialDate>
    {
        public override PartialDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            PartialDate.Parse(reader.GetString() ?? throw new JsonException("date is null"));

        public override void Write(Utf8JsonWriter writer, PartialDate value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString());
    }

    private sealed class LocalDateConverter : JsonConverter<LocalDate>
    {
        public override LocalDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            LocalDatePattern.Iso.Parse(reader.GetString() ?? "").GetValueOrThrow();

        public override void Write(Utf8JsonWriter writer, LocalDate value, JsonSerializerOptions options) =>
            writer.WriteStringValue(LocalDatePattern.Iso.Format(value));
    }

    private sealed class TextSpanConverter : JsonConverter<TextSpan>
    {
        public override TextSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            int start = 0, end = 0;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("evidence must be an object");
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = reader.GetString();
                reader.Read();
                if (name == "start")
                {
                    start = reader.GetInt32();
                }
                else if (name == "end")
                {
                    end = reader.GetInt32();
                }
                else
                {
                    reader.Skip();
                }
            }

            return new TextSpan(start, end);
        }

        public override void Write(Utf8JsonWriter writer, TextSpan value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteNumber("start", value.Start);
            writer.WriteNumber("end", value.End);
            writer.WriteEndObject();
        }
    }
}
