using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Garrison.Reading.Names;

namespace Garrison.Reading.Matching;

/// <summary>Where a rule's match can start: a word that begins one of its keywords, a number, or anywhere.</summary>
/// <param name="Keywords">
/// The words or phrases the rule's match starts with (case-insensitive), or null when it starts with none. A phrase
/// is tested on its first two words ("at least", "the past"), so a rule led by a common word is rarely tried.
/// </param>
/// <param name="Digits">Whether the match can start at the first digit of a number.</param>
/// <param name="Anywhere">Whether the rule must scan the whole text (a start no cheaper test covers).</param>
/// <param name="DigitRun">
/// With <paramref name="Digits"/>, a pattern that the whole run of digits the match starts with matches (the rule
/// tries no number whose digits it does not match); null when any number can start the rule.
/// </param>
internal sealed record RuleStart(IEnumerable<string>? Keywords, bool Digits = false, bool Anywhere = false, string? DigitRun = null)
{
    public static RuleStart Everywhere { get; } = new(null, Anywhere: true);

    public static RuleStart Words(IEnumerable<string> keywords) => new(keywords);
}

/// <summary>
/// Runs rule regexes with exactly the matches <see cref="Regex.Matches(string)"/> gives, but tries each rule only at
/// the few offsets where it can start. A scanning regex tries every offset of the text (and a rule led by a
/// lookbehind runs that lookbehind at each of them), which made date and quantity reading most of the reading time.
/// </summary>
/// <remarks>
/// Why the matches are the same: a backtracking regex's leftmost match from an offset is the first offset, in text
/// order, where the pattern anchored there (<c>\G</c>) matches, and the anchored match is the one the scan finds
/// there. So trying, in order, a superset of the offsets where a match can start finds the same matches, provided
/// the next try starts where the previous match ended, as <see cref="Regex.Matches(string)"/> does. The offsets
/// are a superset because every keyword rule starts where no letter precedes (<c>\b</c>, a lookbehind on letters or
/// on whitespace) and is followed by a non-letter, and a keyword's separators are not letters: its first run of
/// letters is then the whole word there and its second run the next word; words with letters outside ASCII are
/// tried for every keyword rule, since regex case-insensitivity knows equivalences that a lookup by ordinal case
/// does not (the Kelvin sign for k). A rule whose keywords do not start with ASCII letters scans.
/// Immutable after construction, so one instance serves every thread.
/// </remarks>
internal sealed class RuleStarts
{
    private const int LongestPair = 64;

    // For each keyword's first word: the rules it starts alone, and those whose keyword goes on with a second word.
    // One lookup serves both, and only for a word whose first two letters and length some keyword has (most words fail
    // that test without hashing: a report has hundreds of words and the rules a few dozen keywords; by the first letter
    // alone, "and", "are", "they", "that" passed it).
    private readonly FrozenDictionary<string, (ulong Alone, ulong Pairs)>.AlternateLookup<ReadOnlySpan<char>> firstWords;
    private readonly ulong[] leadingLengths = new ulong[26 * 27];
    private readonly FrozenDictionary<string, ulong>.AlternateLookup<ReadOnlySpan<char>> pairs;

    // The same first words and pairs of at most PackedLetters letters each, keyed by the letters packed five bits each
    // (see Pack): a look-up multiplies and compares integers where the frozen tables hash the span ignoring case and
    // compare strings, and the pair is not copied into a buffer. Longer words go to the frozen tables.
    private readonly PackedTable packedWords;
    private readonly PackedTable packedPairs;

    // The same first words and pairs by the words' vocabulary ids (see RulesById): a run that is a whole word of the
    // text's split carries its word's id, so most runs need one array read and no packing or hashing. leadSlots[id] is
    // 0 for a word that starts no keyword, else its index in leadMasks.
    private readonly ushort[] leadSlots;
    private readonly (ulong Alone, ulong Pairs)[] leadMasks;
    private readonly PackedTable pairsById;

    // The ids of the pairs' second words, as bits: the word after a first word of a pair is seldom one ("the" leads
    // "the past", and most "the" are followed by other words), and this test spares a probe of the pairs' table, which
    // was the walk's costliest line (a cache miss, likely, on each).
    private readonly ulong[] secondIds;

