using Garrison.Domain.Dates;
using Garrison.Domain.Records;
using Garrison.Storage.Temporal;

namespace Garrison.Storage.Tests;

/// <summary>
/// Control built per (holder, place) pair and cut per place (<see cref="TemporalRules.ControlOfPair"/>, then
/// <see cref="TemporalRules.ExclusiveControl"/> over the pairs in their <see cref="TemporalRules.PairControl.Position"/>
/// order) against <see cref="TemporalRules.Build"/> over every claim at once: the ingest's refresh keeps each pair's
/// holdings before the cut and recomputes only the pairs a batch's claims name.
/// </summary>
public sealed class ControlPerPairTests
{
    // Two holders share a name (different ids): of two successors that start on the same day with the same name, the
    // cut takes the one Build lists first, so the pairs' order matters.
    private static readonly EntityRef[] Holders = [new(1, "Twin Brigade"), new(2, "Twin Brigade"), new(3, "Alder Brigade"), new(4, "Birch Regiment")];

    private static readonly EntityRef[] Places = [new(10, "Quarry Ridge"), new(11, "Saltmarsh"), new(12, "Tollgate"), new(13, "Juniper Hill"), new(14, "Millstone")];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Control_of_each_pair_cut_per_place_equals_control_built_from_every_claim(int seed)
    {
        var (facts, events) = Claims(new Random(seed), 200);

        var expected = TemporalRules.Build(facts, events).Where(h => h.Kind == HoldingKind.Control).ToList();
        var actual = new List<Holding>();
        foreach (var place in Places)
        {
            var pairs = Holders
                .Select(holder => TemporalRules.ControlOfPair(holder.Id,
                    [.. facts.Where(f => f.Relation == Relation.Controls && f.Object == place && f.Subject == holder)],
                    [.. events.Where(e => e.Place == place && Names(e, holder))]))
                .Where(pair => pair.Holdings.Count > 0)
                .OrderBy(pair => pair.Position)
                .ToList();
            actual.AddRange(TemporalRules.ExclusiveControl(pairs.SelectMany(pair => pair.Holdings)));
        }

        actual.Sort(TemporalRules.Order);
        var ended = expected.Count(h => h.LastDay is not null);
        Assert.True(expected.Count > 30 && ended > 20, $"too few holdings ({expected.Count}, {ended} ended) to compare");
        Assert.Equal(expected.Select(Describe), actual.Select(Describe));
    }

    [Fact]
    public void Of_two_successors_with_one_name_and_one_start_the_cut_takes_the_one_listed_first()
    {
        // Build lists the spans of facts before those of events: the second twin (a fact) comes before the first (an
        // event, lower id), and the open hold at the place ends with the second twin's start as it reported it.
        var place = Places[0];
        var documents = new[] { new DocumentRef("doc-a", PartialDate.Parse("2015-02-01")), new DocumentRef("doc-b", PartialDate.Parse("2016-03-01")),
            new DocumentRef("doc-c", PartialDate.Parse("2016-04-01")) };
        List<TemporalFact> facts =
        [
            new(1, Relation.Controls, Holders[2], place, new DateSpan(PartialDate.Parse("2015-01"), null, false), null, documents[0]),
            new(5, Relation.Controls, Holders[1], place, new DateSpan(PartialDate.Parse("2016-01"), null, false), null, documents[2]),
        ];
        List<TemporalEvent> events =
        [
            new(3, EventType.TerritoryTaken, EventStatus.Completed, new DateSpan(PartialDate.Parse("2016-01-01"), null, false), [Holders[0]], [], place, documents[1]),
        ];

        var expected = TemporalRules.Build(facts, events).Where(h => h.Kind == HoldingKind.Control).ToList();
        // The pairs in holder id order, as a cache might hold them.
        var pairs = Holders.Take(3)
            .Select(holder => TemporalRules.ControlOfPair(holder.Id, [.. facts.Where(f => f.Subject == holder)], [.. events.Where(e => Names(e, holder))]))
            .OrderBy(pair => pair.Position)
            .ToList();
        var actual = TemporalRules.ExclusiveControl(pairs.SelectMany(pair => pair.Holdings)).ToList();
        actual.Sort(TemporalRules.Order);

        Assert.Equal("2016-01", expected.Single(h => h.Holder == Holders[2]).Until.ToString());
        Assert.Equal(expected.Select(Describe), actual.Select(Describe));
    }

