using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CsvHelper;
using Garrison.Domain.Records;
using Garrison.Storage;

namespace Garrison.Interchange.Import;

/// <summary>
/// Loads a CSV of events coded by others: each good row becomes one source document and one extraction record,
/// ingested through the store (idempotent by content hash, so a re-import adds nothing). Bad rows are reported
/// with file, line and reason and the rest still load. CsvHelper does the reading: BOM, CRLF, quoted fields with
/// embedded newlines.
/// </summary>
public abstract class CsvImporter
{
    /// <summary>How far apart (km) a place of the file and a known place of the same name may be and still be one place.</summary>
    public const double SamePlaceKm = 50;

    /// <summary>The --format name.</summary>
    public abstract string Format { get; }

    /// <summary>Columns without which no row can be read.</summary>
    protected abstract IReadOnlyList<string> RequiredColumns { get; }

    /// <summary>Turns one row into a document and record, or throws <see cref="MalformedRowException"/> saying why not.</summary>
    protected abstract ImportedRow ReadRow(CsvRow row, string path, string contentHash);

    public async Task<ImportSummary> ImportAsync(
        string path, IKnowledgeStore store, Action<ImportProblem>? report = null, CancellationToken cancellationToken = default)
    {
        var problems = new List<ImportProblem>();
        void Problem(int line, string reason)
        {
            var problem = new ImportProblem(path, line, reason);
            problems.Add(problem);
            report?.Invoke(problem);
        }

        var malformed = new List<CsvMalformedRecord>();
        var options = CsvReaderOptions.Default with
        {
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            OnMalformedRecord = malformed.Add,
        };

        await using var csv = CsvReader.FromFile(path, options);
        IReadOnlyList<string> header;
        try
        {
            header = csv.Headers.Select(h => h.Trim()).ToList();
        }
        catch (CsvFormatException e)
        {
            Problem(1, $"the header cannot be read: {e.Message}");
            return new ImportSummary(0, 0, problems);
        }

        if (header.Count == 0 || header.All(h => h.Length == 0))
        {
            Problem(1, "the file is empty: expected a header row");
            return new ImportSummary(0, 0, problems);
        }

        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            columns.TryAdd(header[i], i);
        }

