// National scale: a keyed index from (kind, ref) to the SQLite full-text row, so replacing one search entry
// is a lookup instead of a scan of the whole FTS table (250 ms a save at a million entries).
import { type Kysely, PostgresAdapter, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // Unused on PostgreSQL (search_docs has its own primary key), kept so both engines share one schema.
    await sql`CREATE TABLE search_refs (kind TEXT NOT NULL, ref TEXT NOT NULL, doc BIGINT NOT NULL,
      PRIMARY KEY (kind, ref))`.execute(db);
    return;
  }
  await sql`CREATE TABLE search_refs (kind TEXT NOT NULL, ref TEXT NOT NULL, doc INTEGER NOT NULL,
    PRIMARY KEY (kind, ref)) WITHOUT ROWID`.execute(db);
  await sql`INSERT OR REPLACE INTO search_refs (kind, ref, doc)
    SELECT kind, ref, rowid FROM search_docs ORDER BY rowid`.execute(db);
}
