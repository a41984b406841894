// Which people a team's spreadsheet holds: ids by team (or all), in a stable order.
import type { Db } from "./db.ts";

export async function personIdsForSheet(db: Db, team?: string): Promise<string[]> {
  let q = db.selectFrom("people").select("id").orderBy("full_name").orderBy("id");
  if (team) q = q.where("team", "=", team);
  return (await q.execute()).map((r) => r.id);
}
