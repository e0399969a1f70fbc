using System.Text;
using Garrison.Domain.Dates;
using Garrison.Reading.Dates;
using Garrison.Reading.Documents;
using NodaTime;

namespace Garrison.Reading.Tests.Dates;

/// <summary>
/// The recognizer's faster matching (atomic name groups, rules in parts, matches read through their bounds) against
/// the plain patterns and Match objects it replaces, on thousands of
/// generated texts made of the pieces dates are made of and the near misses around them.
/// </summary>
public sealed class DateRecognizerEquivalenceTests
{
    private static readonly string[] Pieces =
    [
        "January", "Jan", "Jan.", "Sept", "Sept.", "Sep", "Sep.", "September", "May", "March", "Mar.", "Mayo", "Junes",
        "Monday", "Mon", "Mon.", "Tues", "Thurs", "Thursday", "Sunday", "Sun",
        "5", "05", "7th", "31st", "32", "2014", "2019", "1990s", "1990's", "2023-10-07", "12", "3,000", "2014-17",
        "of", "since", "from", "between", "and", "to", "until", "early", "mid", "late", "the", "end", "in", "around",
        "last", "next", "x", "troops", "Septx", "Mayday", "Sept.x",
        "through", "till", "by", "up to", "the start of", "the end of", "mid-", "Early", "From", "Since the", "in the",
        "about", "c.", "May 5", "5 May 2019", "Sunday, March 3", "2019 to", "and 2020",
        "between January 2019", "from Sept. 5", "between 7 October", "from March", "and March 2020", "to 7 October 2023",
        "last Sunday", "next March", "in 2014", "2014 troops", "2015 soldiers", "in May", "café", "since mid-2019",
    ];

    private static readonly string[] Separators = [" ", " ", " ", ", ", ",", "\n", "\n\n", ".", "-", "", " \n "];

    [Fact]
    public void Atomic_name_groups_find_what_plain_groups_find() =>
        AssertSameMentions(new DateRecognizer(null, atomicNames: false, splitRules: false), new DateRecognizer(null, atomicNames: true, splitRules: false));

    [Fact]
    public void Rules_matched_in_parts_find_what_whole_patterns_find() =>
        AssertSameMentions(new DateRecognizer(null, atomicNames: true, splitRules: false), new DateRecognizer(null, atomicNames: true, splitRules: true));

    [Fact]
    public void Matches_read_through_their_bounds_find_what_match_objects_find() =>
        AssertSameMentions(
            new DateRecognizer(null, atomicNames: true, splitRules: true, boundsOnly: false, handAtoms: false),
            new DateRecognizer(null, atomicNames: true, splitRules: true, boundsOnly: true, handAtoms: false));

    [Fact]
    public void Dates_read_by_hand_give_the_mentions_the_atom_regex_gives() =>
        AssertSameMentions(new DateRecognizer(null, atomicNames: true, handAtoms: false), new DateRecognizer(null, atomicNames: true, handAtoms: true));

