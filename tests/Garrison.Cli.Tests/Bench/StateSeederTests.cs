using Dapper;
using Garrison.Cli.Bench;
using Garrison.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Garrison.Cli.Tests.Bench;

/// <summary>The state bench's synthetic archives: their size, their determinism, and the world the default one describes.</summary>
public sealed class StateSeederTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("garrison-seeder-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_world_archive_has_the_facts_asked_for_about_the_bounded_world_and_is_the_same_for_the_same_seed()
    {
        var first = await SeedAsync("a.db", 3000, 7, StateShape.World);
        var again = await SeedAsync("b.db", 3000, 7, StateShape.World);

        Assert.Equal(3000, first.Facts);
        Assert.Equal(first, again);
        Assert.True(first.Subjects <= WorldArchive.Forces, $"{first.Subjects} subjects");
        Assert.True(first.Objects <= WorldArchive.Places + WorldArchive.Areas, $"{first.Objects} objects");
        Assert.True(first.Holdings > 0);
    }

    [Fact]
    public async Task A_larger_world_archive_reports_the_same_world_more_densely_while_the_uniform_one_grows_its_world()
    {
        var small = await SeedAsync("small.db", 1000, 1, StateShape.World);
        var large = await SeedAsync("large.db", 30000, 1, StateShape.World);
        var uniformSmall = await SeedAsync("us.db", 1000, 1, StateShape.Uniform);
        var uniformLarge = await SeedAsync("ul.db", 30000, 1, StateShape.Uniform);

        // Thirty times the claims: more than twice as many claims per (holder, place) pair about the bounded world...
        Assert.True(large.PerPair > 2 * small.PerPair, $"{small.PerPair:F2} -> {large.PerPair:F2} claims per pair");
        // ... and about as many per pair as before in the uniform archive, whose world grows with it.
        Assert.True(uniformLarge.PerPair < 1.5 * uniformSmall.PerPair, $"{uniformSmall.PerPair:F2} -> {uniformLarge.PerPair:F2} claims per pair");
    }

    [Fact]
    public async Task The_state_on_a_day_is_read_from_the_seeded_holdings()
    {
        var path = Path.Combine(folder, "state.db");
        await StateSeeder.SeedAsync(path, 3000, 3, StateShape.World, CancellationToken.None);
        await using var store = await SqliteKnowledgeStore.OpenAsync(path);

        var state = await store.GetStateAsync(new LocalDate(2015, 6, 1));

        Assert.NotEmpty(state.Presence);
        Assert.NotEmpty(state.Control);
        Assert.NotEmpty(state.TroopLevels);
        Assert.All(state.Presence, p => Assert.StartsWith("Bench place ", p.Place, StringComparison.Ordinal));
    }

    private async Task<Counts> SeedAsync(string name, int facts, int seed, StateShape shape)
    {
        var path = Path.Combine(folder, name);
        await StateSeeder.SeedAsync(path, facts, seed, shape, CancellationToken.None);
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        return await connection.QuerySingleAsync<Counts>("""
            SELECT (SELECT COUNT(*) FROM facts) AS facts, (SELECT COUNT(DISTINCT subject_id) FROM facts) AS subjects,
                   (SELECT COUNT(DISTINCT object_id) FROM facts) AS objects,
                   (SELECT COUNT(*) FROM (SELECT DISTINCT subject_id, object_id FROM facts)) AS pairs,
                   (SELECT COUNT(*) FROM holdings) AS holdings,
                   (SELECT group_concat(relation || subject_id || '>' || object_id || COALESCE(valid_from, '') || COALESCE(valid_to, ''), ',')
                    FROM (SELECT * FROM facts ORDER BY id)) AS digest
            """);
    }

    private sealed record Counts(long Facts, long Subjects, long Objects, long Pairs, long Holdings, string Digest)
    {
        public double PerPair => Facts / (double)Pairs;

        public override string ToString() => $"{Facts} facts, {Pairs} pairs, {Holdings} holdings";
    }
}
