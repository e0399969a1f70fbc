using System.Globalization;
using System.Text;
using Garrison.Domain.Records;
using Garrison.Lexicons.Entities;
using NodaTime;

namespace Garrison.Cli.Bench;

/// <summary>One generated report: its id and whole text (header, "---", body).</summary>
public sealed record BenchDocument(string Id, string Text);

/// <summary>
/// Generates reports for the bench from the entity lexicons and sentence templates, deterministically: the same seed
/// and lexicon give the same texts, byte for byte, on every machine. Reports are 2–8 KB like wire copy, with a header
/// (title, published, outlet) and paragraphs that name forces, groups, installations and places, dates and counts,
/// so every reading stage has work to do. The wording is Garrison's own; no report text is copied.
/// </summary>
public sealed class BenchCorpus
{
    /// <summary>Sentences with slots: {force} {group} {base} {area} {country} {person} {date} {n} {month}.</summary>
    private static readonly string[] Templates =
    [
        "{force} said on {date} that about {n} troops had been sent to {base}, where they joined advisers already stationed there.",
        "Rockets struck {base} in {area} on {date}, according to a statement from {force}; no casualties were reported.",
        "{group} claimed responsibility for a drone attack on {base}, which wounded {small} service members, officials said.",
        "By {month}, {force} had withdrawn from {base} and handed the facility over to local troops.",
        "{person} told reporters that {force} would keep roughly {n} personnel in {country} until the end of the year.",
        "Fighters from {group} seized control of {area} on {date} after two days of clashes with {force}.",
        "{force} retook {area} from {group} in {month}, local officials said, ending a siege that had lasted weeks.",
        "A convoy carrying {force} came under fire near {area}, killing {small} soldiers and injuring {small} others.",
        "{country} said it would host an additional {n} troops at {base} as part of an agreement signed on {date}.",
        "Analysts said the move left {group} in control of much of {area}, though {force} still held {base}.",
        "The ministry in {country} denied that {force} was present at {base}, calling the reports false.",
        "{force} has deployed some {n} soldiers to {country} since {month}, a senior official said on {date}.",
        "Airstrikes on positions held by {group} near {area} killed at least {small} militants on {date}, the military said.",
        "{person} visited {base} on {date} and met commanders of {force} stationed at the base.",
        "Residents of {area} reported heavy shelling overnight, and {group} said its units had repelled an assault.",
        "Under the plan, {force} will leave {base} by {month}, ending a presence that began more than a decade ago.",
        "{group}, which is backed by {country}, has stepped up attacks on bases hosting {force} since {month}.",
        "Officials said between {small} and {n} troops from {force} remained in {area} after the pullout.",
    ];

    private static readonly string[] Outlets = ["Garrison bench wire", "Garrison bench daily", "Garrison bench agency"];

    private readonly LexiconEntry[] forces;
    private readonly LexiconEntry[] groups;
    private readonly LexiconEntry[] bases;
    private readonly LexiconEntry[] areas;
    private readonly LexiconEntry[] countries;
    private readonly LexiconEntry[] people;
    private readonly int seed;

    public BenchCorpus(EntityLexicon lexicon, int seed)
    {
        this.seed = seed;
        forces = Pick(lexicon, EntityKind.Force, EntityKind.Coalition);
        groups = Pick(lexicon, EntityKind.ArmedGroup);
        bases = Pick(lexicon, EntityKind.Facility);
        areas = Pick(lexicon, EntityKind.Place, EntityKind.Province, EntityKind.Region);
        countries = Pick(lexicon, EntityKind.Country);
        people = Pick(lexicon, EntityKind.Person);
        if (forces.Length == 0 || groups.Length == 0 || bases.Length == 0 || areas.Length == 0 || countries.Length == 0)
        {
            throw new InvalidDataException("the bench corpus needs forces, armed groups, installations, places and countries in data/actors and data/places");
        }
    }

