using Garrison.Domain.Provenance;
using Garrison.Reading.Documents;
using Garrison.Reading.Sentences;

namespace Garrison.Reading.Tests.Sentences;

public sealed class SentenceStageTests
{
    private static readonly SentenceStage Stage = new();

    [Fact]
    public void Sentences_keep_offsets_and_paragraph_numbers()
    {
        const string body = "Troops left the base. Officials confirmed it!\n\n  Was it final? Nobody knows.\n";

        var sentences = Stage.Split(body);

        AssertSentences(body, sentences, ("Troops left the base.", 0), ("Officials confirmed it!", 0), ("Was it final?", 1), ("Nobody knows.", 1));
        Assert.Equal(new TextSpan(49, 62), sentences[2].Span);
    }

    [Fact]
    public void Abbreviations_and_initials_do_not_end_sentences()
    {
        const string body = "Lt. Gen. Jane Q. Smith met Dr. Ali on Jan. 5 in the U.S. capital. She left.";

        AssertSentences(body, Stage.Split(body), ("Lt. Gen. Jane Q. Smith met Dr. Ali on Jan. 5 in the U.S. capital.", 0), ("She left.", 0));
    }

    [Fact]
    public void Dotted_acronym_ends_a_sentence_before_a_sentence_opener()
    {
        const string body = "The drones were made in the U.S. The militia denied it.";

        AssertSentences(body, Stage.Split(body), ("The drones were made in the U.S.", 0), ("The militia denied it.", 0));
    }

    [Fact]
    public void Closing_quotes_stay_with_their_sentence()
    {
        const string body = "He said “the handover is complete.” The army agreed. “Are we safe?” she asked.";

        AssertSentences(body, Stage.Split(body), ("He said “the handover is complete.”", 0), ("The army agreed.", 0), ("“Are we safe?” she asked.", 0));
    }

    [Fact]
    public void Paragraph_end_ends_a_sentence_without_a_full_stop()
    {
        const string body = "The drawdown began in 2023\n\nThe coalition also left.";

        AssertSentences(body, Stage.Split(body), ("The drawdown began in 2023", 0), ("The coalition also left.", 1));
    }

    [Fact]
    public void Decimals_and_lowercase_continuations_do_not_split()
    {
        const string body = "Some 1.5 million people fled, e.g. to Erbil. Wrapped lines\ncontinue the sentence.";

        AssertSentences(body, Stage.Split(body), ("Some 1.5 million people fled, e.g. to Erbil.", 0), ("Wrapped lines\ncontinue the sentence.", 0));
    }

    [Fact]
    public void List_items_and_headings_are_paragraphs()
    {
        const string body = "# Summary\n- Base handed over\n- Troops moved north";

        AssertSentences(body, Stage.Split(body), ("# Summary", 0), ("- Base handed over", 1), ("- Troops moved north", 2));
    }

    [Fact]
    public void Stage_reads_the_body_after_the_header()
    {
        var document = new ReadingDocument("doc", "published: 2025-01-01\n---\nOne. Two.");
        new Garrison.Reading.Header.HeaderStage().Process(document);

        Stage.Process(document);

        Assert.Equal([new TextSpan(0, 4), new TextSpan(5, 9)], document.Sentences.Select(s => s.Span));
    }

    [Fact]
    public void A_custom_list_changes_the_split()
    {
        var stage = new SentenceStage(new SentenceOptions { Abbreviations = new AbbreviationList(["Xyz."], [], [], []) });

        AssertSentences("Xyz. Smith spoke. Gen. Ali left.", stage.Split("Xyz. Smith spoke. Gen. Ali left."), ("Xyz. Smith spoke.", 0), ("Gen.", 0), ("Ali left.", 0));
    }

    private static void AssertSentences(string body, List<Sentence> sentences, params (string Text, int Paragraph)[] expected)
    {
        Assert.Equal(expected, sentences.Select(s => (s.Span.Slice(body), s.Paragraph)));
    }
}
