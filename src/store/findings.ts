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

/**
 * Replaces the findings of these people with `rows`, and records each person's digest of them (the
 * finding_sets row a whole-record evaluation compares): every write of findings goes through here, so a
 * digest never outlives the findings it describes.
 */
export async function replaceFindings(
  db: Db,
  sets: readonly { person: string; digest: string }[],
  rows: readonly StoredFinding[],
  at: string,
) {
  for (let i = 0; i < sets.length; i += 500) {
    const ids = sets.slice(i, i + 500).map((s) => s.person);
    await db.deleteFrom("findings").where("person_id", "in", ids).execute();
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
        })),
      )
      .onConflict((oc) => oc.columns(["person_id", "key"]).doNothing())
      .execute();
  }
  for (let i = 0; i < sets.length; i += 1000)
    await db
      .insertInto("finding_sets")
      .values(
        sets.slice(i, i + 1000).map((s) => ({ person_id: s.person, digest: s.digest, evaluated_at: at })),
      )
      .onConflict((oc) =>
        oc.column("person_id").doUpdateSet((eb) => ({
          digest: eb.ref("excluded.digest"),
          evaluated_at: eb.ref("excluded.evaluated_at"),
        })),
      )
      .execute();
}

/** What identifies a person's findings without reading them back: a hash of their serialized list. */
export function findingDigest(data: string): string {
  // One-shot hash: no Hash object per person (a full evaluation digests 100,000 lists).
  return hash("sha1", data, "base64url");
}

/** The digest of each of these people's findings as last written. */
export async function findingSetsOf(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom("finding_sets")
      .select(["person_id", "digest"])
      .where("person_id", "in", ids.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.person_id, r.digest);
  }
  return out;
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
