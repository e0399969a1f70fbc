using System.Globalization;
using Garrison.Storage.Sql;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Garrison.Storage.Sqlite;

/// <summary>
/// An ingest insert as one SQLite statement bound by position, through the SQLite API Microsoft.Data.Sqlite itself
/// wraps (its connection's handle, inside its transaction). A bulk ingest runs about 250 of these per report, and
/// through an <see cref="SqliteCommand"/> each row paid for a parameter lookup by name per value (a scan of the
/// statement's names and a UTF-8 copy of the name), a data reader, and, for the ids, <c>RETURNING</c>, which SQLite
/// runs through a temporary table: more than the b-tree writes themselves. The id of the new row is
/// <c>sqlite3_last_insert_rowid</c>, exact here because the connection runs one statement at a time. Values are bound
/// and rows stepped with direct calls (<see cref="SqliteNative"/>).
/// </summary>
internal sealed class SqliteRowInsert : PreparedRowInsert
{
    private readonly sqlite3 database;
    private readonly nint databaseHandle;
    private readonly sqlite3_stmt statement;
    private readonly SqliteBinder binder;

    public SqliteRowInsert(SqliteConnection connection, InsertStatement insert)
    {
        database = connection.Handle!;
        databaseHandle = database.DangerousGetHandle();
        var sql = insert.Sql(i => "?" + (i + 1).ToString(CultureInfo.InvariantCulture), "");
        var rc = raw.sqlite3_prepare_v2(database, sql, out statement);
        SqliteException.ThrowExceptionForRC(rc, database);
        binder = new SqliteBinder(database, statement);
    }

    public override ValueTask InsertAsync(object?[] values)
    {
        Run(values);
        return ValueTask.CompletedTask;
    }

    public override ValueTask<long> InsertReturningIdAsync(object?[] values)
    {
        Run(values);
        return ValueTask.FromResult(SqliteNative.LastInsertRowId(databaseHandle));
    }

    public override ValueTask DisposeAsync()
    {
        statement.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Run(object?[] values)
    {
        try
        {
            binder.Bind(values);
            var step = SqliteNative.Step(binder.Handle);
            if (step != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(step, database);
            }
        }
        finally
        {
            SqliteNative.Reset(binder.Handle);
        }
    }
}
