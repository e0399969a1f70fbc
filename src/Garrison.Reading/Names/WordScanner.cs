using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Garrison.Domain.Provenance;

namespace Garrison.Reading.Names;

/// <summary>
/// A word as name matching sees it: <see cref="Key"/> is lower case without apostrophes or dots, so "Kata'ib",
/// "Kataib" and "KATAIB" share a key, "U.S." and "US" share one, and "Iraq’s" is "iraq" marked possessive.
/// </summary>
/// <remarks>
/// Kept small and free of per-word strings: a report has about a thousand words and the name, event and fact stages
/// all read them, while only a few words' <see cref="Text"/> or <see cref="Bare"/> is ever asked for. Those are cut
/// from the text on request; so is the key of a word no lexicon or rule knows, while a known key is the
/// <see cref="WordVocabulary"/>'s shared string, found from the id (one reference per word, not two: each stored
/// reference costs a GC write barrier, and an unknown word's key was a string made for every such word). The id
/// (<see cref="Id"/>) lets matchers index arrays instead of hashing the key again.
/// </remarks>
public readonly record struct Word
{
    private readonly string source;
    private readonly Flags flags;

    internal Word(string source, TextSpan span, int id, Flags flags)
    {
        this.source = source;
        Span = span;
        Id = id;
        this.flags = flags;
    }

    public TextSpan Span { get; }

    /// <summary>The word as written (a new string each time: ask once and keep it).</summary>
    public string Text => source.Substring(Span.Start, Span.Length);

    /// <summary>
    /// The key: the vocabulary's shared string for a known word; for a word no lexicon or rule registered, a new
    /// string made from the text on each call (rules ask few words' keys, so the split does not make them all).
    /// </summary>
    public string Key => Id >= 0 ? WordVocabulary.KeyOf(Id) : UnknownKey(source.AsSpan(Span.Start, Possessive ? Span.Length - 2 : Span.Length));

    /// <summary>The key's <see cref="WordVocabulary"/> id, or <see cref="WordVocabulary.Unknown"/> when no lexicon or rule registered it.</summary>
    public int Id { get; }

    /// <summary>The word as written, read in place (no string made).</summary>
    internal ReadOnlySpan<char> Written => source.AsSpan(Span.Start, Span.Length);

    public bool Possessive => (flags & Flags.Possessive) != 0;

    public bool HyphenAfter => (flags & Flags.HyphenAfter) != 0;

    /// <summary>The word as written without dots and apostrophes (and without a possessive 's): "U.S." is "US".</summary>
    public string Bare => Strip(Text, Possessive);

    public bool IsCapitalised => (flags & Flags.Capitalised) != 0;

    public bool IsAllCaps => (flags & Flags.AllCaps) != 0;

    /// <summary>True when <see cref="Bare"/> equals <paramref name="bare"/> (compared in place, without making <see cref="Bare"/>).</summary>
    public bool BareEquals(string bare)
    {
        var kept = source.AsSpan(Span.Start, Possessive ? Span.Length - 2 : Span.Length);
        var n = 0;
        foreach (var c in kept)
        {
            if (c is '.' or '\'' or '’')
            {
                continue;
            }

            if (n >= bare.Length || bare[n] != c)
            {
                return false;
            }

            n++;
        }

        return n == bare.Length;
    }

    /// <summary>The key of a word as written (possessive already cut off): without dots and apostrophes, lower case (invariant), as <see cref="WordScanner"/> makes keys.</summary>
    private static string UnknownKey(ReadOnlySpan<char> kept)
    {
        Span<char> bare = kept.Length <= 64 ? stackalloc char[64] : new char[kept.Length];
        var n = 0;
        foreach (var c in kept)
        {
            if (c is not ('.' or '\'' or '’'))
            {
                bare[n++] = c;
            }
        }

        return string.Create(n, bare[..n], static (key, from) => from.ToLowerInvariant(key));
    }

    internal static string Strip(string text, bool possessive)
    {
        var t = possessive && text.Length > 2 ? text[..^2] : text;
        // Most words have nothing to strip; checking first spares three Replace scans.
        return t.AsSpan().IndexOfAny(".'’") < 0
            ? t
            : t.Replace(".", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal).Replace("’", "", StringComparison.Ordinal);
    }

    [Flags]
    internal enum Flags : byte
    {
        None = 0,
        Possessive = 1,
        HyphenAfter = 2,
        Capitalised = 4,
        AllCaps = 8,
    }
}

