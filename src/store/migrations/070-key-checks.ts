// A key check value per encryption key: a known text sealed under the key, so a store can tell at open
// whether the configured key is the one its restricted fields are sealed with (store/keys.ts).
import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE key_checks (
    key_id TEXT PRIMARY KEY, check_value TEXT NOT NULL, created_at TEXT NOT NULL)`.execute(db);
}
