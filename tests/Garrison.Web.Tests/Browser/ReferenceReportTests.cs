using Garrison.Reading.Loading;
using Garrison.Reading.Pipeline;
using Garrison.Storage;
using Garrison.Web.Tests.Fixtures;

namespace Garrison.Web.Tests.Browser;

/// <summary>
/// The page over a knowledge base holding the reference report as Garrison's own reading pipeline reads it
/// (../shared/seed, beside the repository; the test skips where it is absent).
/// </summary>
public sealed class ReferenceReportTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string AsadMarker = "path.installation[data-place='Al-Asad Air Base']";

    public static string? SeedPath
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(RunningServer.WebRoot, "..", "..", "..", "..", "shared", "seed", "seed-cnn-2026-01-18.txt"));
            return File.Exists(path) ? path : null;
        }
    }

    [SeedBrowserFact]
    public async Task Al_Asad_passes_to_Iraqi_forces_while_Harir_stays_with_US_forces_and_the_evidence_is_highlighted()
    {
        await using var session = await PageSession.OpenAsync(browser, [Read(SeedPath!)]);
        await session.LoadAsync();
        var page = session.Page;

        await session.SlideToAsync("2025-06-15");
        Assert.Equal("US forces", await page.GetAttributeAsync(AsadMarker, "data-holder"));

        await session.SlideToAsync("2026-02-01");
        Assert.Equal("Iraqi security forces", await page.GetAttributeAsync(AsadMarker, "data-holder"));
        Assert.Equal("US forces", await page.GetAttributeAsync("path.installation[data-place='Harir Air Base']", "data-holder"));

        await page.ClickAsync(AsadMarker);
        var mark = page.Locator("#document-view mark").First;
        await mark.WaitForAsync();
        var highlighted = await mark.TextContentAsync() ?? "";
        var body = await page.TextContentAsync("#document-view .body") ?? "";
        Assert.Contains(highlighted, body, StringComparison.Ordinal);
        Assert.Contains("Asad", highlighted, StringComparison.OrdinalIgnoreCase);
        await session.ScreenshotAsync("reference-report-asad");
        Assert.Empty(session.Errors);
    }

    private static (SourceDocument Document, Domain.Records.ExtractionRecord Record) Read(string path)
    {
        var loaded = new DocumentLoader().Load(path);
        var document = ReadingPipelineFactory.CreateDefault().Annotate(loaded.Id, loaded.Text, CancellationToken.None);
        var record = ReadingPipeline.ToRecord(document);
        return (new SourceDocument(loaded.Id, ContentHash.Of(loaded.Text), document.Body, document.Info), record);
    }
}

/// <summary>A browser test over the reference report: skipped, with the reason, without Chromium or ../shared/seed.</summary>
public sealed class SeedBrowserFactAttribute : FactAttribute
{
    public SeedBrowserFactAttribute()
    {
        if (Chromium.ExecutablePath is null)
        {
            Skip = Chromium.SkipReason;
        }
        else if (ReferenceReportTests.SeedPath is null)
        {
            Skip = "the reference report ../shared/seed/seed-cnn-2026-01-18.txt is not beside the repository";
        }
    }
}
