// Findings as last evaluated, per person: replaced whole for the people re-evaluated.
import { hash } from "node:crypto";
import type { Db } from "./db.ts";

export type StoredFinding = {
  person: string;
  rule: string;
  version: number;
  key: string;
  severity: string;
  data: string;
};

export async function replaceFindings(
  db: Db,
  personIds: readonly string[],
  rows: readonly StoredFinding[],
  at: string,
) {
  for (let i = 0; i < personIds.length; i += 500) {
    await db
      .deleteFrom("findings")
      .where("person_id", "in", personIds.slice(i, i + 500))
      .execute();
  }
  // 7 columns a row: stay far below either engine's bind-parameter limit.
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto("findings")
      .values(
        rows.slice(i, i + 1000).map((r) => ({
          person_id: r.person,
          rule: r.rule,
          version: r.version,
          key: r.key,
          severity: r.severity,
          data: r.data,
          evaluated_at: at,
          digest: findingDigest(r.data),
        })),
      )
      .onConflict((oc) => oc.columns(["person_id", "key"]).doNothing())
      .execute();
  }
}

/** What identifies a stored finding's content without reading it back. */
export function findingDigest(data: string): string {
  // One-shot hash: no Hash object per finding (a full evaluation digests ~360,000 of them).
  return hash("sha1", data, "base64url");
}

/** Keys and digests of the stored findings of everyone whose person id lies in [first, last]. */
export async function storedDigestsInRange(db: Db, first: string, last: string) {
  return db
    .selectFrom("findings")
    .select(["person_id", "key", "digest"])
    .where("person_id", ">=", first)
    .where("person_id", "<=", last)
    .orderBy("person_id")
    .orderBy("key")
    .execute();
}

export async function storedFindings(db: Db, personIds?: readonly string[]): Promise<StoredFinding[]> {
  let q = db.selectFrom("findings").selectAll().orderBy("person_id").orderBy("key");
  if (personIds) {
    if (!personIds.length) return [];
    q = q.where("person_id", "in", [...personIds]);
  }
  return (await q.execute()).map((r) => ({
    person: r.person_id,
    rule: r.rule,
    version: r.version,
    key: r.key,
    severity: r.severity,
    data: r.data,
  }));
}
