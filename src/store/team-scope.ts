// The SQL side of services/scope.ts's narrowing of people by team, in one place: the people list, the name
// search and the workspace's recent cases read only these rows, and accessTo still decides each one.
import { type RawBuilder, type SqlBool, sql } from "kysely";

/**
 * People of `team` or of no team (null: of no team only) — what a staff member of that team has full access
 * to — and with `orPublic` public people too (what they may see). `table` is the people table's name or
 * alias in the query.
 */
export function ofTeamOrNone(table: string, team: string | null, orPublic: boolean): RawBuilder<SqlBool> {
  const col = (c: string) => sql.ref(`${table}.${c}`);
  const ofTeam = team === null ? sql`` : sql` OR ${col("team")} = ${team}`;
  return sql<SqlBool>`(${orPublic ? sql`${col("is_public")} = 1 OR ` : sql``}${col("team")} IS NULL${ofTeam})`;
}
