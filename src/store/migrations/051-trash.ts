// Soft deletion: a mistaken person or event moves out of the live tables into one row here (with who, when
// and why), so no read can see it, and an administrator can move it back whole.
import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  for (const s of [
    sql`CREATE TABLE deleted_records (
      id TEXT PRIMARY KEY, kind TEXT NOT NULL, record_id TEXT NOT NULL, person_id TEXT NOT NULL, team TEXT,
      reason TEXT NOT NULL, snapshot TEXT NOT NULL, deleted_at TEXT NOT NULL, deleted_by TEXT NOT NULL,
      restored_at TEXT, restored_by TEXT)`,
    sql`CREATE INDEX deleted_records_record ON deleted_records (record_id)`,
  ])
    await s.execute(db);
}
