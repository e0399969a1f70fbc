using Garrison.Domain.Provenance;
using Garrison.Domain.Records;
using Garrison.Reading.Documents;
using Garrison.Reading.Names;

namespace Garrison.Reading.Events;

/// <summary>
/// One sentence with everything earlier stages found in it, indexed by word: the view the event and fact rules read.
/// Several mentions may share one span when a plural reference points at several names ("the installations").
/// </summary>
public sealed class SentenceView
{
    public SentenceView(ReadingDocument document, Sentence sentence, int index, List<Word> allWords)
    {
        Document = document;
        Sentence = sentence;
        Index = index;
        Words = [.. allWords.Where(w => sentence.Span.Contains(w.Span))];
        Names = [.. document.Names.Where(n => sentence.Span.Contains(n.Span)).OrderBy(n => n.Span.Start)];
        Dates = [.. document.Dates.Where(d => sentence.Span.Contains(d.Span)).OrderBy(d => d.Span.Start)];
        Quantities = [.. document.Quantities.Where(q => sentence.Span.Contains(q.Span) && !Dates.Any(d => d.Span.Overlaps(q.Span))).OrderBy(q => q.Span.Start)];
    }

    public ReadingDocument Document { get; }

    public Sentence Sentence { get; }

    public int Index { get; }

    public List<Word> Words { get; }

    public List<NameMention> Names { get; }

    public List<DateMention> Dates { get; }

    public List<QuantityMention> Quantities { get; }

    public string Body => Document.Body;

    /// <summary>The index of the first word that starts at or after <paramref name="offset"/>.</summary>
    public int WordAt(int offset)
    {
        for (var i = 0; i < Words.Count; i++)
        {
            if (Words[i].Span.End > offset)
            {
                return i;
            }
        }

        return Words.Count;
    }

    public string Key(int i) => i >= 0 && i < Words.Count ? Words[i].Key : "";

    /// <summary>The text between two words (exclusive), e.g. the punctuation and words that separate two names.</summary>
    public string Between(int endOfFirst, int startOfSecond) =>
        startOfSecond > endOfFirst ? Body[endOfFirst..startOfSecond] : "";

    /// <summary>Mentions whose first word lies in [from, to), grouped by span.</summary>
    public IEnumerable<IGrouping<TextSpan, NameMention>> MentionsIn(int fromWord, int toWord)
    {
        var start = fromWord < Words.Count ? Words[Math.Max(0, fromWord)].Span.Start : Sentence.Span.End;
        var end = toWord < Words.Count ? Words[Math.Max(0, toWord)].Span.Start : Sentence.Span.End;
        return Names.Where(n => n.Span.Start >= start && n.Span.Start < end).GroupBy(n => n.Span);
    }

    /// <summary>The word index of a mention's first word.</summary>
    public int FirstWordOf(TextSpan span) => WordAt(span.Start);

    /// <summary>The index after a mention's last word.</summary>
    public int EndWordOf(TextSpan span)
    {
        var i = WordAt(span.Start);
        while (i < Words.Count && Words[i].Span.Start < span.End)
        {
            i++;
        }

        return i;
    }

    public static bool IsActorKind(EntityKind kind) =>
        kind is EntityKind.Force or EntityKind.Coalition or EntityKind.ArmedGroup or EntityKind.Government or EntityKind.Person or EntityKind.Country;

    public static bool IsPlaceKind(EntityKind kind) =>
        kind is EntityKind.Facility or EntityKind.Place or EntityKind.Province or EntityKind.Region or EntityKind.Country;

    /// <summary>Facility before town before province before region before country: the most precise place wins.</summary>
    public static int PlaceRank(EntityKind kind) => kind switch
    {
        EntityKind.Facility => 0,
        EntityKind.Place => 1,
        EntityKind.Unknown => 1,
        EntityKind.Province => 2,
        EntityKind.Region => 3,
        _ => 4,
    };
}
