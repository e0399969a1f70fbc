using System.Text;

namespace Garrison.Reading.Loading;

/// <summary>A document as loaded from disk: its id (the file name without extension) and its text (LF line ends).</summary>
public sealed record LoadedDocument(string Id, string Path, string Text);

/// <summary>
/// Reads document files: UTF-8 text (.txt, .md, anything else) as is, HTML (.html, .htm) reduced to its visible
/// text. Every problem is a <see cref="DocumentLoadException"/> naming the file and what is wrong with it.
/// </summary>
public sealed class DocumentLoader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly DocumentLoaderOptions options;

    public DocumentLoader(DocumentLoaderOptions? options = null) => this.options = options ?? new DocumentLoaderOptions();

    public static string IdOf(string path) => System.IO.Path.GetFileNameWithoutExtension(path);

    public static bool IsHtml(string path) =>
        System.IO.Path.GetExtension(path).ToLowerInvariant() is ".html" or ".htm";

    public LoadedDocument Load(string path)
    {
        var bytes = ReadBytes(path);
        var text = Decode(path, bytes);
        if (IsHtml(path))
        {
            text = HtmlText.ToDocumentText(text);
        }

        text = NormaliseLineEnds(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DocumentLoadException(path, IsHtml(path) ? "the page has no visible text" : "the file holds only whitespace");
        }

        return new LoadedDocument(IdOf(path), path, text);
    }

    /// <summary>CRLF and lone CR become LF, as Python's universal newlines do, so offsets agree with the scorer's.</summary>
    public static string NormaliseLineEnds(string text) =>
        text.Contains('\r', StringComparison.Ordinal) ? text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n') : text;

    private byte[] ReadBytes(string path)
    {
        FileInfo file;
        try
        {
            file = new FileInfo(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new DocumentLoadException(path, $"not a usable file path ({e.Message})", e);
        }

        if (Directory.Exists(path))
        {
            throw new DocumentLoadException(path, "is a directory, not a file");
        }

        if (!file.Exists)
        {
            throw new DocumentLoadException(path, "no such file");
        }

        if (file.Length == 0)
        {
            throw new DocumentLoadException(path, "the file is empty");
        }

        if (file.Length > options.MaxBytes)
        {
            throw new DocumentLoadException(
                path,
                $"the file is too big ({file.Length / (1024 * 1024)} MB; the limit is {options.MaxBytes / (1024 * 1024)} MB)");
        }

        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DocumentLoadException(path, $"cannot be read ({e.Message})", e);
        }
    }

    private static string Decode(string path, byte[] bytes)
    {
        // NUL never appears in text but is common in binary formats (images, PDFs, archives) that may still be valid UTF-8.
        var nul = Array.IndexOf(bytes, (byte)0);
        if (nul >= 0)
        {
            throw new DocumentLoadException(path, $"binary file, not text (NUL byte at offset {nul})");
        }

        try
        {
            var text = StrictUtf8.GetString(bytes);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException e)
        {
            var at = e.Index >= 0 ? $" at byte {e.Index}" : string.Empty;
            throw new DocumentLoadException(path, $"not valid UTF-8{at}; save the file as UTF-8", e);
        }
    }
}
