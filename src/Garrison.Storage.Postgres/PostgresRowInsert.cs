using System.Globalization;
using Garrison.Storage.Sql;
using Npgsql;

namespace Garrison.Storage.Postgres;

/// <summary>
/// An ingest insert that sends many rows in one <see cref="NpgsqlBatch"/>: one round trip for a document's events,
/// one for its facts, one for its evidence, instead of one per row (about 250 per report; on loopback the round trips
/// were most of PostgreSQL's ingest time). Rows keep their order, and ids come back in it.
/// </summary>
internal sealed class PostgresRowInsert(NpgsqlConnection connection, InsertStatement statement) : PreparedRowInsert
{
    /// <summary>Rows per round trip: a document's rows in one or two, without building huge messages.</summary>
    private const int RowsPerBatch = 200;

    private readonly string sql = statement.Sql(i => "$" + (i + 1).ToString(CultureInfo.InvariantCulture), statement.ReturnsId ? "RETURNING id" : "");

    public override ValueTask InsertAsync(object?[] values) => InsertAllAsync([values]);

    public override async ValueTask<long> InsertReturningIdAsync(object?[] values) => (await InsertAllReturningIdsAsync([values]).ConfigureAwait(false))[0];

    public override async ValueTask InsertAllAsync(IReadOnlyList<object?[]> rows)
    {
        foreach (var chunk in rows.Chunk(RowsPerBatch))
        {
            await using var batch = Batch(chunk);
            await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }

    public override async ValueTask<long[]> InsertAllReturningIdsAsync(IReadOnlyList<object?[]> rows)
    {
        var ids = new List<long>(rows.Count);
        foreach (var chunk in rows.Chunk(RowsPerBatch))
        {
            await using var batch = Batch(chunk);
            await using var reader = await batch.ExecuteReaderAsync().ConfigureAwait(false);
            do
            {
                if (!await reader.ReadAsync().ConfigureAwait(false))
                {
                    throw new InvalidOperationException($"INSERT INTO {statement.Table} returned no id");
                }

                ids.Add(reader.GetInt64(0));
            }
            while (await reader.NextResultAsync().ConfigureAwait(false));
        }

        return [.. ids];
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private NpgsqlBatch Batch(object?[][] rows)
    {
        // The connection's open transaction is used by every command on it; Npgsql needs no Transaction set here.
        var batch = new NpgsqlBatch(connection);
        foreach (var row in rows)
        {
            var command = new NpgsqlBatchCommand(sql);
            for (var i = 0; i < row.Length; i++)
            {
                command.Parameters.Add(new NpgsqlParameter { DbType = statement.Types[i], Value = row[i] ?? DBNull.Value });
            }

            batch.BatchCommands.Add(command);
        }

        return batch;
    }
}
