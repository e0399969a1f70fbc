using Garrison.Domain.Provenance;
using Garrison.Domain.Records;
using Garrison.Reading.Documents;
using Garrison.Reading.Events;
using Garrison.Reading.Names;

namespace Garrison.Reading.Tests.Events;

public sealed class SentenceViewTests
{
    private const string Body = "Alpha and Beta met at Gamma. The allies left Delta.";

    private static ReadingDocument Document()
    {
        var document = new ReadingDocument("t", Body);
        document.Sentences.Add(new Sentence(new TextSpan(0, 28), 0));
        document.Sentences.Add(new Sentence(new TextSpan(29, Body.Length), 0));
        document.Names.Add(Mention("Alpha", EntityKind.ArmedGroup));
        document.Names.Add(Mention("Beta", EntityKind.ArmedGroup));
        document.Names.Add(Mention("Gamma", EntityKind.Place));
        return document;
    }

    private static NameMention Mention(string text, EntityKind kind, string? name = null) =>
        new(Span(text), new EntityRecord(name ?? text, kind, []));

    private static TextSpan Span(string text)
    {
        var at = Body.IndexOf(text, StringComparison.Ordinal);
        return new TextSpan(at, at + text.Length);
    }

    [Fact]
    public void The_events_and_facts_stages_share_one_set_of_views_per_document()
    {
        var document = Document();

        var first = SentenceView.Shared(document);

        Assert.Same(first, SentenceView.Shared(document));
        Assert.Equal(2, first.Count);
        Assert.Equal(3, first[0].Names.Count);
    }

    [Fact]
    public void Views_are_built_again_when_a_stage_has_added_a_mention_since()
    {
        var document = Document();
        var before = SentenceView.Shared(document);

        document.Names.Add(Mention("Delta", EntityKind.Place));
        var after = SentenceView.Shared(document);

        Assert.NotSame(before, after);
        Assert.Equal(0, before[1].Names.Count);
        Assert.Equal("Delta", Assert.Single(after[1].Names).Entity.Name);
    }

    [Fact]
    public void Views_are_built_again_when_the_words_were_split_again_with_newly_registered_keys()
    {
        // The event rules read words by vocabulary id: views kept from before a key was registered would lack it.
        var key = "sentenceviewtestword" + Guid.NewGuid().ToString("N");
        var body = $"Alpha saw {key} today.";
        var document = new ReadingDocument("t", body);
        document.Sentences.Add(new Sentence(new TextSpan(0, body.Length), 0));
        var before = SentenceView.Shared(document);

        var id = WordVocabulary.Register(key);
        var after = SentenceView.Shared(document);

        Assert.NotSame(before, after);
        Assert.Equal(WordVocabulary.Unknown, before[0].Words.IdAt(2));
        Assert.Equal(id, after[0].Words.IdAt(2));
        Assert.Equal(WordVocabulary.Unknown, after[0].Words.IdAt(after[0].Words.Count));
    }

    [Fact]
    public void Sentences_with_no_gap_between_them_each_hold_their_own_words_and_mentions()
    {
        // The second sentence starts where the first ends: a mention and a word starting at that offset are the
        // second's, though the first sentence's search ended on them.
        var body = "Alpha left.Beta came.Gamma";
        var document = new ReadingDocument("t", body);
        document.Sentences.Add(new Sentence(new TextSpan(0, 11), 0));
        document.Sentences.Add(new Sentence(new TextSpan(11, 21), 0));
        document.Sentences.Add(new Sentence(new TextSpan(21, body.Length), 1));
        document.Names.Add(new NameMention(new TextSpan(0, 5), new EntityRecord("Alpha", EntityKind.ArmedGroup, [])));
        document.Names.Add(new NameMention(new TextSpan(11, 15), new EntityRecord("Beta", EntityKind.ArmedGroup, [])));
        document.Names.Add(new NameMention(new TextSpan(21, 26), new EntityRecord("Gamma", EntityKind.Place, [])));

        var views = SentenceView.Of(document);

        Assert.Equal(["Alpha", "Beta", "Gamma"], views.Select(v => Assert.Single(v.Names).Entity.Name));
        Assert.Equal(["Beta", "came"], views[1].Words.Select(w => w.Text));
        foreach (var view in views)
        {
            Assert.Equal(document.BodyWords.Where(w => view.Sentence.Span.Contains(w.Span)), view.Words);
            AssertGroupsAreGroupBy(view);
        }
    }

