using System.Globalization;
using CsvHelper;
using Garrison.Lexicons;

namespace Garrison.Interchange.Countries;

/// <summary>A country's ISO 3166-1 codes and the ACLED region it falls in.</summary>
public sealed record Country(string Alpha2, string Alpha3, int Numeric, string Name, string AcledRegion, IReadOnlyList<string> Aliases);

/// <summary>
/// ISO 3166-1 countries with ACLED regions, read from data/interchange/countries.csv (see data/README.md),
/// looked up by name, alias or code without regard to case.
/// </summary>
public sealed class CountryTable
{
    private readonly Dictionary<string, Country> _byKey = new(StringComparer.OrdinalIgnoreCase);

    public CountryTable(IEnumerable<Country> countries)
    {
        foreach (var country in countries)
        {
            foreach (var key in country.Aliases.Append(country.Name).Append(country.Alpha2).Append(country.Alpha3))
            {
                _byKey.TryAdd(key, country);
            }
        }
    }

    public Country? Find(string? nameOrCode) =>
        string.IsNullOrWhiteSpace(nameOrCode) ? null : _byKey.GetValueOrDefault(nameOrCode.Trim());

    public static CountryTable Load(string? dataDirectory = null)
    {
        var path = Path.Combine(dataDirectory ?? DataDirectory.Locate(), "interchange", "countries.csv");
        using var csv = CsvReader.FromFile(path, CsvReaderOptions.Default with { Separator = ',' });
        var countries = new List<Country>();
        while (csv.Read())
        {
            var aliases = csv.GetString("aliases").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            countries.Add(new Country(
                csv.GetString("alpha2"), csv.GetString("alpha3"), int.Parse(csv.GetString("numeric"), CultureInfo.InvariantCulture),
                csv.GetString("name"), csv.GetString("acled_region"), aliases));
        }

        return new CountryTable(countries);
    }
}
