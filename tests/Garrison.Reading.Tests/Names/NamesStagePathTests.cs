using System.Text;
using Garrison.Domain.Provenance;
using Garrison.Reading.Documents;
using Garrison.Reading.Names;
using Garrison.Reading.Pipeline;

namespace Garrison.Reading.Tests.Names;

/// <summary>
/// The names stage's faster paths (session 11) against what they replaced: the one tag array against the word sets it
/// is built from, sentence openings worked out per word against the walk over every word, the digit test read from the
/// text against the key, and the per-thread buffers against a stage run with fresh ones.
/// </summary>
public sealed class NamesStagePathTests
{
    // Words the sets hold in every case and form (capitals, possessives, dots), words they do not, and words no rule
    // registered (no vocabulary id), so each branch of the tag test is met.
    private const string EdgeText =
        "The THE the’s Pro-Iran pro- President GEN. Gen Lt. Col. al-Qaeda Al Ibn bin Ministry ministry’s MINISTRY of "
        + "Country coalition’s Alliance bases Camps militants GROUP movement troops’ Forces soldiers 5,000 12th 3rd 1.5 "
        + "٣٣ Ⅻ x² 5's 2019’s into Across throughout district Governorate backed-groups Shia-aligned militias "
        + "Zorblax Qwertyville naïve café U.S. U.S.A A.B.Cd Kata'ib Iraq’s soldiers' F-16 M4A1.";

    private static readonly Lazy<NamesStage> Stage = new(() => new NamesStage(TestLexicons.Value.Names));

    private static IEnumerable<string> RealTexts()
    {
        return RealReports.Texts()
            .Append(EdgeText);
    }

    /// <summary>Every set the stage tests words against, with the tag that stands for it.</summary>
    private static IEnumerable<(string Name, Func<Word, bool> InSet, NamesStage.Tag Tag)> Sets()
    {
        var lexicon = TestLexicons.Value.Names;
        var aliasStarts = new HashSet<string>(lexicon.Aliases.FirstKeys, StringComparer.Ordinal);
        var countryStarts = new HashSet<string>(lexicon.Countries.FirstKeys, StringComparer.Ordinal);
        // A word's key is its vocabulary string when it has an id; the sets' keys all have one.
        bool Keyed(Word w, HashSet<string> keys) => w.Id >= 0 && keys.Contains(w.Key);
        bool KeyIs(Word w, params string[] keys) => w.Id >= 0 && keys.Contains(w.Key);

        yield return ("alias starts", w => Keyed(w, aliasStarts), NamesStage.Tag.AliasStart);
        yield return ("country starts", w => Keyed(w, countryStarts), NamesStage.Tag.CountryStart);
        yield return ("pro", w => KeyIs(w, "pro"), NamesStage.Tag.Pro);
        yield return ("titles", w => NamesStage.Titles.Contains(w), NamesStage.Tag.Title);
        yield return ("stopwords", w => NamesStage.Stopwords.Contains(w), NamesStage.Tag.Stopword);
        yield return ("administrative heads", w => NamesStage.AdministrativeHeads.Contains(w), NamesStage.Tag.AdministrativeHead);
        yield return ("connectors", w => NamesStage.Connectors.Contains(w), NamesStage.Tag.Connector);
        yield return ("reference starts", w => NamesStage.ReferenceStarts.Contains(w), NamesStage.Tag.ReferenceStart);
        yield return ("determiners", w => KeyIs(w, "the", "this", "that", "these", "those"), NamesStage.Tag.Determiner);
        yield return ("facility nouns", w => NamesStage.FacilityNouns.Contains(w), NamesStage.Tag.FacilityNoun);
        yield return ("facility plurals", w => NamesStage.FacilityPlurals.Contains(w), NamesStage.Tag.FacilityPlural);
        yield return ("group plurals", w => NamesStage.GroupPlurals.Contains(w), NamesStage.Tag.GroupPlural);
        yield return ("group singulars", w => NamesStage.GroupSingulars.Contains(w), NamesStage.Tag.GroupSingular);
        yield return ("bare forces", w => NamesStage.BareForces.Contains(w), NamesStage.Tag.BareForce);
        yield return ("reference nouns", w => KeyIs(w, "country", "coalition", "alliance", "ministry"), NamesStage.Tag.ReferenceNoun);
        yield return ("modified nouns", w => KeyIs(w, "country", "coalition", "ministry"), NamesStage.Tag.ModifiedNoun);
        yield return ("ministry", w => KeyIs(w, "ministry"), NamesStage.Tag.Ministry);
        yield return ("force heads", w => NamesStage.ForceHeads.Contains(w), NamesStage.Tag.ForceHead);
        yield return ("force modifiers", w => NamesStage.ForceModifiers.Contains(w), NamesStage.Tag.ForceModifier);
        yield return ("government heads", w => NamesStage.GovernmentHeads.Contains(w), NamesStage.Tag.GovernmentHead);
        yield return ("government modifiers", w => NamesStage.GovernmentModifiers.Contains(w), NamesStage.Tag.GovernmentModifier);
        yield return ("ministry topics", w => NamesStage.MinistryTopics.Contains(w), NamesStage.Tag.MinistryTopic);
        yield return ("backed verbs", w => NamesStage.BackedVerbs.Contains(w), NamesStage.Tag.BackedVerb);
        yield return ("group heads", w => NamesStage.GroupHeads.Contains(w), NamesStage.Tag.GroupHead);
        yield return ("into a country", w => NamesStage.IntoCountry.Contains(w), NamesStage.Tag.IntoCountry);
        // The unions the stage asks for in one test: the old start-key set, and every noun a reference points back with.
        yield return ("any start", w => Keyed(w, aliasStarts) || Keyed(w, countryStarts) || KeyIs(w, "pro") || NamesStage.Titles.Contains(w), NamesStage.Tag.Start);
        yield return ("points back", w => KeyIs(w, "country", "coalition", "alliance", "ministry") || NamesStage.FacilityNouns.Contains(w)
                                          || NamesStage.FacilityPlurals.Contains(w) || NamesStage.GroupPlurals.Contains(w)
                                          || NamesStage.GroupSingulars.Contains(w) || NamesStage.BareForces.Contains(w), NamesStage.Tag.PointsBack);
    }

