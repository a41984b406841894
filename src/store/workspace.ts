// Reads for the staff workspace: the people most recently changed.
import type { Db } from "./db.ts";

/** Ids of the people changed most recently, newest first. */
export async function recentlyUpdatedPeople(db: Db, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom("people")
    .select("id")
    .orderBy("updated_at", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
