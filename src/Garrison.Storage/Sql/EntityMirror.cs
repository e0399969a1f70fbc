using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Garrison.Domain.Records;
using Garrison.Storage.Resolution;

namespace Garrison.Storage.Sql;

/// <summary>The box a facility's coordinates are searched in.</summary>
internal sealed record Box(double LatLo, double LatHi, double LonLo, double LonHi)
{
    /// <summary>The box searched for a facility with coordinates, or null for any other entity.</summary>
    public static Box? Around(EntityRecord entity)
    {
        if (entity is not { Kind: EntityKind.Facility, Lat: { } lat, Lon: { } lon })
        {
            return null;
        }

        // A box a little wider than SameFacilityKm (1 degree of latitude is 111 km); the resolver measures exactly.
        var dLat = EntityResolver.SameFacilityKm / 100.0;
        var dLon = dLat / Math.Max(0.1, Math.Cos(lat * Math.PI / 180));
        return new Box(lat - dLat, lat + dLat, lon - dLon, lon + dLon);
    }

    public bool Contains(double lat, double lon) => lat >= LatLo && lat <= LatHi && lon >= LonLo && lon <= LonHi;
}

/// <summary>An entity as stored, with every alias key it has.</summary>
internal sealed record MirroredEntity(EntityRow Row, string NameKey, HashSet<string> AliasKeys)
{
    private EntityCandidate? candidate;

    /// <summary>
    /// The entity as the resolver compares it, built at its first resolution and again after <see cref="RowChanged"/>;
    /// its name keys are <see cref="AliasKeys"/> itself, so an alias added later is seen.
    /// </summary>
    public EntityCandidate Candidate => candidate ??=
        new EntityCandidate(Row.Id, Row.Name, VocabularyText.Parse<EntityKind>(Row.Kind), Row.Ref, Row.Country, Row.Lat, Row.Lon, AliasKeys);

    /// <summary>The row was filled in (<see cref="EntityMirror.Fill"/>): the candidate is built again.</summary>
    public void RowChanged() => candidate = null;
}

/// <summary>
/// The entities one write transaction has read or written, exactly as they are stored, so that resolving an entity
/// needs no query of its own: a batch loads the candidates of all its entities in a few queries, and every write to
/// <c>entities</c> and <c>entity_aliases</c> in the transaction goes through here too. What it answers is what the
/// query it replaces (entities sharing a name key, the reference, or, for facilities, the search box) would read:
/// once a key, reference or box is loaded, every stored entity it finds is held, and an entity can only gain that key,
/// reference or position through a write of this transaction, which updates the copy held. A document rolled back to
/// its savepoint may have undone writes, so the caller empties the mirror then and it loads again.
/// </summary>
internal sealed class EntityMirror(DbTransaction transaction, Func<DbCommand, string, IReadOnlyCollection<string>, string> textList)
{
    /// <summary>Values per IN list: well under SQLite's and PostgreSQL's parameter limits.</summary>
    private const int Chunk = 500;

    private readonly Dictionary<long, MirroredEntity> byId = [];
    private readonly Dictionary<string, HashSet<long>> byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<long>> byRef = new(StringComparer.Ordinal);
    private readonly HashSet<string> loadedKeys = new(StringComparer.Ordinal);
    private readonly HashSet<string> loadedRefs = new(StringComparer.Ordinal);
    private readonly HashSet<Box> loadedBoxes = [];

    // The facilities with a position by whole degree, for the box search: it read every entity held per facility
    // resolved (~7 % of writing a document). A box inside the globe's range only holds positions inside it, so a
    // position off it (or not a number) needs no cell; a box reaching off it is searched by reading every entity.
    private readonly Dictionary<(int Lat, int Lon), List<long>> facilityCells = [];

    /// <summary>True when nothing is held (a new batch, or after <see cref="Clear"/>).</summary>
    public bool IsEmpty => loadedKeys.Count == 0 && loadedRefs.Count == 0 && loadedBoxes.Count == 0;

    /// <summary>Reads the stored candidates of these entities that are not held yet: a few queries for any number.</summary>
    public Task LoadAsync(IEnumerable<EntityRecord> entities)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var refs = new HashSet<string>(StringComparer.Ordinal);
        var boxes = new HashSet<Box>();
        // A batch names the same entity in many reports: each distinct record's keys once (a name key per alias).
        var seen = new HashSet<EntityRecord>(EntityRecordContent.Instance);
        foreach (var entity in entities)
        {
            if (!seen.Add(entity))
            {
                continue;
            }

            keys.UnionWith(EntityResolver.Keys(entity));
            if (entity.Ref is { } reference)
            {
                refs.Add(reference);
            }

            if (Box.Around(entity) is { } box)
            {
                boxes.Add(box);
            }
        }

