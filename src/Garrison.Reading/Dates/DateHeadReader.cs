using Garrison.Reading.Quantities;

namespace Garrison.Reading.Dates;

/// <summary>
/// The heads of the date rules matched in parts (the words before their date: "since the end of", "by", "mid-",
/// "around"; see <see cref="DateRecognizer"/>'s <c>MatchSplit</c>) read by hand: for one of a rule's prefix patterns, the
/// length of the match its regex finds at an offset and where its part of a year is, or that it matches nothing. Where
/// the answer would depend on a character outside ASCII, the reader says so and the caller asks the regex.
/// </summary>
/// <remarks>
/// Why by hand: the prefixes are interpreted regexes tried at every "from", "by", "since", "about" … of a report (up to
/// four prefixes each, ~50 tries a report, most of them failing), ~9 % of the date and quantity stages' CPU.
/// Why the same: a prefix is a sequence of <see cref="Piece"/>s, each the reader of one part of its pattern, and the
/// reader tries them as the regex's backtracking does. A list of phrases (a case-insensitive alternation) is tried in
/// the pattern's order, longest first, and the rest of the prefix after each, so the first phrase with which the
/// whole prefix matches is taken, as the regex takes it. The other parts have one way to match: the pattern's
/// <c>Ws</c> (whitespace holding at most one line break) is greedy and is followed by a phrase (which starts with no
/// whitespace) or by the prefix's end, so the whole run of whitespace (up to a second line break) is the only length
/// that can lead on, and the first the regex tries; <c>(?:-|Ws)</c> takes the hyphen where there is one, where
/// <c>Ws</c> could not match. Letters are compared ignoring ASCII case, which is the regex's case-insensitivity on
/// ASCII text alone; a character outside ASCII where a phrase is compared makes the reader unsure (the Kelvin sign is a
/// "k" to the culture-invariant regex; the long s, "İ" and "ı" are no ASCII letter to it, though case maps make them one).
/// </remarks>
internal static class DateHeadReader
{
    /// <summary>What one part of a prefix pattern is.</summary>
    internal enum Kind
    {
        /// <summary><c>\b</c> before a phrase (which starts with an ASCII letter).</summary>
        WordStart,

        /// <summary><c>(?&lt;![\p{L}.])</c>: no letter or point before.</summary>
        NotAfterLetterOrPoint,

        /// <summary>A case-insensitive alternation of phrases, a space inside one standing for <c>Ws</c>.</summary>
        Phrases,

        /// <summary>The pattern's <c>Ws</c>.</summary>
        Space,

        /// <summary>A hyphen, <c>-</c>.</summary>
        Hyphen,

        /// <summary><c>(?:-|Ws)</c>.</summary>
        HyphenOrSpace,
    }

    /// <summary>One part of a prefix; <paramref name="Phrases"/> in the pattern's order, <paramref name="IsPart"/> when the phrase is the part of a year (group <c>part</c>).</summary>
    internal sealed record Piece(Kind Kind, string[]? Phrases = null, bool IsPart = false)
    {
        public static Piece WordStart { get; } = new(Kind.WordStart);

        public static Piece NotAfterLetterOrPoint { get; } = new(Kind.NotAfterLetterOrPoint);

        public static Piece Space { get; } = new(Kind.Space);

        public static Piece Hyphen { get; } = new(Kind.Hyphen);

        public static Piece HyphenOrSpace { get; } = new(Kind.HyphenOrSpace);

        /// <summary>The words as the recognizer's <c>Words</c> alternation orders them: distinct, longest first, ties in list order.</summary>
        public static Piece Words(IEnumerable<string> words, bool isPart = false) =>
            new(Kind.Phrases, [.. words.Distinct().OrderByDescending(w => w.Length)], isPart);
    }

