using System.Text.Json;
using System.Text.Json.Nodes;
using Garrison.Domain.Dates;
using Garrison.Domain.Records;
using Garrison.Storage;
using NodaTime;

namespace Garrison.Interchange.Export;

/// <summary>
/// JSON Lines: one extraction-record event or fact per line, in the spec's shape (snake_case, dates at their
/// precision), each with "record" ("event" or "fact") and "sources": the documents and sentences behind it.
/// Facts are the troop-level series and, on the --at date, presence and control.
/// </summary>
public sealed class JsonLinesExporter : IExporter
{
    public string Format => "jsonl";

    public async Task<ExportResult> WriteAsync(IKnowledgeStore store, ExportRequest request, TextWriter output, CancellationToken cancellationToken = default)
    {
        var written = 0;
        async Task Line(JsonObject line)
        {
            await output.WriteLineAsync(line.ToJsonString(RecordJson.Options).AsMemory(), cancellationToken);
            written++;
        }

        foreach (var stored in await store.GetEventsAsync(request.ToEventQuery(), cancellationToken))
        {
            var line = new JsonObject { ["record"] = "event", ["id"] = stored.Id };
            Append(line, JsonSerializer.SerializeToNode(stored.Event, RecordJson.Options)!.AsObject());
            line["lat"] = stored.Lat;
            line["lon"] = stored.Lon;
            line["sources"] = Sources(stored.Sources);
            await Line(line);
        }

        foreach (var point in await store.GetTroopSeriesAsync(null, request.Place, cancellationToken))
        {
            if (!Overlaps(point.Since, point.Until, request.From, request.To))
            {
                continue;
            }

            var fact = new FactRecord(point.Force, Relation.TroopLevel, point.Area, point.Quantity, new DateSpan(point.Since, point.Until), null,
                point.Sources.Select(s => s.Span).ToList());
            await Line(FactLine(fact, Sources(point.Sources)));
        }

        var notes = new List<string>();
        if (request.At is { } at)
        {
            var state = await store.GetStateAsync(at, cancellationToken);
            foreach (var row in state.Presence.Where(p => MatchesPlace(p.Place, request.Place)))
            {
                await Line(FactLine(new FactRecord(row.Force, Relation.PresentAt, row.Place, null, new DateSpan(row.Since, row.Until), null, []),
                    DocumentsOnly(row.Sources)));
            }

            foreach (var row in state.Control.Where(c => MatchesPlace(c.Place, request.Place)))
            {
                await Line(FactLine(new FactRecord(row.Controller, Relation.Controls, row.Place, null, new DateSpan(row.Since, row.Until), null, []),
                    DocumentsOnly(row.Sources)));
            }
        }
        else
        {
            notes.Add("presence and control facts left out: give --at DATE");
        }

        return new ExportResult(written, notes);
    }

    private static JsonObject FactLine(FactRecord fact, JsonArray sources)
    {
        var line = new JsonObject { ["record"] = "fact" };
        Append(line, JsonSerializer.SerializeToNode(fact, RecordJson.Options)!.AsObject());
        line["sources"] = sources;
        return line;
    }

    private static void Append(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source.ToList())
        {
            source.Remove(key);
            target[key] = value;
        }
    }

    private static JsonArray Sources(IEnumerable<SourceRef> sources) =>
        new(sources.Select(s => (JsonNode)new JsonObject
        {
            ["document"] = s.DocumentId,
            ["start"] = s.Span.Start,
            ["end"] = s.Span.End,
            ["text"] = s.Text,
        }).ToArray());

    private static JsonArray DocumentsOnly(IEnumerable<string> documentIds) =>
        new(documentIds.Select(id => (JsonNode)new JsonObject { ["document"] = id }).ToArray());

    private static bool MatchesPlace(string place, string? filter) =>
        filter is null || string.Equals(place, filter, StringComparison.OrdinalIgnoreCase);

    private static bool Overlaps(PartialDate? since, PartialDate? until, LocalDate? from, LocalDate? to) =>
        (to is null || since is null || since.Value.FirstDay <= to) && (from is null || until is null || until.Value.LastDay >= from);
}
