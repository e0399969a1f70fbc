using System.Text;
using Garrison.Cli.Bench;
using Garrison.Cli.Output;
using Garrison.Domain.Dates;
using Garrison.Domain.Quantities;
using Garrison.Domain.Records;
using Garrison.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Garrison.Cli.Tests.Commands;

/// <summary>
/// The <c>state</c> command's streaming JSON (<see cref="StateJson"/>) against what it replaced: the serializer's
/// indented record and a newline, byte for byte.
/// </summary>
public sealed class StateJsonTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("garrison-statejson-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Answers_of_a_seeded_base_are_written_as_the_serializer_wrote_them_on_every_date_asked()
    {
        var path = Path.Combine(folder, "world.db");
        await StateSeeder.SeedAsync(path, 20_000, 11, StateShape.World, CancellationToken.None);
        await using var store = await SqliteKnowledgeStore.OpenAsync(path);
        var random = new Random(5);
        var rows = 0;
        var disputed = 0;
        for (var i = 0; i < 40; i++)
        {
            var at = new LocalDate(1998, 1, 1).PlusDays(random.Next(0, 365 * 30));
            var state = await store.GetStateAsync(at);
            rows += state.Presence.Count + state.Control.Count + state.TroopLevels.Count;
            disputed += state.TroopLevels.Count(t => t.Disputed is not null);

            AssertSameBytes(state);
        }

        // The dates met real answers, with disputed figures among them, not only empty ones.
        Assert.True(rows > 1000, $"{rows} rows");
        Assert.True(disputed > 0, "no disputed troop level was written");

        // And through the command, whose output here is a writer rather than the console.
        foreach (var at in new[] { new LocalDate(2004, 2, 29), new LocalDate(2016, 11, 30) })
        {
            var (exit, output, error) = await Cli.RunAsync("state", "--at", at.ToString("yyyy-MM-dd", null), "--db", path, "--format", "json");
            Assert.True(exit == 0, error);
            Assert.Equal(Expected(await store.GetStateAsync(at)), output);
        }
    }

    [Fact]
    public void Names_outside_ascii_quotes_controls_and_markup_are_escaped_as_the_serializer_escapes_them()
    {
        string[] names = ["Forces armées “Nord” ’", "قوات \"الشمال\"", "tab\tnew\nline\\", "<b>&amp;</b> 'x'", "emoji 🛡 pair", "\u0001\u001f\u007f\u2028", "\ud800 lone"];
        var sources = new[] { "report-é", "report \"quoted\"", "r/1" };
        var presence = names.Select((name, i) => new PresenceRow(name, names[^(i + 1)], i % 2 == 0 ? PartialDate.OfYear(2020) : null,
            PartialDate.OfMonth(2021, 3), sources)).ToList();
        var control = names.Select(name => new ControlRow(name, "Place ‘A’", PartialDate.OfDay(2019, 12, 31), null, [])).ToList();
        var state = new StateRecord(new LocalDate(2021, 1, 2), presence, control, []);

        AssertSameBytes(state);
    }

    /// <summary>
    /// Source ids that come as ASCII bytes (<see cref="IAsciiStringList"/>, as the state index's answers give them) are
    /// written from the bytes: quotes, backslashes, control characters and markup must be escaped as in the strings, and
    /// an id outside ASCII (not given as bytes) written from its string. Dates before year 1000 keep their four digits, and a year before 1 is written as ToString writes it.
    /// </summary>
    [Fact]
    public void Source_ids_given_as_ascii_bytes_are_escaped_as_the_serializer_escapes_the_strings()
    {
        var ids = new BytesWhereAscii(["report \"quoted\"", "back\\slash", "tab\tnew\nline", "\u0001\u001f\u007f", "<b>&amp;</b> 'x'", "report-é", "\ud800 lone", "plain-0001", ""]);
        var state = new StateRecord(new LocalDate(2021, 1, 2),
            [new PresenceRow("Force", "Place", PartialDate.OfDay(999, 1, 2), PartialDate.OfMonth(5, 11), ids)],
            [new ControlRow("Controller", "Place", PartialDate.OfYear(2020), PartialDate.FromLocalDate(new LocalDate(0, 3, 4)), ids)],
            [new TroopLevelRow("Force", "Area", Quantity.About(300), null, null, ids) { Disputed = [new TroopLevelRow("Force", "Area", Quantity.Exactly(1), null, null, ids)] }]);

        AssertSameBytes(state);
        Assert.True(ids.AsciiReads > 0, "no id was written from its bytes");
    }

    [Fact]
    public void Troop_levels_with_every_shape_of_figure_and_disputed_figures_are_written_as_the_serializer_wrote_them()
    {
        var figures = new[]
        {
            Quantity.Exactly(2500), Quantity.About(300), Quantity.Between(250, 350), Quantity.Between(1, 9, approx: true), Quantity.AtLeast(101),
            new Quantity(null, null, 40), new Quantity(null), new Quantity(long.MaxValue, long.MinValue, 0, true),
        };
        var rows = figures.Select((figure, i) => new TroopLevelRow($"Force {i}", "Area ‘Ω’", figure, PartialDate.OfDay(2001, 2, 3), null, [$"s{i}", "s0"])
        {
            Disputed = i % 3 == 0 ? null : i % 3 == 1 ? [] : [new TroopLevelRow($"Force {i}", "Area ‘Ω’", Quantity.About(i), null, PartialDate.OfYear(2003), ["other"])],
        }).ToList();

        AssertSameBytes(new StateRecord(new LocalDate(2002, 7, 8), [], [], rows));
    }

    [Fact]
    public void An_empty_answer_is_written_as_the_serializer_wrote_it()
    {
        AssertSameBytes(new StateRecord(new LocalDate(1990, 1, 1), [], [], []));
    }

    [Fact]
    public void An_answer_larger_than_the_flush_threshold_arrives_whole_in_the_stream()
    {
        var sources = Enumerable.Range(0, 40).Select(i => $"report-{i:D6}").ToArray();
        var presence = Enumerable.Range(0, 3000).Select(i => new PresenceRow($"Force {i}", $"Place {i}", null, null, sources)).ToList();
        var state = new StateRecord(new LocalDate(2024, 2, 29), presence, [], []);

        Assert.True(Encoding.UTF8.GetByteCount(Expected(state)) > 1 << 20, "the answer spans many flushes");
        AssertSameBytes(state);
    }

    /// <summary>Ids that hand out their ASCII ones as bytes, counting how often they were asked for.</summary>
    private sealed class BytesWhereAscii(string[] ids) : IAsciiStringList
    {
        public int AsciiReads { get; private set; }

        public int Count => ids.Length;

        public string this[int index] => ids[index];

        public bool TryGetAscii(int index, out ReadOnlySpan<byte> ascii)
        {
            ascii = Ascii.IsValid(ids[index]) ? Encoding.ASCII.GetBytes(ids[index]) : default;
            AsciiReads += Ascii.IsValid(ids[index]) ? 1 : 0;
            return Ascii.IsValid(ids[index]);
        }

        public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)ids).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private static string Expected(StateRecord state) => RecordJson.Serialize(state, indented: true) + Environment.NewLine;

    private static void AssertSameBytes(StateRecord state)
    {
        using var stream = new MemoryStream();
        StateJson.Write(state, stream);

        Assert.Equal(Encoding.UTF8.GetBytes(Expected(state)), stream.ToArray());
        Assert.Equal(Expected(state), StateJson.ToText(state));
    }
}
