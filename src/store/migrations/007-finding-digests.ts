// A digest of each stored finding, so a whole-record evaluation tells which people's findings changed
// without reading back every finding (a quarter of a gigabyte at 100,000 people). Rows written before
// this have none and count as changed once.
import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE findings ADD COLUMN digest TEXT`.execute(db);
}
