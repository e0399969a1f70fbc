using Garrison.Domain.Dates;
using Garrison.Domain.Provenance;
using Garrison.Domain.Quantities;
using Garrison.Domain.Records;
using Garrison.Storage;

namespace Garrison.Interchange.Tests.Support;

/// <summary>An invented report, read as Garrison would read it: entities with kinds and coordinates, events with evidence.</summary>
internal static class Fixture
{
    public const string Body =
        "US troops finished leaving Al-Asad Air Base in Anbar on 18 January 2026, handing it to Iraqi security forces. " +
        "Rockets struck the base in early August 2024, wounding about seven people. " +
        "A further pull-back from Baghdad is planned for next year. " +
        "Officials said the coalition mission in Iraq would end. " +
        "Drones attacked a checkpoint near Kirkuk from 3 to 5 March 2025, killing 250 to 350 fighters, according to local officials. " +
        "Iranian forces fired missiles at US troops at Al-Asad in January 2020.";

    public static EntityRecord UsForces { get; } = new("US forces", EntityKind.Force, ["American troops", "US troops"], Country: "United States");

    public static EntityRecord IraqiForces { get; } = new("Iraqi security forces", EntityKind.Force, ["ISF"], Country: "Iraq");

    public static EntityRecord AlAsad { get; } =
        new("Al-Asad Air Base", EntityKind.Facility, ["Ain al-Asad"], "Anbar", "Iraq", 33.7856, 42.4412);

    public static EntityRecord Kirkuk { get; } = new("Kirkuk", EntityKind.Place, [], "Kirkuk", "Iraq", 35.4681, 44.3922);

    public static EntityRecord IranianForces { get; } = new("Iranian forces", EntityKind.Force, [], Country: "Iran");

    public static EntityRecord Militia { get; } = new("Unidentified armed group", EntityKind.ArmedGroup, []);

    public static EntityRecord Officials { get; } = new("local officials", EntityKind.Government, []);

    public static SourceDocument Document { get; } =
        new("report-1", "hash-report-1", Body, new DocumentInfo("report-1", PartialDate.OfDay(2026, 1, 19), "Invented Wire", "US leaves Al-Asad"));

    private static TextSpan Sentence(int index)
    {
        var start = 0;
        for (var i = 0; i < index; i++)
        {
            start = Body.IndexOf(". ", start, StringComparison.Ordinal) + 2;
        }

        var end = Body.IndexOf(". ", start, StringComparison.Ordinal);
        return new TextSpan(start, end < 0 ? Body.Length : end + 1);
    }

    public static ExtractionRecord Record { get; } = new(
        Document.Info,
        [UsForces, IraqiForces, IranianForces, AlAsad, Kirkuk, Militia, Officials],
        [
            new EventRecord(EventType.Withdrawal, EventStatus.Completed, DateSpan.On(PartialDate.OfDay(2026, 1, 18)), ["US forces"], [],
                "Al-Asad Air Base", "Anbar", "Iraq", Casualties.None, null, null, [Sentence(0)]),
            new EventRecord(EventType.Handover, EventStatus.Completed, DateSpan.On(PartialDate.OfDay(2026, 1, 18)), ["US forces"], ["Iraqi security forces"],
                "Al-Asad Air Base", "Anbar", "Iraq", Casualties.None, null, null, [Sentence(0)]),
            new EventRecord(EventType.MissileAttack, EventStatus.Completed, DateSpan.On(PartialDate.OfMonth(2024, 8), approx: true), [], ["US forces"],
                "Al-Asad Air Base", "Anbar", "Iraq", new Casualties(null, Quantity.About(7)), null, null, [Sentence(1)]),
            new EventRecord(EventType.Withdrawal, EventStatus.Planned, DateSpan.On(PartialDate.OfYear(2027)), ["US forces"], [],
                null, null, "Iraq", Casualties.None, null, null, [Sentence(2)]),
            new EventRecord(EventType.Statement, EventStatus.Completed, DateSpan.On(PartialDate.OfDay(2026, 1, 19)), ["local officials"], [],
                null, null, "Iraq", Casualties.None, null, null, [Sentence(3)]),
            new EventRecord(EventType.AirDroneStrike, EventStatus.Completed,
                new DateSpan(PartialDate.OfDay(2025, 3, 3), PartialDate.OfDay(2025, 3, 5)), ["Unidentified armed group"], ["Iraqi security forces"],
                "Kirkuk", "Kirkuk", "Iraq", new Casualties(Quantity.Between(250, 350), null), null, "local officials", [Sentence(4)]),
            // Two foreign forces, both External/Other forces in ACLED's terms: they must stay two actors.
            new EventRecord(EventType.MissileAttack, EventStatus.Completed, DateSpan.On(PartialDate.OfMonth(2020, 1)), ["Iranian forces"], ["US forces"],
                "Al-Asad Air Base", "Anbar", "Iraq", Casualties.None, null, null, [Sentence(5)]),
        ],
        []);

    /// <summary>The parts of an event that must survive an export and re-import (origin and offsets name the new source).</summary>
    public static object Comparable(EventRecord e) => new
    {
        e.Type,
        e.Status,
        e.Date,
        Actors = string.Join("|", e.Actors),
        Targets = string.Join("|", e.Targets),
        e.Place,
        e.Admin1,
        e.Country,
        e.Casualties.Killed,
        e.Casualties.Injured,
        e.Quantity,
        e.AttributedTo,
    };
}