        var missing = RequiredColumns.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            Problem(1, $"not a {Format} file: missing column(s) {string.Join(", ", missing)}");
            return new ImportSummary(0, 0, problems);
        }

        var directory = new EntityDirectory(store);
        int loaded = 0, known = 0;
        while (await csv.ReadAsync(cancellationToken))
        {
            ReportMalformed();
            var line = (int)csv.LineNumber;
            var fields = new string[csv.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = csv.GetString(i);
            }

            if (fields.Length != header.Count)
            {
                Problem(line, fields.Length < header.Count
                    ? $"missing columns: {fields.Length} field(s) where the header has {header.Count}"
                    : $"{fields.Length} fields where the header has {header.Count} (an unquoted comma?)");
                continue;
            }

            ImportedRow row;
            try
            {
                row = ReadRow(new CsvRow(columns, fields, line), path, ContentHash(header, fields));
            }
            catch (MalformedRowException e)
            {
                Problem(line, e.Message);
                continue;
            }

            var record = await MatchEntitiesAsync(row.Record, directory, cancellationToken);
            var outcome = await store.IngestAsync(row.Document, record, cancellationToken);
            if (outcome.Status == IngestStatus.AlreadyKnown)
            {
                known++;
            }
            else
            {
                loaded++;
            }
        }

        ReportMalformed();
        problems.Sort((a, b) => a.Line.CompareTo(b.Line));
        return new ImportSummary(loaded, known, problems);

        // CsvHelper skips rows with broken quoting and tells us here; they are reported in line order.
        void ReportMalformed()
        {
            foreach (var record in malformed)
            {
                Problem((int)record.LineNumber, $"malformed quoting ({Describe(record.Reason)})");
            }

            malformed.Clear();
        }
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "a quote inside an unquoted field",
        CsvMalformedReason.TextAfterClosingQuote => "text after a closing quote",
        CsvMalformedReason.UnterminatedQuote => "a quoted field that is never closed",
        CsvMalformedReason.LineBreakInQuotes => "a line break inside quotes",
        _ => reason.ToString(),
    };

    /// <summary>
    /// Hashes the row's values by column name, so the same row re-exported with CRLF, a BOM or other quoting
    /// is still recognised as already known.
    /// </summary>
    public static string ContentHash(IReadOnlyList<string> header, IReadOnlyList<string> fields)
    {
        var text = new StringBuilder();
        for (var i = 0; i < header.Count; i++)
        {
            text.Append(header[i].Trim()).Append('\u001F').Append(i < fields.Count ? fields[i].Replace("\r\n", "\n", StringComparison.Ordinal) : "").Append('\u001E');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// Renames the row's actors and places to the knowledge base's canonical names where one is known by that
    /// name or alias (places only if within <see cref="SamePlaceKm"/>), keeping the file's name as an alias.
    /// </summary>
    private static async Task<ExtractionRecord> MatchEntitiesAsync(ExtractionRecord record, EntityDirectory directory, CancellationToken cancellationToken)
    {
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        var entities = new List<EntityRecord>();
        foreach (var entity in record.Entities)
        {
            EntityRecord? known = null;
            foreach (var candidate in LookupNames(entity.Name))
            {
                known = await directory.FindAsync(candidate, cancellationToken);
                if (known is not null && AreCompatible(known.Kind, entity.Kind) && IsSamePlace(known, entity))
                {
                    break;
                }

                known = null;
            }

            if (known is null || string.Equals(known.Name, entity.Name, StringComparison.Ordinal))
            {
                entities.Add(known is null ? entity : Merge(known, entity));
                continue;
            }

            renames[entity.Name] = known.Name;
            entities.Add(Merge(known, entity));
        }

        if (renames.Count == 0)
        {
            return record with { Entities = entities };
        }

        string Rename(string name) => renames.GetValueOrDefault(name, name);
        var events = record.Events.Select(e => e with
        {
            Actors = e.Actors.Select(Rename).ToList(),
            Targets = e.Targets.Select(Rename).ToList(),
            Place = e.Place is null ? null : Rename(e.Place),
        }).ToList();
        return record with { Entities = entities, Events = events };
    }

    private static EntityRecord Merge(EntityRecord known, EntityRecord incoming) =>
        new(known.Name, known.Kind == EntityKind.Unknown ? incoming.Kind : known.Kind,
            known.Aliases.Append(incoming.Name).Where(a => !string.Equals(a, known.Name, StringComparison.Ordinal)).Distinct().ToList(),
            known.Admin1 ?? incoming.Admin1, known.Country ?? incoming.Country, known.Lat ?? incoming.Lat, known.Lon ?? incoming.Lon)
        {
            Ref = known.Ref ?? incoming.Ref,
        };

    /// <summary>ACLED names carry a period or country in brackets ("Military Forces of Iraq (2022-)"); try without it too.</summary>
    private static IEnumerable<string> LookupNames(string name)
    {
        yield return name;
        var bracket = name.IndexOf(" (", StringComparison.Ordinal);
        if (bracket > 0 && name.EndsWith(')'))
        {
            yield return name[..bracket];
        }
    }

    private static bool IsPlaceKind(EntityKind kind) =>
        kind is EntityKind.Place or EntityKind.Facility or EntityKind.Province or EntityKind.Region or EntityKind.Country;

    /// <summary>A place never stands for an actor of the same name, nor an actor for a place; a country may be either.</summary>
    private static bool AreCompatible(EntityKind known, EntityKind incoming) =>
        known == EntityKind.Country || incoming == EntityKind.Country || known == EntityKind.Unknown ||
        IsPlaceKind(known) == IsPlaceKind(incoming);

    private static bool IsSamePlace(EntityRecord known, EntityRecord incoming)
    {
        if (known.Lat is not { } lat1 || known.Lon is not { } lon1 || incoming.Lat is not { } lat2 || incoming.Lon is not { } lon2)
        {
            return true;
        }

        return DistanceKm(lat1, lon1, lat2, lon2) <= SamePlaceKm;
    }

    /// <summary>Great-circle distance (haversine), enough to tell two towns of one name apart.</summary>
    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(lat2 - lat1);
        var dLon = Radians(lon2 - lon1);
        var a = Math.Pow(Math.Sin(dLat / 2), 2) + (Math.Cos(Radians(lat1)) * Math.Cos(Radians(lat2)) * Math.Pow(Math.Sin(dLon / 2), 2));
        return 6371 * 2 * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    // Shared field readers for subclasses: each throws a MalformedRowException naming the column.
    protected static string RequireText(CsvRow row, string column) =>
        row.Text(column) is { Length: > 0 } text ? text : throw new MalformedRowException($"{column} is empty");

    protected static (double Lat, double Lon)? ReadCoordinates(CsvRow row, string latColumn, string lonColumn)
    {
        var latText = row.Text(latColumn);
        var lonText = row.Text(lonColumn);
        if (latText.Length == 0 && lonText.Length == 0)
        {
            return null;
        }

        if (!double.TryParse(latText, NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) ||
            !double.TryParse(lonText, NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) ||
            !double.IsFinite(lat) || !double.IsFinite(lon) || lat is < -90 or > 90 || lon is < -180 or > 180)
        {
            throw new MalformedRowException($"bad coordinates: {latColumn} '{latText}', {lonColumn} '{lonText}'");
        }

        return (lat, lon);
    }

    protected static long ReadCount(CsvRow row, string column, bool required)
    {
        var text = row.Text(column);
        if (text.Length == 0 && !required)
        {
            return 0;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new MalformedRowException($"bad {column} '{text}': expected a whole number");
    }
}
