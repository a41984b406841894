// How many people each name trigram indexes, so a fuzzy query can lean on its rarest trigrams instead of
// aggregating the postings of very common ones (" jo", "ez ") over the whole country (SQLite; see search.ts).
import { type Kysely, PostgresAdapter, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // Unused on PostgreSQL (pg_trgm), kept so both engines share one schema.
    await sql`CREATE TABLE name_trigram_counts (trigram TEXT PRIMARY KEY, n INTEGER NOT NULL)`.execute(db);
    return;
  }
  await sql`CREATE TABLE name_trigram_counts (trigram TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID`.execute(
    db,
  );
  await sql`INSERT INTO name_trigram_counts (trigram, n)
    SELECT trigram, count(*) FROM name_trigrams GROUP BY trigram`.execute(db);
}
