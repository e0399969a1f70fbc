using System.Text.Json;
using Garrison.Domain.Dates;
using Garrison.Domain.Quantities;
using Garrison.Reading.Dates;
using Garrison.Reading.Quantities;
using Garrison.Reading.Tests.Specs;

namespace Garrison.Reading.Tests.Quantities;

/// <summary>Runs every case of Specs/quantities.json; dates are recognised first and skipped, as in the pipeline.</summary>
public sealed class QuantitySpecTests
{
    private const string File = "quantities.json";
    private static readonly SpecCorpus Corpus = SpecCorpus.Load(File);
    private static readonly DateRecognizer Dates = new();
    private static readonly QuantityRecognizer Recognizer = new();

    public static TheoryData<int> Cases => SpecCorpus.Numbers(File);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Quantities_spec(int number)
    {
        var spec = Corpus.Cases[number];
        var dateline = spec.Dateline is null ? (PartialDate?)null : PartialDate.Parse(spec.Dateline);
        var dates = Dates.Recognize(spec.Input, dateline).Select(d => d.Span).ToList();

        var found = Recognizer.Recognize(spec.Input, dates)
            .Select(m => Describe(m.Span.Slice(spec.Input), m.Span.Start, m.Span.Length, Show(m.Value)))
            .ToList();
        var expected = spec.Expected.Select(e => Describe(e.Text, e.Start, e.Length, Show(e.Value!.Value))).ToList();

        if (spec.KnownFailing)
        {
            Assert.False(expected.SequenceEqual(found), $"case {number} is marked known failing but passes now: remove the mark");
        }
        else
        {
            Assert.Equal(expected, found);
        }
    }

    private static string Describe(string text, int start, int length, string value) => $"'{text}' @{start}+{length} = {value}";

    private static string Show(Quantity q) => $"value={q.Value?.ToString() ?? "null"} low={q.Low?.ToString() ?? "null"} high={q.High?.ToString() ?? "null"}{(q.Approx ? " ~" : string.Empty)}";

    private static string Show(JsonElement v)
    {
        static long? Get(JsonElement e, string name) =>
            e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt64() : null;

        var approx = v.TryGetProperty("approx", out var a) && a.ValueKind == JsonValueKind.True;
        return Show(new Quantity(Get(v, "value"), Get(v, "low"), Get(v, "high"), approx));
    }
}
