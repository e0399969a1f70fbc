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
        fullMonths = LongestFirst(lexicon.Months.Keys.Where(full.Contains), lexicon.Months);
        abbreviatedMonths = LongestFirst(lexicon.Months.Keys.Where(n => !full.Contains(n)), lexicon.Months);
        var weekdayNumbers = lexicon.Weekdays.ToDictionary(w => w.Key, w => (int)w.Value, StringComparer.Ordinal);
        weekdays = LongestFirst(lexicon.Weekdays.Keys, weekdayNumbers);
        fullWeekdays = LongestFirst(lexicon.FullWeekdayNames, weekdayNumbers);
    }

    /// <summary>What a date text means, read by <see cref="TryParse"/>: each part's number, -1 where the text has none.</summary>
    internal readonly record struct Parts(int Year, int Month, int Day, int Decade, int Weekday);

    /// <summary>
    /// The parts of <paramref name="value"/>, a whole date text, as the atom pattern anchored at both ends
    /// (<c>^(?:atom)$</c>, the recognizer's parse of a date it found) reads them into its groups: the alternatives in
    /// the pattern's order, each optional part first taken then left out, the first reading that ends at the text's end.
    /// False when the text holds a character outside ASCII (a digit of another script is read by the pattern's
    /// <c>\d</c>, a letter may be a name's neighbour) or no reading ends there: the caller asks the pattern.
    /// </summary>
    /// <remarks>
    /// Why: the recognizer kept the pattern's answers in a memo keyed by the text, and the look-up (a hash of the text, a
    /// walk to its entry, each likely a cache miss) cost more than reading the few characters again. Why the same parts:
    /// each reading here is the one the regex takes (see the class remarks: the parts have one reading each that can
    /// lead on), so the only choices left are the alternatives and the optional parts, tried here in the regex's order
    /// with the end of the text as the last test. A month's number is the lexicon's for the name without its point, a
    /// weekday's the lexicon's for the name, as the recognizer reads the groups.
    /// </remarks>
    public bool TryParse(string value, out Parts parts)
    {
        parts = default;
        // The pattern's $ also holds before a last line break, which no reading here ends with: left to it.
        if (!System.Text.Ascii.IsValid(value) || value.EndsWith('\n'))
        {
            return false;
        }

        var n = value.Length;
        if (n == 0)
        {
            return false;
        }

        if (char.IsAsciiDigit(value[0]))
        {
            // Only the alternatives that start with digits can match (the others start with a name, letters only):
            // the ISO date, the day first without a weekday, the decade, the year.
            if (Iso(value, 0) == n)
            {
                parts = new Parts(Number(value, 0, 4), Number(value, 5, 2), Number(value, 8, 2), -1, -1);
                return true;
            }

            if (DayThenMonthToEnd(value, 0, -1, out parts))
            {
                return true;
            }

            if (Decade(value, 0) == n)
            {
                parts = new Parts(-1, -1, -1, Number(value, 0, 4), -1);
                return true;
            }

            if (Year(value, 0) == n)
            {
                parts = new Parts(Number(value, 0, 4), -1, -1, -1, -1);
                return true;
            }

            return false;
        }

        // The alternatives that start with a name, in the pattern's order; the weekday and the month at the start are
        // read once for all of them.
        var afterWeekday = WeekdayThenSpace(value, 0, out var weekday);
        var afterMonth = Month(value, 0, out var month);

        // (?:weekday,?Ws)?month Ws day(?:,?Ws year)?: with the weekday, then without it.
        if (afterWeekday >= 0 && Month(value, afterWeekday, out var monthAfterWeekday) is var m and >= 0 && DayThenYearToEnd(value, m, monthAfterWeekday, weekday, out parts))
        {
            return true;
        }

        if (afterMonth >= 0 && DayThenYearToEnd(value, afterMonth, month, -1, out parts))
        {
            return true;
        }

        // (?:weekday,?Ws)?day Ws(?:(?i:of)Ws)?month(?:,?Ws year)?: only with the weekday here (the day would be first).
        if (afterWeekday >= 0 && DayThenMonthToEnd(value, afterWeekday, weekday, out parts))
        {
            return true;
        }

        // month,?Ws(?:(?i:of)Ws)?year
        if (afterMonth >= 0 && CommaThenSpace(value, afterMonth) is var p and >= 0)
        {
            for (var withOf = 1; withOf >= 0; withOf--)
            {
                var q = withOf == 1 ? OfThenSpace(value, p) : p;
                if (q >= 0 && Year(value, q) == n)
                {
                    parts = new Parts(Number(value, q, 4), month, -1, -1, -1);
                    return true;
                }
            }
        }

        if (afterMonth == n)
        {
            parts = new Parts(-1, month, -1, -1, -1);
            return true;
        }

        if (Name(value, 0, fullWeekdays, out var fullWeekday) == n)
        {
            parts = new Parts(-1, -1, -1, -1, fullWeekday);
            return true;
        }

        return false;
    }

    // After a month: Ws day(?:,?Ws year)? up to the end of the text.
    private static bool DayThenYearToEnd(string text, int afterMonth, int month, int weekday, out Parts parts)
    {
        var dayStart = Space(text, afterMonth);
        var p = dayStart < 0 ? -1 : Day(text, dayStart);
        if (p >= 0 && YearThenEnd(text, p, out var year))
        {
            parts = new Parts(year, month, DayNumber(text, dayStart), -1, weekday);
            return true;
        }

        parts = default;
        return false;
    }

    // From the day: day Ws(?:(?i:of)Ws)?month(?:,?Ws year)? up to the end of the text, "of" taken first, then left out.
    private bool DayThenMonthToEnd(string text, int dayStart, int weekday, out Parts parts)
    {
        var p = Day(text, dayStart);
        p = p < 0 ? -1 : Space(text, p);
        for (var withOf = 1; withOf >= 0 && p >= 0; withOf--)
        {
            var q = withOf == 1 ? OfThenSpace(text, p) : p;
            var month = -1;
            q = q < 0 ? -1 : Month(text, q, out month);
            if (q >= 0 && YearThenEnd(text, q, out var year))
            {
                parts = new Parts(year, month, DayNumber(text, dayStart), -1, weekday);
                return true;
            }
        }

        parts = default;
        return false;
    }

    // (?:,?Ws year)? then the end of the text: the year taken first (the group is greedy), then left out.
    private static bool YearThenEnd(string text, int at, out int year)
    {
        var p = CommaThenSpace(text, at);
        if (p >= 0 && Year(text, p) == text.Length)
        {
            year = Number(text, p, 4);
            return true;
        }

        year = -1;
        return at == text.Length;
    }

    // The day group's digits (the day's reading takes every digit there, one or two, and no digit follows them).
    private static int DayNumber(string text, int at) =>
        at + 1 < text.Length && char.IsAsciiDigit(text[at + 1]) ? Number(text, at, 2) : Number(text, at, 1);

    // ASCII digits as a number (TryParse reads only ASCII texts).
    private static int Number(string text, int at, int length)
    {
        var value = 0;
        for (var k = at; k < at + length; k++)
        {
            value = (value * 10) + (text[k] - '0');
        }

        return value;
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

    private static NameList LongestFirst(IEnumerable<string> names, IReadOnlyDictionary<string, int> numbers)
    {
        string[] all = [.. names.Distinct().OrderByDescending(n => n.Length)];
        return new(all, [.. all.Select(n => numbers[n])]);
    }

    /// <summary>
    /// A list of names, longest first, with the characters they start with: a name compares ordinally, so none can
    /// match where the text's character is not one of them. Most tries are at digits and at words that are no name, and
    /// each used to compare every name of the list (a try at a year compared ~130 names before it reached the year).
    /// </summary>
    private sealed class NameList(string[] all, int[] numbers)
    {
        public string[] All { get; } = all;

        /// <summary>Each name's number in the lexicon (a month's, a weekday's), in the order of <see cref="All"/>.</summary>
        public int[] Numbers { get; } = numbers;

        /// <summary>
        /// For each ASCII character, the indexes (in <see cref="All"/>'s order) of the names that start with it; null for
        /// a character no name starts with. A name compares ordinally, so only those can match there: the others were
        /// each compared in turn (~25 month names at every "October").
        /// </summary>
        public int[]?[] ByFirst { get; } = ByFirstCharacter(all);

        private static int[]?[] ByFirstCharacter(string[] all)
        {
            var byFirst = new int[]?[128];
            for (var c = 0; c < byFirst.Length; c++)
            {
                int[] starting = [.. Enumerable.Range(0, all.Length).Where(k => all[k].Length > 0 && all[k][0] == c)];
                byFirst[c] = starting.Length == 0 ? null : starting;
            }

            return byFirst;
        }

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

    private int WeekdayThenSpace(string text, int at) => WeekdayThenSpace(text, at, out _);

    private int WeekdayThenSpace(string text, int at, out int weekday)
    {
        var p = Name(text, at, weekdays, out weekday);
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
    private int Month(string text, int at) => Month(text, at, out _);

    // The month's number too (-1 when none).
    private int Month(string text, int at, out int month)
    {
        var p = Longest(text, at, fullMonths, out month);
        if (p < 0)
        {
            p = Longest(text, at, abbreviatedMonths, out month);
            if (p >= 0 && p < text.Length && text[p] == '.' && !(p + 1 < text.Length && char.IsLetter(text[p + 1])))
            {
                p++;
            }
        }

        return p < 0 || LetterAt(text, p) ? -1 : p;
    }

    private static int Name(string text, int at, NameList names) => Name(text, at, names, out _);

    private static int Name(string text, int at, NameList names, out int number)
    {
        var p = Longest(text, at, names, out number);
        return p < 0 || LetterAt(text, p) ? -1 : p;
    }

    // The end of the first of the names (longest first) that the text has at the offset, or -1; and its number.
    private static int Longest(string text, int at, NameList names, out int number)
    {
        number = -1;
        if (names.Firsts is { } firsts && (at >= text.Length || !firsts.Contains(text[at])))
        {
            return -1;
        }

        var rest = text.AsSpan(at);
        var all = names.All;
        if (at < text.Length && text[at] < 128)
        {
            // Only the names that start with this character, in the list's order (an empty name is compared below).
            if (names.ByFirst[text[at]] is { } starting)
            {
                foreach (var k in starting)
                {
                    if (rest.StartsWith(all[k], StringComparison.Ordinal))
                    {
                        number = names.Numbers[k];
                        return at + all[k].Length;
                    }
                }
            }

            if (names.Firsts is not null)
            {
                return -1;
            }
        }

        for (var k = 0; k < all.Length; k++)
        {
            if (rest.StartsWith(all[k], StringComparison.Ordinal))
            {
                number = names.Numbers[k];
                return at + all[k].Length;
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
