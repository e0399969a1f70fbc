using System.Text.Json;
using Garrison.Domain.Dates;
using Garrison.Domain.Provenance;
using Garrison.Domain.Records;
using Garrison.Reading.Documents;
using Garrison.Reading.Pipeline;

namespace Garrison.Reading.Tests.Pipeline;

public sealed class RecordOrderTests
{
    private static readonly string[] FixedNames =
    [
        "", "a", "A", "AB", "ABC", "ABCD", "ABCDE", "ABCDF", "ABCD\0", "ABC\0", "AB\0\0x", "Zz", "zz", "Ελλάδα", "Ελλ",
        "\uFFFF", "\uFFFFa", "\u8000\u8000\u8000\u8000b", "\u8000\u8000\u8000\u8000a", "Iraq", "Iraqi Army", "Iraqi Kurdistan",
        "Islamic State", "Islamic State in Iraq", "Isl", "US", "U.S.", "US Army", "US Central Command",
    ];

    /// <summary>Names sharing their first four units or being prefixes of each other, empty and short names, units above 0x7FFF and NULs.</summary>
    private static List<string> Names(Random random, int round)
    {
        var names = FixedNames.Where(_ => random.Next(3) > 0).ToList();
        var extra = round % 3 == 0 ? random.Next(250, 600) : random.Next(0, 60);
        for (var k = 0; k < extra; k++)
        {
            var chars = new char[random.Next(0, 9)];
            for (var c = 0; c < chars.Length; c++)
            {
                // Mostly a few letters, so that four-unit prefixes often tie.
                chars[c] = random.Next(10) switch
                {
                    0 => (char)random.Next(0, 0x10000),
                    1 => '\0',
                    _ => (char)('A' + random.Next(3)),
                };
            }

            names.Add(new string(chars));
        }

        return names;
    }

    [Fact]
    public void Names_are_put_in_ordinal_order_and_equal_names_in_order_of_index()
    {
        // In many shuffles and sizes on both sides of the stack buffer, with repeats (the mentions of one name), against
        // a stable sort by the whole name.
        var random = new Random(20261203);
        for (var round = 0; round < 400; round++)
        {
            var distinct = Names(random, round);
            // Repeats as new strings too: equal names need not be one object.
            var names = distinct.Concat(distinct.Where(_ => random.Next(4) == 0).Select(n => new string(n.AsSpan())))
                .OrderBy(_ => random.Next()).ToArray();
            var order = new int[names.Length];

            ReadingPipeline.OrdinalOrder(names, order);

            var expected = Enumerable.Range(0, names.Length).OrderBy(k => names[k], StringComparer.Ordinal).ThenBy(k => k);
            Assert.Equal(expected, order);
        }

        // More names than the index beside the prefix has room for.
        var pool = Names(random, 0);
        var many = Enumerable.Range(0, 70_000).Select(_ => pool[random.Next(pool.Count)]).ToArray();
        var manyOrder = new int[many.Length];
        ReadingPipeline.OrdinalOrder(many, manyOrder);
        Assert.Equal(Enumerable.Range(0, many.Length).OrderBy(k => many[k], StringComparer.Ordinal).ThenBy(k => k), manyOrder);
    }

    [Fact]
    public void The_records_entities_are_what_a_dictionary_of_names_a_set_of_used_names_and_a_sort_gave_in_real_reports()
    {
        var pipeline = ReadingPipelineFactory.Create(Garrison.Lexicons.DataDirectory.Locate());
        var entities = 0;
        foreach (var file in RealReports.Files())
        {
            var document = pipeline.Annotate(Path.GetFileName(file), File.ReadAllText(file));
            AssertSameRecord(document);
            entities += ReadingPipeline.ToRecord(document).Entities.Count;
        }

        Assert.True(entities > 40, $"{entities} entities");
    }

