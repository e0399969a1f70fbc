using Microsoft.Playwright;

namespace Garrison.Web.Tests.Browser;

/// <summary>
/// Debian's chromium, driven by Playwright by path: no browser is ever downloaded. eng/setup.d/10-chromium.sh
/// installs it and writes GARRISON_CHROMIUM; /usr/bin/chromium is tried when the variable is absent.
/// </summary>
public static class Chromium
{
    public static string? ExecutablePath
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("GARRISON_CHROMIUM");
            if (!string.IsNullOrEmpty(configured) && File.Exists(configured))
            {
                return configured;
            }

            return File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : null;
        }
    }

    public static string SkipReason =>
        "no Chromium: GARRISON_CHROMIUM is unset and /usr/bin/chromium is absent (./test.sh installs it via eng/setup.d/10-chromium.sh)";

    public static BrowserTypeLaunchOptions LaunchOptions => new()
    {
        ExecutablePath = ExecutablePath,
        Headless = true,
        Args =
        [
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-quic", "--no-first-run",
        ],
    };
}

/// <summary>A test that needs a browser; skipped, with the reason, where no Chromium is installed.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Chromium.ExecutablePath is null)
        {
            Skip = Chromium.SkipReason;
        }
    }
}
