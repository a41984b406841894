// Reads for the staff workspace: the people most recently changed.
import type { Db } from "./db.ts";
import { ofTeamOrNone } from "./team-scope.ts";

/**
 * Ids of the people changed most recently, newest first. `ofTeam` narrows them to the people of that team
 * and of no team (null: of no team only), as a staff member's full access is narrowed (services/scope.ts
 * fullAccessCandidatesFor); an admin's read is not narrowed.
 */
export async function recentlyUpdatedPeople(
  db: Db,
  limit: number,
  f: { ofTeam?: string | null } = {},
): Promise<string[]> {
  let q = db.selectFrom("people").select("id").orderBy("updated_at", "desc").orderBy("id");
  const team = f.ofTeam;
  if (team !== undefined) q = q.where(ofTeamOrNone("people", team, false));
  const rows = await q.limit(limit).execute();
  return rows.map((r) => r.id);
}
