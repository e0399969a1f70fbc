using System.Buffers;
using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;
using Garrison.Domain.Dates;
using Garrison.Domain.Provenance;
using Garrison.Domain.Quantities;
using Garrison.Domain.Records;
using Garrison.Reading.Documents;
using Garrison.Reading.Events;
using Garrison.Reading.Names;
using Garrison.Reading.Pipeline;

namespace Garrison.Reading.Facts;

/// <summary>
/// Reads standing facts: where things are (located_in, part_of), who is where (present_at), who holds what
/// (controls), how many troops (troop_level), in what role, who belongs to, leads, backs or designates whom, and
/// stances. Each rule reads the words between two names; events then close and open validity: a completed
/// withdrawal ends a presence, a handover or capture starts control.
/// </summary>
public sealed partial class FactsStage : IReadingStage
{
    private readonly NameLexicon lexicon;

    public FactsStage(NameLexicon lexicon) => this.lexicon = lexicon;

    public void Process(ReadingDocument document, CancellationToken cancellationToken = default)
    {
        var views = SentenceView.Shared(document);
        var facts = new List<FactRecord>();
        SentenceView? previous = null;
        for (var s = 0; s < views.Count; s++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var v = views[s];
            // Two searches for the three sentence-wide rules' stems: most sentences hold none, and each rule's own
            // search (and the search for case-folding characters after it) ran on every sentence. Neither is made for
            // a sentence without the kinds of names its rules need to state a fact (see NamesMayHold).
            var kinds = KindsNamed(v);
            var (mayStateRoleOrDesignation, mayStateStance) = MayStateSentenceRules(SentenceText(v),
                NamesMayHold(kinds, RoleSubjectKinds, RoleAreaKinds) || NamesMayHold(kinds, Bit(EntityKind.ArmedGroup), DesignatorKinds),
                NamesMayHold(kinds, StanceHolderKinds, StanceHolderKinds));
            Locations(v, facts);
            Presence(v, facts);
            TroopLevels(v, facts);
            Roles(v, mayStateRoleOrDesignation, facts);
            Membership(v, previous, facts);
            Backing(v, facts);
            Designations(v, mayStateRoleOrDesignation, facts);
            TextControls(v, facts);
            Stances(v, mayStateStance, s + 1 < views.Count ? views[s + 1] : null, facts);
            previous = v;
        }

        FromEvents(document, facts);
        document.Facts.AddRange(Merge(facts));
    }

    private static FactRecord Fact(SentenceView v, string subject, Relation relation, string? obj, DateSpan? valid = null, Quantity? quantity = null) =>
        new(subject, relation, obj, quantity, valid ?? DateSpan.Unknown, null, [v.Sentence.Span]);

    private string ForceOf(EntityRecord entity)
    {
        if (entity.Kind != EntityKind.Country)
        {
            return entity.Name;
        }

        var country = lexicon.Entities.Country(entity.Name);
        return country is null ? entity.Name
            : lexicon.Entities.ForcesOf(country)?.Name ?? $"{NameLexicon.DemonymOf(country)} forces";
    }

    private static ReadOnlySpan<char> SentenceText(SentenceView v) =>
        v.Body.AsSpan(v.Sentence.Span.Start, v.Sentence.Span.Length);

    // The only characters outside ASCII whose simple case mapping is an ASCII letter (Kelvin sign, long s, dotted and
    // dotless i): where none is present, an ignore-case regex can match an ASCII word only where an ordinal
    // ignore-case search finds it.
    private static readonly SearchValues<char> AsciiCaseFolds = SearchValues.Create("\u212A\u017F\u0130\u0131");

    /// <summary>
    /// False only when <paramref name="text"/> holds none of <paramref name="stems"/> in any case, so that a pattern
    /// all of whose matches start with one of them cannot match. The sentence-wide patterns (roles, stances,
    /// designations) are asked of every sentence and nearly always fail; their regexes test every position (a
    /// look-behind first), while this is one vectorised search.
    /// </summary>
    private static bool MayHold(ReadOnlySpan<char> text, SearchValues<string> stems) =>
        text.IndexOfAny(stems) >= 0 || text.IndexOfAny(AsciiCaseFolds) >= 0;

    // The stems of the roles, designations and stances pre-tests (RoleStems, DesignatedStem, StanceStems): each of
    // RolePhrase's alternatives starts with a role stem, Designated with its one, every StancePhrase verb with a stance
    // stem. Declared before the searches made of them (static fields are set in the order written).
    private static readonly string[] RoleStemWords = ["advise-", "advise ", "advisory ", "train ", "train,", "training ", "combat "];
    private static readonly string[] DesignatedStemWords = ["designated"];
    private static readonly string[] StanceStemWords = ["reject", "refuse", "oppose", "accept", "agreed", "welcome", "endorsed"];

