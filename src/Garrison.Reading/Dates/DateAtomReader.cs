namespace Garrison.Reading.Dates;

/// <summary>
/// Reads one date (an ISO date, a month or weekday name with a day and year, a month, a year, a decade, a weekday)
/// at an offset, as the date recognizer's atom rule <c>\G(?&lt;![\p{L}\d])(?&lt;a&gt;atom)</c> with atomic name groups
/// matches it: the same alternatives in the same order, each part read where the regex would read it.
/// </summary>
/// <remarks>
/// Why hand-written: the atom regex was the largest single cost of the date stage (tried a few dozen times per
/// report, by the atom rule and after every head of a rule matched in parts), and a compiled regex of its size pays
/// for its generality on every try (the guards, the backtracking stack, the alternation over the names). Used only
/// where the recognizer uses atomic name groups (<see cref="DateRecognizer"/>: names of letters only, no full month
/// name starting an abbreviation), whose matches this mirrors; checked against the regex at every offset of
/// generated texts (DateAtomReaderTests).
/// Where the regex could backtrack, the reading here is unique: a day's digits and ordinal suffix can be read only one
/// way that the "no digit or letter after" test passes, a name group is atomic, and the whitespace between parts is
/// always followed by a non-space, so only its longest reading can be followed by anything. The character classes
/// are the regex's: <c>\d</c> is any decimal digit (<see cref="char.IsDigit(char)"/>), <c>\p{L}</c> any letter
/// (<see cref="char.IsLetter(char)"/>), <c>\s</c> <see cref="char.IsWhiteSpace(char)"/>; names compare ordinally.
/// </remarks>
internal sealed class DateAtomReader
{
    private readonly NameList fullMonths;
    private readonly NameList abbreviatedMonths;
    private readonly NameList weekdays;
    private readonly NameList fullWeekdays;

    public DateAtomReader(DateLexicon lexicon)
    {
        var full = lexicon.FullMonthNames.ToHashSet(StringComparer.Ordinal);
        fullMonths = LongestFirst(lexicon.Months.Keys.Where(full.Contains));
        abbreviatedMonths = LongestFirst(lexicon.Months.Keys.Where(n => !full.Contains(n)));
        weekdays = LongestFirst(lexicon.Weekdays.Keys);
        fullWeekdays = LongestFirst(lexicon.FullWeekdayNames);
    }

    /// <summary>Whether a date starts at <paramref name="at"/>, and its length, as the atom rule's regex finds it there.</summary>
    public bool MatchAt(string text, int at, out int length)
    {
        length = 0;
        if (at > 0 && (char.IsLetter(text[at - 1]) || char.IsDigit(text[at - 1])))
        {
            return false;
        }

        var end = Iso(text, at);
        if (end < 0)
        {
            end = MonthThenDay(text, at);
        }

        if (end < 0)
        {
            end = DayThenMonth(text, at);
        }

        if (end < 0)
        {
            end = MonthThenYear(text, at);
        }

        if (end < 0)
        {
            end = Decade(text, at);
        }

        if (end < 0)
        {
            end = Month(text, at);
        }

        if (end < 0)
        {
            end = Year(text, at);
        }

        if (end < 0)
        {
            end = Name(text, at, fullWeekdays);
        }

        if (end < 0)
        {
            return false;
        }

        length = end - at;
        return true;
    }

    private static NameList LongestFirst(IEnumerable<string> names) => new([.. names.Distinct().OrderByDescending(n => n.Length)]);

    /// <summary>
    /// A list of names, longest first, with the characters they start with: a name compares ordinally, so none can
    /// match where the text's character is not one of them. Most tries are at digits and at words that are no name, and
    /// each used to compare every name of the list (a try at a year compared ~130 names before it reached the year).
    /// </summary>
    private sealed class NameList(string[] all)
    {
        public string[] All { get; } = all;

        // Null when no character can be ruled out (a name empty, or starting with white space).
        public System.Buffers.SearchValues<char>? Firsts { get; } = DateRecognizer.FirstCharacters(all);
    }

