// What accepting a proposal created (a person, an event, a merge log), so the acceptance can be undone.
import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE proposals ADD COLUMN created_id text`.execute(db);
}
