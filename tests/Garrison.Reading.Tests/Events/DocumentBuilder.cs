using Garrison.Domain.Dates;
using Garrison.Domain.Provenance;
using Garrison.Domain.Quantities;
using Garrison.Domain.Records;
using Garrison.Reading.Documents;
using Garrison.Reading.Names;
using Garrison.Reading.Tests.Names;

namespace Garrison.Reading.Tests.Events;

/// <summary>
/// Builds a document by hand (sentences, dates, quantities at given phrases) so that the name, event and fact
/// stages are tested on their own, without the core stages.
/// </summary>
internal sealed class DocumentBuilder
{
    private readonly ReadingDocument document;

    public DocumentBuilder(string published, params string[] paragraphs)
    {
        var body = string.Join("\n\n", paragraphs);
        document = new ReadingDocument("t", body) { Info = new DocumentInfo("t", PartialDate.Parse(published), null, null) };
        var at = 0;
        for (var p = 0; p < paragraphs.Length; p++)
        {
            // One sentence per ". " inside a paragraph; the test texts avoid abbreviations.
            var start = 0;
            var text = paragraphs[p];
            while (start < text.Length)
            {
                var end = text.IndexOf(". ", start, StringComparison.Ordinal);
                end = end < 0 ? text.Length : end + 1;
                document.Sentences.Add(new Sentence(new TextSpan(at + start, at + end), p));
                start = end + 1;
            }

            at += text.Length + 2;
        }
    }

    public string Body => document.Body;

    public DocumentBuilder Date(string phrase, DateSpan value, int occurrence = 0)
    {
        document.Dates.Add(new DateMention(Find(phrase, occurrence), value));
        return this;
    }

    public DocumentBuilder Quantity(string phrase, Quantity value, int occurrence = 0)
    {
        document.Quantities.Add(new QuantityMention(Find(phrase, occurrence), value));
        return this;
    }

    public TextSpan Find(string phrase, int occurrence = 0)
    {
        var at = -1;
        for (var i = 0; i <= occurrence; i++)
        {
            at = document.Body.IndexOf(phrase, at + 1, StringComparison.Ordinal);
        }

        Assert.True(at >= 0, $"'{phrase}' is not in the test text");
        return new TextSpan(at, at + phrase.Length);
    }

    public ReadingDocument Names()
    {
        document.Dates.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        document.Quantities.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        new NamesStage(TestLexicons.Value.Names).Process(document);
        return document;
    }

    public ReadingDocument Events()
    {
        Names();
        new Garrison.Reading.Events.EventsStage(TestLexicons.Value.Triggers).Process(document);
        return document;
    }

    public ReadingDocument Facts()
    {
        Events();
        new Garrison.Reading.Facts.FactsStage(TestLexicons.Value.Names).Process(document);
        return document;
    }
}
