using System.Text;
using Garrison.Domain.Provenance;
using Garrison.Reading.Quantities;

namespace Garrison.Reading.Tests.Quantities;

/// <summary>
/// The recognizer's range and bound rules matched in parts (their words, then the count), its matches read through
/// their bounds and its range starts read from the text's runs, against what each replaces, on thousands of generated texts made of counts, their hedges and joiners, and near misses.
/// </summary>
public sealed class QuantityRecognizerEquivalenceTests
{
    private static readonly string[] Pieces =
    [
        "5", "12", "250", "3,000", "1.2", "1.5 million", "2014", "five", "twenty-one", "one hundred and fifty", "a dozen",
        "one", "thousand", "more than", "over", "well over", "at least", "no fewer than", "fewer than", "under",
        "up to", "as many as", "around", "about", "some", "between", "from", "to", "and", "or", "-", "–", "dozens of",
        "troops", "km", "hours", "Tower", "No.", "the", "flew", "regions", "more", "at", "up", "x", "Over", "UP TO",
        "café", "tén", "TO", "And", "—", " - ", "dozen", "million", "hundred", "5 or 7", "five or six", "10 to 20", "3 and 4",
        "250-350", "2 – 3", "twenty to thirty", "1.2 to 1.5 million", "4 OR 5",
    ];

    private static readonly string[] Separators = [" ", " ", " ", ", ", "\n", "\n\n", ".", "-", ""];

    [Fact]
    public void Rules_matched_in_parts_find_what_whole_patterns_find() =>
        AssertSameMentions(new QuantityRecognizer(null, splitRules: false), new QuantityRecognizer(null, splitRules: true));

    [Fact]
    public void Matches_read_through_their_bounds_find_what_match_objects_find() =>
        AssertSameMentions(new QuantityRecognizer(null, splitRules: true, boundsOnly: false), new QuantityRecognizer(null, splitRules: true, boundsOnly: true));

    [Fact]
    public void Range_starts_read_from_the_runs_are_those_a_search_of_the_text_finds() =>
        AssertSameMentions(new QuantityRecognizer(null, splitRules: true, startsFromRuns: false), new QuantityRecognizer(null, splitRules: true, startsFromRuns: true));

    [Fact]
    public void Units_read_from_the_word_after_a_count_are_those_the_units_regex_finds()
    {
        var recognizer = new QuantityRecognizer(null, splitRules: true);
        string[] pieces =
        [
            "5", "km", "KM", "kilometres", "kms", "km2", "per cent", "per  cent", "per\ncent", "percent", "%", "a.m.", "A.M.", "am",
            "p.m", "pm.", "o'clock", "o’clock", "hours", "hour", "Hours", "soldiers", "days", "dayś", "daysé", "\u212Am", "ſeconds",
            "km\u212A", "yearsx", "year-old", "troops", "mm", "m", "5%", "de", "é", "\t", "\u00A0", "degrees", "tons",
        ];
        string[] separators = [" ", "  ", "\n", "\n\n", " \n ", "", ".", "-", "\t", "\u00A0"];
        var texts = GeneratedAndRealTexts(pieces, separators, 20261203, 4000);
        var units = 0;
        foreach (var text in texts)
        {
            for (var at = 0; at <= text.Length; at++)
            {
                var expected = recognizer.UnitAheadByRegex(text, at);
                Assert.True(recognizer.UnitAheadByHand(text, at) is { } actual && actual == expected, $"at {at} of: {text}");
                units += expected ? 1 : 0;
            }
        }

        Assert.True(units > 2000, $"only {units} units found: the texts do not test the reading");
    }

    [Fact]
    public void Counts_read_by_hand_give_the_mentions_the_count_regexes_give() =>
        AssertSameMentions(new QuantityRecognizer(null, splitRules: true, handCounts: false), new QuantityRecognizer(null, splitRules: true, handCounts: true));

