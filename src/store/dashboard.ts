// Aggregates for the public dashboard, computed in SQL over public records only (is_public = 1), so the
// page stays fast with 100,000 people and no private row ever leaves the store.
import { sql } from "kysely";
import { z } from "zod";
import { CUSTODY_EVENT_TYPES } from "../domain/custody.ts";
import { EVENT_TYPES, type EventType, type HabeasEvent } from "../domain/model.ts";
import type { Precision } from "../domain/time.ts";
import { citationsFor } from "./citations.ts";
import type { Db } from "./db.ts";
import { engineOf } from "./dialect.ts";
import { readJson, und } from "./json.ts";

/**
 * The join that reads public people first and then their events. SQLite's planner otherwise starts from
 * the events (hundreds of thousands) and only then drops private people; CROSS JOIN fixes its order.
 * PostgreSQL plans this well by itself (and has no CROSS JOIN … ON).
 */
const peopleFirst = (db: Db) => (engineOf(db) === "postgres" ? sql`JOIN` : sql`CROSS JOIN`);

export type PeopleGroupRow = {
  kind: string;
  nationalities: string;
  citizenship_status: string;
  records: number;
  people: number;
};

/** Public people counted by kind, nationality list and status; groups weigh as many people as they stand for. */
export async function countPublicPeople(db: Db): Promise<PeopleGroupRow[]> {
  const rows = await db
    .selectFrom("people")
    .select([
      "kind",
      "nationalities",
      "citizenship_status",
      (eb) => eb.fn.countAll<number>().as("records"),
      sql<number>`sum(coalesce(group_size, 1))`.as("people"),
    ])
    .where("is_public", "=", 1)
    .groupBy(["kind", "nationalities", "citizenship_status"])
    .execute();
  return rows.map((r) => ({ ...r, records: Number(r.records), people: Number(r.people) }));
}

export type LastCustodyRow = {
  type: string;
  facility_id: string | null;
  /** The event's own country (what domain/custody.ts statusAfter reads, with the facility's). */
  country: string | null;
  records: number;
  people: number;
};

/**
 * Each public person's latest custody event at or before `asOf` (later ones are not counted), counted by
 * (type, facility, country). The choice matches domain/custody.ts lastCustodyEvent exactly (at DESC,
 * id DESC); the status each row stands for is decided by statusAfter, not here.
 */
export async function countLastCustody(db: Db, asOf: string): Promise<LastCustodyRow[]> {
  const types = sql.join(CUSTODY_EVENT_TYPES.map((t) => sql`${t}`));
  const r = await sql<LastCustodyRow>`
    WITH last AS (
      SELECT e.person_id, e.type, e.facility_id, e.country, p.group_size,
             row_number() OVER (PARTITION BY e.person_id ORDER BY e.at DESC, e.id DESC) AS rn
      FROM people p ${peopleFirst(db)} events e ON e.person_id = p.id
      WHERE p.is_public = 1 AND e.type IN (${types}) AND e.at <= ${asOf}
    )
    SELECT l.type AS type, l.facility_id AS facility_id, l.country AS country,
           count(*) AS records, sum(coalesce(l.group_size, 1)) AS people
    FROM last l WHERE l.rn = 1
    GROUP BY l.type, l.facility_id, l.country`.execute(db);
  return r.rows.map((x) => ({ ...x, records: Number(x.records), people: Number(x.people) }));
}

/**
 * The newest events of public people, newest first. One index range scan per event type (events_type_at)
 * instead of sorting every event: the cost stays flat as the record grows.
 */
export async function latestPublicEvents(
  db: Db,
  types: readonly string[],
  opts: { limit: number; before?: string; publicPeople?: number },
): Promise<HabeasEvent[]> {
  const ids: { id: string; at: string }[] = [];
  // Few public people: read their events (index on is_public, then events_person_at_cover) and sort those.
  // Many: one range scan per type from the newest, stopping at the limit.
  if (opts.publicPeople !== undefined && opts.publicPeople <= 20_000) {
    const r = await sql<{ id: string }>`
      SELECT e.id AS id FROM people p ${peopleFirst(db)} events e ON e.person_id = p.id
      WHERE p.is_public = 1 AND e.type IN (${sql.join(types.map((t) => sql`${t}`))})
      ${opts.before ? sql`AND e.at < ${opts.before}` : sql``}
      ORDER BY e.at DESC, e.id LIMIT ${opts.limit}`.execute(db);
    return listEventsByIds(
      db,
      r.rows.map((x) => x.id),
    );
  }
  for (const type of types) {
    let q = db
      .selectFrom("events as e")
      .innerJoin("people as p", "p.id", "e.person_id")
      .select(["e.id", "e.at"])
      .where("e.type", "=", type)
      .where("p.is_public", "=", 1);
    if (opts.before) q = q.where("e.at", "<", opts.before);
    ids.push(...(await q.orderBy("e.at", "desc").limit(opts.limit).execute()));
  }
  ids.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id.localeCompare(b.id)));
  return listEventsByIds(
    db,
    ids.slice(0, opts.limit).map((x) => x.id),
  );
}

