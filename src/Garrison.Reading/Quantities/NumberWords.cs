using Garrison.Reading.Pipeline;

namespace Garrison.Reading.Quantities;

/// <summary>
/// English cardinal number words from data/lexicon/en/number-words.yml: "five", "twenty-one",
/// "one hundred and fifty", "1.2 million" (with <see cref="Scales"/>), "a dozen". Shared by the date stage
/// ("two days later") and the quantity stage.
/// </summary>
public sealed class NumberWords
{
    public const string FileName = "number-words.yml";

    private static readonly Lazy<NumberWords> LazyDefault = new(() => Load(LexiconYaml.DefaultPath(FileName)));

    public NumberWords(
        IReadOnlyDictionary<string, long> units,
        IReadOnlyDictionary<string, long> tens,
        IReadOnlyDictionary<string, long> hundreds,
        IReadOnlyDictionary<string, long> scales,
        IReadOnlyDictionary<string, long> articleCounts,
        IEnumerable<string> articles)
    {
        Units = Lower(units);
        Tens = Lower(tens);
        Hundreds = Lower(hundreds);
        Scales = Lower(scales);
        ArticleCounts = Lower(articleCounts);
        Articles = new HashSet<string>(articles, StringComparer.OrdinalIgnoreCase);
    }

    public static NumberWords Default => LazyDefault.Value;

    public IReadOnlyDictionary<string, long> Units { get; }

    public IReadOnlyDictionary<string, long> Tens { get; }

    public IReadOnlyDictionary<string, long> Hundreds { get; }

    public IReadOnlyDictionary<string, long> Scales { get; }

    /// <summary>Words the article counts as one before: "a dozen" = 12, "a hundred" = 100.</summary>
    public IReadOnlyDictionary<string, long> ArticleCounts { get; }

    public IReadOnlySet<string> Articles { get; }

    /// <summary>Every number word, for building patterns.</summary>
    public IEnumerable<string> AllWords => Units.Keys.Concat(Tens.Keys).Concat(Hundreds.Keys).Concat(Scales.Keys).Distinct();

    public static NumberWords Load(string path)
    {
        var file = LexiconYaml.Read<NumberWordsFile>(path);
        return new NumberWords(file.Units, file.Tens, file.Hundred, file.Scales, file.ArticleCounts, file.Articles);
    }

    /// <summary>
    /// Reads a run of number words ("twenty-one", "two hundred and fifty", "a dozen", "three thousand") into its value.
    /// False for a run that is not one number ("two three", "hundred twenty hundred").
    /// </summary>
    public bool TryParse(string text, out long value)
    {
        value = 0;
        var words = text.ToLowerInvariant()
            .Split([' ', '-', '\u2010', '\n', '\t', '\u00A0'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w != "and")
            .ToList();
        if (words.Count == 0)
        {
            return false;
        }

        if (words.Count == 2 && Articles.Contains(words[0]) && ArticleCounts.TryGetValue(words[1], out var counted))
        {
            value = counted;
            return true;
        }

        long total = 0;
        long group = 0;
        var last = Part.None;
        foreach (var word in words)
        {
            if (Units.TryGetValue(word, out var unit))
            {
                // A unit follows nothing, a ten ("twenty-one", units below ten only), a hundred or a scale.
                if (last == Part.Unit || (last == Part.Ten && unit >= 10))
                {
                    return false;
                }

                group += unit;
                last = Part.Unit;
            }
            else if (Tens.TryGetValue(word, out var ten))
            {
                if (last is Part.Unit or Part.Ten)
                {
                    return false;
                }

                group += ten;
                last = Part.Ten;
            }
            else if (Hundreds.TryGetValue(word, out var hundred))
            {
                if (last is not (Part.Unit or Part.Ten) || group >= 100)
                {
                    return false;
                }

                group *= hundred;
                last = Part.Hundred;
            }
            else if (Scales.TryGetValue(word, out var scale))
            {
                if (last is Part.None or Part.Scale)
                {
                    return false;
                }

                total += group * scale;
                group = 0;
                last = Part.Scale;
            }
            else
            {
                return false;
            }
        }

        value = total + group;
        return true;
    }

    private static Dictionary<string, long> Lower(IReadOnlyDictionary<string, long> words) =>
        words.ToDictionary(p => p.Key.ToLowerInvariant(), p => p.Value, StringComparer.OrdinalIgnoreCase);

    private enum Part
    {
        None,
        Unit,
        Ten,
        Hundred,
        Scale,
    }

    private sealed class NumberWordsFile
    {
        public Dictionary<string, long> Units { get; set; } = [];

        public Dictionary<string, long> Tens { get; set; } = [];

        public Dictionary<string, long> Hundred { get; set; } = [];

        public Dictionary<string, long> Scales { get; set; } = [];

        public Dictionary<string, long> ArticleCounts { get; set; } = [];

        public List<string> Articles { get; set; } = [];
    }
}
