using System.Globalization;
using System.Text.RegularExpressions;
using Garrison.Domain.Dates;
using Garrison.Domain.Records;
using Garrison.Reading.Documents;
using Garrison.Reading.Pipeline;

namespace Garrison.Reading.Header;

/// <summary>
/// Reads the optional header: <c>key: value</c> lines (url, title, published, outlet, authors) closed by a line
/// <c>---</c>. It decides what is a header exactly as the scorer's <c>split_body</c> does, so that evidence offsets
/// (which index <see cref="ReadingDocument.Body"/>) agree with the scorer's. Without a header the whole text is the body.
/// </summary>
public sealed partial class HeaderStage : IReadingStage
{
    private static readonly HashSet<string> KnownKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "url", "title", "published", "outlet", "authors",
    };

    public void Process(ReadingDocument document, CancellationToken cancellationToken = default)
    {
        var header = Split(document.Text);
        document.Body = document.Text[header.BodyStart..];
        var fields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in header.Fields)
        {
            if (!KnownKeys.Contains(key))
            {
                document.Warnings.Add($"header key '{key}' is not one Garrison reads (url, title, published, outlet, authors)");
            }

            fields[key] = IsUnknown(value) ? null : value;
        }

        document.Info = new DocumentInfo(
            document.Id,
            ParsePublished(document.Id, fields.GetValueOrDefault("published")),
            fields.GetValueOrDefault("outlet"),
            fields.GetValueOrDefault("title"),
            fields.GetValueOrDefault("url"),
            fields.GetValueOrDefault("authors") is { } authors ? SplitAuthors(authors) : null);
    }

    /// <summary>The header's fields in order and where the body starts (0 when there is no header).</summary>
    public static ParsedHeader Split(string text)
    {
        var fields = new List<KeyValuePair<string, string>>();
        var lineStart = 0;
        var lineIndex = 0;
        while (lineStart <= text.Length)
        {
            var newline = text.IndexOf('\n', lineStart);
            var lineEnd = newline < 0 ? text.Length : newline;
            var line = text[lineStart..lineEnd];
            var next = newline < 0 ? text.Length : newline + 1;
            if (line.Trim() == "---")
            {
                // As split_body: any non-first '---' line closes a header whose non-blank lines are all key lines.
                return lineIndex > 0 ? new ParsedHeader(fields, next) : ParsedHeader.None;
            }

            if (line.Trim().Length > 0)
            {
                var match = KeyLine().Match(line);
                if (!match.Success)
                {
                    return ParsedHeader.None;
                }

                fields.Add(new(match.Groups["key"].Value, line[match.Length..].Trim()));
            }

            if (newline < 0)
            {
                break;
            }

            lineStart = next;
            lineIndex++;
        }

        return ParsedHeader.None;
    }

    /// <summary>
    /// The dateline. ISO day, month or year, or an ISO timestamp (its calendar day). Anything else is an error,
    /// because every relative date in the body would silently resolve wrong against a misread dateline.
    /// </summary>
    public static PartialDate? ParsePublished(string documentName, string? value)
    {
        if (value is null)
        {
            return null;
        }

        var candidate = Timestamp().Match(value) is { Success: true } stamp ? stamp.Groups["day"].Value : value;
        if (PartialDate.TryParse(candidate, out var date))
        {
            return date;
        }

        throw new ReadingException(
            documentName,
            string.Create(CultureInfo.InvariantCulture, $"header 'published' value '{value}' is not a date (expected YYYY-MM-DD, YYYY-MM, YYYY or 'unknown')"));
    }

    private static bool IsUnknown(string value) =>
        value.Length == 0 || value.Equals("unknown", StringComparison.OrdinalIgnoreCase) ||
        value.Equals("null", StringComparison.OrdinalIgnoreCase) || value == "-";

    private static List<string> SplitAuthors(string authors) =>
        [.. AuthorSeparator().Split(authors).Select(a => a.Trim()).Where(a => a.Length > 0)];

    // The scorer's header line test: ^[A-Za-z_][\w-]*:
    [GeneratedRegex(@"^(?<key>[A-Za-z_][\w-]*):")]
    private static partial Regex KeyLine();

    [GeneratedRegex(@"^(?<day>\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"\s*(?:,|;|\band\b|&)\s*")]
    private static partial Regex AuthorSeparator();
}

/// <summary>A header's <c>key: value</c> fields in order, and the offset in the text where the body starts.</summary>
public sealed record ParsedHeader(IReadOnlyList<KeyValuePair<string, string>> Fields, int BodyStart)
{
    public static ParsedHeader None { get; } = new([], 0);
}
