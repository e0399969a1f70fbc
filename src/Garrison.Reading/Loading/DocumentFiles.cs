namespace Garrison.Reading.Loading;

/// <summary>Expands the paths a user gives (files and folders) into the document files to read, in a stable order.</summary>
public static class DocumentFiles
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase) { ".txt", ".md", ".html", ".htm" };

    public static bool IsDocument(string path) =>
        Extensions.Contains(Path.GetExtension(path)) &&
        !string.Equals(Path.GetFileName(path), "README.md", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Files are kept as given, whatever their extension (the loader reports what is wrong with them); folders are
    /// walked recursively for .txt, .md, .html and .htm files, skipping README.md, sorted by path (ordinal) so that
    /// output order never depends on the file system.
    /// </summary>
    public static IEnumerable<string> Expand(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            if (!Directory.Exists(path))
            {
                yield return path;
                continue;
            }

            var found = Directory
                .EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
                .Where(IsDocument)
                .Order(StringComparer.Ordinal);
            foreach (var file in found)
            {
                yield return file;
            }
        }
    }
}
