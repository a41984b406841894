// Soft-deleted records. A mistaken person or event is moved out of the live tables into one trash row, so
// every read, search, count and export leaves it out with no filter of its own; restoring moves the same
// rows back. Raw rows move: a person's restricted fields stay sealed as they were stored.
import type { Kysely, Selectable } from "kysely";
import { AppError } from "../domain/errors.ts";
import type { Db } from "./db.ts";
import type {
  AssignmentsTable,
  CitationsTable,
  DeletedRecordsTable,
  EventsTable,
  FamilyCodesTable,
  MatterPeopleTable,
  OrderPeopleTable,
  PeopleTable,
} from "./schema.ts";
import { deleteSearchDoc, indexNames, putSearchDoc } from "./search.ts";

type Citation = Omit<CitationsTable, "id">;
type Snapshot = {
  person?: PeopleTable;
  events: Selectable<EventsTable>[];
  citations: Citation[];
  matter_people?: MatterPeopleTable[];
  order_people?: OrderPeopleTable[];
  family_codes?: FamilyCodesTable[];
  assignments?: AssignmentsTable[];
};
export type TrashEntry = Omit<DeletedRecordsTable, "snapshot">;
type Meta = { id: string; reason: string; by: string; at: string };

async function citationsOf(db: Db, kind: "person" | "event", ids: readonly string[]): Promise<Citation[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom("citations")
    .selectAll()
    .where("subject_kind", "=", kind)
    .where("subject_id", "in", [...ids])
    .orderBy("id")
    .execute();
  return rows.map(({ id: _id, ...c }) => c);
}

async function dropEvents(db: Db, events: readonly Selectable<EventsTable>[]) {
  const ids = events.map((e) => e.id);
  if (!ids.length) return;
  for (const id of ids) await deleteSearchDoc(db, "event", id);
  await db
    .deleteFrom("citations")
    .where("subject_kind", "=", "event")
    .where("subject_id", "in", ids)
    .execute();
  await db.deleteFrom("events").where("id", "in", ids).execute();
}

async function putEvents(db: Db, events: readonly Selectable<EventsTable>[]) {
  for (const e of events) {
    await db.insertInto("events").values(e).execute();
    await putSearchDoc(db, "event", e.id, e.type, e.summary);
  }
}

/** The handle for moving raw rows of a table named at run time: they were read from that same table. */
// biome-ignore lint/suspicious/noExplicitAny: rows move as read, table by table.
const loose = (db: Db) => db as unknown as Kysely<any>;

async function insertAll<T extends keyof Snapshot>(db: Db, table: T, rows: Snapshot[T]) {
  if (!Array.isArray(rows) || !rows.length) return;
  await loose(db).insertInto(table).values(rows).execute();
}

/** Moves one event out of the live tables. */
export async function trashEvent(db: Db, eventId: string, meta: Meta): Promise<TrashEntry> {
  const event = await db.selectFrom("events").selectAll().where("id", "=", eventId).executeTakeFirst();
  if (!event) throw new AppError("NOT_FOUND", `no event with id ${eventId}`);
  const person = await db
    .selectFrom("people")
    .select("team")
    .where("id", "=", event.person_id)
    .executeTakeFirst();
  const snapshot: Snapshot = { events: [event], citations: await citationsOf(db, "event", [eventId]) };
  await dropEvents(db, [event]);
  const entry: TrashEntry = {
    id: meta.id,
    kind: "event",
    record_id: eventId,
    person_id: event.person_id,
    team: person?.team ?? null,
    reason: meta.reason,
    deleted_at: meta.at,
    deleted_by: meta.by,
    restored_at: null,
    restored_by: null,
  };
  await db
    .insertInto("deleted_records")
    .values({ ...entry, snapshot: JSON.stringify(snapshot) })
    .execute();
  return entry;
}

