using System.Text;
using Garrison.Domain.Dates;
using Garrison.Domain.Provenance;
using Garrison.Domain.Quantities;
using Garrison.Domain.Records;

namespace Garrison.Storage.Tests;

/// <summary>
/// Builds a small report and its extraction record by hand: each claim comes with the sentence it is read from, so
/// the evidence offsets are real offsets into the body. The wording is the tests' own.
/// </summary>
internal sealed class Report(string id, string published)
{
    private readonly StringBuilder body = new();
    private readonly List<EntityRecord> entities = [];
    private readonly List<EventRecord> events = [];
    private readonly List<FactRecord> facts = [];

    public Report With(params EntityRecord[] known)
    {
        entities.AddRange(known);
        return this;
    }

    public Report Fact(string sentence, Relation relation, string subject, string? obj, string? from = null, string? to = null, Quantity? quantity = null)
    {
        var span = Say(sentence);
        facts.Add(new FactRecord(subject, relation, obj, quantity, Span(from, to), null, [span]));
        return this;
    }

    public Report Event(string sentence, EventType type, string[] actors, string? place, string? from = null, string? to = null,
        string[]? targets = null, EventStatus status = EventStatus.Completed, string? origin = null)
    {
        var span = Say(sentence);
        events.Add(new EventRecord(type, status, Span(from, to ?? from), actors, targets ?? [], place, null, null,
            Casualties.None, null, null, origin is null ? [span] : [])
        { Origin = origin });
        return this;
    }

    /// <summary>Adds a sentence without any claim (context the reader would skip).</summary>
    public Report Text(string sentence)
    {
        Say(sentence);
        return this;
    }

    public (SourceDocument Document, ExtractionRecord Record) Build()
    {
        var info = new DocumentInfo(id, PartialDate.Parse(published), "Test Wire", null);
        var header = $"published: {published}\noutlet: Test Wire\n---\n";
        return (SourceDocument.Create(id, header, body.ToString(), info), new ExtractionRecord(info, [.. entities], [.. events], [.. facts]));
    }

    private static DateSpan Span(string? from, string? to) =>
        new(from is null ? null : PartialDate.Parse(from), to is null ? null : PartialDate.Parse(to));

    private TextSpan Say(string sentence)
    {
        if (body.Length > 0)
        {
            body.Append(' ');
        }

        var start = body.Length;
        body.Append(sentence);
        return new TextSpan(start, body.Length);
    }
}

/// <summary>Entity records as a reader would list them; variants spell the same things differently.</summary>
internal static class Known
{
    public static EntityRecord UsForces { get; } = new("US forces", EntityKind.Force, ["US troops", "American troops"], Country: "United States");

    public static EntityRecord IraqiForces { get; } = new("Iraqi security forces", EntityKind.Force, ["Iraqi forces"], Country: "Iraq");

    public static EntityRecord Iraq { get; } = new("Iraq", EntityKind.Country, []);

    public static EntityRecord AlAsad { get; } =
        new("Al-Asad Air Base", EntityKind.Facility, ["Ain al-Asad", "Asad"], "Anbar", "Iraq", 33.79, 42.44);

    /// <summary>The same base as another report spells it, with a slightly different position.</summary>
    public static EntityRecord AlAsadVariant { get; } =
        new("Al Asad Airbase", EntityKind.Facility, ["Ain al Asad"], "Anbar", "Iraq", 33.7856, 42.4412);

    public static EntityRecord Harir { get; } = new("Harir Air Base", EntityKind.Facility, [], "Erbil", "Iraq", 36.53, 44.34);

    /// <summary>Harir under its airfield name: no shared name, same place.</summary>
    public static EntityRecord Bashur { get; } = new("Bashur Airfield", EntityKind.Facility, [], "Erbil", "Iraq", 36.5337, 44.3399);
}
