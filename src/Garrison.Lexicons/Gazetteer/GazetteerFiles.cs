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

    // About 1 MB of text per block and eight blocks parsed at a time: enough to keep every core busy, little
    // enough that the file is never held whole.
    private const int BlockChars = 1 << 19;
    private const int BlocksPerGroup = 8;

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
    /// decompressed in blocks of whole lines and each group of blocks parsed in parallel: loading is on the
    /// start-up path of every command that reads names, and reading the whole text at once (34 MB of UTF-8, a
    /// 68 MB string plus the reader's growing copy of it) made loading the process's peak of memory.
    /// </summary>
    public static List<Place> ReadPlaces(string path)
    {
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream, Encoding.UTF8, false, 1 << 16);
        var header = reader.ReadLine();
        if (header is null || header.TrimEnd('\r') != PlacesHeader)
        {
            throw new InvalidDataException($"{path}: line 1 must be the header '{PlacesHeader.Replace("\t", "<TAB>")}'");
        }

        var places = new List<Place>(256 * 1024);
        var group = new List<LineBlock>(BlocksPerGroup);
        foreach (var block in LineBlocks(reader, firstLine: 2))
        {
            group.Add(block);
            if (group.Count == BlocksPerGroup)
            {
                ParseGroup(path, group, places);
                group.Clear();
            }
        }

        ParseGroup(path, group, places);
        return places;
    }

    /// <summary>Whole lines of the file, about <see cref="BlockChars"/> characters at a time, and the number of the first.</summary>
    private readonly record struct LineBlock(int FirstLine, string Text);

    private static IEnumerable<LineBlock> LineBlocks(TextReader reader, int firstLine)
    {
        var buffer = new char[BlockChars];
        var carry = string.Empty;
        int read;
        while ((read = reader.ReadBlock(buffer, 0, buffer.Length)) > 0)
        {
            var lastNewline = buffer.AsSpan(0, read).LastIndexOf('\n');
            if (lastNewline < 0)
            {
                carry = string.Concat(carry, buffer.AsSpan(0, read));
                continue;
            }

            var text = string.Concat(carry, buffer.AsSpan(0, lastNewline + 1));
            carry = new string(buffer, lastNewline + 1, read - lastNewline - 1);
            yield return new LineBlock(firstLine, text);
            firstLine += text.AsSpan().Count('\n');
        }

        if (carry.Length > 0)
        {
            yield return new LineBlock(firstLine, carry);
        }
    }

    private static void ParseGroup(string path, List<LineBlock> group, List<Place> places)
    {
        var parsed = new List<Place>[group.Count];
        try
        {
            Parallel.For(0, group.Count, i =>
            {
                var pool = new StringPool();
                var block = group[i];
                var list = new List<Place>(block.Text.Length / 100);
                var lineNumber = block.FirstLine;
                foreach (var range in block.Text.AsSpan().Split('\n'))
                {
                    var line = block.Text.AsSpan(range);
                    if (line.Length > 0 && line[^1] == '\r')
                    {
                        line = line[..^1];
                    }

                    if (line.Length > 0)
                    {
                        list.Add(ParsePlace(path, lineNumber, line, pool));
                    }

                    lineNumber++;
                }

                parsed[i] = list;
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.All(x => x is InvalidDataException))
        {
            throw e.InnerExceptions.OfType<InvalidDataException>().OrderBy(x => x.Message, StringComparer.Ordinal).First();
        }

        foreach (var list in parsed)
        {
            places.AddRange(list);
        }
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
