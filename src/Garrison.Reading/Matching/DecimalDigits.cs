using System.Globalization;

namespace Garrison.Reading.Matching;

/// <summary>
/// The patterns' <c>\d</c> matches any Unicode decimal digit ("٣", "३"), but .NET's number parsing reads only ASCII
/// ones and throws on the rest, which stopped the whole report. Digits are folded to ASCII before a parse, so a number
/// written in another script reads as its value.
/// </summary>
internal static class DecimalDigits
{
    /// <summary>
    /// The number a text of ASCII digits alone writes; false when it is empty or has any other character. At most 18
    /// digits (what a long holds): the caller bounds the length.
    /// </summary>
    public static bool TryReadAscii(ReadOnlySpan<char> text, out long value)
    {
        System.Diagnostics.Debug.Assert(text.Length <= 18, "a long holds 18 digits");
        value = 0;
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    /// <summary>The text with every decimal digit as its ASCII digit; the same string when it has none to fold.</summary>
    public static string ToAscii(string text)
    {
        var first = FirstToFold(text);
        if (first < 0)
        {
            return text;
        }

        return string.Create(text.Length, (text, first), static (span, state) =>
        {
            state.text.AsSpan().CopyTo(span);
            for (var i = state.first; i < span.Length; i++)
            {
                var c = span[i];
                if (c > '\u007f' && char.IsDigit(c))
                {
                    span[i] = (char)('0' + CharUnicodeInfo.GetDecimalDigitValue(c));
                }
            }
        });
    }

    private static int FirstToFold(string text)
    {
        // Nearly every number is ASCII: one vectorized search finds whether anything needs a look.
        var start = text.AsSpan().IndexOfAnyExceptInRange('\u0000', '\u007f');
        if (start < 0)
        {
            return -1;
        }

        for (var i = start; i < text.Length; i++)
        {
            if (text[i] > '\u007f' && char.IsDigit(text[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
