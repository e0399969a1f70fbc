using System.Globalization;
using System.Text;
using Garrison.Storage.Temporal;

namespace Garrison.Storage.Sql;

/// <summary>
/// The holdings a batch's claims can change, as narrowly as <see cref="TemporalRules"/> allows: presence and troop
/// levels are built per (holder, place) pair from that pair's claims alone, and control per place (a new controller
/// ends another's hold there). A batch refreshes only these units, so its cost follows what it adds rather than
/// everything stored at the places it names: news names the same bases again and again, and recomputing every holding
/// at each of them made each batch cost more than the one before.
/// </summary>
internal sealed class HoldingScope
{
    /// <summary>The claims' places: what the refresh is chunked by (as when it recomputed whole places).</summary>
    public HashSet<long> Places { get; } = [];

    public HashSet<(long Holder, long Place)> Presence { get; } = [];

    public HashSet<(long Holder, long Place)> TroopLevels { get; } = [];

    public HashSet<long> Control { get; } = [];

    public bool IsEmpty => Presence.Count == 0 && TroopLevels.Count == 0 && Control.Count == 0;

    public void UnionWith(HoldingScope other)
    {
        Places.UnionWith(other.Places);
        Presence.UnionWith(other.Presence);
        TroopLevels.UnionWith(other.TroopLevels);
        Control.UnionWith(other.Control);
    }

    /// <summary>The units at the given places.</summary>
    public HoldingScope Within(IReadOnlySet<long> places)
    {
        var scope = new HoldingScope();
        scope.Places.UnionWith(places);
        scope.Presence.UnionWith(Presence.Where(p => places.Contains(p.Place)));
        scope.TroopLevels.UnionWith(TroopLevels.Where(p => places.Contains(p.Place)));
        scope.Control.UnionWith(Control.Where(places.Contains));
        return scope;
    }

    /// <summary>
    /// Whether the holding belongs to a unit of the scope. Claims read for one unit can yield holdings of others (a
    /// deployment read for one of its actors opens a presence for each); those were built from part of their claims.
    /// </summary>
    public bool Contains(Holding holding) => holding.Kind switch
    {
        HoldingKind.Presence => Presence.Contains((holding.Holder.Id, holding.Place.Id)),
        HoldingKind.TroopLevel => TroopLevels.Contains((holding.Holder.Id, holding.Place.Id)),
        _ => Control.Contains(holding.Place.Id),
    };

    /// <summary>
    /// The <c>SELECT</c>s the callers build for each kind of unit, joined by <c>UNION</c>. A pair set is given as its
    /// places' <c>IN</c> list, for an index from the place to find each place's rows once, and as a
    /// <c>(VALUES (holder, place), …)</c> list that a row's (holder, place) must be in (SQLite builds it into a lookup
    /// once per statement); the control places as an <c>IN</c> list. Ids are integers written into the SQL (see
    /// <see cref="ListSql"/>).
    /// </summary>
    /// <returns>The SQL, or null when the scope has no unit of the kinds given (no row can be selected).</returns>
    public string? Sql(Func<Pairs, string>? presence, Func<Pairs, string>? troopLevels, Func<string, string>? control)
    {
        var parts = new List<string>();
        if (presence is not null && Presence.Count > 0)
        {
            parts.Add(presence(Pairs.Of(Presence)));
        }

        if (troopLevels is not null && TroopLevels.Count > 0)
        {
            parts.Add(troopLevels(Pairs.Of(TroopLevels)));
        }

        if (control is not null && Control.Count > 0)
        {
            parts.Add(control(ListSql.Ids(Control.Order())));
        }

        return parts.Count == 0 ? null : string.Join(" UNION ", parts);
    }

    /// <summary>A pair set as SQL: <c>(VALUES (holder, place), …)</c> and its places' <c>(p, …)</c>, in a fixed order.</summary>
    internal sealed record Pairs(string Values, string Places)
    {
        public static Pairs Of(HashSet<(long Holder, long Place)> pairs)
        {
            var values = new StringBuilder("(VALUES ");
            var first = true;
            foreach (var (holder, place) in pairs.Order())
            {
                values.Append(first ? "(" : ", (").Append(holder.ToString(CultureInfo.InvariantCulture)).Append(", ")
                    .Append(place.ToString(CultureInfo.InvariantCulture)).Append(')');
                first = false;
            }

            return new Pairs(values.Append(')').ToString(), ListSql.Ids(pairs.Select(p => p.Place).Distinct().Order()));
        }
    }
}
