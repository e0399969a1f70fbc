using System.Net;
using System.Text.Json.Nodes;
using Garrison.Web.Tests.Fixtures;

namespace Garrison.Web.Tests.Api;

/// <summary>
/// The OpenAPI document the app serves matches the committed copy (src/Garrison.Web/Garrison.Web.json), so an API
/// change shows up in review. After an intended change: GARRISON_UPDATE_OPENAPI=1 dotnet test tests/Garrison.Web.Tests.
/// </summary>
public sealed class OpenApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static string CommittedPath => Path.GetFullPath(Path.Combine(RunningServer.WebRoot, "..", "Garrison.Web.json"));

    [Fact]
    public async Task The_served_document_matches_the_committed_copy()
    {
        var response = await fixture.Server.Client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var served = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        if (Environment.GetEnvironmentVariable("GARRISON_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(CommittedPath, served.ToJsonString(new() { WriteIndented = true }) + "\n");
        }

        Assert.True(File.Exists(CommittedPath), $"{CommittedPath} is missing: run with GARRISON_UPDATE_OPENAPI=1 to write it");
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(CommittedPath))!;
        Assert.True(JsonNode.DeepEquals(committed, served),
            $"/openapi/v1.json differs from {CommittedPath}; if the change is intended, run the tests with GARRISON_UPDATE_OPENAPI=1");
    }

    [Fact]
    public async Task The_document_describes_every_endpoint_and_its_errors()
    {
        var document = JsonNode.Parse(await fixture.Server.Client.GetStringAsync("/openapi/v1.json"))!;
        var paths = document["paths"]!.AsObject();

        foreach (var path in new[] { "/api/state", "/api/events", "/api/entities", "/api/entities/{id}", "/api/documents/{id}", "/api/series/troops" })
        {
            var get = paths[path]?["get"];
            Assert.True(get is not null, $"{path} is not described");
            Assert.NotNull(get!["responses"]!["200"]);
            Assert.NotNull(get["responses"]!["400"]);
        }

        Assert.NotNull(paths["/api/entities/{id}"]!["get"]!["responses"]!["404"]);
        Assert.NotNull(paths["/api/documents/{id}"]!["get"]!["responses"]!["404"]);
        Assert.Null(paths["/api/state"]!["post"]);
        var partialDate = document["components"]!["schemas"]!.AsObject()
            .Single(s => s.Key.Contains("PartialDate", StringComparison.Ordinal)).Value!;
        Assert.Equal("string", partialDate["type"]!.GetValueKind() == System.Text.Json.JsonValueKind.Array
            ? (string?)partialDate["type"]![0] : (string?)partialDate["type"]);
    }
}