    [Fact]
    public void The_tag_array_answers_as_each_word_set_on_real_texts()
    {
        var stage = Stage.Value;
        var sets = Sets().ToList();
        var tested = new int[sets.Count];
        foreach (var text in RealTexts())
        {
            foreach (var word in WordScanner.Scan(text))
            {
                for (var s = 0; s < sets.Count; s++)
                {
                    var (name, inSet, tag) = sets[s];
                    var expected = inSet(word);
                    Assert.True(expected == stage.Is(word, tag), $"{name}: '{word.Text}' in the set {expected}, tagged {!expected}");
                    tested[s] += expected ? 1 : 0;
                }
            }
        }

        // Each set met at least one member (else the comparison would say little about it).
        for (var s = 0; s < sets.Count; s++)
        {
            Assert.True(tested[s] > 0, $"{sets[s].Name}: no member in the texts");
        }
    }

    [Fact]
    public void Every_key_of_every_set_is_tagged_and_others_are_not()
    {
        var stage = Stage.Value;
        foreach (var (name, inSet, tag) in Sets())
        {
            for (var id = 0; id < WordVocabulary.Count; id++)
            {
                var word = WordScanner.Scan(WordVocabulary.KeyOf(id)) is [var only] && only.Id == id ? only : (Word?)null;
                if (word is { } w)
                {
                    Assert.True(inSet(w) == stage.Is(w, tag), $"{name}: key '{WordVocabulary.KeyOf(id)}'");
                }
            }
        }
    }

    /// <summary>The walk the stage made before session 11: one flag per word, sentence starts walked alongside.</summary>
    private static bool[] SentenceStartsByWalk(ReadingDocument document, List<Word> words)
    {
        var starts = new bool[words.Count];
        int[]? sentenceStarts = document.Sentences.Count > 0 ? [.. document.Sentences.Select(s => s.Span.Start).Order()] : null;
        var next = 0;
        for (var i = 0; i < words.Count; i++)
        {
            if (i == 0)
            {
                starts[i] = true;
                continue;
            }

            var gap = document.Body.AsSpan(words[i - 1].Span.End, words[i].Span.Start - words[i - 1].Span.End);
            bool opensSentence;
            if (sentenceStarts is not null)
            {
                while (next < sentenceStarts.Length && sentenceStarts[next] <= words[i - 1].Span.Start)
                {
                    next++;
                }

                opensSentence = next < sentenceStarts.Length && sentenceStarts[next] <= words[i].Span.Start;
            }
            else
            {
                opensSentence = gap is not " " && gap.IndexOfAny(".!?\n") >= 0;
            }

            starts[i] = opensSentence || (gap is not " " && gap.IndexOfAny("\n(“\"") >= 0);
        }

        return starts;
    }

