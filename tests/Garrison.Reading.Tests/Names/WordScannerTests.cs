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
    /// The scanner is hand-written for speed; this regex is the rule it implements. Random text over the characters
    /// that matter (capitals and dots, apostrophes, accents, combining marks, other numbers, hyphens) must split
    /// alike, with the same keys.
    /// </summary>
    [Fact]
    public void Scan_splits_as_the_word_rule_does()
    {
        const string alphabet = "aZk U.S..'’’s-‐–\n,1²ÉéΣσİ\u0301ß’Ab.C.";
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
            var actual = WordScanner.Scan(s).Select(w => (w.Span.Start, w.Span.Length, w.Text, w.Key)).ToList();
            Assert.True(expected.SequenceEqual(actual), $"text: {s}");
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
