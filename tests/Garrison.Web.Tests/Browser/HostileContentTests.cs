using Garrison.Web.Tests.Fixtures;

namespace Garrison.Web.Tests.Browser;

/// <summary>Nothing a report says is ever run or parsed as markup by the page.</summary>
public sealed class HostileContentTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [BrowserFact]
    public async Task Script_and_handler_payloads_in_reports_are_shown_as_text_and_never_run()
    {
        await using var session = await PageSession.OpenAsync(browser, [HostileReports.Report()]);
        var page = session.Page;
        // Count CSP violations too: a payload that reached the DOM as markup would be blocked there and reported.
        await page.AddInitScriptAsync("window.__violations = []; document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective));");
        await session.LoadAsync();

        await page.Locator("#installation-list li").First.ClickAsync();
        await page.WaitForSelectorAsync("#document-view mark");
        await page.HoverAsync("path.installation");
        await page.WaitForSelectorAsync(".leaflet-tooltip");
        var tooltip = await page.TextContentAsync(".leaflet-tooltip");
        await page.Locator("#event-list li[data-event]").First.ClickAsync();
        await page.WaitForSelectorAsync("#document-view mark");
        await page.Locator("#charts circle.point").First.ClickAsync();
        await page.WaitForSelectorAsync("#document-view mark");

        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__xss"));
        Assert.Empty(session.Dialogs);
        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.__violations.length"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.querySelectorAll('img, iframe, b, i, script:not([src]), [onerror], [onload], [onmouseover]').length"));
        Assert.Equal(HostileReports.Sentence, await page.TextContentAsync("#document-view mark"));
        Assert.Contains(HostileReports.BaseName, await page.TextContentAsync("#installation-list"), StringComparison.Ordinal);
        Assert.Contains(HostileReports.ForceName, tooltip, StringComparison.Ordinal);
        Assert.Contains("<img src=x onerror=alert('title')>", await page.TextContentAsync("#document-view header"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#document-view a").CountAsync());
        Assert.Empty(session.Errors);
    }
}
