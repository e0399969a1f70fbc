using Garrison.Storage.Postgres;
using Garrison.Storage.Sql;
using Garrison.Storage.Sqlite;

namespace Garrison.Cli.Options;

/// <summary>
/// The one place a <c>--db</c> value becomes a store: a <c>postgres://</c> or <c>postgresql://</c> URL opens the
/// PostgreSQL provider, anything else is an SQLite file path.
/// </summary>
internal static class KnowledgeStoreFactory
{
    /// <exception cref="Storage.KnowledgeStoreException">The knowledge base cannot be opened (the message says which and why).</exception>
    public static async Task<DapperKnowledgeStore> OpenAsync(string location, CancellationToken cancellationToken) =>
        PostgresLocation.IsUrl(location)
            ? await PostgresKnowledgeStore.OpenAsync(location, cancellationToken).ConfigureAwait(false)
            : await SqliteKnowledgeStore.OpenAsync(location, cancellationToken).ConfigureAwait(false);

    /// <summary>The location as it may be shown: a URL's password is masked.</summary>
    public static string Describe(string location) =>
        PostgresLocation.IsUrl(location) ? PostgresLocation.Redact(location) : location;
}
