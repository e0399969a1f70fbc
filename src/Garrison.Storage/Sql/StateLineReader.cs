using System.Data;
using System.Data.Common;
using Garrison.Domain.Dates;
using Garrison.Domain.Quantities;
using Garrison.Domain.Records;
using Garrison.Storage.Temporal;
using NodaTime;

namespace Garrison.Storage.Sql;

/// <summary>
/// Reads the holdings rows of a state answer as <see cref="StateLine"/>s with a plain data reader. A state answer can
/// be thousands of rows, so each row costs only its column reads: the source ids come from the plain
/// <c>source_ids</c> column (schema 4), ranking keys from <c>latest_source_day</c> and <c>first_fact_id</c>, and
/// what repeats across rows (entities, dates, figures) is built once per answer. Nothing is parsed as JSON unless a
/// source id contains <see cref="Separator"/>, where the row falls back to its <c>sources</c> column.
/// </summary>
internal sealed class StateLineReader
{
    /// <summary>Separates the ids in <c>holdings.source_ids</c> (the ASCII unit separator, never part of a file name in practice).</summary>
    public const char Separator = '\u001f';

    /// <summary>
    /// NULLs come back as '' or 0 (no stored date, day number or id is empty or 0): a provider's null test is a call into
    /// the driver per column, a measurable share of a row's cost. Only <c>source_ids</c> is tested.
    /// </summary>
    private const string Select = """
        SELECT kind, holder_id, holder_name, place_id, place_name, COALESCE(since, ''), COALESCE(until, ''),
               COALESCE(first_day, 0), COALESCE(last_day, 0), COALESCE(quantity, ''), source_ids,
               COALESCE(latest_source_day, 0), COALESCE(first_fact_id, 0), CASE WHEN source_ids IS NULL THEN sources END AS sources
        FROM holdings WHERE
        """;

    private readonly Dictionary<long, EntityRef> entities = [];
    private readonly Dictionary<string, PartialDate> dates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Quantity> quantities = new(StringComparer.Ordinal);
    private readonly HoldingColumns fallback = new();

    /// <summary>The <c>source_ids</c> value for these sources: their ids in order, or null when an id contains the separator.</summary>
    public static string? SourceIds(IReadOnlyList<DocumentRef> sources)
    {
        // Written for every holdings row ingest adds: a loop and one join, no iterator.
        var ids = new string[sources.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = sources[i].Id;
            if (ids[i].Contains(Separator, StringComparison.Ordinal))
            {
                return null;
            }
        }

        return string.Join(Separator, ids);
    }

    /// <summary>
    /// The holdings matching <paramref name="where"/> (SQL over the holdings table, with the integer
    /// <paramref name="parameters"/>), as lines in the order of <see cref="TemporalRules.Order"/> over their holdings.
    /// </summary>
    public static async Task<List<StateLine>> ReadAsync(DbTransaction transaction, string where, IEnumerable<(string Name, long Value)> parameters,
        CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Select + " " + where;
        foreach (var (name, value) in parameters)
        {
            var argument = command.CreateParameter();
            argument.ParameterName = name;
            argument.DbType = DbType.Int64;
            argument.Value = value;
            command.Parameters.Add(argument);
        }

        var columns = new StateLineReader();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return columns.Sorted(columns.ReadAll(reader, cancellationToken));
    }

    /// <summary>
    /// The rows, read synchronously: SQLite reads in process (its <c>ReadAsync</c> is <c>Read</c>), and Npgsql allows a
    /// synchronous read after an asynchronous execute, so the per-row loop need not be an async state machine.
    /// </summary>
    private List<StateLine> ReadAll(DbDataReader reader, CancellationToken cancellationToken)
    {
        var lines = new List<StateLine>();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            lines.Add(Line(reader));
        }

