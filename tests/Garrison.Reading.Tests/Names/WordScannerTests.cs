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

            var s = text.ToString();
            var expected = WordRule().Matches(s).Select(m => (m.Index, m.Length, m.Value, Key(m.Value))).ToList();
            var words = WordScanner.Scan(s);
            var actual = words.Select(w => (w.Span.Start, w.Span.Length, w.Text, w.Key)).ToList();
            Assert.True(expected.SequenceEqual(actual), $"text: {s}");
            foreach (var w in words)
            {
                // Flags as the scanner's documentation defines them, read from the text here.
                var raw = w.Text;
                var bare = Key(raw) is var key && w.Possessive ? raw[..^2] : raw;
                Assert.Equal(char.IsUpper(raw[0]), w.IsCapitalised);
                Assert.Equal(w.Span.End < s.Length && s[w.Span.End] is '-' or '‐' or '–', w.HyphenAfter);
                Assert.Equal(key.Length >= 2 && !bare.Any(c => char.IsLetter(c) && !char.IsUpper(c)), w.IsAllCaps);
                Assert.Equal(WordVocabulary.IdOf(key), w.Id);
            }
        }
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
