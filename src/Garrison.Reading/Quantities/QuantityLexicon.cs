using Garrison.Lexicons;
using Garrison.Reading.Pipeline;

namespace Garrison.Reading.Quantities;

/// <summary>The words around numbers, from data/lexicon/en/quantity-words.yml and number-words.yml.</summary>
public sealed class QuantityLexicon
{
    public const string FileName = "quantity-words.yml";

    private static readonly Lazy<QuantityLexicon> LazyDefault = new(() =>
        Load(Path.Combine(DataDirectory.Locate(), "lexicon", "en")));

    private QuantityLexicon(QuantityWordsFile file, NumberWords numbers)
    {
        Approximate = file.Approximate;
        MoreThan = file.MoreThan;
        AtLeast = file.AtLeast;
        FewerThan = file.FewerThan;
        UpTo = file.UpTo;
        Vague = new Dictionary<string, long>(file.Vague, StringComparer.OrdinalIgnoreCase);
        MeasureUnits = file.MeasureUnits;
        OverIsPlaceAfter = new HashSet<string>(file.OverIsPlaceAfter, StringComparer.OrdinalIgnoreCase);
        OverIsPlaceBefore = new HashSet<string>(file.OverIsPlaceBefore, StringComparer.OrdinalIgnoreCase);
        OneNotAfter = new HashSet<string>(file.OneNotAfter, StringComparer.OrdinalIgnoreCase);
        OneNotBefore = new HashSet<string>(file.OneNotBefore, StringComparer.OrdinalIgnoreCase);
        Numbers = numbers;
    }

    public static QuantityLexicon Default => LazyDefault.Value;

    /// <summary>"around", "roughly", "nearly": the value is kept and marked approximate.</summary>
    public IReadOnlyList<string> Approximate { get; }

    /// <summary>"more than N": at least N + 1.</summary>
    public IReadOnlyList<string> MoreThan { get; }

    /// <summary>"at least N": at least N.</summary>
    public IReadOnlyList<string> AtLeast { get; }

    /// <summary>"fewer than N": at most N - 1.</summary>
    public IReadOnlyList<string> FewerThan { get; }

    /// <summary>"up to N": at most N.</summary>
    public IReadOnlyList<string> UpTo { get; }

    /// <summary>"scores of" → 40: a lower bound with no value.</summary>
    public IReadOnlyDictionary<string, long> Vague { get; }

    public IReadOnlyList<string> MeasureUnits { get; }

    /// <summary>Words after which "over" is a preposition of place ("shot down over nine regions").</summary>
    public IReadOnlySet<string> OverIsPlaceAfter { get; }

    /// <summary>Nouns of places: "over nine regions" is where, not how many.</summary>
    public IReadOnlySet<string> OverIsPlaceBefore { get; }

    public IReadOnlySet<string> OneNotAfter { get; }

    public IReadOnlySet<string> OneNotBefore { get; }

    public NumberWords Numbers { get; }

    public static QuantityLexicon Load(string folder) => new(
        LexiconYaml.Read<QuantityWordsFile>(Path.Combine(folder, FileName)),
        NumberWords.Load(Path.Combine(folder, NumberWords.FileName)));

    private sealed class QuantityWordsFile
    {
        public List<string> Approximate { get; set; } = [];

        public List<string> MoreThan { get; set; } = [];

        public List<string> AtLeast { get; set; } = [];

        public List<string> FewerThan { get; set; } = [];

        public List<string> UpTo { get; set; } = [];

        public Dictionary<string, long> Vague { get; set; } = [];

        public List<string> MeasureUnits { get; set; } = [];

        public List<string> OverIsPlaceAfter { get; set; } = [];

        public List<string> OverIsPlaceBefore { get; set; } = [];

        public List<string> OneNotAfter { get; set; } = [];

        public List<string> OneNotBefore { get; set; } = [];
    }
}
