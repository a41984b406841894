// Aggregates for the public dashboard, computed in SQL over public records only (is_public = 1), so the
// page stays fast with 100,000 people and no private row ever leaves the store.
import { sql } from "kysely";
import { z } from "zod";
import { EVENT_TYPES, type EventType, type HabeasEvent } from "../domain/model.ts";
import type { Precision } from "../domain/time.ts";
import { readInChunks } from "./chunks.ts";
import { citationsFor } from "./citations.ts";
import type { Db } from "./db.ts";
import { engineOf } from "./dialect.ts";
import { readJson, und } from "./json.ts";
import { custodyKeyUntil } from "./public-figures.ts";

/**
 * A join read in the order written: SQLite's CROSS JOIN (its planner may otherwise start from the larger
 * table, or from the side that reads scattered rows). PostgreSQL plans these well by itself (and has no
 * CROSS JOIN … ON).
 */
const joinInOrder = (db: Db) => (engineOf(db) === "postgres" ? sql`JOIN` : sql`CROSS JOIN`);

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

// (type, facility, country) of an event as one JSON text (migration 098, store/public-figures.ts).
const CustodyKey = z.tuple([z.string(), z.string().nullable(), z.string().nullable()]);
// The distinct facilities of a person's events, as one JSON array text.
const FacilityList = z.array(z.string());

/**
 * Each public person's latest custody event at or before `asOf` (later ones are not counted), counted by
 * (type, facility, country), and the public people ever recorded at each facility (any event there); groups
 * weigh as many people as they stand for. Both come from the figures the database keeps for each public person
 * (public_person_figures, store/public-figures.ts): the public people's rows of one index
 * (people_public_figures) joined to one short row each of a small table, where reading each one's events read
 * pages scattered through the events' index. A person whose latest custody event is after `asOf` (a transfer
 * recorded ahead, or figures asked of the past) is read from their events instead, choosing as
 * domain/custody.ts lastCustodyEvent does (at DESC, id DESC); the status each row stands for is decided by
 * statusAfter, not here.
 */
async function publicPeopleFigures(
  db: Db,
  asOf: string,
): Promise<Pick<PublicEventFigures, "lastCustody" | "byFacility">> {
  const { rows } = await sql<{ g: number | null; k: string | null; fs: string | null }>`
    SELECT p.group_size AS g,
           CASE WHEN f.custody_at IS NULL OR f.custody_at <= ${asOf} THEN f.custody
                ELSE ${custodyKeyUntil(engineOf(db), asOf)} END AS k,
           f.facilities AS fs
    FROM people p ${joinInOrder(db)} public_person_figures f ON f.person_id = p.id
    WHERE p.is_public = 1`.execute(db);
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

/** Public people read at a time when looking for the newest events. */
const NEWEST_PAGE = 64;

/**
 * The newest events of public people of these types, newest first (ties: the greater id first, as
 * domain/custody.ts orders them), at most `limit`. Public people are read by their newest event of any type
 * (kept in public_person_figures, in its index), a page at a time, and their events of these types merged in,
 * until no person left can have a newer one: a few dozen people's events, where sorting every public event
 * read each public person's.
 */
async function newestOfPublicEvents(db: Db, types: readonly string[], limit: number): Promise<string[]> {
  if (limit <= 0 || !types.length) return [];
  let best: Dated[] = [];
  for (let offset = 0; ; offset += NEWEST_PAGE) {
    const { rows: people } = await sql<{ id: string; at: string }>`
      SELECT f.person_id AS id, f.newest_at AS at
      FROM public_person_figures f ${joinInOrder(db)} people p ON p.id = f.person_id
      WHERE p.is_public = 1
      ORDER BY f.newest_at DESC, f.person_id DESC LIMIT ${NEWEST_PAGE} OFFSET ${offset}`.execute(db);
    if (!people.length) break;
    const { rows: events } = await sql<Dated>`
      SELECT e.id AS id, e.at AS at FROM events e
      WHERE e.person_id IN (${sql.join(people.map((p) => p.id))}) AND e.type IN (${inList(types)})`.execute(
      db,
    );
    best = newestFirst([...best, ...events], limit);
    // No person after this page has an event newer than the page's last person's newest; on a tie a later
    // person's event could still come first (a greater id), so only a strictly newer last event ends it.
    const floor = people.at(-1)?.at ?? "";
    if (people.length < NEWEST_PAGE || (best.length >= limit && (best[limit - 1]?.at ?? "") > floor)) break;
  }
  return best.map((x) => x.id);
}

/**
 * Every figure the dashboard reads from public people's events: where public people are now (their last
 * custody event as of `asOf`), the facilities they were ever held in, and the newest events of `types`, all
 * read from the figures kept for public people (store/public-figures.ts), so private records are never read.
 */
export async function publicEventFigures(
  db: Db,
  opts: { asOf: string; types: readonly string[]; limit: number },
): Promise<PublicEventFigures> {
  const [{ lastCustody, byFacility }, latestIds] = await Promise.all([
    publicPeopleFigures(db, opts.asOf),
    newestOfPublicEvents(db, opts.types, opts.limit),
  ]);
  return { lastCustody, byFacility, latest: await listEventsByIds(db, latestIds) };
}

type Dated = { id: string; at: string };

/** Newest first (ties: the greater id first, as domain/custody.ts orders them), at most `limit`. */
function newestFirst(xs: Dated[], limit: number): Dated[] {
  xs.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  return xs.slice(0, limit);
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
