using Garrison.Interchange.Acled;
using Garrison.Interchange.Countries;
using Garrison.Interchange.Export;
using Garrison.Interchange.Import;
using Garrison.Interchange.Ucdp;

namespace Garrison.Interchange;

/// <summary>The export and import formats by their --format names, for the CLI and the web API.</summary>
public static class Formats
{
    public static IReadOnlyList<string> ExportNames { get; } = ["acled-csv", "geojson", "jsonl", "csv"];

    public static IReadOnlyList<string> ImportNames { get; } = ["acled-csv", "ucdp-ged-csv"];

    public static IExporter Exporter(string name, Func<CountryTable> countries) => name switch
    {
        "acled-csv" => new AcledExporter(countries()),
        "geojson" => new GeoJsonExporter(),
        "jsonl" => new JsonLinesExporter(),
        "csv" => new PlainCsvExporter(),
        _ => throw new ArgumentException($"unknown export format '{name}': expected {string.Join(", ", ExportNames)}", nameof(name)),
    };

    public static CsvImporter Importer(string name) => name switch
    {
        "acled-csv" => new AcledImporter(),
        "ucdp-ged-csv" => new UcdpGedImporter(),
        _ => throw new ArgumentException($"unknown import format '{name}': expected {string.Join(", ", ImportNames)}", nameof(name)),
    };
}
