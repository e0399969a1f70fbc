using System.Data;
using System.Data.Common;
using System.Net.Sockets;
using Dapper;
using Garrison.Storage.Sql;
using Npgsql;

namespace Garrison.Storage.Postgres;

/// <summary>
/// The knowledge base on a PostgreSQL server, shared by many writers at once (processes on one machine or several).
/// The content hash is a unique key; each document is written in one transaction that first takes a transaction-level
/// advisory lock, so the (CPU-bound) reading runs in parallel while the short writes queue, and entity resolution
/// always sees what every earlier document created. Readers use a repeatable-read snapshot and never wait for writers.
/// </summary>
public sealed class PostgresKnowledgeStore : DapperKnowledgeStore, IRowCopyTarget
{
    /// <summary>Advisory lock keys (arbitrary constants, "GARR" + a purpose) shared by every Garrison process.</summary>
    private const long MigrationLock = 0x4741_5252_0001;

    private const long IngestLock = 0x4741_5252_0002;

    private readonly NpgsqlDataSource dataSource;

    private PostgresKnowledgeStore(NpgsqlDataSource dataSource, string description)
    {
        this.dataSource = dataSource;
        Description = description;
    }

    /// <summary>postgres://user@host:port/database, without a password.</summary>
    public string Description { get; }

    /// <summary>Schema version this build writes.</summary>
    public static int SchemaVersion => PostgresSchema.Latest;

    /// <summary>True once the trigram index for name search is there (pg_trgm was available when the schema was made).</summary>
    public bool HasTrigramIndex { get; private set; }

    /// <summary>
    /// Opens the knowledge base at a <c>postgres://</c> URL or an Npgsql connection string: creates the database when the
    /// server has none of that name (and the user may), and creates or upgrades the schema.
    /// </summary>
    /// <exception cref="KnowledgeStoreException">The server cannot be reached, the database is not a Garrison knowledge
    /// base, or its schema is newer than this build.</exception>
    public static async Task<PostgresKnowledgeStore> OpenAsync(string location, CancellationToken cancellationToken = default)
    {
        string connectionString;
        try
        {
            connectionString = PostgresLocation.IsUrl(location) ? PostgresLocation.ToConnectionString(location) : location;
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new KnowledgeStoreException(ex is FormatException ? ex.Message : $"{PostgresLocation.Redact(location)}: {ex.Message}", ex);
        }

        var description = PostgresLocation.Describe(connectionString);
        var store = new PostgresKnowledgeStore(NpgsqlDataSource.Create(connectionString), description);
        try
        {
            await store.EnsureDatabaseAsync(connectionString, cancellationToken).ConfigureAwait(false);
            await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException)
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw new KnowledgeStoreException($"{description}: cannot be opened as a Garrison knowledge base: {ex.Message}", ex);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return store;
    }

    public override ValueTask DisposeAsync() => dataSource.DisposeAsync();

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        new ListExpandingConnection(await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>Ingest's inserts sent a document's rows at a time (see <see cref="PostgresRowInsert"/>).</summary>
    protected override PreparedRowInsert PrepareInsert(DbConnection connection, DbTransaction transaction, InsertStatement statement) =>
        new PostgresRowInsert(((ListExpandingConnection)connection).Inner, statement);

    /// <summary>The holdings whose days contain the day, through the GiST index of schema 3.</summary>
    protected override string HoldsOn(string day) => $"int8range(first_day, last_day, '[]') @> CAST({day} AS bigint)";

    /// <summary>A read-only repeatable-read transaction: one snapshot for the whole answer, no locks taken.</summary>
    protected override async Task<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("SET TRANSACTION READ ONLY", transaction: transaction).ConfigureAwait(false);
        return transaction;
    }

