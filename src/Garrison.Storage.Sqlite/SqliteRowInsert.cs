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
    private readonly SqliteIntervalIndex? intervals;

    public SqliteRowInsert(SqliteConnection connection, InsertStatement insert)
    {
        database = connection.Handle!;
        databaseHandle = database.DangerousGetHandle();
        var sql = insert.Sql(i => "?" + (i + 1).ToString(CultureInfo.InvariantCulture), "");
        var rc = raw.sqlite3_prepare_v2(database, sql, out statement);
        SqliteException.ThrowExceptionForRC(rc, database);
        binder = new SqliteBinder(database, statement);
        if (insert.Table == "holdings")
        {
            intervals = new SqliteIntervalIndex(database, insert.Columns);
        }
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
        intervals?.Dispose();
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

        intervals?.Add(SqliteNative.LastInsertRowId(databaseHandle), values);
    }
}

/// <summary>
/// Writes the R*Tree row (<c>holdings_span</c>) of each holdings row the store inserts, as the trigger of schema 3 did
/// until schema 8 dropped it: the interval of days the row holds, open ends as 0 and 99999999. As its own statement the
/// insert needs no statement journal (see schema 8), so SQLite no longer copies the pages each holdings row touches.
/// Every writer of holdings rows in a SQLite file goes through here (ingest's refresh) or refills the whole index
/// (<see cref="SqliteKnowledgeStore"/> after a rebuild or a copy).
/// </summary>
internal sealed class SqliteIntervalIndex : IDisposable
{
    /// <summary>The bounds of an open interval, as the schema-3 trigger and every state query write them.</summary>
    public const long OpenStart = 0, OpenEnd = 99999999;

    /// <summary>Every holding's interval from its row, in one statement (after rows were written another way).</summary>
    public const string RefillSql = """
        DELETE FROM holdings_span;
        INSERT INTO holdings_span (id, lo, hi) SELECT id, COALESCE(first_day, 0), COALESCE(last_day, 99999999) FROM holdings;
        """;

    private readonly sqlite3 database;
    private readonly sqlite3_stmt statement;
    private readonly nint handle;
    private readonly int firstDay;
    private readonly int lastDay;

    public SqliteIntervalIndex(sqlite3 database, IReadOnlyList<string> columns)
    {
        this.database = database;
        firstDay = IndexOf(columns, "first_day");
        lastDay = IndexOf(columns, "last_day");
        SqliteException.ThrowExceptionForRC(
            raw.sqlite3_prepare_v2(database, "INSERT INTO holdings_span (id, lo, hi) VALUES (?1, ?2, ?3)", out statement), database);
        handle = statement.DangerousGetHandle();
    }

    /// <summary>Adds the interval of the holdings row <paramref name="id"/> just inserted with <paramref name="values"/>.</summary>
    public void Add(long id, object?[] values)
    {
        try
        {
            Check(SqliteNative.BindInt64(handle, 1, id));
            Check(SqliteNative.BindInt64(handle, 2, values[firstDay] is null ? OpenStart : Convert.ToInt64(values[firstDay], CultureInfo.InvariantCulture)));
            Check(SqliteNative.BindInt64(handle, 3, values[lastDay] is null ? OpenEnd : Convert.ToInt64(values[lastDay], CultureInfo.InvariantCulture)));
            var step = SqliteNative.Step(handle);
            if (step != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(step, database);
            }
        }
        finally
        {
            SqliteNative.Reset(handle);
        }
    }

    public void Dispose() => statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, database);
        }
    }

    private static int IndexOf(IReadOnlyList<string> columns, string column)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i] == column)
            {
                return i;
            }
        }

        throw new ArgumentException($"a holdings insert without {column}: its interval cannot be indexed", nameof(columns));
    }
}
