// How many people each name trigram indexes, so a fuzzy query can lean on its rarest trigrams instead of
// aggregating the postings of very common ones (" jo", "ez ") over the whole country (SQLite; see search.ts).
// (Named 007-trigram-counts until the migrations got unique names; see LEGACY_NAMES in index.ts.)
import { type Kysely, sql } from "kysely";
import { isPostgres, keyOnlyTable } from "../dialect.ts";

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  // Unused on PostgreSQL (pg_trgm), kept so both engines share one schema.
  await sql`CREATE TABLE name_trigram_counts (trigram TEXT PRIMARY KEY, n INTEGER NOT NULL)${keyOnlyTable(db)}`.execute(
    db,
  );
  if (isPostgres(db)) return;
  await sql`INSERT INTO name_trigram_counts (trigram, n)
    SELECT trigram, count(*) FROM name_trigrams GROUP BY trigram`.execute(db);
}
