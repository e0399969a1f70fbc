using System.Data;
using System.Data.Common;
using System.Globalization;

namespace Garrison.Storage.Sql;

/// <summary>
/// A single-row <c>INSERT</c> that ingest runs for many rows: its table, columns (with their types), an optional
/// <c>ON CONFLICT</c> clause, and whether the caller needs the new row's id.
/// </summary>
public sealed record InsertStatement(string Table, IReadOnlyList<string> Columns, IReadOnlyList<DbType> Types, string OnConflict = "", bool ReturnsId = false)
{
    /// <summary>The SQL with each value written by <paramref name="placeholder"/> (given the column's index).</summary>
    public string Sql(Func<int, string> placeholder, string returning) =>
        $"INSERT INTO {Table} ({string.Join(", ", Columns)}) VALUES ({string.Join(", ", Columns.Select((_, i) => placeholder(i)))}) {OnConflict} {returning}";
}

/// <summary>
/// An <see cref="InsertStatement"/> prepared once per batch and run for every row with new values. Values come in the
/// statement's column order as <see cref="long"/>, <see cref="double"/>, <see cref="string"/> or null.
/// </summary>
public abstract class PreparedRowInsert : IAsyncDisposable
{
    public abstract ValueTask InsertAsync(object?[] values);

    /// <summary>Inserts the row and returns its id (the statement must say <see cref="InsertStatement.ReturnsId"/>).</summary>
    public abstract ValueTask<long> InsertReturningIdAsync(object?[] values);

    /// <summary>Inserts the rows in order. A provider whose every statement is a round trip (PostgreSQL) sends them together.</summary>
    public virtual async ValueTask InsertAllAsync(IReadOnlyList<object?[]> rows)
    {
        foreach (var row in rows)
        {
            await InsertAsync(row).ConfigureAwait(false);
        }
    }

    /// <summary>Inserts the rows in order and returns their ids in the same order.</summary>
    public virtual async ValueTask<long[]> InsertAllReturningIdsAsync(IReadOnlyList<object?[]> rows)
    {
        var ids = new long[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            ids[i] = await InsertReturningIdAsync(rows[i]).ConfigureAwait(false);
        }

        return ids;
    }

    public abstract ValueTask DisposeAsync();
}

/// <summary>
/// One SQL statement that ingest runs many times in a batch (a document's savepoint, its id check and row, an entity's
/// update), with its parameters in the order they first appear in the SQL, each named <c>@name</c> and written once.
/// </summary>
public sealed record StatementSql(string Sql, IReadOnlyList<string> Parameters, IReadOnlyList<DbType> Types)
{
    public StatementSql(string sql)
        : this(sql, [], [])
    {
    }
}

/// <summary>
/// A <see cref="StatementSql"/> prepared once per batch and run with new values (in the statement's parameter order, as
/// <see cref="long"/>, <see cref="double"/>, <see cref="string"/> or null).
/// </summary>
public abstract class PreparedStatement : IAsyncDisposable
{
    public abstract ValueTask ExecuteAsync(object?[] values);

    /// <summary>The first column of the first row (a <see cref="long"/>, <see cref="double"/> or <see cref="string"/>), or null when there is no row or it is NULL.</summary>
    public abstract ValueTask<object?> ScalarAsync(object?[] values);

    public abstract ValueTask DisposeAsync();
}

/// <summary>The portable <see cref="PreparedStatement"/>: one ADO.NET command, its parameters named as in the SQL.</summary>
internal sealed class AdoStatement : PreparedStatement
{
    private readonly DbCommand command;

    public AdoStatement(DbTransaction transaction, StatementSql statement)
    {
        command = ListSql.Command(transaction, statement.Sql);
        for (var i = 0; i < statement.Parameters.Count; i++)
        {
            ListSql.Add(command, statement.Parameters[i], statement.Types[i], null);
        }
    }

    public override async ValueTask ExecuteAsync(object?[] values)
    {
        Bind(values);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public override async ValueTask<object?> ScalarAsync(object?[] values)
    {
        Bind(values);
        return await command.ExecuteScalarAsync().ConfigureAwait(false) is { } value and not DBNull
            ? value switch
            {
                int number => (long)number,
                float number => (double)number,
                _ => value,
            }
            : null;
    }

    public override ValueTask DisposeAsync() => command.DisposeAsync();

    private void Bind(object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}

/// <summary>
/// The portable <see cref="PreparedRowInsert"/>: one ADO.NET command with one parameter per column, compiled once
/// (SQLite) or prepared on the server (PostgreSQL), its id read back with <c>RETURNING id</c>.
/// </summary>
internal sealed class AdoRowInsert : PreparedRowInsert
{
    private readonly DbCommand command;
    private readonly DbParameter[] parameters;

    public AdoRowInsert(DbConnection connection, DbTransaction transaction, InsertStatement statement)
    {
        command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = statement.Sql(i => "@" + statement.Columns[i], statement.ReturnsId ? "RETURNING id" : "");
        parameters = new DbParameter[statement.Columns.Count];
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = command.CreateParameter();
            // Named exactly as in the SQL, prefix included: Microsoft.Data.Sqlite looks a bare name up three times per
            // row (as given, then with ':' and '@'), which was a fifth of the ingest's CPU time.
            parameter.ParameterName = "@" + statement.Columns[i];
            parameter.DbType = statement.Types[i];
            command.Parameters.Add(parameter);
            parameters[i] = parameter;
        }
    }

    public override async ValueTask<long> InsertReturningIdAsync(object?[] values)
    {
        Bind(values);
        return Convert.ToInt64(await command.ExecuteScalarAsync().ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    public override async ValueTask InsertAsync(object?[] values)
    {
        Bind(values);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public override ValueTask DisposeAsync() => command.DisposeAsync();

    private void Bind(object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}
