using Garrison.Domain.Dates;
using Garrison.Domain.Quantities;
using Garrison.Storage.Sql;
using Garrison.Storage.Temporal;
using NodaTime;

namespace Garrison.Storage.Tests;

/// <summary>
/// The refresh keeps a stored holdings row for a computed holding when the two holdings have the same content
/// (<see cref="HoldingContent"/>) and writes a new row otherwise, so the comparison must say equal exactly when the
/// rows (<see cref="HoldingJson.Values"/>) are equal: a field it ignored would keep a stale row, a field it compared
/// more finely than the row would replace an equal row under a new id.
/// </summary>
public sealed class HoldingContentTests
{
    [Fact]
    public void Holdings_compare_equal_exactly_when_their_rows_are_equal()
    {
        var holder = new EntityRef(1, "Alder Brigade");
        var place = new EntityRef(10, "Quarry Ridge");
        var january = new DocumentRef("wire-a", PartialDate.Parse("2020-01-18"));
        var spring = new DocumentRef("wire-b", PartialDate.Parse("2020-04"));
        var undated = new DocumentRef("wire-c", null);
        var basis = new Holding(HoldingKind.TroopLevel, holder, place, PartialDate.Parse("2019-03"), PartialDate.Parse("2020"),
            new LocalDate(2019, 3, 1), new LocalDate(2020, 12, 31), Quantity.About(500), [january, spring], [4, 9], [7]);
        Holding[] holdings =
        [
            basis,
            // The same content in new lists and new references.
            basis with
            {
                Holder = new EntityRef(1, "Alder Brigade"), Sources = [new DocumentRef("wire-a", PartialDate.Parse("2020-01-18")), spring],
                FactIds = [4, 9], EventIds = [7], Quantity = Quantity.About(500),
            },
            basis with { Kind = HoldingKind.Presence },
            basis with { Holder = new EntityRef(2, "Alder Brigade") },
            basis with { Holder = new EntityRef(1, "Alder Brigade (2nd)") },
            basis with { Place = new EntityRef(11, "Quarry Ridge") },
            // Same first day, another precision: another text in the row.
            basis with { Since = PartialDate.Parse("2019-03-01") },
            basis with { Since = null },
            basis with { Until = PartialDate.Parse("2020-12") },
            basis with { FirstDay = new LocalDate(2019, 3, 2) },
            basis with { LastDay = null },
            basis with { Quantity = Quantity.Exactly(500) },
            basis with { Quantity = Quantity.Between(400, 600, approx: true) },
            basis with { Quantity = new Quantity(500, 400, null, true) },
            basis with { Quantity = null },
            basis with { Sources = [january] },
            basis with { Sources = [january, spring, undated] },
            basis with { Sources = [spring, january] },
            basis with { Sources = [new DocumentRef("wire-a", PartialDate.Parse("2020-01")), spring] },
            basis with { Sources = [new DocumentRef("wire-a", null), spring] },
            basis with { FactIds = [4] },
            basis with { FactIds = [9, 4] },
            basis with { FactIds = [4, 9], EventIds = [] },
            basis with { EventIds = [7, 8] },
        ];
        var json = new HoldingJson();
        var rows = holdings.Select(h => json.Values(h)).ToList();

        var equalPairs = 0;
        for (var i = 0; i < holdings.Length; i++)
        {
            for (var j = 0; j < holdings.Length; j++)
            {
                var sameRow = rows[i].SequenceEqual(rows[j]);
                Assert.True(sameRow == HoldingContent.Comparer.Equals(holdings[i], holdings[j]), $"holdings {i} and {j}: same row {sameRow}");
                if (sameRow)
                {
                    Assert.Equal(HoldingContent.Comparer.GetHashCode(holdings[i]), HoldingContent.Comparer.GetHashCode(holdings[j]));
                    equalPairs += i == j ? 0 : 1;
                }
            }
        }

        Assert.Equal(2, equalPairs);
    }
}