    [Fact]
    public void Counts_of_digits_read_without_the_memo_are_those_the_numeral_pattern_reads()
    {
        var recognizer = new QuantityRecognizer(null, splitRules: true);
        var random = new Random(20261303);
        var texts = Enumerable.Range(0, 3000).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Concat(Enumerable.Range(0, 3000).Select(_ => new string([.. Enumerable.Range(0, random.Next(1, 19)).Select(_ => (char)('0' + random.Next(10)))])))
            .Concat(["007", "0", "999999999999999999", "1,200", "12,00", "1,2345", "1.5", "1.0", "5 million", "٣", "5٣", "twenty", "a dozen", "12a", "-5", "+5", " 5"]).ToList();
        var digits = 0;
        foreach (var text in texts)
        {
            Assert.Equal(recognizer.CountByPattern(text), recognizer.ParseCount(text));
            digits += text.All(char.IsAsciiDigit) ? 1 : 0;
        }

        Assert.True(digits > 5000, $"only {digits} counts of digits: the texts do not test the reading");
    }

    [Fact]
    public void Counts_read_by_hand_at_digits_are_those_the_count_regexes_find()
    {
        var recognizer = new QuantityRecognizer(null, splitRules: true);
        string[] pieces =
        [
            "5", "12", "250", "1234", "1,234", "1,2345", "12,345,678", "1,234,5", "1.5", "1.", ".5", "1,234.56", "0.25", "3,000.",
            "million", "Million", "MILLION", "millions", "billion", "thousand", "thousands", "bn", "m", "million-strong",
            "troops", "x", "km", "-", "‐", "–", "/", ":", ",", ".", "$", "£", "€", "#", "a", "é", "K", "ſ", "٣", "5٣",
            " ", "F", "No", "1.2 million", "5 or 6",
        ];
        string[] separators = [" ", "  ", "\n", "\n\n", " \n ", "\r\n", "", "", ".", ",", "-", "/", ":", "\t", "\u00A0"];
        var texts = GeneratedAndRealTexts(pieces, separators, 20261204, 6000);
        int counts = 0, read = 0;
        foreach (var text in texts)
        {
            for (var at = 0; at < text.Length; at++)
            {
                if (!char.IsAsciiDigit(text[at]))
                {
                    continue;
                }

                foreach (var lookBehind in (bool[])[true, false])
                {
                    var expected = recognizer.CountByRegex(text, at, lookBehind, out var expectedLength);
                    if (recognizer.CountByHand(text, at, lookBehind, out var length) is not { } actual)
                    {
                        continue;
                    }

                    read++;
                    Assert.True(actual == expected && (!actual || length == expectedLength), $"at {at} (look-behind {lookBehind}): regex {expected} {expectedLength}, hand {actual} {length}, in: {text}");
                    counts += expected ? 1 : 0;
                }
            }
        }

        Assert.True(counts > 5000 && read > 20000, $"only {counts} counts of {read} offsets read by hand: the texts do not test the reader");
    }

