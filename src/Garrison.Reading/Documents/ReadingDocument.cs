using Garrison.Domain.Records;
using Garrison.Reading.Names;

namespace Garrison.Reading.Documents;

/// <summary>
/// The working state of one document as it passes through the stages. Stages add annotations;
/// every annotation keeps its offsets into <see cref="Body"/>.
/// </summary>
public sealed class ReadingDocument
{
    public ReadingDocument(string id, string text)
    {
        Id = id;
        Text = text;
        Body = text;
        Info = new DocumentInfo(id, null, null, null);
    }

    public string Id { get; }

    /// <summary>The whole file as read.</summary>
    public string Text { get; }

    /// <summary>The text after the header; evidence offsets index this.</summary>
    public string Body { get; set; }

    public DocumentInfo Info { get; set; }

    public List<Sentence> Sentences { get; } = [];

    /// <summary>
    /// The body's words, numbers and marks (<see cref="Tokens.TokenStage"/>). No later stage reads them, and making
    /// them (a string and an object per token, ~68 KB per report) was ~6 % of reading: the token stage says which text
    /// to split, and the split is made when this is first read, the same tokens as if made then.
    /// </summary>
    public List<Token> Tokens
    {
        get
        {
            if (tokensPendingOf is { } text)
            {
                tokensPendingOf = null;
                tokens.AddRange(Garrison.Reading.Tokens.TokenStage.Tokenize(text));
            }

            return tokens;
        }
    }

    public List<DateMention> Dates { get; } = [];

    public List<QuantityMention> Quantities { get; } = [];

    public List<NameMention> Names { get; } = [];

    public List<EventRecord> Events { get; } = [];

    public List<FactRecord> Facts { get; } = [];

    /// <summary>Problems that do not stop reading (kept, not thrown, as the style guide asks).</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>
    /// The sentence views the event and fact stages both read, built once per document by
    /// <see cref="Events.SentenceView.Shared"/> (which alone reads and sets it, and rebuilds it when the annotations
    /// it was built from have changed).
    /// </summary>
    internal Events.SharedSentenceViews? SentenceViews { get; set; }

    private readonly List<Token> tokens = [];
    private string? tokensPendingOf;

    /// <summary>Replaces the tokens with those of <paramref name="text"/>, split when <see cref="Tokens"/> is first read.</summary>
    internal void TokenizeOnRead(string text)
    {
        tokens.Clear();
        tokensPendingOf = text;
    }

    private List<Word>? bodyWords;
    private string? bodyWordsOf;
    private int bodyWordsVocabulary;

    /// <summary>
    /// The body split by <see cref="WordScanner"/>. The name, event and fact stages all read these words, so they
    /// are split once per body (a header stage that replaces the body gets a fresh split). Stages must not modify it.
    /// Words carry <see cref="WordVocabulary"/> ids: a split made before a lexicon registered its keys is made again.
    /// The words come from the body's one split (<see cref="Matching.TextSplit"/>), which the date and quantity
    /// stages made on this thread when they read the body's runs.
    /// </summary>
    internal List<Word> BodyWords
    {
        get
        {
            if (bodyWords is null || !ReferenceEquals(bodyWordsOf, Body) || bodyWordsVocabulary != WordVocabulary.Version)
            {
                var split = Matching.TextSplit.Of(Body);
                bodyWords = split.Words;
                bodyWordsVocabulary = split.VocabularyVersion;
                bodyWordsOf = Body;
            }

            return bodyWords;
        }
    }
}
