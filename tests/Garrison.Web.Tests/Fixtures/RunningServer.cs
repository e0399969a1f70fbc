using Garrison.Storage;
using Garrison.Storage.Sqlite;
using Garrison.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Garrison.Web.Tests.Fixtures;

/// <summary>The real app on Kestrel, bound to a free loopback port, over a SQLite knowledge base holding the fixture reports.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningServer(WebApplication app, IKnowledgeStore store, Uri address)
    {
        _app = app;
        Store = store;
        Address = address;
        Client = new HttpClient { BaseAddress = address };
    }

    public IKnowledgeStore Store { get; }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public static string WebRoot =>
        WebRootLocator.Locate() ?? throw new InvalidOperationException("src/Garrison.Web/wwwroot was not found above the test assembly");

    public static async Task<RunningServer> StartAsync(IEnumerable<(SourceDocument Document, Domain.Records.ExtractionRecord Record)>? reports = null, string? dataDirectory = null)
    {
        var store = await TestStores.CreateAsync(reports ?? FixtureReports.All());
        var options = new GarrisonWebOptions { Urls = ["http://127.0.0.1:0"], WebRoot = WebRoot, DataDirectory = dataDirectory };
        var app = GarrisonWebApp.Create(options, store, logging => logging.ClearProviders());
        await app.StartAsync();
        var address = new Uri(app.Urls.Single());
        return new RunningServer(app, store, address);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Store.DisposeAsync();
        TestStores.Delete(Store);
    }
}

/// <summary>Knowledge bases for the tests: real SQLite files in a temporary folder, filled through IngestAsync.</summary>
public static class TestStores
{
    public static async Task<IKnowledgeStore> CreateAsync(IEnumerable<(SourceDocument Document, Domain.Records.ExtractionRecord Record)> reports)
    {
        var folder = Directory.CreateTempSubdirectory("garrison-web-");
        var store = await SqliteKnowledgeStore.OpenAsync(Path.Combine(folder.FullName, "kb.db"));
        foreach (var (document, record) in reports)
        {
            await store.IngestAsync(document, record);
        }

        return store;
    }

    /// <summary>Removes a disposed store's temporary folder.</summary>
    public static void Delete(IKnowledgeStore store)
    {
        if (store is SqliteKnowledgeStore sqlite && Path.GetDirectoryName(sqlite.Path) is { } folder && Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