export type PublicName = { id: string; full_name: string; kind: string; group_size: number | null };

/** Names of public people by id (for labelling the timeline); private ids are simply absent. */
export async function publicNames(db: Db, ids: readonly string[]): Promise<PublicName[]> {
  if (!ids.length) return [];
  return db
    .selectFrom("people")
    .select(["id", "full_name", "kind", "group_size"])
    .where("id", "in", [...new Set(ids)])
    .where("is_public", "=", 1)
    .execute();
}

const Details = z.record(z.string(), z.unknown()).default({});

/** Events by id, in the order given, with their citations. */
async function listEventsByIds(db: Db, ids: readonly string[]): Promise<HabeasEvent[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom("events")
    .selectAll()
    .where("id", "in", [...ids])
    .execute();
  const cites = await citationsFor(db, "event", ids);
  const byId = new Map(
    rows.map((r): [string, HabeasEvent] => {
      const citations = cites.get(r.id) ?? [];
      const type = (EVENT_TYPES as readonly string[]).includes(r.type) ? (r.type as EventType) : "OTHER";
      return [
        r.id,
        {
          id: r.id,
          person: r.person_id,
          type,
          at: r.at,
          precision: r.precision as Precision,
          ...(r.at_latest ? { latest: r.at_latest } : {}),
          tz: r.tz,
          facility: und(r.facility_id),
          place: und(r.place),
          country: und(r.country),
          matter: und(r.matter_id),
          summary: r.summary,
          details: readJson(Details, r.details, "event details"),
          citations,
          unverified: citations.length === 0,
        },
      ];
    }),
  );
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export type FacilityCountRow = { facility_id: string; records: number; people: number };

/**
 * Public people ever recorded at each facility (any event there), groups weighted by their size. Driven
 * from the public people (index on is_public), so private records are never scanned.
 */
export async function countPeopleByFacility(db: Db): Promise<FacilityCountRow[]> {
  const r = await sql<FacilityCountRow>`
    SELECT x.facility_id AS facility_id, count(*) AS records, sum(coalesce(x.group_size, 1)) AS people
    FROM (SELECT DISTINCT e.facility_id, e.person_id, p.group_size
          FROM people p ${peopleFirst(db)} events e ON e.person_id = p.id
          WHERE p.is_public = 1 AND e.facility_id IS NOT NULL) x
    GROUP BY x.facility_id`.execute(db);
  return r.rows.map((x) => ({ ...x, records: Number(x.records), people: Number(x.people) }));
}

/** Orders that name no person (a class defined in words only): public court records about no one record. */
export async function ordersNamingNoOne(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom("court_orders as o")
    .select("o.id")
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(selectFrom("order_people as op").select("op.order_id").whereRef("op.order_id", "=", "o.id")),
      ),
    )
    .execute();
  return rows.map((r) => r.id);
}

/** Which public people each court order covers (orders covering none are left out). */
export async function publicPeopleByOrder(db: Db): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom("order_people as op")
    .innerJoin("people as p", "p.id", "op.person_id")
    .select(["op.order_id", "op.person_id"])
    .where("p.is_public", "=", 1)
    .execute();
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const list = out.get(r.order_id);
    if (list) list.push(r.person_id);
    else out.set(r.order_id, [r.person_id]);
  }
  return out;
}

/** How many facts (people, events, orders, matters, claims, facilities) cite each source. */
export async function citationCountsBySource(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("citations")
    .select(["source_id", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("source_id")
    .execute();
  return new Map(rows.map((r) => [r.source_id, Number(r.n)]));
}
