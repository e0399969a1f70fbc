using Garrison.Storage.Postgres;
using Npgsql;

namespace Garrison.Storage.Tests;

/// <summary>The conformance suite on a real PostgreSQL server, each store in a database of its own.</summary>
[RequiresEnvironment(PostgresTestServer.Variable, PostgresTestServer.Why)]
public sealed class PostgresKnowledgeStoreTests : KnowledgeStoreConformance
{
    private readonly PostgresTestServer server = new();

    protected override Task<string> CreateDatabaseAsync() => server.CreateDatabaseAsync();

    protected override async Task<IKnowledgeStore> OpenAtAsync(string location) => await PostgresKnowledgeStore.OpenAsync(location);

    protected override async Task ExecuteAsync(IKnowledgeStore store, string sql)
    {
        await using var connection = new NpgsqlConnection(LocationOf(store));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    protected override string RefuseHoldingsSql => """
        CREATE FUNCTION refuse_holdings() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'holdings refused by the test'; END $$;
        CREATE TRIGGER refuse_holdings BEFORE INSERT ON holdings FOR EACH ROW EXECUTE FUNCTION refuse_holdings();
        """;

    protected override string AllowHoldingsSql => "DROP TRIGGER refuse_holdings ON holdings; DROP FUNCTION refuse_holdings()";

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await server.DisposeAsync();
    }
}
