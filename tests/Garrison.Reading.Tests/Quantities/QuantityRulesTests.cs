using Garrison.Domain.Provenance;
using Garrison.Domain.Quantities;
using Garrison.Reading.Quantities;

namespace Garrison.Reading.Tests.Quantities;

public sealed class QuantityRulesTests
{
    private static readonly QuantityRecognizer Recognizer = new();

    [Fact]
    public void Parts_of_one_group_are_summed()
    {
        const string text = "Last summer five US service members and two US contractors were injured in a rocket attack.";

        var group = Sum(text);

        Assert.NotNull(group);
        Assert.Equal(Quantity.Exactly(7), group.Total);
        Assert.Equal("five US service members and two", group.Span.Slice(text));
        Assert.Equal(2, group.Parts.Count);
    }

    [Fact]
    public void Lists_with_commas_are_summed_and_hedges_carry_over()
    {
        const string text = "About 20 soldiers, three police officers, and 4 civilians were wounded.";

        Assert.Equal(new Quantity(27, Approx: true), Sum(text)!.Total);
    }

    [Fact]
    public void Counts_in_separate_clauses_are_not_a_group()
    {
        Assert.Null(Sum("Five soldiers were killed and two were wounded."));
        Assert.Null(Sum("Three drones were launched at the base in 2024 and 40 more in 2025."));
    }

    [Fact]
    public void A_single_count_is_not_a_group()
    {
        Assert.Null(Sum("Twelve guards were hurt."));
    }

    [Fact]
    public void Only_counts_inside_the_span_are_used()
    {
        const string text = "Two soldiers and three medics were hurt. Four guards and one driver were hurt.";
        var second = new TextSpan(text.IndexOf("Four", StringComparison.Ordinal), text.Length);

        var group = QuantityRules.SumCoordinatedCounts(text, Recognizer.Recognize(text), second);

        Assert.Equal(Quantity.Exactly(5), group!.Total);
    }

    [Fact]
    public void Bounds_add_when_a_part_has_no_value()
    {
        var total = QuantityRules.Sum([Quantity.Exactly(5), Quantity.AtLeast(12), new Quantity(null, null, 3)]);

        Assert.Equal(new Quantity(null, 17, null), total);
    }

    private static CoordinatedCount? Sum(string text) =>
        QuantityRules.SumCoordinatedCounts(text, Recognizer.Recognize(text), new TextSpan(0, text.Length));
}
