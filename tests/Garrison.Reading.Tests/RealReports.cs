namespace Garrison.Reading.Tests;

/// <summary>
/// The real reports the equivalence tests read besides their generated texts: the test corpus and the samples, in the
/// ordinal order of their paths (so a failure names the same file on every machine).
/// </summary>
internal static class RealReports
{
    public static IReadOnlyList<string> Files()
    {
        var root = Directory.GetParent(Garrison.Lexicons.DataDirectory.Locate())!.FullName;
        return [.. Directory.GetFiles(Path.Combine(root, "tests", "corpus"), "*.txt")
            .Concat(Directory.GetFiles(Path.Combine(root, "samples"), "*.txt"))
            .Order(StringComparer.Ordinal)];
    }

    public static IEnumerable<string> Texts() => Files().Select(File.ReadAllText);
}