    [Fact]
    public void Counts_read_by_hand_at_letters_are_those_the_count_regexes_find()
    {
        var recognizer = new QuantityRecognizer(null, splitRules: true);
        string[] pieces =
        [
            "one", "One", "ONE", "two", "five", "twenty", "twenty-one", "twenty-One", "twenty--one", "twenty-", "twenty- one", "seventeen",
            "seventeenth", "seven", "hundred", "one hundred", "one hundred and fifty", "hundred and", "thousand and one", "five and two",
            "one  hundred", "one\nhundred", "one\n\nhundred", "a", "an", "a dozen", "A Dozen", "dozen", "dozens", "million", "two million",
            "An", "A", "a hundred", "an hundred", "a  million", "a\nthousand", "a\n\ndozen", "a decade", "a dozen-", "a dozenth", "aa dozen",
            "and", "And", "andes", "someone", "oneself", "tone", "x", "_", "5", "5,000", "café", "é", "ſeven", "\u212A", "one‐two",
            "year-old", "one-year", "one-5", "one/two", "one:", "one.5", "one,5", "one.", "one,", "-", "‐", "/", ":", ".", ",", "$", "#",
        ];
        string[] separators = [" ", " ", " ", "  ", "\n", "\n\n", " \n ", "\r\n", "", "", "-", "\t", "\u00A0", "\u2028", ",", ".", "/", "‐"];
        var texts = GeneratedAndRealTexts(pieces, separators, 20261211, 6000);
        int counts = 0, read = 0, chains = 0, articles = 0;
        foreach (var text in texts)
        {
            for (var at = 0; at < text.Length; at++)
            {
                if (!char.IsAsciiLetter(text[at]))
                {
                    continue;
                }

                foreach (var lookBehind in (bool[])[true, false])
                {
                    var expected = recognizer.CountByRegex(text, at, lookBehind, out var expectedLength);
                    if (recognizer.WordCountByHand(text, at, lookBehind, out var length) is not { } actual)
                    {
                        continue;
                    }

                    read++;
                    Assert.True(actual == expected && (!actual || length == expectedLength), $"at {at} (look-behind {lookBehind}): regex {expected} {expectedLength}, hand {actual} {length}, in: {text}");
                    counts += expected ? 1 : 0;
                    chains += expected && text.AsSpan(at, expectedLength).ContainsAnyExcept("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") ? 1 : 0;
                    // The article branch ("a dozen"), read by hand since session 15.
                    articles += expected && text[at] is 'a' or 'A' && (at + 1 == text.Length || !char.IsAsciiLetter(text[at + 1]) || text[at + 1] is 'n' or 'N') ? 1 : 0;
                }
            }
        }

        Assert.True(counts > 5000 && chains > 1000 && articles > 300 && read > 50000, $"only {counts} counts ({chains} of several words, {articles} after an article) of {read} offsets read by hand: the texts do not test the reader");
    }

    [Fact]
    public void The_overlap_test_by_search_answers_as_the_test_of_every_span()
    {
        // Spans in text order (as the date mentions are), with empty ones, touching ones and repeats, then some out of
        // order, which the search leaves to the test of every span.
        var random = new Random(20261212);
        int searched = 0, overlapping = 0;
        for (var n = 0; n < 20000; n++)
        {
            var spans = new List<TextSpan>();
            var at = random.Next(3);
            for (var k = random.Next(0, 8); k > 0; k--)
            {
                var start = at + random.Next(0, 3);
                var end = start + random.Next(0, 4);
                spans.Add(new TextSpan(start, end));
                at = random.Next(4) == 0 ? start : end;
            }

            if (random.Next(5) == 0 && spans.Count > 1)
            {
                (spans[0], spans[^1]) = (spans[^1], spans[0]);
            }

            var candidateStart = random.Next(0, at + 3);
            var candidate = new TextSpan(candidateStart, candidateStart + random.Next(0, 5));
            var expected = QuantityRecognizer.OverlapsAnyByEveryTest([.. spans], candidate);
            if (QuantityRecognizer.OverlapsAnyBySearch([.. spans], candidate) is { } actual)
            {
                Assert.True(actual == expected, $"{candidate} against {string.Join(", ", spans)}");
                searched++;
                overlapping += expected ? 1 : 0;
            }
        }

        Assert.True(searched > 10000 && overlapping > 3000 && searched - overlapping > 3000, $"{searched} searched, {overlapping} overlapping: the spans do not test the search");
    }