    /// <summary>Whether the event can open or close the holder's control at its place (the claims of its pair).</summary>
    private static bool Names(TemporalEvent ev, EntityRef holder) => ev.Type switch
    {
        EventType.Handover => ev.Actors.Contains(holder) || ev.Targets.Contains(holder),
        EventType.TerritoryTaken or EventType.Withdrawal => ev.Actors.Contains(holder),
        _ => false,
    };

    /// <summary>
    /// Controls facts (open, ended, undated) and handovers, territory taken and withdrawals over few days, so that
    /// starts often fall on the same day; claims in id order, facts and events numbered from the same counter.
    /// </summary>
    private static (List<TemporalFact> Facts, List<TemporalEvent> Events) Claims(Random random, int count)
    {
        PartialDate Date() => random.Next(3) switch
        {
            0 => PartialDate.OfYear(random.Next(2015, 2019)),
            1 => PartialDate.Parse($"{random.Next(2015, 2019)}-{random.Next(1, 4):D2}"),
            _ => PartialDate.Parse($"{random.Next(2015, 2019)}-{random.Next(1, 4):D2}-{random.Next(1, 3):D2}"),
        };

        var documents = Enumerable.Range(0, 12).Select(i => new DocumentRef($"doc-{i:D2}", PartialDate.Parse($"2019-0{i % 9 + 1}-15"))).ToArray();
        var facts = new List<TemporalFact>();
        var events = new List<TemporalEvent>();
        for (var id = 1; id <= count; id++)
        {
            var holder = Holders[random.Next(Holders.Length)];
            var other = Holders[random.Next(Holders.Length)];
            var place = Places[random.Next(Places.Length)];
            var document = documents[random.Next(documents.Length)];
            var status = random.Next(5) == 0 ? EventStatus.Ongoing : EventStatus.Completed;
            switch (random.Next(6))
            {
                case 0:
                    facts.Add(new TemporalFact(id, Relation.Controls, holder, place, new DateSpan(random.Next(4) == 0 ? null : Date(), null, false), null, document));
                    break;
                case 1:
                    var from = Date();
                    facts.Add(new TemporalFact(id, Relation.Controls, holder, place, new DateSpan(from, PartialDate.OfYear(from.Year + 1), false), null, document));
                    break;
                case 2:
                    events.Add(new TemporalEvent(id, EventType.Handover, status, new DateSpan(Date(), null, false), [holder], [other, Holders[random.Next(Holders.Length)]], place, document));
                    break;
                case 3:
                    events.Add(new TemporalEvent(id, EventType.TerritoryTaken, status, new DateSpan(Date(), null, false), holder == other ? [holder] : [holder, other], [], place, document));
                    break;
                case 4:
                    events.Add(new TemporalEvent(id, EventType.Withdrawal, status, new DateSpan(Date(), null, false), [holder], [], place, document));
                    break;
                default:
                    // Claims of other kinds at the same places: the pair's control must not depend on them.
                    facts.Add(new TemporalFact(id, Relation.PresentAt, holder, place, new DateSpan(Date(), null, false), null, document));
                    break;
            }
        }

        return (facts, events);
    }

    private static string Describe(Holding h) =>
        $"{h.Holder.Id} {h.Place.Id} {h.Since} {h.Until} {h.FirstDay} {h.LastDay} [{string.Join(",", h.Sources.Select(s => s.Id))}] " +
        $"[{string.Join(",", h.FactIds)}] [{string.Join(",", h.EventIds)}]";
}
