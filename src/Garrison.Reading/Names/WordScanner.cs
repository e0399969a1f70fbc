using System.Text.RegularExpressions;
using Garrison.Domain.Provenance;

namespace Garrison.Reading.Names;

/// <summary>
/// A word as name matching sees it: <see cref="Key"/> is lower case without apostrophes or dots, so "Kata'ib",
/// "Kataib" and "KATAIB" share a key, "U.S." and "US" share one, and "Iraq’s" is "iraq" marked possessive.
/// </summary>
public readonly record struct Word(TextSpan Span, string Text, string Key, bool Possessive, bool HyphenAfter)
{
    // Computed once here, not per call: the matchers ask these of the same word many times.

    /// <summary>The word as written without dots and apostrophes (and without a possessive 's): "U.S." is "US".</summary>
    public string Bare { get; } = Strip(Text, Possessive);

    public bool IsCapitalised { get; } = Text.Length > 0 && char.IsUpper(Text[0]);

    public bool IsAllCaps { get; } = AllCaps(Strip(Text, Possessive));

    internal static string Strip(string text, bool possessive)
    {
        var t = possessive && text.Length > 2 ? text[..^2] : text;
        // Most words have nothing to strip; checking first spares three Replace scans.
        return t.AsSpan().IndexOfAny(".'’") < 0
            ? t
            : t.Replace(".", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal).Replace("’", "", StringComparison.Ordinal);
    }

    private static bool AllCaps(string bare)
    {
        if (bare.Length < 2)
        {
            return false;
        }

        foreach (var c in bare)
        {
            if (char.IsLetter(c) && !char.IsUpper(c))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>
/// Splits text into <see cref="Word"/>s. Hand-written rather than taken from the token stage because name matching
/// needs its own normalisation (hyphens and spaces equal, apostrophes dropped, possessives split off), and lexicon
/// aliases must be split by the very same rule to match.
/// </summary>
public static partial class WordScanner
{
    public static List<Word> Scan(string text, int offset = 0, int length = -1)
    {
        var end = length < 0 ? text.Length : offset + length;
        // English runs about one word per six characters: sized once, generously, rather than grown by doubling.
        var words = new List<Word>((end - offset) / 5);
        // EnumerateMatches yields offsets without allocating a Match per word.
        foreach (var m in WordPattern().EnumerateMatches(text.AsSpan(0, end), offset))
        {
            var raw = text.Substring(m.Index, m.Length);
            var possessive = raw.Length > 2 && (raw.EndsWith("'s", StringComparison.Ordinal) || raw.EndsWith("’s", StringComparison.Ordinal));
            var key = Word.Strip(raw, possessive).ToLowerInvariant();
            var after = m.Index + m.Length;
            var hyphen = after < end && text[after] is '-' or '‐' or '‑' or '–';
            words.Add(new Word(new TextSpan(m.Index, after), raw, key, possessive, hyphen));
        }

        return words;
    }

    /// <summary>The keys of a phrase ("Iraq's defense ministry" → iraq, defense, ministry).</summary>
    public static string[] Keys(string phrase) => [.. Scan(phrase).Select(w => w.Key)];

    [GeneratedRegex(@"(?:\p{Lu}\.){2,}|[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();
}