    /// <summary>
    /// Read committed, after the ingest lock: every statement then sees every document committed before the lock was
    /// granted. The lock is released by the commit or rollback, also when the process dies.
    /// </summary>
    protected override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", new { key = IngestLock }, transaction).ConfigureAwait(false);
        return transaction;
    }

    /// <summary>
    /// Unique violations (another writer stored the same id or hash first), serialization failures and deadlocks are
    /// worth another try: the retry finds the document already known or writes it cleanly.
    /// </summary>
    protected override bool IsTransientConflict(Exception exception) => exception switch
    {
        PostgresException pg => pg.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure
            or PostgresErrorCodes.DeadlockDetected,
        NpgsqlException npgsql => npgsql.IsTransient,
        _ => false,
    };

    protected override int IngestAttempts => 8;

    /// <summary>Rows copied in with their ids: each identity continues after the highest id, not from 1.</summary>
    async Task IRowCopyTarget.AfterRowCopyAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var table in PostgresSchema.IdentityTables)
        {
            await connection.ExecuteAsync(
                $"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM {table}",
                transaction: transaction).ConfigureAwait(false);
        }
    }

    /// <summary>Creates the named database when the server lacks it, through the server's maintenance database.</summary>
    private async Task EnsureDatabaseAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            await using var probe = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            // Fall through: the server is there, the database is not.
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var database = builder.Database!;
        builder.Database = "postgres";
        builder.Pooling = false;
        await using var maintenance = new NpgsqlConnection(builder.ConnectionString);
        await maintenance.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {QuoteIdentifier(database)}", maintenance);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another process created it a moment ago.
        }
    }

    /// <summary>
    /// Applies the missing migrations in one transaction under a session advisory lock, so that processes opening a
    /// new database at once migrate it once, and the others wait and find it current.
    /// </summary>
    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("SELECT pg_advisory_lock(@key)", new { key = MigrationLock }).ConfigureAwait(false);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var hasSchemaTable = await connection.ExecuteScalarAsync<bool>(
                "SELECT to_regclass('garrison_schema') IS NOT NULL", transaction: transaction).ConfigureAwait(false);
            if (!hasSchemaTable)
            {
                var otherTables = await connection.ExecuteScalarAsync<long>(
                    "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()", transaction: transaction)
                    .ConfigureAwait(false);
                if (otherTables > 0)
                {
                    throw new KnowledgeStoreException(
                        $"{Description}: is a PostgreSQL database but not a Garrison knowledge base (no garrison_schema table)");
                }

                await connection.ExecuteAsync("CREATE TABLE garrison_schema (version integer NOT NULL PRIMARY KEY)", transaction: transaction)
                    .ConfigureAwait(false);
            }

            var current = await connection.ExecuteScalarAsync<int?>("SELECT MAX(version) FROM garrison_schema", transaction: transaction)
                .ConfigureAwait(false) ?? 0;
            if (current > PostgresSchema.Latest)
            {
                throw new KnowledgeStoreException(
                    $"{Description}: the knowledge base has schema version {current}, newer than this Garrison understands " +
                    $"(up to {PostgresSchema.Latest}); use a newer Garrison, or another --db");
            }

            for (var version = current + 1; version <= PostgresSchema.Latest; version++)
            {
                await connection.ExecuteAsync(PostgresSchema.Migrations[version - 1], transaction: transaction).ConfigureAwait(false);
                await connection.ExecuteAsync("INSERT INTO garrison_schema (version) VALUES (@version)", new { version }, transaction)
                    .ConfigureAwait(false);
            }

            if (current < PostgresSchema.HoldingsRowVersion && PostgresSchema.Latest >= PostgresSchema.HoldingsRowVersion)
            {
                await RebuildHoldingsAsync(transaction).ConfigureAwait(false);
            }

            HasTrigramIndex = await TryAddTrigramIndexAsync(connection, transaction).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await connection.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key = MigrationLock }).ConfigureAwait(false);
        }
    }

    private static async Task<bool> TryAddTrigramIndexAsync(DbConnection connection, DbTransaction transaction)
    {
        if (await connection.ExecuteScalarAsync<bool>(
                "SELECT to_regclass('ix_entity_aliases_key_trgm') IS NOT NULL", transaction: transaction).ConfigureAwait(false))
        {
            return true;
        }

        if (!await connection.ExecuteScalarAsync<bool>(
                "SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm')", transaction: transaction).ConfigureAwait(false))
        {
            return false;
        }

        await connection.ExecuteAsync("SAVEPOINT trigram", transaction: transaction).ConfigureAwait(false);
        try
        {
            await connection.ExecuteAsync(PostgresSchema.TrigramIndex, transaction: transaction).ConfigureAwait(false);
            await connection.ExecuteAsync("RELEASE SAVEPOINT trigram", transaction: transaction).ConfigureAwait(false);
            return true;
        }
        catch (PostgresException)
        {
            // Typically insufficient privilege to create the extension: name search still works, by scanning.
            await connection.ExecuteAsync("ROLLBACK TO SAVEPOINT trigram", transaction: transaction).ConfigureAwait(false);
            return false;
        }
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
