// Re-encryption under a new key: every sealed column the store has, row by row, in the caller's transaction.
import { sql } from "kysely";
import { isSealed, type Keyring, open, seal } from "./cipher.ts";
import type { Db } from "./db.ts";
import { resealPeople } from "./people.ts";

// Sealed text columns besides people.sealed (whose blind indexes resealPeople recomputes).
const SEALED_COLUMNS = [
  { table: "merges", key: "id", column: "snapshot", context: "merges.snapshot" },
] as const;

/** Re-seals everything from the keys in `from` to the current key of `to`; returns rows re-sealed per table. */
export async function resealAll(db: Db, from: Keyring, to: Keyring): Promise<Record<string, number>> {
  const counts: Record<string, number> = { people: await resealPeople(db, from, to) };
  for (const c of SEALED_COLUMNS) {
    const rows = await sql<{ k: string; v: string | null }>`
      SELECT ${sql.ref(c.key)} AS k, ${sql.ref(c.column)} AS v FROM ${sql.table(c.table)}`.execute(db);
    let n = 0;
    for (const r of rows.rows) {
      if (!r.v) continue;
      const ctx = `${c.context}:${r.k}`;
      // Plaintext left from before sealing is sealed now too.
      const plain = isSealed(r.v) ? open(from, r.v, ctx) : r.v;
      await sql`UPDATE ${sql.table(c.table)} SET ${sql.ref(c.column)} = ${seal(to, plain, ctx)}
        WHERE ${sql.ref(c.key)} = ${r.k}`.execute(db);
      n++;
    }
    counts[c.table] = n;
  }
  return counts;
}