/// <summary>
/// What the word split gives the runs of letters and digits it finds (<see cref="Matching.TextSplit"/>), word by word.
/// </summary>
internal interface IRunSink
{
    /// <summary>A word of ASCII letters and digits only, from <paramref name="start"/> to <paramref name="end"/>, with the kinds it has and its vocabulary id.</summary>
    void AsciiWord(string text, int start, int end, WordScanner.AsciiKinds kinds, int id);

    /// <summary>Any other word (letters or digits outside ASCII, apostrophes, dotted capitals, other numbers).</summary>
    void OtherWord(string text, int start, int end);
}

/// <summary>The split without runs.</summary>
internal struct NoRuns : IRunSink
{
    public readonly void AsciiWord(string text, int start, int end, WordScanner.AsciiKinds kinds, int id)
    {
    }

    public readonly void OtherWord(string text, int start, int end)
    {
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

    public static List<Word> Scan(string text, int offset = 0, int length = -1) => Scan(text, offset, length, out _);

    /// <summary>Splits like <see cref="Scan(string, int, int)"/> and says which <see cref="WordVocabulary.Version"/> the ids come from.</summary>
    internal static List<Word> Scan(string text, int offset, int length, out int vocabularyVersion)
    {
        var none = default(NoRuns);
        return Scan(text, offset, length, out vocabularyVersion, ref none);
    }

    /// <summary>
    /// Splits like <see cref="Scan(string, int, int)"/> and, in the same walk, gives <paramref name="runs"/> the text's
    /// runs of letters and of digits (see <see cref="IRunSink"/>): every such run lies inside one word, so the words'
    /// walk finds them where it reads the word's characters anyway.
    /// </summary>
    /// <remarks>
    /// Why every run lies inside a word: a run is letters (\p{L}) or decimal digits (\p{Nd}), and the word rule takes
    /// every letter and number with its neighbours; a word ends before a character that is neither (a dotted-capitals
    /// word ends after its last dot), so no run crosses a word's end. Generic over a struct so that the split without
    /// runs (<see cref="NoRuns"/>) compiles to the loop it was.
    /// </remarks>
    internal static List<Word> Scan<TRuns>(string text, int offset, int length, out int vocabularyVersion, ref TRuns runs)
        where TRuns : struct, IRunSink
    {
        var vocabulary = WordVocabulary.Current;
        vocabularyVersion = vocabulary.Version;
        var end = length < 0 ? text.Length : offset + length;
        // English runs about one word per six characters: sized once, generously, rather than grown by doubling.
        var words = new List<Word>((end - offset) / 5);
        Span<char> buffer = stackalloc char[2 * StackWord];
        // The last position from which eight characters can be loaded without reading past the string.
        var lastVector = text.Length - Vector128<ushort>.Count;
        var i = offset;
        while (i < end)
        {
            var c = text[i];
            // Most characters between words are spaces and punctuation: passed over before any word rule is tried.
            if (c <= '\u007f' && !char.IsAsciiLetterOrDigit(c))
            {
                i++;
                continue;
            }

            // Most words are plain ASCII letters and digits: one walk finds the end, packs a short key and notes the case.
            if (Vector128.IsHardwareAccelerated && i <= lastVector)
            {
                if (AsciiWordVector(text, i, end, vocabulary, out var asciiWord, out var asciiKinds) is var wordAfter and > 0)
                {
                    runs.AsciiWord(text, i, asciiWord.Span.End, asciiKinds, asciiWord.Id);
                    words.Add(asciiWord);
                    // What follows the word is an ASCII character that is no letter or digit (or the end): passed over.
                    i = wordAfter;
                    continue;
                }
            }
            else if (AsciiRunEnd(text, i, end, out var packed, out var hasLower, out var kinds) is var asciiEnd and > 0)
            {
                var word = MakeAsciiWord(text, i, asciiEnd, end, packed, hasLower, vocabulary);
                runs.AsciiWord(text, i, asciiEnd, kinds, word.Id);
                words.Add(word);
                i = asciiEnd;
                continue;
            }

            var wordEnd = char.IsUpper(c) && i + 1 < end && text[i + 1] == '.' ? DottedCapitalsEnd(text, i, end) : -1;
            if (wordEnd < 0 && IsLetterOrNumber(c))
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

            runs.OtherWord(text, i, wordEnd);
            words.Add(MakeWord(text, i, wordEnd, end, vocabulary, buffer));
            i = wordEnd;
        }

        return words;
    }

    /// <summary>The keys of a phrase ("Iraq's defense ministry" → iraq, defense, ministry).</summary>
    public static string[] Keys(string phrase) => [.. Scan(phrase).Select(w => w.Key)];

    private static Word MakeWord(string text, int start, int wordEnd, int end, WordVocabulary.Snapshot vocabulary, Span<char> buffer)
    {
        var raw = text.AsSpan(start, wordEnd - start);
        var possessive = raw.Length > 2 && raw[^1] == 's' && raw[^2] is '\'' or '’';
        var flags = possessive ? Word.Flags.Possessive : Word.Flags.None;
        if (wordEnd < end && text[wordEnd] is '-' or '‐' or '‑' or '–')
        {
            flags |= Word.Flags.HyphenAfter;
        }

        if (char.IsUpper(raw[0]))
        {
            flags |= Word.Flags.Capitalised;
        }

        // One pass makes the key (no possessive 's, dots or apostrophes; lower case) and notes whether it is all capitals.
        var kept = possessive ? raw[..^2] : raw;
        var bare = kept.Length <= StackWord ? buffer[..StackWord] : new char[kept.Length];
        var key = kept.Length <= StackWord ? buffer[StackWord..] : new char[kept.Length];
        var n = 0;
        var ascii = true;
        var allCaps = true;
        foreach (var c in kept)
        {
            if (c is '.' or '\'' or '’')
            {
                continue;
            }

            bare[n] = c;
            if (char.IsAscii(c))
            {
                allCaps &= !char.IsAsciiLetterLower(c);
                key[n] = char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c;
            }
            else
            {
                ascii = false;
                allCaps &= !(char.IsLetter(c) && !char.IsUpper(c));
            }

            n++;
        }

        if (allCaps && n >= 2)
        {
            flags |= Word.Flags.AllCaps;
        }

        // The key is the bare word in lower case (invariant, as the lexicons' keys are made by this same code).
        key = key[..n];
        if (!ascii)
        {
            bare[..n].ToLowerInvariant(key);
        }

        vocabulary.TryFind(key, out _, out var id);
        return new Word(text, new TextSpan(start, wordEnd), id, flags);
    }

    /// <summary>
    /// The end of a word of ASCII letters and digits only, starting at <paramref name="i"/>, with its key (the
    /// lower-cased word) packed as the vocabulary packs short keys (meaningful when it has at most eight characters;
    /// a longer key is hashed by the vocabulary, which reads it again) and whether it has a lower-case letter;
    /// -1 when the general rule must decide: a dotted capital ("U.S."), an apostrophe that may join or a non-ASCII
    /// letter, number or mark that continues the run.
    /// </summary>
    private static int AsciiRunEnd(string text, int i, int end, out ulong packed, out bool hasLower, out AsciiKinds kinds)
    {
        packed = 0;
        hasLower = false;
        kinds = AsciiKinds.None;
        var k = i;
        for (; k < end; k++)
        {
            var c = text[k];
            if (!char.IsAsciiLetterOrDigit(c))
            {
                break;
            }

            hasLower |= char.IsAsciiLetterLower(c);
            // Digits sort before every ASCII letter.
            kinds |= c <= '9' ? AsciiKinds.Digits : AsciiKinds.Letters;
            if (k - i < WordVocabulary.Snapshot.PackedLength)
            {
                // Letters lower-case by setting one bit; digits already have it set.
                packed = WordVocabulary.Snapshot.PackStep(packed, k - i, (char)(c | 0x20));
            }
        }

        if (k < end)
        {
            var next = text[k];
            if (next > '\u007f' || next == '\'' || (next == '.' && k == i + 1 && char.IsAsciiLetterUpper(text[i])))
            {
                return -1;
            }
        }

        return k;
    }

    /// <summary>
    /// The plain ASCII word at <paramref name="i"/> (what <see cref="AsciiRunEnd"/> and <see cref="MakeAsciiWord"/> give)
    /// when its first eight characters lie inside the string (they may run past <paramref name="end"/>, which bounds
    /// the word): the eight are classified at once, so the word's end, kinds, case and packed key come from bit masks,
    /// without a branch per character. Gives the position after the character that ends the word (no letter or digit,
    /// so never a word's start), or -1 when the general rule must decide.
    /// </summary>
    /// <remarks>
    /// Hand-written rather than a library search (<c>IndexOfAnyExcept</c> with <c>SearchValues</c> of the letters and
    /// digits): that finds the end alone, and the word would then be read again for its case and key; a word averages
    /// six characters, too short for a search call's set-up to pay. Words of up to eight characters (nine in ten in
    /// reports) are read in one step; a longer word's rest by the character loop.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int AsciiWordVector(string text, int i, int end, WordVocabulary.Snapshot vocabulary, out Word word, out AsciiKinds kinds)
    {
        var chars = Vector128.LoadUnsafe(ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text.AsSpan())), (nuint)i);
        // Setting one bit lower-cases an ASCII letter and leaves a digit as it is; no other character becomes a letter.
        var lowered = chars | Vector128.Create((ushort)0x20);
        var lower = Vector128.LessThan(chars - Vector128.Create((ushort)'a'), Vector128.Create((ushort)26));
        var letter = Vector128.LessThan(lowered - Vector128.Create((ushort)'a'), Vector128.Create((ushort)26));
        var digit = Vector128.LessThan(chars - Vector128.Create((ushort)'0'), Vector128.Create((ushort)10));
        var left = end - i;
        var inside = left >= Vector128<ushort>.Count ? 0xffu : (1u << left) - 1;
        var members = (letter | digit).ExtractMostSignificantBits() & inside;
        // The word's length: the first character (of the eight, within end) that is no ASCII letter or digit.
        var length = BitOperations.TrailingZeroCount(~members);
        if (length == 0)
        {
            // A character outside ASCII: the general rule's.
            word = default;
            kinds = AsciiKinds.None;
            return -1;
        }

