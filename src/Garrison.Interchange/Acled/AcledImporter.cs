using System.Globalization;
using Garrison.Domain.Dates;
using Garrison.Domain.Provenance;
using Garrison.Domain.Quantities;
using Garrison.Domain.Records;
using Garrison.Interchange.Import;
using Garrison.Storage;
using NodaTime;
using NodaTime.Text;

namespace Garrison.Interchange.Acled;

/// <summary>
/// Reads ACLED exports (current text layout, and the older layout with numeric inter codes and "18 January 2026"
/// dates). Each row keeps its identifier (document "acled-IRQ1234", event origin "acled:IRQ1234") and its notes as
/// the document body, which is the event's evidence. Garrison's own tags (see <see cref="AcledTags"/>) are read back.
/// </summary>
public sealed class AcledImporter : CsvImporter
{
    public const string OriginPrefix = "acled:";
    public const string DocumentPrefix = "acled-";

    private static readonly LocalDatePattern[] DatePatterns =
    [
        LocalDatePattern.Iso,
        LocalDatePattern.Create("d MMMM uuuu", CultureInfo.InvariantCulture),
        LocalDatePattern.Create("d-MMMM-uuuu", CultureInfo.InvariantCulture),
    ];

    public override string Format => "acled-csv";

    protected override IReadOnlyList<string> RequiredColumns => AcledColumns.Required;

    protected override ImportedRow ReadRow(CsvRow row, string path, string contentHash)
    {
        var id = RequireText(row, AcledColumns.EventIdCnty);
        var date = ReadDate(row);
        var precision = ReadTimePrecision(row);
        var category = AcledCategory.Find(row.Text(AcledColumns.EventType), row.Text(AcledColumns.SubEventType))
            ?? throw new MalformedRowException(
                $"unknown event type '{row.Text(AcledColumns.EventType)}' / sub-event type '{row.Text(AcledColumns.SubEventType)}'");
        var coordinates = ReadCoordinates(row, AcledColumns.Latitude, AcledColumns.Longitude);
        var fatalities = ReadCount(row, AcledColumns.Fatalities, required: false);
        var tags = AcledTags.Parse(row.Get(AcledColumns.Tags));

        var type = AcledMapping.FromAcled(category);
        if (TryEnum<EventType>(AcledTags.Get(tags, AcledTags.GarrisonType), out var tagged))
        {
            type = tagged;
        }

        var status = TryEnum<EventStatus>(AcledTags.Get(tags, AcledTags.Status), out var taggedStatus) ? taggedStatus : EventStatus.Completed;
        var span = AcledMapping.FromAcledDate(date, precision);
        if (DateSpanText.TryParse(AcledTags.Get(tags, AcledTags.Date), out var taggedSpan) && AcledMapping.ToAcledDate(taggedSpan, out _) is { } check &&
            check.Date == date)
        {
            // Our own exact span, kept only when it is the one this row's date was coded from.
            span = taggedSpan;
        }

        Quantity? killed = fatalities > 0 ? Quantity.Exactly(fatalities) : null;
        if (QuantityText.TryParse(AcledTags.Get(tags, AcledTags.Killed), out var taggedKilled))
        {
            killed = taggedKilled;
        }

        QuantityText.TryParse(AcledTags.Get(tags, AcledTags.Injured), out var injured);
        QuantityText.TryParse(AcledTags.Get(tags, AcledTags.Quantity), out var quantity);
        var attributedTo = AcledTags.Get(tags, AcledTags.AttributedTo);

        var entities = new List<EntityRecord>();
        var actors = ReadSide(row, AcledColumns.Actor1, AcledColumns.AssocActor1, AcledColumns.Inter1, entities);
        var targets = ReadSide(row, AcledColumns.Actor2, AcledColumns.AssocActor2, AcledColumns.Inter2, entities);

        var country = NullIfEmpty(row.Text(AcledColumns.Country));
        var admin1 = NullIfEmpty(row.Text(AcledColumns.Admin1));
        var location = NullIfEmpty(row.Text(AcledColumns.Location));
        if (location is not null)
        {
            var kind = string.Equals(location, country, StringComparison.OrdinalIgnoreCase) ? EntityKind.Country
                : string.Equals(location, admin1, StringComparison.OrdinalIgnoreCase) ? EntityKind.Province
                : EntityKind.Place;
            entities.Add(new EntityRecord(location, kind, [], admin1, country, coordinates?.Lat, coordinates?.Lon));
        }

        if (attributedTo is not null && entities.All(e => e.Name != attributedTo))
        {
            entities.Add(new EntityRecord(attributedTo, EntityKind.Unknown, []));
        }

        // Excel writes CRLF inside quoted notes; the body keeps one kind of line end so offsets do not depend on it.
        var notes = row.Text(AcledColumns.Notes).Replace("\r\n", "\n", StringComparison.Ordinal);
        var body = notes.Length > 0 ? notes : row.Text(AcledColumns.Source);
        TextSpan[] evidence = body.Length > 0 ? [new TextSpan(0, body.Length)] : [];
        var info = new DocumentInfo(DocumentPrefix + id, null, NullIfEmpty(row.Text(AcledColumns.Source)), $"ACLED event {id}");
        var record = new EventRecord(type, status, span, actors, targets, location, admin1, country, new Casualties(killed, injured), quantity,
            attributedTo, evidence)
        {
            Origin = OriginPrefix + id,
        };

        var document = new SourceDocument(info.Id, contentHash, body, info) { Path = path };
        return new ImportedRow(document, new ExtractionRecord(info, entities, [record], []));
    }

