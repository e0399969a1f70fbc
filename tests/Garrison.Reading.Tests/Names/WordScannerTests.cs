using System.Text;
using System.Text.RegularExpressions;
using Garrison.Domain.Provenance;
using Garrison.Reading.Names;

namespace Garrison.Reading.Tests.Names;

public sealed partial class WordScannerTests
{
    [Fact]
    public void Keys_drop_dots_apostrophes_and_possessives_but_spans_keep_the_text()
    {
        var words = WordScanner.Scan("U.S. and Kata'ib Hezbollah’s men");

        Assert.Equal(["us", "and", "kataib", "hezbollah", "men"], words.Select(w => w.Key));
        Assert.Equal(new TextSpan(0, 4), words[0].Span);
        Assert.True(words[3].Possessive);
        Assert.Equal("Hezbollah’s", words[3].Text);
    }

    [Fact]
    public void A_hyphen_is_noted_on_the_word_before_it()
    {
        var words = WordScanner.Scan("Iran-backed groups");

        Assert.True(words[0].HyphenAfter);
        Assert.False(words[1].HyphenAfter);
    }

    [Fact]
    public void Scan_of_a_slice_keeps_offsets_into_the_whole_text()
    {
        var words = WordScanner.Scan("Kabul. ISAF troops’ base", 7, 11);

        Assert.Equal(["ISAF", "troops"], words.Select(w => w.Text));
        Assert.Equal(new TextSpan(12, 18), words[1].Span);
        Assert.True(words[0].IsAllCaps);
    }

    /// <summary>
    /// Plain ASCII words take a quicker path than the rest: case flags, hyphens, keys and vocabulary ids must come out
    /// as the general rule gives them, for short keys (packed into the vocabulary's slots) and long ones alike.
    /// </summary>
    [Fact]
    public void Plain_ascii_words_get_the_flags_keys_and_ids_of_the_general_rule()
    {
        var shortId = WordVocabulary.Register("zq9ascii");
        var longId = WordVocabulary.Register("zqlongasciikey");

        var words = WordScanner.Scan("ZQ9ASCII-zq9ascii Zqlongasciikey, zq9ascii’s ZQ9ASCIIX zqlongasciikeys A-b7 7");

        Assert.Equal([shortId, shortId, longId, shortId, WordVocabulary.Unknown, WordVocabulary.Unknown], words.Take(6).Select(w => w.Id));
        Assert.Equal(["zq9ascii", "zq9ascii", "zqlongasciikey", "zq9ascii", "zq9asciix", "zqlongasciikeys", "a", "b7", "7"], words.Select(w => w.Key));
        Assert.Equal([true, false, false, false, false, false, true, false, false], words.Select(w => w.HyphenAfter));
        Assert.Equal([true, false, true, false, true, false, true, false, false], words.Select(w => w.IsCapitalised));
        Assert.Equal([true, false, false, false, true, false, false, false, false], words.Select(w => w.IsAllCaps));
        Assert.True(words[3].Possessive);
    }

    /// <summary>
    /// The scanner is hand-written for speed; this regex is the rule it implements. Random text over the characters
    /// that matter (capitals and dots, apostrophes, accents, combining marks, other numbers, hyphens) must split
    /// alike, with the same keys.
    /// </summary>
    [Fact]
    public void Scan_splits_as_the_word_rule_does()
    {
        const string alphabet = "aZk U.S..'’’s-‐–\n,1²ÉéΣσİ\u0301ß’Ab.C.";
        foreach (var key in new[] { "a", "k", "us", "ab", "1", "zk", "abc", "aaaaaaaaa", "éa" })
        {
            WordVocabulary.Register(key);
        }

        var random = new Random(20260118);
        for (var n = 0; n < 3000; n++)
        {
            var text = new StringBuilder();
            for (var k = random.Next(1, 40); k > 0; k--)
            {
                text.Append(alphabet[random.Next(alphabet.Length)]);
            }

            AssertSplitsAsTheRule(text.ToString(), 0, text.Length);
        }
    }