        var wordBits = (1u << length) - 1;
        var letters = letter.ExtractMostSignificantBits() & wordBits;
        var lowers = lower.ExtractMostSignificantBits() & wordBits;
        var hasLower = lowers != 0;
        var hasLetter = letters != 0;
        var hasDigit = letters != wordBits;
        var flags = (letters & ~lowers & 1) != 0 ? Word.Flags.Capitalised : Word.Flags.None;
        var k = i + length;
        // The rest of a word of nine to sixteen characters packed as its first eight are (0 for any other word).
        var rest = 0ul;
        if (length == Vector128<ushort>.Count)
        {
            // A longer word: its next eight characters are classified at once too, where they can be loaded, and packed
            // for the vocabulary's medium table (most long words in reports have at most sixteen characters).
            var r = i + Vector128<ushort>.Count;
            if (r < end && r <= text.Length - Vector128<ushort>.Count)
            {
                var chars2 = Vector128.LoadUnsafe(ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text.AsSpan())), (nuint)r);
                var lowered2 = chars2 | Vector128.Create((ushort)0x20);
                var lower2 = Vector128.LessThan(chars2 - Vector128.Create((ushort)'a'), Vector128.Create((ushort)26));
                var letter2 = Vector128.LessThan(lowered2 - Vector128.Create((ushort)'a'), Vector128.Create((ushort)26));
                var digit2 = Vector128.LessThan(chars2 - Vector128.Create((ushort)'0'), Vector128.Create((ushort)10));
                var left2 = end - r;
                var inside2 = left2 >= Vector128<ushort>.Count ? 0xffu : (1u << left2) - 1;
                var length2 = BitOperations.TrailingZeroCount(~((letter2 | digit2).ExtractMostSignificantBits() & inside2));
                if (length2 > 0)
                {
                    var bits2 = (1u << length2) - 1;
                    var letters2 = letter2.ExtractMostSignificantBits() & bits2;
                    hasLower |= (lower2.ExtractMostSignificantBits() & bits2) != 0;
                    hasLetter |= letters2 != 0;
                    hasDigit |= letters2 != bits2;
                    rest = PackLanes(lowered2, digit2, length2);
                    k = r + length2;
                }
            }

            // Past sixteen characters (or where the next eight cannot be loaded), the character loop reads the rest;
            // such a word's key goes to the vocabulary's long table (hashed there).
            for (; k < end; k++)
            {
                var c = text[k];
                if (!char.IsAsciiLetterOrDigit(c))
                {
                    break;
                }

                hasLower |= char.IsAsciiLetterLower(c);
                hasLetter |= c > '9';
                hasDigit |= c <= '9';
            }
        }

        if (k < end)
        {
            var next = text[k];
            if (next > '\u007f' || next == '\'' || (next == '.' && length == 1 && (flags & Word.Flags.Capitalised) != 0))
            {
                word = default;
                kinds = AsciiKinds.None;
                return -1;
            }

            if (next == '-')
            {
                flags |= Word.Flags.HyphenAfter;
            }
        }

        kinds = (hasLetter ? AsciiKinds.Letters : AsciiKinds.None) | (hasDigit ? AsciiKinds.Digits : AsciiKinds.None);
        if (!hasLower && k - i >= 2)
        {
            flags |= Word.Flags.AllCaps;
        }

        int id;
        if (length < Vector128<ushort>.Count || k - i == Vector128<ushort>.Count)
        {
            vocabulary.TryFindAsciiLowered(text.AsSpan(i, k - i), PackLanes(lowered, digit, length), out id);
        }
        else if (rest != 0 && k - i <= 2 * Vector128<ushort>.Count)
        {
            vocabulary.TryFindAsciiLoweredMedium(text.AsSpan(i, k - i), PackLanes(lowered, digit, Vector128<ushort>.Count), rest, out id);
        }
        else
        {
            vocabulary.TryFindAsciiLowered(text.AsSpan(i, k - i), 0, out id);
        }

        word = new Word(text, new TextSpan(i, k), id, flags);
        return k < end ? k + 1 : k;
    }

    /// <summary>
    /// The first <paramref name="length"/> (one to eight) lanes, ASCII letters and digits lower-cased, packed as
    /// <see cref="WordVocabulary.Snapshot.PackStep"/> packs them: each character's code (digits 1-10, letters 11-36) in
    /// a byte, then the eight bytes' low six bits pushed together.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong PackLanes(Vector128<ushort> lowered, Vector128<ushort> digit, int length)
    {
        var codes = lowered - Vector128.Create((ushort)('a' - 11)) + (digit & Vector128.Create((ushort)(('a' - 11) - ('0' - 1))));
        var bytes = Vector128.Narrow(codes, codes).AsUInt64().ToScalar();
        if (length < Vector128<ushort>.Count)
        {
            bytes &= (1ul << (8 * length)) - 1;
        }

        bytes = (bytes & 0x003F_003F_003F_003Ful) | ((bytes >> 2) & 0x0FC0_0FC0_0FC0_0FC0ul);
        bytes = (bytes & 0x0000_0FFF_0000_0FFFul) | ((bytes >> 4) & 0x00FF_F000_00FF_F000ul);
        return (bytes & 0x0000_0000_00FF_FFFFul) | ((bytes >> 8) & 0x0000_FFFF_FF00_0000ul);
    }

    /// <summary>Which characters an ASCII word of letters and digits has (one run when only one kind).</summary>
    [Flags]
    internal enum AsciiKinds : byte
    {
        None = 0,
        Letters = 1,
        Digits = 2,
    }

    /// <summary>A word <see cref="AsciiRunEnd"/> delimited: no possessive, dots or apostrophes to drop, so its key is the word lower-cased.</summary>
    private static Word MakeAsciiWord(string text, int start, int wordEnd, int end, ulong packed, bool hasLower, WordVocabulary.Snapshot vocabulary)
    {
        var flags = Word.Flags.None;
        if (wordEnd < end && text[wordEnd] is '-' or '‐' or '‑' or '–')
        {
            flags |= Word.Flags.HyphenAfter;
        }

        var first = text[start];
        if (char.IsAsciiLetterUpper(first))
        {
            flags |= Word.Flags.Capitalised;
        }

        var raw = text.AsSpan(start, wordEnd - start);
        if (!hasLower && raw.Length >= 2)
        {
            flags |= Word.Flags.AllCaps;
        }

        // A word no lexicon knows gets no key string here: Key makes one only when a rule asks.
        vocabulary.TryFindAsciiLowered(raw, packed, out var id);
        return new Word(text, new TextSpan(start, wordEnd), id, flags);
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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsLetterOrNumber(char c) =>
        char.IsAsciiLetterOrDigit(c) || (c > '\u007f' && IsOtherLetterOrNumber(c));

    // Kept out of line so that the ASCII test above inlines into the loops.
    private static bool IsOtherLetterOrNumber(char c) => char.IsLetter(c) || char.IsNumber(c);
}
