using System.Buffers;
using System.Data.Common;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dapper;
using Garrison.Storage.Sql;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Garrison.Storage.Sqlite;

/// <summary>
/// The knowledge base in one SQLite file (WAL journal: readers never wait for the one writer). Each call opens a
/// pooled connection; <see cref="OpenAsync"/> creates or upgrades the schema first.
/// </summary>
public sealed class SqliteKnowledgeStore : DapperKnowledgeStore, IRowCopyTarget
{
    private readonly string connectionString;

    /// <summary>
    /// Two process-wide settings, made before SQLite initializes (the first connection opened in the process); when
    /// something opened a connection first, SQLite refuses them (SQLITE_MISUSE) and keeps its defaults, slower but correct.
    /// <list type="bullet">
    /// <item>Memory statistics off: with them on, every allocation and free inside SQLite (thousands per ingested report:
    /// statement journals, cursors, records) takes and releases a process-wide mutex to count it, ~2-3 % of an ingest's
    /// CPU (perf). Nothing here reads them (<c>sqlite3_memory_used</c>, the soft heap limit).</item>
    /// <item>Multi-thread mode instead of serialized: no mutex around every call on a connection (each bind, step, reset
    /// and column read locked and unlocked one, ~3 % of an ingest's CPU). The mode requires that a connection is never
    /// used by two threads at once. ADO.NET already requires it of callers (a pooled connection goes to one caller at a
    /// time, and an async continuation that moves it to another thread does not overlap); the one way this code could
    /// break it, a statement left undisposed and then finalized on the GC's thread while the pooled connection serves
    /// someone else, is refused by <see cref="StatementCheckedConnection"/>. Microsoft.Data.Sqlite opens connections
    /// without a mutex flag of their own, so the global mode applies.</item>
    /// </list>
    /// </summary>
    static SqliteKnowledgeStore()
    {
        // The native library must be chosen before any raw call; Microsoft.Data.Sqlite makes the same call when it loads.
        Batteries_V2.Init();
        _ = raw.sqlite3_config(raw.SQLITE_CONFIG_MEMSTATUS, 0);
        _ = raw.sqlite3_config(raw.SQLITE_CONFIG_MULTITHREAD);
    }

    private SqliteKnowledgeStore(string path, string connectionString)
    {
        Path = path;
        this.connectionString = connectionString;
    }

    public string Path { get; }

    /// <summary>Schema version this build writes.</summary>
    public static int SchemaVersion => SqliteSchema.Latest;

