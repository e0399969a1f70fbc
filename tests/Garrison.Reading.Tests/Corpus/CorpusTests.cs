using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Garrison.Domain.Dates;
using Garrison.Domain.Records;
using Garrison.Lexicons;
using Garrison.Reading.Pipeline;
using NodaTime;

namespace Garrison.Reading.Tests.Corpus;

/// <summary>
/// Runs the whole pipeline over every report in tests/corpus and checks, as the shared scorer does, that each
/// required event (type, actors, place, date, counts) and fact (relation, subject, object, validity, quantity)
/// of its gold file is found. The reports were written for these tests in other conflicts and styles, so this
/// is where rules that only fit the reference report would fail.
/// </summary>
public sealed partial class CorpusTests
{
    private static readonly Lazy<ReadingPipeline> Pipeline = new(() => ReadingPipelineFactory.Create(DataDirectory.Locate()));

    private static string CorpusDirectory => Path.Combine(Directory.GetParent(DataDirectory.Locate())!.FullName, "tests", "corpus");

    public static TheoryData<string> Reports()
    {
        var data = new TheoryData<string>();
        foreach (var gold in Directory.GetFiles(CorpusDirectory, "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(gold));
        }

        return data;
    }

    [Fact]
    public void The_corpus_holds_reports_with_gold_files()
    {
        var reports = Directory.GetFiles(CorpusDirectory, "*.txt");
        Assert.True(reports.Length >= 4, "tests/corpus should hold at least four reports");
        Assert.All(reports, r => Assert.True(File.Exists(Path.ChangeExtension(r, ".json")), $"{r} has no gold file"));
    }

    [Theory]
    [MemberData(nameof(Reports))]
    public void Every_required_event_and_fact_is_read(string name)
    {
        var text = File.ReadAllText(Path.Combine(CorpusDirectory, name + ".txt"));
        using var gold = JsonDocument.Parse(File.ReadAllText(Path.Combine(CorpusDirectory, name + ".json")));
        var record = Pipeline.Value.Read(name, text);
        var names = new GoldNames(gold.RootElement.GetProperty("entities"), record.Entities);
        var missed = new StringBuilder();

        foreach (var g in gold.RootElement.GetProperty("events").EnumerateArray().Where(IsRequired))
        {
            if (!record.Events.Any(e => EventMatches(g, e, names)))
            {
                missed.AppendLine($"event {g.GetProperty("id")}: {g.GetProperty("what")}");
            }
        }

        foreach (var g in gold.RootElement.GetProperty("facts").EnumerateArray().Where(IsRequired))
        {
            if (!record.Facts.Any(f => FactMatches(g, f, names)))
            {
                missed.AppendLine($"fact {g.GetProperty("id")}: {g.GetProperty("what")}");
            }
        }

        Assert.True(missed.Length == 0, $"{name} missed:\n{missed}");
    }

    private static bool IsRequired(JsonElement item) => item.GetProperty("required").GetBoolean();

    private static bool EventMatches(JsonElement g, EventRecord e, GoldNames names)
    {
        if (!Strings(g, "types").Contains(Snake(e.Type.ToString())))
        {
            return false;
        }

        if (g.TryGetProperty("place", out var place) && !names.Any([e.Place], Keys(place)))
        {
            return false;
        }

        if (g.TryGetProperty("actors", out var actors) && !names.Any(e.Actors, Keys(actors)))
        {
            return false;
        }

        if (g.TryGetProperty("targets", out var targets) && !names.Any(e.Targets, Keys(targets)))
        {
            return false;
        }

        if (g.TryGetProperty("date", out var date))
        {
            var (lo, hi) = (e.Date.From?.FirstDay, e.Date.To?.LastDay);
            if (date.TryGetProperty("open_end_ok", out var open) && open.GetBoolean() && lo is not null && hi is null)
            {
                hi = lo;
            }

            if (!Within(lo, hi, date))
            {
                return false;
            }
        }

        if (g.TryGetProperty("killed_at_least", out var killed) && e.Casualties.Killed is { } k && (k.Value ?? k.High) < killed.GetInt64())
        {
            return false;
        }

        return !g.TryGetProperty("injured", out var injured) || e.Casualties.Injured?.Admits(injured.GetInt64()) == true;
    }

    private static bool FactMatches(JsonElement g, FactRecord f, GoldNames names)
    {
        var relations = g.GetProperty("relation").ValueKind == JsonValueKind.Array ? Strings(g, "relation") : [g.GetProperty("relation").GetString()!];
        if (!relations.Contains(Snake(f.Relation.ToString())) || !names.Any([f.Subject], Keys(g.GetProperty("subject"))))
        {
            return false;
        }

        if (g.TryGetProperty("object", out var obj) && !names.Any([f.Object], Keys(obj)))
        {
            return false;
        }

        if (g.TryGetProperty("from", out var from) && !Within(f.Valid.From?.FirstDay, f.Valid.From?.LastDay, from))
        {
            return false;
        }

        if (g.TryGetProperty("holds_on", out var holds) && !f.Valid.MayInclude(Day(holds.GetString()!)))
        {
            return false;
        }

        if (g.TryGetProperty("quantity", out var quantity) && f.Quantity?.Admits(quantity.GetInt64()) != true)
        {
            return false;
        }

        return !g.TryGetProperty("value", out var value) || string.Equals(f.Value, value.GetString(), StringComparison.OrdinalIgnoreCase);
    }

    private static bool Within(LocalDate? lo, LocalDate? hi, JsonElement window) =>
        lo is not null && hi is not null &&
        (!window.TryGetProperty("from", out var from) || lo >= Day(from.GetString()!)) &&
        (!window.TryGetProperty("to", out var to) || hi <= Day(to.GetString()!));

    private static LocalDate Day(string iso) => PartialDate.Parse(iso).FirstDay;

    private static string[] Strings(JsonElement g, string property) => [.. g.GetProperty(property).EnumerateArray().Select(x => x.GetString()!)];

    private static HashSet<string> Keys(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? [.. element.EnumerateArray().Select(x => x.GetString()!)] : [element.GetString()!];

    private static string Snake(string pascal) => SnakeBoundary().Replace(pascal, "_$1").ToLowerInvariant();

    [GeneratedRegex("(?<!^)([A-Z])")]
    private static partial Regex SnakeBoundary();

    /// <summary>Resolves predicted names to gold entity keys through the gold aliases and the predicted entity's aliases.</summary>
    private sealed partial class GoldNames
    {
        private readonly Dictionary<string, HashSet<string>> alias = new(StringComparer.Ordinal);
        private readonly Dictionary<string, EntityRecord> predicted = new(StringComparer.Ordinal);

        public GoldNames(JsonElement entities, IEnumerable<EntityRecord> predictedEntities)
        {
            foreach (var entity in entities.EnumerateObject())
            {
                foreach (var a in entity.Value.GetProperty("aliases").EnumerateArray())
                {
                    var key = Norm(a.GetString());
                    if (!alias.TryGetValue(key, out var set))
                    {
                        alias[key] = set = [];
                    }

                    set.Add(entity.Name);
                }
            }

            foreach (var e in predictedEntities)
            {
                predicted.TryAdd(Norm(e.Name), e);
            }
        }

        public bool Any(IEnumerable<string?> names, HashSet<string> wanted) => names.Any(n => n is not null && KeysOf(n).Overlaps(wanted));

        private HashSet<string> KeysOf(string name)
        {
            var keys = new HashSet<string>(alias.GetValueOrDefault(Norm(name)) ?? [], StringComparer.Ordinal);
            if (predicted.TryGetValue(Norm(name), out var e))
            {
                foreach (var a in e.Aliases)
                {
                    keys.UnionWith(alias.GetValueOrDefault(Norm(a)) ?? []);
                }
            }

            return keys;
        }

        /// <summary>The scorer's normalisation: no accents, lower case, punctuation as spaces, no leading "the".</summary>
        private static string Norm(string? s)
        {
            var text = (s ?? "").Normalize(NormalizationForm.FormKD);
            text = new string([.. text.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)]).ToLowerInvariant().Replace('’', '\'').Replace('‘', '\'');
            text = Punctuation().Replace(text, " ").Replace("'", "", StringComparison.Ordinal);
            text = Space().Replace(text, " ").Trim();
            return text.StartsWith("the ", StringComparison.Ordinal) ? text[4..] : text;
        }

        [GeneratedRegex(@"[\-‐‑–—_/.,()]")]
        private static partial Regex Punctuation();

        [GeneratedRegex(@"\s+")]
        private static partial Regex Space();
    }
}
