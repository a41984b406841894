// Evidence review: proposals from ingestion (links, new events, merges) and a reversible merge log.
import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE proposals (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, source_id TEXT REFERENCES sources(id), subject_id TEXT,
    payload TEXT NOT NULL, score REAL, status TEXT NOT NULL DEFAULT 'pending', reason TEXT,
    created_at TEXT NOT NULL, decided_at TEXT, decided_by TEXT)`.execute(db);
  await sql`CREATE INDEX proposals_status ON proposals (status, created_at)`.execute(db);
  await sql`CREATE INDEX proposals_source ON proposals (source_id)`.execute(db);
  await sql`CREATE TABLE merges (
    id TEXT PRIMARY KEY, kept_id TEXT NOT NULL, merged_id TEXT NOT NULL, snapshot TEXT NOT NULL,
    reason TEXT, merged_at TEXT NOT NULL, merged_by TEXT, undone_at TEXT, undone_by TEXT)`.execute(db);
  await sql`CREATE INDEX merges_kept ON merges (kept_id)`.execute(db);
}
