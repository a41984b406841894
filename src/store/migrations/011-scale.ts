// National scale: a keyed index from (kind, ref) to the SQLite full-text row, so replacing one search entry
// is a lookup instead of a scan of the whole FTS table (250 ms a save at a million entries).
// (Named 007-scale until the migrations got unique names; see LEGACY_NAMES in index.ts.)
import { type Kysely, sql } from "kysely";
import { isPostgres, keyOnlyTable, rowRefType } from "../dialect.ts";

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  // Unused on PostgreSQL (search_docs has its own primary key), kept so both engines share one schema.
  await sql`CREATE TABLE search_refs (kind TEXT NOT NULL, ref TEXT NOT NULL, doc ${rowRefType(db)} NOT NULL,
    PRIMARY KEY (kind, ref))${keyOnlyTable(db)}`.execute(db);
  if (isPostgres(db)) return;
  await sql`INSERT OR REPLACE INTO search_refs (kind, ref, doc)
    SELECT kind, ref, rowid FROM search_docs ORDER BY rowid`.execute(db);
}
