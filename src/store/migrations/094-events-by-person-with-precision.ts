// A person's events by time with each one's precision in the index too: what an order's compliance reads of
// the events of everyone it covers (id, type, time and its precision; store/events.ts eventStampsForPeople)
// then comes from the index alone. Without the precision every one of those events was also read from the
// events table: half the statement's time for the dashboard's orders at 100,000 people (docs/BENCHMARKS.md).
// The new index has the old one's columns first, so every reader of events_person_at_cover is served as before.
import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS events_person_cover
    ON events (person_id, at, id, type, facility_id, country, precision)`.execute(db);
  await sql`DROP INDEX IF EXISTS events_person_at_cover`.execute(db);
}
