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
// The distinct facilities of a person's events, as one JSON array text.
const FacilityList = z.array(z.string());
const facilityList = (db: Db) =>
  engineOf(db) === "postgres"
    ? sql`json_agg(DISTINCT e.facility_id)::text`
    : sql`json_group_array(DISTINCT e.facility_id)`;

/**
 * Each public person's latest custody event at or before `asOf` (later ones are not counted), counted by
 * (type, facility, country), and the public people ever recorded at each facility (any event there); groups
 * weigh as many people as they stand for. The latest event matches domain/custody.ts lastCustodyEvent exactly
 * (at DESC, id DESC); the status each row stands for is decided by statusAfter, not here. One statement, one
 * row per public person (people_public_figures), each reading that person's events from the index alone
 * (events_person_cover): the person's index pages are read once for both figures, where two statements read
 * them twice (and a small page cache from the disk twice: docs/BENCHMARKS.md).
 */
async function publicPeopleFigures(
  db: Db,
  asOf: string,
): Promise<Pick<PublicEventFigures, "lastCustody" | "byFacility">> {
  const { rows } = await sql<{ g: number | null; k: string | null; fs: string | null }>`
    SELECT p.group_size AS g,
           (SELECT ${custodyKey(db)} FROM events e
            WHERE e.person_id = p.id AND e.type IN (${inList(CUSTODY_EVENT_TYPES)}) AND e.at <= ${asOf}
            ORDER BY e.at DESC, e.id DESC LIMIT 1) AS k,
           (SELECT ${facilityList(db)} FROM events e
            WHERE e.person_id = p.id AND e.facility_id IS NOT NULL) AS fs
    FROM people p WHERE p.is_public = 1`.execute(db);
  const last = new Map<string, { records: number; people: number }>();
  const byFacility = new Map<string, { records: number; people: number }>();
  const add = (m: Map<string, { records: number; people: number }>, key: string, people: number) => {
    const c = m.get(key);
    if (c) {
      c.records += 1;
      c.people += people;
    } else m.set(key, { records: 1, people });
  };
  for (const r of rows) {
    const people = Number(r.g ?? 1);
    // People with no custody event are where no figure places them.
    if (r.k !== null) add(last, r.k, people);
    // PostgreSQL's json_agg of no rows is null, SQLite's json_group_array "[]".
    if (r.fs !== null) for (const f of readJson(FacilityList, r.fs, "facilities")) add(byFacility, f, people);
  }
  return {
    lastCustody: [...last].map(([k, c]) => {
      const [type, facility_id, country] = readJson(CustodyKey, k, "last custody event");
      return { type, facility_id, country, ...c };
    }),
    byFacility: [...byFacility].map(([facility_id, c]) => ({ facility_id, ...c })),
  };
}

/** The newest events of public people of these types, read from the public people's events and sorted. */
async function newestOfPublicEvents(db: Db, types: readonly string[], limit: number): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    SELECT e.id AS id FROM people p ${peopleFirst(db)} events e ON e.person_id = p.id
    WHERE p.is_public = 1 AND e.type IN (${inList(types)})
    ORDER BY e.at DESC, e.id DESC LIMIT ${limit}`.execute(db);
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
  const [{ lastCustody, byFacility }, latestIds] = await Promise.all([
    publicPeopleFigures(db, opts.asOf),
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

/** Ids, newest first (ties: the greater id first, as domain/custody.ts orders them), at most `limit`. */
function newestFirst(ids: { id: string; at: string }[], limit: number): string[] {
  ids.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
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
