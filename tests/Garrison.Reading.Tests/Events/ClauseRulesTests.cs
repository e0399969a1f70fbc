using System.Text;
using Garrison.Domain.Records;
using Garrison.Lexicons.Events;
using Garrison.Reading.Events;
using Garrison.Reading.Pipeline;

namespace Garrison.Reading.Tests.Events;

/// <summary>
/// Rules of the events stage read another way than before (session 14), against what they did before: the iterative
/// phrases matched by vocabulary id against the segment's keys joined by spaces, and the place searches reading each
/// group's verdict once per trigger against every search finding it again.
/// </summary>
public sealed class ClauseRulesTests
{
    private static readonly Lazy<ReadingPipeline> Pipeline = new(() => ReadingPipelineFactory.Create(Garrison.Lexicons.DataDirectory.Locate()));

    private static EventsStage Stage() => Pipeline.Value.Stages.OfType<EventsStage>().Single();

    // Words the rules know (triggers, prepositions, iterative phrases and their parts), names of places and actors,
    // and other words, joined at random (seeded) into sentences.
    private static readonly string[] Pieces =
    [
        "US forces", "withdrew", "from", "Ain al-Asad", "attacked", "killed", "five", "soldiers", "in", "Baghdad", "Anbar province",
        "near", "the town of", "Ramadi", "Iraq's", "northern", "Syria", "Kabul", "at", "on", "over the years", "for years",
        "for several years", "in recent years", "many times", "several times", "times", "repeatedly", "for", "over", "the",
        "years", "recent", "several", "many", "again", "militants", "Islamic State", "the Taliban", "said", "struck",
        "a drone strike", "the attack", "deployed", "troops", "to", "Mosul", "handed over", "the base", "and", ",", "Iraq",
        "seized", "Kidal", "Mali", "an airstrike", "targeting", "by", "Kata'ib Hezbollah", "in retaliation", "after",
    ];

    [Fact]
    public void Iterative_phrases_by_id_are_found_where_the_joined_keys_contain_them()
    {
        var stage = Stage();
        var phrases = EventTriggerLexicon.LoadFrom(Garrison.Lexicons.DataDirectory.Locate()).List("iterative")
            .Select(p => " " + string.Join(' ', p.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries)) + " ")
            .ToList();
        int ranges = 0, found = 0;
        foreach (var text in RealReports.Texts().Concat(Generated(1200, seed: 20261203)))
        {
            var document = Pipeline.Value.Annotate("t", text);
            foreach (var view in SentenceView.Shared(document))
            {
                var keys = Enumerable.Range(0, view.Words.Count).Select(view.Key).ToArray();
                // Every range from each word, of up to 12 words (an iterative phrase is at most four), and the whole sentence.
                for (var start = 0; start < keys.Length; start++)
                {
                    for (var end = start; end <= Math.Min(keys.Length, start + 12); end++)
                    {
                        var expected = SaysIterativeByKeys(keys, start, end, phrases);
                        Assert.True(expected == stage.SaysIterative(view, start, end), $"words {start}..{end} of \"{view.Sentence.Span.Slice(view.Body)}\": expected {expected}");
                        ranges++;
                        found += expected ? 1 : 0;
                    }
                }

                Assert.Equal(SaysIterativeByKeys(keys, 0, keys.Length, phrases), stage.SaysIterative(view, 0, keys.Length));
            }
        }

        Assert.True(ranges > 100_000 && found > 5_000, $"{ranges} ranges, {found} with a phrase: too few for the test to mean anything");
    }

    [Fact]
    public void Places_found_with_each_groups_verdict_read_once_per_trigger_are_those_found_by_asking_every_search_again()
    {
        var texts = RealReports.Texts().Concat(Generated(1500, seed: 14)).ToList();
        var reused = EventsOf(texts, reuse: true);
        var asked = EventsOf(texts, reuse: false);
        Assert.Equal(asked.Count, reused.Count);
        for (var k = 0; k < asked.Count; k++)
        {
            Assert.True(asked[k] == reused[k], $"report {k}:\n{asked[k]}\n{reused[k]}");
        }

        var placed = asked.Sum(json => CountOf(json, "\"place\":\""));
        Assert.True(placed > 1_000, $"{placed} events with a place: too few for the test to mean anything");
    }

    /// <summary>What the rule asked before: the segment's keys joined by single spaces, with a space either side, contain the phrase with a space either side.</summary>
    private static bool SaysIterativeByKeys(string[] keys, int start, int end, List<string> phrases)
    {
        var joined = " " + string.Join(' ', keys[start..end]) + " ";
        return phrases.Any(p => joined.Contains(p, StringComparison.Ordinal));
    }

    private static List<string> EventsOf(List<string> texts, bool reuse)
    {
        var before = EventsStage.ReusePlaceVerdicts;
        EventsStage.ReusePlaceVerdicts = reuse;
        try
        {
            return [.. texts.Select(text => string.Join('\n', Pipeline.Value.Annotate("t", text).Events.Select(e => System.Text.Json.JsonSerializer.Serialize(e, RecordJson.Options))))];
        }
        finally
        {
            EventsStage.ReusePlaceVerdicts = before;
        }
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static IEnumerable<string> Generated(int count, int seed)
    {
        string[] separators = [" ", " ", " ", " ", ", ", "; ", " — "];
        var random = new Random(seed);
        for (var n = 0; n < count; n++)
        {
            var text = new StringBuilder();
            for (var sentence = random.Next(1, 4); sentence > 0; sentence--)
            {
                for (var k = random.Next(3, 16); k > 0; k--)
                {
                    text.Append(Pieces[random.Next(Pieces.Length)]).Append(separators[random.Next(separators.Length)]);
                }

                text.Append(". ");
            }

            yield return text.ToString();
        }
    }
}
