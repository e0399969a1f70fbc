using Garrison.Domain.Records;
using Garrison.Storage.Sql;

namespace Garrison.Storage.Tests;

/// <summary>
/// The mirror's candidates for a facility's search box, found through its grid of whole degrees, are exactly the
/// facilities a scan of every entity held finds: positions near cell edges, the poles and the date line, off the globe
/// and not numbers, and entities that become facilities or gain a position later.
/// </summary>
public sealed class EntityMirrorTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_box_finds_exactly_the_facilities_a_scan_of_every_entity_finds(int seed)
    {
        var random = new Random(seed);
        // The mirror's reads need a transaction; adding rows and asking for candidates do not.
        var mirror = new EntityMirror(null!, (_, _, _) => "");
        var rows = new List<EntityRow>();
        double Coordinate(double limit) => random.Next(10) switch
        {
            0 => Math.Round(random.NextDouble() * 4 - 2) + (random.NextDouble() * 0.04) - 0.02, // near a cell edge
            1 => limit - (random.NextDouble() * 0.05), // near the pole or the date line
            2 => -limit + (random.NextDouble() * 0.05),
            3 => random.Next(3) == 0 ? double.NaN : limit + 1 + random.NextDouble(), // off the globe
            _ => (random.NextDouble() * 6) - 3, // a crowded region
        };

        for (var id = 1; id <= 400; id++)
        {
            var row = new EntityRow
            {
                Id = id,
                Name = $"Site {id}",
                NameKey = $"site {id}",
                Kind = random.Next(4) switch { 0 => "unknown", 1 => "place", _ => "facility" },
                Lat = random.Next(8) == 0 ? null : Coordinate(90),
                Lon = random.Next(8) == 0 ? null : Coordinate(180),
            };
            rows.Add(row);
            mirror.Add(row, row.NameKey, []);
        }

        // Some become facilities, or gain a position, after they were added.
        foreach (var row in rows.Where(r => r.Kind == "unknown" || r.Lat is null).Take(40).ToList())
        {
            mirror.Fill(row.Id, "facility", null, null, null, Coordinate(90), Coordinate(180));
        }

        var hits = 0;
        for (var query = 0; query < 500; query++)
        {
            // Most probes beside an entity held (a box is a few km wide: a random one would find nothing).
            var near = rows[random.Next(rows.Count)];
            var probe = random.Next(4) == 0 || near.Lat is null || near.Lon is null
                ? new EntityRecord("Probe", EntityKind.Facility, [], Lat: Coordinate(90), Lon: Coordinate(180))
                : new EntityRecord("Probe", EntityKind.Facility, [], Lat: near.Lat + (random.NextDouble() * 0.06) - 0.03,
                    Lon: near.Lon + (random.NextDouble() * 0.06) - 0.03);
            var box = Box.Around(probe)!;
            var expected = rows.Where(r => r is { Kind: "facility", Lat: { } lat, Lon: { } lon } && box.Contains(lat, lon)).Select(r => r.Id);

            var found = mirror.Candidates(probe, [], box).Select(c => c.Row.Id);

            Assert.Equal(expected, found);
            hits += found.Count();
        }

        // The probes must find facilities, those that became one or gained a position by Fill among them.
        Assert.True(hits > 100, $"{hits} facilities found");
    }
}
