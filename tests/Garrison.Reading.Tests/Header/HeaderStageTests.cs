using Garrison.Domain.Dates;
using Garrison.Reading.Documents;
using Garrison.Reading.Header;
using Garrison.Reading.Pipeline;

namespace Garrison.Reading.Tests.Header;

public sealed class HeaderStageTests
{
    [Fact]
    public void Header_fields_are_read_and_body_starts_after_the_rule()
    {
        const string text = "url: unknown\ntitle: Convoy leaves\npublished: 2025-06-01\noutlet: Example Wire\n" +
                            "authors: A. Writer, B. Reporter and C. Editor\n---\nThe convoy left.\n";
        var document = Read(text);

        Assert.Equal("The convoy left.\n", document.Body);
        Assert.Equal(text.IndexOf("The convoy", StringComparison.Ordinal), text.Length - document.Body.Length);
        Assert.Equal("doc", document.Info.Id);
        Assert.Null(document.Info.Url);
        Assert.Equal("Convoy leaves", document.Info.Title);
        Assert.Equal(PartialDate.OfDay(2025, 6, 1), document.Info.Published);
        Assert.Equal("Example Wire", document.Info.Outlet);
        Assert.Equal(["A. Writer", "B. Reporter", "C. Editor"], document.Info.Authors!);
        Assert.Empty(document.Warnings);
    }

    [Fact]
    public void Text_without_header_is_all_body()
    {
        const string text = "Rockets hit the base: no one was hurt.\n---\nMore.";
        var document = Read(text);

        Assert.Equal(text, document.Body);
        Assert.Null(document.Info.Published);
    }

    [Fact]
    public void Rule_on_the_first_line_is_not_a_header()
    {
        const string text = "---\nbody";

        Assert.Equal(text, Read(text).Body);
    }

    [Fact]
    public void Blank_lines_inside_the_header_are_allowed_as_the_scorer_allows_them()
    {
        var document = Read("published: 2024\n\noutlet: Wire\n---\nBody");

        Assert.Equal("Body", document.Body);
        Assert.Equal(PartialDate.OfYear(2024), document.Info.Published);
    }

    [Fact]
    public void Header_ending_the_file_gives_an_empty_body()
    {
        Assert.Equal(string.Empty, Read("title: Only a header\n---").Body);
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("")]
    public void Unknown_published_is_null(string value)
    {
        Assert.Null(Read($"published: {value}\n---\nx").Info.Published);
    }

    [Theory]
    [InlineData("2024-08", "2024-08")]
    [InlineData("2024-08-05T14:30:00Z", "2024-08-05")]
    public void Published_keeps_the_precision_given(string value, string expected)
    {
        Assert.Equal(expected, Read($"published: {value}\n---\nx").Info.Published.ToString());
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2024-13-01")]
    [InlineData("05/08/2024")]
    public void Malformed_published_is_an_error_naming_document_and_value(string value)
    {
        var error = Assert.Throws<ReadingException>(() => Read($"published: {value}\n---\nx"));

        Assert.Equal("doc", error.DocumentName);
        Assert.Equal($"doc: header 'published' value '{value}' is not a date (expected YYYY-MM-DD, YYYY-MM, YYYY or 'unknown')", error.Message);
    }

    [Fact]
    public void Unknown_keys_are_kept_as_warnings()
    {
        var document = Read("section: World\n---\nx");

        Assert.Equal("x", document.Body);
        Assert.Equal(["header key 'section' is not one Garrison reads (url, title, published, outlet, authors)"], document.Warnings);
    }

    private static ReadingDocument Read(string text)
    {
        var document = new ReadingDocument("doc", text);
        new HeaderStage().Process(document);
        return document;
    }
}
