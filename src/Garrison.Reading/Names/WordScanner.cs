using System.Globalization;
using Garrison.Domain.Provenance;

namespace Garrison.Reading.Names;

/// <summary>
/// A word as name matching sees it: <see cref="Key"/> is lower case without apostrophes or dots, so "Kata'ib",
/// "Kataib" and "KATAIB" share a key, "U.S." and "US" share one, and "Iraq’s" is "iraq" marked possessive.
/// </summary>
public readonly record struct Word
{
    public Word(TextSpan span, string text, string key, bool possessive, bool hyphenAfter)
        : this(span, text, key, Strip(text, possessive), possessive, hyphenAfter)
    {
    }

    internal Word(TextSpan span, string text, string key, string bare, bool possessive, bool hyphenAfter)
    {
        Span = span;
        Text = text;
        Key = key;
        Bare = bare;
        Possessive = possessive;
        HyphenAfter = hyphenAfter;
        IsCapitalised = text.Length > 0 && char.IsUpper(text[0]);
        IsAllCaps = AllCaps(bare);
    }

    public TextSpan Span { get; }

    public string Text { get; }

    public string Key { get; }

    public bool Possessive { get; }

    public bool HyphenAfter { get; }

    // Computed once here, not per call: the matchers ask these of the same word many times.

    /// <summary>The word as written without dots and apostrophes (and without a possessive 's): "U.S." is "US".</summary>
    public string Bare { get; }

    public bool IsCapitalised { get; }

    public bool IsAllCaps { get; }

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
/// Splits text into <see cref="Word"/>s: runs of letters and digits joined by inner apostrophes ("Kata'ib",
/// "Iraq’s"), and dotted capitals ("U.S.") as one word. Not taken from the token stage because name matching needs
/// its own normalisation (hyphens and spaces equal, apostrophes dropped, possessives split off), and lexicon aliases
/// must be split by the very same rule to match.
/// </summary>
/// <remarks>
/// Hand-written rather than a regex: the split runs over every report's whole body and was the name stage's largest
/// single cost as a regex (a match call per word, and a key made by three Replace calls and a lower-casing). The loop
/// reads each character once and makes the key without intermediate strings. (Sharing one string per distinct word
/// through a per-thread pool was tried and measured slower: a look-up in a pool of thousands of words misses the
/// cache more than a small fresh string costs.) The rule it implements is the regex
/// <c>(?:\p{Lu}\.){2,}|[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*</c>, which the tests keep as its specification and compare
/// it with.
/// </remarks>
public static class WordScanner
{
    /// <summary>The longest word the key buffer holds on the stack; longer ones (rare) go to the heap.</summary>
    private const int StackWord = 128;

    public static List<Word> Scan(string text, int offset = 0, int length = -1)
    {
        var end = length < 0 ? text.Length : offset + length;
        // English runs about one word per six characters: sized once, generously, rather than grown by doubling.
        var words = new List<Word>((end - offset) / 5);
        var i = offset;
        while (i < end)
        {
            var wordEnd = DottedCapitalsEnd(text, i, end);
            if (wordEnd < 0 && IsLetterOrNumber(text[i]))
            {
                wordEnd = RunEnd(text, i + 1, end);
                // Inner apostrophes join runs: "Kata'ib", "Iraq’s" (a trailing one does not: "soldiers' ").
                while (wordEnd + 1 < end && text[wordEnd] is '\'' or '’' && IsLetterOrNumber(text[wordEnd + 1]))
                {
                    wordEnd = RunEnd(text, wordEnd + 2, end);
                }
            }

            if (wordEnd < 0)
            {
                i++;
                continue;
            }

            words.Add(MakeWord(text, i, wordEnd, end));
            i = wordEnd;
        }

        return words;
    }

    /// <summary>The keys of a phrase ("Iraq's defense ministry" → iraq, defense, ministry).</summary>
    public static string[] Keys(string phrase) => [.. Scan(phrase).Select(w => w.Key)];

    private static Word MakeWord(string text, int start, int wordEnd, int end)
    {
        var raw = text.AsSpan(start, wordEnd - start);
        var possessive = raw.Length > 2 && raw[^1] == 's' && raw[^2] is '\'' or '’';
        var hyphen = wordEnd < end && text[wordEnd] is '-' or '‐' or '‑' or '–';
        var rawText = raw.ToString();

        // Bare: without a possessive 's, dots and apostrophes; key: the bare word in lower case.
        var kept = possessive ? raw[..^2] : raw;
        var bare = kept.IndexOfAny(".'’") < 0 ? (possessive ? kept.ToString() : rawText) : new string(Stripped(kept, stackalloc char[Math.Min(kept.Length, StackWord)]));
        return new Word(new TextSpan(start, wordEnd), rawText, Lower(bare), bare, possessive, hyphen);
    }

    /// <summary>The key: the word in lower case (the word itself when it has no capitals, as most have).</summary>
    private static string Lower(string word)
    {
        var ascii = true;
        var upper = false;
        foreach (var c in word)
        {
            ascii &= char.IsAscii(c);
            upper |= char.IsAsciiLetterUpper(c);
        }

        if (ascii && !upper)
        {
            return word;
        }

        var lower = word.Length <= StackWord ? stackalloc char[word.Length] : new char[word.Length];
        if (ascii)
        {
            for (var k = 0; k < word.Length; k++)
            {
                lower[k] = char.ToLowerInvariant(word[k]);
            }
        }
        else
        {
            word.AsSpan().ToLowerInvariant(lower);
        }

        return new string(lower);
    }

    private static ReadOnlySpan<char> Stripped(ReadOnlySpan<char> kept, Span<char> buffer)
    {
        if (buffer.Length < kept.Length)
        {
            buffer = new char[kept.Length];
        }

        var n = 0;
        foreach (var c in kept)
        {
            if (c is not ('.' or '\'' or '’'))
            {
                buffer[n++] = c;
            }
        }

        return buffer[..n];
    }

    /// <summary>The end of "U.S." style capitals (two or more capital-and-dot pairs) starting at <paramref name="i"/>, or -1.</summary>
    private static int DottedCapitalsEnd(string text, int i, int end)
    {
        var k = i;
        while (k + 1 < end && char.IsUpper(text[k]) && text[k + 1] == '.')
        {
            k += 2;
        }

        return k - i >= 4 ? k : -1;
    }

    private static int RunEnd(string text, int k, int end)
    {
        while (k < end && IsLetterOrNumber(text[k]))
        {
            k++;
        }

        return k;
    }

    /// <summary>\p{L} or \p{N}, as the regex classes read them (one UTF-16 unit at a time).</summary>
    private static bool IsLetterOrNumber(char c) =>
        char.IsAsciiLetterOrDigit(c) || (c > '\u007f' && (char.IsLetter(c) || char.IsNumber(c)));
}