    // The three rules' stems in two searches per sentence (roles and designations, stances), each stem cut to a part
    // of it whose first three letters are rare in these reports. The vectorised search finds candidates by the first
    // three characters of its strings, eight groups of them at most: with the fifteen stems in one search, two shared
    // each group and any mix of their letters was a candidate, compared whole (most of the facts stage's own time in a
    // profile); with at most eight each is its own group. "com" (command, company), "des" (despite, destroyed),
    // "acc" (according) and "ref" (refugees) started many words of nearly every sentence. A text holding a stem holds
    // its part, so these still say yes wherever a rule's own search, on the whole stems, does (which runs after them).
    private static readonly SearchValues<string> RoleOrDesignationParts = SearchValues.Create(
        ["advise-", "advise ", "advisory ", "train ", "train,", "training ", "mbat ", "gnated"], StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<string> StanceParts = SearchValues.Create(
        ["eject", "fuse", "oppose", "ccept", "agreed", "elcome", "ndorsed"], StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether the roles or designations patterns, and whether the stances pattern, may match <paramref name="sentence"/>:
    /// false only where they cannot (each rule's own <see cref="MayHold"/> can say yes only where this does).
    /// </summary>
    internal static (bool RoleOrDesignation, bool Stance) MayStateSentenceRules(ReadOnlySpan<char> sentence) =>
        MayStateSentenceRules(sentence, true, true);

    /// <summary><see cref="MayStateSentenceRules(ReadOnlySpan{char})"/> for the rules asked about only (the others' answer is false).</summary>
    private static (bool RoleOrDesignation, bool Stance) MayStateSentenceRules(ReadOnlySpan<char> sentence, bool askRoleOrDesignation, bool askStance)
    {
        if (!askRoleOrDesignation && !askStance)
        {
            return (false, false);
        }

        return sentence.IndexOfAny(AsciiCaseFolds) >= 0
            ? (askRoleOrDesignation, askStance)
            : (askRoleOrDesignation && sentence.IndexOfAny(RoleOrDesignationParts) >= 0, askStance && sentence.IndexOfAny(StanceParts) >= 0);
    }

    // The kinds of names each sentence-wide rule needs before it states a fact, kept in step with the rules: a role
    // needs a force, coalition or country before the phrase and a country, region or province as its area; a
    // designation an armed group and a designating country, government or coalition; a stance a holder of an actor
    // kind other than a country.
    private static readonly int RoleSubjectKinds = Bit(EntityKind.Force) | Bit(EntityKind.Coalition) | Bit(EntityKind.Country);
    private static readonly int RoleAreaKinds = Bit(EntityKind.Country) | Bit(EntityKind.Region) | Bit(EntityKind.Province);
    private static readonly int DesignatorKinds = Bit(EntityKind.Country) | Bit(EntityKind.Government) | Bit(EntityKind.Coalition);
    private static readonly int StanceHolderKinds =
        Bit(EntityKind.Force) | Bit(EntityKind.Coalition) | Bit(EntityKind.ArmedGroup) | Bit(EntityKind.Government) | Bit(EntityKind.Person);

    private static int Bit(EntityKind kind) => 1 << (int)kind;

    /// <summary>The kinds of the sentence's mentions, one bit per kind.</summary>
    private static int KindsNamed(SentenceView v)
    {
        var kinds = 0;
        foreach (var n in v.Names.AsSpan())
        {
            kinds |= Bit(n.Entity.Kind);
        }

        return kinds;
    }

    /// <summary>Whether the sentence names a kind of <paramref name="some"/> and a kind of <paramref name="other"/>.</summary>
    private static bool NamesMayHold(int kinds, int some, int other) => (kinds & some) != 0 && (kinds & other) != 0;

    /// <summary>
    /// False only when none of the roles, designations and stances patterns can match <paramref name="sentence"/>:
    /// each rule's own <see cref="MayHold"/> can say yes only where this does.
    /// </summary>
    internal static bool MayStateSentenceRule(ReadOnlySpan<char> sentence) => MayStateSentenceRules(sentence) is (true, _) or (_, true);

    [ThreadStatic]
    private static char[]? betweenScratch;

    /// <summary>
    /// The text between two mentions as the rules' patterns expect it: curly apostrophes straightened, lower case,
    /// trimmed, one space either side. Written into a per-thread buffer (valid until the next call on the thread)
    /// because the rules ask it of most pairs of names and nearly every answer is thrown away.
    /// </summary>
    internal static ReadOnlySpan<char> Between(SentenceView v, NameMention a, NameMention b)
    {
        var raw = b.Span.Start > a.Span.End ? v.Body.AsSpan(a.Span.End, b.Span.Start - a.Span.End) : [];
        var buffer = betweenScratch is { } scratch && scratch.Length >= raw.Length + 2
            ? scratch
            : betweenScratch = new char[Math.Max(256, raw.Length + 2)];
        var lower = buffer.AsSpan(1, raw.Length);
        raw.ToLowerInvariant(lower);
        lower.Replace('’', '\'');
        var trimmed = ((ReadOnlySpan<char>)lower).Trim();
        trimmed.CopyTo(buffer.AsSpan(1));
        buffer[0] = ' ';
        buffer[trimmed.Length + 1] = ' ';
        return buffer.AsSpan(0, trimmed.Length + 2);
    }

    // ---- located_in, part_of ------------------------------------------------------------------------------------

    [GeneratedRegex(@"^ \( $|^ (?:'s? )?,? ?(?:(?:which is |that is |is )?(?:located|situated|based|lying) )?(?:in|inside|within) (?:the )?(?:(?:far |south|north|semi-autonomous |autonomous )?(?:north|south|east|west|central|north-?west|north-?east|south-?west|south-?east)(?:ern)? )?$")]
    private static partial Regex LocatedIn();

    private static void Locations(SentenceView v, List<FactRecord> facts)
    {
        // The first place mention of each span, in order (a loop rather than a grouping: asked of every sentence), kept
        // as indexes of the sentence's mentions on the stack rather than in a list per sentence.
        var names = v.Names.AsSpan();
        var places = names.Length <= 128 ? stackalloc int[names.Length] : new int[names.Length];
        var count = 0;
        for (var k = 0; k < names.Length; k++)
        {
            if (SentenceView.IsPlaceKind(names[k].Entity.Kind) && !HasSpan(names, places[..count], names[k].Span))
            {
                places[count++] = k;
            }
        }

        for (var i = 0; i + 1 < count; i++)
        {
            var a = names[places[i]];
            var b = names[places[i + 1]];
            if (a.Entity.Name == b.Entity.Name || SentenceView.PlaceRank(a.Entity.Kind) >= SentenceView.PlaceRank(b.Entity.Kind) ||
                !LocatedIn().IsMatch(Between(v, a, b)))
            {
                continue;
            }

            var relation = a.Entity.Kind is EntityKind.Province or EntityKind.Region && b.Entity.Kind == EntityKind.Country ? Relation.PartOf : Relation.LocatedIn;
            facts.Add(Fact(v, a.Entity.Name, relation, b.Entity.Name));
        }
    }

    /// <summary>Whether one of the mentions at <paramref name="at"/> has <paramref name="span"/>.</summary>
    private static bool HasSpan(ReadOnlySpan<NameMention> mentions, ReadOnlySpan<int> at, TextSpan span)
    {
        foreach (var k in at)
        {
            if (mentions[k].Span == span)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasSpan(List<NameMention> mentions, TextSpan span)
    {
        foreach (var m in mentions)
        {
            if (m.Span == span)
            {
                return true;
            }
        }

        return false;
    }

    // ---- present_at -------------------------------------------------------------------------------------------

    [GeneratedRegex(@"^ (?:(?:still|have|has|had|been|are|is|were|was|now|currently|also|remain|remains|remained|stay|stays|stayed|continue to be|that|who|which) )*(?:remain|remains|remained|stationed|based|deployed|garrisoned|present|presence|positioned|housed|staying|stay|stays|stayed)(?: \w+)? (?:at|in|on|inside) (?:the )?$")]
    private static partial Regex ForceAtPlace();

    [GeneratedRegex(@"^ ,? ?(?:which|that) (?:has |had |have )?(?:hosted|hosts|housed|houses|host|house|has long hosted) (?:the )?$")]
    private static partial Regex PlaceHostedForce();

    [GeneratedRegex(@"^ (?:where|in which) (?:the )?$")]
    private static partial Regex WhereForce();

    [GeneratedRegex(@"^ '?s? (?:main |largest |main air |air |military |naval |forward )?(?:base|airbase|air base|headquarters|garrison|outpost|camp) (?:in|at|near) (?:the )?$")]
    private static partial Regex ForcesBaseIn();

    [GeneratedRegex(@"for (?<hedge>more than |over |nearly |almost |about |around |roughly |some |at least )?(?<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|a) (?<unit>decades?|years?)", RegexOptions.IgnoreCase)]
    private static partial Regex Duration();

    // Every match of ForceAtPlace and ForcesBaseIn ends the text with a preposition before a place (then an optional
    // "the "), kept in step with them: most force-place pairs have other words between them, and this ordinal test of
    // the end spares running the two patterns.
    internal static readonly string[] PlacePrepositionEndings =
        [" at ", " in ", " on ", " inside ", " near ", " at the ", " in the ", " on the ", " inside the ", " near the "];

    // Every match of PlaceHostedForce and WhereForce starts the text (" " then an optional "," and an optional space)
    // with which/that/where/in which, kept in step with them: most place-force pairs have other words between them,
    // and this ordinal test of the start spares running the two patterns.
    internal static readonly string[] HostOrWhereStarts =
        [" which", " that", " ,which", " ,that", " , which", " , that", "  which", "  that", " where", " in which"];

    /// <summary>Whether the normalised text between two names (see <see cref="Between"/>) starts with one of <paramref name="starts"/>.</summary>
    internal static bool StartsWithAny(ReadOnlySpan<char> between, string[] starts)
    {
        foreach (var start in starts)
        {
            if (between.StartsWith(start, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// False only when neither place-then-force pattern can match the normalised text between a place and a force
    /// (its test against the patterns runs over real texts).
    /// </summary>
    internal static bool MayHostForce(ReadOnlySpan<char> between) => StartsWithAny(between, HostOrWhereStarts);

    /// <summary>Whether a place-then-force pattern matches the normalised text between the two (the rule's own test).</summary>
    internal static bool HostsForce(ReadOnlySpan<char> between) => PlaceHostedForce().IsMatch(between) || WhereForce().IsMatch(between);

    // Every match of BackedBy and LedBy ends the text with "by" (then an optional "the "), kept in step with them.
    private static readonly string[] ByEndings = [" by ", " by the "];

    /// <summary>Whether the normalised text between two names (see <see cref="Between"/>) ends with one of <paramref name="endings"/>.</summary>
    internal static bool EndsWithAny(ReadOnlySpan<char> between, string[] endings)
    {
        foreach (var ending in endings)
        {
            if (between.EndsWith(ending, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsForce(EntityKind kind) => kind is EntityKind.Force or EntityKind.Coalition or EntityKind.Country;

    /// <summary>
    /// False only when the normalised text between two names (see <see cref="Between"/>) cannot end with one of
    /// <see cref="PlacePrepositionEndings"/>: asked of the raw text in place, before it is normalised. Every ending ends
    /// with a word whose last letter is t, n, e or r, and normalising only trims white space, lower-cases (no character
    /// outside ASCII lower-cases to an ASCII letter but the Kelvin sign, the long s and the dotted capital I, none of
    /// them these) and straightens apostrophes; so the last character that is no white space must be one of those
    /// letters in either case, or outside ASCII.
    /// </summary>
    /// <remarks>
    /// Past that first test (most texts end otherwise), the trimmed raw text's last words are compared with the endings'
    /// words in place: the normal form is " " + the trimmed text, lower-cased, + " ", so it ends with " P " or
    /// " P the " exactly when the trimmed text ends with the word P (after a space, or as the whole text), or with P,
    /// one space and "the". A compared character outside ASCII (whose lower case might be an ASCII letter) leaves the
    /// pair to the normal form. This replaced building the normal form's last twelve characters on the stack and ten
    /// ordinal comparisons with the endings (<see cref="PlacePrepositionEndings"/>, whose test against this one runs
    /// over generated and real texts).
    /// </remarks>
    internal static bool MayEndWithPlacePreposition(ReadOnlySpan<char> raw)
    {
        var trimmed = raw.TrimEnd();
        if (trimmed.IsEmpty || !(trimmed[^1] > '\x7F' || (trimmed[^1] | 0x20) is 't' or 'n' or 'e' or 'r'))
        {
            return false;
        }

        trimmed = trimmed.TrimStart();
        if (EndsWithPlacePreposition(trimmed) != Compared.No)
        {
            return true;
        }

        return EndsWithWord(trimmed, "the") switch
        {
            Compared.No => false,
            Compared.Yes => trimmed.Length > 4 && EndsWithPlacePreposition(trimmed[..^4]) != Compared.No,
            _ => true,
        };
    }

    /// <summary>Whether <paramref name="text"/> ends with one of the place prepositions as a word (see <see cref="EndsWithWord"/>).</summary>
    private static Compared EndsWithPlacePreposition(ReadOnlySpan<char> text) =>
        (text[^1] | 0x20) switch
        {
            't' => EndsWithWord(text, "at"),
            'n' => Either(EndsWithWord(text, "in"), EndsWithWord(text, "on")),
            'e' => EndsWithWord(text, "inside"),
            'r' => EndsWithWord(text, "near"),
            _ => text[^1] > '\x7F' ? Compared.Unsure : Compared.No,
        };

    private static Compared Either(Compared first, Compared second) =>
        first == Compared.Yes || second == Compared.Yes ? Compared.Yes
        : first == Compared.Unsure || second == Compared.Unsure ? Compared.Unsure : Compared.No;

    /// <summary>The answer of a comparison of raw text with lower-case ASCII words.</summary>
    private enum Compared
    {
        No,
        Yes,

        /// <summary>A compared character is outside ASCII: its lower case might be the ASCII letter compared with.</summary>
        Unsure,
    }

    /// <summary>
    /// Whether <paramref name="text"/> (trimmed) ends with <paramref name="word"/> (lower-case ASCII letters) in any
    /// case, after a space or as the whole text: what " " + the text lower-cased ending with " " + the word means.
    /// </summary>
    private static Compared EndsWithWord(ReadOnlySpan<char> text, string word)
    {
        if (text.Length < word.Length || (text.Length > word.Length && text[^(word.Length + 1)] != ' '))
        {
            // No character lower-cases to a space.
            return Compared.No;
        }

        return StartsWithLower(text[^word.Length..], word);
    }

    /// <summary>
    /// Whether <paramref name="text"/> starts with <paramref name="lower"/> (lower-case ASCII letters, spaces and commas),
    /// its letters in any case. A letter matches only itself in either case (<c>c | 0x20</c> is a lower-case letter
    /// only for that letter's two cases); other characters match only themselves.
    /// </summary>
    private static Compared StartsWithLower(ReadOnlySpan<char> text, string lower)
    {
        if (text.Length < lower.Length)
        {
            return Compared.No;
        }

        var unsure = false;
        for (var k = 0; k < lower.Length; k++)
        {
            var c = text[k];
            var l = lower[k];
            if (c == l || (l is >= 'a' and <= 'z' && (c | 0x20) == l))
            {
                continue;
            }

            if (c <= '\x7F')
            {
                return Compared.No;
            }

            unsure = true;
        }

        return unsure ? Compared.Unsure : Compared.Yes;
    }

    // The starts of HostOrWhereStarts as the trimmed raw text would begin: each of those is " " and one of these (the two
    // with two spaces cannot start a normal form, whose text after the padding space is trimmed), kept in step with it.
    private static readonly string[] HostOrWhereRawStarts = ["which", "that", ",which", ",that", ", which", ", that", "where", "in which"];

    /// <summary>
    /// False only when the normalised text between two names cannot start as <see cref="HostOrWhereStarts"/> do
    /// (which, that, where, in which after an optional comma): the raw text's first character that is no white space
    /// must be w, t, i (either case), a comma, or outside ASCII (the dotted capital I lower-cases to i).
    /// </summary>
    /// <remarks>
    /// Past that first test, the trimmed raw text's start is compared in place with the starts less their padding
    /// space (<see cref="HostOrWhereRawStarts"/>): exact where the compared characters are ASCII; one outside ASCII
    /// leaves the pair to the normal form. This replaced building the normal form's first characters on the stack.
    /// </remarks>
    internal static bool MayStartAsHostOrWhere(ReadOnlySpan<char> raw)
    {
        var trimmed = raw.TrimStart();
        if (trimmed.IsEmpty || !(trimmed[0] > '\x7F' || trimmed[0] == ',' || (trimmed[0] | 0x20) is 'w' or 't' or 'i'))
        {
            return false;
        }

        foreach (var start in HostOrWhereRawStarts)
        {
            if (StartsWithLower(trimmed, start) != Compared.No)
            {
                return true;
            }
        }

        return false;
    }

    private void Presence(SentenceView v, List<FactRecord> facts)
    {
        var names = v.NameGroups;
        for (var i = 0; i + 1 < names.Length; i++)
        {
            // The first name's kind is read once for its (up to three) pairs.
            var a = names[i].Head;
            var aIsForce = IsForce(names[i].Kind);
            var aIsPlace = SentenceView.IsPlaceKind(names[i].Kind);
            if (!aIsForce && !aIsPlace)
            {
                continue;
            }

            for (var j = i + 1; j < names.Length && j <= i + 3; j++)
            {
                var b = names[j].Head;
                var forceThenPlace = aIsForce && SentenceView.IsPlaceKind(names[j].Kind);
                var placeThenForce = aIsPlace && IsForce(names[j].Kind);
                if (!forceThenPlace && !placeThenForce)
                {
                    continue; // the text between is read only for a pair the rules can take (most pairs are not)
                }

                // The raw text is asked first whether either rule's patterns can hold (most pairs cannot), so that only
                // those pairs are normalised.
                var raw = v.BetweenInPlace(a.Span.End, b.Span.Start);
                forceThenPlace &= MayEndWithPlacePreposition(raw);
                placeThenForce &= MayStartAsHostOrWhere(raw);
                if (!forceThenPlace && !placeThenForce)
                {
                    continue;
                }

                var between = Between(v, a, b);
                if (forceThenPlace && EndsWithAny(between, PlacePrepositionEndings) && (ForceAtPlace().IsMatch(between) || ForcesBaseIn().IsMatch(between)))
                {
                    // "US forces still remain at Harir Air Base in Erbil province": the first, most precise place, the
                    // first of the run of places from b, which is b itself (b is a place).
                    facts.Add(Fact(v, ForceOf(a.Entity), Relation.PresentAt, b.Entity.Name));
                    break;
                }

                if (placeThenForce && MayHostForce(between) && HostsForce(between))
                {
                    // "Al-Asad Air Base in Anbar province in western Iraq, which hosted US troops": the most precise place before.
                    // The run of places ending at a (a is a place), walked back from a: the lowest rank, the nearest of
                    // equal ones (what a stable order by rank of the reversed run gives).
                    var place = a;
                    for (var k = i - 1; k >= 0 && SentenceView.IsPlaceKind(names[k].Kind); k--)
                    {
                        if (SentenceView.PlaceRank(names[k].Kind) < SentenceView.PlaceRank(place.Entity.Kind))
                        {
                            place = names[k].Head;
                        }
                    }

                    var valid = DateSpan.Unknown;
                    var tail = v.Body[b.Span.End..v.Sentence.Span.End];
                    if (Duration().Match(tail) is { Success: true } d && v.Document.Info.Published is { } published)
                    {
                        var n = d.Groups["n"].Value.ToLowerInvariant() switch
                        {
                            "a" or "one" => 1,
                            "two" => 2,
                            "three" => 3,
                            "four" => 4,
                            "five" => 5,
                            "six" => 6,
                            "seven" => 7,
                            "eight" => 8,
                            "nine" => 9,
                            "ten" => 10,
                            var digits => int.Parse(Matching.DecimalDigits.ToAscii(digits), System.Globalization.CultureInfo.InvariantCulture),
                        };
                        var years = d.Groups["unit"].Value.StartsWith("decade", StringComparison.OrdinalIgnoreCase) ? n * 10 : n;
                        valid = new DateSpan(PartialDate.OfYear(published.Year - years), null, Approx: true);
                    }

                    facts.Add(Fact(v, ForceOf(b.Entity), Relation.PresentAt, place.Entity.Name, valid));
                    break;
                }
            }
        }
    }

    // ---- troop_level --------------------------------------------------------------------------------------------

    // Word sets tested by vocabulary id, so that the words after every count are tested without making their keys.
    // Instance fields: a set registers its words when the stage is built, before the stage reads any text.
    private readonly WordSet troopNouns = new("troops", "soldiers", "forces", "personnel", "servicemen", "members", "servicemembers", "marines", "advisers", "advisors", "peacekeepers", "military");

    private readonly WordSet areaPrepositions = new("in", "to", "across", "into", "inside");

    private readonly WordSet casualtyWords = new("killed", "dead", "died", "injured", "wounded", "hurt", "missing", "captured", "detained", "arrested");

    /// <summary>Whether word <paramref name="k"/> of the sentence is in <paramref name="set"/> (no word outside the sentence is).</summary>
    private static bool IsIn(WordSet set, SentenceView v, int k) => (uint)k < (uint)v.Words.Count && set.Contains(v.Words.AsSpan()[k]);

    private bool AnyCasualtyWord(SentenceView v, int from, int count)
    {
        for (var k = from; k < from + count; k++)
        {
            if (IsIn(casualtyWords, v, k))
            {
                return true;
            }
        }

        return false;
    }

    private void TroopLevels(SentenceView v, List<FactRecord> facts)
    {
        foreach (var q in v.Quantities)
        {
            var next = v.WordAt(q.Span.End);
            var noun = -1;
            for (var k = next; k < Math.Min(next + 3, v.Words.Count); k++)
            {
                if (IsIn(troopNouns, v, k))
                {
                    noun = k;
                    break;
                }
            }

            if (noun < 0 || AnyCasualtyWord(v, noun + 1, Math.Min(4, Math.Max(0, v.Words.Count - noun - 1))) ||
                AnyCasualtyWord(v, Math.Max(0, v.WordAt(q.Span.Start) - 3), 3))
            {
                continue;
            }

            // The area: the first place after the noun, introduced by in/to/across.
            string? area = null;
            foreach (ref readonly var g in v.MentionsIn(noun + 1, Math.Min(v.Words.Count, noun + 9)))
            {
                var e = g.Head.Entity;
                var before = g.FirstWord - 1;
                if (e.Kind is EntityKind.Country or EntityKind.Region or EntityKind.Province or EntityKind.Place or EntityKind.Unknown && IsIn(areaPrepositions, v, before))
                {
                    area = e.Name;
                    break;
                }
            }

            if (area is null)
            {
                continue;
            }

            // The force: named with the count ("2,500 US troops"), else the nearest force or country before it.
            var subject = TroopSubject(v, q, noun);
            if (subject is null)
            {
                continue;
            }

            var date = NearestDatedMention(v, q.Span.Start);
            var valid = date?.Value.From is { } from ? DateSpan.Since(from, date.Value.Approx) : DateSpan.Unknown;
            facts.Add(Fact(v, ForceOf(subject), Relation.TroopLevel, area, valid, q.Value));
        }
    }

    // Loops rather than queries: their closures over each count were made for every quantity of every sentence.
    private static EntityRecord? TroopSubject(SentenceView v, QuantityMention q, int noun)
    {
        var nounEnd = v.Words[noun].Span.End;
        foreach (var n in v.Names)
        {
            if (n.Span.Start >= q.Span.End && n.Span.Start <= nounEnd && n.Entity.Kind is EntityKind.Force or EntityKind.Coalition)
            {
                return n.Entity;
            }
        }

        EntityRecord? last = null;
        foreach (var n in v.Names)
        {
            if (n.Span.End <= q.Span.Start && n.Entity.Kind is EntityKind.Force or EntityKind.Coalition or EntityKind.Country && !PossessiveRightAfter(v, n.Span.End))
            {
                last = n.Entity;
            }
        }

        return last;
    }

    /// <summary>Whether a possessive word lies within the three characters after <paramref name="end"/>.</summary>
    private static bool PossessiveRightAfter(SentenceView v, int end)
    {
        foreach (ref readonly var w in v.Words.AsSpan())
        {
            if (w.Span.Start >= end && w.Span.End <= end + 3 && w.Possessive)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The known date nearest <paramref name="offset"/>, the first of equally near ones (what a stable OrderBy gave).</summary>
    private static DateMention? NearestDatedMention(SentenceView v, int offset)
    {
        DateMention? nearest = null;
        var best = int.MaxValue;
        foreach (var d in v.Dates)
        {
            if (!d.Value.IsUnknown && d.Value.From is not null && Math.Abs(d.Span.Start - offset) < best)
            {
                nearest = d;
                best = Math.Abs(d.Span.Start - offset);
            }
        }

        return nearest;
    }

    // ---- role --------------------------------------------------------------------------------------------------

    [GeneratedRegex(@"(?<!end of (?:its |the |their )?)(?<!ended (?:its |the |their )?)\b(?<role>advise[- ]and[- ]assist|advisory (?:role|capacity|mission)|train(?:,)? advise(?:,)? and assist|train and advise|train and equip|training (?:role|mission|capacity)|combat (?:role|mission|operations))\b", RegexOptions.IgnoreCase)]
    private static partial Regex RolePhrase();

    /// <summary>The rule's pattern, for the test of <see cref="MayStateRole"/> against it.</summary>
    internal static Regex RolePattern => RolePhrase();

    // Every alternative of RolePhrase's "role" starts with one of these: its first word and the character after it,
    // kept in step with it. "advis", "train" and "combat" alone passed most generated sentences ("advisers",
    // "trained"), and the pattern, with its look-behinds at every position, then ran over the whole sentence.
    private static readonly SearchValues<string> RoleStems = SearchValues.Create(RoleStemWords, StringComparison.OrdinalIgnoreCase);

    /// <summary>False only when <see cref="RolePhrase"/> cannot match <paramref name="sentence"/>.</summary>
    internal static bool MayStateRole(ReadOnlySpan<char> sentence) => MayHold(sentence, RoleStems);

    private void Roles(SentenceView v, bool mayStateSentenceRule, List<FactRecord> facts)
    {
        // Most sentences state no role: the span test spares copying the sentence out.
        if (!mayStateSentenceRule || !MayStateRole(SentenceText(v)) || !RolePhrase().IsMatch(SentenceText(v)))
        {
            return;
        }

        var text = v.Body[v.Sentence.Span.Start..v.Sentence.Span.End];
        foreach (Match m in RolePhrase().Matches(text))
        {
            var at = v.Sentence.Span.Start + m.Index;
            var role = m.Groups["role"].Value.ToLowerInvariant();
            var value = role.StartsWith("combat", StringComparison.Ordinal) ? "combat" : role.StartsWith("train", StringComparison.Ordinal) && !role.Contains("assist", StringComparison.Ordinal) ? "training" : "advise_and_assist";
            // The force holding the role, not the country it is in: "the US has troops in Iraq in an advisory role".
            // The last such name before the phrase (a loop, not a query: a query's closure would be made per phrase).
            EntityRecord? subject = null;
            foreach (var n in v.Names)
            {
                if (n.Span.End <= at && n.Entity.Kind is EntityKind.Force or EntityKind.Coalition or EntityKind.Country && !AfterPlacePreposition(v, n))
                {
                    subject = n.Entity;
                }
            }

            var area = v.Names.Where(n => n.Entity.Kind is EntityKind.Country or EntityKind.Region or EntityKind.Province)
                .OrderBy(n => Math.Abs(n.Span.Start - at)).Select(n => n.Entity.Name).FirstOrDefault();
            if (subject is null || area is null || (subject.Kind == EntityKind.Country && subject.Name == area))
            {
                continue;
            }

            var date = v.Dates.FirstOrDefault(d => d.Value.From is not null);
            var valid = date?.Value.From is { } from ? DateSpan.Since(from, date.Value.Approx) : DateSpan.Unknown;
            facts.Add(Fact(v, ForceOf(subject), Relation.Role, area, valid) with { Value = value });
        }
    }

    private readonly WordSet articles = new("the", "a", "an");

    private readonly WordSet placePrepositions = new("in", "into", "to", "from", "across", "inside", "within", "of", "at", "near");

    private bool AfterPlacePreposition(SentenceView v, NameMention n)
    {
        var first = v.FirstWordOf(n.Span);
        var k = first - 1;
        while (IsIn(articles, v, k))
        {
            k--;
        }

        return IsIn(placePrepositions, v, k);
    }

    // ---- member_of ----------------------------------------------------------------------------------------------

    [GeneratedRegex(@"\b(?:integrated|incorporated|absorbed|merged|folded|brought) (?:\w+ )?into (?:the )?$|\b(?:part|members?|a faction|factions|an affiliate|affiliates|a branch|a wing|an arm|units) of (?:the )?$|\b(?:joined) (?:the )?$|\bunder the (?:umbrella|banner) of (?:the )?$", RegexOptions.IgnoreCase)]
    private static partial Regex MemberOf();

    private static readonly FrozenSet<string> Pronouns = FrozenSet.Create(StringComparer.Ordinal, "many", "they", "some", "most", "several", "all", "both", "others", "these", "those");

    /// <summary>
    /// False only when MemberOf cannot match the text before a name: each of its alternatives ends the text ("$": at
    /// its end or before a final line break) with "into", "of" or "joined", a space, and an optional "the ". Asked
    /// of every group's name, it spares copying the sentence's start and running the pattern over it.
    /// </summary>
    private static bool MayEndInMembership(ReadOnlySpan<char> before)
    {
        if (before.EndsWith('\n'))
        {
            before = before[..^1];
        }

        if (before[Math.Max(0, before.Length - 12)..].IndexOfAny(AsciiCaseFolds) >= 0)
        {
            return true;
        }

        return EndsInMembershipWord(before)
               || (before.EndsWith("the ", StringComparison.OrdinalIgnoreCase) && EndsInMembershipWord(before[..^4]));
    }

    private static bool EndsInMembershipWord(ReadOnlySpan<char> text) =>
        text.EndsWith("into ", StringComparison.OrdinalIgnoreCase) || text.EndsWith("of ", StringComparison.OrdinalIgnoreCase)
        || text.EndsWith("joined ", StringComparison.OrdinalIgnoreCase);

    private static void Membership(SentenceView v, SentenceView? previous, List<FactRecord> facts)
    {
        // The first group or coalition mention of each span, in order (what grouping by span and taking each group's
        // first gives, without a lookup per sentence).
        List<NameMention>? umbrellas = null;
        foreach (var n in v.Names)
        {
            if (n.Entity.Kind is EntityKind.ArmedGroup or EntityKind.Coalition && (umbrellas is null || !HasSpan(umbrellas, n.Span)))
            {
                (umbrellas ??= []).Add(n);
            }
        }

        foreach (var umbrella in umbrellas ?? [])
        {
            if (!MayEndInMembership(v.Body.AsSpan(v.Sentence.Span.Start, umbrella.Span.Start - v.Sentence.Span.Start)))
            {
                continue;
            }

            var before = v.Body[v.Sentence.Span.Start..umbrella.Span.Start];
            var m = MemberOf().Match(before);
            if (!m.Success)
            {
                continue;
            }

            AddMembers(v, previous, umbrella, v.Sentence.Span.Start + m.Index, facts);
        }
    }

    /// <summary>
    /// The members of a matched umbrella (a method of its own so that its queries' closures are made only for a
    /// match, not for every umbrella name of every sentence).
    /// </summary>
    private static void AddMembers(SentenceView v, SentenceView? previous, NameMention umbrella, int verbAt, List<FactRecord> facts)
    {
        var members = v.Names.Where(n => n.Span.End <= verbAt && n.Entity.Kind == EntityKind.ArmedGroup && n.Entity.Name != umbrella.Entity.Name).Select(n => n.Entity.Name).Distinct().ToList();
        if (members.Count == 0 && previous is not null && v.Words.Take(v.WordAt(verbAt)).Any(w => Pronouns.Contains(w.Key)))
        {
            // "Although many have formally integrated into the PMF": the groups the previous sentence named.
            members = [.. previous.Names.Where(n => n.Entity.Kind == EntityKind.ArmedGroup && n.Entity.Name != umbrella.Entity.Name).Select(n => n.Entity.Name).Distinct()];
        }

        foreach (var member in members)
        {
            facts.Add(Fact(v, member, Relation.MemberOf, umbrella.Entity.Name));
        }
    }

    // ---- leads, backed_by ------------------------------------------------------------------------------------------

    [GeneratedRegex(@"^(?:pro-)?(?<who>[\p{L}\.' ]+?)[-‐ ](?<how>led|backed|aligned|allied|supported|sponsored|funded)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LedOrBacked();


    /// <summary>
    /// False only when <see cref="LedOrBacked"/> cannot match the name: its verb follows a hyphen or a space, so a
    /// name without one (most are one word) is answered by a scan of its few characters, and an ASCII name must have
    /// a verb right after one (an ASCII case-insensitive test, which on ASCII text is the pattern's own). A name
    /// outside ASCII with a separator goes to the regex, whose case-insensitivity is wider.
    /// </summary>
    /// <remarks>
    /// One pass over the name, asked of every name group of every sentence: the characters are OR-ed together as
    /// they are read (a name is outside ASCII when the result is above 0x7F, what <see cref="Ascii.IsValid(ReadOnlySpan{char})"/>
    /// gave in a second pass), and at a separator the next letters are compared with the verbs starting with that
    /// letter (<see cref="IsBackerVerbAt"/>) instead of seven ordinal ignore-case comparisons. Not inlined: inside
    /// <see cref="Backing"/> the loop kept its running OR on the stack (a store and a load per character).
    /// </remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    internal static bool MayNameItsBacker(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty)
        {
            return false;
        }

        int all = name[0];
        var separated = false;
        for (var p = 1; p < name.Length; p++)
        {
            // Letters lie above '-': one comparison rules out most characters.
            var c = name[p];
            all |= c;
            if (c <= '-' ? c is ' ' or '-' : c == '\u2010')
            {
                separated = true;
                if (IsBackerVerbAt(name, p + 1))
                {
                    return true;
                }
            }
        }

        return separated && all > 0x7F;
    }

    /// <summary>
    /// Whether one of the verbs of <see cref="LedOrBacked"/>'s "how" (led, backed, aligned, allied, supported, sponsored,
    /// funded: kept in step with it) starts at <paramref name="at"/>, compared as ASCII ignoring case
    /// (<c>c | 0x20</c> equals a lower-case ASCII letter only for that letter in either case): what
    /// <c>StartsWith(verb, OrdinalIgnoreCase)</c> gives on ASCII text. On a name outside ASCII the answer does not
    /// matter (<see cref="MayNameItsBacker"/> says yes for any separator).
    /// </summary>
    private static bool IsBackerVerbAt(ReadOnlySpan<char> name, int at)
    {
        if (at >= name.Length)
        {
            return false;
        }

        var rest = name[at..];
        return (rest[0] | 0x20) switch
        {
            'l' => StartsWithLower(rest, "led") == Compared.Yes,
            'b' => StartsWithLower(rest, "backed") == Compared.Yes,
            'a' => StartsWithLower(rest, "aligned") == Compared.Yes || StartsWithLower(rest, "allied") == Compared.Yes,
            's' => StartsWithLower(rest, "supported") == Compared.Yes || StartsWithLower(rest, "sponsored") == Compared.Yes,
            'f' => StartsWithLower(rest, "funded") == Compared.Yes,
            _ => false,
        };
    }

    [GeneratedRegex(@"^ ,? ?(?:which (?:is |are )?|who (?:is |are )?|that (?:is |are )?)?(?:backed|supported|armed|funded|sponsored) by (?:the )?$")]
    private static partial Regex BackedBy();

    [GeneratedRegex(@"^ ,? ?(?:which (?:is |was )?)?led by (?:the )?$")]
    private static partial Regex LedBy();

    /// <summary>
    /// False only when the normalised text between two names (<see cref="Between"/>) cannot end with one of
    /// <see cref="ByEndings"/>: asked of the text as written, before <see cref="Between"/> lower-cases and copies it.
    /// Normalising only trims white space at the ends, lower-cases (no character but 'B', 'Y', 'T', 'H', 'E' lower-cases
    /// to those letters) and straightens apostrophes, so a text whose normalised form ends with " by " or " by the " ends,
    /// trimmed, with "by" or "the" in either case.
    /// </summary>
    internal static bool MayEndWithBy(ReadOnlySpan<char> raw)
    {
        // The last letter first (y or e in either case): most texts end otherwise, and two ignore-case comparisons
        // were made for each.
        var trimmed = raw.TrimEnd();
        if (trimmed.IsEmpty || (trimmed[^1] | 0x20) is not ('y' or 'e'))
        {
            return false;
        }

        return trimmed.EndsWith("by", StringComparison.OrdinalIgnoreCase) || trimmed.EndsWith("the", StringComparison.OrdinalIgnoreCase);
    }

    private void Backing(SentenceView v, List<FactRecord> facts)
    {
        // Mentions of one span share its characters: the pre-test is asked once per span (the groups' spans lie side by
        // side in one array), and the mentions are read one by one, in their order as the facts are added, only in a
        // sentence with a span that passes it (few do).
        var mayNameABacker = false;
        foreach (ref readonly var group in v.NameGroups)
        {
            if (MayNameItsBacker(v.Body.AsSpan(group.Span.Start, group.Span.Length)))
            {
                mayNameABacker = true;
                break;
            }
        }

        foreach (var mention in mayNameABacker ? v.Names : ArraySegment<NameMention>.Empty)
        {
            // Few names say who leads or backs them ("Iranian-backed militias"): most are ruled out by their characters.
            var name = v.Body.AsSpan(mention.Span.Start, mention.Span.Length);
            if (mention.Anaphoric || !MayNameItsBacker(name))
            {
                continue;
            }

            var surface = name.ToString();
            var m = LedOrBacked().Match(surface);
            if (!m.Success)
            {
                continue;
            }

            var country = lexicon.CountryOf(m.Groups["who"].Value);
            if (country is null)
            {
                continue;
            }

            var subject = Appositive(v, mention);
            if (m.Groups["how"].Value.Equals("led", StringComparison.OrdinalIgnoreCase))
            {
                facts.Add(Fact(v, country.Name, Relation.Leads, subject.Name));
            }
            else if (subject.Kind is EntityKind.ArmedGroup or EntityKind.Force)
            {
                facts.Add(Fact(v, subject.Name, Relation.BackedBy, country.Name));
            }
        }

        // Each span's first mention and the next span's.
        var names = v.NameGroups;
        for (var i = 0; i + 1 < names.Length; i++)
        {
            var kind = names[i].Kind;
            if (kind is not (EntityKind.ArmedGroup or EntityKind.Coalition))
            {
                continue; // the text between is read only for a pair the rules can take (most pairs are not)
            }

            var (a, b) = (names[i].Head, names[i + 1].Head);
            if (!MayEndWithBy(v.BetweenInPlace(a.Span.End, b.Span.Start)))
            {
                continue;
            }

            var between = Between(v, a, b);
            if (!EndsWithAny(between, ByEndings))
            {
                continue;
            }

            if (kind == EntityKind.ArmedGroup && BackedBy().IsMatch(between))
            {
                facts.Add(Fact(v, a.Entity.Name, Relation.BackedBy, b.Entity.Name));
            }
            else if (kind == EntityKind.Coalition && LedBy().IsMatch(between))
            {
                facts.Add(Fact(v, b.Entity.Name, Relation.Leads, a.Entity.Name));
            }
        }
    }

    // ---- designated ----------------------------------------------------------------------------------------------

    [GeneratedRegex(@"\bdesignated\b(?<rest>[^.;]{0,80})", RegexOptions.IgnoreCase)]
    private static partial Regex Designated();

    /// <summary>The rule's pattern, for the test of <see cref="MayStateSentenceRule"/> against it.</summary>
    internal static Regex DesignatedPattern => Designated();

    private static readonly SearchValues<string> DesignatedStem = SearchValues.Create(DesignatedStemWords, StringComparison.OrdinalIgnoreCase);

    private static void Designations(SentenceView v, bool mayStateSentenceRule, List<FactRecord> facts)
    {
        if (!mayStateSentenceRule || !MayHold(SentenceText(v), DesignatedStem) || !Designated().IsMatch(SentenceText(v)))
        {
            return;
        }

        var text = v.Body[v.Sentence.Span.Start..v.Sentence.Span.End];
        foreach (Match m in Designated().Matches(text))
        {
            var at = v.Sentence.Span.Start + m.Index;
            var rest = m.Groups["rest"].Value;
            var value = rest.Contains("terror", StringComparison.OrdinalIgnoreCase) ? "terrorist organization" : null;
            if (value is null)
            {
                continue;
            }

            // The designating state: "designated by the US", else "X has designated", else "X-designated".
            var restStart = at + m.Length - rest.Length;
            var by = Regex.Match(rest, @"\bby\s+(?:the\s+)?", RegexOptions.IgnoreCase);
            var byAt = restStart + by.Index + by.Length;
            var designator = by.Success
                ? v.Names.FirstOrDefault(n => n.Span.Start >= byAt && n.Span.Start <= byAt + 1 && n.Entity.Kind is EntityKind.Country or EntityKind.Government or EntityKind.Coalition)
                : v.Names.LastOrDefault(n => n.Span.End <= at && n.Span.End >= at - 12 && n.Entity.Kind is EntityKind.Country or EntityKind.Government);
            if (designator is null)
            {
                continue;
            }

            var groups = v.Names.Where(n => n.Entity.Kind == EntityKind.ArmedGroup && n.Span.End <= at).Select(n => n.Entity.Name).Distinct().ToList();
            if (groups.Count == 0)
            {
                // "Washington designated the Houthis as a terrorist group": the group follows the verb.
                groups = [.. v.Names.Where(n => n.Entity.Kind == EntityKind.ArmedGroup && n.Span.Start >= restStart).Take(1).Select(n => n.Entity.Name)];
            }

            foreach (var g in groups)
            {
                facts.Add(Fact(v, g, Relation.Designated, designator.Entity.Name) with { Value = value });
            }
        }
    }

    // ---- stance -------------------------------------------------------------------------------------------------

    [GeneratedRegex(@"(?<![-‐])\b(?<verb>rejected|rejects|reject|refused|refuses|refuse|opposed|opposes|oppose|accepted|accepts|accept|agreed to|welcomed|welcomes|endorsed)\s+(?:any\s+|the\s+|calls? for\s+|demands? for\s+)?(?<topic>[a-z][a-z\- ]{2,40}?)(?=[,.;:]|\s+(?:and|but|until|unless|only|while|as|which|of|in|by|from|on)\b|$)", RegexOptions.IgnoreCase)]
    private static partial Regex StancePhrase();

    [GeneratedRegex(@"\b(?<cond>(?:only\s+)?(?:once|if|unless|until|when)\b[^.;]+)", RegexOptions.IgnoreCase)]
    private static partial Regex Condition();

    /// <summary>The rule's pattern, for the test of <see cref="MayStateSentenceRule"/> against it.</summary>
    internal static Regex StancePattern => StancePhrase();

    // Every alternative of StancePhrase's "verb" starts with one of these (StanceStemWords), kept in step with it.
    private static readonly SearchValues<string> StanceStems = SearchValues.Create(StanceStemWords, StringComparison.OrdinalIgnoreCase);

    private static void Stances(SentenceView v, bool mayStateSentenceRule, SentenceView? next, List<FactRecord> facts)
    {
        if (!mayStateSentenceRule || !MayHold(SentenceText(v), StanceStems) || !StancePhrase().IsMatch(SentenceText(v)))
        {
            return;
        }

        AddStances(v, next, facts);
    }

    /// <summary>The stances of a sentence that states one (apart, so that its queries' closures over the sentence are made only then).</summary>
    private static void AddStances(SentenceView v, SentenceView? next, List<FactRecord> facts)
    {
        var text = v.Body[v.Sentence.Span.Start..v.Sentence.Span.End];
        foreach (Match m in StancePhrase().Matches(text))
        {
            var at = v.Sentence.Span.Start + m.Index;
            var verb = m.Groups["verb"].Value.ToLowerInvariant();
            var topic = m.Groups["topic"].Value.Trim().ToLowerInvariant();
            if (topic.Length < 3 || topic.StartsWith("claim", StringComparison.Ordinal) || topic.StartsWith("report", StringComparison.Ordinal))
            {
                continue;
            }

            var value = verb.StartsWith("reject", StringComparison.Ordinal) || verb.StartsWith("refus", StringComparison.Ordinal) || verb.StartsWith("oppos", StringComparison.Ordinal) ? "rejects" : "accepts";
            var holders = v.Names.Where(n => n.Span.End <= at && SentenceView.IsActorKind(n.Entity.Kind) && n.Entity.Kind != EntityKind.Country)
                .Where(n => !Regex.IsMatch(v.Body[Math.Max(v.Sentence.Span.Start, n.Span.Start - 12)..n.Span.Start], @"\b(?:by|among|against|with|from)\s+(?:the\s+)?$", RegexOptions.IgnoreCase))
                .Select(n => n.Entity.Name).Distinct().ToList();
            if (holders.Count == 0)
            {
                continue;
            }

            var rest = text[(m.Index + m.Length)..];
            var nextSentence = next is null ? "" : next.Sentence.Span.Slice(v.Body);
            var condition = Condition().Match(rest) is { Success: true } c ? c.Groups["cond"].Value.Trim()
                : Regex.IsMatch(nextSentence, @"^\s*(?:They|It|The group|The groups|The militias)\b") && Condition().Match(nextSentence) is { Success: true } n ? n.Groups["cond"].Value.Trim()
                : null;
            foreach (var holder in holders)
            {
                facts.Add(Fact(v, holder, Relation.Stance, topic) with { Value = value, Condition = condition });
            }
        }
    }

    // ---- controls, as the text states it ---------------------------------------------------------------------------

    [GeneratedRegex(@"^ (?:(?:that|which|who|now|still|also|effectively|firmly|largely) )*(?:controls|control|controlled|holds|held|hold|runs|administers) (?:(?:much|most|large parts|parts|swathes|large swathes|the rest|areas|all) (?:of )?)?(?:the )?(?:(?:north|south|east|west|central|north-?west|north-?east|south-?west|south-?east)(?:ern)? )?(?:and (?:north|south|east|west|central)(?:ern)? )?$")]
    private static partial Regex ControlsPlace();

    /// <summary>The rule's pattern, for the test of <see cref="MayStateControl"/> against it.</summary>
    internal static Regex ControlsPattern => ControlsPlace();

    // Every match of ControlsPlace holds one of its verbs, each of which holds one of these, kept in step with it.
    private static readonly SearchValues<string> ControlStems =
        SearchValues.Create(["control", "hold", "held", "runs", "administers"], StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// False only when <see cref="ControlsPlace"/> cannot match the normalised text between two names (see
    /// <see cref="Between"/>), asked of the text as written: normalising only trims, straightens apostrophes and
    /// lower-cases, so the normal form holds a verb only where the raw text holds it in some case, or holds one of the
    /// few characters outside ASCII that lower-case to an ASCII letter (<see cref="MayHold"/>). Most pairs of a group,
    /// force or government and a place have other words between them, and each was normalised and run through the
    /// pattern.
    /// </summary>
    internal static bool MayStateControl(ReadOnlySpan<char> raw) => MayHold(raw, ControlStems);

    /// <summary>"The Houthis, the Iran-backed movement": a description is said of the name just before it.</summary>
    /// <remarks>
    /// The last name before it whose text up to the mention is a comma and an article, searched from the end (what
    /// <c>LastOrDefault</c> did), the text read in place by a generated pattern: the static <c>Regex.IsMatch</c> with
    /// a pattern string looked the pattern up in the regex cache and copied the text out for every name tested.
    /// </remarks>
    private static EntityRecord Appositive(SentenceView v, NameMention mention)
    {
        var names = v.Names.AsSpan();
        for (var k = names.Length - 1; k >= 0; k--)
        {
            var n = names[k];
            if (n.Span.End <= mention.Span.Start && AppositiveGap().IsMatch(v.BetweenInPlace(n.Span.End, mention.Span.Start)))
            {
                return n.Entity.Kind == mention.Entity.Kind ? n.Entity : mention.Entity;
            }
        }

        return mention.Entity;
    }

    [GeneratedRegex(@"^\s*,\s*(?:the|an?)\s+(?:\w+\s+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex AppositiveGap();

    private static void TextControls(SentenceView v, List<FactRecord> facts)
    {
        // Each span's first mention and the next span's.
        var names = v.NameGroups;
        for (var i = 0; i + 1 < names.Length; i++)
        {
            var a = names[i].Head;
            var b = names[i + 1].Head;
            if (names[i].Kind is EntityKind.ArmedGroup or EntityKind.Force or EntityKind.Government && SentenceView.IsPlaceKind(names[i + 1].Kind)
                && MayStateControl(v.BetweenInPlace(a.Span.End, b.Span.Start)) && ControlsPlace().IsMatch(Between(v, a, b)))
            {
                facts.Add(Fact(v, Appositive(v, a).Name, Relation.Controls, b.Entity.Name));
            }
        }
    }

    // ---- facts that events imply --------------------------------------------------------------------------------

    private static void FromEvents(ReadingDocument document, List<FactRecord> facts)
    {

        foreach (var e in document.Events)
        {
            if (e.Place is null || e.Status != EventStatus.Completed)
            {
                continue;
            }

            var start = e.Date.From ?? e.Date.To;
            if (e.Type is EventType.Handover or EventType.TerritoryTaken)
            {
                // A handover opens control for who receives it; a capture for who takes it.
                var holders = e.Type == EventType.Handover ? e.Targets : e.Actors;
                for (var k = 0; k < holders.Count; k++)
                {
                    var holder = holders[k];
                    facts.Add(new FactRecord(holder, Relation.Controls, e.Place, null, start is { } s ? new DateSpan(s, null, e.Date.Approx) : DateSpan.Unknown, e.AttributedTo, e.Evidence));
                }
            }
        }

        // A completed withdrawal closes the presence of who left (the latest withdrawal closes an open presence): the
        // withdrawals in order of end date, latest first, equal ones in text order (what a stable OrderByDescending
        // gave). Most reports have a few: their indexes sorted by insertion on the stack, not a query, its iterators
        // and closures per report.
        var events = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(document.Events);
        var withdrawals = events.Length <= 128 ? stackalloc int[events.Length] : new int[events.Length];
        var count = 0;
        for (var k = 0; k < events.Length; k++)
        {
            var e = events[k];
            if (e.Type != EventType.Withdrawal || e.Status != EventStatus.Completed || e.Place is null || e.Date.To is not { } to)
            {
                continue;
            }

            var at = count++;
            while (at > 0 && events[withdrawals[at - 1]].Date.To!.Value.CompareTo(to) < 0)
            {
                withdrawals[at] = withdrawals[at - 1];
                at--;
            }

            withdrawals[at] = k;
        }

        // The last actor's kind is kept: a report's withdrawals are mostly by the same force, and each search walks
        // the document's mentions comparing names.
        string? lastActor = null;
        var lastKind = default(EntityKind);
        foreach (var index in withdrawals[..count])
        {
            var e = events[index];
            for (var a = 0; a < e.Actors.Count; a++)
            {
                var actor = e.Actors[a];
                if (!string.Equals(actor, lastActor, StringComparison.Ordinal))
                {
                    (lastActor, lastKind) = (actor, KindOfFirstMention(document, actor));
                }

                if (lastKind is EntityKind.Force or EntityKind.Coalition)
                {
                    ClosePresence(facts, e, actor);
                }
            }
        }
    }

    /// <summary>Ends the open presence of <paramref name="actor"/> at the withdrawal's place, or states it up to then.</summary>
    private static void ClosePresence(List<FactRecord> facts, EventRecord e, string actor)
    {
        var closed = false;
        for (var k = 0; k < facts.Count; k++)
        {
            var f = facts[k];
            if (f.Relation == Relation.PresentAt && f.Subject == actor && f.Object == e.Place &&
                (f.Valid.To is null || f.Valid.To == e.Date.To) &&
                (f.Valid.From is null || f.Valid.From.Value.CompareTo(e.Date.To!.Value) <= 0))
            {
                facts[k] = f with { Valid = f.Valid with { To = e.Date.To, Approx = f.Valid.Approx || e.Date.Approx } };
                closed = true;
            }
        }

        if (!closed)
        {
            // Who left a place was there until they left.
            facts.Add(new FactRecord(actor, Relation.PresentAt, e.Place, null, new DateSpan(null, e.Date.To, e.Date.Approx), e.AttributedTo, e.Evidence));
        }
    }

    /// <summary>
    /// The kind of the first mention named <paramref name="name"/> (the default kind when none is). Searched only for
    /// the actors of completed withdrawals, rather than indexing every name of every document.
    /// </summary>
    private static EntityKind KindOfFirstMention(ReadingDocument document, string name)
    {
        foreach (var n in document.Names)
        {
            if (n.Entity.Name == name)
            {
                return n.Entity.Kind;
            }
        }

        return default;
    }

    /// <summary>
    /// The spans of <paramref name="first"/> then those of <paramref name="second"/>, each once, in order of first
    /// appearance (what <c>Union</c> gives), by a scan of the few spans kept so far: a fact has a sentence or two of
    /// evidence, and <c>Union</c> built a hash set for every merge.
    /// </summary>
    internal static TextSpan[] EvidenceOfBoth(IReadOnlyList<TextSpan> first, IReadOnlyList<TextSpan> second)
    {
        var spans = new TextSpan[first.Count + second.Count];
        var count = 0;
        for (var k = 0; k < first.Count + second.Count; k++)
        {
            var span = k < first.Count ? first[k] : second[k - first.Count];
            if (Array.IndexOf(spans, span, 0, count) < 0)
            {
                spans[count++] = span;
            }
        }

        return count == spans.Length ? spans : spans[..count];
    }

    /// <summary>The same fact read twice keeps one record with both sentences as evidence and the better validity.</summary>
    private static List<FactRecord> Merge(List<FactRecord> facts)
    {
        var result = new List<FactRecord>();
        foreach (var f in facts)
        {
            // A loop, not FindIndex with a lambda: its closure over the fact was made for every fact.
            var same = -1;
            for (var k = 0; k < result.Count; k++)
            {
                var r = result[k];
                // The relation first: an integer, where most facts differ.
                if (r.Relation == f.Relation && r.Subject == f.Subject && r.Object == f.Object && r.Value == f.Value && r.Quantity == f.Quantity)
                {
                    same = k;
                    break;
                }
            }

            if (same < 0)
            {
                result.Add(f);
                continue;
            }

            var kept = result[same];
            var valid = kept.Valid.IsUnknown ? f.Valid : kept.Valid;
            result[same] = kept with
            {
                Valid = valid,
                Evidence = EvidenceOfBoth(kept.Evidence, f.Evidence),
                Condition = kept.Condition ?? f.Condition,
            };
        }

        return result;
    }
}
