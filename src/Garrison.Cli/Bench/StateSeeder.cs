using System.Globalization;
using Garrison.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Garrison.Cli.Bench;

/// <summary>
/// Fills a fresh knowledge base with synthetic temporal facts (present_at, controls, troop_level) for the state-query
/// bench. Reading and ingesting 10^6 facts would take hours; the state query only needs the rows, so facts are written
/// straight into the schema's tables with prepared statements in one transaction, then the store's own upgrade path
/// recomputes the holdings (merged intervals) from them. The store creates the schema first.
/// </summary>
internal static class StateSeeder
{
    private const int FactsPerDocument = 50;

    public static async Task SeedAsync(string path, int facts, int seed, CancellationToken cancellationToken)
    {
        if (SqliteKnowledgeStore.SchemaVersion != 4)
        {
            throw new InvalidOperationException(
                $"the state seeder writes schema 4 and rebuilds holdings by re-running migrations 2 to 4; the store is at schema {SqliteKnowledgeStore.SchemaVersion}: update Bench/StateSeeder.cs");
        }

        await (await SqliteKnowledgeStore.OpenAsync(path, cancellationToken).ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        var random = new Random(seed);
        // Enough holders and places that holdings rarely merge: about one (holder, place) pair per five facts.
        var holders = Math.Max(10, (int)Math.Sqrt(facts / 5.0));
        var places = Math.Max(10, facts / 5 / holders);
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
        for (var i = 1; i <= holders + places; i++)
        {
            var isHolder = i <= holders;
            var name = isHolder ? $"Bench force {i}" : $"Bench place {i - holders}";
            Run(entity, i, name, name.ToLowerInvariant(), isHolder ? "force" : "place");
        }

        using var document = Prepare(connection, transaction,
            "INSERT INTO documents (id, doc_key, content_hash, published, published_day, header, body) VALUES ($id, $key, $hash, $pub, $day, '', '')",
            "$id", "$key", "$hash", "$pub", "$day");
        using var fact = Prepare(connection, transaction, """
            INSERT INTO facts (document_id, ordinal, relation, subject_id, object_id, quantity, valid_from, valid_to, valid_approx, from_day, to_day)
            VALUES ($doc, $ordinal, $relation, $subject, $object, $quantity, $from, $to, 0, $fromDay, $toDay)
            """, "$doc", "$ordinal", "$relation", "$subject", "$object", "$quantity", "$from", "$to", "$fromDay", "$toDay");
        var start = new LocalDate(2000, 1, 1);
        var documentId = 0;
        for (var i = 0; i < facts; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (i % FactsPerDocument == 0)
            {
                documentId++;
                var published = start.PlusDays(random.Next(0, 365 * 26));
                Run(document, documentId, $"seed-{documentId:D7}", $"{documentId:x16}", Iso(published), DayNumber(published));
            }

            var relation = random.Next(3) switch { 0 => "present_at", 1 => "controls", _ => "troop_level" };
            var from = start.PlusDays(random.Next(0, 365 * 25));
            LocalDate? to = random.Next(3) == 0 ? null : from.PlusDays(random.Next(1, 900));
            var quantity = relation == "troop_level" ? $"{{\"value\":{random.Next(1, 400) * 25}}}" : null;
            Run(fact, documentId, i % FactsPerDocument, relation, 1 + random.Next(holders), 1 + holders + random.Next(places), quantity,
                Iso(from), to is { } t ? Iso(t) : null, DayNumber(from), to is { } d ? DayNumber(d) : null);
        }

        // The state query reads the holdings table (schema 2) through its interval index (schema 3), which ingest keeps
        // current. Dropping both and marking the file as version 1 makes the next open run the store's own upgrade, which
        // recomputes every holding from the facts with the store's merge rules: the holdings are exactly what ingesting
        // such facts would have produced.
        using (var downgrade = connection.CreateCommand())
        {
            downgrade.Transaction = transaction;
            downgrade.CommandText = "DROP TABLE holdings; DROP TABLE holdings_span; DELETE FROM garrison_schema WHERE version >= 2;";
            await downgrade.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        SqliteConnection.ClearPool(connection);
        await connection.CloseAsync().ConfigureAwait(false);
        await (await SqliteKnowledgeStore.OpenAsync(path, cancellationToken).ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
    }

    private static string Iso(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static long DayNumber(LocalDate date) => (date.Year * 10000L) + (date.Month * 100L) + date.Day;

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

    private static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }
}
