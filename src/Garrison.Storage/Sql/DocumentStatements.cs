using System.Data;
using System.Data.Common;

namespace Garrison.Storage.Sql;

/// <summary>
/// The statements a batch runs once per document (its savepoint, the id check, the document row), as commands made
/// once per batch: on SQLite a command keeps its compiled statement between runs, where a Dapper call compiled the
/// SQL again and bound each value by a name looked up in several spellings.
/// </summary>
internal sealed class DocumentStatements : IAsyncDisposable
{
    private readonly DbCommand savepoint;
    private readonly DbCommand release;
    private readonly DbCommand keyTaken;
    private readonly DbCommand insert;
    private readonly DbCommand holder;

    public DocumentStatements(DbTransaction transaction)
    {
        savepoint = ListSql.Command(transaction, "SAVEPOINT garrison_document");
        release = ListSql.Command(transaction, "RELEASE SAVEPOINT garrison_document");
        keyTaken = ListSql.Command(transaction, "SELECT COUNT(*) FROM documents WHERE doc_key = @key");
        ListSql.Add(keyTaken, "@key", DbType.String, null);
        insert = ListSql.Command(transaction, """
            INSERT INTO documents (doc_key, content_hash, published, published_day, outlet, title, url, authors, path, header, body, evidence_spans)
            VALUES (@key, @hash, @published, @publishedDay, @outlet, @title, @url, @authors, @path, @header, @body, @evidenceSpans)
            ON CONFLICT (content_hash) DO NOTHING
            RETURNING id
            """);
        foreach (var (name, type) in new[]
        {
            ("@key", DbType.String), ("@hash", DbType.String), ("@published", DbType.String), ("@publishedDay", DbType.Int64),
            ("@outlet", DbType.String), ("@title", DbType.String), ("@url", DbType.String), ("@authors", DbType.String),
            ("@path", DbType.String), ("@header", DbType.String), ("@body", DbType.String), ("@evidenceSpans", DbType.String),
        })
        {
            ListSql.Add(insert, name, type, null);
        }

        holder = ListSql.Command(transaction, "SELECT doc_key FROM documents WHERE content_hash = @hash");
        ListSql.Add(holder, "@hash", DbType.String, null);
    }

    public Task SavepointAsync() => savepoint.ExecuteNonQueryAsync();

    public Task ReleaseAsync() => release.ExecuteNonQueryAsync();

    public async Task<bool> KeyTakenAsync(string key)
    {
        keyTaken.Parameters[0].Value = key;
        return Convert.ToInt64(await keyTaken.ExecuteScalarAsync().ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>
    /// Inserts the document row with its evidence spans (<see cref="EvidenceColumns.OfDocument"/>) and returns its id, or
    /// null when the same text is already stored.
    /// </summary>
    public async Task<long?> InsertAsync(string key, SourceDocument document, string? evidenceSpans)
    {
        var info = document.Info;
        object?[] values =
        [
            key, document.ContentHash, info.Published?.ToString(), info.Published is { } p ? DapperKnowledgeStore.DayNumber(p.FirstDay) : null,
            info.Outlet, info.Title, info.Url, info.Authors is { Count: > 0 } a ? string.Join("; ", a) : null, document.Path, document.Header,
            document.Body, evidenceSpans,
        ];
        for (var i = 0; i < values.Length; i++)
        {
            insert.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return await insert.ExecuteScalarAsync().ConfigureAwait(false) is { } id and not DBNull
            ? Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>The id under which a text is stored.</summary>
    public async Task<string> HolderAsync(string contentHash)
    {
        holder.Parameters[0].Value = contentHash;
        return (string)(await holder.ExecuteScalarAsync().ConfigureAwait(false))!;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in new[] { savepoint, release, keyTaken, insert, holder })
        {
            await command.DisposeAsync().ConfigureAwait(false);
        }
    }
}
