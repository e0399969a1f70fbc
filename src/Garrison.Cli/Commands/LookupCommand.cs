using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Garrison.Lexicons.Gazetteer;
using Spectre.Console;

namespace Garrison.Cli.Commands;

/// <summary>`garrison lookup NAME [--country CC] [--kind K] [--format json|table]`: gazetteer candidates, best first.</summary>
internal static class LookupCommand
{
    // Place names are printed as they are ("‘Ein el Asad", "ourairports+garrison-aliases"), not \u-escaped.
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "a place name as a report writes it (\"Ain al-Asad\", \"Arbil\")" };
        var country = new Option<string?>("--country") { Description = "country hint: ISO2, ISO3 or name" };
        var kind = new Option<string?>("--kind") { Description = "kind hint: country, admin1, place, airport, facility" };
        var format = new Option<string>("--format") { Description = "json or table", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("json", "table");
        var limit = new Option<int>("--limit") { Description = "how many candidates", DefaultValueFactory = _ => 5 };
        var command = new Command("lookup", "Look a name up in the gazetteer and print the candidates, best first.");
        command.Arguments.Add(name);
        command.Options.Add(country);
        command.Options.Add(kind);
        command.Options.Add(format);
        command.Options.Add(limit);
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            PlaceKind? kindHint = null;
            if (parse.GetValue(kind) is { } kindText)
            {
                if (!PlaceKinds.TryParse(kindText, out var parsed))
                {
                    stderr.WriteLine($"garrison lookup: unknown kind '{kindText}' (country, admin1, place, airport, facility)");
                    return 2;
                }

                kindHint = parsed;
            }

            Gazetteer gazetteer;
            try
            {
                gazetteer = Gazetteer.Load(Gazetteer.DefaultBuildDirectory());
            }
            catch (Exception e) when (e is IOException or InvalidDataException)
            {
                stderr.WriteLine($"garrison lookup: {e.Message}");
                return 1;
            }

            var query = parse.GetValue(name)!;
            var countryHint = parse.GetValue(country);
            if (countryHint is not null && gazetteer.Country(countryHint) is null)
            {
                stderr.WriteLine($"garrison lookup: unknown country '{countryHint}'");
                return 2;
            }

            var matches = gazetteer.Find(query, countryHint, kindHint, parse.GetValue(limit));
            if (parse.GetValue(format) == "json")
            {
                stdout.WriteLine(JsonSerializer.Serialize(new
                {
                    query,
                    matches = matches.Select(m => new
                    {
                        id = m.Place.Id,
                        name = m.Place.Name,
                        kind = m.Place.Kind.ToToken(),
                        country = m.Place.Country,
                        admin1 = m.Place.Admin1,
                        lat = m.Place.Latitude,
                        lon = m.Place.Longitude,
                        population = m.Place.Population,
                        source = m.Place.Source,
                        score = m.Score,
                        tier = m.Tier.ToString().ToLowerInvariant(),
                    }),
                }, JsonOptions));
            }
            else
            {
                var table = new Table().AddColumns("score", "id", "name", "kind", "country", "admin1", "lat", "lon", "population", "source");
                foreach (var m in matches)
                {
                    var p = m.Place;
                    table.AddRow(
                        Markup.Escape($"{m.Score:0.000} {m.Tier.ToString().ToLowerInvariant()}"), Markup.Escape(p.Id), Markup.Escape(p.Name),
                        p.Kind.ToToken(), p.Country, Markup.Escape(p.Admin1 ?? ""), p.Latitude.ToString("0.####", CultureInfo.InvariantCulture),
                        p.Longitude.ToString("0.####", CultureInfo.InvariantCulture), p.Population?.ToString(CultureInfo.InvariantCulture) ?? "",
                        Markup.Escape(p.Source));
                }

                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout) });
                if (Console.IsOutputRedirected || stdout != Console.Out)
                {
                    // Piped output has no terminal width; do not wrap names into 80 columns.
                    console.Profile.Width = 200;
                }

                console.Write(table);
                stderr.WriteLine($"{matches.Count} candidates; gazetteer of {gazetteer.Count} entries loaded in {gazetteer.LoadTime.TotalMilliseconds:0} ms");
            }

            if (matches.Count == 0)
            {
                stderr.WriteLine($"garrison lookup: no place matches '{query}'");
                return 1;
            }

            return 0;
        });
        return command;
    }
}
