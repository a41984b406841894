// Findings as last evaluated, per person: replaced whole for the people re-evaluated.
import { type QueryCreator, sql, type WhereInterface } from "kysely";
import type { IdSpan } from "./chunks.ts";
import { type Db, inTransaction, withPgClient } from "./db.ts";
import { isPostgres } from "./dialect.ts";
import { copyRows } from "./pg-copy.ts";
import type { DB, FindingsTable } from "./schema.ts";

export type StoredFinding = {
  person: string;
  rule: string;
  version: number;
  key: string;
  severity: string;
  data: string;
};

/**
 * Replaces the findings of these people with `rows`, and records each person's digest of them (the
 * finding_sets row a whole-record evaluation compares), in one transaction: every write of findings goes
 * through here, so a digest never outlives the findings it describes. `within`: see inSpan.
 */
export async function replaceFindings(
  db: Db,
  sets: readonly { person: string; digest: string }[],
  rows: readonly StoredFinding[],
  at: string,
  within?: IdSpan,
) {
  if (!sets.length) return;
  // A few people's findings on PostgreSQL (a re-evaluation after a write): one statement, atomic by itself,
  // one round trip instead of five (BEGIN, delete, insert, digest, COMMIT).
  if (isPostgres(db) && sets.length <= 50 && rows.length <= 1000)
    return replaceInOneStatement(db, sets, rows, at, within);
  await inTransaction(db, async (tx) => {
    for (let i = 0; i < sets.length; i += 500) {
      const ids = sets.slice(i, i + 500).map((s) => s.person);
      await inSpan(tx.deleteFrom("findings").where("person_id", "in", ids), within).execute();
    }
    if (isPostgres(tx)) {
      // The people's old rows are gone: their new ones stream in through one COPY instead of INSERTs … ON
      // CONFLICT of bound values (a first evaluation of 100,000 people, writing 364,068 findings: 26 → 24 s).
      const kept = firstOfEachKey(rows).map((r) => findingRow(r, at));
      if (kept.length)
        await withPgClient(tx, (client) => copyRows(client, "findings", FINDING_COLUMNS, kept));
    } else {
      // 7 columns a row: stay far below SQLite's bind-parameter limit.
      for (let i = 0; i < rows.length; i += 1000) {
        await tx
          .insertInto("findings")
          .values(rows.slice(i, i + 1000).map((r) => findingRow(r, at)))
          .onConflict((oc) => oc.columns(["person_id", "key"]).doNothing())
          .execute();
      }
    }
    for (let i = 0; i < sets.length; i += 1000)
      await digestsUpsert(tx, sets.slice(i, i + 1000), at).execute();
  });
}

const FINDING_COLUMNS = ["person_id", "rule", "version", "key", "severity", "data", "evaluated_at"] as const;

