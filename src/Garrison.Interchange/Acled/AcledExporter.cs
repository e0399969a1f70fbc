using System.Globalization;
using CsvHelper;
using Garrison.Domain.Quantities;
using Garrison.Domain.Records;
using Garrison.Interchange.Countries;
using Garrison.Interchange.Export;
using Garrison.Storage;

namespace Garrison.Interchange.Acled;

/// <summary>
/// Writes events as ACLED rows: ACLED's columns with ACLED's meanings, so the file drops into an analyst's
/// existing ACLED workflow. Events ACLED would not code (statements, planned or denied events, dates vaguer
/// than a month) are left out and counted in the result's notes. What the columns cannot hold goes to tags.
/// </summary>
public sealed class AcledExporter(CountryTable countries) : IExporter
{
    public string Format => "acled-csv";

    public async Task<ExportResult> WriteAsync(IKnowledgeStore store, ExportRequest request, TextWriter output, CancellationToken cancellationToken = default)
    {
        var events = await store.GetEventsAsync(request.ToEventQuery(), cancellationToken);
        var entities = new EntityDirectory(store);
        var outlets = new Dictionary<string, string>(StringComparer.Ordinal);
        var skipped = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var withoutCoordinates = 0;

        await using var csv = CsvWriter.Create(output, CsvOutput.Options, leaveOpen: true);
        csv.WriteHeader(AcledColumns.All.ToArray());
        var written = 0;
        foreach (var stored in events)
        {
            var row = await BuildRowAsync(stored, store, entities, outlets, request, cancellationToken);
            if (row.Skip is { } reason)
            {
                skipped[reason] = skipped.GetValueOrDefault(reason) + 1;
                continue;
            }

            if (row.Values[AcledColumns.Latitude].Length == 0)
            {
                withoutCoordinates++;
            }

            await csv.WriteRecordAsync(AcledColumns.All.Select(c => row.Values.GetValueOrDefault(c, "")).ToArray(), cancellationToken);
            written++;
        }

        await csv.FlushAsync(cancellationToken);
        var notes = skipped.Select(s => $"{s.Value} event(s) left out: {s.Key}").ToList();
        if (withoutCoordinates > 0)
        {
            notes.Add($"{withoutCoordinates} row(s) have no coordinates: latitude, longitude and geo_precision are blank");
        }

        return new ExportResult(written, notes);
    }

    private sealed record Row(Dictionary<string, string> Values, string? Skip);

