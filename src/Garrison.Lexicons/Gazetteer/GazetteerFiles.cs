using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Garrison.Lexicons.Gazetteer;

/// <summary>
/// The derived gazetteer's file format: gazetteer/places.tsv.gz (one entry per line, aliases normalized
/// and joined by '|') and gazetteer/countries.tsv (ISO 3166-1 codes). Plain gzip TSV keeps the files small,
/// diff-free to rebuild and readable with zcat.
/// </summary>
public static class GazetteerFiles
{
    public const string PlacesFile = "gazetteer/places.tsv.gz";
    public const string CountriesFile = "gazetteer/countries.tsv";
    public const string ManifestFile = "gazetteer/manifest.json";
    public const string Admin1ShapesFile = "basemap/admin1.json";
    public const string CountryShapesFile = "basemap/countries.json";

    private const string PlacesHeader = "id\tname\tkind\tcountry\tadmin1\tadmin1_id\tlat\tlon\tpopulation\taliases\tsource";
    private const string CountriesHeader = "iso2\tiso3\tnumeric\tname";

    public static void WritePlaces(string path, IEnumerable<Place> places)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.SmallestSize);
        using var writer = new StreamWriter(gzip, new UTF8Encoding(false));
        writer.NewLine = "\n";
        writer.WriteLine(PlacesHeader);
        foreach (var p in places)
        {
            writer.Write(Clean(p.Id));
            writer.Write('\t');
            writer.Write(Clean(p.Name));
            writer.Write('\t');
            writer.Write(p.Kind.ToToken());
            writer.Write('\t');
            writer.Write(Clean(p.Country));
            writer.Write('\t');
            writer.Write(Clean(p.Admin1 ?? string.Empty));
            writer.Write('\t');
            writer.Write(Clean(p.Admin1Id ?? string.Empty));
            writer.Write('\t');
            writer.Write(p.Latitude.ToString("0.#####", CultureInfo.InvariantCulture));
            writer.Write('\t');
            writer.Write(p.Longitude.ToString("0.#####", CultureInfo.InvariantCulture));
            writer.Write('\t');
            writer.Write(p.Population?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
            writer.Write('\t');
            writer.Write(string.Join('|', p.Aliases.Select(a => Clean(a).Replace('|', ' '))));
            writer.Write('\t');
            writer.WriteLine(Clean(p.Source));
        }
    }

    /// <summary>
    /// Reads places.tsv.gz (or a plain .tsv, for small fixtures). Errors name the file and line. The file is
    /// decompressed whole and its lines parsed in parallel chunks: loading is on the start-up path of every
    /// command that reads names.
    /// </summary>
    public static List<Place> ReadPlaces(string path)
    {
        string text;
        using (var file = File.OpenRead(path))
        using (Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file)
        using (var reader = new StreamReader(stream, Encoding.UTF8, false, 1 << 16))
        {
            text = reader.ReadToEnd();
        }

        var lines = new List<(int Start, int Length)>(256 * 1024);
        for (var start = 0; start < text.Length;)
        {
            var end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end;
            var length = end - start;
            if (length > 0 && text[end - 1] == '\r')
            {
                length--;
            }

            lines.Add((start, length));
            start = end + 1;
        }

        if (lines.Count == 0 || !text.AsSpan(lines[0].Start, lines[0].Length).SequenceEqual(PlacesHeader))
        {
            throw new InvalidDataException($"{path}: line 1 must be the header '{PlacesHeader.Replace("\t", "<TAB>")}'");
        }

        var parsed = new Place?[lines.Count];
        const int ChunkSize = 8192;
        try
        {
            Parallel.For(0, ((lines.Count - 1) / ChunkSize) + 1, chunk =>
            {
                var pool = new StringPool();
                var last = Math.Min(lines.Count, (chunk + 1) * ChunkSize);
                for (var i = Math.Max(1, chunk * ChunkSize); i < last; i++)
                {
                    if (lines[i].Length > 0)
                    {
                        parsed[i] = ParsePlace(path, i + 1, text.AsSpan(lines[i].Start, lines[i].Length), pool);
                    }
                }
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.All(x => x is InvalidDataException))
        {
            throw e.InnerExceptions.OfType<InvalidDataException>().First();
        }

        var places = new List<Place>(parsed.Length);
        foreach (var place in parsed)
        {
            if (place is not null)
            {
                places.Add(place);
            }
        }

        return places;
    }

    private static Place ParsePlace(string path, int lineNumber, ReadOnlySpan<char> span, StringPool pool)
    {
        Span<Range> ranges = stackalloc Range[12];
        var count = span.Split(ranges, '\t');
        if (count != 11)
        {
            throw new InvalidDataException($"{path}: line {lineNumber} has {count} columns, expected 11");
        }

        if (!PlaceKinds.TryParse(span[ranges[2]].ToString(), out var kind))
        {
            throw new InvalidDataException($"{path}: line {lineNumber}: unknown kind '{span[ranges[2]]}'");
        }

        if (!double.TryParse(span[ranges[6]], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            || !double.TryParse(span[ranges[7]], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon))
        {
            throw new InvalidDataException($"{path}: line {lineNumber}: latitude/longitude '{span[ranges[6]]}','{span[ranges[7]]}' are not numbers");
        }

        long? population = null;
        var populationText = span[ranges[8]];
        if (populationText.Length > 0)
        {
            population = long.TryParse(populationText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pop)
                ? pop
                : throw new InvalidDataException($"{path}: line {lineNumber}: population '{populationText}' is not a whole number");
        }

        var admin1 = span[ranges[4]];
        var admin1Id = span[ranges[5]];
        return new Place(
            span[ranges[0]].ToString(),
            span[ranges[1]].ToString(),
            kind,
            pool.Get(span[ranges[3]]),
            admin1.Length == 0 ? null : pool.Get(admin1),
            admin1Id.Length == 0 ? null : pool.Get(admin1Id),
            lat,
            lon,
            population,
            new AliasList(span[ranges[9]].ToString()),
            pool.Get(span[ranges[10]]));
    }

    public static void WriteCountries(string path, IEnumerable<CountryInfo> countries)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var lines = new List<string> { CountriesHeader };
        lines.AddRange(countries.Select(c => $"{c.Iso2}\t{c.Iso3}\t{c.Numeric}\t{Clean(c.Name)}"));
        File.WriteAllLines(path, lines, new UTF8Encoding(false));
    }

    public static List<CountryInfo> ReadCountries(string path)
    {
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        if (lines.Length == 0 || lines[0] != CountriesHeader)
        {
            throw new InvalidDataException($"{path}: line 1 must be the header '{CountriesHeader.Replace("\t", "<TAB>")}'");
        }

        var countries = new List<CountryInfo>(lines.Length);
        for (var i = 1; i < lines.Length; i++)
        {
            var f = lines[i].Split('\t');
            if (f.Length != 4)
            {
                throw new InvalidDataException($"{path}: line {i + 1} has {f.Length} columns, expected 4");
            }

            countries.Add(new CountryInfo(f[0], f[1], f[2], f[3]));
        }

        return countries;
    }

    /// <summary>One string per distinct country, admin-1 and source value instead of one per line.</summary>
    private sealed class StringPool
    {
        private readonly HashSet<string> _strings = new(StringComparer.Ordinal);

        public string Get(ReadOnlySpan<char> text)
        {
            var lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(text, out var existing))
            {
                return existing;
            }

            var created = text.ToString();
            _strings.Add(created);
            return created;
        }
    }

    private static string Clean(string text) =>
        text.Contains('\t') || text.Contains('\n') || text.Contains('\r')
            ? text.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ')
            : text;
}
