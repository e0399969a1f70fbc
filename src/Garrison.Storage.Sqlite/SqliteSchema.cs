namespace Garrison.Storage.Sqlite;

/// <summary>
/// The SQLite schema as numbered migrations. A database records the versions applied in <c>garrison_schema</c>;
/// opening applies the missing ones in one transaction and refuses a database newer than <see cref="Latest"/>.
/// Add a migration by appending to <see cref="Migrations"/>; never edit one that has shipped.
/// </summary>
internal static class SqliteSchema
{
    public static IReadOnlyList<string> Migrations { get; } =
    [
        // 1: documents, entities and aliases, events with participants, facts, evidence spans.
        """
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            doc_key TEXT NOT NULL UNIQUE,
            content_hash TEXT NOT NULL UNIQUE,
            published TEXT,
            published_day INTEGER,
            outlet TEXT,
            title TEXT,
            url TEXT,
            authors TEXT,
            path TEXT,
            header TEXT NOT NULL,
            body TEXT NOT NULL
        );
        CREATE TABLE entities (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL,
            kind TEXT NOT NULL,
            ref TEXT,
            admin1 TEXT,
            country TEXT,
            lat REAL,
            lon REAL
        );
        CREATE INDEX ix_entities_name_key ON entities (name_key);
        CREATE INDEX ix_entities_ref ON entities (ref);
        CREATE INDEX ix_entities_lat ON entities (lat);
        CREATE TABLE entity_aliases (
            entity_id INTEGER NOT NULL REFERENCES entities (id),
            alias TEXT NOT NULL,
            alias_key TEXT NOT NULL,
            PRIMARY KEY (entity_id, alias_key)
        );
        CREATE INDEX ix_entity_aliases_key ON entity_aliases (alias_key);
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents (id),
            ordinal INTEGER NOT NULL,
            type TEXT NOT NULL,
            status TEXT NOT NULL,
            date_from TEXT,
            date_to TEXT,
            date_approx INTEGER NOT NULL,
            from_day INTEGER,
            to_day INTEGER,
            place_id INTEGER REFERENCES entities (id),
            admin1 TEXT,
            country TEXT,
            killed TEXT,
            injured TEXT,
            quantity TEXT,
            attributed_to_id INTEGER REFERENCES entities (id),
            origin TEXT
        );
        CREATE INDEX ix_events_days ON events (from_day, to_day);
        CREATE INDEX ix_events_type ON events (type);
        CREATE INDEX ix_events_place ON events (place_id);
        CREATE INDEX ix_events_document ON events (document_id);
        CREATE TABLE event_participants (
            event_id INTEGER NOT NULL REFERENCES events (id),
            entity_id INTEGER NOT NULL REFERENCES entities (id),
            role TEXT NOT NULL,
            ordinal INTEGER NOT NULL,
            PRIMARY KEY (event_id, role, ordinal)
        );
        CREATE INDEX ix_event_participants_entity ON event_participants (entity_id);
        CREATE TABLE facts (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents (id),
            ordinal INTEGER NOT NULL,
            relation TEXT NOT NULL,
            subject_id INTEGER NOT NULL REFERENCES entities (id),
            object_id INTEGER REFERENCES entities (id),
            quantity TEXT,
            valid_from TEXT,
            valid_to TEXT,
            valid_approx INTEGER NOT NULL,
            from_day INTEGER,
            to_day INTEGER,
            attributed_to_id INTEGER REFERENCES entities (id),
            value TEXT,
            condition TEXT
        );
        CREATE INDEX ix_facts_relation ON facts (relation, subject_id, object_id);
        CREATE INDEX ix_facts_object ON facts (object_id);
        CREATE INDEX ix_facts_days ON facts (from_day, to_day);
        CREATE INDEX ix_facts_document ON facts (document_id);
        CREATE TABLE evidence (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents (id),
            event_id INTEGER REFERENCES events (id),
            fact_id INTEGER REFERENCES facts (id),
            span_start INTEGER NOT NULL,
            span_end INTEGER NOT NULL,
            text TEXT NOT NULL
        );
        CREATE INDEX ix_evidence_event ON evidence (event_id);
        CREATE INDEX ix_evidence_fact ON evidence (fact_id);
        CREATE INDEX ix_evidence_document ON evidence (document_id);
        """,

        // 2: holdings, the merged presence/control/troop-level intervals, kept up to date by ingest so that "what held
        // on D" is one indexed range query. Filled from the stored facts and events when a version-1 file is upgraded.
        """
        CREATE TABLE holdings (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            holder_id INTEGER NOT NULL REFERENCES entities (id),
            holder_name TEXT NOT NULL,
            place_id INTEGER NOT NULL REFERENCES entities (id),
            place_name TEXT NOT NULL,
            since TEXT,
            until TEXT,
            first_day INTEGER,
            last_day INTEGER,
            quantity TEXT,
            sources TEXT NOT NULL,
            fact_ids TEXT NOT NULL,
            event_ids TEXT NOT NULL
        );
        CREATE INDEX ix_holdings_days ON holdings (first_day, last_day);
        CREATE INDEX ix_holdings_last_day ON holdings (last_day);
        CREATE INDEX ix_holdings_place ON holdings (place_id);
        CREATE INDEX ix_holdings_holder ON holdings (holder_id);
        """,

        // 3: an R*Tree over each holding's [first_day, last_day] (open ends as 0 and 99999999), kept in step by triggers,
        // so "what held on D" visits only the holdings whose interval contains D. A b-tree on either end can bound only
        // one side: it read every holding that began before D (or ended after it), a share of the whole table.
        """
        CREATE VIRTUAL TABLE holdings_span USING rtree_i32 (id, lo, hi);
        INSERT INTO holdings_span (id, lo, hi) SELECT id, COALESCE(first_day, 0), COALESCE(last_day, 99999999) FROM holdings;
        CREATE TRIGGER holdings_span_insert AFTER INSERT ON holdings BEGIN
            INSERT INTO holdings_span (id, lo, hi) VALUES (new.id, COALESCE(new.first_day, 0), COALESCE(new.last_day, 99999999));
        END;
        CREATE TRIGGER holdings_span_update AFTER UPDATE OF first_day, last_day ON holdings BEGIN
            UPDATE holdings_span SET lo = COALESCE(new.first_day, 0), hi = COALESCE(new.last_day, 99999999) WHERE id = new.id;
        END;
        CREATE TRIGGER holdings_span_delete AFTER DELETE ON holdings BEGIN
            DELETE FROM holdings_span WHERE id = old.id;
        END;
        """,

        // 4: what a state answer shows of a holding, in plain columns, so a state query reads each row without parsing
        // JSON: the source ids in order, separated by U+001F (NULL when an id contains it: the reader then falls back to
        // `sources`), the latest source's dateline (day number) and the first fact id, which rank disputed troop
        // figures. Upgrading recomputes every holding (HoldingsRowVersion), which fills them.
        """
        ALTER TABLE holdings ADD COLUMN source_ids TEXT;
        ALTER TABLE holdings ADD COLUMN latest_source_day INTEGER;
        ALTER TABLE holdings ADD COLUMN first_fact_id INTEGER;
        """,

        // 5: the state index, one blob per calendar year of the state lines that can hold in it (StateYearIndex), with
        // the highest document id it was built at; written by the first state query of a year after a change, emptied
        // whenever the holdings are recomputed.
        """
        CREATE TABLE state_index (
            year INTEGER PRIMARY KEY,
            generation INTEGER NOT NULL,
            lines BLOB NOT NULL
        );
        """,

        // 6: indexes no query plan uses, dropped because ingest paid for them on every row (docs/storage.md, "Indexes"):
        // no query filters events or facts by document or facts by day, and the R*Tree of version 3 answers every
        // holdings date query. Documents, events and facts are never deleted, so no foreign-key check looks for their
        // children by document either. IF EXISTS: a file taken back to version 1 (the bench's seeder) runs 2 to 6 again.
        """
        DROP INDEX IF EXISTS ix_events_document;
        DROP INDEX IF EXISTS ix_facts_document;
        DROP INDEX IF EXISTS ix_facts_days;
        DROP INDEX IF EXISTS ix_holdings_days;
        DROP INDEX IF EXISTS ix_holdings_last_day;
        """,

        // 7: evidence spans in their event's or fact's row (Sql/EvidenceColumns.cs: "start:end" joined by commas, sorted,
        // and the texts end to end), and a document's distinct spans in its row, instead of an evidence table whose
        // rows and three indexes were ~40 % of the index entries ingest wrote. Moved over in the order readers showed
        // them (start, end, then stored order); a document's spans distinct and sorted as the document view lists them.
        """
        ALTER TABLE documents ADD COLUMN evidence_spans TEXT;
        ALTER TABLE events ADD COLUMN evidence_spans TEXT;
        ALTER TABLE events ADD COLUMN evidence_text TEXT;
        ALTER TABLE facts ADD COLUMN evidence_spans TEXT;
        ALTER TABLE facts ADD COLUMN evidence_text TEXT;
        UPDATE events SET evidence_spans = v.spans, evidence_text = v.texts
        FROM (SELECT event_id,
                     group_concat(span_start || ':' || span_end, ',' ORDER BY span_start, span_end, id) AS spans,
                     group_concat(text, '' ORDER BY span_start, span_end, id) AS texts
              FROM evidence WHERE event_id IS NOT NULL GROUP BY event_id) AS v
        WHERE v.event_id = events.id;
        UPDATE facts SET evidence_spans = v.spans, evidence_text = v.texts
        FROM (SELECT fact_id,
                     group_concat(span_start || ':' || span_end, ',' ORDER BY span_start, span_end, id) AS spans,
                     group_concat(text, '' ORDER BY span_start, span_end, id) AS texts
              FROM evidence WHERE fact_id IS NOT NULL GROUP BY fact_id) AS v
        WHERE v.fact_id = facts.id;
        UPDATE documents SET evidence_spans = v.spans
        FROM (SELECT document_id, group_concat(span_start || ':' || span_end, ',' ORDER BY span_start, span_end) AS spans
              FROM (SELECT DISTINCT document_id, span_start, span_end FROM evidence) GROUP BY document_id) AS v
        WHERE v.document_id = documents.id;
        DROP TABLE evidence;
        """,

        // 8: the R*Tree rows of new holdings written by the store itself, after each row (SqliteIntervalIndex), not by a
        // trigger. A statement that fires a trigger writing a virtual table runs with a statement journal (SQLite must be
        // able to undo it half way), so every holdings insert copied each page it touched first into that journal: ~10 of
        // ~30 µs per row. The update and delete triggers stay (rows are deleted many at a time, by one statement).
        """
        DROP TRIGGER IF EXISTS holdings_span_insert;
        """,
    ];

    /// <summary>
    /// The last version that changed what a holdings row stores (2 created the table, 4 added columns): upgrading a
    /// database from before it recomputes every holding from the stored facts and events.
    /// </summary>
    public const int HoldingsRowVersion = 4;

    public static int Latest => Migrations.Count;
}