        return lines;
    }

    /// <summary>
    /// The lines in the order of <see cref="TemporalRules.Order"/> (kind, holder name, place name, start, figure, holder
    /// id, place id, first fact id; keep the two in step). Names are compared once, to rank the answer's entities; the
    /// lines are then sorted on numbers alone (equal names get equal ranks, so the order is the same).
    /// </summary>
    private List<StateLine> Sorted(List<StateLine> lines)
    {
        var byName = entities.Values.ToArray();
        Array.Sort(byName, (a, b) => string.CompareOrdinal(a.Name, b.Name));
        var rank = new Dictionary<EntityRef, int>(byName.Length, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < byName.Length; i++)
        {
            rank[byName[i]] = i > 0 && string.Equals(byName[i].Name, byName[i - 1].Name, StringComparison.Ordinal) ? rank[byName[i - 1]] : i;
        }

        var keys = new SortKey[lines.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            var line = lines[i];
            keys[i] = new SortKey(((long)line.Kind << 48) | ((long)rank[line.Holder] << 24) | (uint)rank[line.Place],
                line.FirstDay is { } first ? DayNumber(first) : 0, line.Quantity?.BestEstimate, line.Holder.Id, line.Place.Id, line.FirstFactId, i);
        }

        Array.Sort(keys);
        return [.. keys.Select(k => lines[k.Index])];
    }

    private static long DayNumber(LocalDate date) => (date.Year * 10000L) + (date.Month * 100L) + date.Day;

    /// <summary>The order's keys as numbers: kind and name ranks packed, start (0 when open), figure, ids.</summary>
    private readonly record struct SortKey(long Names, long FirstDay, long? Estimate, long HolderId, long PlaceId, long FirstFactId, int Index)
        : IComparable<SortKey>
    {
        public int CompareTo(SortKey other)
        {
            var c = Names.CompareTo(other.Names);
            if (c == 0)
            {
                c = FirstDay.CompareTo(other.FirstDay);
            }

            if (c == 0)
            {
                c = Nullable.Compare(Estimate, other.Estimate);
            }

            if (c == 0)
            {
                c = HolderId.CompareTo(other.HolderId);
            }

            if (c == 0)
            {
                c = PlaceId.CompareTo(other.PlaceId);
            }

            return c != 0 ? c : FirstFactId.CompareTo(other.FirstFactId);
        }
    }

    private StateLine Line(DbDataReader row)
    {
        var kind = row.GetString(0) switch
        {
            "presence" => HoldingKind.Presence,
            "control" => HoldingKind.Control,
            var other => VocabularyText.Parse<HoldingKind>(other),
        };
        IReadOnlyList<string> sourceIds;
        LocalDate? latest;
        if (row.IsDBNull(10))
        {
            var sources = fallback.Sources(row.GetString(13));
            sourceIds = [.. sources.Select(s => s.Id)];
            latest = StateLine.LatestDay(sources);
        }
        else
        {
            sourceIds = row.GetString(10).Split(Separator);
            latest = Day(row, 11);
        }

        return new StateLine(kind, Entity(row, 1, 2), Entity(row, 3, 4), Date(row, 5), Date(row, 6), Day(row, 7), Day(row, 8),
            QuantityOf(row.GetString(9)), sourceIds, latest, row.GetInt64(12));
    }

    /// <summary>An entity's name is read once per answer: a stored entity keeps its first canonical name.</summary>
    private EntityRef Entity(DbDataReader row, int idColumn, int nameColumn)
    {
        var id = row.GetInt64(idColumn);
        if (!entities.TryGetValue(id, out var entity))
        {
            entity = new EntityRef(id, row.GetString(nameColumn));
            entities[id] = entity;
        }

        return entity;
    }

    private PartialDate? Date(DbDataReader row, int column)
    {
        var text = row.GetString(column);
        if (text.Length == 0)
        {
            return null;
        }

        if (!dates.TryGetValue(text, out var date))
        {
            date = PartialDate.Parse(text);
            dates[text] = date;
        }

        return date;
    }

    private Quantity? QuantityOf(string json)
    {
        if (json.Length == 0)
        {
            return null;
        }

        if (!quantities.TryGetValue(json, out var quantity))
        {
            quantity = RecordJson.Deserialize<Quantity>(json) ?? throw new InvalidDataException($"holdings.quantity: not a quantity: {json}");
            quantities[json] = quantity;
        }

        return quantity;
    }

    private static LocalDate? Day(DbDataReader row, int column)
    {
        var day = row.GetInt64(column);
        return day == 0 ? null : new LocalDate((int)(day / 10000), (int)(day / 100 % 100), (int)(day % 100));
    }
}
