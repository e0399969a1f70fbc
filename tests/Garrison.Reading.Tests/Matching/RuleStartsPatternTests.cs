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
}