    /// <summary>The <paramref name="index"/>-th report: independent of the others, so any slice can be generated alone.</summary>
    public BenchDocument Document(int index)
    {
        var random = new Random(HashCode(seed, index));
        var published = new LocalDate(2014, 1, 1).PlusDays(random.Next(0, 365 * 12));
        // The last sentence overshoots the target by at most a few hundred bytes, so reports stay within 2–8 KB.
        var targetBytes = random.Next(2048, 7700);
        var body = new StringBuilder(targetBytes + 512);
        var first = Fill(Templates[random.Next(Templates.Length)], random, published);
        var title = first.Length > 72 ? first[..72].TrimEnd() : first;
        var header = string.Create(CultureInfo.InvariantCulture,
            $"title: {title.TrimEnd('.', ',', ';')}\npublished: {published:yyyy-MM-dd}\noutlet: {Outlets[random.Next(Outlets.Length)]}\n---\n");
        body.Append(first);
        while (Encoding.UTF8.GetByteCount(header) + body.Length < targetBytes)
        {
            // Paragraphs of one to four sentences, like wire copy.
            body.Append(random.Next(4) == 0 ? "\n\n" : " ");
            body.Append(Fill(Templates[random.Next(Templates.Length)], random, published));
        }

        body.Append('\n');
        return new BenchDocument(string.Create(CultureInfo.InvariantCulture, $"bench-{index:D7}"), header + body);
    }

    /// <summary>The first <paramref name="count"/> reports, generated one at a time as they are enumerated.</summary>
    public IEnumerable<BenchDocument> Documents(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return Document(i);
        }
    }

    private string Fill(string template, Random random, LocalDate published)
    {
        var text = new StringBuilder(template.Length + 64);
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            if (open < 0)
            {
                text.Append(template, i, template.Length - i);
                break;
            }

            text.Append(template, i, open - i);
            var close = template.IndexOf('}', open);
            text.Append(Slot(template[(open + 1)..close], random, published));
            i = close + 1;
        }

        // A sentence that starts with a lower-case name ("al-Shabaab") still starts the sentence.
        if (text.Length > 0 && char.IsLower(text[0]))
        {
            text[0] = char.ToUpperInvariant(text[0]);
        }

        return text.ToString();
    }

    private string Slot(string slot, Random random, LocalDate published) => slot switch
    {
        "force" => Name(forces, random),
        "group" => Name(groups, random),
        "base" => Name(bases, random),
        "area" => Name(areas, random),
        "country" => Name(countries, random),
        "person" => people.Length == 0 ? "A spokesman" : Name(people, random),
        "date" => DateText(published.PlusDays(-random.Next(0, 60)), random),
        "month" => published.PlusDays(-random.Next(0, 400)).ToString("MMMM yyyy", CultureInfo.InvariantCulture),
        "n" => (random.Next(2, 60) * 50).ToString("N0", CultureInfo.InvariantCulture),
        "small" => random.Next(2, 12).ToString(CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException($"unknown template slot {{{slot}}}"),
    };

    private static string DateText(LocalDate date, Random random) => random.Next(3) switch
    {
        0 => date.DayOfWeek.ToString(),
        1 => date.ToString("MMMM d", CultureInfo.InvariantCulture),
        _ => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture),
    };

    /// <summary>The entry's name, or now and then one of its aliases, as reports vary their spellings.</summary>
    private static string Name(LexiconEntry[] entries, Random random)
    {
        var entry = entries[random.Next(entries.Length)];
        return entry.Aliases.Count > 0 && random.Next(3) == 0 ? entry.Aliases[random.Next(entry.Aliases.Count)] : entry.Name;
    }

    private static LexiconEntry[] Pick(EntityLexicon lexicon, params EntityKind[] kinds) =>
        [.. lexicon.Entries.Where(e => kinds.Contains(e.Kind)).OrderBy(e => e.Id, StringComparer.Ordinal)];

    /// <summary>A stable per-document seed (string.GetHashCode is randomised per process, so it is not used).</summary>
    private static int HashCode(int seed, int index) => unchecked((seed * 1_000_003) ^ (index * 7919) ^ 0x5bd1e995);
}
