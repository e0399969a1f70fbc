using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Garrison.Domain.Dates;
using Garrison.Domain.Provenance;
using Garrison.Reading.Documents;
using Garrison.Reading.Matching;
using Garrison.Reading.Quantities;
using NodaTime;
using Piece = Garrison.Reading.Dates.DateHeadReader.Piece;

namespace Garrison.Reading.Dates;

/// <summary>
/// Finds date expressions in a text and resolves them against a dateline, keeping the precision the text gives.
/// Pure: the same text and dateline always give the same mentions; the clock is never read.
/// </summary>
/// <remarks>
/// Hand-written rules over the words of <see cref="DateLexicon"/> rather than Microsoft.Recognizers.Text: that
/// package restores here only with a stub package for a build-only dependency (ECOSYSTEM.md), falls back to
/// DateTime.Now when no reference is given, resolves "Tuesday" to a pair of candidate dates, and reads "around 2"
/// in "around 2,500" as a time. The rules below give one answer per expression, at the text's precision, with the
/// hedges ("more than two decades") the analysts need.
/// Rules: absolute dates (ISO, "October 7, 2023", "7 October 2023", "January 2020", "in 2014", "the 1990s"),
/// weekdays, ranges ("between 2014 and 2017", "2015-17", "from January to March 2020"), open intervals ("since",
/// "from", "until"), parts of a year ("mid-2019", "late 2020"), seasons, hedged dates ("around 2010"), relative
/// days, weeks, months and years ("yesterday", "last week", "earlier this month", "in the past year",
/// "two years ago"), durations that end at the dateline ("for more than two decades") and dates counted from the
/// previous date in the text ("two days later", "the next day").
/// </remarks>
public sealed class DateRecognizer
{
    // Whitespace inside an expression: spaces and at most one line break (a blank line ends a paragraph).
    private const string Ws = @"(?:[^\S\n]+\n?[^\S\n]*|\n[^\S\n]*)";

    // The digits a date starts with. Each is a whole run of digits (no digit follows it in the patterns below), so a
    // number whose run matches none of them cannot start a date and the rules are not tried there (RuleStart.DigitRun).
    private const string DayDigits = @"3[01]|[12]\d|0?[1-9]";
    private const string YearDigits = @"1[6-9]\d\d|20\d\d";
    private const string IsoYearDigits = @"\d{4}";
    private const string DecadeDigits = @"(?:1[6-9]|20)\d0";
    private const string AtomDigits = $"{IsoYearDigits}|{DayDigits}|{DecadeDigits}|{YearDigits}";
    private const string Day = $@"(?<d>{DayDigits})(?:st|nd|rd|th)?(?![\d\p{{L}}]|,\d)";
    private const string Year = $@"(?<![\d$£€.,])(?<y>{YearDigits})(?![\d\p{{L}}]|[.,]\d)";
    private const string Iso = $@"(?<![\d-])(?<iso>{IsoYearDigits}-\d{{2}}-\d{{2}})(?![\d-])";
    private const string Decade = $@"(?<dec>{DecadeDigits})['’]?s(?![\p{{L}}])";
    private const string End = @"(?![\p{L}])";

    private readonly DateLexicon lexicon;
    private readonly bool atomicNames;
    private readonly bool boundsOnly;
    private readonly Regex atomRegex;
    private readonly (Rule Rule, Regex? Scanning, Regex? Anchored, SplitRegexes? Split)[] rules;
    private readonly Regex atomAt;
    private readonly DateAtomReader? atomReader;
    private readonly RuleStarts starts;
    private const int MaxParsedAtoms = 4096;

    private readonly BoundedMemo<Atom?> parsedAtoms;
    private readonly FrozenSet<string> yearContext;
    private readonly FrozenSet<string> monthContext;

    // The same words, and the choosers ("last", "next"), looked up by the span of the word before a date (see ContextWord).
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> yearContextWords;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> monthContextWords;
    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> chooserWords;
    private readonly bool contextBySpan;
    private readonly bool yearsByHand;
    private readonly bool atomsByHand;
    private readonly bool sharedHeads;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> countNouns;

    // The characters that a date's first name (month or weekday) and a month name start with, case as written, as the
    // atom pattern's guards test them; null when a name allows no such test (see FirstCharacterGuard).
    private readonly SearchValues<char>? atomLetters;
    private readonly SearchValues<char>? monthLetters;

    // For each rule led by a keyword and then a date ("from", "between", "to", "since", "by", "around"): the characters
    // the word after it can start with (null for the other rules), and the first words of its keywords of more than
    // one word, where the test does not apply ("up" of "up to"; null when there are none). See KeywordStarts.
    private readonly SearchValues<char>?[] afterKeyword;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>>?[] phraseLeads;

    // The words that can follow the duration rule's "for" (the first words of its hedges, the number words and the
    // articles; null when one is not ASCII letters, or when the start tests are off). See NextWordStarts.
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>>? afterFor;

    // The window and duration rules' words before their unit, and their units (null when a word is not ASCII letters
    // and spaces, or when the start tests are off). See UnitAhead.
    private readonly UnitWalk? windowWalk;
    private readonly UnitWalk? durationWalk;
    private readonly bool startTests;
    private readonly CountedUnitReader? countedUnits;

    // The last run of letters of each month and weekday name (see DateCanEndBefore); null when a name does not end
    // with letters (and an optional point), so that the test would not hold.
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>>? nameEnds;

    public DateRecognizer(DateLexicon? lexicon = null)
        : this(lexicon, atomicNames: true)
    {
    }

    /// <param name="lexicon">The words; <see cref="DateLexicon.Default"/> when null.</param>
    /// <param name="atomicNames">
    /// Whether month and weekday names are matched as atomic groups where that gives the same matches (see
    /// <see cref="AtomicNamesAreExact"/>); false only to test that they do.
    /// </param>
    /// <param name="splitRules">
    /// Whether the rules that end with a date match their words and the date with separate small regexes where that
    /// gives the same matches (see <see cref="SplitIsExact"/>); false only to test that it does.
    /// </param>
    /// <param name="boundsOnly">
    /// Whether the matches whose groups are not read (the atom rule's, whose date is the whole match, and the dates and
    /// joiners of the rules matched in parts) are found without a <see cref="Match"/> object (see
    /// <see cref="RuleStarts.MatchAt"/>); false only to test that this gives the same mentions.
    /// </param>
    /// <param name="handAtoms">
    /// Whether the atom rule's date is read by <see cref="DateAtomReader"/> instead of its regex where the names are
    /// atomic (the reader mirrors that pattern); false only to test that it finds the same dates.
    /// </param>
    /// <param name="sharedStarts">A walk for the rules' starts shared with the quantity recognizer's rules, or null.</param>
    /// <param name="endTest">
    /// Whether the range rule that reads its first date behind its joiner ("2014 to 2017") is tried only where a date
    /// can end before the joiner (see <see cref="DateCanEndBefore"/>); false only to test that it finds the same.
    /// </param>
    /// <param name="startTests">
    /// Whether the year range, "until" ("by", "until"), hedged ("around") and duration ("for") rules are tried only where
    /// what follows their first word can lead on to a match (see <see cref="YearRangeStarts"/>, <see cref="KeywordStarts"/>,
    /// <see cref="NextWordStarts"/>); false only to test that they find the same.
    /// </param>
    /// <param name="handCounted">
    /// Whether the "ago" and anchored rules ("two years ago", "three days later") are read by
    /// <see cref="CountedUnitReader"/> where it is sure, instead of their regexes; false only to test that they find the same.
    /// </param>
    /// <param name="handHeads">
    /// Whether the heads of the rules matched in parts ("since the end of", "by", "around") are read by
    /// <see cref="DateHeadReader"/> where it is sure, instead of their prefix regexes; false only to test that they find the same.
    /// </param>
    /// <param name="yearsByHand">
    /// Whether a year alone is read without the memo of parsed dates (see <see cref="ParseAtom"/>); false only to test
    /// that it reads the same.
    /// </param>
    /// <param name="atomsByHand">
    /// Whether the other dates are read by <see cref="DateAtomReader.TryParse"/> instead of the memo of the atom pattern's
    /// answers (see <see cref="ParseAtom"/>); false only to test that it reads the same.
    /// </param>
    /// <param name="sharedHeads">
    /// Whether the leading pieces that every head of a rule matched in parts shares ("since" and its whitespace) are read
    /// once per start (<see cref="DateHeadReader.ReadShared"/>) instead of once per head; false only to test that they find the same.
    /// </param>
    /// <param name="otherLetterStarts">
    /// Whether a word with letters outside ASCII starts the word rules only where it may equal a keyword (see
    /// <see cref="RuleStarts"/>); false only to test that they find the same.
    /// </param>
    /// <param name="contextBySpan">
    /// Whether the word before a date is looked up in the context words and choosers by its span where it is ASCII (see
    /// <see cref="ContextWord"/>), instead of as a lower-cased copy; false only to test that they find the same.
    /// </param>
    internal DateRecognizer(DateLexicon? lexicon, bool atomicNames, bool splitRules = true, bool boundsOnly = true, bool handAtoms = true, SharedStartScan? sharedStarts = null, bool endTest = true, bool startTests = true, bool handCounted = true, bool handHeads = true, bool contextBySpan = true, bool yearsByHand = true, bool atomsByHand = true, bool sharedHeads = true, bool otherLetterStarts = true)
    {
        this.sharedHeads = sharedHeads;
        this.contextBySpan = contextBySpan;
        this.yearsByHand = yearsByHand;
        this.atomsByHand = atomsByHand;
        this.startTests = startTests;
        this.boundsOnly = boundsOnly;
        parsedAtoms = new BoundedMemo<Atom?>(ReadAtom, MaxParsedAtoms);
        this.lexicon = lexicon ?? DateLexicon.Default;
        this.atomicNames = atomicNames && AtomicNamesAreExact(this.lexicon);
        var atom = AtomPattern(guarded: true);
        yearContext = this.lexicon.YearContext.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        monthContext = this.lexicon.MonthContext.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        yearContextWords = yearContext.GetAlternateLookup<ReadOnlySpan<char>>();
        monthContextWords = monthContext.GetAlternateLookup<ReadOnlySpan<char>>();
        chooserWords = this.lexicon.Choosers.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        countNouns = this.lexicon.CountNouns.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        atomRegex = RuleStarts.Pattern($"^(?:{atom})$");
        atomLetters = FirstCharacters(this.lexicon.Months.Keys.Concat(this.lexicon.Weekdays.Keys).Concat(this.lexicon.FullWeekdayNames));
        monthLetters = FirstCharacters(this.lexicon.Months.Keys);
        // The atom rule's own regex: its look-behind holds
        // wherever a rule matched in parts reads a date, after whitespace or a dash.
        atomAt = RuleStarts.Pattern(RuleStarts.Anchor(AtomRule(atom)));
        atomReader = handAtoms && this.atomicNames ? new DateAtomReader(this.lexicon) : null;
        nameEnds = endTest ? NameEnds(this.lexicon.Months.Keys.Concat(this.lexicon.FullMonthNames).Concat(this.lexicon.Weekdays.Keys).Concat(this.lexicon.FullWeekdayNames)) : null;
        var built = BuildRules(atom, AtomPattern(guarded: false)).ToList();
        starts = new RuleStarts([.. built.Select(r => r.Start)], sharedStarts, otherLetterTest: otherLetterStarts);
        afterKeyword = [.. built.Select(r => AfterKeyword(r.Rule, r.Start))];
        phraseLeads = [.. built.Select((r, i) => afterKeyword[i] is null ? null : PhraseLeads(r.Start))];
        afterFor = startTests ? AfterFor(this.lexicon) : null;
        windowWalk = startTests ? UnitWalk.For(this.lexicon.WindowOpeners.Append("the").Concat(this.lexicon.WindowWords).Concat(CountWords(this.lexicon)), this.lexicon.Units.Keys) : null;
        durationWalk = startTests ? UnitWalk.For(this.lexicon.DurationHedges.Append("for").Concat(CountWords(this.lexicon)), LongUnits(this.lexicon)) : null;
        countedUnits = handCounted ? CountedUnitReader.For(this.lexicon) : null;
        var split = splitRules && this.atomicNames && SplitIsExact(this.lexicon);

        // A rule tried only where it can start needs no scanning pattern: making one would only slow start-up. A
        // rule matched in parts needs no whole pattern.
        rules = [.. built.Select((r, i) => split && r.Split is { } parts && !starts.Scans(i)
            ? (r.Rule, (Regex?)null, (Regex?)null, new SplitRegexes(
                [.. parts.Prefixes.Select(x => RuleStarts.Pattern(RuleStarts.Anchor(x)))],
                parts.FirstDate is null ? null : RuleStarts.Pattern(RuleStarts.Anchor(parts.FirstDate)),
                parts.Joiner is null ? null : RuleStarts.Pattern(RuleStarts.Anchor(parts.Joiner)))
            {
                Heads = handHeads && boundsOnly && parts.Heads is { } heads && heads.All(DateHeadReader.CanRead) ? heads : null,
                SharedPieces = handHeads && boundsOnly && parts.Heads is { } shared && shared.All(DateHeadReader.CanRead) ? DateHeadReader.SharedLength(shared) : 0,
            })
            : (r.Rule, starts.Scans(i) ? RuleStarts.Pattern(r.Pattern) : null, RuleStarts.Pattern(RuleStarts.Anchor(r.Pattern)), (SplitRegexes?)null))];
    }

