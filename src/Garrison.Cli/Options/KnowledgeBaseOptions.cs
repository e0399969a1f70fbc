using System.CommandLine;
using Garrison.Storage;
using Garrison.Storage.Postgres;
using Garrison.Storage.Sqlite;

namespace Garrison.Cli.Options;

/// <summary>
/// The <c>--db</c> option every knowledge-base command shares, and where the knowledge base lives by default:
/// $GARRISON_DB, else garrison/garrison.db in the user's data folder ($XDG_DATA_HOME, else ~/.local/share).
/// </summary>
internal static class KnowledgeBaseOptions
{
    public static string DefaultPath
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("GARRISON_DB");
            if (!string.IsNullOrWhiteSpace(configured))
            {
                return configured;
            }

            // .NET maps LocalApplicationData to $XDG_DATA_HOME or ~/.local/share on Linux.
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify),
                "garrison", "garrison.db");
        }
    }

    /// <param name="readsOnly">The command only reads: its SQLite file must already exist (a mistyped path is an
    /// error, not an empty knowledge base to create), and the help says so.</param>
    public static Option<string> CreateDbOption(bool readsOnly = false) => new("--db")
    {
        Description = (readsOnly
            ? "The knowledge base: an existing SQLite file or postgres://user@host:port/dbname. "
            : "The knowledge base: an SQLite file (created when absent) or postgres://user@host:port/dbname. ") +
            $"Default: $GARRISON_DB, else {DefaultPath}",
        HelpName = "PATH|URL",
    };

    public static string PathFrom(ParseResult parseResult, Option<string> option) => parseResult.GetValue(option) ?? DefaultPath;

    /// <summary>Opens the knowledge base, or writes why it cannot to stderr and returns null.</summary>
    /// <param name="mustExist">Refuse an SQLite path with no file there instead of creating one (read-only commands).</param>
    public static async Task<IKnowledgeStore?> OpenAsync(string path, TextWriter error, CancellationToken cancellationToken, bool mustExist = false)
    {
        if (mustExist && !PostgresLocation.IsUrl(path) && !File.Exists(path))
        {
            await error.WriteLineAsync($"garrison: {path}: no knowledge base there; build one with `./garrison ingest FILE... --db {path}` or `./garrison demo`")
                .ConfigureAwait(false);
            return null;
        }

        try
        {
            return await KnowledgeStoreFactory.OpenAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is KnowledgeStoreException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"garrison: {ex.Message}").ConfigureAwait(false);
            return null;
        }
    }
}
