using Garrison.Domain.Dates;
using Garrison.Domain.Quantities;
using Garrison.Domain.Records;

namespace Garrison.Domain.Tests.Records;

/// <summary>Computed conveniences stay out of the JSON: the contract lists only the stored fields.</summary>
public class RecordJsonShapeTests
{
    [Fact]
    public void A_date_span_writes_only_its_ends_and_approx()
    {
        var json = RecordJson.Serialize(DateSpan.On(PartialDate.Parse("2012-10-06"), approx: true));

        Assert.Equal("""{"from":"2012-10-06","to":"2012-10-06","approx":true}""", json);
    }

    [Fact]
    public void A_quantity_writes_no_best_estimate()
    {
        var json = RecordJson.Serialize(Quantity.Between(8, 12));

        Assert.DoesNotContain("best_estimate", json, StringComparison.Ordinal);
        Assert.Equal(10, RecordJson.Deserialize<Quantity>(json)!.BestEstimate);
    }
}