    /// <summary>
    /// Plain ASCII words are read eight characters at a time where eight can be loaded (so not in the last seven
    /// characters of a string, which the tests above mostly exercise): words of every length around eight, in every
    /// case, starting with digits or letters, at every offset, followed by what ends them differently (a hyphen, an
    /// apostrophe, a dot after one capital, a letter outside ASCII, the end of a slice that cuts the word) must split,
    /// flag and look up as the rule does, in the whole text and in slices of it.
    /// </summary>
    [Fact]
    public void Words_read_eight_characters_at_a_time_split_as_the_word_rule_does()
    {
        string[] pieces =
        [
            "a", "Z", "7", "ab", "ABCDEFG", "abcdefgh", "ABCDEFGH", "Abcdefgh", "abcdefghi", "Abcdefghijklmnop", "ABCDEFGHIJK",
            "ABCDEFGHIj", "1abcdefgh", "12345678", "123456789", "abcdefg1", "1abcdefgX", "zq8chars", "zqninechar", "ZQ8CHARS",
            "M4A1", "F", "U", "café", "naïve", "Iraq’s", "Kata'ib", "soldiers'", "İ", "ß", "٣", "²", "𝒜",
        ];
        string[] separators = [" ", " ", "-", "‐", "–", "'", "’", ".", ". ", ",", "", "\n", "\u00A0", "é", "\u0301"];
        foreach (var key in new[] { "zq8chars", "zqninechar", "abcdefgh", "abcdefghi", "abcdefghijklmnop", "m4a1", "a", "7" })
        {
            WordVocabulary.Register(key);
        }

        var random = new Random(20261203);
        var words = 0;
        for (var n = 0; n < 3000; n++)
        {
            var text = new StringBuilder();
            for (var k = random.Next(1, 24); k > 0; k--)
            {
                text.Append(pieces[random.Next(pieces.Length)]).Append(separators[random.Next(separators.Length)]);
            }

            var s = text.ToString();
            words += AssertSplitsAsTheRule(s, 0, s.Length);
            var offset = random.Next(s.Length);
            AssertSplitsAsTheRule(s, offset, random.Next(s.Length - offset + 1));
        }

        Assert.True(words > 20_000, $"only {words} words: the texts do not test the split");
    }

    /// <summary>Splits <paramref name="s"/>'s slice and checks its words against the rule's, read from the text here; gives the number of words.</summary>
    private static int AssertSplitsAsTheRule(string s, int offset, int length)
    {
        var slice = s.Substring(offset, length);
        var expected = WordRule().Matches(slice).Select(m => (m.Index + offset, m.Length, m.Value, Key(m.Value))).ToList();
        var words = WordScanner.Scan(s, offset, length);
        var actual = words.Select(w => (w.Span.Start, w.Span.Length, w.Text, w.Key)).ToList();
        Assert.True(expected.SequenceEqual(actual), $"text: {s} [{offset}, +{length}]");
        foreach (var w in words)
        {
            // Flags as the scanner's documentation defines them, read from the text here.
            var raw = w.Text;
            var bare = Key(raw) is var key && w.Possessive ? raw[..^2] : raw;
            Assert.Equal(char.IsUpper(raw[0]), w.IsCapitalised);
            Assert.Equal(w.Span.End < offset + length && s[w.Span.End] is '-' or '‐' or '‑' or '–', w.HyphenAfter);
            Assert.Equal(key.Length >= 2 && !bare.Any(c => char.IsLetter(c) && !char.IsUpper(c)), w.IsAllCaps);
            Assert.Equal(raw.Length > 2 && raw[^1] == 's' && raw[^2] is '\'' or '’', w.Possessive);
            Assert.Equal(WordVocabulary.IdOf(key), w.Id);
        }

        return words.Count;
    }

    private static string Key(string raw)
    {
        var possessive = raw.Length > 2 && (raw.EndsWith("'s", StringComparison.Ordinal) || raw.EndsWith("’s", StringComparison.Ordinal));
        var kept = possessive ? raw[..^2] : raw;
        return kept.Replace(".", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal).Replace("’", "", StringComparison.Ordinal).ToLowerInvariant();
    }

    [GeneratedRegex(@"(?:\p{Lu}\.){2,}|[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*", RegexOptions.CultureInvariant)]
    private static partial Regex WordRule();
}