    [Fact]
    public void Bound_heads_read_by_hand_are_those_their_regex_finds()
    {
        var recognizer = new QuantityRecognizer(null, splitRules: true);
        string[] pieces =
        [
            "more than", "More Than", "MORE THAN", "more  than", "more\nthan", "more\n\nthan", "more\u00A0than", "morethan", "more", "than",
            "over", "Over", "overly", "overs", "well over", "just over", "in excess of", "greater than", "at least", "no fewer than",
            "no less than", "a minimum of", "upwards of", "not less than", "fewer than", "less than", "under", "just under", "below",
            "up to", "up\tto", "at most", "no more than", "a maximum of", "as many as", "not more than", "up", "at", "no", "a", "as",
            "5", "twenty", "troops", "café", "ſ", "\u212A", "5,000", "over-", "under/", "é", "x", ".", "-", "$", "#",
        ];
        string[] separators = [" ", "  ", "\n", "\n\n", " \n ", "\n \n", "\r\n", "", "\t", "\u00A0", "-", ",", ".", "\u2028"];
        var texts = GeneratedAndRealTexts(pieces, separators, 20261206, 6000);
        int heads = 0, read = 0;
        foreach (var text in texts)
        {
            for (var at = 0; at <= text.Length; at++)
            {
                var expected = recognizer.BoundHeadByRegex(text, at, out var expectedLength);
                if (recognizer.BoundHeadByHand(text, at, out var length) is not { } actual)
                {
                    continue;
                }

                read++;
                Assert.True(actual == expected && (!actual || length == expectedLength), $"at {at}: regex {expected} {expectedLength}, hand {actual} {length}, in: {text}");
                heads += expected ? 1 : 0;
            }
        }

        Assert.True(heads > 3000 && read > 100000, $"only {heads} heads of {read} offsets read by hand: the texts do not test the reader");
    }

    [Fact]
    public void Hedge_heads_read_by_hand_are_those_their_regex_finds()
    {
        var recognizer = new QuantityRecognizer(null, splitRules: true);
        string[] pieces =
        [
            "around", "Around", "AROUND", "about", "roughly", "approximately", "some", "Some", "nearly", "almost", "an estimated",
            "An  estimated", "an\nestimated", "an\n\nestimated", "estimated", "close to", "close\tto", "more or less", "more  or\nless",
            "circa", "an approximate", "or so", "or", "an", "more", "close", "somewhat", "abouts", "about-", "around/", "café",
            "ſome", "\u212Aind", "5", "5,000", "twenty", "a dozen", "troops", "x", ".", "-", "$", "é",
        ];
        string[] separators = [" ", "  ", "\n", "\n\n", " \n ", "\n \n", "\r\n", "", "\t", "\u00A0", "-", ",", ".", "\u2028"];
        var texts = GeneratedAndRealTexts(pieces, separators, 20261207, 6000);
        int heads = 0, read = 0;
        foreach (var text in texts)
        {
            for (var at = 0; at <= text.Length; at++)
            {
                var expected = recognizer.HedgeHeadByRegex(text, at, out var expectedLength, out var expectedPhrase);
                if (recognizer.HedgeHeadByHand(text, at, out var length, out var phrase) is not { } actual)
                {
                    continue;
                }

                read++;
                Assert.True(actual == expected && (!actual || (length == expectedLength && phrase == expectedPhrase)),
                    $"at {at}: regex {expected} {expectedLength} (hedge {expectedPhrase}), hand {actual} {length} (hedge {phrase}), in: {text}");
                heads += expected ? 1 : 0;
            }
        }

        Assert.True(heads > 3000 && read > 100000, $"only {heads} heads of {read} offsets read by hand: the texts do not test the reader");
    }

    // Counts and what stands before and after them in ranges: hedges, "between"/"from", joiners, dashes, near misses.
    private static readonly string[] RangePieces =
    [
        "5", "12", "250", "3,000", "1,234,567", "12,34", "1234,567", "1.5", "1.2.3", "0.25", ",5", "5,", "5.", "٣", "5٣", "1.5 million",
        "two", "Two", "TWO", "twenty", "twenty-one", "one hundred", "one hundred and fifty", "hundred and", "a dozen", "an", "a",
        "dozen", "thousand", "million", "someone", "tone", "x", "_", "and", "And", "AND", "to", "To", "or", "OR", "tonight", "order",
        "andes", "between", "Between", "from", "FROM", "betweenx", "xfrom", "around", "about", "some", "an estimated", "estimated",
        "more or less", "more  or\nless", "close to", "or so", "nearly", "circa", "an approximate", "approximately", "roughly",
        "ſome", "\u212A", "café", "é", "-", "–", "—", "- ", " – ", "‐", "/", ":", "$", "#", "(", ".", ",", "5 to 10", "250-350",
        "2 – 3", "two or three", "between 5 and 7", "from 10 to 20", "around 40 to 50", "some 1,000 or 2,000", "troops",
    ];