    private static LocalDate ReadDate(CsvRow row)
    {
        var text = RequireText(row, AcledColumns.EventDate);
        foreach (var pattern in DatePatterns)
        {
            var result = pattern.Parse(text);
            if (result.Success)
            {
                var year = row.Text(AcledColumns.Year);
                if (year.Length > 0 && year != result.Value.Year.ToString(CultureInfo.InvariantCulture))
                {
                    throw new MalformedRowException($"year {year} does not match event_date {text}");
                }

                return result.Value;
            }
        }

        throw new MalformedRowException($"bad event_date '{text}': expected YYYY-MM-DD");
    }

    private static int ReadTimePrecision(CsvRow row)
    {
        var text = row.Text(AcledColumns.TimePrecision);
        if (text.Length == 0)
        {
            return 1;
        }

        return text is "1" or "2" or "3"
            ? text[0] - '0'
            : throw new MalformedRowException($"bad time_precision '{text}': expected 1, 2 or 3");
    }

    private static List<string> ReadSide(CsvRow row, string actorColumn, string assocColumn, string interColumn, List<EntityRecord> entities)
    {
        var names = new List<string>();
        var actor = row.Text(actorColumn);
        if (actor.Length > 0)
        {
            AcledInterText.TryParse(row.Get(interColumn), out var inter);
            var known = AcledInterText.TryParse(row.Get(interColumn), out _);
            AddEntity(entities, new EntityRecord(actor, known ? inter.ToEntityKind() : EntityKind.Unknown, [])
            {
                Ref = known ? AcledInterText.Ref(inter, actor) : null,
            });
            names.Add(actor);
        }

        foreach (var associate in row.Text(assocColumn).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            AddEntity(entities, new EntityRecord(associate, EntityKind.Unknown, []));
            names.Add(associate);
        }

        return names;
    }

    private static void AddEntity(List<EntityRecord> entities, EntityRecord entity)
    {
        if (entities.All(e => e.Name != entity.Name))
        {
            entities.Add(entity);
        }
    }

    private static bool TryEnum<T>(string? snakeCase, out T value)
        where T : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(snakeCase))
        {
            return false;
        }

        try
        {
            value = RecordJson.Deserialize<T>($"\"{snakeCase.Trim()}\"");
            return true;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