    [Fact]
    public void The_text_between_two_words_read_in_place_is_the_text_between_them()
    {
        var view = SentenceView.Shared(Document())[0];
        var alpha = Span("Alpha");
        var beta = Span("Beta");

        Assert.Equal(" and ", view.BetweenInPlace(alpha.End, beta.Start).ToString());
        Assert.Equal(view.Between(alpha.End, beta.Start), view.BetweenInPlace(alpha.End, beta.Start).ToString());
        Assert.True(view.BetweenInPlace(beta.Start, alpha.End).IsEmpty);
    }

    [Fact]
    public void Mentions_sharing_a_span_form_one_group_in_order_of_their_first_mention()
    {
        // "The allies" points back at both groups: two mentions with one span, as the names stage writes them.
        var document = Document();
        document.Names.Add(Mention("The allies", EntityKind.ArmedGroup, "Alpha") with { Anaphoric = true });
        document.Names.Add(Mention("The allies", EntityKind.ArmedGroup, "Beta") with { Anaphoric = true });
        document.Names.Add(Mention("Delta", EntityKind.Place));
        var view = SentenceView.Shared(document)[1];

        var groups = view.MentionsIn(0, view.Words.Count).ToArray();

        Assert.Equal(2, groups.Length);
        Assert.Equal(Span("The allies"), groups[0].Span);
        Assert.Equal(["Alpha", "Beta"], view.Members(groups[0]).ToArray().Select(m => m.Entity.Name));
        Assert.Equal("Alpha", groups[0].Head.Entity.Name);
        Assert.Equal(EntityKind.ArmedGroup, groups[0].Kind);
        Assert.Equal((0, 2), (groups[0].FirstWord, groups[0].EndWord));
        Assert.Equal("Delta", Assert.Single(view.Members(groups[1]).ToArray()).Entity.Name);
        Assert.Equal((EntityKind.Place, 3, 4), (groups[1].Kind, groups[1].FirstWord, groups[1].EndWord));
        Assert.Equal("Delta", Assert.Single(view.MentionsIn(view.WordAt(Span("Delta").Start), view.Words.Count).ToArray()).Span.Slice(Body));
    }

    [Fact]
    public void Mentions_of_spans_that_interleave_are_grouped_as_GroupBy_groups_them()
    {
        // Two spans with one start, their mentions listed alternately (the names stage lists them by start alone): each
        // group's members are laid out together, in their order, and the groups keep the order of their first mention.
        var body = "Alpha Beta Gamma said so. Then Alpha Beta left.";
        var document = new ReadingDocument("t", body);
        document.Sentences.Add(new Sentence(new TextSpan(0, 25), 0));
        document.Sentences.Add(new Sentence(new TextSpan(26, body.Length), 0));
        NameMention At(int start, int end, string name, EntityKind kind) => new(new TextSpan(start, end), new EntityRecord(name, kind, []));
        document.Names.Add(At(0, 10, "Alpha Beta", EntityKind.ArmedGroup));
        document.Names.Add(At(0, 5, "Alpha", EntityKind.Person));
        document.Names.Add(At(0, 10, "Alpha Beta 2", EntityKind.Force));
        document.Names.Add(At(0, 5, "Alpha 2", EntityKind.Place));
        document.Names.Add(At(11, 16, "Gamma", EntityKind.Place));
        document.Names.Add(At(31, 41, "Alpha Beta", EntityKind.ArmedGroup));

        var views = SentenceView.Of(document);

        var groups = views[0].NameGroups.ToArray();
        Assert.Equal([new TextSpan(0, 10), new TextSpan(0, 5), new TextSpan(11, 16)], groups.Select(g => g.Span));
        Assert.Equal(["Alpha Beta", "Alpha Beta 2"], views[0].Members(groups[0]).ToArray().Select(m => m.Entity.Name));
        Assert.Equal(["Alpha", "Alpha 2"], views[0].Members(groups[1]).ToArray().Select(m => m.Entity.Name));
        Assert.Equal([EntityKind.ArmedGroup, EntityKind.Person, EntityKind.Place], groups.Select(g => g.Kind));
        Assert.Equal([(0, 2), (0, 1), (2, 3)], groups.Select(g => (g.FirstWord, g.EndWord)));
        Assert.Equal("Alpha Beta", Assert.Single(views[1].NameGroups.ToArray()).Head.Entity.Name);
        foreach (var view in views)
        {
            AssertGroupsAreGroupBy(view);
        }
    }

