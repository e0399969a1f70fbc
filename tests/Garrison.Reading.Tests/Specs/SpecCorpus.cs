using System.Text.Json;
using System.Text.Json.Serialization;

namespace Garrison.Reading.Tests.Specs;

/// <summary>
/// A spec file (Recognizers-Text style): cases of input text, dateline and the mentions expected, with offsets.
/// A case marked <c>"known": "failing"</c> documents a gap: its test passes while the gap remains and fails once the
/// gap is closed, so that the mark is removed.
/// </summary>
public sealed class SpecCorpus
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public string Description { get; set; } = string.Empty;

    public List<SpecCase> Cases { get; set; } = [];

    public static SpecCorpus Load(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Specs", fileName);
        return JsonSerializer.Deserialize<SpecCorpus>(File.ReadAllText(path), Json)
               ?? throw new InvalidDataException($"{path}: empty spec file");
    }

    /// <summary>Case numbers for xunit's MemberData (the case itself is looked up by number, so names stay short).</summary>
    public static TheoryData<int> Numbers(string fileName)
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Load(fileName).Cases.Count; i++)
        {
            data.Add(i);
        }

        return data;
    }
}

public sealed class SpecCase
{
    public string Input { get; set; } = string.Empty;

    public string? Dateline { get; set; }

    public List<SpecMention> Expected { get; set; } = [];

    public string? Known { get; set; }

    public string? Note { get; set; }

    public string Source { get; set; } = string.Empty;

    [JsonIgnore]
    public bool KnownFailing => string.Equals(Known, "failing", StringComparison.Ordinal);
}

public sealed class SpecMention
{
    public string Text { get; set; } = string.Empty;

    public int Start { get; set; }

    public int Length { get; set; }

    public JsonElement? Value { get; set; }
}
