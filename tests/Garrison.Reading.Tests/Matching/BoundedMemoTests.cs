using Garrison.Reading.Matching;

namespace Garrison.Reading.Tests.Matching;

/// <summary>The memo looked up by a span of a text against the same memo looked up by the text as a string.</summary>
public sealed class BoundedMemoTests
{
    [Fact]
    public void A_span_finds_the_answer_its_text_has_and_computes_each_text_once()
    {
        var computed = new List<string>();
        var memo = new BoundedMemo<int>(text => { computed.Add(text); return text.Length * 7; }, capacity: 3);
        const string body = "five 1,200 five troops 1,200";

        Assert.Equal(28, memo.Get(body.AsSpan(0, 4)));
        Assert.Equal(28, memo.Get("five"));
        Assert.Equal(35, memo.Get(body.AsSpan(5, 5)));
        Assert.Equal(35, memo.Get(body.AsSpan(23, 5)));
        Assert.Equal(0, memo.Get(ReadOnlySpan<char>.Empty));
        Assert.Equal(["five", "1,200", string.Empty], computed);

        // Past its capacity the memo keeps nothing new, and computes again.
        Assert.Equal(42, memo.Get(body.AsSpan(16, 6)));
        Assert.Equal(42, memo.Get(body.AsSpan(16, 6)));
        Assert.Equal(["five", "1,200", string.Empty, "troops", "troops"], computed);
    }
}
