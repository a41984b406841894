// Full-text and fuzzy-name search: the one place where the two engines' SQL differs.
import { sql } from "kysely";
import { foldName, nameTrigrams, trigrams } from "../domain/names.ts";
import type { Db } from "./db.ts";
import { engineOf } from "./dialect.ts";

export type SearchHit = { kind: string; ref: string; title: string; snippet: string };

export async function putSearchDoc(db: Db, kind: string, ref: string, title: string, body: string) {
  await deleteSearchDoc(db, kind, ref);
  const r = await db.insertInto("search_docs").values({ kind, ref, title, body }).executeTakeFirst();
  if (engineOf(db) === "sqlite")
    await db
      .insertInto("search_refs")
      .values({ kind, ref, doc: Number(r.insertId) })
      .onConflict((oc) => oc.columns(["kind", "ref"]).doUpdateSet({ doc: Number(r.insertId) }))
      .execute();
}

// kind and ref are UNINDEXED in the SQLite FTS table: finding an entry by them would scan every entry, so
// search_refs keeps the row id of each (see migration 007).
export async function deleteSearchDoc(db: Db, kind: string, ref: string) {
  if (engineOf(db) === "postgres") {
    await db.deleteFrom("search_docs").where("kind", "=", kind).where("ref", "=", ref).execute();
    return;
  }
  const found = await db
    .selectFrom("search_refs")
    .select("doc")
    .where("kind", "=", kind)
    .where("ref", "=", ref)
    .executeTakeFirst();
  if (!found) return;
  await sql`DELETE FROM search_docs WHERE rowid = ${found.doc}`.execute(db);
  await db.deleteFrom("search_refs").where("kind", "=", kind).where("ref", "=", ref).execute();
}

/** Records the row ids of full-text entries written in bulk after row id `after` (SQLite only). */
export async function indexSearchRefs(db: Db, after = 0) {
  if (engineOf(db) === "postgres") return;
  await sql`INSERT OR REPLACE INTO search_refs (kind, ref, doc)
    SELECT kind, ref, rowid FROM search_docs WHERE rowid > ${after} ORDER BY rowid`.execute(db);
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

/** Keeps the trigram index of a person's names in step. */
export async function indexNames(db: Db, personId: string, names: readonly string[]) {
  await sql`UPDATE name_trigram_counts SET n = n - 1
    WHERE trigram IN (SELECT trigram FROM name_trigrams WHERE person_id = ${personId})`.execute(db);
  await db.deleteFrom("name_trigrams").where("person_id", "=", personId).execute();
  const grams = nameTrigrams(names);
  if (!grams.size) return;
  await db
    .insertInto("name_trigrams")
    .values([...grams].map((trigram) => ({ trigram, person_id: personId })))
    .onConflict((oc) => oc.doNothing())
    .execute();
  await countTrigrams(
    db,
    [...grams].map((g) => [g, 1]),
  );
}

/** Adds to the number of people each trigram indexes. */
export async function countTrigrams(db: Db, counts: readonly (readonly [string, number])[]) {
  if (!counts.length) return;
  for (let i = 0; i < counts.length; i += 10_000) {
    await db
      .insertInto("name_trigram_counts")
      .values(counts.slice(i, i + 10_000).map(([trigram, n]) => ({ trigram, n })))
      .onConflict((oc) => oc.column("trigram").doUpdateSet({ n: sql`name_trigram_counts.n + excluded.n` }))
      .execute();
  }
}

// Postings a fuzzy query aggregates at most (beyond its few rarest trigrams): the rarest trigrams of a name
// are the ones that tell people apart, and the commonest (" jo", "ez ") would each add tens of thousands.
const POSTINGS_BUDGET = 12_000;

/** The query's trigrams worth aggregating: rarest first, within the postings budget, never fewer than half. */
async function selectiveTrigrams(db: Db, grams: readonly string[]): Promise<string[]> {
  const rows = await db
    .selectFrom("name_trigram_counts")
    .select(["trigram", "n"])
    .where("trigram", "in", [...grams])
    .execute();
  const present = rows.filter((r) => r.n > 0).sort((a, b) => a.n - b.n);
  const keep = Math.max(3, Math.ceil(grams.length / 2));
  const out: string[] = [];
  let total = 0;
  for (const r of present) {
    if (out.length >= keep && total + r.n > POSTINGS_BUDGET) break;
    out.push(r.trigram);
    total += r.n;
  }
  return out;
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
  const grams = await selectiveTrigrams(db, trigrams(q));
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