    // (?:weekday,?\s)?month\s day(?:,?\s year)?: with the weekday first, then without it (the optional group's order).
    private int MonthThenDay(string text, int at)
    {
        for (var withWeekday = 1; withWeekday >= 0; withWeekday--)
        {
            var p = withWeekday == 1 ? WeekdayThenSpace(text, at) : at;
            if (p < 0)
            {
                continue;
            }

            p = Month(text, p);
            p = p < 0 ? -1 : Space(text, p);
            p = p < 0 ? -1 : Day(text, p);
            if (p >= 0)
            {
                return OptionalYear(text, p);
            }
        }

        return -1;
    }

    // (?:weekday,?\s)?day\s(?:of\s)?month(?:,?\s year)?
    private int DayThenMonth(string text, int at)
    {
        for (var withWeekday = 1; withWeekday >= 0; withWeekday--)
        {
            var p = withWeekday == 1 ? WeekdayThenSpace(text, at) : at;
            if (p < 0)
            {
                continue;
            }

            p = Day(text, p);
            p = p < 0 ? -1 : Space(text, p);
            if (p < 0)
            {
                continue;
            }

            var month = OfThenSpace(text, p) is var afterOf and >= 0 ? Month(text, afterOf) : -1;
            if (month < 0)
            {
                month = Month(text, p);
            }

            if (month >= 0)
            {
                return OptionalYear(text, month);
            }
        }

        return -1;
    }

    // month,?\s(?:of\s)?year
    private int MonthThenYear(string text, int at)
    {
        var p = Month(text, at);
        p = p < 0 ? -1 : CommaThenSpace(text, p);
        if (p < 0)
        {
            return -1;
        }

        var year = OfThenSpace(text, p) is var afterOf and >= 0 ? Year(text, afterOf) : -1;
        return year >= 0 ? year : Year(text, p);
    }

    private int WeekdayThenSpace(string text, int at)
    {
        var p = Name(text, at, weekdays);
        return p < 0 ? -1 : CommaThenSpace(text, p);
    }

    // (?:,?\s year)? after a day or month: the year if one follows, else nothing.
    private static int OptionalYear(string text, int at)
    {
        var p = CommaThenSpace(text, at);
        var year = p < 0 ? -1 : Year(text, p);
        return year >= 0 ? year : at;
    }

    // ,?Ws: with a comma the whitespace must follow it (without the comma the whitespace would have to start on it).
    private static int CommaThenSpace(string text, int at) =>
        at < text.Length && text[at] == ',' ? Space(text, at + 1) : Space(text, at);

    // (?i:of)Ws
    private static int OfThenSpace(string text, int at) =>
        at + 2 <= text.Length && (text[at] | 0x20) == 'o' && (text[at + 1] | 0x20) == 'f' ? Space(text, at + 2) : -1;

    /// <summary>
    /// Whitespace inside a date, as <c>(?:[^\S\n]+\n?[^\S\n]*|\n[^\S\n]*)</c>: spaces with at most one line break, read
    /// to its end (every part that follows starts with a non-space); -1 when none is there.
    /// </summary>
    private static int Space(string text, int at)
    {
        var p = at;
        if (p < text.Length && text[p] == '\n')
        {
            return SpacesOnLine(text, p + 1);
        }

        p = SpacesOnLine(text, p);
        if (p == at)
        {
            return -1;
        }

        return p < text.Length && text[p] == '\n' ? SpacesOnLine(text, p + 1) : p;
    }

    private static int SpacesOnLine(string text, int at)
    {
        while (at < text.Length && text[at] != '\n' && char.IsWhiteSpace(text[at]))
        {
            at++;
        }

        return at;
    }

    // A month name as the atomic group reads it: the longest full name, else the longest abbreviation with its dot
    // when no letter follows the dot; then no letter.
    private int Month(string text, int at)
    {
        var p = Longest(text, at, fullMonths);
        if (p < 0)
        {
            p = Longest(text, at, abbreviatedMonths);
            if (p >= 0 && p < text.Length && text[p] == '.' && !(p + 1 < text.Length && char.IsLetter(text[p + 1])))
            {
                p++;
            }
        }

        return p < 0 || LetterAt(text, p) ? -1 : p;
    }

    private static int Name(string text, int at, NameList names)
    {
        var p = Longest(text, at, names);
        return p < 0 || LetterAt(text, p) ? -1 : p;
    }

