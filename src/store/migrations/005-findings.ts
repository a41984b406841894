// Stored findings: the rule id and version that produced each, so a rule change shows what changed.
import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE findings (
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    rule TEXT NOT NULL, version INTEGER NOT NULL, key TEXT NOT NULL, severity TEXT NOT NULL,
    data TEXT NOT NULL, evaluated_at TEXT NOT NULL, PRIMARY KEY (person_id, key))`.execute(db);
  await sql`CREATE INDEX findings_rule ON findings (rule, severity)`.execute(db);
}
