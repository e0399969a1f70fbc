using System.Net;
using Garrison.Web.Hosting;
using Garrison.Web.Tests.Fixtures;

namespace Garrison.Web.Tests.Api;

public sealed class HostingTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://localhost:5080")]
    [InlineData("http://[::1]:5080")]
    public void Loopback_urls_are_allowed(string url) => GarrisonWebApp.EnsureAllowedUrl(url, allowRemote: false);

    [Theory]
    [InlineData("http://0.0.0.0:5080", "not a loopback address")]
    [InlineData("http://192.168.1.20:5080", "not a loopback address")]
    [InlineData("http://*:5080", "not")]
    [InlineData("ftp://127.0.0.1:21", "not an http URL")]
    [InlineData("5080", "not an http URL")]
    public void Other_urls_are_refused_with_the_reason(string url, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => GarrisonWebApp.EnsureAllowedUrl(url, allowRemote: false));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("--urls", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Remote_addresses_are_allowed_only_when_asked_for() =>
        GarrisonWebApp.EnsureAllowedUrl("http://0.0.0.0:5080", allowRemote: true);

    [Fact]
    public async Task Cors_origins_given_explicitly_are_allowed_for_get()
    {
        var store = await TestStores.CreateAsync(FixtureReports.All());
        var options = new GarrisonWebOptions { Urls = ["http://127.0.0.1:0"], WebRoot = RunningServer.WebRoot, CorsOrigins = ["https://analyst.example"] };
        var app = GarrisonWebApp.Create(options, store, logging => { });
        await app.StartAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/series/troops");
            request.Headers.Add("Origin", "https://analyst.example");

            var response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("https://analyst.example", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            await store.DisposeAsync();
            TestStores.Delete(store);
        }
    }

    [Fact]
    public async Task The_basemap_comes_from_the_data_folder_when_built()
    {
        var data = Directory.CreateTempSubdirectory("garrison-web-data");
        try
        {
            Directory.CreateDirectory(Path.Combine(data.FullName, "build", "basemap"));
            const string Provinces = """{"type":"FeatureCollection","features":[]}""";
            await File.WriteAllTextAsync(Path.Combine(data.FullName, "build", "basemap", "admin1.json"), Provinces);
            await using var server = await RunningServer.StartAsync(dataDirectory: data.FullName);

            var response = await server.Client.GetAsync("/basemap/admin1.json");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(Provinces, await response.Content.ReadAsStringAsync());
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public void Missing_page_libraries_are_listed()
    {
        var empty = Directory.CreateTempSubdirectory("garrison-web-root");
        try
        {
            Assert.Equal(WebRootLocator.RequiredLibraryFiles, WebRootLocator.MissingLibraryFiles(empty.FullName));
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }
}
