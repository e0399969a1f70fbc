using Garrison.Storage;
using Garrison.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Garrison.Web.Tests.Fixtures;

/// <summary>The real app on Kestrel, bound to a free loopback port, over a store filled with the fixture reports.</summary>
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
    }
}

/// <summary>Where the tests get their knowledge store.</summary>
public static class TestStores
{
    public static async Task<IKnowledgeStore> CreateAsync(IEnumerable<(SourceDocument Document, Domain.Records.ExtractionRecord Record)> reports)
    {
        var store = new InMemoryKnowledgeStore();
        foreach (var (document, record) in reports)
        {
            await store.IngestAsync(document, record);
        }

        return store;
    }
}
