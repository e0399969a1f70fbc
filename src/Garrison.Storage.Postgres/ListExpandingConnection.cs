using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Npgsql;

namespace Garrison.Storage.Postgres;

/// <summary>
/// An Npgsql connection under another type name. Dapper recognises <c>NpgsqlConnection</c> by name and then sends a
/// list parameter as one PostgreSQL array, which breaks the portable <c>x IN @ids</c> the shared SQL uses (PostgreSQL
/// would need <c>x = ANY(@ids)</c>, which SQLite lacks). Behind this wrapper Dapper expands lists to
/// <c>IN (@ids1, @ids2, …)</c>, as for SQLite, so one SQL text serves both providers. Commands and transactions are
/// wrapped too, because Dapper asks a command for its connection; all work is done by the Npgsql objects inside.
/// </summary>
internal sealed class ListExpandingConnection(NpgsqlConnection inner) : DbConnection
{
    public NpgsqlConnection Inner { get; } = inner;

    [AllowNull]
    public override string ConnectionString
    {
        get => Inner.ConnectionString;
        set => Inner.ConnectionString = value;
    }

    public override string Database => Inner.Database;

    public override string DataSource => Inner.DataSource;

    public override string ServerVersion => Inner.ServerVersion;

    public override ConnectionState State => Inner.State;

    public override void ChangeDatabase(string databaseName) => Inner.ChangeDatabase(databaseName);

    public override void Close() => Inner.Close();

    public override void Open() => Inner.Open();

    public override Task OpenAsync(CancellationToken cancellationToken) => Inner.OpenAsync(cancellationToken);

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) =>
        new Transaction(this, Inner.BeginTransaction(isolationLevel));

    protected override async ValueTask<DbTransaction> BeginDbTransactionAsync(IsolationLevel isolationLevel, CancellationToken cancellationToken) =>
        new Transaction(this, await Inner.BeginTransactionAsync(isolationLevel, cancellationToken).ConfigureAwait(false));

    protected override DbCommand CreateDbCommand() => new Command(this, Inner.CreateCommand());

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await Inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class Transaction(ListExpandingConnection connection, NpgsqlTransaction inner) : DbTransaction
    {
        public NpgsqlTransaction Inner { get; } = inner;

        public override IsolationLevel IsolationLevel => Inner.IsolationLevel;

        protected override DbConnection DbConnection => connection;

        public override void Commit() => Inner.Commit();

        public override Task CommitAsync(CancellationToken cancellationToken = default) => Inner.CommitAsync(cancellationToken);

        public override void Rollback() => Inner.Rollback();

        public override Task RollbackAsync(CancellationToken cancellationToken = default) => Inner.RollbackAsync(cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Inner.Dispose();
            }

            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            await Inner.DisposeAsync().ConfigureAwait(false);
            await base.DisposeAsync().ConfigureAwait(false);
        }
    }

    private sealed class Command(ListExpandingConnection connection, NpgsqlCommand inner) : DbCommand
    {
        private Transaction? transaction;

        [AllowNull]
        public override string CommandText
        {
            get => inner.CommandText;
            set => inner.CommandText = value;
        }

        public override int CommandTimeout
        {
            get => inner.CommandTimeout;
            set => inner.CommandTimeout = value;
        }

        public override CommandType CommandType
        {
            get => inner.CommandType;
            set => inner.CommandType = value;
        }

        public override bool DesignTimeVisible
        {
            get => inner.DesignTimeVisible;
            set => inner.DesignTimeVisible = value;
        }

        public override UpdateRowSource UpdatedRowSource
        {
            get => inner.UpdatedRowSource;
            set => inner.UpdatedRowSource = value;
        }

        protected override DbConnection? DbConnection
        {
            get => connection;
            set => throw new NotSupportedException("a wrapped command stays on its connection");
        }

        protected override DbParameterCollection DbParameterCollection => inner.Parameters;

        protected override DbTransaction? DbTransaction
        {
            get => transaction;
            set
            {
                transaction = value as Transaction ?? (value is null ? null : throw new ArgumentException("not a transaction of this connection", nameof(value)));
                inner.Transaction = transaction?.Inner;
            }
        }

        public override void Cancel() => inner.Cancel();

        public override int ExecuteNonQuery() => inner.ExecuteNonQuery();

        public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken) => inner.ExecuteNonQueryAsync(cancellationToken);

        public override object? ExecuteScalar() => inner.ExecuteScalar();

        public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken) => inner.ExecuteScalarAsync(cancellationToken);

        public override void Prepare() => inner.Prepare();

        protected override DbParameter CreateDbParameter() => inner.CreateParameter();

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => inner.ExecuteReader(behavior);

        protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken) =>
            await inner.ExecuteReaderAsync(behavior, cancellationToken).ConfigureAwait(false);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
