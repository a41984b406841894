// Full-text and fuzzy-name search: the one place where the two engines' SQL differs.
import { sql } from "kysely";
import { z } from "zod";
import { foldName, nameTokens, nameTrigrams, nameWordsOf, trigrams } from "../domain/names.ts";
import type { Db } from "./db.ts";
import { engineOf } from "./dialect.ts";
import { readJson } from "./json.ts";
import { ofTeamOrNone } from "./team-scope.ts";

const Strings = z.array(z.string()).default([]);

export type SearchHit = { kind: string; ref: string; title: string; snippet: string };

export type SearchDoc = { kind: string; ref: string; title: string; body: string };

/**
 * Replaces the full-text entries of these records. On PostgreSQL up to 500 at a time in two statements; on
 * SQLite one by one (each needs its row id for search_refs, and a statement costs no round trip).
 */
export async function putSearchDocs(db: Db, docs: readonly SearchDoc[]) {
  if (engineOf(db) === "sqlite") {
    for (const d of docs) await putSearchDoc(db, d.kind, d.ref, d.title, d.body);
    return;
  }
  for (let i = 0; i < docs.length; i += 500) {
    const chunk = docs.slice(i, i + 500);
    await db
      .deleteFrom("search_docs")
      .where((eb) =>
        eb(
          eb.refTuple("kind", "ref"),
          "in",
          chunk.map((d) => eb.tuple(d.kind, d.ref)),
        ),
      )
      .execute();
    await db
      .insertInto("search_docs")
      .values(chunk.map((d) => ({ kind: d.kind, ref: d.ref, title: d.title, body: d.body })))
      .execute();
  }
}

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

/** Full-text hits, best first: `limit` of them from `offset`. */
export async function searchText(db: Db, q: string, limit = 20, offset = 0): Promise<SearchHit[]> {
  const words = terms(q);
  if (!words.length) return [];
  if (engineOf(db) === "postgres") {
    const query = words.join(" ");
    const r = await sql<SearchHit>`
      SELECT kind, ref, title, left(body, 200) AS snippet FROM search_docs
      WHERE tsv @@ (plainto_tsquery('english', unaccent(${query})) || plainto_tsquery('spanish', unaccent(${query})))
      ORDER BY ts_rank(tsv, plainto_tsquery('english', unaccent(${query})) || plainto_tsquery('spanish', unaccent(${query}))) DESC
      LIMIT ${limit} OFFSET ${offset}`.execute(db);
    return r.rows;
  }
  // Each word quoted as an FTS5 string, prefix-matched, all required.
  const match = words.map((w) => `"${w}"*`).join(" ");
  const r = await sql<SearchHit>`
    SELECT kind, ref, title, snippet(search_docs, 3, '', '', '…', 24) AS snippet FROM search_docs
    WHERE search_docs MATCH ${match} ORDER BY rank LIMIT ${limit} OFFSET ${offset}`.execute(db);
  return r.rows;
}

/** Keeps the indexes of a person's names in step: their trigrams (search) and their words (name_words). */
export async function indexNames(db: Db, personId: string, names: readonly string[]) {
  await db.deleteFrom("name_words").where("person_id", "=", personId).execute();
  const words = nameWordsOf(names);
  if (words.size)
    await db
      .insertInto("name_words")
      .values([...words].map((word) => ({ word, person_id: personId })))
      .execute();
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
  countsRead.delete(db);
  for (let i = 0; i < counts.length; i += 10_000) {
    await db
      .insertInto("name_trigram_counts")
      .values(counts.slice(i, i + 10_000).map(([trigram, n]) => ({ trigram, n })))
      .onConflict((oc) => oc.column("trigram").doUpdateSet({ n: sql`name_trigram_counts.n + excluded.n` }))
      .execute();
  }
}

// Postings a fuzzy query groups person by person at most: a share of all the postings, so that the same
// share of each trigram's postings fits at any size (6,000 at 100,000 people), and never fewer than 6,000.
// The rarest trigrams of a name are the ones that tell people apart; the commonest (" jo", "ez ") would each
// add tens of thousands.
const POSTINGS_BUDGET_SHARE = 1 / 400;
const MIN_POSTINGS_BUDGET = 6_000;

// How many people each trigram indexes, as read at most COUNTS_TTL_MS ago through this handle (a transaction
// reads its own). They only decide which trigrams a query counts, so counts a little out of date cost time,
// never a match; reading them at every query cost PostgreSQL a round trip.
const COUNTS_TTL_MS = 60_000;
type TrigramCounts = { n: Map<string, number>; budget: number };
const countsRead = new WeakMap<Db, { at: number; counts: Promise<TrigramCounts> }>();

function trigramCounts(db: Db): Promise<TrigramCounts> {
  const now = Date.now();
  const read = countsRead.get(db);
  if (read && now - read.at < COUNTS_TTL_MS) return read.counts;
  const counts = db
    .selectFrom("name_trigram_counts")
    .select(["trigram", "n"])
    .execute()
    .then((rows) => {
      const n = new Map(rows.map((r) => [r.trigram, Number(r.n)]));
      const all = [...n.values()].reduce((sum, c) => sum + c, 0);
      return { n, budget: Math.max(MIN_POSTINGS_BUDGET, Math.round(all * POSTINGS_BUDGET_SHARE)) };
    });
  countsRead.set(db, { at: now, counts });
  counts.catch(() => countsRead.delete(db));
  return counts;
}

