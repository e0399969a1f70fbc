using Garrison.Web.Tests.Fixtures;

namespace Garrison.Web.Tests.Browser;

/// <summary>The page in a real headless Chromium, over the fixture reports.</summary>
public sealed class MapPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string AsadMarker = "path.installation[data-place='Al-Asad Air Base']";

    [BrowserFact]
    public async Task The_page_loads_with_the_basemap_and_the_latest_state()
    {
        await using var session = await PageSession.OpenAsync(browser);

        await session.LoadAsync();

        var page = session.Page;
        Assert.Equal("countries", await page.GetAttributeAsync("#map", "data-basemap"));
        var countryShapes = await page.Locator(".leaflet-basemap-pane path").CountAsync();
        Assert.True(countryShapes > 100, $"only {countryShapes} country shapes drawn");
        Assert.Equal(3, await page.Locator("path.installation").CountAsync());
        Assert.Equal(2, await page.Locator("#charts circle.point").CountAsync());
        Assert.Equal("true", await page.GetAttributeAsync("#charts circle.point[data-value='2500']", "data-approx"));
        await session.ScreenshotAsync("map-latest");
        Assert.Empty(session.Errors);
    }

    [BrowserFact]
    public async Task The_slider_moves_installations_from_one_holder_to_another()
    {
        await using var session = await PageSession.OpenAsync(browser);
        await session.LoadAsync();
        var page = session.Page;

        await session.SlideToAsync("2025-06-15");

        Assert.Equal("US forces", await page.GetAttributeAsync(AsadMarker, "data-holder"));
        Assert.Equal("US forces", await page.GetAttributeAsync("path.installation[data-place='Harir Air Base']", "data-holder"));
        Assert.Equal(0, await page.Locator("path.installation[data-place='Erbil Air Base']").CountAsync());
        Assert.Equal("2025-06-15", await page.InputValueAsync("#date-input"));

        await session.SlideToAsync("2026-02-01");

        Assert.Equal("Iraqi security forces", await page.GetAttributeAsync(AsadMarker, "data-holder"));
        Assert.Equal("US forces", await page.GetAttributeAsync("path.installation[data-place='Harir Air Base']", "data-holder"));
        Assert.Equal(1, await page.Locator("path.installation[data-place='Erbil Air Base']").CountAsync());
        Assert.NotEqual(
            await page.GetAttributeAsync(AsadMarker, "fill"),
            await page.GetAttributeAsync("path.installation[data-place='Harir Air Base']", "fill"));
        Assert.Empty(session.Errors);
    }

    [BrowserFact]
    public async Task Clicking_an_installation_shows_its_evidence_sentence_highlighted()
    {
        await using var session = await PageSession.OpenAsync(browser);
        await session.LoadAsync();
        var page = session.Page;
        await session.SlideToAsync("2026-02-01");

        await page.ClickAsync(AsadMarker);

        var mark = page.Locator("#document-view mark").First;
        await mark.WaitForAsync();
        Assert.Equal(FixtureReports.AsadSentence, await mark.TextContentAsync());
        Assert.Contains("Al-Asad Air Base", await page.TextContentAsync("#sources-title"), StringComparison.Ordinal);
        var body = await page.TextContentAsync("#document-view .body");
        Assert.Contains(FixtureReports.RocketSentence, body, StringComparison.Ordinal);
        await session.ScreenshotAsync("map-asad-sources");
        Assert.Empty(session.Errors);
    }

    [BrowserFact]
    public async Task Clicking_an_event_or_a_chart_point_opens_its_source()
    {
        await using var session = await PageSession.OpenAsync(browser);
        await session.LoadAsync();
        var page = session.Page;
        await session.SlideToAsync("2026-01-25");

        await page.ClickAsync("#event-list li[data-event]:has-text('missile attack')");
        await page.WaitForSelectorAsync("#document-view mark");
        Assert.Equal(FixtureReports.RocketSentence, await page.TextContentAsync("#document-view mark"));

        await page.ClickAsync("#charts circle.point[data-value='1900']");
        await page.WaitForFunctionAsync("() => document.querySelector('#document-view mark')?.textContent.startsWith('Between')");
        Assert.Equal(FixtureReports.RangeSentence, await page.TextContentAsync("#document-view mark"));
        Assert.Empty(session.Errors);
    }

    [BrowserFact]
    public async Task The_event_list_follows_the_date()
    {
        await using var session = await PageSession.OpenAsync(browser);
        await session.LoadAsync();
        var page = session.Page;

        await session.SlideToAsync("2025-12-01");
        Assert.Equal(0, await page.Locator("#event-list li[data-event]").CountAsync());

        await session.SlideToAsync("2026-01-20");
        Assert.Equal(3, await page.Locator("#event-list li[data-event]").CountAsync());
        Assert.Equal(3, await page.Locator("path.event").CountAsync());
    }
}