    // For a run of one to four ASCII digits (index: its length and value, see DigitSlot), the digit rules whose run
    // pattern it matches, found once here instead of one regex call per number and rule.
    private readonly ulong[] digitSlots;
    private readonly bool packedKeys;
    private readonly bool otherLetterTest;
    private readonly ulong wordRules;
    private readonly ulong digitRules;
    private readonly Regex?[] digitRuns;
    private readonly bool[] anywhere;

    // When set, the rules' starts are read from a walk shared with other recognizers' rules (see SharedStartScan):
    // this instance's rules are that walk's bits from `sharedShift` on.
    private readonly SharedStartScan? shared;
    private readonly int sharedShift;

    // The lists Find hands out, one set per thread, cleared and filled again by its next call there: the recognizers
    // read them before they return, and made ~20 new lists (grown as they filled) for every text.
    private readonly ThreadLocal<List<int>?[]> foundLists;

    /// <param name="starts">Where each rule can start (at most 64 rules).</param>
    /// <param name="shared">
    /// A walk over the runs shared with other rule sets of the same texts (the date and the quantity rules); null, or
    /// when it has no room left for these rules, this instance walks the runs itself.
    /// </param>
    /// <param name="packedKeys">
    /// Whether words and pairs are looked up by their vocabulary ids, short words, pairs and numbers by their packed
    /// keys and digit slots (the default); false only to test that the frozen tables and the run patterns find the
    /// same starts.
    /// </param>
    /// <param name="otherLetterTest">
    /// Whether a run of letters with some outside ASCII starts a word rule only when it may equal an ASCII keyword (see
    /// <see cref="MayEqualAsciiWord"/>); false only to test that the recognizers find the same.
    /// </param>
    public RuleStarts(IReadOnlyList<RuleStart> starts, SharedStartScan? shared = null, bool packedKeys = true, bool otherLetterTest = true)
    {
        this.packedKeys = packedKeys;
        this.otherLetterTest = otherLetterTest;
        if (starts.Count > 64)
        {
            throw new ArgumentException("at most 64 rules share one start scan", nameof(starts));
        }

        anywhere = new bool[starts.Count];
        foundLists = new ThreadLocal<List<int>?[]>(() => [.. anywhere.Select(scans => scans ? null : new List<int>())]);
        digitRuns = new Regex?[starts.Count];
        var byWord = new Dictionary<string, ulong>(StringComparer.OrdinalIgnoreCase);
        var byPairFirst = new Dictionary<string, ulong>(StringComparer.OrdinalIgnoreCase);
        var byPair = new Dictionary<string, ulong>(StringComparer.OrdinalIgnoreCase);
        for (var rule = 0; rule < starts.Count; rule++)
        {
            var start = starts[rule];
            var bit = 1UL << rule;
            var words = start.Keywords?.Select(LetterRuns).ToList() ?? [];
            if (start.Anywhere || words.Exists(w => w.Count == 0 || w[0].Length == 0 || !w[0].All(char.IsAscii)))
            {
                anywhere[rule] = true;
                continue;
            }

            if (start.Digits)
            {
                digitRules |= bit;
                digitRuns[rule] = start.DigitRun is null ? null : Pattern($"^(?:{start.DigitRun})$");
            }

            if (words.Count > 0)
            {
                wordRules |= bit;
            }

            foreach (var runs in words)
            {
                // A second word outside ASCII, or too long to look up, is not tested: the first word alone decides.
                if (runs.Count < 2 || !runs[1].All(char.IsAscii) || runs[0].Length + 1 + runs[1].Length > LongestPair)
                {
                    byWord[runs[0]] = byWord.GetValueOrDefault(runs[0]) | bit;
                }
                else
                {
                    byPairFirst[runs[0]] = byPairFirst.GetValueOrDefault(runs[0]) | bit;
                    var pair = runs[0] + " " + runs[1];
                    byPair[pair] = byPair.GetValueOrDefault(pair) | bit;
                }
            }
        }

        var leads = new Dictionary<string, (ulong Alone, ulong Pairs)>(StringComparer.OrdinalIgnoreCase);
        foreach (var word in byWord.Keys.Concat(byPairFirst.Keys))
        {
            leads[word] = (byWord.GetValueOrDefault(word), byPairFirst.GetValueOrDefault(word));
            if (word.Length < 64)
            {
                leadingLengths[Leading(word)] |= 1UL << word.Length;
            }
            else
            {
                // A first word this long is tested by lookup whatever its length.
                leadingLengths[Leading(word)] |= 1UL << 63 | 1UL;
            }
        }

        firstWords = leads.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        pairs = byPair.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        packedWords = new PackedTable(leads.Where(l => l.Key.Length <= PackedLetters)
            .Select(l => (Pack(l.Key), 0UL, l.Value.Alone, l.Value.Pairs)));
        packedPairs = new PackedTable(byPair.Select(p => p.Key.Split(' ')).Where(w => w[0].Length <= PackedLetters && w[1].Length <= PackedLetters)
            .Select(w => (Pack(w[0]), Pack(w[1]), byPair[w[0] + " " + w[1]], 0UL)));
        (leadSlots, leadMasks, pairsById, secondIds) = ById(leads, byPair);
        if (shared?.Join(starts) is { } shift and >= 0)
        {
            this.shared = shared;
            sharedShift = shift;
        }

        // Only a walk of its own reads the digit slots: rules that joined a shared walk are found by that walk's own
        // instance, so they fill none (11,110 slots, a regex call each per digit rule with a run pattern, at start-up).
        digitSlots = this.shared is not null ? [] : new ulong[DigitSlot(4, 9999) + 1];
        for (var length = 1; length <= 4 && this.shared is null; length++)
        {
            for (var value = 0; value < (int)Math.Pow(10, length); value++)
            {
                digitSlots[DigitSlot(length, value)] = DigitRulesByPattern(value.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(length, '0'));
            }
        }
    }

