// Aggregates for the public dashboard, computed in SQL over public records only (is_public = 1), so the
// page stays fast with 100,000 people and no private row ever leaves the store.
import { sql } from "kysely";
import { z } from "zod";
import { CUSTODY_EVENT_TYPES } from "../domain/custody.ts";
import { EVENT_TYPES, type EventType, type HabeasEvent } from "../domain/model.ts";
import type { Precision } from "../domain/time.ts";
import { readInChunks } from "./chunks.ts";
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

export type FacilityCountRow = { facility_id: string; records: number; people: number };

/** What the dashboard reads from public people's events (see publicEventFigures). */
export type PublicEventFigures = {
  lastCustody: LastCustodyRow[];
  byFacility: FacilityCountRow[];
  /** The newest events of the timeline's types, newest first. */
  latest: HabeasEvent[];
};

const inList = (xs: readonly string[]) => sql.join(xs.map((x) => sql`${x}`));

// (type, facility, country) of an event as one JSON text: a scalar subquery returns one column.
const CustodyKey = z.tuple([z.string(), z.string().nullable(), z.string().nullable()]);
const custodyKey = (db: Db) =>
  engineOf(db) === "postgres"
    ? sql`json_build_array(e.type, e.facility_id, e.country)::text`
    : sql`json_array(e.type, e.facility_id, e.country)`;

/**
 * Each public person's latest custody event at or before `asOf` (later ones are not counted), counted by
 * (type, facility, country). The choice matches domain/custody.ts lastCustodyEvent exactly (at DESC, id DESC);
 * the status each row stands for is decided by statusAfter, not here. One walk of the person's events from the
 * newest (events_person_cover) per public person, read from the indexes alone (people_public_figures).
 */
async function lastCustodyCounts(db: Db, asOf: string): Promise<LastCustodyRow[]> {
  const { rows } = await sql<{ k: string | null; records: number | string; people: number | string }>`
    SELECT x.k AS k, count(*) AS records, sum(coalesce(x.group_size, 1)) AS people
    FROM (SELECT p.group_size AS group_size,
                 (SELECT ${custodyKey(db)} FROM events e
                  WHERE e.person_id = p.id AND e.type IN (${inList(CUSTODY_EVENT_TYPES)}) AND e.at <= ${asOf}
                  ORDER BY e.at DESC, e.id DESC LIMIT 1) AS k
          FROM people p WHERE p.is_public = 1) x
    GROUP BY x.k`.execute(db);
  // People with no custody event form the group whose key is null, dropped here: a WHERE on the key made
  // SQLite walk every public person's events twice (the subquery is flattened into both clauses).
  return rows.flatMap((r) => {
    if (r.k === null) return [];
    const [type, facility_id, country] = readJson(CustodyKey, r.k, "last custody event");
    return [{ type, facility_id, country, records: Number(r.records), people: Number(r.people) }];
  });
}

/**
 * Public people ever recorded at each facility (any event there), groups weighted by their size. The distinct
 * pairs are keyed person first: the events arrive person by person, so SQLite's DISTINCT b-tree is filled in
 * order (keyed facility first it cost twice as much at 100,000 people: docs/BENCHMARKS.md).
 */
async function peopleByFacility(db: Db): Promise<FacilityCountRow[]> {
  const { rows } = await sql<{ facility_id: string; records: number | string; people: number | string }>`
    SELECT x.facility_id AS facility_id, count(*) AS records, sum(coalesce(x.group_size, 1)) AS people
    FROM (SELECT DISTINCT e.person_id, e.facility_id, p.group_size FROM people p ${peopleFirst(db)} events e
          ON e.person_id = p.id WHERE p.is_public = 1 AND e.facility_id IS NOT NULL) x
    GROUP BY x.facility_id`.execute(db);
  return rows.map((r) => ({
    facility_id: r.facility_id,
    records: Number(r.records),
    people: Number(r.people),
  }));
}

/** The newest events of public people of these types, read from the public people's events and sorted. */
async function newestOfPublicEvents(db: Db, types: readonly string[], limit: number): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    SELECT e.id AS id FROM people p ${peopleFirst(db)} events e ON e.person_id = p.id
    WHERE p.is_public = 1 AND e.type IN (${inList(types)})
    ORDER BY e.at DESC, e.id LIMIT ${limit}`.execute(db);
  return rows.map((r) => r.id);
}

/**
 * Where public people are now (their last custody event as of `asOf`), the facilities they were ever held
 * in, and the newest events of `types`: every figure the dashboard reads from public people's events,
 * driven from the public people (people_public_figures), so private records are never scanned. The newest
 * events come from the public people's events while they are few (up to 20,000 people); with more, from one
 * index range scan per type (events_type_at) instead of sorting every public event.
 */
export async function publicEventFigures(
  db: Db,
  opts: { asOf: string; types: readonly string[]; limit: number; publicPeople: number },
): Promise<PublicEventFigures> {
  const [lastCustody, byFacility, latestIds] = await Promise.all([
    lastCustodyCounts(db, opts.asOf),
    peopleByFacility(db),
    opts.publicPeople <= 20_000
      ? newestOfPublicEvents(db, opts.types, opts.limit)
      : newestOfTypes(db, opts.types, opts.limit),
  ]);
  return { lastCustody, byFacility, latest: await listEventsByIds(db, latestIds) };
}

/** The newest events of public people of these types: one index range scan per type, stopping at the limit. */
async function newestOfTypes(db: Db, types: readonly string[], limit: number): Promise<string[]> {
  const ids: { id: string; at: string }[] = [];
  for (const type of types) {
    ids.push(
      ...(await db
        .selectFrom("events as e")
        .innerJoin("people as p", "p.id", "e.person_id")
        .select(["e.id", "e.at"])
        .where("e.type", "=", type)
        .where("p.is_public", "=", 1)
        .orderBy("e.at", "desc")
        .limit(limit)
        .execute()),
    );
  }
  return newestFirst(ids, limit);
}

/** Ids, newest first (ties by id), at most `limit`. */
function newestFirst(ids: { id: string; at: string }[], limit: number): string[] {
  ids.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return ids.slice(0, limit).map((x) => x.id);
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
export async function citationCountsBySource(db: Db, ids: readonly string[]): Promise<Map<string, number>> {
  const rows = await readInChunks([...new Set(ids)], (chunk) =>
    db
      .selectFrom("citations")
      .select(["source_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("source_id", "in", chunk)
      .groupBy("source_id")
      .execute(),
  );
  return new Map(rows.map((r) => [r.source_id, Number(r.n)]));
}
