namespace Garrison.Domain.Dates;

/// <summary>How much of a date the text actually gave.</summary>
public enum DatePrecision
{
    Year = 0,
    Month = 1,
    Day = 2,
}