    /// <summary>Opens (creating when absent) the knowledge base at <paramref name="path"/> and brings its schema up to date.</summary>
    /// <exception cref="KnowledgeStoreException">The file is not a Garrison database, or its schema is newer than this build.</exception>
    public static async Task<SqliteKnowledgeStore> OpenAsync(string path, CancellationToken cancellationToken = default)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (System.IO.Path.GetDirectoryName(full) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        var store = new SqliteKnowledgeStore(full, ConnectionStringOf(full));
        try
        {
            await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw new KnowledgeStoreException($"{full}: cannot be opened as a Garrison knowledge base: {ex.Message}", ex);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return store;
    }

    /// <summary>The store's connection string for the file at <paramref name="fullPath"/> (also the key of its connection pool).</summary>
    internal static string ConnectionStringOf(string fullPath) => new SqliteConnectionStringBuilder
    {
        DataSource = fullPath,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 60,
    }.ToString();

    public override ValueTask DisposeAsync()
    {
        // Pooled connections keep the file (and its -wal) open; release them so the file can be moved or deleted.
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new StatementCheckedConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        // WAL with synchronous=NORMAL syncs at checkpoints, not at every commit: a commit survives a crash of the process,
        // and only a power cut can lose the last few (never corrupt the file); that is what lets ingest commit often.
        // Memory-mapped reads: a state answer reads thousands of holdings rows spread over the file, and through mmap a
        // page is a memory access instead of a read() call into SQLite's small page cache (10^6 facts, 6k rows, loaded
        // machine: fetching the rows' ids went from 25 to 9 µs per row, all state columns from 57 to 49).
        // Temporary files in memory: ingest's savepoint per document keeps the original of every page the document changes
        // in a sub-journal, a temporary file once it outgrows 64 KiB; on disk that was ~500 pwrite() calls per report
        // (strace, 100 generated reports: 50,380 pwrites, 3,134 with temp_store = MEMORY), ~15 % of ingest's CPU in the kernel.
        // A plain command, not Dapper: Dapper caches what it builds per connection string, so every new file paid again.
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 60000; PRAGMA synchronous = NORMAL; PRAGMA mmap_size = 1073741824; PRAGMA temp_store = MEMORY;";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return connection;
    }

    /// <summary>
    /// The write transaction with foreign-key enforcement off for its connection: SQLite looks up the parent of every
    /// reference in every inserted row (about a third of the insert work of an ingest's ~190 rows per report, measured
    /// with <c>sqlite3</c> on the rows of 300 generated reports). It is safe because only two writers run in such a
    /// transaction, and both write parents before children: ingest (the document row, then its entities, resolved from
    /// the transaction's own mirror or inserted, then events, facts, participants, evidence, aliases and holdings that
    /// use the ids just read or written; a document rolled back to its savepoint empties the batch's entity caches, so no
    /// later document uses an id it undid) and <c>db copy</c> (tables copied referenced first, from a database that
    /// enforces them). SqliteIntegrityTests runs <c>PRAGMA foreign_key_check</c> after batches with a rolled-back
    /// document and fails if either stops holding. The pragma is a no-op inside a transaction, so it is set before
    /// BEGIN; the pooled connection gets enforcement back at its next open (<see cref="OpenConnectionAsync"/>).
    /// </summary>
    protected override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA foreign_keys = OFF";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ingest's inserts bound by position on the connection's SQLite handle (see <see cref="SqliteRowInsert"/>).</summary>
    protected override PreparedRowInsert PrepareInsert(DbConnection connection, DbTransaction transaction, InsertStatement statement) =>
        new SqliteRowInsert((SqliteConnection)connection, statement);

    /// <summary>Ingest's per-document statements bound by position on the connection's handle (see <see cref="SqliteStatement"/>).</summary>
    protected override PreparedStatement PrepareStatement(DbConnection connection, DbTransaction transaction, StatementSql statement) =>
        new SqliteStatement((SqliteConnection)connection, statement);

    /// <summary>
    /// The list as one JSON array parameter read by <c>json_each</c>: Microsoft.Data.Sqlite finds each named parameter
    /// of a command by a scan of the statement's names, so binding a list of 500 names cost ~125,000 name comparisons,
    /// and the batch's entity candidates (one list of every name key its reports use) were ~10 % of the ingest's CPU.
    /// SQLite reads <c>IN (SELECT value FROM json_each(…))</c> as a list to probe the index with, as it reads a list of
    /// values. The texts compare as the same UTF-8 bytes either way.
    /// </summary>
    protected override string TextList(DbCommand command, string prefix, IReadOnlyCollection<string> values)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var value in values)
            {
                json.WriteStringValue(value);
            }

