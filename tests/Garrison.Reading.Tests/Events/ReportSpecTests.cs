using System.Text.Json;
using Garrison.Domain.Dates;
using Garrison.Domain.Quantities;
using Garrison.Domain.Records;
using Garrison.Lexicons;
using Garrison.Reading.Pipeline;

namespace Garrison.Reading.Tests.Events;

/// <summary>
/// Runs the default pipeline over the short reports of Specs/reports.json: for each, some event must carry every
/// field the case expects. These are the general patterns of wire headlines and press releases (a country's
/// possessive before a town, a dateline in the body, a headline passive, a count of one person).
/// </summary>
public sealed class ReportSpecTests
{
    private static readonly Lazy<ReadingPipeline> Pipeline = new(() => ReadingPipelineFactory.Create(DataDirectory.Locate()));

    private static readonly Lazy<List<ReportCase>> Cases = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Specs", "reports.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        return [.. json.RootElement.GetProperty("cases").EnumerateArray().Select(c => new ReportCase(
            c.GetProperty("note").GetString()!,
            c.GetProperty("input").GetString()!,
            c.GetProperty("expect").Clone()))];
    });

    public static TheoryData<int> Numbers()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Cases.Value.Count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Numbers))]
    public void The_report_yields_its_event(int number)
    {
        var c = Cases.Value[number];
        var record = Pipeline.Value.Read($"case{number}", c.Input);

        var misses = record.Events.Select(e => Misses(c.Expect, e)).OrderBy(m => m.Count).FirstOrDefault()
                     ?? ["no event was read"];
        Assert.True(misses.Count == 0, $"{c.Note}: {string.Join("; ", misses)}\nevents: {RecordJson.Serialize(record.Events)}");
    }

    private static List<string> Misses(JsonElement expect, EventRecord e)
    {
        var misses = new List<string>();
        foreach (var field in expect.EnumerateObject())
        {
            var ok = field.Name switch
            {
                "type" => RecordJson.Serialize(e.Type) == $"\"{field.Value.GetString()}\"",
                "place" => e.Place == field.Value.GetString(),
                "admin1" => e.Admin1 == field.Value.GetString(),
                "country" => e.Country == field.Value.GetString(),
                "date" => e.Date.From is { } from && e.Date.To == from && from == PartialDate.Parse(field.Value.GetString()!),
                "actors" => field.Value.EnumerateArray().All(a => e.Actors.Contains(a.GetString()!)),
                "targets" => field.Value.EnumerateArray().All(a => e.Targets.Contains(a.GetString()!)),
                "killed" => Within(e.Casualties.Killed, field.Value),
                "injured" => Within(e.Casualties.Injured, field.Value),
                _ => throw new InvalidDataException($"reports.json: unknown expected field '{field.Name}'"),
            };
            if (!ok)
            {
                misses.Add(field.Name);
            }
        }

        return misses;
    }

    /// <summary>The quantity's range lies inside [low, high] and is closed.</summary>
    private static bool Within(Quantity? q, JsonElement range)
    {
        var low = range[0].GetInt64();
        var high = range[1].GetInt64();
        if (q is null)
        {
            return false;
        }

        var (lo, hi) = q.Value is { } v ? (v, v) : (q.Low, q.High ?? q.Low);
        return lo is not null && hi is not null && lo >= low && hi <= high;
    }

    private sealed record ReportCase(string Note, string Input, JsonElement Expect);
}
