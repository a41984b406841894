// One digest of each person's findings as last evaluated, so a whole-record evaluation compares one value a
// person (100,000 rows read at national scale) instead of every finding's (364,000), and digests one string a
// person instead of one a finding. People without a row count as changed once, on the next evaluation.
import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE finding_sets (
    person_id TEXT PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    digest TEXT NOT NULL, evaluated_at TEXT NOT NULL)`.execute(db);
  // The per-finding digests of migration 007, which this replaces.
  await sql`ALTER TABLE findings DROP COLUMN digest`.execute(db);
}
