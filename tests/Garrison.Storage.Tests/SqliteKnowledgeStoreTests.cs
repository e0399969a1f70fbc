using Garrison.Storage.Sqlite;

namespace Garrison.Storage.Tests;

/// <summary>The conformance suite on SQLite files in a temporary folder.</summary>
public sealed class SqliteKnowledgeStoreTests : KnowledgeStoreConformance
{
    private readonly string folder = Directory.CreateTempSubdirectory("garrison-store-").FullName;

    protected override async Task<IKnowledgeStore> CreateStoreAsync() =>
        await SqliteKnowledgeStore.OpenAsync(Path.Combine(folder, $"kb-{Guid.NewGuid():N}.db"));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }
}