    [Fact]
    public void The_range_read_behind_its_joiner_is_tried_only_where_a_date_can_end()
    {
        var everywhere = new DateRecognizer(null, atomicNames: true, endTest: false);
        var tested = new DateRecognizer(null, atomicNames: true, endTest: true);
        AssertSameMentions(everywhere, tested);

        // The ends of dates and near misses before every joiner, and real reports.
        string[] before =
        [
            "2014", "May 5", "5 May", "Sept.", "Sept", "sept.", "SEPT", "Sunday", "Sun.", "7th", "31st", "1990s", "1990's", "1990’s",
            "2023-10-07", "Mayday", "x.", "Jan", "Octobers", "the", "(2014)", "2014,", "café", "Maré", "5 May,", "12", "s",
        ];
        string[] joiners = ["to", "until", "till", "through", "TO", "To"];
        string[] spaces = [" ", "  ", "\n", " \n ", "\n\n", "\u00A0", "\t", ""];
        var texts = new List<string>();
        var random = new Random(20261205);
        for (var n = 0; n < 4000; n++)
        {
            texts.Add($"{before[random.Next(before.Length)]}{spaces[random.Next(spaces.Length)]}{joiners[random.Next(joiners.Length)]} "
                + $"{before[random.Next(before.Length)]}{spaces[random.Next(spaces.Length)]}{joiners[random.Next(joiners.Length)]} 2017");
        }

        texts.AddRange(RealReports.Texts());
        var dateline = PartialDate.OfDay(2024, 3, 10);
        var ranges = 0;
        foreach (var text in texts)
        {
            var expected = everywhere.Recognize(text, dateline).Select(m => (m.Span, m.Value, m.Unresolved)).ToList();
            var actual = tested.Recognize(text, dateline).Select(m => (m.Span, m.Value, m.Unresolved));
            Assert.True(expected.SequenceEqual(actual), $"text: {text}");
            ranges += expected.Count(m => text[m.Span.Start..m.Span.End].Split(' ', '\n').Intersect(joiners, StringComparer.OrdinalIgnoreCase).Any());
        }

        Assert.True(ranges > 1000, $"only {ranges} ranges: the texts do not test the rule");
    }

