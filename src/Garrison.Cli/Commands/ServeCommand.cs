using System.CommandLine;
using Garrison.Cli.Options;
using Garrison.Lexicons;
using Garrison.Storage;
using Garrison.Storage.Caching;
using Garrison.Storage.Postgres;
using Garrison.Storage.Sql;
using Garrison.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Garrison.Cli.Commands;

/// <summary>
/// <c>garrison serve [--db PATH] [--urls URL]</c>: the read-only HTTP API and the map page over a knowledge base,
/// on loopback unless told otherwise.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var db = KnowledgeBaseOptions.CreateDbOption(readsOnly: true);
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen; several separated by ';'. Port 0 picks a free port.",
            HelpName = "URL",
            DefaultValueFactory = _ => GarrisonWebOptions.DefaultUrl,
        };
        var allowRemote = new Option<bool>("--allow-remote")
        {
            Description = "Allow listening on addresses other than loopback (the knowledge base becomes readable from the network)",
        };
        var corsOrigins = new Option<string[]>("--cors-origin")
        {
            Description = "An origin allowed to read the API from another site (repeatable); none by default",
            HelpName = "ORIGIN",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("serve", "Serve the HTTP API (/api/..., OpenAPI at /openapi/v1.json) and the map page.")
        {
            db,
            urls,
            allowRemote,
            corsOrigins,
        };
        command.SetAction((parseResult, cancellationToken) => ServeAsync(
            KnowledgeBaseOptions.PathFrom(parseResult, db),
            parseResult.GetValue(urls) ?? GarrisonWebOptions.DefaultUrl,
            parseResult.GetValue(allowRemote),
            parseResult.GetValue(corsOrigins) ?? [],
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    /// <summary>Serves until cancelled (Ctrl+C). Also the last step of <c>garrison demo</c>.</summary>
    public static async Task<int> ServeAsync(string dbPath, string urls, bool allowRemote, IReadOnlyList<string> corsOrigins,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var webRoot = WebRootLocator.Locate();
        if (webRoot is null)
        {
            await error.WriteLineAsync($"garrison: the page's folder ({WebRootLocator.RelativePath}) was not found: run from the repository, or set GARRISON_WEBROOT or GARRISON_HOME")
                .ConfigureAwait(false);
            return 2;
        }

        var missing = WebRootLocator.MissingLibraryFiles(webRoot);
        if (missing.Count > 0)
        {
            await error.WriteLineAsync($"garrison: the map page's libraries are missing from {Path.Combine(webRoot, "lib")} ({string.Join(", ", missing)}): " +
                "run eng/web/install.sh (./garrison serve runs it when npm is there). The API is served anyway.").ConfigureAwait(false);
        }

        // Serving is read-only: an SQLite file that is not there is a mistyped path, not a knowledge base to create.
        var opened = await KnowledgeBaseOptions.OpenAsync(dbPath, error, cancellationToken, mustExist: true).ConfigureAwait(false);
        if (opened is null)
        {
            return 2;
        }

        // A server answers many state queries from one process: from the warm index of every holding, loaded at the first
        // and reloaded when a document is added (docs/storage.md, "Warm state"), instead of thousands of rows per answer.
        IKnowledgeStore store = opened is DapperKnowledgeStore dapper ? new WarmKnowledgeStore(dapper) : opened;

        await using (store.ConfigureAwait(false))
        {
            var options = new GarrisonWebOptions
            {
                Urls = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                WebRoot = webRoot,
                DataDirectory = TryLocateData(),
                CorsOrigins = corsOrigins,
                AllowRemote = allowRemote,
            };
            WebApplication app;
            try
            {
                app = GarrisonWebApp.Create(options, store, logging => logging
                    .ClearProviders()
                    .AddSimpleConsole(console => console.SingleLine = true)
                    .AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning)
                    .SetMinimumLevel(LogLevel.Warning));
            }
            catch (ArgumentException ex)
            {
                await error.WriteLineAsync($"garrison: {ex.Message}").ConfigureAwait(false);
                return 2;
            }

            await using (app.ConfigureAwait(false))
            {
                try
                {
                    await app.StartAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (IOException ex)
                {
                    await error.WriteLineAsync($"garrison: --urls: cannot listen on {urls}: {ex.Message}").ConfigureAwait(false);
                    return 2;
                }

                foreach (var address in app.Urls)
                {
                    await output.WriteLineAsync($"Garrison is serving {KnowledgeStoreFactory.Describe(dbPath)} at {address}/").ConfigureAwait(false);
                }

                await output.WriteLineAsync("API: /api/state?at=YYYY-MM-DD, /api/events, /api/entities?q=, /api/series/troops; OpenAPI: /openapi/v1.json. Ctrl+C stops.")
                    .ConfigureAwait(false);
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                // Until Ctrl+C (the command's token) or SIGTERM (the host's lifetime); then stops gracefully.
                await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return 0;
    }

    private static string? TryLocateData()
    {
        try
        {
            return DataDirectory.Locate();
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }
}
