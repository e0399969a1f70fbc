using System.Text.RegularExpressions;
using Garrison.Reading.Matching;

namespace Garrison.Reading.Tests.Matching;

/// <summary>
/// The rules' regexes are made once per pattern and interpreted: compiling them cost more than half of a short run and
/// gained nothing once a run had settled (see <see cref="RuleStarts.Pattern"/>).
/// </summary>
public sealed class RuleStartsPatternTests
{
    [Fact]
    public void A_pattern_is_made_once_and_interpreted()
    {
        var pattern = RuleStarts.Anchor(@"(?i:since)\s+\d{4}");

        var first = RuleStarts.Pattern(pattern);

        Assert.Same(first, RuleStarts.Pattern(pattern));
        Assert.Equal(RegexOptions.CultureInvariant, first.Options);
    }

    [Fact]
    public void The_one_character_outside_ascii_a_rule_regex_takes_for_an_ascii_letter_is_the_kelvin_sign()
    {
        // RuleStarts.MayEqualAsciiWord lets a run with letters outside ASCII start the word rules only when each is the
        // Kelvin sign: the rules' regexes (culture-invariant, case ignored) must take no other for an ASCII letter,
        // whatever the thread's culture.
        var found = new List<string>();
        foreach (var culture in new[] { "", "tr-TR", "en-US" })
        {
            var previous = System.Globalization.CultureInfo.CurrentCulture;
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo(culture);
            try
            {
                for (var letter = 'a'; letter <= 'z'; letter++)
                {
                    var regex = RuleStarts.Pattern(RuleStarts.Anchor($"(?i:{letter}{letter})(?![\\p{{L}}])"));
                    for (var c = 128; c <= char.MaxValue; c++)
                    {
                        if (regex.IsMatch($"{letter}{(char)c}") || regex.IsMatch($"{(char)c}{char.ToUpperInvariant(letter)}"))
                        {
                            found.Add($"{culture}:{letter}=U+{c:X4}");
                        }
                    }
                }
            }
            finally
            {
                System.Globalization.CultureInfo.CurrentCulture = previous;
            }
        }

        Assert.Equal([":k=U+212A", "tr-TR:k=U+212A", "en-US:k=U+212A"], found);
    }
}
