using CsvHelper;

namespace Garrison.Interchange.Export;

/// <summary>How Garrison writes CSV: RFC 4180 quoting, LF line ends (pandas, R, QGIS and Excel all read them).</summary>
public static class CsvOutput
{
    public static CsvWriterOptions Options { get; } = CsvWriterOptions.Default with { NewLine = "\n" };
}
