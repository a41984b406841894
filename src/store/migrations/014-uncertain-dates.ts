// Dates stated honestly: an event or order whose date is unknown records the range it lies in; its instant
// is the range's start (precision "unknown") and this column holds the range's end.
import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE events ADD COLUMN at_latest TEXT`.execute(db);
  await sql`ALTER TABLE court_orders ADD COLUMN issued_latest TEXT`.execute(db);
}