    /// <summary>
    /// The first words' masks and the pairs' table by vocabulary id: each first word and each pair's second word (ASCII
    /// letters) is registered in <see cref="WordVocabulary"/> under its lower-cased form, the key a word of the text
    /// that equals it ignoring case gets from the split. Ids only grow, so every keyword's id is below the slots' length.
    /// </summary>
    private static (ushort[] Slots, (ulong Alone, ulong Pairs)[] Masks, PackedTable Pairs, ulong[] SecondIds) ById(
        Dictionary<string, (ulong Alone, ulong Pairs)> leads, Dictionary<string, ulong> byPair)
    {
        var masks = new List<(ulong Alone, ulong Pairs)> { (0, 0) };
        var ids = new List<(int Id, int Slot)>();
        foreach (var (word, lead) in leads)
        {
            ids.Add((WordVocabulary.Register(word.ToLowerInvariant()), masks.Count));
            masks.Add(lead);
        }

        var pairs = new List<(ulong, ulong, ulong, ulong)>();
        foreach (var (pair, rules) in byPair)
        {
            var words = pair.Split(' ');
            // Ids shifted by one: a packed table's first key is never 0.
            pairs.Add(((ulong)WordVocabulary.Register(words[0].ToLowerInvariant()) + 1, (ulong)WordVocabulary.Register(words[1].ToLowerInvariant()) + 1, rules, 0));
        }

        if (masks.Count > ushort.MaxValue)
        {
            throw new ArgumentException("too many first words for the id slots");
        }

        var slots = new ushort[ids.Count == 0 ? 0 : ids.Max(i => i.Id) + 1];
        foreach (var (id, slot) in ids)
        {
            slots[id] = (ushort)slot;
        }

        var seconds = pairs.Select(p => (int)p.Item2 - 1).ToList();
        var secondIds = new ulong[seconds.Count == 0 ? 0 : (seconds.Max() / 64) + 1];
        foreach (var id in seconds)
        {
            secondIds[id / 64] |= 1UL << (id % 64);
        }

        return (slots, [.. masks], new PackedTable(pairs), secondIds);
    }

    /// <summary>The first two runs of letters of a keyword ("more", "than" of "more than"; "mid" of "mid-").</summary>
    private static List<string> LetterRuns(string keyword)
    {
        var runs = new List<string>(2);
        var i = 0;
        while (runs.Count < 2)
        {
            var start = i;
            while (i < keyword.Length && char.IsLetter(keyword[i]))
            {
                i++;
            }

            // A keyword that does not start with a letter has an empty first run (the rule then scans).
            if (i == start && (runs.Count > 0 || start > 0 || i == keyword.Length))
            {
                break;
            }

            runs.Add(keyword[start..i]);
            while (i < keyword.Length && !char.IsLetter(keyword[i]))
            {
                i++;
            }

            if (i == keyword.Length)
            {
                break;
            }
        }

        return runs;
    }

