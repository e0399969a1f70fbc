using System.Globalization;
using System.Text;
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
/// <c>sqlite3_last_insert_rowid</c>, exact here because the connection runs one statement at a time.
/// </summary>
internal sealed class SqliteRowInsert : PreparedRowInsert
{
    private readonly sqlite3 database;
    private readonly sqlite3_stmt statement;
    private byte[] utf8 = new byte[1024];

    public SqliteRowInsert(SqliteConnection connection, InsertStatement insert)
    {
        database = connection.Handle!;
        var sql = insert.Sql(i => "?" + (i + 1).ToString(CultureInfo.InvariantCulture), "");
        var rc = raw.sqlite3_prepare_v2(database, sql, out statement);
        SqliteException.ThrowExceptionForRC(rc, database);
    }

    public override ValueTask InsertAsync(object?[] values)
    {
        Run(values);
        return ValueTask.CompletedTask;
    }

    public override ValueTask<long> InsertReturningIdAsync(object?[] values)
    {
        Run(values);
        return ValueTask.FromResult(raw.sqlite3_last_insert_rowid(database));
    }

    public override ValueTask DisposeAsync()
    {
        statement.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Binds text as UTF-8 from one buffer the statement keeps: the string overload allocates an array per value (a few
    /// hundred per report), and SQLite copies the bytes either way. The same encoder, so the same bytes; an empty string
    /// binds as empty text, not NULL (a conformance test stores one).
    /// </summary>
    private int BindText(int index, string text)
    {
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (most > utf8.Length)
        {
            utf8 = new byte[Math.Max(most, utf8.Length * 2)];
        }

        var length = Encoding.UTF8.GetBytes(text, utf8);
        return raw.sqlite3_bind_text(statement, index, utf8.AsSpan(0, length));
    }

    private void Run(object?[] values)
    {
        try
        {
            for (var i = 0; i < values.Length; i++)
            {
                var rc = values[i] switch
                {
                    null => raw.sqlite3_bind_null(statement, i + 1),
                    long number => raw.sqlite3_bind_int64(statement, i + 1, number),
                    double number => raw.sqlite3_bind_double(statement, i + 1, number),
                    string text => BindText(i + 1, text),
                    var other => throw new ArgumentException($"no SQLite binding for a {other.GetType().Name}", nameof(values)),
                };
                SqliteException.ThrowExceptionForRC(rc, database);
            }

            var step = raw.sqlite3_step(statement);
            if (step != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(step, database);
            }
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }
}
