using Garrison.Domain.Dates;
using Garrison.Domain.Provenance;
using Garrison.Domain.Quantities;
using Garrison.Domain.Records;

namespace Garrison.Domain.Tests.Records;

/// <summary>
/// <see cref="ExtractionRecordJson"/> writes what <see cref="RecordJson.Serialize{T}"/> writes, on records built to
/// reach every field with and without a value: nulls, empty lists, text the encoder escapes or keeps, numbers of
/// every kind, dates at each precision, enum values with and without a name.
/// </summary>
public sealed class ExtractionRecordJsonTests
{
    private static readonly string[] Texts =
    [
        "", "Iraq", "Al-Asad Air Base", "Ain al-Asad", "Anbār", "Kurdistan’s “region”", "quote \" and \\ backslash",
        "tab\tnew\nline\r", "<script>&amp;'", "\u0001\u001f\u007f", "Ελλάδα", "بغداد", "emoji 🚀 pair", "lone \ud800 high",
        "lone \udc00 low", "+plus", "\u2028\u2029", "null",
    ];

    [Fact]
    public void Generated_records_are_written_as_the_serializer_writes_them()
    {
        var random = new Random(20261203);
        for (var round = 0; round < 500; round++)
        {
            var record = Record(random);
            var expected = RecordJson.Serialize(record);
            var written = ExtractionRecordJson.Serialize(record);
            Assert.True(expected == written, $"round {round}:\nserializer {expected}\nwriter     {written}");
            Assert.Equal(written, ExtractionRecordJson.Serialize(record));
        }
    }

    [Fact]
    public void A_record_longer_than_the_kept_buffer_is_written_whole_and_the_next_one_after_it()
    {
        var random = new Random(7);
        var aliases = Enumerable.Range(0, 40_000).Select(i => $"alias number {i} of a long list").ToArray();
        var huge = Record(random) with { Entities = [new EntityRecord("Long", EntityKind.Place, aliases)] };
        Assert.Equal(RecordJson.Serialize(huge), ExtractionRecordJson.Serialize(huge));

        var small = Record(random);
        Assert.Equal(RecordJson.Serialize(small), ExtractionRecordJson.Serialize(small));
    }

    private static ExtractionRecord Record(Random random)
    {
        var document = new DocumentInfo(
            Text(random) ?? "id",
            Date(random),
            Text(random),
            Text(random),
            Text(random),
            random.Next(3) == 0 ? null : Strings(random));
        // Half the entities are instances shared by many records (as the lexicon's are), some of them copied with other
        // aliases (as a report's unlisted forms make them): the writer keeps an entity's bytes by instance.
        var entities = Enumerable.Range(0, random.Next(0, 6)).Select(_ => random.Next(4) switch
        {
            0 => SharedEntities[random.Next(SharedEntities.Length)],
            1 => SharedEntities[random.Next(SharedEntities.Length)] with { Aliases = Strings(random) },
            _ => Entity(random),
        }).ToList();
        var events = Enumerable.Range(0, random.Next(0, 6)).Select(_ => new EventRecord(
            Enum<EventType>(random),
            Enum<EventStatus>(random),
            Span(random),
            Strings(random),
            Strings(random),
            Text(random),
            Text(random),
            Text(random),
            random.Next(3) == 0 ? Casualties.None : new Casualties(Quantity(random), Quantity(random)),
            Quantity(random),
            Text(random),
            Evidence(random))
        { Origin = Text(random), PlaceInferred = random.Next(2) == 0 }).ToList();
        var facts = Enumerable.Range(0, random.Next(0, 6)).Select(_ => new FactRecord(
            Text(random) ?? "subject",
            Enum<Relation>(random),
            Text(random),
            Quantity(random),
            Span(random),
            Text(random),
            Evidence(random))
        { Value = Text(random), Condition = Text(random) }).ToList();
        return new ExtractionRecord(document, entities, events, facts);
    }

    private static readonly EntityRecord[] SharedEntities = [.. Enumerable.Range(0, 40).Select(i => Entity(new Random(i)))];

    private static EntityRecord Entity(Random random) => new(
        Text(random) ?? "name",
        Enum<EntityKind>(random),
        Strings(random),
        Text(random),
        Text(random),
        Number(random),
        Number(random))
    { Ref = Text(random) };

    private static string? Text(Random random) => random.Next(4) == 0 ? null : Texts[random.Next(Texts.Length)];

    private static string[] Strings(Random random) =>
        [.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => Texts[random.Next(Texts.Length)])];

    private static double? Number(Random random) => random.Next(6) switch
    {
        0 => null,
        1 => random.Next(-180, 181),
        2 => Math.Round((random.NextDouble() * 360) - 180, random.Next(0, 7)),
        3 => random.NextDouble() * 1e-7,
        4 => 0.1 + 0.2,
        _ => -0.0,
    };

    private static long? Whole(Random random) => random.Next(5) switch
    {
        0 => null,
        1 => random.Next(0, 100),
        2 => random.NextInt64(),
        3 => -random.NextInt64(),
        _ => long.MaxValue,
    };

    private static Quantity? Quantity(Random random) =>
        random.Next(3) == 0 ? null : new Quantity(Whole(random), Whole(random), Whole(random), random.Next(2) == 0);

    private static PartialDate? Date(Random random)
    {
        var year = random.Next(5) == 0 ? random.Next(1, 10) : random.Next(1900, 2100);
        return random.Next(5) switch
        {
            0 => null,
            1 => PartialDate.OfYear(year),
            2 => PartialDate.OfMonth(year, random.Next(1, 13)),
            _ => PartialDate.OfDay(year, random.Next(1, 13), random.Next(1, 29)),
        };
    }

    private static DateSpan Span(Random random) => new(Date(random), Date(random), random.Next(2) == 0);

    private static TextSpan[] Evidence(Random random) =>
        [.. Enumerable.Range(0, random.Next(0, 3)).Select(_ => new TextSpan(random.Next(0, 5000), random.Next(0, 100_000)))];

    /// <summary>Mostly named values, sometimes one the enum does not name (the serializer writes its number).</summary>
    private static T Enum<T>(Random random)
        where T : struct, Enum
    {
        var values = System.Enum.GetValues<T>();
        return random.Next(20) == 0 ? (T)(object)(values.Length + 7) : values[random.Next(values.Length)];
    }
}