    [Fact]
    public void Rules_tried_only_where_their_next_word_leads_on_find_what_they_find_everywhere()
    {
        var everywhere = new DateRecognizer(null, atomicNames: true, startTests: false);
        var tested = new DateRecognizer(null, atomicNames: true, startTests: true);
        AssertSameMentions(everywhere, tested);

        // Year ranges, "until"/"by", hedged dates and durations, with their near misses, and real reports.
        string[] pieces =
        [
            "2014", "2017", "17", "1990", "2014-17", "2014 – 2017", "2014—", "2014 -", "2014\n-\n2017", "2014\n\n-", "2014\u00A0-", "2014-x",
            "by", "By", "until", "till", "through", "up to", "no later than", "Up to", "by mid-2019", "by the end of", "by early",
            "around", "about", "circa", "approximately", "roughly", "c.", "C.", "about the", "around 2010", "c. 1990",
            "for", "For", "for two years", "for more than", "for some", "for a decade", "for 10 years", "for the", "for over",
            "for at least", "for twenty-one years", "for nearly two decades", "for ten", "for ſome", "for café", "for \u212Aind",
            "years", "decades", "a", "an", "two", "the", "mid", "early", "end", "of", "May", "5 May 2019", "Sunday", "March", "x",
            "troops", "in", "since", "from", "and", "to", "2019", "٣", "ſince",
            "in the past", "over the last", "the past two weeks", "during the previous", "In The Past", "the last", "within the past",
            "the past few", "past", "weeks", "days", "months", "week", "month", "day", "Years", "the past 3 months", "the past twenty-one",
            "the last a", "the past ſeven", "for one hundred and", "for 2-3", "years-old", "throughout the preceding", "over the past",
        ];
        string[] separators = [" ", " ", " ", "  ", ", ", "\n", "\n\n", ".", "-", "", " \n ", "\t", "\u00A0"];
        var texts = new List<string>();
        var random = new Random(20261207);
        for (var n = 0; n < 6000; n++)
        {
            var text = new StringBuilder();
            for (var k = random.Next(1, 9); k > 0; k--)
            {
                text.Append(pieces[random.Next(pieces.Length)]).Append(separators[random.Next(separators.Length)]);
            }

            texts.Add(text.ToString());
        }

        texts.AddRange(RealReports.Texts());
        var dateline = PartialDate.OfDay(2024, 3, 10);
        int ranges = 0, durations = 0, bounded = 0, hedged = 0, windows = 0;
        foreach (var text in texts)
        {
            var expected = everywhere.Recognize(text, dateline).Select(m => (m.Span, m.Value, m.Unresolved)).ToList();
            var actual = tested.Recognize(text, dateline).Select(m => (m.Span, m.Value, m.Unresolved));
            Assert.True(expected.SequenceEqual(actual), $"text: {text}");
            foreach (var (span, value, _) in expected)
            {
                var written = text[span.Start..span.End];
                ranges += written.Length > 4 && char.IsDigit(written[0]) && written.IndexOfAny(['-', '–', '—']) > 0 ? 1 : 0;
                durations += written.StartsWith("for", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
                bounded += value.From is null && value.To is not null ? 1 : 0;
                hedged += value.Approx && written.Split(' ')[0].ToLowerInvariant() is "around" or "about" or "circa" or "c." or "roughly" or "approximately" ? 1 : 0;
                windows += written.Split(' ', '\n', '\t', '\u00A0').Any(w => w.ToLowerInvariant() is "past" or "last" or "previous") ? 1 : 0;
            }
        }

        Assert.True(ranges > 300 && durations > 300 && bounded > 300 && hedged > 300 && windows > 300, $"ranges {ranges}, durations {durations}, until {bounded}, hedged {hedged}, windows {windows}: the texts do not test the rules");
    }

    [Fact]
    public void Counted_units_read_by_hand_give_the_mentions_their_regexes_give()
    {
        var regexes = new DateRecognizer(null, atomicNames: true, handCounted: false);
        var reader = new DateRecognizer(null, atomicNames: true, handCounted: true);
        AssertSameMentions(regexes, reader);

        // Counts, units, "ago" and the directions, with what the count's look-behind reads back over, and real reports.
        string[] pieces =
        [
            "two", "Two", "TWO", "2", "20", "200", "2000", "02", "1.5", "F16", "x_", "_", "twenty-one", "twenty", "one", "one hundred",
            "one hundred and fifty", "and", "thousand", "band", "someone", "tone", "a", "an", "A", "An", "days", "day", "Days", "years",
            "year", "weeks", "months", "decades", "decade", "dayz", "ago", "AGO", "Ago", "agog", "later", "Later", "afterwards",
            "afterward", "earlier", "killed", "since", "café", "ſ", "٣", "é", "\u212A", "the", "(", ",", "-", "—",
            "two years ago", "3 days later", "twenty-one years ago", "one hundred and fifty years ago", "a decade ago", "an hour ago",
            "2000 years ago", "five weeks earlier", "two months afterwards", "killed two days ago", "band one year later", "days ago",
            "years later", "weeks earlier", "Two Years Ago", "two\nyears\nago", "two\n\nyears ago", "seven days\u00A0ago",
        ];
        string[] separators = [" ", " ", " ", "  ", "\n", "\n\n", " \n ", "-", "", ",", "\u00A0", "\t", "\r\n"];
        var texts = new List<string>();
        var random = new Random(20261208);
        for (var n = 0; n < 8000; n++)
        {
            var text = new StringBuilder();
            for (var k = random.Next(2, 8); k > 0; k--)
            {
                text.Append(pieces[random.Next(pieces.Length)]).Append(separators[random.Next(separators.Length)]);
            }

            texts.Add(text.ToString());
        }

        texts.AddRange(RealReports.Texts());
        var dateline = PartialDate.OfDay(2024, 3, 10);
        int ago = 0, anchored = 0;
        foreach (var text in texts)
        {
            var expected = regexes.Recognize(text, dateline).Select(m => (m.Span, m.Value, m.Unresolved)).ToList();
            var actual = reader.Recognize(text, dateline).Select(m => (m.Span, m.Value, m.Unresolved));
            Assert.True(expected.SequenceEqual(actual), $"text: {text}");
            foreach (var (span, _, _) in expected)
            {
                var written = text[span.Start..span.End].ToLowerInvariant();
                ago += written.EndsWith("ago", StringComparison.Ordinal) ? 1 : 0;
                anchored += written.EndsWith("later", StringComparison.Ordinal) || written.EndsWith("earlier", StringComparison.Ordinal) ? 1 : 0;
            }
        }

        Assert.True(ago > 300 && anchored > 300, $"{ago} ago, {anchored} anchored: the texts do not test the rules");
    }

    // The words the heads of the rules matched in parts are made of, their near misses and what may stand around them.
    private static readonly string[] HeadPieces =
    [
        "since", "Since", "SINCE", "from", "From", "between", "Between", "until", "till", "through", "Through", "up to", "Up  To",
        "up\nto", "up\n\nto", "up\u00A0to", "by", "By", "no later than", "no\tlater than", "the", "The", "THE", "in", "In", "early",
        "Early", "mid", "Mid", "late", "the start of", "the beginning of", "the middle of", "The End Of", "the end\nof", "the  end of",
        "around", "about", "About", "circa", "approximately", "roughly", "c.", "C.", "c", "c .", "sinces", "fromage", "bye", "midst",
        "lately", "earlyish", "theater", "into", "upto", "x", "_", "5", "2019", "May", "May 5", "March 2020", "the 1990s", "Sunday",
        "café", "é", "ſince", "\u212Aby", "ſ", "\u2028", "“", "(", ".", "-", "mid-", "since the end of", "from mid-", "by early",
        "until the", "since 2019", "from May", "between 2014", "around 2010", "c. 1990", "late in", "early in 2020",
    ];

    private static readonly string[] HeadSeparators = [" ", " ", " ", "  ", "\n", "\n\n", " \n ", "\n \n", "\r\n", "-", "", "", ",", ".", "\t", "\u00A0", "\u2028", "_"];

    [Fact]
    public void Heads_read_by_hand_are_those_their_prefix_regexes_find()
    {
        var recognizer = new DateRecognizer(null, atomicNames: true);
        var texts = Generated(HeadPieces, HeadSeparators, 20261209, 5000);
        texts.AddRange(RealReports.Texts());
        var rules = recognizer.RulesWithHeadsByHand.ToList();
        Assert.Equal(6, rules.Count); // between, from, since, until, the part of a year, the hedge
        int heads = 0, parts = 0, read = 0;
        foreach (var text in texts)
        {
            for (var at = 0; at <= text.Length; at++)
            {
                foreach (var (rule, prefixes) in rules)
                {
                    for (var k = 0; k < prefixes; k++)
                    {
                        var expected = recognizer.HeadByRegex(rule, k, text, at, out var expectedLength, out var expectedPart);
                        if (recognizer.HeadByHand(rule, k, text, at, out var length, out var part) is not { } actual)
                        {
                            continue;
                        }

                        read++;
                        Assert.True(actual == expected && (!actual || (length == expectedLength && part == expectedPart)),
                            $"rule {rule}, prefix {k}, at {at}: regex {expected} {expectedLength} (part {expectedPart}), hand {actual} {length} (part {part}), in: {text}");
                        heads += expected ? 1 : 0;
                        parts += expectedPart is null ? 0 : 1;
                    }
                }
            }
        }

        Assert.True(heads > 8000 && parts > 3000 && read > 1500000, $"only {heads} heads ({parts} with a part) of {read} offsets read by hand: the texts do not test the reader");
    }

    [Fact]
    public void Heads_read_by_hand_give_the_mentions_their_prefix_regexes_give()
    {
        var regexes = new DateRecognizer(null, atomicNames: true, handHeads: false);
        var reader = new DateRecognizer(null, atomicNames: true, handHeads: true);
        AssertSameMentions(regexes, reader);
        var texts = Generated(HeadPieces, HeadSeparators, 20261210, 6000);
        texts.AddRange(RealReports.Texts());
        var headed = CountSameMentions(regexes, reader, texts,
            (text, m) => !char.IsAsciiDigit(text[m.Span.Start]) && text[m.Span.Start..m.Span.End].Contains(' ', StringComparison.Ordinal));

        Assert.True(headed > 1500, $"only {headed} mentions with words before their date: the texts do not test the heads");
    }

    [Fact]
    public void Heads_read_from_their_shared_pieces_give_the_mentions_each_head_read_whole_gives()
    {
        // The heads' pieces (the since, until and part rules share their leading pieces) with near misses, letters and
        // spaces outside ASCII and line breaks, against each head read whole by the reader (and by its regex where unsure).
        var whole = new DateRecognizer(null, atomicNames: true, sharedHeads: false);
        var shared = new DateRecognizer(null, atomicNames: true, sharedHeads: true);
        AssertSameMentions(whole, shared);
        var texts = Generated(HeadPieces, HeadSeparators, 20261402, 8000);
        texts.AddRange(RealReports.Texts());
        var headed = CountSameMentions(whole, shared, texts,
            (text, m) => !char.IsAsciiDigit(text[m.Span.Start]) && text[m.Span.Start..m.Span.End].Contains(' ', StringComparison.Ordinal));

        Assert.True(headed > 1500, $"only {headed} mentions with words before their date: the texts do not test the heads");
    }

    [Fact]
    public void Words_outside_ascii_start_the_rules_only_where_they_may_equal_a_keyword()
    {
        // Keywords written with the Kelvin sign, the one letter outside ASCII that the regexes take for an ASCII one
        // ("k"), and with letters they do not ("ſ", "é", Greek), before dates, counts and units, against the rules tried
        // at every word with letters outside ASCII.
        var everywhere = new DateRecognizer(null, atomicNames: true, otherLetterStarts: false);
        var tested = new DateRecognizer(null, atomicNames: true, otherLetterStarts: true);
        string[] pieces =
        [
            "last wee\u212A", "this wee\u212A", "two wee\u212As ago", "a wee\u212A later", "the next wee\u212A", "in the past wee\u212A",
            "earlier this wee\u212A", "WEE\u212A", "wee\u212Aend", "ſince", "\u212Aby", "yeſterday", "laſt", "laſt week", "ſpring", "ſummer of 2019", "the paſt year", "for ſix years",
            "two weeks ago", "two weekſ ago", "three days later", "ſeven years ago", "two ſeconds", "\u212Anown", "İn", "ın", "thıs",
            "café", "naïve", "señor", "Ωmega", "éarly", "mid-é", "yesterday", "last week", "earlier this month", "the next day",
            "in the past two years", "for two decades", "summer of 2019", "around 2010", "2014", "May 5", "since 2019", "two",
            "years", "ago", "week", "x", "the", "in", "é", "ſ", "\u212A",
        ];
        string[] separators = [" ", " ", " ", "  ", "\n", ", ", ".", "-", "", "\u00A0"];
        var texts = Generated(pieces, separators, 20261403, 6000);
        texts.AddRange(RealReports.Texts());
        var found = CountSameMentions(everywhere, tested, texts, (text, m) => text.AsSpan(m.Span.Start, m.Span.End - m.Span.Start).Contains('\u212A'));

        Assert.True(found > 300, $"only {found} mentions with the Kelvin sign: the texts do not test the starts");
    }

    [Fact]
    public void Context_words_looked_up_by_their_span_give_the_mentions_lower_cased_copies_give()
    {
        var copies = new DateRecognizer(null, atomicNames: true, contextBySpan: false);
        var spans = new DateRecognizer(null, atomicNames: true, contextBySpan: true);

        // Bare years, months and weekdays (which need a context word or a chooser) after context words in every case,
        // near misses, words outside ASCII that equal one ignoring case ("ın", "laſt") or only after lower-casing ("İn").
        string[] pieces =
        [
            "in", "In", "IN", "ın", "İn", "during", "By", "the", "of", "year", "and", "or", "last", "Last", "LAST", "laſt", "this",
            "This", "next", "NEXT", "early", "Mid", "since", "until", "inn", "x", "café", "troops", "(", "2014", "2019", "1990s",
            "May", "March", "October", "Sunday", "Monday", "7 October", "October 7, 2023", "5", "2014,", "nine",
        ];
        string[] separators = [" ", " ", " ", "  ", "\n", "\n\n", " \n ", "", ",", ".", "-", "\t", "\u00A0"];
        var texts = Generated(pieces, separators, 20261301, 8000);
        texts.AddRange(RealReports.Texts());
        var bare = CountSameMentions(copies, spans, texts, (text, m) => NeedsContext(text[m.Span.Start..m.Span.End]));

        // One word (a year, month or weekday: a full date has several), or a chooser and its date.
        static bool NeedsContext(string mention) =>
            !mention.Any(char.IsWhiteSpace) || mention.Split(' ', '\n')[0].ToLowerInvariant() is "last" or "this" or "next";

        Assert.True(bare > 2000, $"only {bare} mentions of one word or after a chooser: the texts do not test the context");
    }

    [Fact]
    public void Years_read_without_the_memo_are_those_the_atom_regex_reads()
    {
        var recognizer = new DateRecognizer(null, atomicNames: true);
        var texts = Enumerable.Range(0, 10000).Select(n => n.ToString("D4", System.Globalization.CultureInfo.InvariantCulture))
            .Concat(["٢٠١٤", "2٠14", "201", "20145", "1990s", "May", "May 2014", "2023-10-07", " 2014", "2014 "]).ToList();
        var years = 0;
        foreach (var text in texts)
        {
            var expected = recognizer.AtomByRegex(text);
            Assert.Equal(expected, recognizer.AtomOf(text));
            years += expected is null ? 0 : 1;
        }

        Assert.True(years >= 500, $"only {years} years read: the texts do not test the reading");
        AssertSameMentions(new DateRecognizer(null, atomicNames: true, yearsByHand: false), new DateRecognizer(null, atomicNames: true, yearsByHand: true));
    }

    [Fact]
    public void Dates_parsed_without_the_memo_are_those_the_atom_regex_parses()
    {
        // Every shape of the atom pattern (a weekday or none, month and day either way round, "of", a year or none,
        // month and year, decades, ISO dates, names alone) with near misses in each part: the parse by hand against the
        // pattern anchored at both ends, which the memo kept the answers of.
        var recognizer = new DateRecognizer(null, atomicNames: true);
        string[] weekdays = ["", "Monday ", "Monday, ", "Monday,", "Mon. ", "Mon ", "Tues, ", "Sunday\n", "Sun,", "Mondays ", "monday "];
        string[] months = ["October", "Oct", "Oct.", "Sept.", "Sept", "May", "March", "Mar.", "Octobers", "Sept.x", "may", "Oct.."];
        string[] days = ["1", "7", "07", "7th", "1st", "22nd", "3rd", "31", "31st", "30", "32", "0", "00", "12", "29th", "9x", "7TH", "1,5"];
        string[] years = ["", " 2014", ", 2014", ",2014", " 1990", " 2099", " 2100", " 1599", "\n2014", " \n 2014", " \n\n2014", " 20145", " 14", " 2014s", ", of 2014"];
        string[] joins = [" ", ", ", ",", " of ", ", of ", "\n", " \n ", "  of  ", " Of ", ""];
        var texts = new List<string>();
        foreach (var weekday in weekdays)
        {
            foreach (var month in months)
            {
                foreach (var day in days)
                {
                    foreach (var year in years)
                    {
                        texts.Add($"{weekday}{month} {day}{year}");
                        texts.Add($"{weekday}{day} {month}{year}");
                        texts.Add($"{weekday}{day} of {month}{year}");
                    }
                }
            }
        }

        foreach (var month in months)
        {
            foreach (var join in joins)
            {
                texts.AddRange([$"{month}{join}2014", $"{month}{join}1600", $"{month}{join}2100", $"{month}{join}201", month]);
            }
        }

        texts.AddRange(["1990s", "2000s", "1995s", "1600s", "2090s", "1990'S", "1990's", "1990’s", "2023-10-07", "2023-13-40", "2023-1-07",
            "0000-00-00", "2023-10-07-", "Sunday", "Sun", "Sun.", "Thursday", "Thurs", "2014", "2014\n", "October 7\n", "Oct. 7, 2023",
            "٢٠١٤", "October ٧", "7 Octobre", ""]);

        // And every date the atom rule finds in the real reports and in generated texts.
        foreach (var text in RealReports.Texts().Concat(Generated(Pieces, Separators, 20261401, 3000)))
        {
            for (var at = 0; at < text.Length; at++)
            {
                if (recognizer.AtomRegexMatchAt(text, at, out var length) && length > 0)
                {
                    texts.Add(text.Substring(at, length));
                }
            }
        }

        var parsed = 0;
        foreach (var text in texts)
        {
            var expected = recognizer.AtomByRegex(text);
            Assert.True(expected == recognizer.AtomOf(text), $"text: {text}");
            parsed += expected is not null && !text.All(char.IsAsciiDigit) ? 1 : 0;
        }

        Assert.True(parsed > 15000, $"only {parsed} dates other than a year read: the texts do not test the parse");
        AssertSameMentions(new DateRecognizer(null, atomicNames: true, atomsByHand: false), new DateRecognizer(null, atomicNames: true, atomsByHand: true));
    }

    [Fact]
    public void The_nearest_year_of_a_month_and_day_is_the_one_the_query_chose()
    {
        // Every dateline of three years (a leap year among them: February 29, and days as near on either side) against
        // the query the loop replaces.
        for (var today = new LocalDate(2023, 1, 1); today <= new LocalDate(2025, 12, 31); today = today.PlusDays(1))
        {
            for (var month = 1; month <= 12; month++)
            {
                for (var day = 1; day <= 31; day++)
                {
                    var years = new[] { today.Year - 1, today.Year, today.Year + 1 }.Where(y => day <= CalendarSystem.Iso.GetDaysInMonth(y, month)).ToList();
                    var expected = years.Count == 0 ? today.Year : years.MinBy(y => Math.Abs(Period.Between(today, new LocalDate(y, month, day), PeriodUnits.Days).Days));
                    Assert.Equal(expected, DateRecognizer.NearestYearTo(today, month, day));
                }
            }
        }
    }

    /// <summary><paramref name="count"/> texts of two to seven pieces, each followed by a separator (seeded).</summary>
    private static List<string> Generated(string[] pieces, string[] separators, int seed, int count)
    {
        var texts = new List<string>();
        var random = new Random(seed);
        for (var n = 0; n < count; n++)
        {
            var text = new StringBuilder();
            for (var k = random.Next(2, 8); k > 0; k--)
            {
                text.Append(pieces[random.Next(pieces.Length)]).Append(separators[random.Next(separators.Length)]);
            }

            texts.Add(text.ToString());
        }

        return texts;
    }

    /// <summary>
    /// Asserts that both recognizers find the same mentions in each text (dateline 2024-03-10) and returns how many of
    /// them <paramref name="counted"/> accepts, so that a test can check its texts reach the path it compares.
    /// </summary>
    private static int CountSameMentions(DateRecognizer expectedBy, DateRecognizer actualBy, IEnumerable<string> texts, Func<string, DateMention, bool> counted)
    {
        var dateline = PartialDate.OfDay(2024, 3, 10);
        var total = 0;
        foreach (var text in texts)
        {
            var expected = expectedBy.Recognize(text, dateline);
            var actual = actualBy.Recognize(text, dateline);
            Assert.True(
                expected.Select(m => (m.Span, m.Value, m.Unresolved)).SequenceEqual(actual.Select(m => (m.Span, m.Value, m.Unresolved))),
                $"text: {text}");
            total += expected.Count(m => counted(text, m));
        }

        return total;
    }

    private static void AssertSameMentions(DateRecognizer plain, DateRecognizer atomic)
    {
        var dateline = PartialDate.OfDay(2024, 3, 10);
        var random = new Random(20261202);
        for (var n = 0; n < 6000; n++)
        {
            var text = new StringBuilder();
            for (var k = random.Next(1, 10); k > 0; k--)
            {
                text.Append(Pieces[random.Next(Pieces.Length)]).Append(Separators[random.Next(Separators.Length)]);
            }

            var s = text.ToString();
            var expected = plain.Recognize(s, dateline).Select(m => (m.Span, m.Value, m.Unresolved));
            var actual = atomic.Recognize(s, dateline).Select(m => (m.Span, m.Value, m.Unresolved));
            Assert.True(expected.SequenceEqual(actual), $"text: {s}");
        }
    }
}