    private enum Rule
    {
        Range,
        YearRange,
        Since,
        Until,
        Part,
        Season,
        Hedged,
        Atom,
        DayWord,
        Shift,
        Edge,
        Window,
        Ago,
        Duration,
        Anchored,
        NextUnit,
    }

    /// <summary>The date mentions of <paramref name="text"/>, in text order, without overlaps.</summary>
    public List<DateMention> Recognize(string text, PartialDate? dateline)
    {
        var candidates = new List<Candidate>();
        var offsets = starts.Find(text);
        for (var r = 0; r < rules.Length; r++)
        {
            var (rule, scanning, anchored, split) = rules[r];
            var tryAt = rule == Rule.Atom ? AtomStarts(text, offsets[r])
                : afterKeyword[r] is { } next ? KeywordStarts(text, offsets[r], next, phraseLeads[r])
                : rule == Rule.YearRange && startTests ? YearRangeStarts(text, offsets[r])
                : rule == Rule.Duration && afterFor is { } words ? UnitAhead(text, NextWordStarts(text, offsets[r], words), durationWalk)
                : rule == Rule.Window ? UnitAhead(text, offsets[r], windowWalk)
                : offsets[r];
            if (split is not null)
            {
                MatchSplit(rule, split, text, tryAt!, candidates);
                continue;
            }

            if (rule is Rule.Ago or Rule.Anchored && countedUnits is not null && tryAt is not null)
            {
                MatchCounted(rule, anchored!, text, tryAt, candidates);
                continue;
            }

            if (rule == Rule.Atom && boundsOnly && tryAt is not null && ReferenceEquals(anchored, atomAt))
            {
                MatchAtoms(text, tryAt, candidates);
                continue;
            }

            foreach (var match in RuleStarts.Matches(scanning, anchored!, text, tryAt))
            {
                if (Accept(rule, match, text, out var atom) is { } span)
                {
                    candidates.Add(new Candidate(span, rule, match, atom));
                }
            }
        }

        var chosen = LeftmostLongest.Choose(candidates, static c => c.Span, static c => (int)c.Rule);

        var mentions = new List<DateMention>();
        var line = new Dateline(dateline);
        DateSpan? anchor = null;
        foreach (var candidate in chosen)
        {
            var result = Resolve(candidate, text, line, anchor);
            if (result.Rejected)
            {
                continue;
            }

            if (result.Value is { IsUnknown: false } value)
            {
                mentions.Add(new DateMention(candidate.Span, value));
                anchor = value;
            }
            else
            {
                mentions.Add(new DateMention(candidate.Span, DateSpan.Unknown) { Unresolved = result.Why });
            }
        }

        return mentions;
    }

    /// <summary>
    /// The matches of a rule that ends with a date, tried at <paramref name="starts"/> as <see cref="RuleStarts.Matches"/>
    /// tries a whole pattern: the rule's words by the first of its prefixes that matches there and is followed by a
    /// date (the order the whole pattern's regex tries its optional parts in), the date by the date pattern alone.
    /// </summary>
    /// <remarks>
    /// Why: a pattern that holds a whole date after its words compiled to a method too large for the JIT to optimize
    /// (while patterns were compiled it ran unoptimized, ~0.5–0.8 µs per try even when its first character fails); the prefixes and the date alone
    /// are small. Why the matches are the same: see <see cref="SplitIsExact"/>.
    /// </remarks>
    private void MatchSplit(Rule rule, SplitRegexes split, string text, List<int> starts, List<Candidate> candidates)
    {
        var from = 0;
        foreach (var start in starts)
        {
            if (start < from)
            {
                continue;
            }

            if (split.ReadsDateBehind && !DateCanEndBefore(text, start))
            {
                continue;
            }

            // The pieces every head starts with ("since" and its whitespace) read once for all of them: where none
            // matches, no head can.
            var shared = DigitCountReader.Outcome.Unsure;
            int sharedEnd = 0, sharedPartStart = -1, sharedPartLength = 0;
            if (sharedHeads && split.Heads is { } heads && split.SharedPieces > 0)
            {
                shared = DateHeadReader.ReadShared(text, start, heads[0], split.SharedPieces, out sharedEnd, out sharedPartStart, out sharedPartLength);
                if (shared == DigitCountReader.Outcome.NoMatch)
                {
                    continue;
                }
            }

            for (var k = 0; k < split.Prefixes.Length; k++)
            {
                // The head's bounds first (no Match object): most heads found are not followed by a date, and a
                // Match with its groups is made only for the few that are and whose groups are read (below).
                int headLength, partStart, partLength;
                bool byHand;
                if (shared == DigitCountReader.Outcome.Match)
                {
                    var rest = DateHeadReader.ReadRest(text, start, sharedEnd, split.Heads![k], split.SharedPieces, sharedPartStart, sharedPartLength, out headLength, out partStart, out partLength);
                    if (rest == DigitCountReader.Outcome.Unsure)
                    {
                        byHand = false;
                        (partStart, partLength) = (-1, 0);
                        if (!MatchAt(split.Prefixes[k], text, start, out headLength))
                        {
                            continue;
                        }
                    }
                    else if (rest == DigitCountReader.Outcome.NoMatch)
                    {
                        continue;
                    }
                    else
                    {
                        byHand = true;
                    }
                }
                else if (!HeadAt(split, k, text, start, out headLength, out partStart, out partLength, out byHand))
                {
                    continue;
                }

                var at = start + headLength;
                string? first = null;
                var spanStart = start;
                if (split.FirstDate is { } firstDate)
                {
                    // The first date of a range is the first reading of a date there that the joiner follows (only one
                    // can be: SplitIsExact). That is nearly always the date pattern's own first reading; when the joiner
                    // does not follow that one, the pattern with the joiner as a look-ahead finds the one it follows,
                    // if any ("from May 5" is rarely a range).
                    if (!AtomAt(text, at, out var dateLength))
                    {
                        continue;
                    }

                    if (!MatchAt(split.Joiner!, text, at + dateLength, out var joinerLength))
                    {
                        if (!MatchAt(firstDate, text, at, out dateLength) || !MatchAt(split.Joiner!, text, at + dateLength, out joinerLength))
                        {
                            continue;
                        }
                    }

                    first = text.Substring(at, dateLength);
                    at += dateLength + joinerLength;
                }

                if (!AtomAt(text, at, out var length))
                {
                    continue;
                }

                string? part = null;
                if (byHand)
                {
                    // The reader read the part too (no prefix it reads holds the first date).
                    part = partStart >= 0 ? text.Substring(partStart, partLength) : null;
                }
                else if (split.ReadsGroups[k])
                {
                    // The same match as MatchAt's (the same regex at the same offset), now with its groups.
                    var head = split.Prefixes[k].Match(text, start);
                    if (split.FirstDate is null && head.Groups[SplitDateGroup] is { Success: true } behind)
                    {
                        // "… 2014 to 2017": the first date was read behind the joiner.
                        first = behind.Value;
                        spanStart = Math.Min(spanStart, behind.Index);
                    }

                    part = head.Groups[SplitPartGroup] is { Success: true } p ? p.Value : null;
                }

                var end = at + length;
                var date = text.Substring(at, length);
                var found = first is null ? new Candidate(new TextSpan(spanStart, end), rule, null, null, date, null, part)
                    : new Candidate(new TextSpan(spanStart, end), rule, null, null, first, date, part);
                if (!(FollowedByCountNoun(text, end) && ParseAtom(date) is { IsBareYear: true }))
                {
                    candidates.Add(found);
                }

                from = end;
                break;
            }
        }
    }

    /// <summary>
    /// The match of prefix <paramref name="k"/> of a rule matched in parts at <paramref name="at"/>: read by
    /// <see cref="DateHeadReader"/> (<paramref name="byHand"/>, with the part of a year it read; start -1 when none), by
    /// the prefix's regex where the reader is unsure or the rule has none.
    /// </summary>
    private bool HeadAt(SplitRegexes split, int k, string text, int at, out int length, out int partStart, out int partLength, out bool byHand)
    {
        if (split.Heads is { } heads)
        {
            var read = DateHeadReader.Read(text, at, heads[k], out length, out partStart, out partLength);
            if (read != Quantities.DigitCountReader.Outcome.Unsure)
            {
                byHand = true;
                return read == Quantities.DigitCountReader.Outcome.Match;
            }
        }

        (byHand, partStart, partLength) = (false, -1, 0);
        return MatchAt(split.Prefixes[k], text, at, out length);
    }

    // For the tests: the rules matched in parts whose heads are read by hand, as (rule index, number of prefixes).
    internal IEnumerable<(int Rule, int Prefixes)> RulesWithHeadsByHand =>
        rules.Select((r, i) => (r.Split, i)).Where(r => r.Split?.Heads is not null).Select(r => (r.i, r.Split!.Prefixes.Length));

