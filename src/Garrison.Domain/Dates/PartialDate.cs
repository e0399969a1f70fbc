using System.Globalization;
using NodaTime;

namespace Garrison.Domain.Dates;

/// <summary>
/// A calendar date known only as precisely as a report states it: "2014", "2020-01" or "2026-01-18".
/// NodaTime has no partial-date type (nodatime#1503), so this one is ours; it converts to NodaTime
/// dates at its first and last day so that interval logic never needs to invent a day.
/// </summary>
public readonly record struct PartialDate : IComparable<PartialDate>
{
    private PartialDate(int year, int month, int day, DatePrecision precision)
    {
        Year = year;
        MonthValue = month;
        DayValue = day;
        Precision = precision;
    }

    public int Year { get; }

    /// <summary>Month 1-12, or 0 when precision is <see cref="DatePrecision.Year"/>.</summary>
    public int MonthValue { get; }

    /// <summary>Day of month, or 0 when precision is coarser than a day.</summary>
    public int DayValue { get; }

    public DatePrecision Precision { get; }

    public int? Month => Precision >= DatePrecision.Month ? MonthValue : null;

    public int? Day => Precision == DatePrecision.Day ? DayValue : null;

    public static PartialDate OfYear(int year)
    {
        ValidateYear(year);
        return new PartialDate(year, 0, 0, DatePrecision.Year);
    }

    public static PartialDate OfMonth(int year, int month)
    {
        ValidateYear(year);
        if (month is < 1 or > 12)
        {
            throw new ArgumentOutOfRangeException(nameof(month), month, "month must be 1-12");
        }

        return new PartialDate(year, month, 0, DatePrecision.Month);
    }

    public static PartialDate OfDay(int year, int month, int day)
    {
        var date = new LocalDate(year, month, day); // validates the day
        return FromLocalDate(date);
    }

    public static PartialDate FromLocalDate(LocalDate date) => new(date.Year, date.Month, date.Day, DatePrecision.Day);

    public static PartialDate FromYearMonth(YearMonth yearMonth) => OfMonth(yearMonth.Year, yearMonth.Month);

    /// <summary>The first day this date could mean.</summary>
    public LocalDate FirstDay => Precision switch
    {
        DatePrecision.Year => new LocalDate(Year, 1, 1),
        DatePrecision.Month => new LocalDate(Year, MonthValue, 1),
        _ => new LocalDate(Year, MonthValue, DayValue),
    };

    /// <summary>The last day this date could mean.</summary>
    public LocalDate LastDay => Precision switch
    {
        DatePrecision.Year => new LocalDate(Year, 12, 31),
        DatePrecision.Month => new YearMonth(Year, MonthValue).ToDateInterval().End,
        _ => new LocalDate(Year, MonthValue, DayValue),
    };

    /// <summary>True when <paramref name="day"/> falls within the span this date covers.</summary>
    public bool Covers(LocalDate day) => day >= FirstDay && day <= LastDay;

    /// <summary>Parses "2014", "2020-01" or "2026-01-18".</summary>
    public static PartialDate Parse(string text)
    {
        if (TryParse(text, out var value))
        {
            return value;
        }

        throw new FormatException($"'{text}' is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD");
    }

    public static bool TryParse(string? text, out PartialDate value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text.Trim().Split('-');
        if (parts.Length is < 1 or > 3 || parts[0].Length != 4)
        {
            return false;
        }

        var numbers = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if ((i > 0 && parts[i].Length != 2) ||
                !int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return false;
            }
        }

        try
        {
            value = numbers.Length switch
            {
                1 => OfYear(numbers[0]),
                2 => OfMonth(numbers[0], numbers[1]),
                _ => OfDay(numbers[0], numbers[1], numbers[2]),
            };
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    /// <summary>ISO text at this date's precision.</summary>
    public override string ToString() => Precision switch
    {
        DatePrecision.Year => Year.ToString("D4", CultureInfo.InvariantCulture),
        DatePrecision.Month => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{MonthValue:D2}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{MonthValue:D2}-{DayValue:D2}"),
    };

    /// <summary>
    /// What <see cref="ToString"/> writes, as ASCII bytes (at most 10) into <paramref name="destination"/>, for writers
    /// that would otherwise make a string per date (the state command's JSON: ~12k per answer at 10^6 facts). Digits by
    /// hand: "D4"/"D2" number formatting takes the runtime's slower path for format strings. False, with nothing written,
    /// for a year outside 1–9999 (where "D4" is not four digits) or a destination too short: use ToString then.
    /// </summary>
    public bool TryFormatAscii(Span<byte> destination, out int written)
    {
        written = Precision switch
        {
            DatePrecision.Year => 4,
            DatePrecision.Month => 7,
            _ => 10,
        };
        if (Year is < 1 or > 9999 || destination.Length < written)
        {
            written = 0;
            return false;
        }

        Digits(destination[..4], Year);
        if (written >= 7)
        {
            destination[4] = (byte)'-';
            Digits(destination[5..7], MonthValue);
        }

        if (written == 10)
        {
            destination[7] = (byte)'-';
            Digits(destination[8..10], DayValue);
        }

        return true;

        static void Digits(Span<byte> target, int number)
        {
            for (var i = target.Length - 1; i >= 0; i--)
            {
                target[i] = (byte)('0' + (number % 10));
                number /= 10;
            }
        }
    }

    /// <summary>Orders by first day, then coarser before finer (so "2020" sorts before "2020-01").</summary>
    public int CompareTo(PartialDate other)
    {
        var byStart = FirstDay.CompareTo(other.FirstDay);
        return byStart != 0 ? byStart : Precision.CompareTo(other.Precision);
    }

    private static void ValidateYear(int year)
    {
        if (year is < 1 or > 9999)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, "year must be 1-9999");
        }
    }
}
