using System.Text.Json;
using Garrison.Domain.Dates;

namespace Garrison.Domain.Records;

/// <summary>Partial dates written by hand-made JSON writers (the state command's, extract's) as the records' converter writes them.</summary>
public static class PartialDateJson
{
    /// <summary>
    /// A date as <see cref="PartialDate.ToString"/> writes it ("2014", "2020-01", "2026-01-18"), or null, from bytes on
    /// the stack (<see cref="PartialDate.TryFormatAscii"/>) rather than a string per row and field; digits and hyphens,
    /// so the writer has nothing to escape either way.
    /// </summary>
    public static void Write(Utf8JsonWriter writer, JsonEncodedText name, PartialDate? date)
    {
        if (date is not { } value)
        {
            writer.WriteNull(name);
            return;
        }

        Span<byte> text = stackalloc byte[10];
        if (value.TryFormatAscii(text, out var written))
        {
            writer.WriteString(name, text[..written]);
        }
        else
        {
            writer.WriteString(name, value.ToString());
        }
    }
}
