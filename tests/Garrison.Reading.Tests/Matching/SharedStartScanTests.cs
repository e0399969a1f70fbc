using System.Text;
using Garrison.Domain.Provenance;
using Garrison.Reading.Dates;
using Garrison.Reading.Matching;
using Garrison.Reading.Quantities;

namespace Garrison.Reading.Tests.Matching;

/// <summary>
/// Rule sets whose starts come from one shared walk over the runs (<see cref="SharedStartScan"/>) against the same sets
/// walking the runs each on their own: the same offsets for every rule, and the same date and quantity mentions.
/// </summary>
public sealed class SharedStartScanTests
{
    private static readonly string[] Pieces =
    [
        "at least", "at", "least", "AT LEAST", "more than", "more", "than", "since", "Since", "the", "past", "the past",
        "in the", "in", "mid-", "mid", "2014", "5", "12", "1,000", "300", "café", "Ωmega", "Kelvin", "\u212Aelvin", "x", "-",
        " ", ", ", ".", "\n", "'", "’", "naïve", "٣", "up to", "up", "between", "and", "from", "to", "May", "March",
        "October 7", "last week", "three days ago", "around 2010", "some 300 troops", "five or six", "dozens of",
        "2 – 3", "1.5 million", "Feb. 8, 2011", "early 2019", "\u00A0",
    ];

    private static readonly string[] Separators = [" ", " ", " ", ", ", "\n", ".", "-", ""];

    private static List<string> Texts()
    {
        var texts = new List<string>();
        var random = new Random(20261202);
        for (var n = 0; n < 3000; n++)
        {
            var text = new StringBuilder();
            for (var k = random.Next(0, 16); k > 0; k--)
            {
                text.Append(Pieces[random.Next(Pieces.Length)]).Append(Separators[random.Next(Separators.Length)]);
            }

            texts.Add(text.ToString());
        }

        texts.AddRange(RealReports.Texts());
        return texts;
    }

    [Fact]
    public void Rules_read_from_a_shared_walk_start_where_their_own_walk_finds()
    {
        // Two sets with keywords in common ("at" alone and "at least"), digits with and without a run pattern, a
        // keyword outside ASCII (that rule scans) and a phrase led by a word of the other set.
        RuleStart[] first =
        [
            RuleStart.Words(["at least", "more than"]), new(null, Digits: true), RuleStart.Words(["since", "the past"]),
            new(null, Digits: true, DigitRun: @"\d{4}"), RuleStart.Words(["mid-"]), RuleStart.Everywhere,
        ];
        RuleStart[] second =
        [
            RuleStart.Words(["at", "up to"]), new(["between", "from"], Digits: true), RuleStart.Words(["Ωmega"]),
            RuleStart.Words(["the"]), new(null, Digits: true, DigitRun: @"\d{1,3}"),
        ];
        var shared = new SharedStartScan();
        var firstShared = new RuleStarts(first, shared);
        var secondShared = new RuleStarts(second, shared);
        var firstAlone = new RuleStarts(first);
        var secondAlone = new RuleStarts(second);
        var starts = 0;
        foreach (var original in Texts())
        {
            // A copy: the shared walk is kept per text instance, so the walks below read a text not yet seen.
            var text = new string(original.AsSpan());
            var expectedFirst = firstAlone.Find(text);
            var expectedSecond = secondAlone.Find(text);
            var actualSecond = secondShared.Find(text);
            var actualFirst = firstShared.Find(text);
            AssertSame(expectedFirst, actualFirst, text);
            AssertSame(expectedSecond, actualSecond, text);
            starts += expectedFirst.Concat(expectedSecond).Sum(s => s?.Count ?? 0);
        }

        Assert.True(starts > 10_000, $"only {starts} starts: the texts do not test the walk");
    }

    [Fact]
    public void Sets_that_do_not_fit_in_one_walk_walk_on_their_own()
    {
        var shared = new SharedStartScan();
        var many = Enumerable.Range(0, 40).Select(_ => RuleStart.Words(["at"])).ToList();
        var first = new RuleStarts(many, shared);
        var second = new RuleStarts(many, shared);
        var alone = new RuleStarts(many);
        const string text = "at the base, at least 5 at";
        Assert.Equal(alone.Find(text).Select(s => s!.ToArray()), first.Find(text).Select(s => s!.ToArray()));
        Assert.Equal(alone.Find(text).Select(s => s!.ToArray()), second.Find(text).Select(s => s!.ToArray()));
    }

    [Fact]
    public void Dates_and_quantities_sharing_a_walk_find_what_each_finds_alone()
    {
        var shared = new SharedStartScan();
        var datesShared = new DateRecognizer(null, atomicNames: true, sharedStarts: shared);
        var quantitiesShared = new QuantityRecognizer(null, splitRules: true, sharedStarts: shared);
        var datesAlone = new DateRecognizer(null, atomicNames: true);
        var quantitiesAlone = new QuantityRecognizer(null, splitRules: true);
        var mentions = 0;
        foreach (var original in Texts())
        {
            var text = new string(original.AsSpan());
            var dates = datesAlone.Recognize(text, null);
            var skip = dates.Select(d => d.Span).ToArray();
            var quantities = quantitiesAlone.Recognize(text, skip);

            // As the pipeline calls them: dates (twice when a dateline is found), then quantities, on the same body.
            var sharedDates = datesShared.Recognize(text, null);
            Assert.Equal(Describe(dates), Describe(sharedDates));
            Assert.Equal(Describe(dates), Describe(datesShared.Recognize(text, null)));
            Assert.Equal(quantities.Select(q => (q.Span, q.Value.ToString())), quantitiesShared.Recognize(text, skip).Select(q => (q.Span, q.Value.ToString())));
            mentions += dates.Count + quantities.Count;
        }

        Assert.True(mentions > 3000, $"only {mentions} mentions: the texts do not test the recognizers");
    }

    private static IEnumerable<(TextSpan, string, string?)> Describe(List<Garrison.Reading.Documents.DateMention> dates) =>
        dates.Select(d => (d.Span, d.Value.ToString(), d.Unresolved));

    private static void AssertSame(List<int>?[] expected, List<int>?[] actual, string text)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var rule = 0; rule < expected.Length; rule++)
        {
            Assert.True(expected[rule] is null == actual[rule] is null, $"rule {rule} scans in one walk only, text: {text}");
            Assert.True(expected[rule] is null || expected[rule]!.SequenceEqual(actual[rule]!), $"rule {rule}, text: {text}");
        }
    }
}
