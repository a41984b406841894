// Citations found by source and kind of record together: each way a record cites a source about a person
// (store/citations.ts citationPaths) reads only the citations of its own kind. By source alone, asking whether a
// public person's record cites a source walked every citation of it by events (40,000 for a report cited
// across a national record) before the first one of a person. The new index covers what the old one did.
import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS citations_source_kind ON citations (source_id, subject_kind, subject_id)`.execute(
    db,
  );
  await sql`DROP INDEX IF EXISTS citations_source`.execute(db);
}
