using System.CommandLine;
using Garrison.Cli.Options;
using Garrison.Storage;
using Garrison.Storage.Sql;

namespace Garrison.Cli.Commands;

/// <summary><c>garrison db copy --from SRC --to DST</c>: moves a whole knowledge base between SQLite and PostgreSQL.</summary>
internal static class DbCommand
{
    public static Command Create()
    {
        var command = new Command("db", "Manage knowledge bases as a whole.");
        command.Subcommands.Add(CreateCopy());
        return command;
    }

    private static Command CreateCopy()
    {
        var from = new Option<string>("--from")
        {
            Description = "The knowledge base to copy: an SQLite file or postgres://user@host:port/dbname",
            HelpName = "PATH|URL",
            Required = true,
        };
        var to = new Option<string>("--to")
        {
            Description = "An empty or new knowledge base to copy into: an SQLite file or postgres://user@host:port/dbname " +
                "(a missing PostgreSQL database is created when the user may)",
            HelpName = "PATH|URL",
            Required = true,
        };
        var command = new Command("copy", "Copy every document, entity, event, fact and evidence span, with their ids, into an empty " +
            "knowledge base, so that a laptop study becomes a team's (or back). The copy answers state, timeline, diff and events " +
            "exactly as the original.")
        {
            from,
            to,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult.GetRequiredValue(from), parseResult.GetRequiredValue(to),
            parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string from, string to, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var (fromName, toName) = (KnowledgeStoreFactory.Describe(from), KnowledgeStoreFactory.Describe(to));
        if (!Storage.Postgres.PostgresLocation.IsUrl(from) && !File.Exists(from))
        {
            await error.WriteLineAsync($"garrison: {fromName}: no such knowledge base").ConfigureAwait(false);
            return 2;
        }

        if (string.Equals(from, to, StringComparison.Ordinal) ||
            (!Storage.Postgres.PostgresLocation.IsUrl(from) && !Storage.Postgres.PostgresLocation.IsUrl(to) &&
             string.Equals(Path.GetFullPath(from), Path.GetFullPath(to), StringComparison.Ordinal)))
        {
            await error.WriteLineAsync($"garrison: {toName}: --from and --to name the same knowledge base").ConfigureAwait(false);
            return 2;
        }

        DapperKnowledgeStore? source = null;
        DapperKnowledgeStore? destination = null;
        try
        {
            // Opening names the knowledge base in its own messages; what goes wrong after that is the copy's.
            source = await KnowledgeStoreFactory.OpenAsync(from, cancellationToken).ConfigureAwait(false);
            destination = await KnowledgeStoreFactory.OpenAsync(to, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is KnowledgeStoreException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"garrison: {ex.Message}").ConfigureAwait(false);
            await DisposeAsync(source, destination).ConfigureAwait(false);
            return 2;
        }

        try
        {
            var copied = await KnowledgeBaseCopy.CopyAsync(source, destination, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"copied {fromName} to {toName}: " +
                string.Join(", ", copied.Select(c => $"{c.Rows} {c.Table.Replace('_', ' ')}"))).ConfigureAwait(false);
            return 0;
        }
        catch (KnowledgeStoreException ex)
        {
            await error.WriteLineAsync($"garrison: {toName}: {ex.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (Exception ex) when (ex is IOException or System.Data.Common.DbException)
        {
            await error.WriteLineAsync($"garrison: copying {fromName} to {toName} failed: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
        finally
        {
            await DisposeAsync(source, destination).ConfigureAwait(false);
        }
    }

    private static async Task DisposeAsync(params DapperKnowledgeStore?[] stores)
    {
        foreach (var store in stores)
        {
            if (store is not null)
            {
                await store.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
