// Public people with what the public dashboard counts of each (id, group size, kind, citizenship status,
// nationalities) in an index of their own: every dashboard figure starts from the public people
// (is_public = 1) and read each one's row from the people table (2,000 rows spread over a 100,000-person
// table's pages, in each of four statements); now from the index alone. people_public (is_public, full_name)
// stays: the public list is read in name order from it.
import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS people_public_figures
    ON people (is_public, id, group_size, kind, citizenship_status, nationalities)`.execute(db);
}