    private async Task<Row> BuildRowAsync(
        StoredEvent stored, IKnowledgeStore store, EntityDirectory entities, Dictionary<string, string> outlets,
        ExportRequest request, CancellationToken cancellationToken)
    {
        var e = stored.Event;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var tags = new List<KeyValuePair<string, string>>();
        var fromAcled = e.Origin?.StartsWith(AcledImporter.OriginPrefix, StringComparison.Ordinal) == true;

        if (e.Status is not (EventStatus.Completed or EventStatus.Ongoing))
        {
            return new Row(values, $"status {Vocabulary.Snake(e.Status)} (ACLED codes events that happened)");
        }

        var place = await entities.FindAsync(e.Place, cancellationToken);
        var countryName = e.Country ?? place?.Country ?? (place?.Kind == EntityKind.Country ? place.Name : null);
        var country = countries.Find(countryName);

        var actors = new List<(string Name, AcledInter? Inter, EntityRecord? Entity)>();
        foreach (var name in e.Actors.Concat(e.Targets))
        {
            var entity = await entities.FindAsync(name, cancellationToken);
            actors.Add((name, InterOf(entity, country), entity));
        }

        var actorSide = actors.Take(e.Actors.Count).ToList();
        var targetSide = actors.Skip(e.Actors.Count).ToList();
        var targetIsArmed = targetSide.Any(t => t.Inter is not null and not (AcledInter.Civilians or AcledInter.Protesters or AcledInter.Rioters));
        var actorIsState = actorSide.FirstOrDefault().Inter is AcledInter.StateForces or AcledInter.ExternalForces;

        var category = AcledMapping.ToAcled(e.Type, targetIsArmed, actorIsState);
        if (category is null && fromAcled && e.Type == EventType.Statement)
        {
            // ACLED's own "Other" rows come in as statements and go back out as they came.
            category = AcledCategory.Other;
        }

        if (category is null)
        {
            return new Row(values, $"type {Vocabulary.Snake(e.Type)} has no ACLED event type");
        }

        if (AcledMapping.FromAcled(category) != e.Type)
        {
            tags.Add(new(AcledTags.GarrisonType, Vocabulary.Snake(e.Type)));
        }

        if (e.Status != EventStatus.Completed)
        {
            tags.Add(new(AcledTags.Status, Vocabulary.Snake(e.Status)));
        }

        if (AcledMapping.ToAcledDate(e.Date, out var dateProblem) is not { } date)
        {
            return new Row(values, dateProblem!);
        }

        if (AcledMapping.FromAcledDate(date.Date, date.Precision) != e.Date)
        {
            tags.Add(new(AcledTags.Date, DateSpanText.Format(e.Date)));
        }

        var id = fromAcled
            ? e.Origin![AcledImporter.OriginPrefix.Length..]
            : string.Create(CultureInfo.InvariantCulture, $"{country?.Alpha3 ?? "XXX"}G{stored.Id}");
        if (!fromAcled && e.Origin is { } origin)
        {
            tags.Add(new(AcledTags.Origin, origin));
        }

        values[AcledColumns.EventIdCnty] = id;
        values[AcledColumns.EventDate] = date.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        values[AcledColumns.Year] = date.Date.Year.ToString(CultureInfo.InvariantCulture);
        values[AcledColumns.TimePrecision] = date.Precision.ToString(CultureInfo.InvariantCulture);
        values[AcledColumns.DisorderType] = category.DisorderType;
        values[AcledColumns.EventType] = category.EventType;
        values[AcledColumns.SubEventType] = category.SubEventType;

        var inter1 = actorSide.FirstOrDefault().Inter;
        var inter2 = targetSide.FirstOrDefault().Inter;
        values[AcledColumns.Actor1] = actorSide.FirstOrDefault().Name ?? "";
        values[AcledColumns.AssocActor1] = string.Join("; ", actorSide.Skip(1).Select(a => a.Name));
        values[AcledColumns.Inter1] = inter1?.Text() ?? "";
        values[AcledColumns.Actor2] = targetSide.FirstOrDefault().Name ?? "";
        values[AcledColumns.AssocActor2] = string.Join("; ", targetSide.Skip(1).Select(a => a.Name));
        values[AcledColumns.Inter2] = inter2?.Text() ?? "";
        values[AcledColumns.Interaction] = AcledInterText.Interaction(inter1, inter2);
        values[AcledColumns.CivilianTargeting] =
            category.EventType == AcledCategory.ViolenceAgainstCivilians || targetSide.Any(t => t.Inter == AcledInter.Civilians)
                ? AcledColumns.CivilianTargetingValue
                : "";

        values[AcledColumns.Iso] = country?.Numeric.ToString(CultureInfo.InvariantCulture) ?? "";
        values[AcledColumns.Region] = country?.AcledRegion ?? "";
        values[AcledColumns.Country] = country?.Name ?? countryName ?? "";
        values[AcledColumns.Admin1] = e.Admin1 ?? place?.Admin1 ?? "";
        values[AcledColumns.Location] = e.Place ?? "";

        var lat = stored.Lat ?? place?.Lat;
        var lon = stored.Lon ?? place?.Lon;
        if (lat is { } latitude && lon is { } longitude)
        {
            values[AcledColumns.Latitude] = latitude.ToString("0.0###", CultureInfo.InvariantCulture);
            values[AcledColumns.Longitude] = longitude.ToString("0.0###", CultureInfo.InvariantCulture);
            values[AcledColumns.GeoPrecision] = GeoPrecision(place?.Kind).ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            values[AcledColumns.Latitude] = values[AcledColumns.Longitude] = values[AcledColumns.GeoPrecision] = "";
        }

        var sourceNames = new List<string>();
        foreach (var documentId in stored.Sources.Select(s => s.DocumentId).Distinct())
        {
            if (!outlets.TryGetValue(documentId, out var outlet))
            {
                var document = await store.GetDocumentAsync(documentId, cancellationToken);
                outlet = document?.Info.Outlet ?? document?.Info.Title ?? documentId;
                outlets[documentId] = outlet;
            }

            sourceNames.Add(outlet);
        }

        values[AcledColumns.Source] = string.Join("; ", sourceNames.Distinct());
        values[AcledColumns.Notes] = string.Join(" ", stored.Sources.Select(s => s.Text.Trim()).Where(t => t.Length > 0).Distinct());

        values[AcledColumns.Fatalities] = Fatalities(e.Casualties.Killed).ToString(CultureInfo.InvariantCulture);
        // A plain positive count is all the column needs; zero must be tagged, as ACLED's 0 also means "no report".
        if (e.Casualties.Killed is { } killed && (killed.Value is null or 0 || killed != Quantity.Exactly(killed.Value.Value)))
        {
            tags.Add(new(AcledTags.Killed, QuantityText.Format(killed)));
        }

        if (e.Casualties.Injured is { } injured)
        {
            tags.Add(new(AcledTags.Injured, QuantityText.Format(injured)));
        }

        if (e.Quantity is { } quantity)
        {
            tags.Add(new(AcledTags.Quantity, QuantityText.Format(quantity)));
        }

        if (e.AttributedTo is { } attributedTo)
        {
            tags.Add(new(AcledTags.AttributedTo, attributedTo));
        }

        values[AcledColumns.Tags] = AcledTags.Format(tags);
        values[AcledColumns.Timestamp] = request.Timestamp?.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) ?? "";
        return new Row(values, null);
    }

    /// <summary>
    /// ACLED's fatalities: the most conservative figure reported, 0 when none is. A range gives its low end;
    /// "up to N" gives 0 because no lower figure was reported. The hedge itself goes to the "killed" tag.
    /// </summary>
    public static long Fatalities(Quantity? killed) => killed switch
    {
        null => 0,
        { Value: { } value } => value,
        { Low: { } low } => low,
        _ => 0,
    };

    /// <summary>
    /// ACLED's geo_precision from the kind of place named: a town or installation is 1 (a named location with
    /// coordinates); a province, region or country is 3 (coded to a larger area). Unknown kinds are 2.
    /// </summary>
    public static int GeoPrecision(EntityKind? placeKind) => placeKind switch
    {
        EntityKind.Place or EntityKind.Facility => 1,
        EntityKind.Province or EntityKind.Region or EntityKind.Country => 3,
        _ => 2,
    };

    /// <summary>
    /// ACLED's actor category for an entity: the one ACLED gave it when imported, else from its kind; a state's
    /// forces acting outside their own country are "External/Other forces" (codebook: inter 8).
    /// </summary>
    public static AcledInter? InterOf(EntityRecord? entity, Country? eventCountry)
    {
        if (entity is null)
        {
            return null;
        }

        if (AcledInterText.TryParseRef(entity.Ref, out var imported))
        {
            return imported;
        }

        var home = entity.Kind == EntityKind.Country ? entity.Name : entity.Country;
        var abroad = home is not null && eventCountry is not null &&
            !eventCountry.Aliases.Append(eventCountry.Name).Contains(home, StringComparer.OrdinalIgnoreCase);
        return entity.Kind switch
        {
            EntityKind.Force or EntityKind.Government or EntityKind.Country => abroad ? AcledInter.ExternalForces : AcledInter.StateForces,
            EntityKind.Coalition => AcledInter.ExternalForces,
            EntityKind.ArmedGroup => AcledInter.PoliticalMilitia,
            EntityKind.Person => AcledInter.Civilians,
            _ => null,
        };
    }
}
