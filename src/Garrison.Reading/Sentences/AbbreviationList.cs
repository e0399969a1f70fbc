using Garrison.Reading.Pipeline;

namespace Garrison.Reading.Sentences;

/// <summary>
/// The abbreviations that stop a full stop from ending a sentence, from data/lexicon/en/abbreviations.yml.
/// ICU's break iterator keeps "U.S." but splits "Lt. Gen." (see ECOSYSTEM.md), so the list is ours to keep.
/// </summary>
public sealed class AbbreviationList
{
    private static readonly Lazy<AbbreviationList> LazyDefault = new(() => Load(LexiconYaml.DefaultPath(FileName)));

    public const string FileName = "abbreviations.yml";

    public AbbreviationList(
        IEnumerable<string> titles,
        IEnumerable<string> months,
        IEnumerable<string> general,
        IEnumerable<string> sentenceStarters)
    {
        Titles = LastWords(titles);
        Months = new HashSet<string>(months, StringComparer.Ordinal);
        General = new HashSet<string>(general, StringComparer.Ordinal);
        SentenceStarters = new HashSet<string>(sentenceStarters, StringComparer.Ordinal);
    }

    /// <summary>The list shipped in Garrison's data folder.</summary>
    public static AbbreviationList Default => LazyDefault.Value;

    /// <summary>Abbreviations before a name ("Gen.", "Dr."): never the end of a sentence.</summary>
    public IReadOnlySet<string> Titles { get; }

    /// <summary>Month abbreviations ("Jan."): not an end when a day number follows.</summary>
    public IReadOnlySet<string> Months { get; }

    /// <summary>Abbreviations that can end a sentence ("U.S."): an end only before a <see cref="SentenceStarters"/> word.</summary>
    public IReadOnlySet<string> General { get; }

    public IReadOnlySet<string> SentenceStarters { get; }

    public static AbbreviationList Load(string path)
    {
        var file = LexiconYaml.Read<AbbreviationFile>(path);
        return new AbbreviationList(file.Titles, file.Months, file.General, file.SentenceStarters);
    }

    // "Lt. Gen." is checked one word at a time, so a multi-word title contributes each of its words.
    private static HashSet<string> LastWords(IEnumerable<string> titles) =>
        new(titles.SelectMany(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(w => w.EndsWith('.')), StringComparer.Ordinal);

    private sealed class AbbreviationFile
    {
        public List<string> Titles { get; set; } = [];

        public List<string> Months { get; set; } = [];

        public List<string> General { get; set; } = [];

        public List<string> SentenceStarters { get; set; } = [];
    }
}
