using Garrison.Domain.Provenance;
using Garrison.Reading.Matching;

namespace Garrison.Reading.Tests.Matching;

/// <summary>
/// The choice among candidate matches through packed 64-bit keys against the sort of the same keys as tuples, on
/// generated candidate lists with equal starts, equal lengths, equal rules and exact duplicates (which only the order
/// as found tells apart), lists of every size, and spans too far or too long for the packed fields.
/// </summary>
public sealed class LeftmostLongestTests
{
    private sealed record Candidate(int Id, TextSpan Span, int Rule);

    [Fact]
    public void Packed_keys_choose_what_the_tuple_sort_chooses()
    {
        var random = new Random(20261301);
        var overlapping = 0;
        for (var n = 0; n < 20000; n++)
        {
            var count = n % 50 == 0 ? random.Next(100, 400) : random.Next(0, 40);
            var span = random.Next(1, 80);
            var candidates = new List<Candidate>();
            for (var k = 0; k < count; k++)
            {
                var start = random.Next(span);
                candidates.Add(new Candidate(k, new TextSpan(start, start + random.Next(0, 12)), random.Next(0, 6)));
            }

            var expected = Choose(candidates, packed: false);
            var actual = Choose(candidates, packed: true);
            Assert.True(expected.SequenceEqual(actual), $"list {n}: {string.Join(", ", candidates)}");
            overlapping += candidates.Count - expected.Count;
        }

        Assert.True(overlapping > 100000, $"only {overlapping} candidates left out: the lists do not test the order");
    }

    [Fact]
    public void Spans_and_rules_outside_the_packed_fields_are_chosen_as_before()
    {
        // Starts past 2^24, lengths past 2^16, rules past 255, beside ordinary ones: the tuple sort decides.
        var random = new Random(20261302);
        for (var n = 0; n < 2000; n++)
        {
            var candidates = new List<Candidate>();
            for (var k = random.Next(1, 30); k > 0; k--)
            {
                var start = random.Next(4) == 0 ? (1 << 24) + random.Next(20) : random.Next(20);
                var length = random.Next(5) == 0 ? ushort.MaxValue + random.Next(1, 3) : random.Next(10);
                candidates.Add(new Candidate(k, new TextSpan(start, start + length), random.Next(6) == 0 ? 256 + random.Next(3) : random.Next(3)));
            }

            Assert.Equal(Choose(candidates, packed: false), Choose(candidates, packed: true));
        }
    }

    private static List<Candidate> Choose(List<Candidate> candidates, bool packed) =>
        LeftmostLongest.Choose(candidates, static c => c.Span, static c => c.Rule, packed);
}