    /// <summary>
    /// The view's name groups against what they replace: <c>GroupBy</c> over the view's mentions, each group's first
    /// mention and its kind, and the word range <see cref="SentenceView.FirstWordOf"/> and <see cref="SentenceView.EndWordOf"/> give.
    /// </summary>
    internal static void AssertGroupsAreGroupBy(SentenceView view)
    {
        var expected = view.Names.GroupBy(n => n.Span).ToList();
        var groups = view.NameGroups.ToArray();
        Assert.Equal(expected.Count, groups.Length);
        for (var k = 0; k < groups.Length; k++)
        {
            Assert.Equal(expected[k].Key, groups[k].Span);
            Assert.Equal(expected[k], view.Members(groups[k]).ToArray());
            Assert.Same(expected[k].First(), groups[k].Head);
            Assert.Equal(expected[k].First().Entity.Kind, groups[k].Kind);
            Assert.Equal(view.FirstWordOf(expected[k].Key), groups[k].FirstWord);
            Assert.Equal(view.EndWordOf(expected[k].Key), groups[k].EndWord);
        }
    }

    [Fact]
    public void A_word_is_in_a_word_set_by_id_exactly_when_its_key_is_one_of_the_sets_keys()
    {
        // The event and fact rules test single words against short lists by id instead of comparing keys: case,
        // dots, apostrophes and a possessive do not change the answer, a longer word sharing a prefix is not in the
        // list, and a word outside the sentence (the empty key) is in none. The set is made before the text is
        // split, as the stages make theirs when they are built.
        var set = new WordSet("by", "of", "the", "inside", "near");
        var body = "By the OF's B.y, Inside insider nearby byway NEAR the o'f bY near’s The of.";
        var document = new ReadingDocument("t", body);
        document.Sentences.Add(new Sentence(new TextSpan(0, body.Length), 0));
        var view = SentenceView.Shared(document)[0];

        for (var i = -2; i <= view.Words.Count + 1; i++)
        {
            var byId = (uint)i < (uint)view.Words.Count && set.Contains(view.Words.AsSpan()[i]);
            Assert.Equal(set.Contains(view.Key(i)), byId);
        }

        Assert.Contains(Enumerable.Range(0, view.Words.Count), i => set.Contains(view.Words.AsSpan()[i]));
        Assert.Contains(Enumerable.Range(0, view.Words.Count), i => !set.Contains(view.Words.AsSpan()[i]));
    }

    [Fact]
    public void A_word_is_all_digits_in_place_exactly_when_its_key_is()
    {
        // Dots, apostrophes and a possessive are not part of the key; a word outside the sentence has the empty key.
        var body = "In 2,500 U.S. 1990's '99 3rd 7.5 x12 ٣ Mosul's 12 cases.";
        var document = new ReadingDocument("t", body);
        document.Sentences.Add(new Sentence(new TextSpan(0, body.Length), 0));
        var view = SentenceView.Shared(document)[0];

        for (var i = -1; i <= view.Words.Count; i++)
        {
            Assert.Equal(view.Key(i).All(char.IsDigit), view.KeyIsAllDigits(i));
        }

        Assert.Contains(Enumerable.Range(0, view.Words.Count), i => view.KeyIsAllDigits(i));
        Assert.Contains(Enumerable.Range(0, view.Words.Count), i => !view.KeyIsAllDigits(i));
    }

    [Fact]
    public void The_event_rules_name_lookups_by_group_give_what_the_plain_loops_over_mentions_gave()
    {
        // Written as the loops over the sentence's mentions they replace; asked at every word boundary and span of up
        // to four words of every sentence of the real reports, and of the small document with a plural reference.
        var pipeline = Garrison.Reading.Pipeline.ReadingPipelineFactory.Create(Garrison.Lexicons.DataDirectory.Locate());
        var documents = RealReports.Files().Select(file => pipeline.Annotate(Path.GetFileName(file), File.ReadAllText(file))).ToList();
        var plural = Document();
        plural.Names.Add(Mention("The allies", EntityKind.ArmedGroup, "Alpha") with { Anaphoric = true });
        plural.Names.Add(Mention("The allies", EntityKind.ArmedGroup, "Beta") with { Anaphoric = true });
        documents.Add(plural);
        int starts = 0, overlaps = 0, anaphoricOnly = 0;
        foreach (var view in documents.SelectMany(SentenceView.Shared))
        {
            var names = view.Names.ToArray();
            var words = view.Words.AsSpan().ToArray();
            for (var i = 0; i < words.Length; i++)
            {
                var start = words[i].Span.Start;
                var expected = names.FirstOrDefault(n => n.Span.Start == start);
                Assert.Same(expected, EventsStage.NameStartingAt(view, start));
                starts += expected is null ? 0 : 1;
                Assert.Equal(names.Any(n => n.Span.End == words[i].Span.End), EventsStage.NameEndsAt(view, words[i].Span.End));
                for (var end = i; end < Math.Min(words.Length, i + 4); end++)
                {
                    var span = new TextSpan(start, words[end].Span.End);
                    var any = names.Any(n => n.Span.Overlaps(span));
                    var named = names.Any(n => !n.Anaphoric && n.Span.Overlaps(span));
                    Assert.Equal(any, EventsStage.NameOverlaps(view, span));
                    Assert.Equal(named, EventsStage.OverlapsName(view, span));
                    overlaps += named ? 1 : 0;
                    anaphoricOnly += any && !named ? 1 : 0;
                }
            }
        }

        // The comparisons met mentions found, names overlapped, and spans that overlap only anaphoric mentions.
        Assert.True(starts > 100 && overlaps > 100 && anaphoricOnly > 0, $"{starts} starts, {overlaps} overlaps, {anaphoricOnly} anaphoric only");
    }