    // The end of the first of the names (longest first) that the text has at the offset, or -1.
    private static int Longest(string text, int at, NameList names)
    {
        if (names.Firsts is { } firsts && (at >= text.Length || !firsts.Contains(text[at])))
        {
            return -1;
        }

        var rest = text.AsSpan(at);
        foreach (var name in names.All)
        {
            if (rest.StartsWith(name, StringComparison.Ordinal))
            {
                return at + name.Length;
            }
        }

        return -1;
    }

    /// <summary>A day, as <c>(3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d\p{L}]|,\d)</c>, its readings tried in the regex's order.</summary>
    private static int Day(string text, int at)
    {
        if (at >= text.Length)
        {
            return -1;
        }

        var c = text[at];
        var next = at + 1 < text.Length ? text[at + 1] : '\0';
        if (c == '3' && next is '0' or '1' && DayEnd(text, at + 2) is var thirty and >= 0)
        {
            return thirty;
        }

        if (c is '1' or '2' && char.IsDigit(next) && DayEnd(text, at + 2) is var teen and >= 0)
        {
            return teen;
        }

        if (c == '0' && next is >= '1' and <= '9' && DayEnd(text, at + 2) is var padded and >= 0)
        {
            return padded;
        }

        return c is >= '1' and <= '9' ? DayEnd(text, at + 1) : -1;
    }

    // After a day's digits: the ordinal suffix if the test after it passes, else none.
    private static int DayEnd(string text, int at)
    {
        if (at + 2 <= text.Length && text.AsSpan(at, 2) is "st" or "nd" or "rd" or "th" && !DayContinues(text, at + 2))
        {
            return at + 2;
        }

        return DayContinues(text, at) ? -1 : at;
    }

    // (?=[\d\p{L}]|,\d)
    private static bool DayContinues(string text, int at) =>
        at < text.Length && (char.IsDigit(text[at]) || char.IsLetter(text[at]) || (text[at] == ',' && DigitAt(text, at + 1)));

    /// <summary>A year, as <c>(?&lt;![\d$£€.,])(1[6-9]\d\d|20\d\d)(?![\d\p{L}]|[.,]\d)</c>.</summary>
    private static int Year(string text, int at)
    {
        if (at > 0 && (char.IsDigit(text[at - 1]) || text[at - 1] is '$' or '£' or '€' or '.' or ','))
        {
            return -1;
        }

        if (!YearDigits(text, at))
        {
            return -1;
        }

        var p = at + 4;
        return p < text.Length && (char.IsDigit(text[p]) || char.IsLetter(text[p]) || (text[p] is '.' or ',' && DigitAt(text, p + 1))) ? -1 : p;
    }

    // 1[6-9]\d\d|20\d\d
    private static bool YearDigits(string text, int at) =>
        at + 4 <= text.Length
        && ((text[at] == '1' && text[at + 1] is >= '6' and <= '9') || (text[at] == '2' && text[at + 1] == '0'))
        && char.IsDigit(text[at + 2]) && char.IsDigit(text[at + 3]);

    /// <summary>A decade, as <c>(?:1[6-9]|20)\d0['’]?s(?!\p{L})</c>.</summary>
    private static int Decade(string text, int at)
    {
        if (!YearDigits(text, at) || text[at + 3] != '0')
        {
            return -1;
        }

        var p = at + 4;
        if (p < text.Length && text[p] is '\'' or '’')
        {
            p++;
        }

        return p < text.Length && text[p] == 's' && !LetterAt(text, p + 1) ? p + 1 : -1;
    }

    /// <summary>An ISO date, as <c>(?&lt;![\d-])\d{4}-\d{2}-\d{2}(?![\d-])</c>.</summary>
    private static int Iso(string text, int at)
    {
        if ((at > 0 && (char.IsDigit(text[at - 1]) || text[at - 1] == '-')) || at + 10 > text.Length)
        {
            return -1;
        }

        for (var k = 0; k < 10; k++)
        {
            if (k is 4 or 7 ? text[at + k] != '-' : !char.IsDigit(text[at + k]))
            {
                return -1;
            }
        }

        var end = at + 10;
        return end < text.Length && (char.IsDigit(text[end]) || text[end] == '-') ? -1 : end;
    }

    private static bool LetterAt(string text, int at) => at < text.Length && char.IsLetter(text[at]);

    private static bool DigitAt(string text, int at) => at < text.Length && char.IsDigit(text[at]);
}
