using System.Globalization;
using System.Text;

namespace Garrison.Lexicons.Gazetteer;

/// <summary>
/// The three keys a name is matched by. <see cref="Normalize"/> (exact tier): lower case, diacritics and
/// apostrophes/ayn signs dropped, punctuation and hyphens turned into single spaces ("Ḩadīthah" = "hadithah",
/// "Ain al-Asad" = "ain al asad"). <see cref="VariantKey"/> (transliteration tier): Arabic articles dropped
/// ("al", "ar", "ash"…), spaces removed, and the spelling choices that romanizations disagree on folded
/// (y/i, q/k, ou/u, doubled letters, a final "h" after a vowel), so "Ayn al Assad", "Ain Al-Asad" and
/// "Ainalasad" share one key. <see cref="SoundKey"/>: the variant key without vowels, the bucket in which the
/// fuzzy tier compares names ("Irbil"/"Erbil" → "rbl").
/// </summary>
public static class NameNormalizer
{
    private static readonly HashSet<string> Articles =
    [
        "al", "el", "ul", "il", "ar", "as", "ad", "at", "an", "az", "ash", "adh", "ath", "ed", "es", "er", "et",
    ];

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> ArticleLookup =
        Articles.GetAlternateLookup<ReadOnlySpan<char>>();

    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                or UnicodeCategory.EnclosingMark or UnicodeCategory.Format)
            {
                continue;
            }

            if (IsApostrophe(c))
            {
                continue;
            }

            if (c < 128 && !char.IsLetterOrDigit(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (c < 128)
            {
                if (pendingSpace)
                {
                    builder.Append(' ');
                    pendingSpace = false;
                }

                builder.Append(char.ToLowerInvariant(c));
                continue;
            }

            var folded = Fold(c);
            if (folded is null)
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(folded);
        }

        return builder.ToString();
    }

    /// <summary>The transliteration-tolerant key of an already normalized name.</summary>
    public static string VariantKey(string normalized)
    {
        if (normalized.Length == 0)
        {
            return normalized;
        }

        var buffer = normalized.Length <= 256 ? stackalloc char[normalized.Length] : new char[normalized.Length];
        return new string(buffer[..VariantKey(normalized, buffer)]);
    }

    /// <summary>Writes the variant key into <paramref name="buffer"/> (at least as long as the name) and returns its length.</summary>
    public static int VariantKey(ReadOnlySpan<char> normalized, Span<char> buffer)
    {
        // One pass over spans, no allocation: this runs for every alias when the gazetteer loads.
        var length = FoldVariant(normalized, buffer, skipArticles: true);
        return length > 0 ? length : FoldVariant(normalized, buffer, skipArticles: false);
    }

    /// <summary>The variant key without vowels (the first letter kept); empty when fewer than three letters remain.</summary>
    public static string SoundKey(string variantKey)
    {
        if (variantKey.Length == 0)
        {
            return variantKey;
        }

        var buffer = variantKey.Length <= 256 ? stackalloc char[variantKey.Length] : new char[variantKey.Length];
        var length = SoundKey(variantKey, buffer);
        return length == 0 ? string.Empty : new string(buffer[..length]);
    }

    /// <summary>Writes the sound key into <paramref name="buffer"/> (at least as long as the key) and returns its length, 0 when empty.</summary>
    public static int SoundKey(ReadOnlySpan<char> variantKey, Span<char> buffer)
    {
        var length = 0;
        foreach (var c in variantKey)
        {
            if (IsVowel(c) || c == 'h' || c == 'w' || (length > 0 && buffer[length - 1] == c))
            {
                continue;
            }

            buffer[length++] = c;
        }

        return length >= 3 ? length : 0;
    }

    /// <summary>True when a normalized name is plain Latin letters, digits and spaces (what English reports use).</summary>
    public static bool IsLatin(string normalized)
    {
        foreach (var c in normalized)
        {
            if (c is not (>= 'a' and <= 'z') and not (>= '0' and <= '9') and not ' ')
            {
                return false;
            }
        }

        return normalized.Length > 0;
    }

    private static int FoldVariant(ReadOnlySpan<char> normalized, Span<char> buffer, bool skipArticles)
    {
        var n = 0;
        var i = 0;
        while (i < normalized.Length)
        {
            if (normalized[i] == ' ')
            {
                i++;
                continue;
            }

            var end = normalized[i..].IndexOf(' ');
            end = end < 0 ? normalized.Length : i + end;
            var token = normalized[i..end];
            i = end;
            if (skipArticles && ArticleLookup.Contains(token))
            {
                continue;
            }

            foreach (var raw in token)
            {
                var c = raw switch
                {
                    'y' => 'i',
                    'q' => 'k',
                    _ => raw,
                };
                if (n > 0)
                {
                    var previous = buffer[n - 1];
                    if (c == 'u' && previous == 'o')
                    {
                        buffer[n - 1] = 'u';
                        continue;
                    }

                    if (c == 'e' && previous == 'e')
                    {
                        buffer[n - 1] = 'i';
                        continue;
                    }

                    if (previous == c)
                    {
                        continue;
                    }
                }

                buffer[n++] = c;
            }
        }

        if (n > 3 && buffer[n - 1] == 'h' && IsVowel(buffer[n - 2]))
        {
            n--;
        }

        return n;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    private static bool IsApostrophe(char c) =>
        c is '\'' or '\u2019' or '\u2018' or '\u02BF' or '\u02BE' or '`' or '\u00B4' or '\u02BB' or '\u02BC' or '\u02B9';

    private static string? Fold(char c)
    {
        switch (c)
        {
            case 'ı':
                return "i";
            case 'ø' or 'Ø':
                return "o";
            case 'æ' or 'Æ':
                return "ae";
            case 'œ' or 'Œ':
                return "oe";
            case 'ß':
                return "ss";
            case 'đ' or 'Đ' or 'ð' or 'Ð':
                return "d";
            case 'ł' or 'Ł':
                return "l";
            case 'þ' or 'Þ':
                return "th";
            case 'ħ' or 'Ħ':
                return "h";
        }

        if (char.IsLetterOrDigit(c))
        {
            return char.ToLowerInvariant(c).ToString();
        }

        return null;
    }
}
