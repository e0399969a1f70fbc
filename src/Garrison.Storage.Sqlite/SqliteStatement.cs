using System.Text;
using Garrison.Storage.Sql;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Garrison.Storage.Sqlite;

/// <summary>
/// One compiled SQLite statement on the connection's handle (inside its transaction), bound by position and run with
/// direct calls (<see cref="SqliteNative"/>): what <see cref="SqliteRowInsert"/> does for rows, for the statements a
/// batch runs per document or entity. Parameters are numbered by SQLite in the order they first appear, which
/// <see cref="StatementSql"/> lists; the names are checked against the compiled statement once.
/// </summary>
internal sealed class SqliteStatement : PreparedStatement
{
    private readonly sqlite3 database;
    private readonly sqlite3_stmt statement;
    private readonly SqliteBinder binder;

    public SqliteStatement(SqliteConnection connection, StatementSql sql)
    {
        database = connection.Handle!;
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(database, sql.Sql, out statement), database);
        var count = raw.sqlite3_bind_parameter_count(statement);
        if (count != sql.Parameters.Count)
        {
            statement.Dispose();
            throw new ArgumentException($"the statement has {count} parameters, {sql.Parameters.Count} listed: {sql.Sql}", nameof(sql));
        }

        for (var i = 0; i < count; i++)
        {
            if (raw.sqlite3_bind_parameter_name(statement, i + 1).utf8_to_string() != sql.Parameters[i])
            {
                statement.Dispose();
                throw new ArgumentException($"parameter {i + 1} is not {sql.Parameters[i]}: {sql.Sql}", nameof(sql));
            }
        }

        binder = new SqliteBinder(database, statement);
    }

    public override ValueTask ExecuteAsync(object?[] values)
    {
        try
        {
            binder.Bind(values);
            var rc = SqliteNative.Step(binder.Handle);
            if (rc is not raw.SQLITE_DONE and not raw.SQLITE_ROW)
            {
                SqliteException.ThrowExceptionForRC(rc, database);
            }
        }
        finally
        {
            SqliteNative.Reset(binder.Handle);
        }

        return ValueTask.CompletedTask;
    }

    public override ValueTask<object?> ScalarAsync(object?[] values)
    {
        try
        {
            binder.Bind(values);
            var rc = SqliteNative.Step(binder.Handle);
            if (rc == raw.SQLITE_DONE)
            {
                return ValueTask.FromResult<object?>(null);
            }

            if (rc != raw.SQLITE_ROW)
            {
                SqliteException.ThrowExceptionForRC(rc, database);
            }

            object? value = SqliteNative.ColumnType(binder.Handle, 0) switch
            {
                raw.SQLITE_INTEGER => SqliteNative.ColumnInt64(binder.Handle, 0),
                raw.SQLITE_FLOAT => SqliteNative.ColumnDouble(binder.Handle, 0),
                raw.SQLITE_NULL => null,
                _ => Encoding.UTF8.GetString(raw.sqlite3_column_blob(statement, 0)),
            };
            // Run to the end, as a reader would: an INSERT … RETURNING writes its row only when stepped to completion.
            while (rc == raw.SQLITE_ROW)
            {
                rc = SqliteNative.Step(binder.Handle);
            }

            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, database);
            }

            return ValueTask.FromResult(value);
        }
        finally
        {
            SqliteNative.Reset(binder.Handle);
        }
    }

    public override ValueTask DisposeAsync()
    {
        statement.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Binds a row of values to a statement by position. Text is encoded (the same UTF-8 encoder, so the same bytes) into
/// one pinned buffer per statement, each value at its own offset, and bound as SQLITE_STATIC: SQLite reads it in place
/// instead of allocating a copy of every text value (a few hundred per report) and freeing it at the next row. The
/// buffer never moves (pinned) and a bound value is only read by the step that follows the binding of the whole row;
/// a buffer outgrown is kept until the statement is done, since SQLite still points into it until every value is bound
/// again. An empty string binds as empty text, not NULL (a conformance test stores one).
/// </summary>
internal sealed class SqliteBinder(sqlite3 database, sqlite3_stmt statement)
{
    /// <summary>SQLITE_STATIC: the bytes stay valid and unchanged until the value is bound again.</summary>
    private const nint Static = 0;

    private readonly List<byte[]> outgrown = [];
    private byte[] utf8 = GC.AllocateUninitializedArray<byte>(4096, pinned: true);

    private readonly int parameters = raw.sqlite3_bind_parameter_count(statement);

    /// <summary>The raw statement handle; <paramref name="statement"/> owns it and outlives this binder.</summary>
    public nint Handle { get; } = statement.DangerousGetHandle();

    /// <summary>Binds every parameter (a value left from an earlier row would point into a reused buffer).</summary>
    public void Bind(object?[] values)
    {
        if (values.Length != parameters)
        {
            throw new ArgumentException($"{values.Length} values for {parameters} parameters", nameof(values));
        }

        var most = 1;
        foreach (var value in values)
        {
            if (value is string text)
            {
                most += Encoding.UTF8.GetMaxByteCount(text.Length);
            }
        }

        if (most > utf8.Length)
        {
            outgrown.Add(utf8);
            utf8 = GC.AllocateUninitializedArray<byte>(Math.Max(most, utf8.Length * 2), pinned: true);
        }

        var offset = 0;
        for (var i = 0; i < values.Length; i++)
        {
            int rc;
            switch (values[i])
            {
                case null:
                    rc = SqliteNative.BindNull(Handle, i + 1);
                    break;
                case long number:
                    rc = SqliteNative.BindInt64(Handle, i + 1, number);
                    break;
                case double number:
                    rc = SqliteNative.BindDouble(Handle, i + 1, number);
                    break;
                case string text:
                    var length = Encoding.UTF8.GetBytes(text, utf8.AsSpan(offset));
                    // A zero-length value still points at a byte of the buffer: a null pointer would bind NULL.
                    rc = SqliteNative.BindText(Handle, i + 1, ref utf8[offset], length, Static);
                    offset += length;
                    break;
                case var other:
                    throw new ArgumentException($"no SQLite binding for a {other.GetType().Name}", nameof(values));
            }

            if (rc != raw.SQLITE_OK)
            {
                SqliteException.ThrowExceptionForRC(rc, database);
            }
        }
    }
}
