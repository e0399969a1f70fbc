using Npgsql;

namespace Garrison.Storage.Tests;

/// <summary>
/// Fresh, empty databases on the test PostgreSQL server ($GARRISON_TEST_PG, started by eng/setup.d/20-postgres.sh):
/// each one gets a unique name and is dropped by <see cref="DisposeAsync"/>, so tests never see each other's rows.
/// </summary>
internal sealed class PostgresTestServer : IAsyncDisposable
{
    public const string Variable = "GARRISON_TEST_PG";

    public const string Why = "no PostgreSQL test server (./test.sh and .ci/run start one on loopback with eng/setup.d/20-postgres.sh)";

    private readonly List<string> databases = [];

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : throw new InvalidOperationException($"{Variable} is not set");

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"garrison_t_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        databases.Add(name);
        return ConnectionStringFor(name);
    }

    /// <summary>A name for a database that does not exist yet (dropped at the end if something created it).</summary>
    public string ReserveDatabaseName()
    {
        var name = $"garrison_t_{Guid.NewGuid():N}";
        databases.Add(name);
        return name;
    }

    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database }.ConnectionString;

    /// <summary>postgres://user@host:port/database for a database on the test server, as a user would type it.</summary>
    public static string UrlFor(string database)
    {
        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString);
        return $"postgres://{builder.Username}@{builder.Host}:{builder.Port}/{database}";
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync();
        foreach (var name in databases)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