/** A person's finding is stored once per key: the first of two with one key is kept (as a plain insert would). */
function firstOfEachKey(rows: readonly StoredFinding[]): StoredFinding[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const k = JSON.stringify([r.person, r.key]);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function findingRow(r: StoredFinding, at: string) {
  return {
    person_id: r.person,
    rule: r.rule,
    version: r.version,
    key: r.key,
    severity: r.severity,
    data: r.data,
    evaluated_at: at,
  };
}

/** The upsert of these people's digests, as a statement of its own or a part of a larger one. */
function digestsUpsert(
  qc: QueryCreator<DB>,
  sets: readonly { person: string; digest: string }[],
  at: string,
) {
  return qc
    .insertInto("finding_sets")
    .values(sets.map((s) => ({ person_id: s.person, digest: s.digest, evaluated_at: at })))
    .onConflict((oc) =>
      oc.column("person_id").doUpdateSet((eb) => ({
        digest: eb.ref("excluded.digest"),
        evaluated_at: eb.ref("excluded.evaluated_at"),
      })),
    );
}

/**
 * PostgreSQL's data-modifying CTEs: the findings no longer found are deleted, the rest upserted, and the
 * digests upserted, in one statement. The delete and the upsert touch disjoint keys (both run on the same
 * snapshot), so the result is the transaction's: every row written now, none of the old ones left.
 */
async function replaceInOneStatement(
  db: Db,
  sets: readonly { person: string; digest: string }[],
  rows: readonly StoredFinding[],
  at: string,
  within: IdSpan | undefined,
) {
  // The transaction's insert keeps the first of two rows with one key; an upsert may touch a row only once.
  const kept = firstOfEachKey(rows);
  const ids = sets.map((s) => s.person);
  let q = db.with("gone", (w) =>
    inSpan(w.deleteFrom("findings").where("person_id", "in", ids), within).$if(kept.length > 0, (d) =>
      d.where((eb) =>
        eb(
          eb.refTuple("person_id", "key"),
          "not in",
          kept.map((r) => eb.tuple(r.person, r.key)),
        ),
      ),
    ),
  );
  if (kept.length)
    q = q.with("put", (w) =>
      w
        .insertInto("findings")
        .values(kept.map((r) => findingRow(r, at)))
        .onConflict((oc) =>
          oc.columns(["person_id", "key"]).doUpdateSet((eb) => ({
            rule: eb.ref("excluded.rule"),
            version: eb.ref("excluded.version"),
            severity: eb.ref("excluded.severity"),
            data: eb.ref("excluded.data"),
            evaluated_at: eb.ref("excluded.evaluated_at"),
          })),
        ),
    ) as unknown as typeof q;
  await q
    .with("sets", (w) => digestsUpsert(w, sets, at))
    .selectNoFrom(sql.lit(1).as("one"))
    .execute();
}

/**
 * These people's findings as last written and the digest of each one's list, in one statement (a
 * re-evaluation needs both; on PostgreSQL that is one round trip instead of two).
 */
export async function findingsAndDigestsOf(
  db: Db,
  ids: readonly string[],
): Promise<{ rows: StoredFinding[]; digests: Map<string, string> }> {
  const rows: StoredFinding[] = [];
  const digests = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const found = await db
      .selectFrom("findings")
      .select([
        "person_id",
        "key",
        "rule",
        "version",
        "severity",
        "data",
        sql<string | null>`NULL`.as("digest"),
      ])
      .where("person_id", "in", chunk)
      .unionAll(
        db
          .selectFrom("finding_sets")
          .select([
            "person_id",
            sql<string>`NULL`.as("key"),
            sql<string>`NULL`.as("rule"),
            sql<number>`NULL`.as("version"),
            sql<string>`NULL`.as("severity"),
            sql<string>`NULL`.as("data"),
            "digest",
          ])
          .where("person_id", "in", chunk),
      )
      .orderBy("person_id")
      .orderBy("key")
      .execute();
    for (const r of found)
      if (r.digest !== null) digests.set(r.person_id, r.digest);
      else rows.push(storedFinding(r));
  }
  return { rows, digests };
}

/** The digest of each person's findings as last written, for everyone whose id lies in [first, last]. */
export async function findingSetsInRange(db: Db, first: string, last: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom("finding_sets")
    .select(["person_id", "digest"])
    .where("person_id", ">=", first)
    .where("person_id", "<=", last)
    .execute();
  return new Map(rows.map((r) => [r.person_id, r.digest]));
}

/** The stored findings of these people (all people's without a list); `within`: see inSpan. */
export async function storedFindings(
  db: Db,
  personIds?: readonly string[],
  within?: IdSpan,
): Promise<StoredFinding[]> {
  let q = db.selectFrom("findings").selectAll().orderBy("person_id").orderBy("key");
  if (personIds) {
    if (!personIds.length) return [];
    q = inSpan(q.where("person_id", "in", [...personIds]), within);
  }
  return (await q.execute()).map(storedFinding);
}

/**
 * A statement on some people's findings narrowed to the span their ids lie in too, when the caller knows it (a
 * whole-record evaluation's batch). Without statistics — a first evaluation fills a table that was empty
 * when last analyzed, until autovacuum's next round — PostgreSQL reads a list of 100 ids as half the table
 * and scans all of it, for every batch: a first evaluation of a fresh copy of 100,000 people took 32–37 s,
 * the server 50–57 s of CPU in ~2,600 whole scans of the findings. With the span it walks the key whatever
 * it knows: 8.6–8.9 s (docs/BENCHMARKS.md).
 */
function inSpan<Q extends WhereInterface<DB, "findings">>(q: Q, within: IdSpan | undefined): Q {
  return within ? (q.where("person_id", ">=", within.first).where("person_id", "<=", within.last) as Q) : q;
}

/** A findings row as stored findings are handed out. */
function storedFinding(r: Omit<FindingsTable, "evaluated_at">): StoredFinding {
  return {
    person: r.person_id,
    rule: r.rule,
    version: r.version,
    key: r.key,
    severity: r.severity,
    data: r.data,
  };
}