    // For the tests: prefix k of rule r read by hand (null where the reader leaves it to the regex), and by its regex,
    // each with the part of a year (null when none).
    internal bool? HeadByHand(int rule, int k, string text, int at, out int length, out string? part)
    {
        var read = DateHeadReader.Read(text, at, rules[rule].Split!.Heads![k], out length, out var partStart, out var partLength);
        part = partStart >= 0 ? text.Substring(partStart, partLength) : null;
        return read switch
        {
            Quantities.DigitCountReader.Outcome.Match => true,
            Quantities.DigitCountReader.Outcome.NoMatch => false,
            _ => null,
        };
    }

    internal bool HeadByRegex(int rule, int k, string text, int at, out int length, out string? part)
    {
        var match = rules[rule].Split!.Prefixes[k].Match(text, at);
        length = match.Length;
        part = match.Groups[SplitPartGroup] is { Success: true } p ? p.Value : null;
        return match.Success;
    }

    /// <summary>
    /// The "ago" and anchored rules' matches at <paramref name="starts"/>, as <see cref="RuleStarts.Matches"/> finds them:
    /// read by <see cref="CountedUnitReader"/>, by the rule's regex where the reader is unsure.
    /// </summary>
    private void MatchCounted(Rule rule, Regex anchored, string text, List<int> starts, List<Candidate> candidates)
    {
        var from = 0;
        foreach (var start in starts)
        {
            if (start < from)
            {
                continue;
            }

            var read = countedUnits!.Read(text, start, rule == Rule.Ago, out var countStart, out var countEnd, out var unitEnd, out var wordStart, out var end);
            if (read == CountedUnitReader.Outcome.Match)
            {
                // The mention starts at the count, read in the rule's look-behind (Accept's StartOf), and ends with its word.
                candidates.Add(new Candidate(new TextSpan(countStart, end), rule, null, null)
                {
                    Count = text[countStart..countEnd],
                    Unit = text[start..unitEnd],
                    Direction = text[wordStart..end],
                });
                from = end;
            }
            else if (read == CountedUnitReader.Outcome.Unsure && anchored.Match(text, start) is { Success: true } match)
            {
                if (Accept(rule, match, text, out var atom) is { } span)
                {
                    candidates.Add(new Candidate(span, rule, match, atom));
                }

                // As Regex.Matches: the next match starts where this one ended, or one further after an empty match.
                from = match.Length == 0 ? start + 1 : start + match.Length;
            }
        }
    }

    /// <summary>
    /// Whether a date can end right before the whitespace before <paramref name="at"/>, as the look-behind of the range
    /// rule that reads its first date behind its joiner needs ("2014 to 2017"; the joiner "to" is common, the date
    /// before it rare). A date ends with a digit (a year, a day, an ISO date), with a day's suffix or a decade's "s"
    /// after digits ("7th", "1990s", "1990's"), or with a month or weekday name, an abbreviation perhaps followed by a
    /// point; the rule's look-behind puts whitespace between it and the joiner. A word of letters outside ASCII is left
    /// to the regex (its case-insensitivity is wider than the ordinal comparison of the names).
    /// </summary>
    private bool DateCanEndBefore(string text, int at)
    {
        if (nameEnds is not { } names)
        {
            return true;
        }

        var p = at - 1;
        if (p < 0 || !char.IsWhiteSpace(text[p]))
        {
            return false;
        }

        while (p >= 0 && char.IsWhiteSpace(text[p]))
        {
            p--;
        }

        if (p < 0)
        {
            return false;
        }

        if (char.IsDigit(text[p]))
        {
            return true;
        }

        if (text[p] == '.')
        {
            p--;
        }

        var end = p + 1;
        while (p >= 0 && char.IsLetter(text[p]))
        {
            p--;
        }

        if (p + 1 == end)
        {
            return false;
        }

        if (p >= 0 && (char.IsDigit(text[p]) || text[p] is '\'' or '’'))
        {
            return true;
        }

        var word = text.AsSpan(p + 1, end - p - 1);
        return !Ascii.IsValid(word) || names.Contains(word);
    }

    /// <summary>The last run of letters of each name (a point after it dropped), or null when a name ends otherwise.</summary>
    private static FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>>? NameEnds(IEnumerable<string> names)
    {
        var ends = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in names)
        {
            var end = name.EndsWith('.') ? name.Length - 1 : name.Length;
            var start = end;
            while (start > 0 && char.IsLetter(name[start - 1]))
            {
                start--;
            }

            if (start == end || !Ascii.IsValid(name))
            {
                return null;
            }

            ends.Add(name[start..end]);
        }

        return ends.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>
    /// The atom rule's matches at <paramref name="starts"/>, as <see cref="RuleStarts.Matches"/> finds them, through
    /// their bounds alone: the rule's date (group <c>a</c>) is the whole match (its look-behind is empty), so no group
    /// needs reading, and the rule matches a few dozen times per report.
    /// </summary>
    private void MatchAtoms(string text, List<int> starts, List<Candidate> candidates)
    {
        var from = 0;
        foreach (var start in starts)
        {
            if (start < from || !AtomAt(text, start, out var length))
            {
                continue;
            }

            var value = text.Substring(start, length);
            if (AcceptAtom(text, start, start + length, value, out var atom) is { } span)
            {
                candidates.Add(new Candidate(span, Rule.Atom, null, atom, value));
            }

            // As Regex.Matches: the next match starts where this one ended, or one further after an empty match.
            from = length == 0 ? start + 1 : start + length;
        }
    }

    // The length of the date the atom rule finds at the offset: read by hand, or by its regex when comparing.
    private bool AtomAt(string text, int at, out int length) =>
        atomReader is not null ? atomReader.MatchAt(text, at, out length) : MatchAt(atomAt, text, at, out length);

    /// <summary>The atom rule's regex at one offset, for the tests that compare <see cref="DateAtomReader"/> with it.</summary>
    internal bool AtomRegexMatchAt(string text, int at, out int length) => RuleStarts.MatchAt(atomAt, text, at, out length);

    // A match's length where the anchored regex matches at the offset; with a Match object only when comparing (boundsOnly false).
    private bool MatchAt(Regex anchored, string text, int at, out int length)
    {
        if (boundsOnly)
        {
            return RuleStarts.MatchAt(anchored, text, at, out length);
        }

        var match = anchored.Match(text, at);
        length = match.Length;
        return match.Success;
    }

    /// <summary>
    /// The offsets where the atom rule can match, of those <see cref="RuleStarts"/> found. A word there must start
    /// with a letter that a month or weekday name starts with, case as written (the names match case-sensitively),
    /// and a number of one or two digits can only be a day before a month ("7 October", "7th of October"). The
    /// pattern's own guards require the same, so the matches are the same; the test spares a regex call at most
    /// counts ("9 soldiers") and at words such as "may" and "march".
    /// </summary>
    private List<int>? AtomStarts(string text, List<int>? offsets) => atomLetters is null || monthLetters is null ? offsets
        : KeepWhere(text, offsets, (atomLetters, monthLetters), static (text, at, letters) => AtomCanStartAt(text, at, letters.atomLetters, letters.monthLetters));

    /// <summary>
    /// Keeps, in place and in their order, the offsets where <paramref name="canStart"/> holds (the start tests below);
    /// null stays null.
    /// </summary>
    private static List<int>? KeepWhere<TState>(string text, List<int>? offsets, TState state, Func<string, int, TState, bool> canStart)
    {
        if (offsets is null)
        {
            return null;
        }

        var kept = 0;
        for (var k = 0; k < offsets.Count; k++)
        {
            if (canStart(text, offsets[k], state))
            {
                offsets[kept++] = offsets[k];
            }
        }

        offsets.RemoveRange(kept, offsets.Count - kept);
        return offsets;
    }

    private static bool AtomCanStartAt(string text, int at, SearchValues<char> atomLetters, SearchValues<char> monthLetters)
    {
        if (!char.IsDigit(text[at]))
        {
            return atomLetters.Contains(text[at]);
        }

        var end = at;
        while (end < text.Length && char.IsDigit(text[end]))
        {
            end++;
        }

        if (end - at == 4)
        {
            return true; // a year, a decade or an ISO date
        }

        if (end - at > 2)
        {
            return false;
        }

        // A day: its ordinal suffix perhaps, whitespace, "of" perhaps, then a month.
        var p = end;
        if (p + 2 <= text.Length && text.AsSpan(p, 2) is "st" or "nd" or "rd" or "th")
        {
            p += 2;
        }

        if (p >= text.Length || !char.IsWhiteSpace(text[p]))
        {
            return false;
        }

        p = SkipWhiteSpace(text, p);
        if (p < text.Length && monthLetters.Contains(text[p]))
        {
            return true;
        }

        if (p + 2 < text.Length && text.AsSpan(p, 2).Equals("of", StringComparison.OrdinalIgnoreCase) && char.IsWhiteSpace(text[p + 2]))
        {
            p = SkipWhiteSpace(text, p + 2);
            return p < text.Length && monthLetters.Contains(text[p]);
        }

        return false;
    }

    /// <summary>
    /// The characters that can follow the one-word keyword of a range or "since" rule and the whitespace after it: a
    /// digit or a date's first letter, and for "since" also "the" and a part of a year ("since the end of 2019", "from
    /// mid-2020"), in either case. Null when the rule is another, when a keyword is more than one run of ASCII letters
    /// (the test reads the keyword as the word at the offset), or when the date's letters allow no test.
    /// </summary>
    private SearchValues<char>? AfterKeyword(Rule rule, RuleStart start)
    {
        // Range and since: every keyword is one word. Until and hedged: keywords of more than one word ("up to", "no
        // later than", "c.") leave their first word untested (PhraseLeads); tested only with the start tests on.
        var oneWordKeywords = rule is Rule.Range or Rule.Since;
        if (!(oneWordKeywords || (startTests && rule is Rule.Until or Rule.Hedged)) || atomLetters is null || start.Keywords is null
            || !start.Keywords.All(k => k.Length > 0 && char.IsAsciiLetter(k[0]) && Ascii.IsValid(k))
            || (oneWordKeywords && !start.Keywords.All(k => k.All(char.IsAsciiLetter))))
        {
            return null;
        }

        var firsts = lexicon.Months.Keys.Concat(lexicon.Weekdays.Keys).Concat(lexicon.FullWeekdayNames).Select(n => n[0]).ToList();
        if (rule is Rule.Since or Rule.Until)
        {
            // A part or "the" matches in any case; letters with a case-insensitive match outside ASCII ("k", "s") get no test.
            if (lexicon.Parts.Keys.Any(p => p.Length == 0 || !char.IsAsciiLetter(p[0]) || char.ToLowerInvariant(p[0]) is 'k' or 's'))
            {
                return null;
            }

            foreach (var word in rule == Rule.Since ? lexicon.Parts.Keys.Append("the") : lexicon.Parts.Keys)
            {
                firsts.Add(char.ToLowerInvariant(word[0]));
                firsts.Add(char.ToUpperInvariant(word[0]));
            }
        }

        return SearchValues.Create([.. firsts.Distinct()]);
    }