    /// <summary>Whether <paramref name="rule"/> has no cheap start test and scans the whole text.</summary>
    public bool Scans(int rule) => anywhere[rule];

    /// <summary>
    /// For each rule, the offsets of <paramref name="text"/> where it can start, in order; null where it must scan. The
    /// lists are this thread's, valid (and the caller's to change) until its next call of this method on this instance.
    /// </summary>
    public List<int>?[] Find(string text)
    {
        var found = foundLists.Value!;
        foreach (var list in found)
        {
            list?.Clear();
        }

        if (shared is not null)
        {
            // The shared walk's starts, of which these rules' bits: the same offsets, in the same order, as the walk below.
            var mask = found.Length == 64 ? ulong.MaxValue : (1UL << found.Length) - 1;
            foreach (var (offset, rules) in shared.Starts(text))
            {
                Add(found, (rules >> sharedShift) & mask, offset);
            }

            return found;
        }

        var runs = TextSplit.Of(text).Runs;
        for (var k = 0; k < runs.Length; k++)
        {
            Add(found, RulesAt(text, runs, k), runs[k].Start);
        }

        return found;
    }

    /// <summary>
    /// The starts of every rule in <paramref name="text"/>: each offset where some rule can start, with those rules'
    /// bits, in text order (the rules that scan have none).
    /// </summary>
    internal void StartsOf(string text, List<(int Offset, ulong Rules)> into)
    {
        var runs = TextSplit.Of(text).Runs;
        for (var k = 0; k < runs.Length; k++)
        {
            if (RulesAt(text, runs, k) is var rules and not 0)
            {
                into.Add((runs[k].Start, rules));
            }
        }
    }

    // The rules that can start at run k of the text.
    private ulong RulesAt(string text, ReadOnlySpan<Run> runs, int k)
    {
        var run = runs[k];
        if (run.Kind == RunKind.Digits)
        {
            return DigitRules(text.AsSpan(run.Start, run.Length));
        }

        if (run.Kind == RunKind.OtherLetters)
        {
            return !otherLetterTest || MayEqualAsciiWord(text.AsSpan(run.Start, run.Length)) ? wordRules : 0;
        }

        if (packedKeys && run.WordId != Run.PartOfWord)
        {
            return RulesById(text, runs, k);
        }

        var word = text.AsSpan(run.Start, run.Length);
        if (!MayLead(word))
        {
            return 0;
        }

        if (packedKeys && word.Length <= PackedLetters)
        {
            var packed = Pack(word);
            if (!packedWords.TryGet(packed, 0, out var alone, out var pairRules))
            {
                return 0;
            }

            return pairRules == 0 ? alone : alone | PackedPairRules(text, runs, k, word, packed, pairRules);
        }

        var rules = 0UL;
        if (firstWords.TryGetValue(word, out var lead))
        {
            rules = lead.Alone;
            if (lead.Pairs != 0)
            {
                rules |= PairRules(text, runs, k, word, lead.Pairs);
            }
        }

        return rules;
    }

    // RulesAt for a run of ASCII letters that is a whole word of the split, by its vocabulary id: a first word of a
    // keyword has an id (registered in ById), and a word equals it ignoring case exactly when their lower-cased keys,
    // so their ids, are equal. A word of no id starts no keyword.
    private ulong RulesById(string text, ReadOnlySpan<Run> runs, int k)
    {
        var id = runs[k].WordId;
        // Unknown (-1) is past the end as an unsigned index.
        var slot = (uint)id < (uint)leadSlots.Length ? leadSlots[id] : 0;
        if (slot == 0)
        {
            return 0;
        }

        var (alone, pairRules) = leadMasks[slot];
        if (pairRules == 0)
        {
            return alone;
        }

        var n = NextWordRun(runs, k);
        if (n == runs.Length)
        {
            return alone;
        }

        var next = runs[n];
        if (next.Kind == RunKind.OtherLetters || runs[k].Length + 1 + next.Length > LongestPair)
        {
            // As PairRules: a second word outside ASCII, or too long to look up, leaves every pair rule to its regex.
            return alone | pairRules;
        }

        if (next.WordId == Run.PartOfWord)
        {
            // The next word is more than this run ("Kata'ib", "3rd"): looked up by its letters.
            var word = text.AsSpan(runs[k].Start, runs[k].Length);
            return alone | (word.Length <= PackedLetters ? PackedPairRules(text, runs, k, word, Pack(word), pairRules) : PairRules(text, runs, k, word, pairRules));
        }

        // A word of no id (Unknown, -1) is past the bits as an unsigned index, and is no second word either.
        var second = (uint)next.WordId;
        if (second / 64 >= (uint)secondIds.Length || (secondIds[second / 64] & (1UL << (int)(second % 64))) == 0)
        {
            return alone;
        }

        return alone | (pairsById.TryGet((ulong)id + 1, (ulong)next.WordId + 1, out var rules, out _) ? rules : 0);
    }

