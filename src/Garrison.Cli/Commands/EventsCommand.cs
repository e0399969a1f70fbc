using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using CsvHelper;
using Garrison.Cli.Options;
using Garrison.Cli.Output;
using Garrison.Domain.Quantities;
using Garrison.Domain.Records;
using Garrison.Storage;
using Garrison.Storage.Sql;
using Garrison.Storage.Temporal;
using Spectre.Console;

namespace Garrison.Cli.Commands;

/// <summary><c>garrison events [--from] [--to] [--type] [--place] [--actor]</c>: the event list, as table, JSON or CSV.</summary>
internal static class EventsCommand
{
    public static Command Create()
    {
        var from = CommandArguments.DateOption("--from", "Only events that may have happened on or after this date");
        var to = CommandArguments.DateOption("--to", "Only events that may have happened on or before this date");
        var type = new Option<EventType?>("--type")
        {
            Description = "Only events of this type (withdrawal, handover, missile_attack, ...)",
            HelpName = "TYPE",
            CustomParser = ParseType,
        };
        var place = new Option<string>("--place") { Description = "Only events at this place (any of its names), or in this country or province", HelpName = "NAME" };
        var actor = new Option<string>("--actor") { Description = "Only events this force or group carried out (any of its names)", HelpName = "NAME" };
        var db = KnowledgeBaseOptions.CreateDbOption(readsOnly: true);
        var format = CommandArguments.FormatOption("table", "json", "csv");
        var command = new Command("events", "The events in the knowledge base, in date order, filtered by date, type, place and actor.")
        {
            from,
            to,
            type,
            place,
            actor,
            db,
            format,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            await using var store = await KnowledgeBaseOptions.OpenAsync(KnowledgeBaseOptions.PathFrom(parseResult, db),
                parseResult.InvocationConfiguration.Error, cancellationToken, mustExist: true).ConfigureAwait(false);
            if (store is null)
            {
                return 2;
            }

            var query = new EventQuery(parseResult.GetValue(from), parseResult.GetValue(to), parseResult.GetValue(type),
                parseResult.GetValue(place), parseResult.GetValue(actor));
            var events = await store.GetEventsAsync(query, cancellationToken).ConfigureAwait(false);
            switch (parseResult.GetValue(format))
            {
                case "json":
                    await output.WriteLineAsync(RecordJson.Serialize(events, indented: true)).ConfigureAwait(false);
                    break;
                case "csv":
                    WriteCsv(events, output);
                    break;
                default:
                    Tables.ConsoleFor(output).Write(Table("Events", events));
                    break;
            }

            return 0;
        });
        return command;
    }

    public static Table Table(string title, IReadOnlyList<StoredEvent> events)
    {
        var table = Tables.Create(title, "date", "type", "status", "actors", "targets", "place", "source");
        foreach (var stored in events)
        {
            var e = stored.Event;
            var first = stored.Sources.FirstOrDefault();
            table.AddCells(DateText(e), VocabularyText.Of(e.Type), VocabularyText.Of(e.Status), string.Join(", ", e.Actors), string.Join(", ", e.Targets),
                e.Place, first is null ? stored.DocumentId : $"{first.DocumentId} {Tables.Quote(first.Text, 60)}");
        }

        return table;
    }

    /// <summary>One row per event; list fields joined with "; " (the convention of ACLED's actor columns).</summary>
    private static void WriteCsv(IReadOnlyList<StoredEvent> events, TextWriter output)
    {
        using var csv = CsvWriter.Create(output, new CsvWriterOptions(), leaveOpen: true);
        csv.WriteRecord(
        [
            "id", "date_from", "date_to", "approx", "type", "status", "actors", "targets", "place", "admin1", "country", "lat", "lon",
            "killed", "injured", "quantity", "attributed_to", "origin", "document", "evidence",
        ]);
        foreach (var stored in events)
        {
            var e = stored.Event;
            csv.WriteRecord(
            [
                stored.Id.ToString(CultureInfo.InvariantCulture), e.Date.From?.ToString() ?? "", e.Date.To?.ToString() ?? "",
                e.Date.Approx ? "true" : "false", VocabularyText.Of(e.Type), VocabularyText.Of(e.Status),
                string.Join("; ", e.Actors), string.Join("; ", e.Targets), e.Place ?? "", e.Admin1 ?? "", e.Country ?? "",
                stored.Lat?.ToString(CultureInfo.InvariantCulture) ?? "", stored.Lon?.ToString(CultureInfo.InvariantCulture) ?? "",
                Describe(e.Casualties.Killed), Describe(e.Casualties.Injured), Describe(e.Quantity), e.AttributedTo ?? "", e.Origin ?? "",
                stored.DocumentId ?? "", string.Join(" | ", stored.Sources.Select(s => s.Text)),
            ]);
        }

        csv.Flush();
    }

    private static string Describe(Quantity? quantity) => quantity is null ? "" : StateProjection.Describe(quantity);

    private static string DateText(EventRecord e) => (e.Date.From, e.Date.To) switch
    {
        (null, null) => "undated",
        ({ } f, { } t) when f == t => f.ToString(),
        (var f, var t) => $"{f?.ToString() ?? "…"} – {t?.ToString() ?? "…"}",
    };

    private static EventType? ParseType(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        try
        {
            return VocabularyText.Parse<EventType>(text.Trim().ToLowerInvariant().Replace('-', '_'));
        }
        catch (InvalidDataException)
        {
            result.AddError($"'{text}' is not an event type; one of: {string.Join(", ", Enum.GetValues<EventType>().Select(VocabularyText.Of))}");
            return null;
        }
    }
}