    private static readonly string[] RangeSeparators = [" ", " ", " ", "  ", "\n", "\n\n", " \n ", "\r\n", "", "", "-", "\t", "\u00A0", "\u2028", ",", "."];

    [Fact]
    public void Range_heads_read_by_hand_are_those_their_regex_finds()
    {
        var recognizer = new QuantityRecognizer(null, splitRules: true);
        var texts = GeneratedAndRealTexts(RangePieces, RangeSeparators, 20261209, 16000);
        int heads = 0, read = 0, hedged = 0, words = 0;
        foreach (var text in texts)
        {
            for (var at = 1; at < text.Length; at++)
            {
                var expected = recognizer.RangeHeadByRegex(text, at, out var expectedGroups);
                if (recognizer.RangeHeadByHand(text, at, out var groups) is not { } actual)
                {
                    continue;
                }

                read++;
                Assert.True(actual == expected && groups == expectedGroups, $"at {at}: regex {expected} {expectedGroups}, hand {actual} {groups}, in: {text}");
                heads += expected ? 1 : 0;
                hedged += expected && !expectedGroups.Contains("hedge Span { Index = -1", StringComparison.Ordinal) ? 1 : 0;
                words += expected && char.IsAsciiLetter(text[at - 1]) ? 1 : 0;
            }
        }

        Assert.True(heads > 3500 && hedged > 800 && words > 450 && read > 35000, $"only {heads} heads ({hedged} hedged, {words} after words) of {read} offsets read by hand: the texts do not test the reader");
    }

    [Fact]
    public void Range_heads_read_by_hand_give_the_mentions_their_regex_gives()
    {
        var regex = new QuantityRecognizer(null, splitRules: true, handCounts: false);
        var reader = new QuantityRecognizer(null, splitRules: true, handCounts: true);
        var texts = GeneratedAndRealTexts(RangePieces, RangeSeparators, 20261210, 8000);
        var ranges = 0;
        foreach (var text in texts)
        {
            var expected = regex.Recognize(text).Select(m => (m.Span, m.Value)).ToList();
            var actual = reader.Recognize(text).Select(m => (m.Span, m.Value));
            Assert.True(expected.SequenceEqual(actual), $"text: {text}");
            ranges += expected.Count(m => m.Value.Low is { } low && m.Value.High is { } high && low < high);
        }

        Assert.True(ranges > 1000, $"only {ranges} ranges: the texts do not test the rule");
    }

    [Fact]
    public void Hedged_and_bound_counts_with_heads_read_by_hand_give_the_mentions_their_whole_patterns_give()
    {
        var whole = new QuantityRecognizer(null, splitRules: false);
        var split = new QuantityRecognizer(null, splitRules: true);
        string[] pieces =
        [
            "around", "About", "roughly", "approximately", "some", "nearly", "almost", "an estimated", "estimated", "close to",
            "more or less", "circa", "an approximate", "or so", "more  or\nless", "5", "250", "3,000", "1.5 million", "five",
            "twenty-one", "one hundred and fifty", "a dozen", "one", "troops", "km", "hours", "Tower", "No.", "the", "over",
            "at least", "up to", "to", "and", "-", "dozens of", "several", "café", "ſome", "x",
            "flew over", "fired over", "over 300 regions", "Over 40 districts", "over 5", "more than", "under", "no fewer than",
        ];
        string[] separators = [" ", " ", "  ", "\n", "\n\n", ", ", ".", "-", "", "\u00A0"];
        var texts = GeneratedAndRealTexts(pieces, separators, 20261208, 6000);
        var hedged = 0;
        foreach (var text in texts)
        {
            var expected = whole.Recognize(text).Select(m => (m.Span, m.Value)).ToList();
            var actual = split.Recognize(text).Select(m => (m.Span, m.Value));
            Assert.True(expected.SequenceEqual(actual), $"text: {text}");
            hedged += expected.Count(m => m.Value.Approx);
        }

        Assert.True(hedged > 400, $"only {hedged} hedged counts: the texts do not test the rule");
    }