    /// <summary>
    /// The offsets where a keyword rule can match: the keyword (the run of letters at the offset) must be followed by
    /// whitespace and then a character that <paramref name="next"/> holds or a digit, as the rule's pattern requires
    /// (its date is guarded by the same first characters). The matches are the same; most "to" and "from" in a report
    /// lead to no date, and the test spares their regex calls (the "to" rule's look-behind reads a date backwards).
    /// </summary>
    private static List<int>? KeywordStarts(string text, List<int>? offsets, SearchValues<char> next, FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>>? phraseLeads) =>
        KeepWhere(text, offsets, (next, phraseLeads), static (text, at, tests) => KeywordCanStartAt(text, at, tests.next, tests.phraseLeads));

    private static bool KeywordCanStartAt(string text, int at, SearchValues<char> next, FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>>? phraseLeads)
    {
        var p = at;
        while (p < text.Length && char.IsLetter(text[p]))
        {
            p++;
        }

        // A word that may begin a keyword of several words ("up" of "up to"; any word outside ASCII, which may equal
        // one ignoring case) is left to the rule: the word after it is the keyword's, not the date's.
        if (phraseLeads is { } leads && (leads.Contains(text.AsSpan(at, p - at)) || !Ascii.IsValid(text.AsSpan(at, p - at))))
        {
            return true;
        }

        if (p < text.Length && char.IsWhiteSpace(text[p]))
        {
            p = SkipWhiteSpace(text, p);
            return p < text.Length && (char.IsDigit(text[p]) || next.Contains(text[p]));
        }

        return false;
    }

