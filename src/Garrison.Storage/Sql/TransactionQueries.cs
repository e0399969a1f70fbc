using System.Data.Common;
using Dapper;

namespace Garrison.Storage.Sql;

/// <summary>Dapper queries run inside a read transaction (its connection and snapshot).</summary>
internal static class TransactionQueries
{
    public static Task<IEnumerable<T>> QueryAsync<T>(this DbTransaction transaction, string sql, object? args = null) =>
        transaction.Connection!.QueryAsync<T>(sql, args, transaction);

    public static Task<T?> QuerySingleOrDefaultAsync<T>(this DbTransaction transaction, string sql, object? args = null) =>
        transaction.Connection!.QuerySingleOrDefaultAsync<T>(sql, args, transaction);
}
