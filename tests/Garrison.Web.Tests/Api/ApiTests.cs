using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Garrison.Domain.Records;
using Garrison.Web.Tests.Fixtures;
using NodaTime;

namespace Garrison.Web.Tests.Api;

/// <summary>Every endpoint and every error path, over HTTP against the app running on loopback.</summary>
public sealed class ApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private HttpClient Client => fixture.Server.Client;

    [Fact]
    public async Task State_is_the_same_json_as_the_state_record()
    {
        var expected = RecordJson.Serialize(await fixture.Server.Store.GetStateAsync(new LocalDate(2026, 2, 1)));

        var response = await Client.GetAsync("/api/state?at=2026-02-01");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(body)), body);
        var control = JsonNode.Parse(body)!["control"]!.AsArray().Single();
        Assert.Equal("Iraqi security forces", (string?)control!["controller"]);
        Assert.Equal("2026-01-18", (string?)control["since"]);
    }

    [Fact]
    public async Task State_on_an_earlier_date_has_the_earlier_holder()
    {
        var body = await GetJson("/api/state?at=2025-06-15");

        var places = body["presence"]!.AsArray().Select(p => ((string?)p!["force"], (string?)p["place"])).ToList();
        Assert.Contains(("US forces", "Al-Asad Air Base"), places);
        Assert.DoesNotContain(places, p => p.Item2 == "Erbil Air Base");
        Assert.Empty(body["control"]!.AsArray());
    }

    [Theory]
    [InlineData("/api/state", "at", "required")]
    [InlineData("/api/state?at=", "at", "required")]
    [InlineData("/api/state?at=2026-13-01", "at", "not a date")]
    [InlineData("/api/state?at=2026-01", "at", "YYYY-MM-DD")]
    [InlineData("/api/state?at=yesterday", "at", "not a date")]
    [InlineData("/api/events?from=2026-99", "from", "not a date")]
    [InlineData("/api/events?to=soon", "to", "not a date")]
    [InlineData("/api/events?from=2026-02&to=2026-01", "to", "before from")]
    [InlineData("/api/events?type=bombardment", "type", "not an event type")]
    [InlineData("/api/entities", "q", "required")]
    [InlineData("/api/entities?q=%20%20", "q", "required")]
    [InlineData("/api/entities?q=asad&limit=0", "limit", "whole number from 1 to 100")]
    [InlineData("/api/entities?q=asad&limit=many", "limit", "whole number")]
    [InlineData("/api/entities/abc", "id", "positive whole number")]
    [InlineData("/api/entities/-4", "id", "positive whole number")]
    public async Task Bad_parameters_get_a_problem_naming_the_parameter_and_why(string url, string parameter, string why)
    {
        var response = await Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(400, (int?)problem["status"]);
        var messages = problem["errors"]![parameter]!.AsArray().Select(m => (string?)m).ToList();
        Assert.Contains(messages, m => m!.Contains(why, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Long_text_parameters_are_refused()
    {
        var response = await Client.GetAsync("/api/events?place=" + new string('x', 201));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("place", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_come_with_their_sources()
    {
        var events = (await GetJson("/api/events")).AsArray();

        Assert.Equal(3, events.Count);
        var rocket = events.Single(e => (string?)e!["event"]!["type"] == "missile_attack")!;
        Assert.Equal(3, (int?)rocket["event"]!["casualties"]!["injured"]!["value"]);
        Assert.Equal(36.24, (double?)rocket["lat"]);
        var source = rocket["sources"]!.AsArray().Single()!;
        Assert.Equal(FixtureReports.PostureId, (string?)source["document_id"]);
        Assert.Equal(FixtureReports.RocketSentence, (string?)source["text"]);
    }

    [Theory]
    [InlineData("type=handover", 1)]
    [InlineData("type=missile_attack&place=Erbil%20Air%20Base", 1)]
    [InlineData("place=Ain%20al-Asad", 2)]
    [InlineData("actor=US%20forces", 2)]
    [InlineData("from=2026-01-19", 1)]
    [InlineData("to=2026-01-18", 2)]
    [InlineData("from=2026-01&to=2026-01", 3)]
    [InlineData("from=2025&to=2025", 0)]
    public async Task Events_filter_by_date_type_place_and_actor(string parameters, int count)
    {
        var events = (await GetJson("/api/events?" + parameters)).AsArray();

        Assert.Equal(count, events.Count);
    }

    [Fact]
    public async Task Entities_are_found_by_alias_and_come_with_their_timeline()
    {
        var found = (await GetJson("/api/entities?q=ain%20al-asad")).AsArray();
        var asad = found.Single()!;
        Assert.Equal("Al-Asad Air Base", (string?)asad["name"]);
        Assert.Equal("facility", (string?)asad["kind"]);

        var detail = await GetJson($"/api/entities/{(long)asad["id"]!}");

        Assert.Equal(33.79, (double?)detail["entity"]!["lat"]);
        Assert.Contains("Ain al-Asad", detail["entity"]!["aliases"]!.AsArray().Select(a => (string?)a));
        var texts = detail["timeline"]!.AsArray().SelectMany(t => t!["sources"]!.AsArray()).Select(s => (string?)s!["text"]).ToList();
        Assert.Contains(FixtureReports.AsadSentence, texts);
    }

    [Fact]
    public async Task Entity_search_honours_the_limit()
    {
        var found = (await GetJson("/api/entities?q=air%20base&limit=2")).AsArray();

        Assert.Equal(2, found.Count);
    }

    [Fact]
    public async Task Unknown_ids_are_404_problems()
    {
        foreach (var url in new[] { "/api/entities/987654", "/api/documents/no-such-report" })
        {
            var response = await Client.GetAsync(url);

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal(404, (int?)problem["status"]);
            Assert.Contains("no ", (string?)problem["detail"], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Documents_carry_their_body_and_evidence_spans()
    {
        var document = await GetJson($"/api/documents/{FixtureReports.PostureId}");

        var body = (string)document["body"]!;
        Assert.Equal("Fixture Wire", (string?)document["info"]!["outlet"]);
        var spans = document["evidence_spans"]!.AsArray().Select(s => body[(int)s!["start"]!..(int)s["end"]!]).ToList();
        Assert.Contains(FixtureReports.AsadSentence, spans);
        Assert.Contains(FixtureReports.RocketSentence, spans);
    }

    [Fact]
    public async Task Troop_series_keep_approximation_and_ranges()
    {
        var all = (await GetJson("/api/series/troops")).AsArray();
        Assert.Equal(2, all.Count);
        var range = all.Single(p => (string?)p!["since"] == "2024-09")!;
        Assert.Null((long?)range["quantity"]!["value"]);
        Assert.Equal(1800, (long?)range["quantity"]!["low"]);
        Assert.Equal(2000, (long?)range["quantity"]!["high"]);
        var about = all.Single(p => (string?)p!["since"] == "2021-12")!;
        Assert.True((bool?)about["quantity"]!["approx"]);
        Assert.Equal(FixtureReports.StationedSentence, (string?)about["sources"]![0]!["text"]);

        Assert.Equal(2, (await GetJson("/api/series/troops?force=US%20troops&area=Iraq")).AsArray().Count);
        Assert.Empty((await GetJson("/api/series/troops?area=Syria")).AsArray());
    }

    [Theory]
    [InlineData("POST", "/api/state?at=2026-01-01")]
    [InlineData("PUT", "/api/entities/1")]
    [InlineData("DELETE", "/api/documents/fixture-posture-2026-01")]
    [InlineData("PATCH", "/api/events")]
    public async Task The_api_is_read_only(string method, string url)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent("{}") };

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Cors_is_closed_by_default()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/state?at=2026-01-01");
        preflight.Headers.Add("Origin", "https://elsewhere.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        using var simple = new HttpRequestMessage(HttpMethod.Get, "/api/state?at=2026-01-01");
        simple.Headers.Add("Origin", "https://elsewhere.example");

        var preflightResponse = await Client.SendAsync(preflight);
        var simpleResponse = await Client.SendAsync(simple);

        Assert.False(preflightResponse.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.OK, simpleResponse.StatusCode);
        Assert.False(simpleResponse.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task The_page_is_served_with_a_content_security_policy()
    {
        var response = await Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"map\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Unknown_basemap_layers_are_404()
    {
        var response = await Client.GetAsync("/basemap/rivers.json");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_api_paths_are_404()
    {
        var response = await Client.GetAsync("/api/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<JsonNode> GetJson(string url)
    {
        var response = await Client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text) ?? throw new JsonException($"{url}: empty body");
    }
}
