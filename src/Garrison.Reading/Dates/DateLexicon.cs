using Garrison.Lexicons;
using Garrison.Reading.Pipeline;
using Garrison.Reading.Quantities;
using NodaTime;

namespace Garrison.Reading.Dates;

/// <summary>Calendar units of relative expressions ("two weeks ago", "the past decade").</summary>
public enum DateUnit
{
    Day,
    Week,
    Month,
    Year,
    Decade,
}

/// <summary>
/// The words of date expressions, from data/lexicon/en/calendar.yml, relative-dates.yml and number-words.yml.
/// Kept as data so that an analyst can add a wire's abbreviations or phrasing without rebuilding.
/// </summary>
public sealed class DateLexicon
{
    public const string CalendarFile = "calendar.yml";
    public const string RelativeFile = "relative-dates.yml";

    private static readonly Lazy<DateLexicon> LazyDefault = new(() =>
        Load(Path.Combine(DataDirectory.Locate(), "lexicon", "en")));

    private DateLexicon(CalendarData calendar, RelativeData relative, NumberWords numbers)
    {
        Months = calendar.Months.SelectMany(m => m.Names.Select(n => (n, m.Number)))
            .ToDictionary(p => p.n, p => p.Number, StringComparer.Ordinal);
        FullMonthNames = [.. calendar.Months.Select(m => m.Names.MaxBy(n => n.Length)!)];
        Weekdays = calendar.Weekdays.SelectMany(d => d.Names.Select(n => (n, d.Number)))
            .ToDictionary(p => p.n, p => (IsoDayOfWeek)p.Number, StringComparer.Ordinal);
        FullWeekdayNames = [.. calendar.Weekdays.Select(d => d.Names.MaxBy(n => n.Length)!)];
        DayWords = new Dictionary<string, int>(relative.DayWords, StringComparer.OrdinalIgnoreCase);
        Units = relative.Units
            .SelectMany(u => u.Value.Select(w => (w, Unit: Enum.Parse<DateUnit>(u.Key, ignoreCase: true))))
            .ToDictionary(p => p.w, p => p.Unit, StringComparer.OrdinalIgnoreCase);
        Shifts = new Dictionary<string, int>(relative.Shifts, StringComparer.OrdinalIgnoreCase);
        Choosers = new Dictionary<string, int>(relative.Choosers, StringComparer.OrdinalIgnoreCase);
        Edges = new Dictionary<string, int>(relative.Edges, StringComparer.OrdinalIgnoreCase);
        SinceWords = relative.SinceWords;
        UntilWords = relative.UntilWords;
        WindowOpeners = relative.WindowOpeners;
        WindowWords = relative.WindowWords;
        AfterWords = relative.AfterWords;
        BeforeWords = relative.BeforeWords;
        NextWords = relative.NextWords;
        PreviousWords = relative.PreviousWords;
        DurationHedges = relative.DurationHedges;
        DateHedges = relative.DateHedges;
        Parts = relative.Parts.ToDictionary(p => p.Key, p => MonthRange(p.Key, p.Value), StringComparer.OrdinalIgnoreCase);
        Seasons = relative.Seasons.ToDictionary(p => p.Key, p => MonthRange(p.Key, p.Value), StringComparer.OrdinalIgnoreCase);
        YearContext = relative.YearContext;
        MonthContext = relative.MonthContext;
        CountNouns = new HashSet<string>(relative.CountNouns, StringComparer.OrdinalIgnoreCase);
        Numbers = numbers;
    }

    public static DateLexicon Default => LazyDefault.Value;

    /// <summary>Month names and abbreviations as written (case-sensitive) → 1-12.</summary>
    public IReadOnlyDictionary<string, int> Months { get; }

    public IReadOnlyList<string> FullMonthNames { get; }

    public IReadOnlyDictionary<string, IsoDayOfWeek> Weekdays { get; }

