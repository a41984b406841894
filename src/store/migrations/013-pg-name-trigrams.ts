// PostgreSQL finds fuzzy name candidates the way SQLite does: from the rarest trigrams of the query in the
// name_trigrams postings (search.ts), not by ordering every name by pg_trgm distance. The GiST walk took
// 45 ms a query over 100,000 people, and the two engines now propose the same candidates. Self-contained:
// filling the postings needs the live name folding, so openStore (db.ts) rebuilds them once this has run.
// (Named 008-pg-name-trigrams until the migrations got unique names; see LEGACY_NAMES in index.ts.)
import { type Kysely, sql } from "kysely";
import { isPostgres } from "../dialect.ts";

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  // As on SQLite: postings go with their person, and are found by person when a name changes.
  await sql`ALTER TABLE name_trigrams ADD FOREIGN KEY (person_id) REFERENCES people(id) ON DELETE CASCADE`.execute(
    db,
  );
  await sql`CREATE INDEX name_trigrams_person ON name_trigrams (person_id)`.execute(db);
  await sql`DROP INDEX IF EXISTS people_search_trgm`.execute(db);
}
