// What the public dashboard counts of each public person, kept in `public_person_figures` by the database
// itself (migration 098, which owns the definition): the time of their newest event, their latest custody
// event (its time and its (type, facility, country)), and the facilities their events name. Triggers write a
// person's row again whenever one of their events is written, moved to another person or deleted, and when
// the person is made public or private, whichever path does it (forms, intake, review, merges, trash,
// imports); a bulk load, which sets the triggers aside, writes the rows of the people it loaded
// (refreshPublicFigures). Private people have no row: the dashboard reads nothing of them.
//
// The dashboard reads one short row per public person, all of them together in one small table, instead of
// each public person's events scattered through the events' index: at 100,000 people those reads were most of
// a recomputation (docs/BENCHMARKS.md). The latest custody event is chosen as domain/custody.ts
// lastCustodyEvent chooses it (at DESC, id DESC); the status it stands for is decided by statusAfter, never
// here. It is kept whatever its date: a reader asking "as of" a time before it reads the person's events
// instead (custodyKeyUntil).
import { type RawBuilder, sql } from "kysely";
import { CUSTODY_EVENT_TYPES } from "../domain/custody.ts";
import type { Db } from "./db.ts";
import { type Engine, engineOf } from "./dialect.ts";
import { custodyKeySql, FIGURES_COLUMNS, figuresSelectSql } from "./migrations/098-public-person-figures.ts";

export { FIGURES_COLUMNS, figuresSelectSql };

const CUSTODY = CUSTODY_EVENT_TYPES.map((t) => `'${t}'`).join(", ");

/**
 * The (type, facility, country) key of person `p`'s latest custody event at or before `asOf`, read from their
 * events: what a kept row stands for when asked of a time before its event.
 */
export const custodyKeyUntil = (engine: Engine, asOf: string): RawBuilder<string | null> =>
  sql`(SELECT ${sql.raw(custodyKeySql(engine))} FROM events e
       WHERE e.person_id = p.id AND e.type IN (${sql.raw(CUSTODY)}) AND e.at <= ${asOf}
       ORDER BY e.at DESC, e.id DESC LIMIT 1)`;

/**
 * Writes the figures of these people again from their events (those a bulk load wrote, its triggers set
 * aside), in `db`'s transaction or in statements of their own. Private people, and people gone, get no row.
 */
export async function refreshPublicFigures(db: Db, ids: readonly string[]): Promise<void> {
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = sql.join(unique.slice(i, i + 500));
    await sql`DELETE FROM public_person_figures WHERE person_id IN (${chunk})`.execute(db);
    await sql`INSERT INTO public_person_figures (${sql.raw(FIGURES_COLUMNS)})
      ${sql.raw(figuresSelectSql(engineOf(db)))} AND p.id IN (${chunk})`.execute(db);
  }
}