    /// <summary>Only full names stand alone as dates; "Sun" and "Sat" are too often other words.</summary>
    public IReadOnlyList<string> FullWeekdayNames { get; }

    public IReadOnlyDictionary<string, int> DayWords { get; }

    public IReadOnlyDictionary<string, DateUnit> Units { get; }

    public IReadOnlyDictionary<string, int> Shifts { get; }

    public IReadOnlyDictionary<string, int> Choosers { get; }

    public IReadOnlyDictionary<string, int> Edges { get; }

    /// <summary>"since 2003", "from December 2021": the interval opens at the date and stays open.</summary>
    public IReadOnlyList<string> SinceWords { get; }

    /// <summary>"until 2011", "by September 2026": the interval closes at the date.</summary>
    public IReadOnlyList<string> UntilWords { get; }

    public IReadOnlyList<string> WindowOpeners { get; }

    public IReadOnlyList<string> WindowWords { get; }

    public IReadOnlyList<string> AfterWords { get; }

    public IReadOnlyList<string> BeforeWords { get; }

    public IReadOnlyList<string> NextWords { get; }

    public IReadOnlyList<string> PreviousWords { get; }

    public IReadOnlyList<string> DurationHedges { get; }

    public IReadOnlyList<string> DateHedges { get; }

    /// <summary>"early", "mid", "the end of" → the months of the year they cover.</summary>
    public IReadOnlyDictionary<string, (int First, int Last)> Parts { get; }

    public IReadOnlyDictionary<string, (int First, int Last)> Seasons { get; }

    public IReadOnlyList<string> YearContext { get; }

    public IReadOnlyList<string> MonthContext { get; }

    public IReadOnlySet<string> CountNouns { get; }

    public NumberWords Numbers { get; }

    /// <summary>Loads the three files from a lexicon folder (data/lexicon/en).</summary>
    public static DateLexicon Load(string folder) => new(
        LexiconYaml.Read<CalendarData>(Path.Combine(folder, CalendarFile)),
        LexiconYaml.Read<RelativeData>(Path.Combine(folder, RelativeFile)),
        NumberWords.Load(Path.Combine(folder, NumberWords.FileName)));

    private static (int, int) MonthRange(string name, List<int> months) =>
        months is [var first and >= 1 and <= 12, var last and >= 1 and <= 12] && first <= last
            ? (first, last)
            : throw new InvalidDataException($"{RelativeFile}: '{name}' must be [first month, last month] within one year");

    private sealed class CalendarData
    {
        public List<NamedNumber> Months { get; set; } = [];

        public List<NamedNumber> Weekdays { get; set; } = [];
    }

    private sealed class NamedNumber
    {
        public int Number { get; set; }

        public List<string> Names { get; set; } = [];
    }

    private sealed class RelativeData
    {
        public Dictionary<string, int> DayWords { get; set; } = [];

        public Dictionary<string, List<string>> Units { get; set; } = [];

        public Dictionary<string, int> Shifts { get; set; } = [];

        public Dictionary<string, int> Choosers { get; set; } = [];

        public Dictionary<string, int> Edges { get; set; } = [];

        public List<string> SinceWords { get; set; } = [];

        public List<string> UntilWords { get; set; } = [];

        public List<string> WindowOpeners { get; set; } = [];

        public List<string> WindowWords { get; set; } = [];

        public List<string> AfterWords { get; set; } = [];

        public List<string> BeforeWords { get; set; } = [];

        public List<string> NextWords { get; set; } = [];

        public List<string> PreviousWords { get; set; } = [];

        public List<string> DurationHedges { get; set; } = [];

        public List<string> DateHedges { get; set; } = [];

        public Dictionary<string, List<int>> Parts { get; set; } = [];

        public Dictionary<string, List<int>> Seasons { get; set; } = [];

        public List<string> YearContext { get; set; } = [];

        public List<string> MonthContext { get; set; } = [];

        public List<string> CountNouns { get; set; } = [];
    }
}
