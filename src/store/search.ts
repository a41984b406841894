// Full-text and fuzzy-name search: the one place where the two engines' SQL differs.
import { sql } from "kysely";
import { foldName, trigrams } from "../domain/names.ts";
import { type Db, engineOf } from "./db.ts";

export type SearchHit = { kind: string; ref: string; title: string; snippet: string };

export async function putSearchDoc(db: Db, kind: string, ref: string, title: string, body: string) {
  await db.deleteFrom("search_docs").where("kind", "=", kind).where("ref", "=", ref).execute();
  await db.insertInto("search_docs").values({ kind, ref, title, body }).execute();
}

export async function deleteSearchDoc(db: Db, kind: string, ref: string) {
  await db.deleteFrom("search_docs").where("kind", "=", kind).where("ref", "=", ref).execute();
}

/** Words of the query as plain terms: no operator syntax reaches either engine. */
function terms(q: string): string[] {
  return foldName(q)
    .split(" ")
    .filter((t) => t.length > 1)
    .slice(0, 12);
}

export async function searchText(db: Db, q: string, limit = 20): Promise<SearchHit[]> {
  const words = terms(q);
  if (!words.length) return [];
  if (engineOf(db) === "postgres") {
    const query = words.join(" ");
    const r = await sql<SearchHit>`
      SELECT kind, ref, title, left(body, 200) AS snippet FROM search_docs
      WHERE tsv @@ (plainto_tsquery('english', unaccent(${query})) || plainto_tsquery('spanish', unaccent(${query})))
      ORDER BY ts_rank(tsv, plainto_tsquery('english', unaccent(${query})) || plainto_tsquery('spanish', unaccent(${query}))) DESC
      LIMIT ${limit}`.execute(db);
    return r.rows;
  }
  // Each word quoted as an FTS5 string, prefix-matched, all required.
  const match = words.map((w) => `"${w}"*`).join(" ");
  const r = await sql<SearchHit>`
    SELECT kind, ref, title, snippet(search_docs, 3, '', '', '…', 24) AS snippet FROM search_docs
    WHERE search_docs MATCH ${match} ORDER BY rank LIMIT ${limit}`.execute(db);
  return r.rows;
}

/** Keeps the SQLite trigram index of a person's names in step (PostgreSQL uses pg_trgm instead). */
export async function indexNames(db: Db, personId: string, names: readonly string[]) {
  if (engineOf(db) === "postgres") return;
  await db.deleteFrom("name_trigrams").where("person_id", "=", personId).execute();
  const grams = new Set<string>();
  for (const n of names) for (const g of trigrams(n)) grams.add(g);
  if (!grams.size) return;
  await db
    .insertInto("name_trigrams")
    .values([...grams].map((trigram) => ({ trigram, person_id: personId })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Candidate people for a fuzzy name query, best trigram overlap first; re-ranked by the caller. */
export async function nameCandidates(
  db: Db,
  q: string,
  opts: { limit?: number; publicOnly?: boolean } = {},
): Promise<string[]> {
  const limit = opts.limit ?? 100;
  const folded = foldName(q);
  if (!folded) return [];
  if (engineOf(db) === "postgres") {
    const r = await sql<{ id: string }>`
      SELECT id FROM people ${opts.publicOnly ? sql`WHERE is_public = 1` : sql``}
      ORDER BY ${folded} <<-> search_name LIMIT ${limit}`.execute(db);
    return r.rows.map((x) => x.id);
  }
  const grams = trigrams(q);
  if (!grams.length) return [];
  let query = db
    .selectFrom("name_trigrams as t")
    .select(["t.person_id", sql<number>`count(*)`.as("hits")])
    .where("t.trigram", "in", grams)
    .groupBy("t.person_id")
    .orderBy("hits", "desc")
    .limit(limit);
  if (opts.publicOnly) {
    query = query.innerJoin("people as p", "p.id", "t.person_id").where("p.is_public", "=", 1);
  }
  const rows = await query.execute();
  return rows.map((r) => r.person_id);
}
