using System.Globalization;
using Garrison.Domain.Dates;
using Garrison.Domain.Provenance;
using Garrison.Domain.Quantities;
using Garrison.Domain.Records;
using Garrison.Interchange.Import;
using Garrison.Storage;
using NodaTime;
using NodaTime.Text;

namespace Garrison.Interchange.Ucdp;

/// <summary>
/// Reads UCDP GED event CSVs (the published columns: id, type_of_violence, side_a, side_b, where_coordinates,
/// adm_1, latitude, longitude, country, date_prec, date_start, date_end, best, low, high, source_*...). Each row
/// becomes document "ucdp-ged-ID" (body: the source headline, article reference and location description) and one
/// event with origin "ucdp-ged:ID". UCDP counts deaths, so killed is best with low and high as its range.
/// </summary>
public sealed class UcdpGedImporter : CsvImporter
{
    public const string OriginPrefix = "ucdp-ged:";
    public const string DocumentPrefix = "ucdp-ged-";

    private static readonly string[] Required =
        ["id", "type_of_violence", "side_a", "side_b", "latitude", "longitude", "country", "date_start", "date_end", "best"];

    public override string Format => "ucdp-ged-csv";

    protected override IReadOnlyList<string> RequiredColumns => Required;

    protected override ImportedRow ReadRow(CsvRow row, string path, string contentHash)
    {
        var id = RequireText(row, "id");
        var violence = row.Text("type_of_violence");
        var type = violence switch
        {
            "1" or "2" => EventType.ArmedClash,
            "3" => EventType.Attack,
            _ => throw new MalformedRowException($"bad type_of_violence '{violence}': expected 1, 2 or 3"),
        };

        var start = ReadDate(row, "date_start");
        var end = ReadDate(row, "date_end");
        if (end < start)
        {
            throw new MalformedRowException($"date_end {end:uuuu-MM-dd} is before date_start {start:uuuu-MM-dd}");
        }

        var span = ToSpan(row, start, end);
        var coordinates = ReadCoordinates(row, "latitude", "longitude")
            ?? throw new MalformedRowException("bad coordinates: latitude and longitude are empty");
        var best = ReadCount(row, "best", required: true);
        var low = row.Text("low").Length > 0 ? ReadCount(row, "low", required: true) : best;
        var high = row.Text("high").Length > 0 ? ReadCount(row, "high", required: true) : best;
        var killed = low == best && high == best ? Quantity.Exactly(best) : new Quantity(best, low, high);

        var entities = new List<EntityRecord>();
        var sideA = RequireText(row, "side_a");
        var sideB = RequireText(row, "side_b");
        entities.Add(new EntityRecord(sideA, SideKind(sideA), []));
        if (sideB != sideA)
        {
            entities.Add(new EntityRecord(sideB, SideKind(sideB), []));
        }

        var country = RequireText(row, "country");
        var admin1 = NullIfEmpty(row.Text("adm_1"));
        var placeName = FirstNonEmpty(row.Text("where_coordinates"), row.Text("adm_2"), row.Text("adm_1"), country);
        entities.Add(new EntityRecord(placeName, PlaceKind(row.Text("where_prec")), [], admin1, country, coordinates.Lat, coordinates.Lon));

        var body = string.Join("\n", new[] { row.Text("source_headline"), row.Text("source_article"), row.Text("where_description") }
            .Where(t => t.Length > 0)).Replace("\r\n", "\n", StringComparison.Ordinal);
        TextSpan[] evidence = body.Length > 0 ? [new TextSpan(0, body.Length)] : [];
        var info = new DocumentInfo(DocumentPrefix + id, null, NullIfEmpty(row.Text("source_office")),
            NullIfEmpty(row.Text("source_headline")) ?? $"UCDP GED event {id}");
        var record = new EventRecord(type, EventStatus.Completed, span, [sideA], [sideB], placeName, admin1, country,
            new Casualties(killed, null), null, null, evidence)
        {
            Origin = OriginPrefix + id,
        };

        var document = new SourceDocument(info.Id, contentHash, body, info) { Path = path };
        return new ImportedRow(document, new ExtractionRecord(info, entities, [record], []));
    }

    /// <summary>
    /// UCDP's date_prec: 1 exact day; 2 a span of 2-6 days; 3 a known week; 4 a known month; 5 a known year.
    /// The span is date_start..date_end, kept at the precision UCDP states (never a day it does not know).
    /// </summary>
    private static DateSpan ToSpan(CsvRow row, LocalDate start, LocalDate end)
    {
        var precision = row.Text("date_prec");
        var days = DateSpan.On(PartialDate.FromLocalDate(start));
        var range = start == end ? days : new DateSpan(PartialDate.FromLocalDate(start), PartialDate.FromLocalDate(end));
        return precision switch
        {
            "" or "1" or "2" or "3" => range,
            "4" when start.Year == end.Year && start.Month == end.Month => DateSpan.On(PartialDate.OfMonth(start.Year, start.Month)),
            "5" when start.Year == end.Year => DateSpan.On(PartialDate.OfYear(start.Year)),
            "4" or "5" => range,
            _ => throw new MalformedRowException($"bad date_prec '{precision}': expected 1 to 5"),
        };
    }

    private static LocalDate ReadDate(CsvRow row, string column)
    {
        var text = RequireText(row, column);
        // GED's CSVs write "2017-01-02" or, from database dumps, "2017-01-02 00:00:00.000".
        var datePart = text.Length > 10 && text[10] is ' ' or 'T' ? text[..10] : text;
        var result = LocalDatePattern.Iso.Parse(datePart);
        return result.Success ? result.Value : throw new MalformedRowException($"bad {column} '{text}': expected YYYY-MM-DD");
    }

    /// <summary>UCDP names state actors "Government of X"; every other side is an organised group, except civilians.</summary>
    private static EntityKind SideKind(string name) =>
        name.StartsWith("Government of ", StringComparison.OrdinalIgnoreCase) ? EntityKind.Government
        : string.Equals(name, "Civilians", StringComparison.OrdinalIgnoreCase) ? EntityKind.Unknown
        : EntityKind.ArmedGroup;

    /// <summary>UCDP's where_prec: 1-3 a place or district, 4 an ADM1 area, 5 a larger area, 6 the country, 7 water or airspace.</summary>
    private static EntityKind PlaceKind(string wherePrec) => wherePrec switch
    {
        "4" => EntityKind.Province,
        "5" => EntityKind.Region,
        "6" => EntityKind.Country,
        "7" => EntityKind.Unknown,
        _ => EntityKind.Place,
    };

    private static string FirstNonEmpty(params string[] values) => values.First(v => v.Length > 0);

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
