// Events of a person's timeline, in time order, each with its sources.

import type { Selectable } from "kysely";
import { z } from "zod";
import { placedCountry } from "../domain/custody.ts";
import { EVENT_TYPES, type EventType, type HabeasEvent, type TimelineEvent } from "../domain/model.ts";
import type { Precision } from "../domain/time.ts";
import { facilityCountries } from "./catalog.ts";
import { readInChunks } from "./chunks.ts";
import {
  citationsFor,
  eventCitationsOfPeople,
  eventCitationsOfPeopleInRange,
  replaceCitations,
} from "./citations.ts";
import type { Db } from "./db.ts";
import { nul, readJson, toJson, und } from "./json.ts";
import type { EventsTable } from "./schema.ts";
import { putSearchDoc } from "./search.ts";

const Details = z.record(z.string(), z.unknown()).default({});

/**
 * Stored details: a JSON object (absent → {}). The common case is checked by hand — a whole-record
 * evaluation reads a million of these — and anything else goes through the schema for its error.
 */
function readDetails(text: string | null): Record<string, unknown> {
  if (text) {
    try {
      const v: unknown = JSON.parse(text);
      if (v !== null && typeof v === "object" && !Array.isArray(v)) return v as Record<string, unknown>;
    } catch {}
  }
  return readJson(Details, text, "event details");
}

// What an event is made of (rowToEvent): every column but the row's own timestamps, which a whole-record
// read of a million events would otherwise turn into two million strings it never uses.
const EVENT_COLUMNS = [
  "id",
  "person_id",
  "type",
  "at",
  "precision",
  "at_latest",
  "tz",
  "facility_id",
  "place",
  "country",
  "matter_id",
  "summary",
  "details",
] as const satisfies readonly (keyof EventsTable)[];
type EventColumns = Pick<EventsTable, (typeof EVENT_COLUMNS)[number]>;

function rowToEvent(r: EventColumns, citations: HabeasEvent["citations"]): HabeasEvent {
  return { ...rowToTimelineEvent(r, citations.length > 0), citations };
}

/** An event as the rules read it; `country` is where it is placed when the caller knows (placedCountry). */
function rowToTimelineEvent(r: EventColumns, cited: boolean, country = und(r.country)): TimelineEvent {
  // Every key in one literal, `latest` too when there is none (as `facility` and the others): every event then
  // has one shape. A spread in the literal's middle made V8 build each object by its slow path, and events of
  // two shapes sent the rules' compiled code back to be compiled again (docs/BENCHMARKS.md).
  const type = (EVENT_TYPES as readonly string[]).includes(r.type) ? (r.type as EventType) : "OTHER";
  return {
    id: r.id,
    person: r.person_id,
    type,
    at: r.at,
    precision: r.precision as Precision,
    latest: und(r.at_latest),
    tz: r.tz,
    facility: und(r.facility_id),
    place: und(r.place),
    country,
    matter: und(r.matter_id),
    summary: r.summary,
    details: readDetails(r.details),
    unverified: !cited,
  };
}

/** The stored row of an event (without id and created_at): saveEvent and the bulk writer store the same. */
export function eventRow(e: Omit<HabeasEvent, "unverified">, now: string) {
  return {
    person_id: e.person,
    type: e.type,
    at: e.at,
    precision: e.precision,
    at_latest: nul(e.latest),
    tz: e.tz,
    facility_id: nul(e.facility),
    place: nul(e.place),
    country: nul(e.country),
    matter_id: nul(e.matter),
    summary: e.summary,
    details: toJson(e.details),
    updated_at: now,
  };
}

export async function saveEvent(db: Db, e: Omit<HabeasEvent, "unverified">): Promise<void> {
  const now = new Date().toISOString();
  const row = eventRow(e, now);
  await db
    .insertInto("events")
    .values({ id: e.id, ...row, created_at: now })
    .onConflict((oc) => oc.column("id").doUpdateSet(row))
    .execute();
  await replaceCitations(db, "event", e.id, e.citations);
  await putSearchDoc(db, "event", e.id, e.type, e.summary);
}

async function withCitations(db: Db, rows: Selectable<EventsTable>[]): Promise<HabeasEvent[]> {
  const cites = await citationsFor(
    db,
    "event",
    rows.map((r) => r.id),
  );
  return rows.map((r) => rowToEvent(r, cites.get(r.id) ?? []));
}

export async function findEventById(db: Db, id: string): Promise<HabeasEvent | undefined> {
  const row = await db.selectFrom("events").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? (await withCitations(db, [row]))[0] : undefined;
}

/** A person's timeline in time order. */
export async function listEventsForPerson(db: Db, personId: string): Promise<HabeasEvent[]> {
  // Two statements whose text never changes (the citations by the person, not by a list of their event
  // ids): both stay prepared in the statement cache, request after request (the timeline API).
  const [rows, cites] = await Promise.all([
    db
      .selectFrom("events")
      .selectAll()
      .where("person_id", "=", personId)
      .orderBy("at")
      .orderBy("id")
      .execute(),
    eventCitationsOfPeopleInRange(db, personId, personId),
  ]);
  return rows.map((r) => rowToEvent(r, cites.get(r.id) ?? []));
}

export async function listEventsForPeople(db: Db, ids: readonly string[]): Promise<HabeasEvent[]> {
  // The citations by person too, not by a list of every event id: a few statements, not one per 500 events.
  const [rows, cites] = await Promise.all([
    readInChunks(ids, (chunk) =>
      db.selectFrom("events").selectAll().where("person_id", "in", chunk).orderBy("at").execute(),
    ),
    eventCitationsOfPeople(db, ids),
  ]);
  return rows.map((r) => rowToEvent(r, cites.get(r.id) ?? []));
}

