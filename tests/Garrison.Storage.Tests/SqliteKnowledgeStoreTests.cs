using Garrison.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Garrison.Storage.Tests;

/// <summary>The conformance suite on SQLite files in a temporary folder.</summary>
public sealed class SqliteKnowledgeStoreTests : KnowledgeStoreConformance
{
    private readonly string folder = Directory.CreateTempSubdirectory("garrison-store-").FullName;

    protected override Task<string> CreateDatabaseAsync() => Task.FromResult(Path.Combine(folder, $"kb-{Guid.NewGuid():N}.db"));

    protected override async Task<IKnowledgeStore> OpenAtAsync(string location) => await SqliteKnowledgeStore.OpenAsync(location);

    protected override async Task ExecuteAsync(IKnowledgeStore store, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={LocationOf(store)}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    protected override string RefuseHoldingsSql =>
        "CREATE TRIGGER refuse_holdings BEFORE INSERT ON holdings BEGIN SELECT RAISE(ABORT, 'holdings refused by the test'); END";

    protected override string AllowHoldingsSql => "DROP TRIGGER refuse_holdings";

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }
}
