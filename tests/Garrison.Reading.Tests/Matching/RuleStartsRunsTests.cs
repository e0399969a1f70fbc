using System.Text;
using Garrison.Reading.Matching;

namespace Garrison.Reading.Tests.Matching;

/// <summary>
/// The runs of letters and digits that the rules' start scan reads (found by vectorized searches over ASCII) against
/// a plain walk with <see cref="char.IsLetter(char)"/> and <see cref="char.IsDigit(char)"/>, on generated texts that
/// mix ASCII with letters and digits outside it.
/// </summary>
public sealed class RuleStartsRunsTests
{
    private static readonly string[] Pieces =
    [
        "May", "the", "2014", "5", "x", "café", "é", "Ωmega", "naïve", "٣", "5٣", "٣5", "a٣", "Kelvin", "K", "ǅ", "𝒜", "-",
        " ", ", ", ".", "\n", "'", "’", "1,000", "mid-2019", "_", "ⅷ", "\u0301",
    ];

    [Fact]
    public void Runs_are_those_a_walk_with_char_tests_finds()
    {
        var random = new Random(20261202);
        for (var n = 0; n < 4000; n++)
        {
            var text = new StringBuilder();
            for (var k = random.Next(0, 14); k > 0; k--)
            {
                text.Append(Pieces[random.Next(Pieces.Length)]);
            }

            var s = text.ToString();
            var actual = RuleStarts.RunsOf(s).ToArray().Select(r => (r.Start, r.Length, r.Kind.ToString()));
            Assert.True(Walk(s).SequenceEqual(actual), $"text: {s}");
        }
    }

    // The walk the runs were read with before, character by character.
    internal static List<(int Start, int Length, string Kind)> Walk(string text)
    {
        var runs = new List<(int, int, string)>();
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            if (char.IsLetter(text[i]))
            {
                var ascii = true;
                while (i < text.Length && char.IsLetter(text[i]))
                {
                    ascii &= char.IsAscii(text[i]);
                    i++;
                }

                runs.Add((start, i - start, ascii ? "AsciiLetters" : "OtherLetters"));
            }
            else if (char.IsDigit(text[i]))
            {
                while (i < text.Length && char.IsDigit(text[i]))
                {
                    i++;
                }

                runs.Add((start, i - start, "Digits"));
            }
            else
            {
                i++;
            }
        }

        return runs;
    }
}