    [Fact]
    public void Words_outside_ascii_start_the_rules_only_where_they_may_equal_a_keyword()
    {
        // Keywords and counts written with the Kelvin sign (which the regexes take for "k") and with letters that case
        // maps make ASCII but the regexes do not ("ſ", "İ", "ı"), against the rules tried at every word outside ASCII.
        var everywhere = new QuantityRecognizer(null, splitRules: true, otherLetterStarts: false);
        var tested = new QuantityRecognizer(null, splitRules: true, otherLetterStarts: true);
        string[] pieces =
        [
            "ſix", "ſome", "ſeven", "fıve", "fİve", "nİne", "thİrty", "abouṭ", "arounḍ", "ın", "İn", "\u212Am", "5 \u212Am", "6\u212Am",
            "a do\u212Aen", "more than", "moſt", "aboſt", "five", "six", "troops", "km", "5", "250", "3,000", "1.5 million", "a dozen",
            "up to", "İncirlik", "café", "\u212A", "ſ", "ı", "İ", "between", "and", "to", "-", "around", "some", "at least",
        ];
        string[] separators = [" ", " ", "  ", "\n", ", ", ".", "-", "", "\u00A0"];
        var texts = GeneratedAndRealTexts(pieces, separators, 20261501, 6000);
        var counts = 0;
        foreach (var text in texts)
        {
            var expected = everywhere.Recognize(text).Select(m => (m.Span, m.Value)).ToList();
            var actual = tested.Recognize(text).Select(m => (m.Span, m.Value));
            Assert.True(expected.SequenceEqual(actual), $"text: {text}");
            counts += expected.Count;
        }

        Assert.True(counts > 2000, $"only {counts} counts: the texts do not test the starts");
    }

    /// <summary>
    /// <paramref name="count"/> texts of one to seven pieces, each followed by a separator (seeded), then every report of
    /// the test corpus and the samples.
    /// </summary>
    private static List<string> GeneratedAndRealTexts(string[] pieces, string[] separators, int seed, int count)
    {
        var texts = new List<string>();
        var random = new Random(seed);
        for (var n = 0; n < count; n++)
        {
            var text = new StringBuilder();
            for (var k = random.Next(1, 8); k > 0; k--)
            {
                text.Append(pieces[random.Next(pieces.Length)]).Append(separators[random.Next(separators.Length)]);
            }

            texts.Add(text.ToString());
        }

        texts.AddRange(RealReports.Texts());
        return texts;
    }

    private static void AssertSameMentions(QuantityRecognizer whole, QuantityRecognizer split)
    {
        var random = new Random(20261202);
        for (var n = 0; n < 6000; n++)
        {
            var text = new StringBuilder();
            for (var k = random.Next(1, 10); k > 0; k--)
            {
                text.Append(Pieces[random.Next(Pieces.Length)]).Append(Separators[random.Next(Separators.Length)]);
            }

            var s = text.ToString();
            TextSpan[] skip = random.Next(4) == 0 ? [new TextSpan(0, Math.Min(4, s.Length))] : [];
            var expected = whole.Recognize(s, skip).Select(m => (m.Span, m.Value));
            var actual = split.Recognize(s, skip).Select(m => (m.Span, m.Value));
            Assert.True(expected.SequenceEqual(actual), $"text: {s}");
        }
    }
}
