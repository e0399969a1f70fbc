using System.Data;

namespace Garrison.Storage.Sql;

/// <summary>
/// The statements a batch runs once per document (its savepoint, the id check, the document row) or per entity it
/// completes, prepared once per batch by the provider (<see cref="DapperKnowledgeStore.PrepareStatement"/>): on SQLite
/// each is one compiled statement bound by position on the connection's handle, where an ADO.NET command bound each
/// value by name and went through a data reader, and a Dapper call compiled its parameter code again for every new
/// database file.
/// </summary>
internal sealed class DocumentStatements : IAsyncDisposable
{
    private static readonly StatementSql InsertSql = new("""
        INSERT INTO documents (doc_key, content_hash, published, published_day, outlet, title, url, authors, path, header, body, evidence_spans)
        VALUES (@key, @hash, @published, @publishedDay, @outlet, @title, @url, @authors, @path, @header, @body, @evidenceSpans)
        ON CONFLICT (content_hash) DO NOTHING
        RETURNING id
        """,
        ["@key", "@hash", "@published", "@publishedDay", "@outlet", "@title", "@url", "@authors", "@path", "@header", "@body", "@evidenceSpans"],
        [DbType.String, DbType.String, DbType.String, DbType.Int64, DbType.String, DbType.String, DbType.String, DbType.String, DbType.String,
         DbType.String, DbType.String, DbType.String]);

    /// <summary>Fills only the attributes the stored entity lacks (what <see cref="EntityMirror.Fill"/> mirrors).</summary>
    private static readonly StatementSql FillEntitySql = new("""
        UPDATE entities SET
            kind = CASE WHEN kind = 'unknown' THEN @kind ELSE kind END,
            ref = COALESCE(ref, @ref), admin1 = COALESCE(admin1, @admin1), country = COALESCE(country, @country),
            lat = COALESCE(lat, @lat), lon = COALESCE(lon, @lon)
        WHERE id = @id
        """,
        ["@kind", "@ref", "@admin1", "@country", "@lat", "@lon", "@id"],
        [DbType.String, DbType.String, DbType.String, DbType.String, DbType.Double, DbType.Double, DbType.Int64]);

    private readonly PreparedStatement savepoint;
    private readonly PreparedStatement release;
    private readonly PreparedStatement keyTaken;
    private readonly PreparedStatement insert;
    private readonly PreparedStatement holder;
    private readonly PreparedStatement fillEntity;

    public DocumentStatements(Func<StatementSql, PreparedStatement> prepare)
    {
        savepoint = prepare(new("SAVEPOINT garrison_document"));
        release = prepare(new("RELEASE SAVEPOINT garrison_document"));
        keyTaken = prepare(new("SELECT COUNT(*) FROM documents WHERE doc_key = @key", ["@key"], [DbType.String]));
        insert = prepare(InsertSql);
        holder = prepare(new("SELECT doc_key FROM documents WHERE content_hash = @hash", ["@hash"], [DbType.String]));
        fillEntity = prepare(FillEntitySql);
    }

    public ValueTask SavepointAsync() => savepoint.ExecuteAsync([]);

    public ValueTask ReleaseAsync() => release.ExecuteAsync([]);

    public async Task<bool> KeyTakenAsync(string key) =>
        Convert.ToInt64(await keyTaken.ScalarAsync([key]).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0;

    /// <summary>
    /// The document row's values with its evidence spans (<see cref="EvidenceColumns.OfDocument"/>), the key (index 0)
    /// left to <see cref="InsertAsync"/>: the key depends on what is stored, the rest on the document alone.
    /// </summary>
    public static object?[] Values(SourceDocument document, string? evidenceSpans)
    {
        var info = document.Info;
        return
        [
            null, document.ContentHash, info.Published?.ToString(), info.Published is { } p ? DapperKnowledgeStore.DayNumber(p.FirstDay) : null,
            info.Outlet, info.Title, info.Url, info.Authors is { Count: > 0 } a ? string.Join("; ", a) : null, document.Path, document.Header,
            document.Body, evidenceSpans,
        ];
    }

    /// <summary>
    /// Inserts the document row (<paramref name="values"/> from <see cref="Values"/>) under <paramref name="key"/> and
    /// returns its id, or null when the same text is already stored.
    /// </summary>
    public async Task<long?> InsertAsync(string key, object?[] values)
    {
        values[0] = key;
        return await insert.ScalarAsync(values).ConfigureAwait(false) is { } id
            ? Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>The id under which a text is stored.</summary>
    public async Task<string> HolderAsync(string contentHash) => (string)(await holder.ScalarAsync([contentHash]).ConfigureAwait(false))!;

    /// <summary>Fills the attributes entity <paramref name="id"/> lacks from the record's (the others stay as stored).</summary>
    public ValueTask FillEntityAsync(long id, string kind, string? reference, string? admin1, string? country, double? lat, double? lon) =>
        fillEntity.ExecuteAsync([kind, reference, admin1, country, lat, lon, id]);

    public async ValueTask DisposeAsync()
    {
        foreach (var statement in new[] { savepoint, release, keyTaken, insert, holder, fillEntity })
        {
            await statement.DisposeAsync().ConfigureAwait(false);
        }
    }
}
