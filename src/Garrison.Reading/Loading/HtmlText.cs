using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Garrison.Reading.Loading;

/// <summary>
/// Turns a saved HTML page into a Garrison document: a header built from the page's metadata (title, published,
/// outlet, url) when it has any, then the visible text with one blank line between blocks. AngleSharp parses the
/// page as a browser would (HTML5 parsing rules), so broken markup, entities and scripts are handled correctly.
/// </summary>
public static partial class HtmlText
{
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "head", "nav", "footer", "aside", "form", "svg", "iframe", "button",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
        "blockquote", "pre", "table", "tr", "figure", "figcaption", "dl", "dt", "dd", "hr", "address", "caption",
    };

    public static string ToDocumentText(string html)
    {
        var page = new HtmlParser().ParseDocument(html);
        var header = HeaderFrom(page);
        var body = new BodyWriter();
        if (page.Body is not null)
        {
            body.Write(page.Body);
        }

        var text = body.ToString();
        return header.Length == 0 ? text : header + "---\n" + text;
    }

    private static string HeaderFrom(IHtmlDocument page)
    {
        var header = new StringBuilder();
        AddLine(header, "url", Meta(page, "og:url") ?? page.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
        AddLine(header, "title", Meta(page, "og:title") ?? NullIfBlank(page.Title));
        var published = Meta(page, "article:published_time") ?? Meta(page, "datePublished") ?? Meta(page, "date") ??
                        page.QuerySelector("time[datetime]")?.GetAttribute("datetime");
        if (published is not null && IsoDay().Match(published) is { Success: true } day)
        {
            // Only the calendar day: the header's published is a date, and a time zone would not change it enough to matter.
            AddLine(header, "published", day.Value);
        }

        AddLine(header, "outlet", Meta(page, "og:site_name"));
        AddLine(header, "authors", Meta(page, "author"));
        return header.ToString();
    }

    private static string? Meta(IHtmlDocument page, string name)
    {
        foreach (var meta in page.QuerySelectorAll("meta"))
        {
            var key = meta.GetAttribute("property") ?? meta.GetAttribute("name") ?? meta.GetAttribute("itemprop");
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return NullIfBlank(meta.GetAttribute("content"));
            }
        }

        return null;
    }

    private static void AddLine(StringBuilder header, string key, string? value)
    {
        if (value is not null)
        {
            // A header value is one line; newlines inside metadata would end the header early.
            header.Append(key).Append(": ").Append(Whitespace().Replace(value, " ").Trim()).Append('\n');
        }
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}")]
    private static partial Regex IsoDay();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>Collects visible text, collapsing whitespace as a browser does and separating blocks by a blank line.</summary>
    private sealed class BodyWriter
    {
        private readonly StringBuilder text = new();
        private int pendingBreak; // 0 none, 1 line break, 2 paragraph break
        private bool pendingSpace;

        public void Write(INode node)
        {
            foreach (var child in node.ChildNodes)
            {
                switch (child)
                {
                    case IText t:
                        WriteText(t.Data);
                        break;
                    case IElement e when Skipped.Contains(e.LocalName):
                        break;
                    case IElement e when e.LocalName == "br":
                        Break(1);
                        break;
                    case IElement e when Blocks.Contains(e.LocalName):
                        Break(2);
                        Write(e);
                        Break(2);
                        break;
                    case IElement e:
                        Write(e);
                        break;
                }
            }
        }

        public override string ToString() => text.ToString();

        private void Break(int strength)
        {
            pendingBreak = Math.Max(pendingBreak, strength);
            pendingSpace = false;
        }

        private void WriteText(string data)
        {
            foreach (var c in data)
            {
                if (char.IsWhiteSpace(c))
                {
                    pendingSpace = true;
                    continue;
                }

                if (text.Length > 0 && pendingBreak > 0)
                {
                    text.Append(pendingBreak == 2 ? "\n\n" : "\n");
                }
                else if (text.Length > 0 && pendingSpace)
                {
                    text.Append(' ');
                }

                pendingBreak = 0;
                pendingSpace = false;
                text.Append(c);
            }
        }
    }
}
