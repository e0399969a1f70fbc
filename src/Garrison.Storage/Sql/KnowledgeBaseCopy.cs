using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Garrison.Storage.Sql;

/// <summary>
/// Moves a whole knowledge base from one store to another, row by row with the same ids, so that the copy answers
/// every question exactly as the original (ids break ties in a few orderings; re-reading or re-resolving could not
/// promise that). The source is read in one snapshot; the destination, which must be empty, is written in one
/// transaction: a failed copy leaves it empty.
/// </summary>
public static class KnowledgeBaseCopy
{
    /// <summary>Every table with its columns, referenced tables first, each read in its key order.</summary>
    private static readonly (string Table, string[] Columns, string OrderBy)[] Tables =
    [
        ("documents", ["id", "doc_key", "content_hash", "published", "published_day", "outlet", "title", "url", "authors", "path", "header", "body",
            "evidence_spans"], "id"),
        ("entities", ["id", "name", "name_key", "kind", "ref", "admin1", "country", "lat", "lon"], "id"),
        ("entity_aliases", ["entity_id", "alias", "alias_key"], "entity_id, alias_key"),
        ("events", ["id", "document_id", "ordinal", "type", "status", "date_from", "date_to", "date_approx", "from_day", "to_day",
            "place_id", "admin1", "country", "killed", "injured", "quantity", "attributed_to_id", "origin",
            "evidence_spans", "evidence_text"], "id"),
        ("event_participants", ["event_id", "entity_id", "role", "ordinal"], "event_id, role, ordinal"),
        ("facts", ["id", "document_id", "ordinal", "relation", "subject_id", "object_id", "quantity", "valid_from", "valid_to",
            "valid_approx", "from_day", "to_day", "attributed_to_id", "value", "condition", "evidence_spans", "evidence_text"], "id"),
        ("holdings", ["id", "kind", "holder_id", "holder_name", "place_id", "place_name", "since", "until", "first_day", "last_day",
            "quantity", "sources", "fact_ids", "event_ids", "source_ids", "latest_source_day", "first_fact_id"], "id"),
    ];

    /// <summary>Rows per INSERT: well under SQLite's 32,766 parameters for the widest table.</summary>
    private const int RowsPerInsert = 200;

    /// <summary>Copies every row of <paramref name="from"/> into the empty <paramref name="to"/>; returns rows per table.</summary>
    /// <exception cref="KnowledgeStoreException">The destination already holds documents or entities.</exception>
    public static async Task<IReadOnlyList<(string Table, long Rows)>> CopyAsync(
        DapperKnowledgeStore from, DapperKnowledgeStore to, CancellationToken cancellationToken = default)
    {
        await using var source = await from.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var snapshot = await from.BeginReadAsync(source, cancellationToken).ConfigureAwait(false);
        await using var destination = await to.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await to.BeginWriteAsync(destination, cancellationToken).ConfigureAwait(false);

        foreach (var (table, _, _) in Tables)
        {
            if (await CountAsync(destination, transaction, table, cancellationToken).ConfigureAwait(false) > 0)
            {
                throw new KnowledgeStoreException(
                    $"the destination knowledge base is not empty ({table} has rows); copy into a new database");
            }
        }

        var copied = new List<(string, long)>();
        foreach (var (table, columns, orderBy) in Tables)
        {
            var rows = await CopyTableAsync(source, snapshot, destination, transaction, table, columns, orderBy, cancellationToken)
                .ConfigureAwait(false);
            copied.Add((table, rows));
        }

        if (to is IRowCopyTarget target)
        {
            await target.AfterRowCopyAsync(destination, transaction, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return copied;
    }

    private static async Task<long> CopyTableAsync(DbConnection source, DbTransaction snapshot, DbConnection destination,
        DbTransaction transaction, string table, string[] columns, string orderBy, CancellationToken cancellationToken)
    {
        await using var select = source.CreateCommand();
        select.Transaction = snapshot;
        select.CommandText = $"SELECT {string.Join(", ", columns)} FROM {table} ORDER BY {orderBy}";
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var batch = new List<object[]>(RowsPerInsert);
        long total = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var values = new object[columns.Length];
            reader.GetValues(values);
            batch.Add(values);
            if (batch.Count == RowsPerInsert)
            {
                total += await InsertAsync(destination, transaction, table, columns, batch, cancellationToken).ConfigureAwait(false);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            total += await InsertAsync(destination, transaction, table, columns, batch, cancellationToken).ConfigureAwait(false);
        }

        return total;
    }

    private static async Task<int> InsertAsync(DbConnection connection, DbTransaction transaction, string table, string[] columns,
        List<object[]> rows, CancellationToken cancellationToken)
    {
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        var sql = new StringBuilder($"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ");
        for (var r = 0; r < rows.Count; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Length; c++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"@p{r}_{c}");
                sql.Append(c == 0 ? name : ", " + name);
                var parameter = insert.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = rows[r][c];
                insert.Parameters.Add(parameter);
            }

            sql.Append(')');
        }

        insert.CommandText = sql.ToString();
        return await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<long> CountAsync(DbConnection connection, DbTransaction transaction, string table, CancellationToken cancellationToken)
    {
        await using var count = connection.CreateCommand();
        count.Transaction = transaction;
        count.CommandText = $"SELECT COUNT(*) FROM {table}";
        return Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }
}

/// <summary>A store that must adjust itself after rows were written with explicit ids (PostgreSQL's identity sequences).</summary>
public interface IRowCopyTarget
{
    Task AfterRowCopyAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);
}