    /// <summary>
    /// The first runs of letters of the keywords that are not one word of letters ("up" of "up to", "c" of "c."), or null
    /// when every keyword is one word. At such a run the keyword may go on past it, so <see cref="KeywordStarts"/> keeps
    /// the offset; at any other, the keyword that matches there is the whole run of letters (it is letters, and the
    /// whitespace after it in the pattern is no letter).
    /// </summary>
    private static FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>>? PhraseLeads(RuleStart start)
    {
        var leads = start.Keywords?.Where(k => !k.All(char.IsAsciiLetter)).Select(k => new string([.. k.TakeWhile(char.IsLetter)])).ToList();
        return leads is null || leads.Count == 0 ? null : leads.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>
    /// The offsets where the year range rule ("2014-17", "2014 – 2017") can match: its year is the whole run of digits
    /// there (the rule's digit pattern holds the run) and whitespace perhaps, then a dash, follow it. The rule is tried
    /// at every year of a report (~15), and nearly none is a range; its regex costs ~0.7 µs a try.
    /// </summary>
    /// <remarks>
    /// Why the matches are the same: the year group is four digits followed by no digit, so it ends where the run of
    /// digits ends; the optional whitespace after it is whitespace only, and a dash follows it. Skipping all the
    /// whitespace there reaches that dash, or a pattern that stopped short would leave whitespace where the dash must be.
    /// </remarks>
    private static List<int>? YearRangeStarts(string text, List<int>? offsets) =>
        KeepWhere(text, offsets, 0, static (text, at, _) => YearRangeCanStartAt(text, at));

    private static bool YearRangeCanStartAt(string text, int at)
    {
        var p = at;
        while (p < text.Length && char.IsDigit(text[p]))
        {
            p++;
        }

        p = SkipWhiteSpace(text, p);
        return p < text.Length && text[p] is '-' or '–' or '—';
    }

    /// <summary>
    /// The words that can follow the duration rule's keyword ("for two years", "for more than a decade"): the first words
    /// of its hedges, the number words and the articles, or null when one of them does not start with an ASCII letter or
    /// is not ASCII (the test would not hold; see <see cref="NextWordStarts"/>).
    /// </summary>
    private static FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>>? AfterFor(DateLexicon lexicon)
    {
        var hedges = lexicon.DurationHedges.ToList();
        var numbers = lexicon.Numbers.AllWords.Concat(lexicon.Numbers.Articles).ToList();
        if (!hedges.TrueForAll(h => h.Length > 0 && char.IsAsciiLetter(h[0]) && Ascii.IsValid(h)) || !numbers.TrueForAll(n => n.Length > 0 && n.All(char.IsAsciiLetter)))
        {
            return null;
        }

        return hedges.Select(h => new string([.. h.TakeWhile(char.IsAsciiLetter)])).Concat(numbers)
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>
    /// The offsets where the duration rule can match: its keyword ("for", a common word; ~2.6 a report, nearly none a
    /// duration) is followed by whitespace and then a digit, or a word that <paramref name="words"/> holds (case aside),
    /// or a word outside ASCII (regex case-insensitivity is wider than the ordinal comparison).
    /// </summary>
    /// <remarks>
    /// Why the matches are the same: after the keyword and its whitespace the pattern reads a hedge or a count. A count
    /// starts with a digit, a number word or an article; a number word or an article is letters followed (in every way
    /// through the pattern) by a hyphen or whitespace, so it is the whole run of letters there, as is a hedge of one word;
    /// a hedge of several starts with its first run of letters, followed by a non-letter. Skipping all the whitespace
    /// reaches that word: a pattern whose whitespace stopped short would leave whitespace where the word must start.
    /// </remarks>
    private static List<int>? NextWordStarts(string text, List<int>? offsets, FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> words) =>
        KeepWhere(text, offsets, words, static (text, at, words) => NextWordCanStartAt(text, at, words));

    private static bool NextWordCanStartAt(string text, int at, FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> words)
    {
        var p = at;
        while (p < text.Length && char.IsLetter(text[p]))
        {
            p++;
        }

        if (p == text.Length || !char.IsWhiteSpace(text[p]))
        {
            return false;
        }

        p = SkipWhiteSpace(text, p);
        if (p == text.Length)
        {
            return false;
        }

        if (char.IsDigit(text[p]))
        {
            return true;
        }

        var end = p;
        while (end < text.Length && char.IsLetter(text[end]))
        {
            end++;
        }

        var word = text.AsSpan(p, end - p);
        return word.Length > 0 && (!Ascii.IsValid(word) || words.Contains(word));
    }

    // The words of the date rules' count ("two", "twenty", "and", "a"): its number words, the "and" between them, its articles.
    private static IEnumerable<string> CountWords(DateLexicon lexicon) => lexicon.Numbers.AllWords.Append("and").Concat(lexicon.Numbers.Articles);

    // The units the duration rule reads (years and decades).
    private static IEnumerable<string> LongUnits(DateLexicon lexicon) =>
        lexicon.Units.Where(u => u.Value is DateUnit.Year or DateUnit.Decade).Select(u => u.Key);

    /// <summary>
    /// The offsets where the window or the duration rule ("in the past two years", "for more than a decade") can match:
    /// from there, the runs of letters up to the first unit are all words of the rule's phrase (see <see cref="UnitWalk"/>).
    /// Both rules start at common words ("for", "in the", "the last"; ~3 a bench report, nearly none a match), and
    /// each try is a regex call with a <see cref="Match"/> object.
    /// </summary>
    /// <remarks>
    /// Why the matches are the same: a match is the rule's words (its keyword, opener, "the", window word, hedge, count)
    /// separated by whitespace or hyphens, digits perhaps (a count), then a unit followed by no letter. Each of those words
    /// is letters followed by a non-letter (whitespace or a hyphen in the pattern, the unit's look-ahead), so each is the
    /// whole run of letters there, and the walk meets them in order: every run before the unit is one of the phrase's
    /// words, case aside, and the first that is not is the unit. A run with letters outside ASCII is kept (regex
    /// case-insensitivity is wider than the ordinal comparison), as is a run that is a unit anywhere before.
    /// </remarks>
    private static List<int>? UnitAhead(string text, List<int>? offsets, UnitWalk? walk) =>
        walk is null ? offsets : KeepWhere(text, offsets, walk, static (text, at, walk) => walk.MayReachUnit(text, at));

    /// <summary>The words a rule's phrase holds before its unit (case aside, split into runs of letters), and its units.</summary>
    private sealed class UnitWalk(FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> words, FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> units)
    {
        /// <summary>A walk over these words and units, or null when one is not ASCII letters and spaces (the test would not hold).</summary>
        public static UnitWalk? For(IEnumerable<string> words, IEnumerable<string> units)
        {
            var wordList = words.ToList();
            var unitList = units.ToList();
            if (!wordList.TrueForAll(w => w.Length > 0 && w.All(c => char.IsAsciiLetter(c) || c == ' ')) || !unitList.TrueForAll(u => u.Length > 0 && u.All(char.IsAsciiLetter)))
            {
                return null;
            }

            return new UnitWalk(
                wordList.SelectMany(w => w.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>(),
                unitList.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>());
        }

        /// <summary>Whether the runs of letters from <paramref name="at"/> are the phrase's words up to a unit (only whitespace, hyphens and digits between).</summary>
        public bool MayReachUnit(string text, int at)
        {
            var p = at;
            while (p < text.Length)
            {
                var c = text[p];
                if (char.IsWhiteSpace(c) || c == '-' || char.IsDigit(c))
                {
                    p++;
                    continue;
                }

                if (!char.IsLetter(c))
                {
                    return false;
                }

                var end = p;
                var ascii = true;
                while (end < text.Length && char.IsLetter(text[end]))
                {
                    ascii &= char.IsAscii(text[end]);
                    end++;
                }

                var run = text.AsSpan(p, end - p);
                if (!ascii || units.Contains(run))
                {
                    return true;
                }

                if (!words.Contains(run))
                {
                    return false;
                }

                p = end;
            }

            return false;
        }
    }

    private static int SkipWhiteSpace(string text, int from)
    {
        while (from < text.Length && char.IsWhiteSpace(text[from]))
        {
            from++;
        }

        return from;
    }

    // The first characters of the names, or null when one is empty or starts with whitespace (as FirstCharacterGuard):
    // no character can then be ruled out. Also the atom reader's guard before its name lists.
    internal static SearchValues<char>? FirstCharacters(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Exists(n => n.Length == 0 || char.IsWhiteSpace(n[0])) ? null : SearchValues.Create([.. list.Select(n => n[0]).Distinct()]);
    }

    private static string Alternation(IEnumerable<string> words, Func<string, string>? shape = null) =>
        string.Join('|', words.Distinct().OrderByDescending(w => w.Length)
            .Select(w => shape?.Invoke(w) ?? Regex.Escape(w).Replace("\\ ", Ws, StringComparison.Ordinal)));

    private static string Words(IEnumerable<string> words) => $"(?i:{Alternation(words)})";

    /// <summary>The pattern of one date ("October 7, 2023", "2014", "Sunday").</summary>
    /// <param name="guarded">
    /// Whether each list of names (and the whole) first looks ahead at the first character it can start with. The
    /// lookahead only states what the alternatives already require, so the matches are the same; it lets a try that
    /// cannot match fail at once rather than after comparing every month and weekday name in each branch. Patterns
    /// read backwards (inside a lookbehind) are left unguarded.
    /// </param>
    private string AtomPattern(bool guarded)
    {
        var fullMonths = lexicon.FullMonthNames.ToHashSet(StringComparer.Ordinal);
        var monthGuard = guarded ? FirstCharacterGuard(lexicon.Months.Keys, null) : "";
        var atomic = guarded && atomicNames;
        var month = atomic
            ? $"{monthGuard}(?<m>(?>{AtomicMonths(fullMonths)})){End}"
            : $"{monthGuard}(?<m>{Alternation(lexicon.Months.Keys, n => fullMonths.Contains(n) ? n : Regex.Escape(n) + @"\.?")}){End}";
        var anyWeekday = $"{(guarded ? FirstCharacterGuard(lexicon.Weekdays.Keys, null) : "")}{Name("wd", Alternation(lexicon.Weekdays.Keys), atomic)}";
        var fullWeekday = $"{(guarded ? FirstCharacterGuard(lexicon.FullWeekdayNames, null) : "")}{Name("wd", Alternation(lexicon.FullWeekdayNames), atomic)}";
        var guard = guarded ? FirstCharacterGuard(lexicon.Months.Keys.Concat(lexicon.Weekdays.Keys).Concat(lexicon.FullWeekdayNames), @"\d") : "";
        return guard + $"""
            (?:{Iso}
            |(?:{anyWeekday},?{Ws})?{month}{Ws}{Day}(?:,?{Ws}{Year})?
            |(?:{anyWeekday},?{Ws})?{Day}{Ws}(?:(?i:of){Ws})?{month}(?:,?{Ws}{Year})?
            |{month},?{Ws}(?:(?i:of){Ws})?{Year}
            |{Decade}
            |{month}
            |{Year}
            |{fullWeekday})
            """.Replace("\n", string.Empty, StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal);
    }

    // A weekday name group and the non-letter after it, the names atomic or not (see AtomicNamesAreExact).
    private static string Name(string group, string alternation, bool atomic) =>
        atomic ? $"(?<{group}>(?>{alternation})){End}" : $"(?<{group}>{alternation}){End}";

    // The month names for an atomic group: full names first, then abbreviations with their dot when no letter follows it.
    private string AtomicMonths(HashSet<string> fullMonths)
    {
        var full = Alternation(lexicon.Months.Keys.Where(fullMonths.Contains));
        var abbreviations = lexicon.Months.Keys.Where(n => !fullMonths.Contains(n)).ToList();
        return abbreviations.Count == 0 ? full : $@"{full}|(?:{Alternation(abbreviations)})(?:\.{End})?";
    }

    /// <summary>
    /// Whether month and weekday names can be matched by atomic groups (each name group commits to the first name
    /// that matches) with the same matches as the plain alternations.
    /// </summary>
    /// <remarks>
    /// Why: a date rule's pattern holds the month alternation up to eight times; with every name a backtracking point
    /// the compiled method grows past the size the JIT optimizes, runs unoptimized and zeroes a large frame on every
    /// call (~0.8 µs per try of the date rule alone; atomic, ~0.2 µs). An atomic group that holds a capture, or a
    /// look-ahead per name, is again too large, hence the shape: <c>(?&lt;m&gt;(?&gt;full names|(?:abbreviations)(?:\.(?!\p{L}))?))(?!\p{L})</c>.
    /// Why the matches stay the same when every name is letters only and no full month name begins an abbreviation:
    /// the names that match at one place are then prefixes of one another, and the plain alternation (longest first)
    /// and the atomic one (full names, then abbreviations, each longest first) both try the longest first. A shorter
    /// name ends on a letter of the longer one, so the non-letter test after it fails: the plain group's retries
    /// with other names never succeed. The one retry that can succeed is an abbreviation without the dot that follows
    /// it, when a letter follows the dot ("Sept.x"): the atomic group takes the dot only when no letter follows it,
    /// which gives that match. Leaving out a dot that is followed by a non-letter leaves the dot next, and what can
    /// follow a month in any rule (whitespace, a comma, the end of the date) never starts with a dot. The pattern
    /// read backwards (the "to" rule's look-behind) keeps the plain groups.
    /// </remarks>
    private static bool AtomicNamesAreExact(DateLexicon lexicon)
    {
        var names = lexicon.Months.Keys.Concat(lexicon.Weekdays.Keys).Concat(lexicon.FullWeekdayNames).ToList();
        var full = lexicon.FullMonthNames.Where(lexicon.Months.ContainsKey).ToList();
        return names.TrueForAll(n => n.Length > 0 && n.All(char.IsLetter))
            && !full.Exists(f => lexicon.Months.Keys.Any(n => n.Length > f.Length && n.StartsWith(f, StringComparison.Ordinal) && !full.Contains(n)));
    }

    // A lookahead at the characters that the names start with (case as written: the names match case-sensitively).
    // None when a name is empty or starts with a space (which matches any whitespace): it would then not be implied.
    private static string FirstCharacterGuard(IEnumerable<string> names, string? alsoClass)
    {
        var list = names.ToList();
        return list.Exists(n => n.Length == 0 || char.IsWhiteSpace(n[0])) ? ""
            : $"(?=[{alsoClass}{string.Concat(list.Select(n => n[0]).Distinct().Order().Select(c => $@"\u{(int)c:X4}"))}])";
    }

    // The groups a rule matched in parts reads from its prefix: the first date of a range read behind the joiner, the part of a year.
    private const string SplitDateGroup = "a";
    private const string SplitPartGroup = "part";

    /// <summary>
    /// Whether the rules that end with a date can be matched in parts (<see cref="MatchSplit"/>) with the same matches
    /// as their whole patterns.
    /// </summary>
    /// <remarks>
    /// A whole pattern's regex tries its optional parts (the "the" and the part of "since the end of 2019") and its
    /// alternatives in order and backtracks into them when the date after them fails; the prefixes list each
    /// combination of optional parts as its own pattern, in that order, and the date is tried after each. What a
    /// prefix does not list are the alternatives inside it (the keywords, the parts' words): the regex takes the first
    /// that matches, and would try another if the date then failed. No other can be followed by a date when no word
    /// of a list, followed by a space or dash, begins another (the first that matches is then the only one that can
    /// be followed by the separator), which needs ASCII words (regex case-insensitivity is wider than an ordinal
    /// comparison). A range's first date is followed by its joiner ("and", "to"): a date's words are names, "of" and
    /// numbers, so when no month or weekday name is a joiner, only one reading of the date ends where a joiner
    /// follows. Names of letters only are needed for that too (as for the atomic groups).
    /// </remarks>
    private static bool SplitIsExact(DateLexicon lexicon)
    {
        string[] joiners = ["and", "to", "until", "till", "through", "of"];
        var names = lexicon.Months.Keys.Concat(lexicon.Weekdays.Keys).Concat(lexicon.FullWeekdayNames);
        return !names.Any(n => !Ascii.IsValid(n) || joiners.Contains(n, StringComparer.OrdinalIgnoreCase))
            && RuleStarts.NoneLeadsAnother(lexicon.SinceWords) && RuleStarts.NoneLeadsAnother(lexicon.UntilWords) && RuleStarts.NoneLeadsAnother(lexicon.Parts.Keys)
            && RuleStarts.NoneLeadsAnother(["to", "until", "till", "through"]) && RuleStarts.NoneLeadsAnother(lexicon.DateHedges);
    }

    /// <summary>How a rule that ends with a date is matched in parts (see <see cref="MatchSplit"/>), as patterns.</summary>
    /// <param name="Prefixes">The rule's words up to its (last) date, one pattern per combination of its optional parts, in the order its whole pattern tries them.</param>
    /// <param name="FirstDate">For a range read forwards, the first date with a look-ahead at the joiner after it.</param>
    /// <param name="Joiner">The joiner between the range's dates, with the whitespace around it.</param>
    /// <param name="Heads">The prefixes as <see cref="DateHeadReader"/> reads them, one per prefix, or null when none is read by hand.</param>
    private sealed record Split(string[] Prefixes, string? FirstDate = null, string? Joiner = null, DateHeadReader.Piece[][]? Heads = null);

    /// <summary>
    /// A <see cref="Split"/> as regexes.
    /// </summary>
    /// <param name="ReadsGroups">For each prefix, whether it holds a group <see cref="MatchSplit"/> reads (the first date read behind, the part of a year).</param>
    private sealed record SplitRegexes(Regex[] Prefixes, Regex? FirstDate, Regex? Joiner)
    {
        public bool[] ReadsGroups { get; } = [.. Prefixes.Select(p => p.GroupNumberFromName(SplitDateGroup) >= 0 || p.GroupNumberFromName(SplitPartGroup) >= 0)];

        /// <summary>Whether the rule reads its first date behind its joiner (tried only where DateCanEndBefore).</summary>
        public bool ReadsDateBehind { get; } = Prefixes.Any(p => p.GroupNumberFromName(SplitDateGroup) >= 0);

        /// <summary>The prefixes as <see cref="DateHeadReader"/> reads them (see <see cref="Split"/>), or null when the regexes read them.</summary>
        public DateHeadReader.Piece[][]? Heads { get; init; }

        /// <summary>How many leading pieces every head shares (<see cref="DateHeadReader.SharedLength"/>), read once per start; 0 when none.</summary>
        public int SharedPieces { get; init; }
    }

    private static string AtomRule(string atom) => $@"(?<![\p{{L}}\d])(?<a>{atom})";

    /// <param name="atom">The date pattern, guarded, for the parts read forwards.</param>
    /// <param name="backwardAtom">The same, unguarded, for a date inside a lookbehind.</param>
    private IEnumerable<(Rule Rule, string Pattern, RuleStart Start, Split? Split)> BuildRules(string atom, string backwardAtom)
    {
        var a = $"(?<a>{atom})";
        var b = $"(?<b>{atom})";
        var parts = Words(lexicon.Parts.Keys);
        var units = Words(lexicon.Units.Keys);
        var calendarUnits = Words(lexicon.Units.Where(u => u.Value is DateUnit.Week or DateUnit.Month or DateUnit.Year).Select(u => u.Key));
        var longUnits = Words(lexicon.Units.Where(u => u.Value is DateUnit.Year or DateUnit.Decade).Select(u => u.Key));
        var numberWord = Alternation(lexicon.Numbers.AllWords);
        var count = $@"(?<n>\d{{1,3}}|(?i:(?:{numberWord})(?:(?:-|{Ws}(?:and{Ws})?)(?:{numberWord}))*)|(?i:{Alternation(lexicon.Numbers.Articles)}))";

        // Each rule says where its match can start (RuleStarts), in step with its pattern's first part.
        // Rules that end with a date also say how they are matched in parts (MatchSplit): the same pattern cut at the
        // date, one prefix per combination of its optional parts.
        // The prefixes also as DateHeadReader's pieces, part for part (the equivalence tests compare the two).
        var joinTo = "(?i:to|until|till|through)";
        var partThen = $"(?<{SplitPartGroup}>{parts})(?:-|{Ws})";
        Piece[] partThenHead = [Piece.Words(lexicon.Parts.Keys, isPart: true), Piece.HyphenOrSpace];
        yield return (Rule.Range, $@"\b(?<op>(?i:between)){Ws}{a}{Ws}(?i:and){Ws}{b}", RuleStart.Words(["between"]),
            new([$@"\b(?<op>(?i:between)){Ws}"], $"(?:{atom})(?={Ws}(?i:and){Ws})", $"{Ws}(?i:and){Ws}", [[Piece.WordStart, Piece.Words(["between"]), Piece.Space]]));
        yield return (Rule.Range, $@"\b(?<op>(?i:from)){Ws}{a}{Ws}{joinTo}{Ws}{b}", RuleStart.Words(["from"]),
            new([$@"\b(?<op>(?i:from)){Ws}"], $"(?:{atom})(?={Ws}{joinTo}{Ws})", $"{Ws}{joinTo}{Ws}", [[Piece.WordStart, Piece.Words(["from"]), Piece.Space]]));
        // Rules whose first part is a date or a count look it up behind a keyword ("to", "ago", "later"): starting
        // with the keyword lets the regex engine skip quickly to the few places where the rule can match.
        var toBehind = $@"(?<=(?<![\p{{L}}\d])(?<{SplitDateGroup}>{backwardAtom}){Ws}){joinTo}{Ws}";
        yield return (Rule.Range, toBehind + b, RuleStart.Words(["to", "until", "till", "through"]), new([toBehind]));
        yield return (Rule.YearRange, $@"(?<a>{Year}){Ws}?[-–—]{Ws}?(?<b>1[6-9]\d\d|20\d\d|\d\d)(?![\d\p{{L}}]|[.,]\d)", new RuleStart(null, Digits: true, DigitRun: YearDigits), null);
        var since = $@"\b(?<op>{Words(lexicon.SinceWords)}){Ws}";
        Piece[] sinceHead = [Piece.WordStart, Piece.Words(lexicon.SinceWords), Piece.Space];
        Piece[] theHead = [Piece.Words(["the"]), Piece.Space];
        yield return (Rule.Since, $@"{since}(?:(?i:the){Ws})?(?:{partThen})?{a}", RuleStart.Words(lexicon.SinceWords),
            new([$"{since}(?i:the){Ws}{partThen}", $"{since}(?i:the){Ws}", since + partThen, since], Heads:
                [[.. sinceHead, .. theHead, .. partThenHead], [.. sinceHead, .. theHead], [.. sinceHead, .. partThenHead], sinceHead]));
        var until = $@"\b(?<op>{Words(lexicon.UntilWords)}){Ws}";
        Piece[] untilHead = [Piece.WordStart, Piece.Words(lexicon.UntilWords), Piece.Space];
        yield return (Rule.Until, $@"{until}(?:{partThen})?{a}", RuleStart.Words(lexicon.UntilWords), new([until + partThen, until], Heads: [[.. untilHead, .. partThenHead], untilHead]));
        var part = $@"\b(?<{SplitPartGroup}>{parts})";
        Piece[] partHead = [Piece.WordStart, Piece.Words(lexicon.Parts.Keys, isPart: true)];
        yield return (Rule.Part, $@"{part}(?:-|{Ws}(?:(?i:in){Ws})?){a}", RuleStart.Words(lexicon.Parts.Keys),
            new([part + "-", $"{part}{Ws}(?i:in){Ws}", part + Ws], Heads:
                [[.. partHead, Piece.Hyphen], [.. partHead, Piece.Space, Piece.Words(["in"]), Piece.Space], [.. partHead, Piece.Space]]));
        yield return (Rule.Season, $@"\b(?<season>{Words(lexicon.Seasons.Keys)}){Ws}(?:(?i:of){Ws})?(?<a>{Year})", RuleStart.Words(lexicon.Seasons.Keys), null);
        var hedge = $@"(?<![\p{{L}}.])(?<hedge>{Words(lexicon.DateHedges)}){Ws}";
        yield return (Rule.Hedged, hedge + a, RuleStart.Words(lexicon.DateHedges), new([hedge], Heads: [[Piece.NotAfterLetterOrPoint, Piece.Words(lexicon.DateHedges), Piece.Space]]));
        // The context word ("in 2014") is looked up by hand in Accept: an optional leading group here would make the
        // regex engine try it at every position of the text.
        yield return (Rule.Atom, AtomRule(atom),
            new RuleStart(lexicon.Months.Keys.Concat(lexicon.FullMonthNames).Concat(lexicon.Weekdays.Keys).Concat(lexicon.FullWeekdayNames), Digits: true, DigitRun: AtomDigits), null);
        yield return (Rule.DayWord, $@"\b(?<w>{Words(lexicon.DayWords.Keys)}){End}", RuleStart.Words(lexicon.DayWords.Keys), null);
        yield return (Rule.Shift, $@"\b(?<shift>{Words(lexicon.Shifts.Keys)}){Ws}(?<unit>{calendarUnits}){End}", RuleStart.Words(lexicon.Shifts.Keys), null);
        yield return (Rule.Edge, $@"\b(?<edge>{Words(lexicon.Edges.Keys)}){Ws}(?i:this){Ws}(?<unit>{calendarUnits}){End}", RuleStart.Words(lexicon.Edges.Keys), null);
        yield return (Rule.Window, $@"\b(?:{Words(lexicon.WindowOpeners)}{Ws})?(?i:the){Ws}{Words(lexicon.WindowWords)}{Ws}(?:{count}{Ws})?(?<unit>{units}){End}",
            RuleStart.Words(lexicon.WindowOpeners.Select(o => o + " the").Concat(lexicon.WindowWords.Select(w => "the " + w))), null);
        yield return (Rule.Ago, $@"(?<=\b{count}{Ws})(?<unit>{units}){Ws}(?i:ago){End}", RuleStart.Words(lexicon.Units.Keys.Select(u => u + " ago")), null);
        yield return (Rule.Duration, $@"\b(?i:for){Ws}(?:(?<hedge>{Words(lexicon.DurationHedges)}){Ws})?{count}{Ws}(?<unit>{longUnits}){End}", RuleStart.Words(["for"]), null);
        yield return (Rule.Anchored, $@"(?<=\b{count}{Ws})(?<unit>{units}){Ws}(?<dir>{Words(lexicon.AfterWords.Concat(lexicon.BeforeWords))}){End}",
            RuleStart.Words(lexicon.Units.Keys.SelectMany(u => lexicon.AfterWords.Concat(lexicon.BeforeWords).Select(d => u + " " + d))), null);
        yield return (Rule.NextUnit, $@"\b(?i:the){Ws}(?<dir>{Words(lexicon.NextWords.Concat(lexicon.PreviousWords))}){Ws}(?<unit>{units}){End}",
            RuleStart.Words(lexicon.NextWords.Concat(lexicon.PreviousWords).Select(d => "the " + d)), null);
    }

    /// <summary>The mention's span, or null when the match is not a date after all (a bare "2000 troops").</summary>
    /// <param name="atom">For the atom rule, the date it matched (read once, for <see cref="Resolve"/> too).</param>
    private TextSpan? Accept(Rule rule, Match match, string text, out Atom? atom)
    {
        atom = null;
        var span = new TextSpan(StartOf(match), match.Index + match.Length);
        var lastAtom = match.Groups["b"] is { Success: true } b ? b : match.Groups["a"] is { Success: true } a ? a : null;

        // The cheap test first: few dates are followed by a count noun.
        if (lastAtom is not null && rule != Rule.YearRange && FollowedByCountNoun(text, span.End) && ParseAtom(lastAtom.Value) is { IsBareYear: true })
        {
            return null;
        }

        if (rule == Rule.YearRange && (FollowedByCountNoun(text, span.End) || InsideCode(text, span)))
        {
            return null;
        }

        if (rule != Rule.Atom)
        {
            return span;
        }

        atom = ParseAtom(match.Groups["a"].Value)!;
        return AtomSpan(text, match.Index, match.Index + match.Length, atom);
    }

    /// <summary><see cref="Accept"/> for the atom rule, given the bounds of its match (its date, group a, is the whole match).</summary>
    private TextSpan? AcceptAtom(string text, int index, int end, string value, out Atom? atom)
    {
        // Read once: the count noun's test and the context's both need it (each read was a look-up keyed by the text).
        var parsed = ParseAtom(value)!;
        atom = parsed;
        return parsed.IsBareYear && FollowedByCountNoun(text, end) ? null : AtomSpan(text, index, end, parsed);
    }

    /// <summary>The atom rule's part of <see cref="Accept"/> after the test for a bare year before a count noun.</summary>
    private TextSpan? AtomSpan(string text, int index, int end, Atom atom)
    {
        if (!atom.IsBareYear && !atom.IsBareMonth && atom.Weekday is null)
        {
            return new TextSpan(index, end); // a full date: the word before neither admits nor chooses it
        }

        var hasWord = WordBefore(text, index, out var ctxStart, out var ctxEnd);
        var ctxWord = text.AsSpan(ctxStart, ctxEnd - ctxStart);
        if (atom.IsBareYear && !(hasWord && ContextWord(yearContext, yearContextWords, ctxWord)))
        {
            return null;
        }

        if (atom.IsBareMonth && !(hasWord && ContextWord(monthContext, monthContextWords, ctxWord)))
        {
            return null;
        }

        // "last Sunday", "next March": the chooser changes the meaning, so it belongs to the mention.
        var chooses = hasWord && Chooser(ctxWord) is not null && (atom.IsBareMonth || atom.Weekday is not null);
        return new TextSpan(chooses ? ctxStart : index, end);
    }

    /// <summary>
    /// Whether the word before a date (<see cref="WordBefore"/>) is in a set of context words (case aside). The word is
    /// looked up as it is written when it is ASCII (lower-cased or not, an ASCII word equals the same words ignoring
    /// case); otherwise lower-cased first, as a string, which is how every word was looked up before (outside ASCII,
    /// lower-casing first and comparing ignoring case are not the same test).
    /// </summary>
    private bool ContextWord(FrozenSet<string> words, FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> bySpan, ReadOnlySpan<char> word) =>
        contextBySpan && Ascii.IsValid(word) ? bySpan.Contains(word) : words.Contains(word.ToString().ToLowerInvariant());

    /// <summary>The chooser ("last" -1, "this" 0, "next" 1) the word before a date is, or null (looked up as <see cref="ContextWord"/>).</summary>
    private int? Chooser(ReadOnlySpan<char> word) =>
        contextBySpan && Ascii.IsValid(word) ? (chooserWords.TryGetValue(word, out var c) ? c : null)
        : lexicon.Choosers.TryGetValue(word.ToString().ToLowerInvariant(), out var other) ? other : null;

    /// <summary>
    /// "2010-09-CA-027", "2012-04-S-036": a reference number that starts like a year range. A hyphen or a letter
    /// or digit joined to either end makes the digits part of a code.
    /// </summary>
    private static bool InsideCode(string text, TextSpan span) =>
        (span.End < text.Length && (char.IsLetterOrDigit(text[span.End]) || (text[span.End] == '-' && span.End + 1 < text.Length && char.IsLetterOrDigit(text[span.End + 1]))))
        || (span.Start > 0 && (char.IsLetterOrDigit(text[span.Start - 1]) || text[span.Start - 1] == '-'));

    /// <summary>
    /// Whether a word is just before <paramref name="index"/>, across at most one line break, and where it starts and
    /// ends (both <paramref name="index"/> when there is none). Bounds, not a lower-cased copy: the look-ups take the
    /// span (see <see cref="ContextWord"/>).
    /// </summary>
    private static bool WordBefore(string text, int index, out int wordStart, out int wordEnd)
    {
        (wordStart, wordEnd) = (index, index);
        var end = index;
        var newlines = 0;
        while (end > 0 && char.IsWhiteSpace(text[end - 1]))
        {
            if (text[end - 1] == '\n' && ++newlines > 1)
            {
                return false;
            }

            end--;
        }

        if (end == index && index > 0)
        {
            return false; // no whitespace before: not a separate word
        }

        var start = end;
        while (start > 0 && char.IsLetter(text[start - 1]))
        {
            start--;
        }

        if (start < end && (start == 0 || !char.IsLetterOrDigit(text[start - 1])))
        {
            (wordStart, wordEnd) = (start, end);
            return true;
        }

        return false;
    }

    // A part captured inside a lookbehind starts before the match itself.
    private static int StartOf(Match match)
    {
        var start = match.Index;
        foreach (var name in (ReadOnlySpan<string>)["a", "n"])
        {
            if (match.Groups[name] is { Success: true } group && group.Index < start)
            {
                start = group.Index;
            }
        }

        return start;
    }

    private bool FollowedByCountNoun(string text, int end)
    {
        var i = end;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        var start = i;
        while (i < text.Length && char.IsLetter(text[i]))
        {
            i++;
        }

        return i > start && countNouns.Contains(text.AsSpan(start, i - start));
    }

    /// <summary>
    /// The date a matched date text means. Reports repeat the same few dates ("2014", "October 7"), so the answers are
    /// kept (the text decides the answer: the lexicon is fixed per recognizer), up to a bound that keeps a long stream
    /// of documents from growing the cache without end.
    /// </summary>
    /// <remarks>
    /// A year alone ("2014", most of the dates a report has, and every bare number of four digits the atom rule tries)
    /// is made here: the memo's look-up cost more than the record (a hash of the text and a walk to its entry, each
    /// likely a cache miss), and four ASCII digits from 1600 to 2099 are read by the atom pattern's year branch alone
    /// (no other branch matches four digits and nothing else, the names being letters where they are atomic), so its
    /// answer is that year.
    /// </remarks>
    private Atom? ParseAtom(string text)
    {
        if (yearsByHand && atomicNames && YearOnly(text) is { } year)
        {
            return new Atom(year, null, null, null, null);
        }

        // Any other date read by the atom reader, which mirrors the pattern (the memo's look-up was ~4 % of the stage).
        if (atomsByHand && atomReader is not null && atomReader.TryParse(text, out var parts))
        {
            return new Atom(
                parts.Year >= 0 ? parts.Year : null,
                parts.Month >= 0 ? parts.Month : null,
                parts.Day >= 0 ? parts.Day : null,
                parts.Decade >= 0 ? parts.Decade : null,
                parts.Weekday >= 0 ? (IsoDayOfWeek)parts.Weekday : null);
        }

        return parsedAtoms.Get(text);
    }

    // The year of a text of four ASCII digits that the year pattern (1[6-9]\d\d|20\d\d) matches, else null.
    private static int? YearOnly(string text)
    {
        return text.Length == 4 && DecimalDigits.TryReadAscii(text, out var year) && year is >= 1600 and <= 2099 ? (int)year : null;
    }

    // For the tests: a date text read through ParseAtom, and by the atom regex alone.
    internal string? AtomOf(string text) => ParseAtom(text)?.ToString();

    internal string? AtomByRegex(string text) => ReadAtom(text)?.ToString();

    private Atom? ReadAtom(string text)
    {
        var match = atomRegex.Match(text);
        if (!match.Success)
        {
            return null;
        }

        if (match.Groups["iso"].Success)
        {
            var iso = match.Groups["iso"].Value;
            return new Atom(Int(iso[..4]), Int(iso[5..7]), Int(iso[8..10]), null, null);
        }

        int? month = match.Groups["m"].Success ? lexicon.Months[match.Groups["m"].Value.TrimEnd('.')] : null;
        IsoDayOfWeek? weekday = match.Groups["wd"].Success ? lexicon.Weekdays[match.Groups["wd"].Value] : null;
        return new Atom(
            match.Groups["y"].Success ? Int(match.Groups["y"].Value) : null,
            month,
            match.Groups["d"].Success ? Int(match.Groups["d"].Value) : null,
            match.Groups["dec"].Success ? Int(match.Groups["dec"].Value) : null,
            weekday);
    }

    private Resolution Resolve(Candidate candidate, string text, Dateline line, DateSpan? anchor)
    {
        var m = candidate.Match!;
        switch (candidate.Rule)
        {
            case Rule.Range:
                {
                    var first = ParseAtom(candidate.FirstDate)!;
                    var last = ParseAtom(candidate.SecondDate)!;
                    if (first.Year is null && first.Decade is null && first.Month is not null && last.Year is { } y)
                    {
                        // "from January to March 2020": the first end takes the year of the second.
                        first = first with { Year = first.Month > last.Month ? y - 1 : y };
                    }

                    return Between(ResolveAtom(first, line, null), ResolveAtom(last, line, null));
                }

            case Rule.YearRange:
                {
                    var from = Int(m.Groups["y"].Value);
                    var toText = m.Groups["b"].Value;
                    var to = toText.Length == 2 ? (from / 100 * 100) + Int(toText) : Int(toText);
                    return to <= from ? Resolution.Reject : Resolution.Of(new DateSpan(PartialDate.OfYear(from), PartialDate.OfYear(to)));
                }

            case Rule.Since:
                {
                    var start = WithPart(candidate, ResolveAtom(ParseAtom(candidate.FirstDate)!, line, null));
                    return start.Map(s => new DateSpan(s.From, null, s.Approx));
                }

            case Rule.Until:
                {
                    var stop = WithPart(candidate, ResolveAtom(ParseAtom(candidate.FirstDate)!, line, null));
                    return stop.Map(s => new DateSpan(null, s.To, s.Approx));
                }

            case Rule.Part:
                return WithPart(candidate, ResolveAtom(ParseAtom(candidate.FirstDate)!, line, null));

            case Rule.Season:
                {
                    var (first, last) = lexicon.Seasons[Normalise(m.Groups["season"].Value)];
                    var year = Int(m.Groups["y"].Value);
                    return Resolution.Of(new DateSpan(PartialDate.OfMonth(year, first), PartialDate.OfMonth(year, last), Approx: true));
                }

            case Rule.Hedged:
                return ResolveAtom(ParseAtom(candidate.FirstDate)!, line, null).Map(s => s with { Approx = true });

            case Rule.Atom:
                {
                    // Matched through its bounds (MatchAtoms), the rule's date ends the mention.
                    var at = candidate.Match?.Index ?? candidate.Span.End - candidate.A!.Length;
                    int? chooser = WordBefore(text, at, out var ctxStart, out var ctxEnd) ? Chooser(text.AsSpan(ctxStart, ctxEnd - ctxStart)) : null;
                    return ResolveAtom(candidate.Atom ?? ParseAtom(m.Groups["a"].Value)!, line, chooser);
                }

            case Rule.DayWord:
                return line.Day is { } today
                    ? Resolution.Of(DateSpan.On(PartialDate.FromLocalDate(today.PlusDays(lexicon.DayWords[Normalise(m.Groups["w"].Value)]))))
                    : Resolution.Unresolved(line.Lacks(DatePrecision.Day));

            case Rule.Shift:
                return Shift(line, lexicon.Units[Normalise(m.Groups["unit"].Value)], lexicon.Shifts[Normalise(m.Groups["shift"].Value)]);

            case Rule.Edge:
                return Edge(line, lexicon.Units[Normalise(m.Groups["unit"].Value)], lexicon.Edges[Normalise(m.Groups["edge"].Value)]);

            case Rule.Window:
                {
                    var n = m.Groups["n"].Success ? Count(m.Groups["n"].Value) : 1;
                    var unit = lexicon.Units[Normalise(m.Groups["unit"].Value)];
                    return Window(line, n, unit);
                }

            case Rule.Ago:
                return Back(line, Count(candidate.Count ?? m.Groups["n"].Value), lexicon.Units[Normalise(candidate.Unit ?? m.Groups["unit"].Value)]);

            case Rule.Duration:
                return Duration(m, line);

            case Rule.Anchored:
                {
                    var direction = lexicon.BeforeWords.Contains(Normalise(candidate.Direction ?? m.Groups["dir"].Value), StringComparer.OrdinalIgnoreCase) ? -1 : 1;
                    return FromAnchor(anchor, direction * Count(candidate.Count ?? m.Groups["n"].Value), lexicon.Units[Normalise(candidate.Unit ?? m.Groups["unit"].Value)]);
                }

            case Rule.NextUnit:
                {
                    var direction = lexicon.PreviousWords.Contains(Normalise(m.Groups["dir"].Value), StringComparer.OrdinalIgnoreCase) ? -1 : 1;
                    return FromAnchor(anchor, direction, lexicon.Units[Normalise(m.Groups["unit"].Value)]);
                }

            default:
                throw new InvalidOperationException($"unhandled date rule {candidate.Rule}");
        }
    }

    /// <summary>
    /// "for more than two decades": from that far back to the dateline. Its own method because its closure captures the
    /// dateline: inside <see cref="Resolve"/> the capture of a parameter made a closure object for every candidate resolved.
    /// </summary>
    private Resolution Duration(Match m, Dateline line)
    {
        var unit = lexicon.Units[Normalise(m.Groups["unit"].Value)];
        var approx = m.Groups["hedge"].Success || unit == DateUnit.Decade;
        return Back(line, Count(m.Groups["n"].Value), unit).Map(from => new DateSpan(from.From, line.Value, approx));
    }

    private static Resolution Between(Resolution first, Resolution last)
    {
        if (first.Value is not { } a || last.Value is not { } b)
        {
            return Resolution.Unresolved(first.Why ?? last.Why ?? "an end of the range is not a date");
        }

        if (a.From is not { } from || b.To is not { } to || from.FirstDay > to.LastDay)
        {
            return Resolution.Reject;
        }

        return Resolution.Of(new DateSpan(from, to, a.Approx || b.Approx));
    }

    /// <summary>Applies "early", "mid-", "the end of" to a resolved year (months of it), or marks a finer date approximate.</summary>
    private Resolution WithPart(Candidate candidate, Resolution resolved)
    {
        var part = candidate.Part ?? (candidate.Match?.Groups["part"] is { Success: true } group ? group.Value : null);
        if (part is null || resolved.Value is not { } span)
        {
            return resolved;
        }

        var (first, last) = lexicon.Parts[Normalise(part)];
        if (span.From is { Precision: DatePrecision.Year } year && span.To == year)
        {
            return Resolution.Of(new DateSpan(PartialDate.OfMonth(year.Year, first), PartialDate.OfMonth(year.Year, last), Approx: true));
        }

        // A day stays the day ("late Saturday" is that Saturday, exactly); a month stays a month ("early January
        // 2020" is 2020-01, approximately): no day is invented.
        return Resolution.Of(span.From is { Precision: DatePrecision.Day } ? span : span with { Approx = true });
    }

    private static Resolution ResolveAtom(Atom atom, Dateline line, int? chooser)
    {
        if (atom.Decade is { } decade)
        {
            return Resolution.Of(new DateSpan(PartialDate.OfYear(decade), PartialDate.OfYear(decade + 9)));
        }

        if (atom.Month is { } month && atom.Day is { } day)
        {
            var year = atom.Year ?? NearestYear(line, month, day);
            if (year is null)
            {
                return Resolution.Unresolved("no year given and " + line.Lacks(DatePrecision.Year));
            }

            try
            {
                return Resolution.Of(DateSpan.On(PartialDate.OfDay(year.Value, month, day)));
            }
            catch (ArgumentOutOfRangeException)
            {
                return Resolution.Unresolved(string.Create(CultureInfo.InvariantCulture, $"no such day: {year}-{month:D2}-{day:D2}"));
            }
        }

        if (atom.Month is { } onlyMonth)
        {
            if (atom.Year is { } y)
            {
                return Resolution.Of(DateSpan.On(PartialDate.OfMonth(y, onlyMonth)));
            }

            if (line.Month is not { } now)
            {
                return Resolution.Unresolved("no year given and " + line.Lacks(DatePrecision.Month));
            }

            var pick = chooser switch
            {
                -1 => onlyMonth < now.Month ? now.Year : now.Year - 1,
                0 => now.Year,
                1 => onlyMonth > now.Month ? now.Year : now.Year + 1,
                _ => onlyMonth <= now.Month ? now.Year : now.Year - 1,
            };
            return Resolution.Of(DateSpan.On(PartialDate.OfMonth(pick, onlyMonth)));
        }

        if (atom.Year is { } onlyYear)
        {
            return Resolution.Of(DateSpan.On(PartialDate.OfYear(onlyYear)));
        }

        if (atom.Weekday is { } weekday)
        {
            if (line.Day is not { } today)
            {
                return Resolution.Unresolved(line.Lacks(DatePrecision.Day));
            }

            var back = ((int)today.DayOfWeek - (int)weekday + 7) % 7;
            var ahead = ((int)weekday - (int)today.DayOfWeek + 7) % 7;
            var date = chooser switch
            {
                -1 => today.PlusDays(-(back == 0 ? 7 : back)),
                0 => today.PlusDays(ahead),
                1 => today.PlusDays(ahead == 0 ? 7 : ahead),
                _ => today.PlusDays(-back), // news reports the recent past: the most recent such day on or before the dateline
            };
            return Resolution.Of(DateSpan.On(PartialDate.FromLocalDate(date)));
        }

        return Resolution.Unresolved("not a date");
    }

    // A month and day without a year: the year that puts the day nearest the dateline.
    private static int? NearestYear(Dateline line, int month, int day)
    {
        if (line.Day is not { } today)
        {
            return line.Year;
        }

        return NearestYearTo(today, month, day);
    }

    /// <summary>
    /// The year, of the day's year and the years either side, that puts the month and day nearest <paramref name="today"/>
    /// (the first of two as near).
    /// </summary>
    internal static int NearestYearTo(LocalDate today, int month, int day)
    {
        // "September 31" (or "February 29" three years from a leap year) is in none of them: then the dateline's year,
        // and the caller reports no such day.
        // The first nearest, as MinBy chose it; a loop, since the query and its closure were made for every such date.
        int? nearest = null;
        var nearestDays = 0;
        for (var year = today.Year - 1; year <= today.Year + 1; year++)
        {
            if (day > CalendarSystem.Iso.GetDaysInMonth(year, month))
            {
                continue;
            }

            // Period.DaysBetween: the days of Period.Between(…, PeriodUnits.Days) without a Period object per year tried.
            var days = Math.Abs(Period.DaysBetween(today, new LocalDate(year, month, day)));
            if (nearest is null || days < nearestDays)
            {
                (nearest, nearestDays) = (year, days);
            }
        }

        return nearest ?? today.Year;
    }

    private static Resolution Shift(Dateline line, DateUnit unit, int by)
    {
        switch (unit)
        {
            case DateUnit.Week when line.Day is { } today:
                var monday = today.PlusDays(1 - (int)today.DayOfWeek).PlusWeeks(by);
                return Resolution.Of(new DateSpan(PartialDate.FromLocalDate(monday), PartialDate.FromLocalDate(monday.PlusDays(6))));
            case DateUnit.Month when line.Month is { } month:
                return Resolution.Of(DateSpan.On(PartialDate.FromYearMonth(month.PlusMonths(by))));
            case DateUnit.Year when line.Year is { } year:
                return Resolution.Of(DateSpan.On(PartialDate.OfYear(year + by)));
            default:
                return Resolution.Unresolved(line.Lacks(unit == DateUnit.Week ? DatePrecision.Day : unit == DateUnit.Month ? DatePrecision.Month : DatePrecision.Year));
        }
    }

    // "earlier this month": from the month's start to the dateline; "later this year": from the dateline to its end.
    private static Resolution Edge(Dateline line, DateUnit unit, int side)
    {
        var whole = Shift(line, unit, 0);
        if (whole.Value is not { } span)
        {
            return whole;
        }

        var now = line.Value!.Value;
        return Resolution.Of(side < 0 ? new DateSpan(span.From, now) : new DateSpan(now, span.To));
    }

    /// <summary>The date <paramref name="n"/> units before the dateline, as precise as the unit allows.</summary>
    private static Resolution Back(Dateline line, int n, DateUnit unit)
    {
        if (line.Value is not { } now)
        {
            return Resolution.Unresolved(line.Lacks(DatePrecision.Year));
        }

        return Move(now, -n, unit) is { } moved
            ? Resolution.Of(DateSpan.On(moved, approx: unit is DateUnit.Week or DateUnit.Decade))
            : Resolution.Unresolved(line.Lacks(PrecisionOf(unit)));
    }

    /// <summary>
    /// "in the past year": from that far before the dateline to the dateline, at the dateline's precision (a window
    /// of days is counted back from a day); decades are counted in years and approximate.
    /// </summary>
    private static Resolution Window(Dateline line, int n, DateUnit unit)
    {
        if (line.Value is not { } now)
        {
            return Resolution.Unresolved(line.Lacks(DatePrecision.Year));
        }

        if (now.Precision < PrecisionOf(unit))
        {
            return Resolution.Unresolved(line.Lacks(PrecisionOf(unit)));
        }

        var start = now.FirstDay;
        var moved = unit switch
        {
            DateUnit.Day => start.PlusDays(-n),
            DateUnit.Week => start.PlusWeeks(-n),
            DateUnit.Month => start.PlusMonths(-n),
            DateUnit.Year => start.PlusYears(-n),
            _ => start.PlusYears(-10 * n),
        };
        var from = unit == DateUnit.Decade || now.Precision == DatePrecision.Year ? PartialDate.OfYear(moved.Year)
            : now.Precision == DatePrecision.Month ? PartialDate.OfMonth(moved.Year, moved.Month)
            : PartialDate.FromLocalDate(moved);
        return Resolution.Of(new DateSpan(from, now, unit == DateUnit.Decade));
    }

    private static Resolution FromAnchor(DateSpan? anchor, int n, DateUnit unit)
    {
        var from = n >= 0 ? anchor?.To ?? anchor?.From : anchor?.From ?? anchor?.To;
        if (from is not { } date)
        {
            return Resolution.Unresolved("no earlier date in the text to count from");
        }

        return Move(date, n, unit) is { } moved
            ? Resolution.Of(DateSpan.On(moved, anchor!.Approx || unit == DateUnit.Week))
            : Resolution.Unresolved($"the date counted from ({date}) is not precise to the {PrecisionOf(unit).ToString().ToLowerInvariant()}");
    }

    /// <summary>
    /// Moves a date by whole units. The result is as precise as the coarser of the date and the unit: a day moved
    /// by years is a year ("two years ago" is a year), a day moved by days is a day. Null when the unit is finer
    /// than the date (a month moved by days).
    /// </summary>
    private static PartialDate? Move(PartialDate date, int n, DateUnit unit)
    {
        var needed = PrecisionOf(unit);
        if (date.Precision < needed)
        {
            return null;
        }

        var day = date.FirstDay;
        var moved = unit switch
        {
            DateUnit.Day => day.PlusDays(n),
            DateUnit.Week => day.PlusWeeks(n),
            DateUnit.Month => day.PlusMonths(n),
            DateUnit.Year => day.PlusYears(n),
            _ => day.PlusYears(10 * n),
        };
        var precision = unit is DateUnit.Day or DateUnit.Week ? DatePrecision.Day : unit == DateUnit.Month ? DatePrecision.Month : DatePrecision.Year;
        return precision switch
        {
            DatePrecision.Day => PartialDate.FromLocalDate(moved),
            DatePrecision.Month => PartialDate.OfMonth(moved.Year, moved.Month),
            _ => PartialDate.OfYear(moved.Year),
        };
    }

    private static DatePrecision PrecisionOf(DateUnit unit) => unit switch
    {
        DateUnit.Day or DateUnit.Week => DatePrecision.Day,
        DateUnit.Month => DatePrecision.Month,
        _ => DatePrecision.Year,
    };

    private int Count(string text)
    {
        if (int.TryParse(DecimalDigits.ToAscii(text), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        if (lexicon.Numbers.Articles.Contains(text))
        {
            return 1;
        }

        return lexicon.Numbers.TryParse(text, out var value) && value <= 1000 ? (int)value : 1;
    }

    private static int Int(string digits) => int.Parse(DecimalDigits.ToAscii(digits), NumberStyles.None, CultureInfo.InvariantCulture);

    private static string Normalise(string words) => string.Join(' ', words.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    /// <summary>A match that may become a mention.</summary>
    /// <param name="Match">
    /// The rule's match; null for a rule matched in parts, which gives its dates and part instead, and for the atom rule
    /// matched through its bounds (<see cref="MatchAtoms"/>), which gives its date and <paramref name="Atom"/>.
    /// </param>
    /// <param name="Atom">For the atom rule, the date it matched.</param>
    /// <param name="A">The (first) date's text, when matched in parts.</param>
    /// <param name="B">A range's second date's text, when matched in parts.</param>
    /// <param name="Part">The part of a year ("early", "the end of"), when matched in parts.</param>
    private sealed record Candidate(TextSpan Span, Rule Rule, Match? Match, Atom? Atom, string? A = null, string? B = null, string? Part = null)
    {
        /// <summary>The "ago" and anchored rules' count, unit and direction when read by hand (<see cref="CountedUnitReader"/>); null when read from <see cref="Match"/>.</summary>
        public string? Count { get; init; }

        public string? Unit { get; init; }

        public string? Direction { get; init; }

        public string FirstDate => A ?? Match!.Groups["a"].Value;

        public string SecondDate => B ?? Match!.Groups["b"].Value;
    }

    private sealed record Atom(int? Year, int? Month, int? Day, int? Decade, IsoDayOfWeek? Weekday)
    {
        public bool IsBareYear => Year is not null && Month is null && Day is null;

        public bool IsBareMonth => Month is not null && Year is null && Day is null;
    }

    private sealed record Resolution(DateSpan? Value, string? Why, bool Rejected = false)
    {
        public static Resolution Reject { get; } = new(null, null, true);

        public static Resolution Of(DateSpan value) => new(value, null);

        public static Resolution Unresolved(string why) => new(null, why);

        public Resolution Map(Func<DateSpan, DateSpan> map) => Value is { } v ? Of(map(v)) : this;
    }
}
