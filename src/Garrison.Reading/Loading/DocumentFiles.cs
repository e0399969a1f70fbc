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
    /// output order never depends on the file system. The walk is lazy, one folder's entries at a time: a folder of
    /// 200k reports in subfolders is never held as one list of paths (~30 MB at that size).
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

            foreach (var file in Walk(path))
            {
                yield return file;
            }
        }
    }

    // The options the recursive enumeration had (hidden and system entries skipped, inaccessible folders ignored), one
    // level at a time. Linked folders are not followed: a link back up the tree would never end.
    private static readonly EnumerationOptions OneLevel = new() { RecurseSubdirectories = false, IgnoreInaccessible = true };

    /// <summary>
    /// A folder's documents in ordinal order of their full paths. Within one folder, a subfolder sorts as its name
    /// followed by the separator and a file as its name: every path under the subfolder shares that prefix and no name
    /// holds a separator, so visiting entries in that order and recursing in place gives the order of sorting all
    /// full paths at once.
    /// </summary>
    private static IEnumerable<string> Walk(string folder)
    {
        var entries = new List<(string Key, string Path, bool IsFolder)>();
        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos("*", OneLevel))
        {
            if (entry is DirectoryInfo directory)
            {
                if (directory.LinkTarget is null)
                {
                    entries.Add((directory.Name + Path.DirectorySeparatorChar, Path.Join(folder, directory.Name), true));
                }
            }
            else if (IsDocument(entry.Name))
            {
                entries.Add((entry.Name, Path.Join(folder, entry.Name), false));
            }
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        foreach (var (_, path, isFolder) in entries)
        {
            if (!isFolder)
            {
                yield return path;
                continue;
            }

            foreach (var file in Walk(path))
            {
                yield return file;
            }
        }
    }
}