/** Moves a person out of the live tables with everything that hangs on them (events, links, codes). */
export async function trashPerson(db: Db, personId: string, meta: Meta): Promise<TrashEntry> {
  const person = await db.selectFrom("people").selectAll().where("id", "=", personId).executeTakeFirst();
  if (!person) throw new AppError("NOT_FOUND", `no person with id ${personId}`);
  const events = await db
    .selectFrom("events")
    .selectAll()
    .where("person_id", "=", personId)
    .orderBy("id")
    .execute();
  const byPerson = <T extends "matter_people" | "order_people" | "family_codes" | "assignments">(t: T) =>
    loose(db).selectFrom(t).selectAll().where("person_id", "=", personId).execute() as Promise<Snapshot[T]>;
  const snapshot: Snapshot = {
    person,
    events,
    citations: [
      ...(await citationsOf(db, "person", [personId])),
      ...(await citationsOf(
        db,
        "event",
        events.map((e) => e.id),
      )),
    ],
    matter_people: await byPerson("matter_people"),
    order_people: await byPerson("order_people"),
    family_codes: await byPerson("family_codes"),
    assignments: await byPerson("assignments"),
  };
  await dropEvents(db, events);
  await deleteSearchDoc(db, "person", personId);
  await indexNames(db, personId, []);
  await db
    .deleteFrom("citations")
    .where("subject_kind", "=", "person")
    .where("subject_id", "=", personId)
    .execute();
  // The rest (links, codes, findings, assignments) goes with the row by ON DELETE CASCADE.
  await db.deleteFrom("people").where("id", "=", personId).execute();
  const entry: TrashEntry = {
    id: meta.id,
    kind: "person",
    record_id: personId,
    person_id: personId,
    team: person.team,
    reason: meta.reason,
    deleted_at: meta.at,
    deleted_by: meta.by,
    restored_at: null,
    restored_by: null,
  };
  await db
    .insertInto("deleted_records")
    .values({ ...entry, snapshot: JSON.stringify(snapshot) })
    .execute();
  return entry;
}

/** The columns of a trash entry (the record's own rows stay sealed in the payload until restored). */
const TRASH_COLUMNS = [
  "id",
  "kind",
  "record_id",
  "person_id",
  "team",
  "reason",
  "deleted_at",
  "deleted_by",
  "restored_at",
  "restored_by",
] as const;

export async function findTrash(db: Db, id: string): Promise<TrashEntry | undefined> {
  return db.selectFrom("deleted_records").select(TRASH_COLUMNS).where("id", "=", id).executeTakeFirst();
}

/** Removed records, newest first: all of them, or `limit` from `offset`. */
export async function listTrash(
  db: Db,
  opts: { restored?: boolean; limit?: number; offset?: number } = {},
): Promise<TrashEntry[]> {
  let q = db.selectFrom("deleted_records").select(TRASH_COLUMNS).orderBy("deleted_at", "desc").orderBy("id");
  if (opts.restored !== undefined) q = q.where("restored_at", opts.restored ? "is not" : "is", null);
  if (opts.limit !== undefined) q = q.limit(opts.limit).offset(opts.offset ?? 0);
  return q.execute();
}

/** How many removed records there are (listTrash's whole list). */
export async function countTrash(db: Db, opts: { restored?: boolean } = {}): Promise<number> {
  let q = db.selectFrom("deleted_records").select((eb) => eb.fn.countAll<number>().as("n"));
  if (opts.restored !== undefined) q = q.where("restored_at", opts.restored ? "is not" : "is", null);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** Moves a trashed record back into the live tables, exactly as it was. */
export async function restoreTrash(db: Db, id: string, by: string, at: string): Promise<TrashEntry> {
  const row = await db.selectFrom("deleted_records").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", `no deleted record with id ${id}`);
  if (row.restored_at) throw new AppError("CONFLICT", `deleted record ${id} was already restored`);
  const snap = JSON.parse(row.snapshot) as Snapshot;
  if (snap.person) {
    if (await db.selectFrom("people").select("id").where("id", "=", snap.person.id).executeTakeFirst())
      throw new AppError("CONFLICT", `a person with id ${snap.person.id} exists again`);
    await db.insertInto("people").values(snap.person).execute();
    const aliases = JSON.parse(snap.person.aliases) as string[];
    await indexNames(db, snap.person.id, [snap.person.full_name, ...aliases]);
    await putSearchDoc(
      db,
      "person",
      snap.person.id,
      snap.person.full_name,
      [...aliases, snap.person.summary ?? ""].join("\n"),
    );
  } else if (
    !(await db.selectFrom("people").select("id").where("id", "=", row.person_id).executeTakeFirst())
  ) {
    throw new AppError(
      "CONFLICT",
      `the event's person ${row.person_id} is not on record: restore them first`,
    );
  }
  for (const e of snap.events)
    if (await db.selectFrom("events").select("id").where("id", "=", e.id).executeTakeFirst())
      throw new AppError("CONFLICT", `an event with id ${e.id} exists again`);
  await putEvents(db, snap.events);
  await insertAll(db, "citations", snap.citations);
  await insertAll(db, "matter_people", snap.matter_people);
  await insertAll(db, "order_people", snap.order_people);
  await insertAll(db, "family_codes", snap.family_codes);
  // Staff who have since left keep no assignment.
  const users = new Set((await db.selectFrom("users").select("id").execute()).map((u) => u.id));
  await insertAll(
    db,
    "assignments",
    (snap.assignments ?? []).filter((a) => users.has(a.user_id)),
  );
  await db
    .updateTable("deleted_records")
    .set({ restored_at: at, restored_by: by })
    .where("id", "=", id)
    .execute();
  const { snapshot: _s, ...entry } = row;
  return { ...entry, restored_at: at, restored_by: by };
}
