using Garrison.Domain.Dates;
using Garrison.Domain.Provenance;
using Garrison.Domain.Quantities;
using Garrison.Domain.Records;
using Garrison.Storage;

namespace Garrison.Web.Tests.Fixtures;

/// <summary>
/// Reports written for these tests (not copied from any outlet), with the records a reader would take from them.
/// Evidence offsets are found by locating each sentence in the body, so the spans are exact by construction.
/// </summary>
public static class FixtureReports
{
    public const string PostureId = "fixture-posture-2026-01";
    public const string RangeId = "fixture-troops-2024-09";

    public const string AsadSentence =
        "On Sunday the last American units left Al-Asad, and Iraqi army units took charge of the base, according to the defence ministry in Baghdad.";

    public const string StationedSentence =
        "US troops have been stationed at the Ain al-Asad base in western Iraq since 2014, and roughly 2,500 American service members remain in the country under an arrangement dating from late 2021.";

    public const string MovedSentence =
        "The departing troops moved north to Harir, a Kurdish-region airfield where US forces have operated since 2015, and to a base near Erbil.";

    public const string RocketSentence =
        "A rocket struck near the Erbil base on January 19, injuring three contractors, officials said.";

    public const string RangeSentence =
        "Between 1,800 and 2,000 US personnel were in Iraq that month, two officials said.";

    public static readonly EntityRecord AlAsad = new("Al-Asad Air Base", EntityKind.Facility, ["Ain al-Asad", "Al-Asad"], "Anbar", "Iraq", 33.79, 42.44);
    public static readonly EntityRecord Harir = new("Harir Air Base", EntityKind.Facility, ["Harir"], "Erbil", "Iraq", 36.53, 44.34);
    public static readonly EntityRecord Erbil = new("Erbil Air Base", EntityKind.Facility, ["Erbil base"], "Erbil", "Iraq", 36.24, 43.96);
    public static readonly EntityRecord UsForces = new("US forces", EntityKind.Force, ["American units", "US troops"], Country: "United States");
    public static readonly EntityRecord Isf = new("Iraqi security forces", EntityKind.Force, ["Iraqi army"], Country: "Iraq");
    public static readonly EntityRecord Iraq = new("Iraq", EntityKind.Country, [], Country: "Iraq", Lat: 33.0, Lon: 44.0);
    public static readonly EntityRecord Ministry = new("Iraqi Ministry of Defense", EntityKind.Government, ["defence ministry"], Country: "Iraq");

    public static (SourceDocument Document, ExtractionRecord Record) Posture()
    {
        var body = string.Join("\n\n", StationedSentence, AsadSentence, MovedSentence, RocketSentence);
        var info = new DocumentInfo(PostureId, PartialDate.Parse("2026-01-20"), "Fixture Wire", "Troops leave a western Iraq base");
        var stationed = Span(body, StationedSentence);
        var asad = Span(body, AsadSentence);
        var moved = Span(body, MovedSentence);
        var rocket = Span(body, RocketSentence);
        var handoverDay = PartialDate.Parse("2026-01-18");
        var record = new ExtractionRecord(
            info,
            [AlAsad, Harir, Erbil, UsForces, Isf, Iraq, Ministry],
            [
                new EventRecord(EventType.Withdrawal, EventStatus.Completed, DateSpan.On(handoverDay), ["US forces"], [], AlAsad.Name,
                    "Anbar", "Iraq", Casualties.None, null, Ministry.Name, [asad]),
                new EventRecord(EventType.Handover, EventStatus.Completed, DateSpan.On(handoverDay), ["US forces"], ["Iraqi security forces"], AlAsad.Name,
                    "Anbar", "Iraq", Casualties.None, null, Ministry.Name, [asad]),
                new EventRecord(EventType.MissileAttack, EventStatus.Completed, DateSpan.On(PartialDate.Parse("2026-01-19")), [], ["US forces"], Erbil.Name,
                    "Erbil", "Iraq", new Casualties(null, Quantity.Exactly(3)), null, null, [rocket]),
            ],
            [
                new FactRecord(UsForces.Name, Relation.PresentAt, AlAsad.Name, null, new DateSpan(PartialDate.Parse("2014"), handoverDay), null, [stationed, asad]),
                new FactRecord(Isf.Name, Relation.Controls, AlAsad.Name, null, DateSpan.Since(handoverDay), Ministry.Name, [asad]),
                new FactRecord(UsForces.Name, Relation.PresentAt, Harir.Name, null, DateSpan.Since(PartialDate.Parse("2015")), null, [moved]),
                new FactRecord(UsForces.Name, Relation.PresentAt, Erbil.Name, null, DateSpan.Since(handoverDay), null, [moved]),
                new FactRecord(UsForces.Name, Relation.TroopLevel, Iraq.Name, Quantity.About(2500), DateSpan.Since(PartialDate.Parse("2021-12")), null, [stationed]),
            ]);
        return (new SourceDocument(PostureId, "sha256:posture", body, info), record);
    }

    public static (SourceDocument Document, ExtractionRecord Record) Range()
    {
        var body = "Officials briefed reporters in Baghdad on Tuesday.\n\n" + RangeSentence;
        var info = new DocumentInfo(RangeId, PartialDate.Parse("2024-09-10"), "Fixture Wire", "Troop numbers");
        var month = PartialDate.Parse("2024-09");
        var record = new ExtractionRecord(
            info,
            [UsForces, Iraq],
            [],
            [
                new FactRecord(UsForces.Name, Relation.TroopLevel, Iraq.Name, Quantity.Between(1800, 2000), new DateSpan(month, month), null, [Span(body, RangeSentence)]),
            ]);
        return (new SourceDocument(RangeId, "sha256:range", body, info), record);
    }

    public static IEnumerable<(SourceDocument Document, ExtractionRecord Record)> All()
    {
        yield return Posture();
        yield return Range();
    }

    public static TextSpan Span(string body, string sentence)
    {
        var start = body.IndexOf(sentence, StringComparison.Ordinal);
        if (start < 0)
        {
            throw new ArgumentException($"sentence not in body: {sentence}");
        }

        return new TextSpan(start, start + sentence.Length);
    }
}