    [Fact]
    public void A_groups_head_is_its_first_mention_and_mentions_are_found_by_the_groups_starts()
    {
        var document = Document();
        document.Names.Add(Mention("The allies", EntityKind.ArmedGroup, "Alpha") with { Anaphoric = true });
        document.Names.Add(Mention("The allies", EntityKind.ArmedGroup, "Beta") with { Anaphoric = true });
        var views = SentenceView.Shared(document);

        foreach (var view in views)
        {
            for (var from = 0; from <= view.Words.Count; from++)
            {
                for (var to = from; to <= view.Words.Count; to++)
                {
                    var start = from < view.Words.Count ? view.Words[from].Span.Start : view.Sentence.Span.End;
                    var end = to < view.Words.Count ? view.Words[to].Span.Start : view.Sentence.Span.End;
                    var expected = view.NameGroups.ToArray().Where(g => g.Span.Start >= start && g.Span.Start < end);
                    Assert.Equal(expected, view.MentionsIn(from, to).ToArray());
                }
            }

            AssertGroupsAreGroupBy(view);
        }
    }

    [Fact]
    public void Each_view_holds_the_words_and_mentions_wholly_inside_its_sentence_in_real_reports_and_out_of_order_lists()
    {
        // What the views' searches must give, written as the plain filters they replace: every word and mention wholly
        // inside the sentence, mentions ordered by start (stably), numbers inside a date left out of the quantities.
        var pipeline = Garrison.Reading.Pipeline.ReadingPipelineFactory.Create(Garrison.Lexicons.DataDirectory.Locate());
        var documents = RealReports.Files()
            .Select(file => pipeline.Annotate(Path.GetFileName(file), File.ReadAllText(file)))
            .ToList();
        // The same documents with their mentions listed backwards (the views order them) and a mention that straddles
        // two sentences (it belongs to neither).
        var shuffled = documents.Select(d =>
        {
            var copy = new ReadingDocument(d.Id, d.Body);
            copy.Sentences.AddRange(d.Sentences);
            copy.Names.AddRange(Enumerable.Reverse(d.Names));
            copy.Dates.AddRange(Enumerable.Reverse(d.Dates));
            copy.Quantities.AddRange(Enumerable.Reverse(d.Quantities));
            if (d.Sentences.Count > 1)
            {
                var across = new TextSpan(d.Sentences[0].Span.End - 2, d.Sentences[1].Span.Start + 2);
                copy.Names.Add(new NameMention(across, new EntityRecord("Across", EntityKind.Place, [])));
            }

            return copy;
        }).ToList();
        // And with their sentences listed backwards: each view's search starts where the previous one ended, which
        // is then after the sentence's words and mentions (the search must walk back to them).
        var backwards = documents.Select(d =>
        {
            var copy = new ReadingDocument(d.Id, d.Body);
            copy.Sentences.AddRange(Enumerable.Reverse(d.Sentences));
            copy.Names.AddRange(d.Names);
            copy.Dates.AddRange(d.Dates);
            copy.Quantities.AddRange(d.Quantities);
            return copy;
        }).ToList();

        int sentences = 0, mentions = 0;
        foreach (var document in documents.Concat(shuffled).Concat(backwards))
        {
            foreach (var view in SentenceView.Of(document))
            {
                var span = view.Sentence.Span;
                sentences++;
                Assert.Equal(document.BodyWords.Where(w => span.Contains(w.Span)), view.Words);
                Assert.Equal(document.Names.Where(n => span.Contains(n.Span)).OrderBy(n => n.Span.Start), view.Names);
                var dates = document.Dates.Where(d => span.Contains(d.Span)).OrderBy(d => d.Span.Start).ToList();
                Assert.Equal(dates, view.Dates);
                Assert.Equal(document.Quantities.Where(q => span.Contains(q.Span) && !dates.Any(d => d.Span.Overlaps(q.Span))).OrderBy(q => q.Span.Start), view.Quantities);
                mentions += view.Names.Count + view.Dates.Count + view.Quantities.Count;
                AssertGroupsAreGroupBy(view);
            }
        }

        Assert.True(sentences > 50 && mentions > 200, $"{sentences} sentences, {mentions} mentions");
    }
}