    /// <summary>
    /// Whether the reader can read a prefix of these pieces: every phrase starts with an ASCII letter and is ASCII letters,
    /// digits, points, apostrophes and hyphens with single spaces between words (what <c>Regex.Escape</c> leaves as
    /// literals, and spaces that become one <c>Ws</c> each).
    /// </summary>
    public static bool CanRead(IEnumerable<Piece> pieces) =>
        pieces.All(p => p.Phrases is null || p.Phrases.All(w => w.Length > 0 && char.IsAsciiLetter(w[0]) && w[^1] != ' '
            && !w.Contains("  ", StringComparison.Ordinal) && w.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '.' or '\'' or '-')));

    /// <summary>The match of the prefix <paramref name="pieces"/> at <paramref name="at"/>: its length and its part of a year (start -1 when none).</summary>
    public static DigitCountReader.Outcome Read(string text, int at, Piece[] pieces, out int length, out int partStart, out int partLength)
    {
        var head = new Head { PartStart = -1 };
        var read = MatchFrom(text, at, pieces, 0, ref head);
        length = read == DigitCountReader.Outcome.Match ? head.End - at : 0;
        (partStart, partLength) = read == DigitCountReader.Outcome.Match ? (head.PartStart, head.PartLength) : (-1, 0);
        return read;
    }

    /// <summary>
    /// The number of leading pieces (the same pieces) that every prefix of a rule starts with ("since" and its
    /// whitespace, the four prefixes of the since rule), 0 when there is one prefix or none shared.
    /// </summary>
    public static int SharedLength(Piece[][] prefixes)
    {
        if (prefixes.Length < 2)
        {
            return 0;
        }

        var shared = 0;
        while (prefixes.All(p => p.Length > shared && ReferenceEquals(p[shared], prefixes[0][shared])))
        {
            shared++;
        }

        return shared;
    }

    /// <summary>
    /// The first <paramref name="count"/> pieces of a rule's prefixes (<see cref="SharedLength"/>) read once at
    /// <paramref name="at"/>, for <see cref="ReadRest"/> to go on from: where they end, and the part of a year read
    /// among them (start -1 when none).
    /// </summary>
    /// <remarks>
    /// Why the same as reading each prefix whole: a list of phrases is the one piece that can be read more than one way,
    /// and the whole prefix takes the first phrase with which its rest matches. Of the phrases that match at one place,
    /// the first is the only one whose rest can match (the recognizer reads the prefixes by hand only where no phrase of
    /// a list, followed by a space or dash, begins another: a later, shorter phrase is then followed by a letter or
    /// digit, where no piece after a phrase matches), and a later phrase compares only characters the first already
    /// matched (ASCII), so it cannot make the reading unsure either. So the first phrase that matches is taken here,
    /// and a prefix's outcome is its rest's from there.
    /// </remarks>
    public static DigitCountReader.Outcome ReadShared(string text, int at, Piece[] pieces, int count, out int end, out int partStart, out int partLength)
    {
        (end, partStart, partLength) = (at, -1, 0);
        var p = at;
        for (var i = 0; i < count; i++)
        {
            var piece = pieces[i];
            switch (piece.Kind)
            {
                case Kind.WordStart:
                case Kind.NotAfterLetterOrPoint:
                    if (p > 0)
                    {
                        var before = text[p - 1];
                        if (!char.IsAscii(before))
                        {
                            return DigitCountReader.Outcome.Unsure;
                        }

                        if (piece.Kind == Kind.WordStart ? char.IsAsciiLetterOrDigit(before) || before == '_' : char.IsAsciiLetter(before) || before == '.')
                        {
                            return DigitCountReader.Outcome.NoMatch;
                        }
                    }

                    break;

                case Kind.Hyphen:
                    if (!(p < text.Length && text[p] == '-'))
                    {
                        return DigitCountReader.Outcome.NoMatch;
                    }

                    p++;
                    break;

                case Kind.HyphenOrSpace when p < text.Length && text[p] == '-':
                    p++;
                    break;

                case Kind.Space:
                case Kind.HyphenOrSpace:
                    {
                        var spaceEnd = SpaceEnd(text, p, out var unsure);
                        if (unsure)
                        {
                            return DigitCountReader.Outcome.Unsure;
                        }

                        if (spaceEnd == p)
                        {
                            return DigitCountReader.Outcome.NoMatch;
                        }

                        p = spaceEnd;
                        break;
                    }

                default:
                    {
                        var taken = DigitCountReader.Outcome.NoMatch;
                        foreach (var phrase in piece.Phrases!)
                        {
                            taken = PhraseEnd(text, p, phrase, out var phraseEnd);
                            if (taken == DigitCountReader.Outcome.Unsure)
                            {
                                return taken;
                            }

                            if (taken == DigitCountReader.Outcome.Match)
                            {
                                if (piece.IsPart)
                                {
                                    (partStart, partLength) = (p, phraseEnd - p);
                                }

                                p = phraseEnd;
                                break;
                            }
                        }

                        if (taken != DigitCountReader.Outcome.Match)
                        {
                            return DigitCountReader.Outcome.NoMatch;
                        }

                        break;
                    }
            }
        }

        end = p;
        return DigitCountReader.Outcome.Match;
    }

    /// <summary>
    /// A prefix read from where its shared pieces (<see cref="ReadShared"/>) ended, <paramref name="from"/>: its
    /// match's length from <paramref name="at"/> and its part of a year (the shared part's, given, unless the rest reads one).
    /// </summary>
    public static DigitCountReader.Outcome ReadRest(string text, int at, int from, Piece[] pieces, int first, int sharedPartStart, int sharedPartLength, out int length, out int partStart, out int partLength)
    {
        var head = new Head { PartStart = -1 };
        var read = MatchFrom(text, from, pieces, first, ref head);
        length = read == DigitCountReader.Outcome.Match ? head.End - at : 0;
        (partStart, partLength) = read != DigitCountReader.Outcome.Match ? (-1, 0)
            : head.PartStart >= 0 ? (head.PartStart, head.PartLength)
            : (sharedPartStart, sharedPartLength);
        return read;
    }

    private struct Head
    {
        public int End;
        public int PartStart;
        public int PartLength;
    }

    private static DigitCountReader.Outcome MatchFrom(string text, int p, Piece[] pieces, int i, ref Head head)
    {
        if (i == pieces.Length)
        {
            head.End = p;
            return DigitCountReader.Outcome.Match;
        }

        var piece = pieces[i];
        switch (piece.Kind)
        {
            case Kind.WordStart:
            case Kind.NotAfterLetterOrPoint:
                if (p > 0)
                {
                    var before = text[p - 1];
                    if (!char.IsAscii(before))
                    {
                        return DigitCountReader.Outcome.Unsure; // a letter or a word character outside ASCII
                    }

                    // \b before a phrase's first letter: a word character before it leaves no boundary (a character there
                    // that is not a word character matches no letter either, case aside).
                    var blocked = piece.Kind == Kind.WordStart ? char.IsAsciiLetterOrDigit(before) || before == '_' : char.IsAsciiLetter(before) || before == '.';
                    if (blocked)
                    {
                        return DigitCountReader.Outcome.NoMatch;
                    }
                }

                return MatchFrom(text, p, pieces, i + 1, ref head);

            case Kind.Hyphen:
                return p < text.Length && text[p] == '-' ? MatchFrom(text, p + 1, pieces, i + 1, ref head) : DigitCountReader.Outcome.NoMatch;

            case Kind.HyphenOrSpace when p < text.Length && text[p] == '-':
                return MatchFrom(text, p + 1, pieces, i + 1, ref head);

            case Kind.Space:
            case Kind.HyphenOrSpace:
                {
                    var end = SpaceEnd(text, p, out var unsure);
                    return unsure ? DigitCountReader.Outcome.Unsure
                        : end == p ? DigitCountReader.Outcome.NoMatch
                        : MatchFrom(text, end, pieces, i + 1, ref head);
                }

            default:
                foreach (var phrase in piece.Phrases!)
                {
                    var read = PhraseEnd(text, p, phrase, out var end);
                    if (read == DigitCountReader.Outcome.NoMatch)
                    {
                        continue;
                    }

                    if (read == DigitCountReader.Outcome.Unsure)
                    {
                        return read;
                    }

                    var rest = MatchFrom(text, end, pieces, i + 1, ref head);
                    if (rest == DigitCountReader.Outcome.NoMatch)
                    {
                        continue;
                    }

                    if (piece.IsPart && rest == DigitCountReader.Outcome.Match)
                    {
                        (head.PartStart, head.PartLength) = (p, end - p);
                    }

                    return rest;
                }

                return DigitCountReader.Outcome.NoMatch;
        }
    }

    /// <summary>Where <paramref name="phrase"/> matched at <paramref name="at"/> ends.</summary>
    private static DigitCountReader.Outcome PhraseEnd(string text, int at, string phrase, out int end)
    {
        end = at;
        for (var i = 0; i < phrase.Length; i++)
        {
            if (phrase[i] == ' ')
            {
                // A Ws between two words: the whole run of whitespace (the next word starts with no whitespace).
                var start = end;
                end = SpaceEnd(text, end, out var unsure);
                if (unsure)
                {
                    return DigitCountReader.Outcome.Unsure;
                }

                if (end == start)
                {
                    return DigitCountReader.Outcome.NoMatch;
                }

                continue;
            }

            if (end >= text.Length)
            {
                return DigitCountReader.Outcome.NoMatch;
            }

            var c = text[end];
            if (!char.IsAscii(c))
            {
                return DigitCountReader.Outcome.Unsure; // may equal a letter ignoring case
            }

            if (char.ToLowerInvariant(c) != char.ToLowerInvariant(phrase[i]))
            {
                return DigitCountReader.Outcome.NoMatch;
            }

            end++;
        }

        return DigitCountReader.Outcome.Match;
    }

    /// <summary>
    /// The end of the pattern's greedy <c>Ws</c> from <paramref name="from"/>: the run of whitespace up to a second line
    /// break (<paramref name="from"/> itself when there is none); unsure where a character outside ASCII, perhaps
    /// whitespace, would start or go on with it.
    /// </summary>
    private static int SpaceEnd(string text, int from, out bool unsure)
    {
        var p = DigitCountReader.WhitespaceEnd(text, from);

        unsure = p < text.Length && !char.IsAscii(text[p]);
        return p;
    }
}
