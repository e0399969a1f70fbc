using System.Text;
using Garrison.Reading.Loading;

namespace Garrison.Reading.Tests.Loading;

public sealed class DocumentLoaderTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("garrison-loader-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Text_file_gives_id_from_file_name_and_lf_line_ends()
    {
        var path = Write("report-2024-08-05.txt", "published: 2024-08-05\r\n---\r\nTroops left.\rThey said so.\r\n");

        var document = new DocumentLoader().Load(path);

        Assert.Equal("report-2024-08-05", document.Id);
        Assert.Equal("published: 2024-08-05\n---\nTroops left.\nThey said so.\n", document.Text);
    }

    [Fact]
    public void Byte_order_mark_is_dropped()
    {
        var path = WriteBytes("bom.md", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("Iraq’s army")]);

        Assert.Equal("Iraq’s army", new DocumentLoader().Load(path).Text);
    }

    [Fact]
    public void Missing_file_names_file_and_problem()
    {
        var path = Path.Combine(folder, "absent.txt");

        var error = Assert.Throws<DocumentLoadException>(() => new DocumentLoader().Load(path));

        Assert.Equal(path, error.DocumentName);
        Assert.Equal($"{path}: no such file", error.Message);
    }

    [Fact]
    public void Empty_file_is_refused()
    {
        var path = WriteBytes("empty.txt", []);

        var error = Assert.Throws<DocumentLoadException>(() => new DocumentLoader().Load(path));

        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("empty", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Whitespace_only_file_is_refused()
    {
        var path = Write("blank.txt", " \n\t\n");

        var error = Assert.Throws<DocumentLoadException>(() => new DocumentLoader().Load(path));

        Assert.Contains("only whitespace", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_names_the_byte()
    {
        var path = WriteBytes("latin1.txt", [.. Encoding.ASCII.GetBytes("Caf"), 0xE9, .. Encoding.ASCII.GetBytes(" in Mosul")]);

        var error = Assert.Throws<DocumentLoadException>(() => new DocumentLoader().Load(path));

        Assert.Equal("not valid UTF-8 at byte 3; save the file as UTF-8", error.Problem);
    }

    [Fact]
    public void Binary_file_is_refused()
    {
        var path = WriteBytes("image.txt", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]);

        var error = Assert.Throws<DocumentLoadException>(() => new DocumentLoader().Load(path));

        Assert.Contains("binary", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void File_over_the_limit_is_refused_before_reading()
    {
        var path = WriteBytes("big.txt", new byte[3 * 1024 * 1024]);

        var error = Assert.Throws<DocumentLoadException>(() => new DocumentLoader(new() { MaxBytes = 2 * 1024 * 1024 }).Load(path));

        Assert.Equal("the file is too big (3 MB; the limit is 2 MB)", error.Problem);
    }

    [Fact]
    public void Directory_is_not_a_document()
    {
        var error = Assert.Throws<DocumentLoadException>(() => new DocumentLoader().Load(folder));

        Assert.Contains("directory", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_is_reduced_to_visible_text_with_a_header_from_its_metadata()
    {
        const string html = """
            <!doctype html><html><head><title>Page title</title>
            <meta property="og:title" content="Troops leave base">
            <meta property="article:published_time" content="2025-03-04T08:15:00Z">
            <meta property="og:site_name" content="Example Wire">
            <style>p { color: red }</style><script>var x = "<p>not text</p>";</script></head>
            <body><nav>Home | World</nav><h1>Troops leave base</h1>
            <p>The last   convoy left on <b>Monday</b>, officials said.</p>
            <p>About 300 soldiers &amp; contractors remain.<br>More later.</p></body></html>
            """;
        var path = Write("page.html", html);

        var document = new DocumentLoader().Load(path);

        Assert.Equal(
            "title: Troops leave base\npublished: 2025-03-04\noutlet: Example Wire\n---\n" +
            "Troops leave base\n\nThe last convoy left on Monday, officials said.\n\nAbout 300 soldiers & contractors remain.\nMore later.",
            document.Text);
    }

    [Fact]
    public void Html_without_visible_text_is_refused()
    {
        var path = Write("shell.htm", "<html><body><script>render()</script></body></html>");

        var error = Assert.Throws<DocumentLoadException>(() => new DocumentLoader().Load(path));

        Assert.Equal("the page has no visible text", error.Problem);
    }

    [Fact]
    public void Folder_walk_is_recursive_sorted_and_skips_readme()
    {
        Write("b.txt", "b");
        Write("README.md", "about");
        Write("notes.csv", "x");
        Directory.CreateDirectory(Path.Combine(folder, "sub"));
        Write(Path.Combine("sub", "a.html"), "<p>a</p>");
        Write("a.md", "a");
        var single = Path.Combine(folder, "given.csv");

        var files = DocumentFiles.Expand([folder, single]).Select(f => Path.GetRelativePath(folder, f)).ToList();

        Assert.Equal(["a.md", "b.txt", Path.Combine("sub", "a.html"), "given.csv"], files);
    }

    [Fact]
    public void A_folder_walk_gives_the_order_of_sorting_every_full_path()
    {
        // Names chosen so that a folder and a file share a prefix on either side of the separator ("a" / "a.txt" /
        // "a-b"): ordering entry by entry must still equal one ordinal sort of the whole paths.
        foreach (var relative in new[] { "a.txt", "a-b/z.txt", "a/b.txt", "a/a/c.md", "a0.txt", "B.txt", "a-b.md", "ab/x.htm", "a/notes.csv" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, relative))!);
            Write(relative, "x");
        }

        var walked = DocumentFiles.Expand([folder]).ToList();

        var sorted = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(DocumentFiles.IsDocument).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(sorted, walked);
        Assert.Equal(8, walked.Count);
    }

    private string Write(string name, string text) => WriteBytes(name, Encoding.UTF8.GetBytes(text));

    private string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
