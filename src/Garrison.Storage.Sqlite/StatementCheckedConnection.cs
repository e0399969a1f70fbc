using System.Data;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Garrison.Storage.Sqlite;

/// <summary>
/// The store's connection: it refuses to go back to the pool while a statement compiled on it is still open, i.e. a
/// command, data reader or raw statement (<see cref="SqliteStatement"/>, <see cref="SqliteRowInsert"/>) that was not
/// disposed. The store runs SQLite in multi-thread mode (<see cref="SqliteKnowledgeStore"/>), where a connection must
/// never be used by two threads at once; a statement that is not disposed is finalized later on the GC's finalizer
/// thread, possibly while another caller is using the pooled connection, which in that mode would corrupt memory
/// instead of leaking it. So a leak is an error: the connection is checked when it is opened (a statement left by an
/// earlier user) and when it is closed, the handle is taken out of the pool (closed by SQLite once the last statement is
/// finalized, with no other user), and the close throws. Every test that opens a store goes through this check.
/// </summary>
internal sealed class StatementCheckedConnection(string connectionString) : SqliteConnection(connectionString)
{
    /// <summary>Also what <c>OpenAsync</c> runs (SQLite opens synchronously).</summary>
    public override void Open()
    {
        base.Open();
        ThrowIfStatementOpen("was opened");
    }

    public override void Close()
    {
        if (State != ConnectionState.Open)
        {
            return;
        }

        // An open transaction is rolled back by the close; it holds no statement of its own.
        ThrowIfStatementOpen("was closed");
        base.Close();
    }

    private void ThrowIfStatementOpen(string when)
    {
        var database = Handle!.DangerousGetHandle();
        for (var statement = SqliteNative.NextStatement(database, 0); statement != 0; statement = SqliteNative.NextStatement(database, statement))
        {
            var sql = Marshal.PtrToStringUTF8(SqliteNative.Sql(statement)) ?? "";
            if (IsIntervalIndexOwn(sql))
            {
                continue;
            }

            // Out of the pool: SQLite closes the handle once the leaked statement is finalized, and nobody else uses it.
            ClearPool(this);
            base.Close();
            throw new InvalidOperationException(
                $"an SQLite statement was not disposed when its connection {when} (a command, data reader or prepared statement " +
                $"without using/Dispose): {sql}");
        }
    }

    /// <summary>
    /// The R*Tree (<c>holdings_span</c>) keeps statements on its shadow tables for as long as the connection has it open,
    /// and finalizes them itself; it names them quoted with their schema (<c>'main'.'holdings_span_node'</c>), as no SQL
    /// of the store does.
    /// </summary>
    private static bool IsIntervalIndexOwn(string sql) => sql.Contains("'.'holdings_span_", StringComparison.Ordinal);
}
