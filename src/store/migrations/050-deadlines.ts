// Cases assigned to staff members, each user's calendar feed (only a hash of its secret token is kept), and
// an index for finding the people with a deadline.
import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  for (const s of [
    sql`CREATE TABLE assignments (
      person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
      user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      assigned_by TEXT NOT NULL, assigned_at TEXT NOT NULL, PRIMARY KEY (person_id, user_id))`,
    sql`CREATE INDEX assignments_user ON assignments (user_id)`,
    // The deadlines view starts from the people with a stored deadline: read them off an index.
    sql`CREATE INDEX findings_severity ON findings (severity, person_id)`,
    sql`CREATE TABLE calendar_feeds (
      user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE, token_hash TEXT NOT NULL UNIQUE,
      names INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, last_read_at TEXT)`,
  ])
    await s.execute(db);
}
