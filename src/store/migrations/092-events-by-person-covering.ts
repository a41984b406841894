// A person's events by time, with what the public dashboard's aggregates read of each (id, type, facility,
// country) in the index itself: its last custody event, the facilities it was held in and the newest events
// of the public were read row by row from the events table (~20,000 rows each, spread over its pages at
// 100,000 people); now from the index alone. The new index has the old one's columns first, so every
// reader of events_person_at is served as before.
import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS events_person_at_cover ON events (person_id, at, id, type, facility_id, country)`.execute(
    db,
  );
  await sql`DROP INDEX IF EXISTS events_person_at`.execute(db);
}
