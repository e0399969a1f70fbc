using System.Globalization;
using Garrison.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Garrison.Cli.Bench;

/// <summary>What the state bench's synthetic archive looks like (docs/bench.md, "State: what the seeder models").</summary>
public enum StateShape
{
    /// <summary>Reports sampled from a bounded world (<see cref="WorldArchive"/>): the default.</summary>
    World,

    /// <summary>Session 3's shape: pairs and open claims grow with the base, about a tenth of all holdings hold on any day.</summary>
    Uniform,
}

/// <summary>
/// Fills a fresh knowledge base with synthetic temporal facts (present_at, controls, troop_level) for the state-query
/// bench. Reading and ingesting 10^6 facts would take hours; the state query only needs the rows, so facts are written
/// straight into the schema's tables with prepared statements in one transaction, then the store's own upgrade path
/// recomputes the holdings (merged intervals) from them. The store creates the schema first.
/// </summary>
internal static class StateSeeder
{
    private const int UniformFactsPerDocument = 50;

    public static async Task SeedAsync(string path, int facts, int seed, StateShape shape, CancellationToken cancellationToken)
    {
        if (SqliteKnowledgeStore.SchemaVersion != 8)
        {
            throw new InvalidOperationException(
                $"the state seeder writes schema 8 and rebuilds holdings by re-running migrations 2 to 8; the store is at schema {SqliteKnowledgeStore.SchemaVersion}: update Bench/StateSeeder.cs");
        }

        await (await SqliteKnowledgeStore.OpenAsync(path, cancellationToken).ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous = OFF;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        using var entity = Prepare(connection, transaction,
            "INSERT INTO entities (id, name, name_key, kind) VALUES ($id, $name, $key, $kind)", "$id", "$name", "$key", "$kind");
        using var document = Prepare(connection, transaction,
            "INSERT INTO documents (id, doc_key, content_hash, published, published_day, header, body) VALUES ($id, $key, $hash, $pub, $day, '', '')",
            "$id", "$key", "$hash", "$pub", "$day");
        using var fact = Prepare(connection, transaction, """
            INSERT INTO facts (document_id, ordinal, relation, subject_id, object_id, quantity, valid_from, valid_to, valid_approx, from_day, to_day)
            VALUES ($doc, $ordinal, $relation, $subject, $object, $quantity, $from, $to, 0, $fromDay, $toDay)
            """, "$doc", "$ordinal", "$relation", "$subject", "$object", "$quantity", "$from", "$to", "$fromDay", "$toDay");
        var writer = new SeedWriter(entity, document, fact);
        if (shape == StateShape.World)
        {
            WorldArchive.Write(writer, facts, seed, cancellationToken);
        }
        else
        {
            WriteUniform(writer, facts, seed, cancellationToken);
        }

        // The state query reads the holdings table (schema 2) through its interval index (schema 3) and its state columns
        // (schema 4), which ingest keeps current, and the state index (schema 5), which state queries fill. Dropping them and
        // marking the file as version 1 makes the next open run the store's own upgrade (2 to 8; 6 drops indexes again
        // where they exist, as those 2 creates on holdings do; 7 needs version 1's evidence table back and its own columns
        // gone, and moves no spans since the seeded facts have none; 8 drops the R*Tree trigger 3 creates, and the
        // upgrade fills the R*Tree from the rebuilt rows), which recomputes every holding
        // from the facts with the store's merge rules: the holdings are exactly what ingesting such facts would have
        // produced, and the state index starts empty, as after an ingest.
        using (var downgrade = connection.CreateCommand())
        {
            downgrade.Transaction = transaction;
            downgrade.CommandText = """
                DROP TABLE holdings; DROP TABLE holdings_span; DROP TABLE state_index; DELETE FROM garrison_schema WHERE version >= 2;
                ALTER TABLE documents DROP COLUMN evidence_spans; ALTER TABLE events DROP COLUMN evidence_spans;
                ALTER TABLE events DROP COLUMN evidence_text; ALTER TABLE facts DROP COLUMN evidence_spans;
                ALTER TABLE facts DROP COLUMN evidence_text;
                CREATE TABLE evidence (id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL, event_id INTEGER, fact_id INTEGER,
                    span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, text TEXT NOT NULL);
                """;
            await downgrade.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        SqliteConnection.ClearPool(connection);
        await connection.CloseAsync().ConfigureAwait(false);
        await (await SqliteKnowledgeStore.OpenAsync(path, cancellationToken).ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Session 3's shape, kept to compare with: enough holders and places that holdings rarely merge (about one pair per
    /// five facts, so the world grows with the archive), dates uniform over 25 years, a third of the claims open-ended:
    /// about a tenth of all holdings hold on any day.
    /// </summary>
    private static void WriteUniform(SeedWriter writer, int facts, int seed, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        var holders = Math.Max(10, (int)Math.Sqrt(facts / 5.0));
        var places = Math.Max(10, facts / 5 / holders);
        for (var i = 1; i <= holders + places; i++)
        {
            var isHolder = i <= holders;
            writer.Entity(i, isHolder ? $"Bench force {i}" : $"Bench place {i - holders}", isHolder ? "force" : "place");
        }

        var start = new LocalDate(2000, 1, 1);
        for (var i = 0; i < facts; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (i % UniformFactsPerDocument == 0)
            {
                writer.Document(start.PlusDays(random.Next(0, 365 * 26)));
            }

            var relation = random.Next(3) switch { 0 => "present_at", 1 => "controls", _ => "troop_level" };
            var from = start.PlusDays(random.Next(0, 365 * 25));
            LocalDate? to = random.Next(3) == 0 ? null : from.PlusDays(random.Next(1, 900));
            long? quantity = relation == "troop_level" ? random.Next(1, 400) * 25 : null;
            writer.Fact(relation, 1 + random.Next(holders), 1 + holders + random.Next(places), quantity, from, to);
        }
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }
}

/// <summary>Writes entities, documents and facts through the seeder's prepared inserts, numbering documents and facts.</summary>
internal sealed class SeedWriter(SqliteCommand entity, SqliteCommand document, SqliteCommand fact)
{
    private int documentId;
    private int ordinal;

    public void Entity(int id, string name, string kind) => Run(entity, id, name, name.ToLowerInvariant(), kind);

    /// <summary>Starts a new report published on <paramref name="published"/>; the facts that follow belong to it.</summary>
    public void Document(LocalDate published)
    {
        documentId++;
        ordinal = 0;
        Run(document, documentId, $"seed-{documentId:D7}", $"{documentId:x16}", Iso(published), DayNumber(published));
    }

    /// <summary>A claim of the current report; no dates means "true as the report is written".</summary>
    public void Fact(string relation, int subject, int place, long? quantity, LocalDate? from, LocalDate? to) =>
        Run(fact, documentId, ordinal++, relation, subject, place, quantity is { } q ? $"{{\"value\":{q}}}" : null,
            from is { } f ? Iso(f) : null, to is { } t ? Iso(t) : null, from is { } fd ? DayNumber(fd) : null, to is { } td ? DayNumber(td) : null);

    private static string Iso(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static long DayNumber(LocalDate date) => (date.Year * 10000L) + (date.Month * 100L) + date.Day;

    private static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }
}
