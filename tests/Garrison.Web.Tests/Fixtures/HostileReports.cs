using Garrison.Domain.Dates;
using Garrison.Domain.Quantities;
using Garrison.Domain.Records;
using Garrison.Storage;

namespace Garrison.Web.Tests.Fixtures;

/// <summary>A report whose text, header and names carry markup payloads: the page must show them as text.</summary>
public static class HostileReports
{
    public const string Id = "fixture-hostile";
    public const string BaseName = "Camp <img src=x onerror=\"window.__xss='name'\">";
    public const string ForceName = "<script>window.__xss='force'</script> Brigade";
    public const string Sentence = "Fighters of the <script>window.__xss='body'</script> Brigade seized the camp <img src=x onerror=alert('body')> on Monday.";

    public static (SourceDocument Document, ExtractionRecord Record) Report()
    {
        var body = "Intro <b onmouseover=alert('intro')>bold</b> line.\n\n" + Sentence + "\n\n<iframe src=\"javascript:alert('frame')\"></iframe>";
        var info = new DocumentInfo(Id, PartialDate.Parse("2026-03-02"), "<svg onload=alert('outlet')>", "<img src=x onerror=alert('title')>",
            Url: "javascript:alert('url')");
        var evidence = FixtureReports.Span(body, Sentence);
        var day = PartialDate.Parse("2026-03-02");
        var camp = new EntityRecord(BaseName, EntityKind.Facility, ["<svg/onload=alert('alias')>"], "<b>Anbar</b>", "Iraq", 34.1, 42.9);
        var force = new EntityRecord(ForceName, EntityKind.ArmedGroup, []);
        var record = new ExtractionRecord(
            info,
            [camp, force],
            [
                new EventRecord(EventType.TerritoryTaken, EventStatus.Completed, DateSpan.On(day), [ForceName], [], BaseName,
                    camp.Admin1, "Iraq", new Casualties(Quantity.Exactly(4), null), null, "<img src=x onerror=alert('attr')>", [evidence]),
            ],
            [
                new FactRecord(ForceName, Relation.Controls, BaseName, null, DateSpan.Since(day), null, [evidence]),
                new FactRecord(ForceName, Relation.TroopLevel, "<i>Iraq</i>", Quantity.About(300), DateSpan.Since(day), null, [evidence]),
            ]);
        return (new SourceDocument(Id, "sha256:hostile", body, info), record);
    }
}