    /// <summary>
    /// Whether a run of letters with some outside ASCII ("café", "\u212Aabul" with the Kelvin sign) may equal, ignoring
    /// case as the rules' regexes compare, a word of ASCII letters: only when each letter outside ASCII is the Kelvin
    /// sign, the one character outside ASCII that a culture-invariant regex takes, ignoring case, for an ASCII letter
    /// ("k"; <see cref="Pattern"/> makes every rule's regex culture-invariant).
    /// </summary>
    /// <remarks>
    /// Why: such a run used to start every word rule, and each of the rules read by a regex (~10 of them) was tried
    /// there (~0.6 such runs a bench report, ~4 % of the two stages' regex tries). Why no match is lost: a word rule's
    /// keyword starts with a word of ASCII letters (a rule whose keywords do not scans, see <see cref="RuleStart"/>),
    /// which its match must equal, ignoring case, as the whole run of letters there (the class remarks); a letter
    /// that is no case form of an ASCII letter to the regexes equals none of them. Until session 15 the test also kept
    /// "ſ", "İ" and "ı", which case maps (<see cref="char.ToUpperInvariant"/>, <see cref="char.ToLowerInvariant"/>) make
    /// ASCII letters but the regexes do not ("İncirlik", in ~8 % of bench reports, started every word rule); the tests
    /// check the regexes' equivalences over every UTF-16 unit.
    /// </remarks>
    private static bool MayEqualAsciiWord(ReadOnlySpan<char> run)
    {
        foreach (var c in run)
        {
            if (c > '\u007f' && c != '\u212A')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The most letters a packed key holds (five bits each in 64).</summary>
    private const int PackedLetters = 12;

    /// <summary>
    /// ASCII letters (a keyword's or a run's), case aside, packed five bits each: 'a' or 'A' is 1 … 'z' is 26, so no
    /// word packs to 0 (an empty slot) and words of different lengths differ.
    /// </summary>
    private static ulong Pack(ReadOnlySpan<char> letters)
    {
        var packed = 0UL;
        foreach (var c in letters)
        {
            packed = (packed << 5) | (uint)((c | 0x20) - 'a' + 1);
        }

        return packed;
    }

    // PairRules by the packed tables: the pair of the word at run k and the next word, both of at most PackedLetters.
    private ulong PackedPairRules(string text, ReadOnlySpan<Run> runs, int k, ReadOnlySpan<char> word, ulong packed, ulong pairRules)
    {
        var n = NextWordRun(runs, k);
        if (n == runs.Length)
        {
            return 0;
        }

        var next = runs[n];
        if (next.Kind == RunKind.OtherLetters || next.Length > PackedLetters)
        {
            // As PairRules: a second word outside ASCII leaves every pair rule of the first to its regex; a longer
            // one is looked up there.
            return PairRules(text, runs, k, word, pairRules);
        }

        return packedPairs.TryGet(packed, Pack(text.AsSpan(next.Start, next.Length)), out var rules, out _) ? rules : 0;
    }

    /// <summary>An open-addressed table from one or two packed words to two masks, probed linearly.</summary>
    private sealed class PackedTable
    {
        private readonly (ulong First, ulong Second, ulong A, ulong B)[] slots;
        private readonly int shift;

        public PackedTable(IEnumerable<(ulong First, ulong Second, ulong A, ulong B)> entries)
        {
            var list = entries.ToList();
            var size = 16;
            while (size < list.Count * 4)
            {
                size *= 2;
            }

            slots = new (ulong, ulong, ulong, ulong)[size];
            shift = 64 - System.Numerics.BitOperations.Log2((uint)size);
            foreach (var entry in list)
            {
                var i = Slot(entry.First, entry.Second);
                while (slots[i].First != 0)
                {
                    i = (i + 1) & (slots.Length - 1);
                }

                slots[i] = entry;
            }
        }

        public bool TryGet(ulong first, ulong second, out ulong a, out ulong b)
        {
            for (var i = Slot(first, second); slots[i].First != 0; i = (i + 1) & (slots.Length - 1))
            {
                if (slots[i].First == first && slots[i].Second == second)
                {
                    (a, b) = (slots[i].A, slots[i].B);
                    return true;
                }
            }

            (a, b) = (0, 0);
            return false;
        }

        // Fibonacci hashing of the two keys.
        private int Slot(ulong first, ulong second) => (int)(((first * 0x9E3779B97F4A7C15UL) ^ (second * 0xC2B2AE3D27D4EB4FUL)) >> shift);
    }

    // Whether some keyword's first word has this word's first two letters and length (an ASCII word, compared ignoring case).
    private bool MayLead(ReadOnlySpan<char> word)
    {
        var letter = (word[0] | 0x20) - 'a';
        if ((uint)letter >= 26)
        {
            return false;
        }

        var lengths = leadingLengths[Leading(word)];
        return word.Length < 64 ? (lengths & (1UL << word.Length)) != 0 || (lengths & (1UL << 63)) != 0 : lengths != 0;
    }

    // The slot of a word of ASCII letters (a keyword's first word, or a word of the text) by its first two letters, case
    // aside: 27 per first letter, the last for a word of one letter.
    private static int Leading(ReadOnlySpan<char> word) =>
        (((word[0] | 0x20) - 'a') * 27) + (word.Length > 1 ? (word[1] | 0x20) - 'a' : 26);

    // The rules that can start at a number whose run of digits is the one given.
    private ulong DigitRules(ReadOnlySpan<char> run)
    {
        if (packedKeys && run.Length <= 4 && System.Text.Ascii.IsValid(run))
        {
            var value = 0;
            foreach (var c in run)
            {
                value = (value * 10) + (c - '0');
            }

            return digitSlots[DigitSlot(run.Length, value)];
        }

        return DigitRulesByPattern(run);
    }

    // The slot of a run of ASCII digits of this length (1 to 4) and value ("07" and "7" differ).
    private static int DigitSlot(int length, int value) => length switch
    {
        1 => value,
        2 => 10 + value,
        3 => 110 + value,
        _ => 1110 + value,
    };

    private ulong DigitRulesByPattern(ReadOnlySpan<char> run)
    {
        var rules = digitRules;
        for (var left = digitRules; left != 0; left &= left - 1)
        {
            var rule = System.Numerics.BitOperations.TrailingZeroCount(left);
            if (digitRuns[rule] is { } pattern && !pattern.IsMatch(run))
            {
                rules &= ~(1UL << rule);
            }
        }

        return rules;
    }

    // The run of the word after run k (digits between are skipped), or runs.Length when there is none.
    private static int NextWordRun(ReadOnlySpan<Run> runs, int k)
    {
        var n = k + 1;
        while (n < runs.Length && runs[n].Kind == RunKind.Digits)
        {
            n++;
        }

        return n;
    }

    // The rules whose two-word keyword starts with the word of run k and goes on with the next word of the text (the
    // next run of letters: digits between are skipped, as every character that is not a letter).
    private ulong PairRules(string text, ReadOnlySpan<Run> runs, int k, ReadOnlySpan<char> word, ulong pairRules)
    {
        var n = NextWordRun(runs, k);
        if (n == runs.Length)
        {
            return 0;
        }

        var next = runs[n];
        var length = word.Length + 1 + next.Length;
        if (next.Kind == RunKind.OtherLetters || length > LongestPair)
        {
            return pairRules;
        }

        Span<char> pair = stackalloc char[length];
        word.CopyTo(pair);
        pair[word.Length] = ' ';
        text.AsSpan(next.Start, next.Length).CopyTo(pair[(word.Length + 1)..]);
        return pairs.TryGetValue(pair, out var rules) ? rules : 0;
    }

    /// <summary>
    /// The matches of <paramref name="anchored"/> (a rule's pattern behind <c>\G</c>) tried at <paramref name="starts"/>,
    /// the same as the rule's own pattern scanning the text; <paramref name="scanning"/> is used when starts is null.
    /// </summary>
    /// <remarks>
    /// A struct enumerator (for <c>foreach</c>), not an iterator method: the recognizers ask for the matches of ~10 rules
    /// per text, and an iterator was an object for each.
    /// </remarks>
    public static AnchoredMatches Matches(Regex? scanning, Regex anchored, string text, List<int>? starts)
    {
        if (starts is null)
        {
            ArgumentNullException.ThrowIfNull(scanning);
        }

        return new AnchoredMatches(scanning, anchored, text, starts);
    }

    /// <summary>What <see cref="Matches"/> gives, read once by <c>foreach</c>.</summary>
    internal struct AnchoredMatches(Regex? scanning, Regex anchored, string text, List<int>? starts)
    {
        private int next;
        private int from;
        private Match? current;

        public readonly Match Current => current!;

        public readonly AnchoredMatches GetEnumerator() => this;

        public bool MoveNext()
        {
            if (starts is null)
            {
                // The scanning pattern's matches in order, as Regex.Matches gives them (NextMatch goes on where it ended).
                current = current is null ? scanning!.Match(text) : current.NextMatch();
                return current.Success;
            }

            while (next < starts.Count)
            {
                var start = starts[next++];
                if (start < from)
                {
                    continue;
                }

                var match = anchored.Match(text, start);
                if (match.Success)
                {
                    // As Regex.Matches: the next match starts where this one ended, or one further after an empty match.
                    from = match.Length == 0 ? start + 1 : start + match.Length;
                    current = match;
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// Whether <paramref name="anchored"/> (a pattern behind <c>\G</c>) matches at <paramref name="at"/>, and the
    /// match's length: the match <see cref="Regex.Match(string, int)"/> gives there, found through
    /// <see cref="Regex.EnumerateMatches(ReadOnlySpan{char}, int)"/>, which makes no <see cref="Match"/> object (its
    /// groups and their capture arrays) when only the bounds are read. The whole text is given, so look-behinds see
    /// what precedes <paramref name="at"/> as they do for <c>Match</c>.
    /// </summary>
    public static bool MatchAt(Regex anchored, string text, int at, out int length)
    {
        foreach (var match in anchored.EnumerateMatches(text.AsSpan(), at))
        {
            length = match.Length;
            return true;
        }

        length = 0;
        return false;
    }

    /// <summary>
    /// Whether no word of the list (case aside), followed by a character that is not a letter or digit, begins another
    /// (spaces inside words collapsed), all words being ASCII: then at most one of them, tried as an alternation at
    /// one place, can be followed by whitespace or a dash (see the rules matched in parts by the date and quantity
    /// recognizers). ASCII, since regex case-insensitivity knows equivalences that an ordinal comparison does not.
    /// </summary>
    public static bool NoneLeadsAnother(IEnumerable<string> words)
    {
        var list = words.Select(w => string.Join(' ', w.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return list.TrueForAll(w => w.Length > 0 && System.Text.Ascii.IsValid(w))
            && !list.Exists(x => list.Exists(y => y.Length > x.Length && y.StartsWith(x, StringComparison.OrdinalIgnoreCase) && !char.IsLetterOrDigit(y[x.Length])));
    }

    /// <summary>A rule's pattern anchored at the offset it is tried from.</summary>
    public static string Anchor(string pattern) => $@"\G(?:{pattern})";

    /// <summary>
    /// The pattern as a regex (culture-invariant), made once per process: recognizers over the same lexicon build the
    /// same patterns, and a <see cref="Regex"/> is safe to use from many threads.
    /// </summary>
    /// <remarks>
    /// Interpreted, not <see cref="RegexOptions.Compiled"/>: both give the same matches, and with these patterns the
    /// interpreter reads as fast once a run has settled (a build with every pattern interpreted against one with them
    /// compiled, in one process, settled passes of 300 reports: 1.04 and 1.14 times the speed at the median pass, 1.00
    /// and 0.87 at the best), while compiling them cost more than half of a short run: ~70 patterns, a dozen of them
    /// 3–35 KB of IL that the JIT turns into up to 63 KB of machine code each. A one-file <c>extract</c> took 4.5 s of
    /// CPU compiled and 2.5–3.1 interpreted; 470 reports on one thread 12 s and 5.2 s; 3,000 reports 16.6–18.3 s and
    /// 11.3–14.3 s (session 10, same output).
    /// </remarks>
    public static Regex Pattern(string pattern) =>
        Patterns.GetOrAdd(pattern, p => new Regex(p, RegexOptions.CultureInvariant));

    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    private static void Add(List<int>?[] found, ulong rules, int offset)
    {
        while (rules != 0)
        {
            var rule = System.Numerics.BitOperations.TrailingZeroCount(rules);
            found[rule]!.Add(offset);
            rules &= rules - 1;
        }
    }

    /// <summary>
    /// The runs of letters and of digits of <paramref name="text"/> (a run of letters ends where a digit begins), in
    /// text order: the same runs <see cref="Find"/> reads, from the text's one split (<see cref="TextSplit"/>), shared
    /// with other start tests on the same text.
    /// </summary>
    public static ReadOnlySpan<Run> RunsOf(string text) => TextSplit.Of(text).Runs;

    internal enum RunKind : byte
    {
        AsciiLetters,
        OtherLetters,
        Digits,
    }

    /// <summary>A run; <paramref name="WordId"/> is the vocabulary id of the word it is when it is a whole word of ASCII letters (possibly <see cref="WordVocabulary.Unknown"/>), else <see cref="PartOfWord"/>.</summary>
    internal readonly record struct Run(int Start, int Length, RunKind Kind, int WordId = Run.PartOfWord)
    {
        /// <summary>The run is not a whole word of ASCII letters (digits, letters outside ASCII, or part of a longer word).</summary>
        public const int PartOfWord = int.MinValue;

        public int End => Start + Length;
    }
}

/// <summary>
/// One walk over a text's runs for the rules of several <see cref="RuleStarts"/> (the date and the quantity
/// recognizers' 18 + 5 rules fit in one 64-bit mask): both stages read the same body one after the other, and each
/// walked every run of it again, looking each word up in its own keyword table (~15 % of each stage).
/// </summary>
/// <remarks>
/// Why the starts are the same: a rule's bits depend only on its own keywords, digits and run pattern (the tables OR
/// each rule's bit in; the first-two-letters and length test only lets more words through to the look-up), so a rule
/// has the same starts in a walk over more rules. The rule sets join when their recognizers are built; the joint
/// tables are built on the first walk, after which no set can join. The walk's result is kept per thread for the last
/// text (keyed by the string instance, as <see cref="RuleStarts.RunsOf"/> is), so the second stage reads it.
/// </remarks>
internal sealed class SharedStartScan
{
    [ThreadStatic]
    private static Memo? last;

    private readonly List<RuleStart> rules = [];
    private readonly Lock gate = new();
    private RuleStarts? joint;

    /// <summary>Adds these rules to the walk, and returns the bit of the first of them; -1 when there is no room.</summary>
    internal int Join(IReadOnlyList<RuleStart> starts)
    {
        lock (gate)
        {
            if (joint is not null || rules.Count + starts.Count > 64)
            {
                return -1;
            }

            var shift = rules.Count;
            rules.AddRange(starts);
            return shift;
        }
    }

    /// <summary>Every offset of <paramref name="text"/> where some joined rule can start, with the rules' bits, in text order.</summary>
    internal ReadOnlySpan<(int Offset, ulong Rules)> Starts(string text)
    {
        var walk = Volatile.Read(ref joint) ?? Build();
        var memo = last ??= new Memo();
        if (!ReferenceEquals(memo.Scan, this) || !ReferenceEquals(memo.Text, text))
        {
            memo.Scan = null;
            memo.Starts.Clear();
            walk.StartsOf(text, memo.Starts);
            (memo.Scan, memo.Text) = (this, text);
        }

        return System.Runtime.InteropServices.CollectionsMarshal.AsSpan(memo.Starts);
    }

    private RuleStarts Build()
    {
        lock (gate)
        {
            return joint ??= new RuleStarts([.. rules]);
        }
    }

    private sealed class Memo
    {
        public SharedStartScan? Scan;
        public string? Text;
        public readonly List<(int Offset, ulong Rules)> Starts = [];
    }
}
