using System.Text.Json;
using Garrison.Domain.Dates;
using Garrison.Reading.Dates;
using Garrison.Reading.Tests.Specs;

namespace Garrison.Reading.Tests.Dates;

/// <summary>Runs every case of Specs/dates.json.</summary>
public sealed class DateSpecTests
{
    private const string File = "dates.json";
    private static readonly SpecCorpus Corpus = SpecCorpus.Load(File);
    private static readonly DateRecognizer Recognizer = new();

    public static TheoryData<int> Cases => SpecCorpus.Numbers(File);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Dates_spec(int number)
    {
        var spec = Corpus.Cases[number];
        var dateline = spec.Dateline is null ? (PartialDate?)null : PartialDate.Parse(spec.Dateline);

        var found = Recognizer.Recognize(spec.Input, dateline)
            .Select(m => Describe(m.Span.Slice(spec.Input), m.Span.Start, m.Span.Length, m.Value.IsUnknown ? null : Show(m.Value)))
            .ToList();
        var expected = spec.Expected
            .Select(e => Describe(e.Text, e.Start, e.Length, e.Value is { ValueKind: JsonValueKind.Object } v ? Show(v) : null))
            .ToList();

        if (spec.KnownFailing)
        {
            Assert.False(expected.SequenceEqual(found), $"case {number} is marked known failing but passes now: remove the mark");
        }
        else
        {
            Assert.Equal(expected, found);
        }
    }

    private static string Describe(string text, int start, int length, string? value) => $"'{text}' @{start}+{length} = {value ?? "unresolved"}";

    private static string Show(DateSpan span) => $"{span.From?.ToString() ?? "null"}/{span.To?.ToString() ?? "null"}{(span.Approx ? " ~" : string.Empty)}";

    private static string Show(JsonElement value)
    {
        static string End(JsonElement e, string name) =>
            e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : "null";

        var approx = value.TryGetProperty("approx", out var a) && a.ValueKind == JsonValueKind.True;
        return $"{End(value, "from")}/{End(value, "to")}{(approx ? " ~" : string.Empty)}";
    }
}