        return LoadMissingAsync(keys, refs, boxes);
    }

    /// <summary>Reads the stored candidates of one entity (its keys, reference and box) unless they are held.</summary>
    public Task LoadAsync(IReadOnlyList<string> keys, string? reference, Box? box)
    {
        if (keys.All(loadedKeys.Contains) && (reference is null || loadedRefs.Contains(reference)) && (box is null || loadedBoxes.Contains(box)))
        {
            return Task.CompletedTask;
        }

        return LoadMissingAsync(keys.ToHashSet(StringComparer.Ordinal), reference is null ? [] : [reference], box is null ? [] : [box]);
    }

    private async Task LoadMissingAsync(HashSet<string> keys, HashSet<string> refs, HashSet<Box> boxes)
    {
        keys.ExceptWith(loadedKeys);
        refs.ExceptWith(loadedRefs);
        boxes.ExceptWith(loadedBoxes);
        if (keys.Count == 0 && refs.Count == 0 && boxes.Count == 0)
        {
            return;
        }

        const string select = "SELECT e.id, e.name, e.name_key, e.kind, e.ref, e.admin1, e.country, e.lat, e.lon FROM entities e WHERE ";
        var rows = new List<EntityRow>();
        foreach (var chunk in keys.Chunk(Chunk))
        {
            await using var command = ListSql.Command(transaction);
            var list = textList(command, "k", chunk);
            command.CommandText = select + $"e.name_key IN {list} OR e.id IN (SELECT entity_id FROM entity_aliases WHERE alias_key IN {list})";
            await ReadEntitiesAsync(command, rows).ConfigureAwait(false);
        }

        foreach (var chunk in refs.Chunk(Chunk))
        {
            await using var command = ListSql.Command(transaction);
            command.CommandText = select + "e.ref IN " + textList(command, "r", chunk);
            await ReadEntitiesAsync(command, rows).ConfigureAwait(false);
        }

        foreach (var chunk in boxes.Chunk(Chunk / 4))
        {
            await using var command = ListSql.Command(transaction);
            var sql = new StringBuilder(select).Append("e.kind = 'facility' AND (");
            for (var i = 0; i < chunk.Length; i++)
            {
                sql.Append(CultureInfo.InvariantCulture,
                    $"{(i == 0 ? "" : " OR ")}(e.lat BETWEEN @latLo{i} AND @latHi{i} AND e.lon BETWEEN @lonLo{i} AND @lonHi{i})");
                ListSql.Add(command, $"@latLo{i}", DbType.Double, chunk[i].LatLo);
                ListSql.Add(command, $"@latHi{i}", DbType.Double, chunk[i].LatHi);
                ListSql.Add(command, $"@lonLo{i}", DbType.Double, chunk[i].LonLo);
                ListSql.Add(command, $"@lonHi{i}", DbType.Double, chunk[i].LonHi);
            }

            command.CommandText = sql.Append(')').ToString();
            await ReadEntitiesAsync(command, rows).ConfigureAwait(false);
        }

        // Entities already held are as stored (every write went through here); only the others are added.
        var fresh = rows.Where(r => !byId.ContainsKey(r.Id)).DistinctBy(r => r.Id).ToList();
        var aliases = new List<(long EntityId, string AliasKey)>();
        foreach (var chunk in fresh.Select(r => r.Id).Chunk(Chunk))
        {
            await using var command = ListSql.Command(transaction, "SELECT entity_id, alias_key FROM entity_aliases WHERE entity_id IN " + ListSql.Ids(chunk));
            await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                aliases.Add((reader.GetInt64(0), reader.GetString(1)));
            }
        }

        var aliasKeys = aliases.ToLookup(a => a.EntityId, a => a.AliasKey);
        foreach (var row in fresh)
        {
            Add(row, row.NameKey, aliasKeys[row.Id]);
        }

        loadedKeys.UnionWith(keys);
        loadedRefs.UnionWith(refs);
        loadedBoxes.UnionWith(boxes);
    }

    private static async Task ReadEntitiesAsync(DbCommand command, List<EntityRow> rows)
    {
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            rows.Add(new EntityRow
            {
                Id = reader.GetInt64(0),
                Name = reader.GetString(1),
                NameKey = reader.GetString(2),
                Kind = reader.GetString(3),
                Ref = ListSql.Text(reader, 4),
                Admin1 = ListSql.Text(reader, 5),
                Country = ListSql.Text(reader, 6),
                Lat = ListSql.Double(reader, 7),
                Lon = ListSql.Double(reader, 8),
            });
        }
    }

    /// <summary>
    /// The stored entities the resolver must compare <paramref name="entity"/> with: those with one of its keys as name
    /// key or alias key, its reference, or (a facility) a facility in its box. Its candidates must have been loaded.
    /// </summary>
    public IReadOnlyList<MirroredEntity> Candidates(EntityRecord entity, IReadOnlyList<string> keys, Box? box)
    {
        var ids = new List<long>();
        foreach (var key in keys)
        {
            if (byKey.TryGetValue(key, out var found))
            {
                ids.AddRange(found);
            }
        }

        if (entity.Ref is { } reference && byRef.TryGetValue(reference, out var referenced))
        {
            ids.AddRange(referenced);
        }

        if (box is not null)
        {
            AddFacilitiesIn(box, ids);
        }

        if (ids.Count == 0)
        {
            return [];
        }

        // Each id once, in id order.
        ids.Sort();
        var candidates = new List<MirroredEntity>(ids.Count);
        for (var i = 0; i < ids.Count; i++)
        {
            if (i == 0 || ids[i] != ids[i - 1])
            {
                candidates.Add(byId[ids[i]]);
            }
        }

        return candidates;
    }

    /// <summary>Adds the id of every facility held whose position is inside <paramref name="box"/>.</summary>
    private void AddFacilitiesIn(Box box, List<long> ids)
    {
        if (CellOf(box.LatLo, box.LonLo) is not { } low || CellOf(box.LatHi, box.LonHi) is not { } high)
        {
            // A box the grid cannot cover: every entity held is looked at, as the search always did.
            ids.AddRange(byId.Values.Where(e => IsFacilityIn(e.Row, box)).Select(e => e.Row.Id));
            return;
        }

        for (var lat = low.Lat; lat <= high.Lat; lat++)
        {
            for (var lon = low.Lon; lon <= high.Lon; lon++)
            {
                if (facilityCells.TryGetValue((lat, lon), out var cell))
                {
                    foreach (var id in cell)
                    {
                        if (IsFacilityIn(byId[id].Row, box))
                        {
                            ids.Add(id);
                        }
                    }
                }
            }
        }
    }

    private static bool IsFacilityIn(EntityRow row, Box box) => row is { Kind: "facility", Lat: { } lat, Lon: { } lon } && box.Contains(lat, lon);

    /// <summary>The whole-degree cell of a position on the globe, or null for one off it (or not a number).</summary>
    private static (int Lat, int Lon)? CellOf(double lat, double lon) =>
        lat is >= -90 and <= 90 && lon is >= -180 and <= 180 ? ((int)Math.Floor(lat), (int)Math.Floor(lon)) : null;

    /// <summary>Files entity <paramref name="row"/> for the box search once it is a facility with a position (it stays one).</summary>
    private void IndexFacility(EntityRow row)
    {
        if (row is { Kind: "facility", Lat: { } lat, Lon: { } lon } && CellOf(lat, lon) is { } cell)
        {
            if (!facilityCells.TryGetValue(cell, out var ids))
            {
                facilityCells[cell] = ids = [];
            }

            ids.Add(row.Id);
        }
    }

    /// <summary>An entity the transaction has just inserted, with the alias keys it was given.</summary>
    public void Add(EntityRow row, string nameKey, IEnumerable<string> aliasKeys)
    {
        byId[row.Id] = new MirroredEntity(row, nameKey, new HashSet<string>(StringComparer.Ordinal));
        Index(byKey, nameKey, row.Id);
        IndexFacility(row);
        if (row.Ref is { } reference)
        {
            Index(byRef, reference, row.Id);
        }

        foreach (var key in aliasKeys)
        {
            AddAlias(row.Id, key);
        }
    }

    /// <summary>An alias key the transaction has stored for entity <paramref name="id"/>.</summary>
    public void AddAlias(long id, string aliasKey)
    {
        byId[id].AliasKeys.Add(aliasKey);
        Index(byKey, aliasKey, id);
    }

    /// <summary>What the ingest's <c>UPDATE entities</c> did: it fills only the attributes the stored entity lacked.</summary>
    public void Fill(long id, string kind, string? reference, string? admin1, string? country, double? lat, double? lon)
    {
        var entity = byId[id];
        entity.RowChanged();
        var row = entity.Row;
        var wasFacilityWithPosition = row is { Kind: "facility", Lat: not null, Lon: not null };
        if (row.Kind == "unknown")
        {
            row.Kind = kind;
        }

        if (row.Ref is null && reference is not null)
        {
            row.Ref = reference;
            Index(byRef, reference, id);
        }

        row.Admin1 ??= admin1;
        row.Country ??= country;
        row.Lat ??= lat;
        row.Lon ??= lon;
        if (!wasFacilityWithPosition)
        {
            IndexFacility(row);
        }
    }

    /// <summary>Forgets everything (after a rollback to a savepoint, which may have undone writes held here).</summary>
    public void Clear()
    {
        byId.Clear();
        byKey.Clear();
        byRef.Clear();
        loadedKeys.Clear();
        loadedRefs.Clear();
        loadedBoxes.Clear();
        facilityCells.Clear();
    }

    private static void Index(Dictionary<string, HashSet<long>> index, string key, long id)
    {
        if (!index.TryGetValue(key, out var ids))
        {
            index[key] = ids = [];
        }

        ids.Add(id);
    }
}
