using Garrison.Domain.Dates;
using Garrison.Domain.Quantities;
using NodaTime;

namespace Garrison.Storage.Temporal;

/// <summary>
/// What the state record shows of one <see cref="Holding"/>, and what it orders and ranks it by, without the fact and
/// event ids and the sources' datelines a holding carries: a state query builds one per row that holds on its date,
/// so it is kept to what a row of the answer needs (names, dates, figure, source ids, the latest source's day and the
/// first fact id that breaks ties).
/// </summary>
public sealed record StateLine(
    HoldingKind Kind,
    EntityRef Holder,
    EntityRef Place,
    PartialDate? Since,
    PartialDate? Until,
    LocalDate? FirstDay,
    LocalDate? LastDay,
    Quantity? Quantity,
    IReadOnlyList<string> SourceIds,
    LocalDate? LatestSource,
    long FirstFactId)
{
    public bool HoldsOn(LocalDate day) => (FirstDay is null || FirstDay <= day) && (LastDay is null || day <= LastDay);

    public static StateLine Of(Holding holding) => new(holding.Kind, holding.Holder, holding.Place, holding.Since, holding.Until,
        holding.FirstDay, holding.LastDay, holding.Quantity, holding.SourceIds, LatestDay(holding.Sources), holding.FactIds.FirstOrDefault());

    /// <summary>The first day of the most recent dated source; null when no source is dated.</summary>
    public static LocalDate? LatestDay(IEnumerable<DocumentRef> sources)
    {
        LocalDate? latest = null;
        foreach (var source in sources)
        {
            if (source.Published is { } published && (latest is null || published.FirstDay > latest))
            {
                latest = published.FirstDay;
            }
        }

        return latest;
    }
}
