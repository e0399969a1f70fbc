using System.Text;
using Garrison.Reading.Matching;

namespace Garrison.Reading.Tests.Matching;

/// <summary>
/// The rules' starts found through packed keys (words and pairs of up to twelve letters) and digit slots (numbers of
/// up to four ASCII digits) against the same rules looked up in the frozen tables and by the run patterns, on
/// generated texts with short, long, mixed-case and non-ASCII words and numbers of every length.
/// </summary>
public sealed class RuleStartsLookupTests
{
    private static readonly string[] Pieces =
    [
        "at least", "At Least", "AT", "at", "least", "more than", "mORE", "than", "approximately", "Approximately",
        "approximatelyx", "approximatel", "internationally recognised", "internationally", "in the", "in", "the",
        "the past", "pastry", "mid-", "mid", "since", "sinc", "sincere", "between", "Ωmega", "\u212Aelvin", "kelvin",
        "café", "naïve", "x", "a", "z", "7", "07", "007", "0007", "31", "32", "2014", "1999", "1599", "2100", "12345",
        "2010s", "٣", "٢٠١٤", "5٣", "1,000", "-", " ", ", ", ".", "\n", "'", "’", "abcdefghijkl", "abcdefghijklm",
    ];

    private static readonly RuleStart[] Rules =
    [
        RuleStart.Words(["at least", "more than", "the past", "internationally recognised"]), RuleStart.Words(["at", "in the", "mid-"]),
        RuleStart.Words(["approximately", "since", "abcdefghijkl"]), new(null, Digits: true),
        new(null, Digits: true, DigitRun: @"1[6-9]\d\d|20\d\d"), new(["between"], Digits: true, DigitRun: @"3[01]|[12]\d|0?[1-9]|\d{4}"),
        RuleStart.Words(["Ωmega"]), RuleStart.Everywhere, RuleStart.Words(["abcdefghijklm more"]),
    ];

    [Fact]
    public void Packed_keys_and_digit_slots_find_the_starts_the_frozen_tables_and_run_patterns_find()
    {
        var packed = new RuleStarts(Rules);
        var frozen = new RuleStarts(Rules, packedKeys: false);
        var random = new Random(20261202);
        var starts = 0;
        for (var n = 0; n < 5000; n++)
        {
            var text = new StringBuilder();
            for (var k = random.Next(0, 14); k > 0; k--)
            {
                text.Append(Pieces[random.Next(Pieces.Length)]).Append(random.Next(4) == 0 ? "" : " ");
            }

            var s = text.ToString();
            var expected = frozen.Find(s);
            var actual = packed.Find(s);
            for (var rule = 0; rule < Rules.Length; rule++)
            {
                Assert.True(expected[rule] is null ? actual[rule] is null : expected[rule]!.SequenceEqual(actual[rule]!), $"rule {rule}, text: {s}");
                starts += expected[rule]?.Count ?? 0;
            }
        }

        Assert.True(starts > 20_000, $"only {starts} starts: the texts do not test the look-ups");
    }
}
