using System.Text.Json;
using Garrison.Domain.Records;
using Garrison.Storage;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Garrison.Interchange.Export;

/// <summary>
/// A GeoJSON FeatureCollection (RFC 7946: WGS 84, longitude before latitude) of events, and of installations
/// with who was present at and who controlled each on the --at date, for QGIS, kepler.gl or a web map.
/// Written by NetTopologySuite's System.Text.Json converters. An event without coordinates has a null geometry,
/// which RFC 7946 allows, so that nothing is silently dropped.
/// </summary>
public sealed class GeoJsonExporter : IExporter
{
    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);

    public static JsonSerializerOptions JsonOptions { get; } = CreateOptions();

    public string Format => "geojson";

    public async Task<ExportResult> WriteAsync(IKnowledgeStore store, ExportRequest request, TextWriter output, CancellationToken cancellationToken = default)
    {
        var entities = new EntityDirectory(store);
        var collection = new FeatureCollection();
        var notes = new List<string>();
        var events = await store.GetEventsAsync(request.ToEventQuery(), cancellationToken);
        var withoutGeometry = 0;
        foreach (var stored in events)
        {
            var place = await entities.FindAsync(stored.Event.Place, cancellationToken);
            var point = ToPoint(stored.Lat ?? place?.Lat, stored.Lon ?? place?.Lon);
            withoutGeometry += point is null ? 1 : 0;
            collection.Add(new Feature(point, EventProperties(stored)));
        }

        var installations = 0;
        if ((request.At ?? request.To) is { } at)
        {
            var state = await store.GetStateAsync(at, cancellationToken);
            var names = state.Presence.Select(p => p.Place).Concat(state.Control.Select(c => c.Place))
                .Concat(events.Select(e => e.Event.Place).OfType<string>())
                .Distinct(StringComparer.OrdinalIgnoreCase);
            foreach (var name in names)
            {
                var entity = await entities.FindAsync(name, cancellationToken);
                if (entity is not { Kind: EntityKind.Facility } || (request.Place is { } only && !Names(entity).Contains(only, StringComparer.OrdinalIgnoreCase)))
                {
                    continue;
                }

                var presence = state.Presence.Where(p => Names(entity).Contains(p.Place, StringComparer.OrdinalIgnoreCase)).ToList();
                var control = state.Control.Where(c => Names(entity).Contains(c.Place, StringComparer.OrdinalIgnoreCase)).ToList();
                var attributes = new AttributesTable
                {
                    { "feature_type", "installation" },
                    { "name", entity.Name },
                    { "aliases", entity.Aliases.ToArray() },
                    { "admin1", entity.Admin1 },
                    { "country", entity.Country },
                    { "at", at.ToString("uuuu-MM-dd", null) },
                    { "present", presence.Select(p => new Dictionary<string, object?> { ["force"] = p.Force, ["since"] = p.Since?.ToString(), ["until"] = p.Until?.ToString(), ["sources"] = p.Sources.ToArray() }).ToArray() },
                    { "controlled_by", control.Select(c => new Dictionary<string, object?> { ["controller"] = c.Controller, ["since"] = c.Since?.ToString(), ["until"] = c.Until?.ToString(), ["sources"] = c.Sources.ToArray() }).ToArray() },
                };
                collection.Add(new Feature(ToPoint(entity.Lat, entity.Lon), attributes));
                installations++;
            }
        }
        else
        {
            notes.Add("installations left out: give --at DATE (or --to) for the state to show");
        }

        if (withoutGeometry > 0)
        {
            notes.Add($"{withoutGeometry} event(s) have no coordinates (null geometry)");
        }

        await output.WriteAsync(JsonSerializer.Serialize(collection, JsonOptions).AsMemory(), cancellationToken);
        await output.WriteLineAsync();
        return new ExportResult(events.Count + installations, notes);
    }

    private static AttributesTable EventProperties(StoredEvent stored)
    {
        var e = stored.Event;
        return new AttributesTable
        {
            { "feature_type", "event" },
            { "id", stored.Id },
            { "type", Vocabulary.Snake(e.Type) },
            { "status", Vocabulary.Snake(e.Status) },
            { "date_from", e.Date.From?.ToString() },
            { "date_to", e.Date.To?.ToString() },
            { "date_approx", e.Date.Approx },
            { "actors", e.Actors.ToArray() },
            { "targets", e.Targets.ToArray() },
            { "place", e.Place },
            { "admin1", e.Admin1 },
            { "country", e.Country },
            { "killed", e.Casualties.Killed is { } killed ? QuantityText.Format(killed) : null },
            { "injured", e.Casualties.Injured is { } injured ? QuantityText.Format(injured) : null },
            { "attributed_to", e.AttributedTo },
            { "origin", e.Origin },
            { "sources", stored.Sources.Select(s => s.DocumentId).Distinct().ToArray() },
            { "evidence", stored.Sources.Select(s => s.Text).ToArray() },
        };
    }

    private static Point? ToPoint(double? lat, double? lon) =>
        lat is { } y && lon is { } x ? Wgs84.CreatePoint(new Coordinate(x, y)) : null;

    private static IEnumerable<string> Names(EntityRecord entity) => entity.Aliases.Append(entity.Name);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions { WriteIndented = false };
        options.Converters.Add(new GeoJsonConverterFactory());
        return options;
    }
}
