using System.Globalization;
using CsvHelper;
using Garrison.Storage;

namespace Garrison.Interchange.Export;

/// <summary>
/// Garrison's own flat CSV: one row per event with every field of the extraction record, spans and quantities
/// written as text that keeps their hedges ("about 2500", "2021-12/.."), lists joined with "; ".
/// </summary>
public sealed class PlainCsvExporter : IExporter
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "id", "type", "status", "date", "date_from", "date_to", "date_approx", "actors", "targets", "place", "admin1", "country",
        "latitude", "longitude", "killed", "injured", "quantity", "attributed_to", "origin", "sources", "evidence",
    ];

    public string Format => "csv";

    public async Task<ExportResult> WriteAsync(IKnowledgeStore store, ExportRequest request, TextWriter output, CancellationToken cancellationToken = default)
    {
        var events = await store.GetEventsAsync(request.ToEventQuery(), cancellationToken);
        await using var csv = CsvWriter.Create(output, CsvOutput.Options, leaveOpen: true);
        csv.WriteHeader(Columns.ToArray());
        foreach (var stored in events)
        {
            var e = stored.Event;
            await csv.WriteRecordAsync(
            [
                stored.Id.ToString(CultureInfo.InvariantCulture),
                Vocabulary.Snake(e.Type),
                Vocabulary.Snake(e.Status),
                DateSpanText.Format(e.Date),
                e.Date.From?.ToString() ?? "",
                e.Date.To?.ToString() ?? "",
                e.Date.Approx ? "true" : "false",
                string.Join("; ", e.Actors),
                string.Join("; ", e.Targets),
                e.Place ?? "",
                e.Admin1 ?? "",
                e.Country ?? "",
                stored.Lat?.ToString("R", CultureInfo.InvariantCulture) ?? "",
                stored.Lon?.ToString("R", CultureInfo.InvariantCulture) ?? "",
                e.Casualties.Killed is { } killed ? QuantityText.Format(killed) : "",
                e.Casualties.Injured is { } injured ? QuantityText.Format(injured) : "",
                e.Quantity is { } quantity ? QuantityText.Format(quantity) : "",
                e.AttributedTo ?? "",
                e.Origin ?? "",
                string.Join("; ", stored.Sources.Select(s => s.DocumentId).Distinct()),
                string.Join(" ", stored.Sources.Select(s => s.Text.Trim()).Distinct()),
            ], cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
        return new ExportResult(events.Count, []);
    }
}
