using Garrison.Reading.Events;
using Garrison.Reading.Pipeline;

namespace Garrison.Reading.Tests.Events;

/// <summary>
/// The events stage's per-sentence word flags (<see cref="EventsStage.FillWordFlags"/>) against what the rules asked
/// before them: each word's tags from the table of ids, and the marks found by scanning the text before every word.
/// </summary>
public sealed class WordFlagsTests
{
    private static readonly Lazy<ReadingPipeline> Pipeline = new(() => ReadingPipelineFactory.Create(Garrison.Lexicons.DataDirectory.Locate()));

    private static EventsStage Stage() => Pipeline.Value.Stages.OfType<EventsStage>().Single();

    [Fact]
    public void Every_words_flags_are_its_tags_and_the_marks_before_it_in_real_reports()
    {
        var files = RealReports.Files();
        int words = 0, marks = 0;
        foreach (var file in files)
        {
            (var w, var m) = AssertSameFlags(File.ReadAllText(file));
            words += w;
            marks += m;
        }

        Assert.True(words > 500 && marks > 30, $"{words} words, {marks} marked: too few for the test to mean anything");
    }

    [Fact]
    public void Generated_sentences_of_words_and_marks_give_the_same_flags()
    {
        // Words the rules know (triggers, openers, casualty and speaker words) and others, numbers with marks inside,
        // names, and every mark alone and in runs, joined at random (seeded).
        string[] pieces =
        [
            "US forces", "withdrew", "from", "Ain al-Asad", "attacked", "killed", "five", "soldiers", "1,000", "3:15",
            "according to", "officials", "said", "after", "shortly after", "as", "in", "retaliation", "while", "which",
            "the strike", "again", "wounded", "(AFP)", "U.S.", "Iraq's", "—", ";", ":", ",", "(", ")", ", ,", ";,",
            "Kata'ib Hezbollah", "militants", "are", "still", "fighting", "troops", "deployed", "2.5", "km",
        ];
        string[] separators = [" ", " ", " ", ", ", "; ", " — ", "—", ": ", " (", ") ", "  ", "\t", "\u00A0"];
        var random = new Random(20261203);
        int words = 0, marks = 0;
        for (var n = 0; n < 1500; n++)
        {
            var text = new System.Text.StringBuilder();
            for (var k = random.Next(1, 14); k > 0; k--)
            {
                text.Append(pieces[random.Next(pieces.Length)]).Append(separators[random.Next(separators.Length)]);
            }

            (var w, var m) = AssertSameFlags(text.Append('.').ToString());
            words += w;
            marks += m;
        }

        Assert.True(words > 5000 && marks > 1000, $"{words} words, {marks} marked");
    }

    [Theory]
    [InlineData("Alpha, Beta; Gamma: Delta — Epsilon (Zeta) and 1,000 troops, 2.5 km away.")]
    [InlineData("They said, ;: — ( , that the 3,500 fighters withdrew as, after, in retaliation.")]
    [InlineData("Kata'ib Hezbollah's fighters—and U.S. forces—left.")]
    [InlineData(",,Leading marks; then words")]
    [InlineData("One")]
    [InlineData("Trailing marks after the last word ;:(,")]
    [InlineData("According to the ministry, troops killed five people, shortly after the attack.")]
    public void Edge_cases_give_the_same_flags(string text)
    {
        AssertSameFlags(text);
    }

    [Fact]
    public void A_mark_is_put_on_the_word_after_it_and_the_union_holds_every_flag()
    {
        var document = Pipeline.Value.Annotate("t", "Troops withdrew; militants attacked, as expected.");
        var view = Assert.Single(SentenceView.Shared(document));
        var flags = new int[view.Words.Count];

        var union = (EventsStage.Tag)Stage().FillWordFlags(view, flags);

        var militants = IndexOf(view, "militants");
        var @as = IndexOf(view, "as");
        Assert.NotEqual(0, flags[militants] & (int)EventsStage.Tag.HardBreakBefore);
        Assert.NotEqual(0, flags[@as] & (int)EventsStage.Tag.CommaBefore);
        Assert.Equal(0, flags[militants - 1] & (int)(EventsStage.Tag.HardBreakBefore | EventsStage.Tag.CommaBefore));
        Assert.Equal(flags.Aggregate(0, (a, f) => a | f), (int)union);
        Assert.True(union.HasFlag(EventsStage.Tag.TriggerStart));
    }

    private static int IndexOf(SentenceView view, string key)
    {
        for (var i = 0; i < view.Words.Count; i++)
        {
            if (view.Key(i) == key)
            {
                return i;
            }
        }

        throw new InvalidOperationException(key);
    }

    /// <summary>Checks every sentence of <paramref name="text"/>; returns how many words and how many marked words it read.</summary>
    private static (int Words, int Marked) AssertSameFlags(string text)
    {
        var stage = Stage();
        var document = Pipeline.Value.Annotate("t", text);
        int words = 0, marked = 0;
        foreach (var view in SentenceView.Shared(document))
        {
            var flags = new int[view.Words.Count + 3];
            Array.Fill(flags, 0x55);
            var union = 0;
            var written = view.Words.Count;
            var got = stage.FillWordFlags(view, flags);
            for (var i = 0; i < written; i++)
            {
                // What the rules read before: the tags from the word's id (no flags lent: the table), and the text
                // between the word and the one before it scanned character by character.
                var expected = (int)stage.TagAt(view, i);
                if (i > 0)
                {
                    foreach (var c in view.BetweenInPlace(view.Words[i - 1].Span.End, view.Words[i].Span.Start))
                    {
                        expected |= c switch
                        {
                            ';' or ':' or '—' or '(' => (int)EventsStage.Tag.HardBreakBefore,
                            ',' => (int)EventsStage.Tag.CommaBefore,
                            _ => 0,
                        };
                    }
                }

                Assert.True(expected == flags[i], $"word {i} ({view.Words[i].Text}) of \"{view.Sentence.Span.Slice(view.Body)}\": {(EventsStage.Tag)flags[i]}, expected {(EventsStage.Tag)expected}");
                union |= expected;
                words++;
                marked += (expected & (int)(EventsStage.Tag.HardBreakBefore | EventsStage.Tag.CommaBefore)) != 0 ? 1 : 0;
            }

            Assert.Equal(union, got);
            // Nothing past the sentence's words is written.
            Assert.All(flags[written..], f => Assert.Equal(0x55, f));
        }

        return (words, marked);
    }
}
