using Garrison.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Garrison.Storage.Tests;

/// <summary>
/// SQLite runs in multi-thread mode (<c>SqliteKnowledgeStore</c>'s static constructor), where a statement left undisposed
/// and finalized on the GC's thread could run at the same time as the next user of its pooled connection. The store's
/// connection (<c>StatementCheckedConnection</c>) refuses that: these tests plant such leaks and check that the
/// connection fails and that its handle never goes back to the pool. Every other storage test opens its stores through
/// the same connection, so a leak anywhere in the store's own code fails the test that reaches it.
/// </summary>
public sealed class SqliteStatementLeakTests : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("garrison-leak-").FullName;
    private SqliteKnowledgeStore store = null!;

    public async Task InitializeAsync() => store = await SqliteKnowledgeStore.OpenAsync(Path.Combine(folder, "kb.db"));

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_command_left_undisposed_fails_the_close_and_its_handle_is_not_pooled_again()
    {
        var connection = (SqliteConnection)await store.OpenConnectionAsync(default);
        var handle = connection.Handle;
        var leaked = connection.CreateCommand();
        leaked.CommandText = "SELECT COUNT(*) FROM documents";
        Assert.Equal(0L, leaked.ExecuteScalar());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await connection.DisposeAsync());
        Assert.Contains("SELECT COUNT(*) FROM documents", error.Message, StringComparison.Ordinal);
        Assert.Equal(System.Data.ConnectionState.Closed, connection.State);
        await AssertNextConnectionsAreNotAsync(handle);
        leaked.Dispose();
    }

    [Fact]
    public async Task A_prepared_statement_left_undisposed_fails_the_close()
    {
        var connection = (SqliteConnection)await store.OpenConnectionAsync(default);
        var handle = connection.Handle!;
        // What an undisposed SqliteRowInsert or SqliteStatement would leave.
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(handle, "SELECT id FROM entities", out var statement), handle);

        var error = Assert.Throws<InvalidOperationException>(connection.Dispose);
        Assert.Contains("SELECT id FROM entities", error.Message, StringComparison.Ordinal);
        await AssertNextConnectionsAreNotAsync(handle);
        statement.Dispose();
    }

    [Fact]
    public async Task A_pooled_connection_handed_over_with_a_statement_open_is_refused_when_opened()
    {
        // A connection outside the store shares its pool and does not check what it leaves (as a leaked connection
        // reclaimed by the pool would not): the store must not take the handle.
        var connectionString = SqliteKnowledgeStore.ConnectionStringOf(store.Path);
        sqlite3_stmt statement;
        using (var outside = new SqliteConnection(connectionString))
        {
            outside.Open();
            SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(outside.Handle!, "SELECT 42", out statement), outside.Handle!);
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.OpenConnectionAsync(default));
        Assert.Contains("SELECT 42", error.Message, StringComparison.Ordinal);
        statement.Dispose();
        // The next open gets a handle with nothing left open, and the store works.
        await using (var next = await store.OpenConnectionAsync(default))
        {
            Assert.Equal(System.Data.ConnectionState.Open, next.State);
        }

        Assert.Null(await store.GetDocumentAsync("none"));
    }

    /// <summary>The pool hands out another handle (a returned one is reused first: the leaked one would come back).</summary>
    private async Task AssertNextConnectionsAreNotAsync(sqlite3? leakedHandle)
    {
        for (var i = 0; i < 3; i++)
        {
            await using var next = (SqliteConnection)await store.OpenConnectionAsync(default);
            Assert.NotSame(leakedHandle, next.Handle);
        }
    }
}
