// Documents attached to a person, event, order or source: original bytes once per attachment, sealed when
// the record they belong to is private.
import { type Kysely, PostgresAdapter, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  const blob = db.getExecutor().adapter instanceof PostgresAdapter ? sql.raw("BYTEA") : sql.raw("BLOB");
  await sql`CREATE TABLE attachments (
    id TEXT PRIMARY KEY, subject_kind TEXT NOT NULL, subject_id TEXT NOT NULL, file_name TEXT NOT NULL,
    media_type TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL, captured_at TEXT NOT NULL,
    restricted INTEGER NOT NULL, bytes ${blob}, sealed TEXT, created_by TEXT NOT NULL)`.execute(db);
  await sql`CREATE INDEX attachments_subject ON attachments (subject_kind, subject_id)`.execute(db);
}
