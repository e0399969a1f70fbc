using Garrison.Storage;
using Garrison.Web.Tests.Fixtures;
using Microsoft.Playwright;

namespace Garrison.Web.Tests.Browser;

/// <summary>One headless Chromium shared by a test class; each test gets its own context (cookies, storage) in it.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task<IBrowser> GetAsync()
    {
        _playwright ??= await Playwright.CreateAsync();
        return _browser ??= await _playwright.Chromium.LaunchAsync(Chromium.LaunchOptions);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}

/// <summary>A running server and one page on it in a fresh browser context, recording the page's errors and dialogs.</summary>
public sealed class PageSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    private PageSession(IBrowserContext context, IPage page, RunningServer server)
    {
        _context = context;
        Page = page;
        Server = server;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Errors.Add($"console: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => Errors.Add("page: " + error);
        page.Dialog += async (_, dialog) =>
        {
            Dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
    }

    public IPage Page { get; }

    public RunningServer Server { get; }

    public List<string> Errors { get; } = [];

    public List<string> Dialogs { get; } = [];

    public static async Task<PageSession> OpenAsync(BrowserFixture browser, IEnumerable<(SourceDocument Document, Domain.Records.ExtractionRecord Record)>? reports = null)
    {
        var server = await RunningServer.StartAsync(reports);
        var context = await (await browser.GetAsync()).NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        return new PageSession(context, page, server);
    }

    /// <summary>Opens the page and waits until it has drawn the state for its first date.</summary>
    public async Task LoadAsync()
    {
        await Page.GotoAsync(Server.Address.ToString());
        await Page.WaitForSelectorAsync("body[data-state-date]");
    }

    /// <summary>Drags the slider to a day the way a user's input does (value, then an input event) and waits for the redraw.</summary>
    public async Task SlideToAsync(string isoDay)
    {
        await Page.EvalOnSelectorAsync("#date-slider", """
            (slider, iso) => {
              const [y, m, d] = iso.split('-').map(Number);
              slider.value = String(Math.round(Date.UTC(y, m - 1, d) / 86400000));
              slider.dispatchEvent(new Event('input', { bubbles: true }));
            }
            """, isoDay);
        await Page.WaitForSelectorAsync($"body[data-state-date='{isoDay}']");
    }

    public async Task ScreenshotAsync(string name)
    {
        var folder = Path.GetFullPath(Path.Combine(RunningServer.WebRoot, "..", "..", "..", "artifacts", "screenshots"));
        Directory.CreateDirectory(folder);
        await Page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png") });
    }

    public async ValueTask DisposeAsync()
    {
        await _context.CloseAsync();
        await Server.DisposeAsync();
    }
}
