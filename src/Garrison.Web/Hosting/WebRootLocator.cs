namespace Garrison.Web.Hosting;

/// <summary>
/// Finds the page's folder. It is served from the source tree (src/Garrison.Web/wwwroot) rather than copied
/// into the build output, because its lib/ folder is filled by eng/web/install.sh, which may run after a build.
/// </summary>
public static class WebRootLocator
{
    public const string RelativePath = "src/Garrison.Web/wwwroot";

    /// <summary>$GARRISON_WEBROOT, else $GARRISON_HOME/src/Garrison.Web/wwwroot, else the nearest one above the running assembly.</summary>
    public static string? Locate()
    {
        var explicitPath = Environment.GetEnvironmentVariable("GARRISON_WEBROOT");
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return explicitPath;
        }

        var home = Environment.GetEnvironmentVariable("GARRISON_HOME");
        if (!string.IsNullOrEmpty(home) && File.Exists(Path.Combine(home, RelativePath, "index.html")))
        {
            return Path.Combine(home, RelativePath);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, RelativePath);
            if (File.Exists(Path.Combine(candidate, "index.html")))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The npm files the page needs, relative to the web root; a missing one means install.sh has not run.</summary>
    public static IReadOnlyList<string> RequiredLibraryFiles { get; } =
    [
        "lib/leaflet/leaflet.js",
        "lib/leaflet/leaflet.css",
        "lib/topojson-client/topojson-client.min.js",
        "lib/world-atlas/countries-50m.json",
    ];

    public static IReadOnlyList<string> MissingLibraryFiles(string webRoot) =>
        RequiredLibraryFiles.Where(file => !File.Exists(Path.Combine(webRoot, file))).ToList();
}
