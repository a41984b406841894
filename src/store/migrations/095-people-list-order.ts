// The people list in its order (kind, groups first; name; id) with what narrows it to a viewer (is_public,
// team) in one index: a page of /people or /api/people walked 100,000 people and sorted them for each request
// (~28 ms), and a staff member's count read every row (~21–27 ms); from this index 1.5–2.8 ms and ~4 ms
// (docs/BENCHMARKS.md).
import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS people_list ON people (kind DESC, full_name, id, is_public, team)`.execute(
    db,
  );
}
