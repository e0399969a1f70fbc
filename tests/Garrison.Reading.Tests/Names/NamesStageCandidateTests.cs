using System.Text;
using Garrison.Reading.Names;
using Garrison.Reading.Pipeline;

namespace Garrison.Reading.Tests.Names;

/// <summary>
/// Session 12: the unknown-name and reference passes start only from the words the lexicon pass noted (capitalised
/// words, reference starts) instead of walking every word; the names must be those of the walk over every word.
/// </summary>
public sealed class NamesStageCandidateTests
{
    // Names, references and unknown names next to each other, at sentence starts, inside lexicon names ("the" of
    // "the Pentagon"), after counts, in capitals and lower case.
    private const string EdgeText =
        "The Pentagon said the base was hit. Iraqi forces left the base; the Taliban and the militants fled. "
        + "5,000 troops arrived in Zorblax Valley. These groups, the Qwerty Front and the Front, met the coalition. "
        + "THE BASE. the Base of the Country. Troops. Militants attacked Ain al-Asad Air Base; the airbase held. "
        + "President Zorbo Malk met General Qix in Baghdad. Those fighters. That ministry. Iraq’s defence ministry "
        + "said the ministry would act. hundreds of soldiers and dozens of troops. The";

    private static readonly Lazy<(NamesStage Candidates, NamesStage EveryWord)> Stages = new(() =>
        (new NamesStage(TestLexicons.Value.Names), new NamesStage(TestLexicons.Value.Names) { WalksEveryWord = true }));

    private static string NamesOf(NamesStage stage, string text)
    {
        var document = new ReadingPipelineBuilder().UseCoreStages().Build().Annotate("t", text);
        stage.Process(document);
        var names = new StringBuilder();
        foreach (var n in document.Names)
        {
            names.Append(n.Span).Append(' ').Append(n.Entity.Name).Append(' ').Append(n.Entity.Kind).Append(' ')
                .Append(n.Anaphoric).Append(' ').AppendJoin('|', n.Entity.Aliases).Append('\n');
        }

        return names.ToString();
    }

    [Fact]
    public void Names_from_the_noted_candidates_equal_those_of_the_walk_over_every_word()
    {
        var (candidates, everyWord) = Stages.Value;
        var texts = RealReports.Texts().Append(EdgeText)
            .SelectMany(t => new[] { t, t.ToUpperInvariant(), t.ToLowerInvariant() })
            .Append("").Append("The").Append("Zorblax");
        var anaphoric = 0;
        var lines = 0;
        foreach (var text in texts)
        {
            var expected = NamesOf(everyWord, text);
            Assert.Equal(expected, NamesOf(candidates, text));
            anaphoric += expected.Split('\n').Count(l => l.Contains(" True ", StringComparison.Ordinal));
            lines += expected.Count(c => c == '\n');
        }

        // References and names enough that the comparison says something.
        Assert.True(anaphoric > 15, $"only {anaphoric} references");
        Assert.True(lines > 300, $"only {lines} names");
    }
}