            json.WriteEndArray();
        }

        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + prefix;
        parameter.DbType = System.Data.DbType.String;
        parameter.Value = Encoding.UTF8.GetString(buffer.WrittenSpan);
        command.Parameters.Add(parameter);
        return $"(SELECT value FROM json_each({parameter.ParameterName}))";
    }

    /// <summary>
    /// A copy writes holdings rows with plain inserts; since schema 8 no trigger fills their R*Tree, so it is filled here
    /// from the copied rows, in the copy's transaction.
    /// </summary>
    async Task IRowCopyTarget.AfterRowCopyAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SqliteIntervalIndex.RefillSql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The holdings whose interval contains the day, from the R*Tree of schema 3.</summary>
    protected override string HoldsOn(string day) => $"id IN (SELECT id FROM holdings_span WHERE lo <= {day} AND hi >= {day})";

    /// <summary>The holdings whose interval meets the days from <paramref name="from"/> to <paramref name="to"/>, from the R*Tree.</summary>
    protected override string Overlaps(string from, string to) => $"id IN (SELECT id FROM holdings_span WHERE lo <= {to} AND hi >= {from})";

    /// <summary>
    /// The one-shot <c>state</c> command pays for every holdings row it reads through the driver; a year's blob is one
    /// row (docs/storage.md, "State index").
    /// </summary>
    protected override bool KeepsStateIndex => true;

    /// <summary>
    /// BEGIN IMMEDIATE waiting at most about a second (the driver retries a busy lock until the command timeout; the
    /// connection's own 60 s is for ingest): an ingest holding the lock, or a file SQLite may only read, leaves the blob
    /// unstored, not the answer late or failed.
    /// </summary>
    protected override async Task<DbTransaction?> TryBeginStateIndexWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var sqlite = (SqliteConnection)connection;
        // The next open of the pooled handle sets busy_timeout back (OpenConnectionAsync).
        await sqlite.ExecuteAsync("PRAGMA busy_timeout = 0").ConfigureAwait(false);
        sqlite.DefaultTimeout = 1;
        try
        {
            return sqlite.BeginTransaction(deferred: false);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is raw.SQLITE_BUSY or raw.SQLITE_LOCKED or raw.SQLITE_READONLY)
        {
            return null;
        }
    }

    /// <summary>
    /// The generation and the year's blob through the SQLite API under the driver (inside its transaction): one statement
    /// finds whether the year's blob is current and its length (<c>length()</c> of a blob reads no content), then
    /// SQLite's incremental blob reading copies it from its pages straight into the pooled buffer. Reading the column
    /// instead assembled the ~1.7 MB blob in memory SQLite allocates (and the system maps and zeroes) for every answer,
    /// copied once more into the buffer.
    /// </summary>
    protected override Task<(long Generation, byte[]? Blob, int Length)> ReadStateYearAsync(DbTransaction reader, int year,
        CancellationToken cancellationToken)
    {
        var database = ((SqliteConnection)reader.Connection!).Handle!;
        var rc = raw.sqlite3_prepare_v2(database, StateYearLengthSql, out var statement);
        SqliteException.ThrowExceptionForRC(rc, database);
        long generation;
        int length;
        using (statement)
        {
            SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_int64(statement, 1, year), database);
            rc = raw.sqlite3_step(statement);
            if (rc != raw.SQLITE_ROW)
            {
                SqliteException.ThrowExceptionForRC(rc, database);
                throw new InvalidOperationException($"{Path}: the state index query returned no row (SQLite code {rc})");
            }

            generation = raw.sqlite3_column_int64(statement, 0);
            if (raw.sqlite3_column_type(statement, 1) == raw.SQLITE_NULL)
            {
                return Task.FromResult<(long, byte[]?, int)>((generation, null, 0));
            }

            length = raw.sqlite3_column_int(statement, 1);
        }

        // The year is the row's id (INTEGER PRIMARY KEY); the open read transaction keeps the snapshot the statement saw.
        SqliteException.ThrowExceptionForRC(raw.sqlite3_blob_open(database, "main", "state_index", "lines", year, 0, out var handle), database);
        using (handle)
        {
            var blob = ArrayPool<byte>.Shared.Rent(length);
            rc = raw.sqlite3_blob_read(handle, blob.AsSpan(0, length), 0);
            if (rc != raw.SQLITE_OK)
            {
                ArrayPool<byte>.Shared.Return(blob);
                SqliteException.ThrowExceptionForRC(rc, database);
            }

            return Task.FromResult<(long, byte[]?, int)>((generation, blob, length));
        }
    }

    /// <summary>A deferred transaction: in WAL mode its first read fixes the snapshot and it never blocks the writer.</summary>
    protected override Task<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = (SqliteConnection)await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("PRAGMA journal_mode = WAL;").ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var hasSchemaTable = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'garrison_schema'", transaction: transaction).ConfigureAwait(false) > 0;
        if (!hasSchemaTable)
        {
            var otherTables = await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'", transaction: transaction).ConfigureAwait(false);
            if (otherTables > 0)
            {
                throw new KnowledgeStoreException($"{Path}: is an SQLite database but not a Garrison knowledge base (no garrison_schema table)");
            }

            await connection.ExecuteAsync("CREATE TABLE garrison_schema (version INTEGER NOT NULL PRIMARY KEY)", transaction: transaction).ConfigureAwait(false);
        }

        var current = await connection.ExecuteScalarAsync<long?>("SELECT MAX(version) FROM garrison_schema", transaction: transaction).ConfigureAwait(false) ?? 0;
        if (current > SqliteSchema.Latest)
        {
            throw new KnowledgeStoreException(
                $"{Path}: the knowledge base has schema version {current}, newer than this Garrison understands " +
                $"(up to {SqliteSchema.Latest}); use a newer Garrison, or another --db");
        }

        for (var version = (int)current + 1; version <= SqliteSchema.Latest; version++)
        {
            await connection.ExecuteAsync(SqliteSchema.Migrations[version - 1], transaction: transaction).ConfigureAwait(false);
            await connection.ExecuteAsync("INSERT INTO garrison_schema (version) VALUES (@version)", new { version }, transaction).ConfigureAwait(false);
        }

        if (current < SqliteSchema.HoldingsRowVersion && SqliteSchema.Latest >= SqliteSchema.HoldingsRowVersion)
        {
            await RebuildHoldingsAsync(transaction).ConfigureAwait(false);
            // The rebuild wrote the rows through the portable insert, which leaves the R*Tree to the store (schema 8).
            await connection.ExecuteAsync(SqliteIntervalIndex.RefillSql, transaction: transaction).ConfigureAwait(false);
            // Blobs of the old holdings would look current: the highest document id did not move.
            await connection.ExecuteAsync("DELETE FROM state_index", transaction: transaction).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
