using Garrison.Storage.Temporal;

namespace Garrison.Storage.Sql;

/// <summary>
/// Compares holdings by everything their stored row is made of (<see cref="HoldingJson.Values"/>): two holdings equal
/// here have the same row and so the same key, and the reverse: every field is written in a form that keeps it (a date
/// as its text, which is its year, month, day and precision; a quantity's four fields; each source's id and dateline;
/// the ids), so two holdings that differ here never make one row. The refresh relies on both when it keeps a stored
/// row for a computed holding by content (<see cref="ClaimCache.Session.MatchRows"/>). A <see cref="Holding"/> record
/// compares its lists by reference.
/// </summary>
internal sealed class HoldingContent : IEqualityComparer<Holding>
{
    public static HoldingContent Comparer { get; } = new();

    public bool Equals(Holding? x, Holding? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        return x is not null && y is not null &&
            x.Kind == y.Kind && x.Holder == y.Holder && x.Place == y.Place &&
            x.Since == y.Since && x.Until == y.Until && x.FirstDay == y.FirstDay && x.LastDay == y.LastDay &&
            Equals(x.Quantity, y.Quantity) &&
            x.Sources.SequenceEqual(y.Sources) && x.FactIds.SequenceEqual(y.FactIds) && x.EventIds.SequenceEqual(y.EventIds);
    }

    public int GetHashCode(Holding holding) =>
        HashCode.Combine(holding.Kind, holding.Holder.Id, holding.Place.Id, holding.FirstDay, holding.LastDay,
            holding.Sources.Count, holding.FactIds.Count > 0 ? holding.FactIds[^1] : 0, holding.EventIds.Count > 0 ? holding.EventIds[^1] : 0);
}