/**
 * These people's events of the given types, only what says which, whose, what and when, person by person and
 * each one's in time order: what an order's compliance is read from (rules/court-orders.ts
 * COMPLIANCE_EVENT_TYPES). No details, no citations: a class order's ledger over hundreds of people reads a
 * few thousand short rows, from the index alone (events_person_cover, in its order: nothing to sort).
 */
export async function eventStampsForPeople(
  db: Db,
  ids: readonly string[],
  types: readonly EventType[],
): Promise<Pick<TimelineEvent, "id" | "person" | "type" | "at" | "precision">[]> {
  const rows = await readInChunks(ids, (chunk) =>
    db
      .selectFrom("events")
      .select(["id", "person_id", "type", "at", "precision"])
      .where("person_id", "in", chunk)
      .where("type", "in", [...types])
      .orderBy("person_id")
      .orderBy("at")
      .orderBy("id")
      .execute(),
  );
  return rows.map((r) => ({
    id: r.id,
    person: r.person_id,
    type: r.type as EventType,
    at: r.at,
    precision: r.precision as Precision,
  }));
}

/**
 * Events as the rules read them, with whether each has a source (`events.cited`, kept by the citations'
 * triggers: migration 097) and the country of its facility (by its key), in the one statement: a few
 * people's (listTimelinesOf, a re-evaluation after a write, in one round trip). A whole-record evaluation
 * reads its facilities apart (listTimelinesInRange).
 */
function timelines(db: Db) {
  return (
    db
      .selectFrom("events")
      // A join, not a subquery per event: PostgreSQL ran that as a scan of the (small) facilities table for
      // every row, 50 ms a batch of 5,000 events instead of 15 (docs/BENCHMARKS.md).
      .leftJoin("facilities", "facilities.id", "events.facility_id")
      .select(EVENT_COLUMNS.map((c) => `events.${c}` as const))
      .select(["events.cited", "facilities.country as facility_country"])
  );
}

/**
 * Timeline events as read, each placed where domain/custody.ts places it (its facility's country, read by
 * the same statement): the rules see event ids, not facilities.
 */
function collectTimelines(
  rows: readonly (EventColumns & { cited: unknown; facility_country: string | null })[],
): TimelineEvent[] {
  return rows.map((r) =>
    rowToTimelineEvent(r, Boolean(r.cited), placedCountry(und(r.facility_country), und(r.country))),
  );
}

/**
 * Facilities' countries by id, as a whole-record evaluation has read them (null: none recorded), kept across
 * its batches: each facility is read once, the first time one of its events is (listTimelinesInRange).
 */
export type FacilityCountries = Map<string, string | null>;

/** Reads into `known` the country of each facility these events name that it lacks. */
async function learnFacilityCountries(
  db: Db,
  rows: readonly { facility_id: string | null }[],
  known: FacilityCountries,
) {
  const missing = new Set<string>();
  for (const r of rows) if (r.facility_id !== null && !known.has(r.facility_id)) missing.add(r.facility_id);
  if (!missing.size) return;
  const found = await facilityCountries(db, [...missing]);
  for (const id of missing) known.set(id, found.get(id) ?? null);
}

/**
 * Timelines of everyone whose person id lies in [first, last], by person then time, as the rules read them
 * (domain/model.ts TimelineEvent): whether each event has a source instead of every citation. One range
 * scan (whole-record evaluation reads people in id order, batch by batch). Each event is placed as
 * listTimelinesOf places it, its facility's country from `known` (read there when new to it): the events'
 * statement alone is an ordered walk of the person/time index, where with the facilities joined PostgreSQL
 * hashed the join and sorted the rows again, twice its server CPU for the statement (0.88–0.90 → 0.43–0.47 s
 * over the national dataset's 1,000 batches; SQLite 0.82–1.0 → 0.72 s: docs/BENCHMARKS.md).
 */
export async function listTimelinesInRange(
  db: Db,
  first: string,
  last: string,
  known: FacilityCountries = new Map(),
): Promise<TimelineEvent[]> {
  const rows = await db
    .selectFrom("events")
    .select([...EVENT_COLUMNS, "cited"])
    .where("person_id", ">=", first)
    .where("person_id", "<=", last)
    .orderBy("person_id")
    .orderBy("at")
    .orderBy("id")
    .execute();
  await learnFacilityCountries(db, rows, known);
  return rows.map((r) =>
    rowToTimelineEvent(
      r,
      Boolean(r.cited),
      placedCountry(
        r.facility_id === null ? undefined : (known.get(r.facility_id) ?? undefined),
        und(r.country),
      ),
    ),
  );
}

/**
 * The timelines of these people, read and placed as listTimelinesInRange reads them, their facilities'
 * countries by the same statement (a re-evaluation after a change).
 */
export async function listTimelinesOf(db: Db, ids: readonly string[]): Promise<TimelineEvent[]> {
  const rows = await readInChunks(ids, (chunk) =>
    timelines(db)
      .where("events.person_id", "in", chunk)
      .orderBy("events.person_id")
      .orderBy("events.at")
      .orderBy("events.id")
      .execute(),
  );
  return collectTimelines(rows);
}

export async function listEvents(db: Db, f: { limit?: number; offset?: number; type?: string } = {}) {
  let q = db.selectFrom("events").selectAll().orderBy("at").orderBy("id");
  if (f.type) q = q.where("type", "=", f.type);
  return withCitations(
    db,
    await q
      .limit(f.limit ?? 100)
      .offset(f.offset ?? 0)
      .execute(),
  );
}
