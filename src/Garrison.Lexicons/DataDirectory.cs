namespace Garrison.Lexicons;

/// <summary>
/// Finds Garrison's data folder (lexicons, gazetteer, actors): $GARRISON_DATA, else $GARRISON_HOME/data,
/// else the nearest folder named data with a README.md above the running assembly (tests, benchmarks).
/// Data is loaded at start-up rather than compiled in, so analysts can extend it without rebuilding.
/// </summary>
public static class DataDirectory
{
    public static string Locate()
    {
        var explicitPath = Environment.GetEnvironmentVariable("GARRISON_DATA");
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return Require(explicitPath, "GARRISON_DATA");
        }

        var home = Environment.GetEnvironmentVariable("GARRISON_HOME");
        if (!string.IsNullOrEmpty(home) && Directory.Exists(Path.Combine(home, "data")))
        {
            return Path.Combine(home, "data");
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "data");
            if (File.Exists(Path.Combine(candidate, "README.md")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            "Garrison's data folder was not found: set GARRISON_DATA or GARRISON_HOME, or run from the repository.");
    }

    private static string Require(string path, string variable) =>
        Directory.Exists(path) ? path : throw new DirectoryNotFoundException($"{variable}={path} is not a folder");
}
