// Docket entries as imported: one row per entry, keyed by the source it is kept as.
import type { Db } from "./db.ts";
import type { DocketEntriesTable } from "./schema.ts";

export async function saveDocketEntry(db: Db, row: DocketEntriesTable): Promise<void> {
  const { source_id, ...rest } = row;
  await db
    .insertInto("docket_entries")
    .values(row)
    .onConflict((oc) => oc.column("source_id").doUpdateSet(rest))
    .execute();
}

export async function listDocketEntries(db: Db, matterId: string): Promise<DocketEntriesTable[]> {
  return db
    .selectFrom("docket_entries")
    .selectAll()
    .where("matter_id", "=", matterId)
    .orderBy("position")
    .execute();
}

/** The stored entries of a matter by source id: what a re-import compares against. */
export async function docketEntryHashes(db: Db, matterId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom("docket_entries")
    .select(["source_id", "sha256"])
    .where("matter_id", "=", matterId)
    .execute();
  return new Map(rows.map((r) => [r.source_id, r.sha256]));
}

/** Ids and courts of matters whose docket number starts with `prefix` (a docket number without judge initials). */
export async function mattersByDocketPrefix(
  db: Db,
  prefix: string,
): Promise<{ id: string; court: string; court_id: string | null; docket_number: string | null }[]> {
  return db
    .selectFrom("legal_matters")
    .select(["id", "court", "court_id", "docket_number"])
    .where("docket_number", "like", `${prefix.replace(/[%_\\]/g, "")}%`)
    .orderBy("id")
    .execute();
}
