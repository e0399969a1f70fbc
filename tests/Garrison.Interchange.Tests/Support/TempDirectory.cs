namespace Garrison.Interchange.Tests.Support;

/// <summary>A folder under the system temp folder, deleted with everything in it when disposed.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "garrison-interchange-" + Guid.NewGuid().ToString("N"));

    /// <summary>Writes <paramref name="text"/> as UTF-8, with a byte order mark when asked (as Excel saves).</summary>
    public string Write(string name, string text, bool byteOrderMark = false)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, text, new System.Text.UTF8Encoding(byteOrderMark));
        return file;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine; the OS cleans temp.
        }
    }
}