    [Fact]
    public void Sentence_openings_per_word_match_the_walk_over_every_word()
    {
        var core = new ReadingPipelineBuilder().UseCoreStages().Build();
        var texts = RealTexts().Append("Militants fled.\n(Reuters) “Officials said\" it. Then?No! End").Append("One").Append("");
        var opened = 0;
        foreach (var text in texts)
        {
            // With the sentence stage's sentences, and without any (the gap rule alone).
            foreach (var document in new[] { core.Annotate("t", text), new ReadingDocument("t", text) })
            {
                var words = WordScanner.Scan(document.Body);
                var expected = SentenceStartsByWalk(document, words);
                var openings = new NamesStage.SentenceOpenings(document, words);
                for (var i = 0; i < words.Count; i++)
                {
                    Assert.True(expected[i] == openings.Opens(i), $"word {i} '{words[i].Text}' of '{text[..Math.Min(40, text.Length)]}': walk {expected[i]}");
                    opened += expected[i] ? 1 : 0;
                }
            }
        }

        Assert.True(opened > 100);
    }

    [Fact]
    public void Digit_keys_read_from_the_text_match_the_keys()
    {
        var text = EdgeText + " 2024 10’s 7.62 ٣٤ 1st 0 x 5'5 " + string.Join(' ', RealTexts());
        var digits = 0;
        foreach (var word in WordScanner.Scan(text))
        {
            var expected = NamesStage.IsDigits(word.Key);
            Assert.True(expected == NamesStage.KeyIsDigits(word), $"'{word.Text}'");
            digits += expected && word.Id < 0 ? 1 : 0;
        }

        Assert.True(digits > 10);
    }

    private static string NamesOf(NamesStage stage, string text)
    {
        var document = new ReadingPipelineBuilder().UseCoreStages().Build().Annotate("t", text);
        stage.Process(document);
        var names = new StringBuilder();
        foreach (var n in document.Names)
        {
            names.Append(n.Span).Append(' ').Append(n.Entity.Name).Append(' ').Append(n.Entity.Kind).Append(' ').Append(n.Anaphoric)
                .Append(' ').AppendJoin('|', n.Entity.Aliases).Append('\n');
        }

        return names.ToString();
    }

    [Fact]
    public void Buffers_kept_between_documents_give_the_names_of_a_fresh_run()
    {
        var texts = RealTexts().ToList();
        // Each text read on a thread of its own (fresh buffers), then all in a row on one thread, long and short mixed,
        // each twice, so every buffer is reused after a longer and a shorter document.
        var fresh = texts.Select(t =>
        {
            var names = "";
            var thread = new Thread(() => names = NamesOf(Stage.Value, t));
            thread.Start();
            thread.Join();
            return names;
        }).ToList();
        Assert.Contains(fresh, n => n.Length > 0);
        var order = Enumerable.Range(0, texts.Count).Concat(Enumerable.Range(0, texts.Count).Reverse());
        foreach (var k in order)
        {
            Assert.Equal(fresh[k], NamesOf(Stage.Value, texts[k]));
        }
    }

    [Fact]
    public void The_country_points_back_to_the_country_of_a_government_named_before()
    {
        // "the country" after "Iraq’s government" points at the country made from the government ("with { Base = }").
        var document = new ReadingDocument("t", "Iraq’s government met. The country was calm.");
        document.Sentences.Add(new Sentence(new TextSpan(0, 23), 0));
        document.Sentences.Add(new Sentence(new TextSpan(24, 45), 1));
        Stage.Value.Process(document);
        Assert.Contains(document.Names, n => n.Anaphoric && n.Entity.Name == "Iraq" && n.Entity.Kind == Garrison.Domain.Records.EntityKind.Country);
    }
}
