using Garrison.Domain.Provenance;
using Garrison.Reading.Names;

namespace Garrison.Reading.Tests.Names;

public sealed class WordScannerTests
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
}
