using System.Text;
using Garrison.Reading.Matching;
using Garrison.Reading.Names;

namespace Garrison.Reading.Tests.Matching;

/// <summary>
/// The one split of a text (<see cref="TextSplit"/>: words and runs of letters and digits in one walk) against the two
/// walks it replaced: the words <see cref="WordScanner.Scan(string, int, int)"/> gives alone, and the runs a plain
/// walk with <see cref="char.IsLetter(char)"/> and <see cref="char.IsDigit(char)"/> finds.
/// </summary>
public sealed class TextSplitTests
{
    // Words whose runs differ from the word: apostrophes inside and after, possessives, dotted capitals (and dotted
    // capitals run into a word), digits inside words, hyphens, letters and digits outside ASCII, other numbers, marks.
    private static readonly string[] Pieces =
    [
        "Kata'ib", "Iraq’s", "soldiers'", "U.S.", "U.S.A", "A.B.Cd", "e.g.", "F-16", "3rd", "M4A1", "1,000", "mid-2019", "2014",
        "May", "the", "at least", "ISAF", "café", "naïve", "Ωmega", "Σσ", "İstanbul", "ß", "٣", "5٣", "a٣", "ⅷ", "²", "x²",
        "\u0301", "e\u0301", "𝒜", "K", "\u212Aelvin", "O'Neil's", "1abcdefgX", "ABCDEFGHIj", "abcdefgh1", "Abcdefghijklmnop", "abcdefgh", "'", "’", "-", "‐", "–", "—", " ", " ", "\n", ", ", ".", "_",
    ];

    private static readonly string[] Separators = [" ", " ", "", "-", "'", "’", ".", "\n", "\u00A0"];

    private static IEnumerable<string> GeneratedTexts()
    {
        var random = new Random(20261203);
        for (var n = 0; n < 5000; n++)
        {
            var text = new StringBuilder();
            for (var k = random.Next(0, 16); k > 0; k--)
            {
                text.Append(Pieces[random.Next(Pieces.Length)]).Append(Separators[random.Next(Separators.Length)]);
            }

            yield return text.ToString();
        }
    }

    private static IEnumerable<string> RealTexts()
    {
        return RealReports.Texts();
    }

    [Fact]
    public void Generated_texts_split_into_the_words_and_runs_of_the_separate_walks()
    {
        foreach (var key in new[] { "kataib", "iraq", "us", "f", "16", "3rd", "the", "may", "café", "istanbul", "oneil" })
        {
            WordVocabulary.Register(key);
        }

        var count = 0;
        foreach (var text in GeneratedTexts())
        {
            count += AssertSplitAsSeparateWalks(text);
        }

        Assert.True(count > 20_000, $"only {count} words and runs: the texts do not test the split");
    }

    [Fact]
    public void Real_reports_split_into_the_words_and_runs_of_the_separate_walks()
    {
        var texts = RealTexts().ToList();
        Assert.NotEmpty(texts);
        foreach (var text in texts)
        {
            AssertSplitAsSeparateWalks(text);
        }
    }

    [Fact]
    public void Digits_inside_words_apostrophes_and_dotted_capitals_make_runs_of_their_own()
    {
        var text = "F-16s and 3rd M4A1 of U.S.A Kata'ib’s café5 x²";
        var split = TextSplit.Of(text);

        Assert.Equal(["F", "16s", "and", "3rd", "M4A1", "of", "U.S.", "A", "Kata'ib’s", "café5", "x²"], split.Words.Select(w => w.Text));
        Assert.Equal(
            ["F", "16", "s", "and", "3", "rd", "M", "4", "A", "1", "of", "U", "S", "A", "Kata", "ib", "s", "café", "5", "x"],
            split.Runs.ToArray().Select(r => text.Substring(r.Start, r.Length)));
        Assert.Equal(RuleStarts.RunKind.OtherLetters, split.Runs[^3].Kind);
        Assert.Equal(RuleStarts.RunKind.Digits, split.Runs[^2].Kind);
    }

    [Fact]
    public void The_split_is_kept_for_the_same_text_and_made_again_for_a_new_key()
    {
        var text = new string("zqsplitkey and zqsplitkey".AsSpan());
        List<Word> first;
        int version;
        do
        {
            // Other tests register keys in parallel, and any new key makes the split again: asked until none did.
            version = WordVocabulary.Version;
            first = TextSplit.Of(text).Words;
            var second = TextSplit.Of(text).Words;
            if (WordVocabulary.Version == version)
            {
                Assert.Same(first, second);
            }
        }
        while (WordVocabulary.Version != version);

        Assert.All(first.Where(w => w.Text == "zqsplitkey"), w => Assert.Equal(WordVocabulary.Unknown, w.Id));

        // A lexicon registering the key after the split: the words are split again and carry its id.
        var id = WordVocabulary.Register("zqsplitkey");
        var again = TextSplit.Of(text).Words;
        Assert.NotSame(first, again);
        Assert.Equal([id, id], again.Where(w => w.Text == "zqsplitkey").Select(w => w.Id));

        // An equal text in another string is split on its own (the split is kept by instance).
        Assert.NotSame(again, TextSplit.Of(new string(text.AsSpan())).Words);
    }

    private static int AssertSplitAsSeparateWalks(string text)
    {
        List<Word> words, splitWords;
        RuleStarts.Run[] splitRuns;
        int version;
        do
        {
            // Other tests register keys in parallel: both splits are taken again until no key came between them.
            version = WordVocabulary.Version;
            var split = TextSplit.Of(text);
            (splitWords, splitRuns) = (split.Words, split.Runs.ToArray());
            words = WordScanner.Scan(text);
        }
        while (WordVocabulary.Version != version);

        Assert.True(words.Select(Describe).SequenceEqual(splitWords.Select(Describe)), $"words differ, text: {text}");
        foreach (var run in splitRuns.Where(r => r.WordId != RuleStarts.Run.PartOfWord))
        {
            // A run that carries a word's id is that whole word, of ASCII letters.
            Assert.Contains(words, w => w.Span.Start == run.Start && w.Span.Length == run.Length && w.Id == run.WordId);
            Assert.Equal(RuleStarts.RunKind.AsciiLetters, run.Kind);
        }

        var runs = splitRuns.Select(r => (r.Start, r.Length, r.Kind.ToString())).ToList();
        Assert.True(RuleStartsRunsTests.Walk(text).SequenceEqual(runs), $"runs differ, text: {text}");
        return words.Count + runs.Count;
    }

    private static (int, int, int, bool, bool, bool, bool, string) Describe(Word w) =>
        (w.Span.Start, w.Span.Length, w.Id, w.Possessive, w.HyphenAfter, w.IsCapitalised, w.IsAllCaps, w.Key);
}
