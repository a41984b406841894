// PostgreSQL finds fuzzy name candidates the way SQLite does: from the rarest trigrams of the query in the
// name_trigrams postings (search.ts), not by ordering every name by pg_trgm distance. The GiST walk took
// 45 ms a query over 100,000 people, and the two engines now propose the same candidates.
import { type Kysely, PostgresAdapter, sql } from "kysely";
import { rebuildNameTrigrams, refreshPlannerStatistics } from "../bulk.ts";

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  // As on SQLite: postings go with their person, and are found by person when a name changes.
  await sql`ALTER TABLE name_trigrams ADD FOREIGN KEY (person_id) REFERENCES people(id) ON DELETE CASCADE`.execute(
    db,
  );
  await sql`CREATE INDEX name_trigrams_person ON name_trigrams (person_id)`.execute(db);
  await sql`DROP INDEX IF EXISTS people_search_trgm`.execute(db);
  await rebuildNameTrigrams(db);
  await refreshPlannerStatistics(db);
}