    [Fact]
    public void The_records_entities_are_what_a_dictionary_of_names_a_set_of_used_names_and_a_sort_gave_in_generated_documents()
    {
        // Names of every kind of ordinal edge, mentioned several times with different alias counts (the first of the
        // most aliases is kept), of no known kind, used or not by events and facts, and used names no mention has.
        var random = new Random(8);
        for (var round = 0; round < 300; round++)
        {
            var pool = Names(random, round % 3 == 0 ? 1 : round).Distinct(StringComparer.Ordinal).ToList();
            var document = new ReadingDocument("t", "body");
            var mentions = random.Next(0, round % 5 == 0 ? 400 : 40);
            for (var k = 0; k < mentions && pool.Count > 0; k++)
            {
                if (k > 0 && random.Next(3) == 0)
                {
                    // The same entity mentioned again (the names stage hands out one record per lexicon entry).
                    document.Names.Add(document.Names[random.Next(document.Names.Count)] with { Span = new TextSpan(k, k + 1) });
                    continue;
                }

                // Equal names need not be one string: the record groups names by their characters.
                var name = random.Next(4) == 0 ? new string(pool[random.Next(pool.Count)].AsSpan()) : pool[random.Next(pool.Count)];
                var kind = random.Next(3) == 0 ? EntityKind.Unknown : (EntityKind)random.Next(1, 8);
                var aliases = Enumerable.Range(0, random.Next(3)).Select(a => $"alias{a}").ToList();
                document.Names.Add(new NameMention(new TextSpan(0, 1), new EntityRecord(name, kind, aliases) { Ref = $"m{k}" }));
            }

            // Used names: mostly a mention's very string, some a copy of one or of a name of the pool no mention has,
            // some no name of the pool at all.
            string Used() => random.Next(4) == 0 ? $"unmentioned{random.Next(20)}"
                : random.Next(5) == 0 && document.Names.Count > 0 ? document.Names[random.Next(document.Names.Count)].Entity.Name
                : pool.Count > 0 ? (random.Next(3) == 0 ? new string(pool[random.Next(pool.Count)].AsSpan()) : pool[random.Next(pool.Count)]) : "x";
            for (var k = random.Next(0, 12); k > 0; k--)
            {
                document.Events.Add(new EventRecord(EventType.Attack, EventStatus.Completed, DateSpan.Unknown, [Used(), Used()], [Used()],
                    random.Next(2) == 0 ? Used() : null, null, null, Casualties.None, null, random.Next(3) == 0 ? Used() : null, []));
            }

            for (var k = random.Next(0, 12); k > 0; k--)
            {
                document.Facts.Add(new FactRecord(Used(), Relation.PresentAt, random.Next(3) == 0 ? null : Used(), null, DateSpan.Unknown,
                    random.Next(3) == 0 ? "" : null, []));
            }

            AssertSameRecord(document);
        }
    }

    private static void AssertSameRecord(ReadingDocument document)
    {
        var expected = FormerRecord(document);
        var actual = ReadingPipeline.ToRecord(document);
        Assert.Equal(JsonSerializer.Serialize(expected, RecordJson.Options), JsonSerializer.Serialize(actual, RecordJson.Options));
        Assert.Equal(expected.Entities.Count, actual.Entities.Count);
        for (var k = 0; k < expected.Entities.Count; k++)
        {
            if (expected.Entities[k].Ref is not null)
            {
                Assert.Same(expected.Entities[k], actual.Entities[k]);
            }
        }
    }

    /// <summary>The record as <see cref="ReadingPipeline.ToRecord"/> made it before session 12, written as plainly as it reads.</summary>
    private static ExtractionRecord FormerRecord(ReadingDocument document)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in document.Events)
        {
            used.UnionWith(e.Actors);
            used.UnionWith(e.Targets);
            used.UnionWith(new[] { e.Place, e.AttributedTo }.Where(n => !string.IsNullOrEmpty(n))!);
        }

        foreach (var f in document.Facts)
        {
            used.Add(f.Subject);
            used.UnionWith(new[] { f.Object, f.AttributedTo }.Where(n => !string.IsNullOrEmpty(n))!);
        }

        var entities = new Dictionary<string, EntityRecord>(StringComparer.Ordinal);
        foreach (var mention in document.Names)
        {
            if (!entities.TryGetValue(mention.Entity.Name, out var kept) || kept.Aliases.Count < mention.Entity.Aliases.Count)
            {
                entities[mention.Entity.Name] = mention.Entity;
            }
        }

        var listed = entities.Values.Where(e => e.Kind != EntityKind.Unknown || used.Contains(e.Name)).OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
        listed.AddRange(used.Where(n => !entities.ContainsKey(n)).Order(StringComparer.Ordinal).Select(n => new EntityRecord(n, EntityKind.Unknown, [])));
        return new ExtractionRecord(document.Info, listed, [.. document.Events], [.. document.Facts]);
    }
}
