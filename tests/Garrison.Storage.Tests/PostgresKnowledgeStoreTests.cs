using Garrison.Storage.Postgres;

namespace Garrison.Storage.Tests;

/// <summary>The conformance suite on a real PostgreSQL server, each store in a database of its own.</summary>
[RequiresEnvironment(PostgresTestServer.Variable, PostgresTestServer.Why)]
public sealed class PostgresKnowledgeStoreTests : KnowledgeStoreConformance
{
    private readonly PostgresTestServer server = new();

    protected override async Task<IKnowledgeStore> CreateStoreAsync() =>
        await PostgresKnowledgeStore.OpenAsync(await server.CreateDatabaseAsync());

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await server.DisposeAsync();
    }
}