/**
 * The query's trigrams worth counting: the rarest of each word, so that every part of the name searched
 * counts however common it is, then the rarest of the others within the postings budget. `finders`, the
 * rarest of those within the budget, decide who is a candidate at all: the postings of a common word ("jose"
 * indexes 9% of people) are then only matched against those candidates, not grouped person by person, which
 * was most of the time a query took on PostgreSQL.
 */
async function selectiveTrigrams(
  db: Db,
  q: string,
  postingsBudget?: number,
): Promise<{ counted: string[]; finders: string[] }> {
  const words = nameTokens(q).map((t) => trigrams(t));
  const grams = [...new Set(words.flat())];
  const { n: counts, budget: shareOfAll } = await trigramCounts(db);
  const budget = postingsBudget ?? shareOfAll;
  const n = new Map(
    grams.flatMap((g) => ((counts.get(g) ?? 0) > 0 ? [[g, counts.get(g) ?? 0] as const] : [])),
  );
  const byRarity = (a: string, b: string) => (n.get(a) ?? 0) - (n.get(b) ?? 0);
  // A trigram never counted is new since the counts were read, or a misspelling's that finds no one:
  // counting it costs nothing.
  const unknown = grams.filter((g) => !counts.has(g));
  const counted = new Set<string>();
  for (const word of words) {
    const rarest = word.filter((g) => n.has(g)).sort(byRarity)[0];
    if (rarest !== undefined) counted.add(rarest);
  }
  const postings = (gs: Iterable<string>) => [...gs].reduce((sum, g) => sum + (n.get(g) ?? 0), 0);
  let total = postings(counted);
  for (const g of grams.filter((g) => n.has(g) && !counted.has(g)).sort(byRarity)) {
    if (total + (n.get(g) ?? 0) > budget) break;
    counted.add(g);
    total += n.get(g) ?? 0;
  }
  const finders: string[] = [];
  for (const g of [...counted].sort(byRarity)) {
    if (finders.length && postings(finders) + (n.get(g) ?? 0) > budget) break;
    finders.push(g);
  }
  return { counted: [...unknown, ...counted], finders: [...unknown, ...finders] };
}

export type NameCandidate = { id: string; full_name: string; aliases: string[] };

export type CandidateOptions = {
  limit?: number;
  publicOnly?: boolean;
  /** Only people public, of no team, or of this team (null: of none): store/people.ts PeopleFilter. */
  sharedWith?: string | null;
  /** Postings grouped person by person at most (a share of all of them unless given). */
  postingsBudget?: number;
};

/**
 * Candidate people for a fuzzy name query with the names to score them by, most trigrams shared first;
 * re-ranked by the caller. One statement: the postings counted, the best kept, their names joined.
 */
export async function nameCandidatesWithNames(
  db: Db,
  q: string,
  opts: CandidateOptions = {},
): Promise<NameCandidate[]> {
  if (!foldName(q)) return [];
  const { counted, finders } = await selectiveTrigrams(db, q, opts.postingsBudget);
  if (!counted.length) return [];
  let best = db
    .selectFrom("name_trigrams as t")
    .select(["t.person_id", sql<number>`count(*)`.as("hits")])
    .where("t.trigram", "in", counted)
    .groupBy("t.person_id")
    .orderBy("hits", "desc")
    .limit(opts.limit ?? 100);
  if (finders.length < counted.length) {
    // The dearer counted trigrams only add to the count of those the finders found (finders are some of the
    // counted). On SQLite, a second walk of the finders' postings, the unary plus keeping the planner from
    // walking every found person's postings instead; on PostgreSQL, a condition on each person's group (its
    // planner misjudged the second walk's join and sorted it to group it; docs/BENCHMARKS.md).
    if (engineOf(db) === "sqlite")
      best = best.where(
        sql`+t.person_id`,
        "in",
        db.selectFrom("name_trigrams as f").select("f.person_id").where("f.trigram", "in", finders),
      );
    else best = best.having(sql<boolean>`bool_or(t.trigram in (${sql.join(finders)}))`);
  }
  if (opts.publicOnly) {
    best = best.innerJoin("people as pp", "pp.id", "t.person_id").where("pp.is_public", "=", 1);
  } else if (opts.sharedWith !== undefined) {
    // A staff member's search: another team's private namesakes do not take the places of their own.
    const team = opts.sharedWith;
    best = best.innerJoin("people as pp", "pp.id", "t.person_id").where(ofTeamOrNone("pp", team, true));
  }
  const rows = await db
    .selectFrom(best.as("c"))
    .innerJoin("people as p", "p.id", "c.person_id")
    .select(["p.id", "p.full_name", "p.aliases"])
    .orderBy("c.hits", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    full_name: r.full_name,
    aliases: readJson(Strings, r.aliases, "aliases"),
  }));
}

/** Candidate people for a fuzzy name query, best trigram overlap first; re-ranked by the caller. */
export async function nameCandidates(db: Db, q: string, opts: CandidateOptions = {}): Promise<string[]> {
  return (await nameCandidatesWithNames(db, q, opts)).map((c) => c.id);
}
