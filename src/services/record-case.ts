// The write commands for people and events: one function per use case, called alike by the API, the forms,
// the CLI, intake and review. Each loads what it touches through the visibility scope, validates the whole
// input (every problem at once), writes in one transaction with its audit entry, and owns its side effects:
// re-evaluating the findings of the people touched and refreshing the dashboard.

import { AppError, badInput, isAppError, type Problem, problemsFromZod } from "../domain/errors.ts";
import { opaqueId } from "../domain/ids.ts";
import {
  type Citation,
  type EventInput,
  EventInputSchema,
  EventTypeSchema,
  eventRecord,
  eventTimeProblem,
  type HabeasEvent,
  type PersonData,
  PersonInputSchema,
  parseEventDetails,
  RESTRICTED_PERSON_FIELDS,
  WRITE_ONLY_PERSON_FIELDS,
} from "../domain/model.ts";
import { can, type Viewer } from "../domain/policy.ts";
import { parseWhen } from "../domain/time.ts";
import { findFacilityById } from "../store/catalog.ts";
import type { Database, Db } from "../store/db.ts";
import { findEventById, saveEvent } from "../store/events.ts";
import { findPersonById, savePerson } from "../store/people.ts";
import { audit } from "./audit.ts";
import { authorize } from "./authorize.ts";
import { invalidateDashboard } from "./dashboard.ts";
import { reevaluate, reevaluateAfterEvent } from "./findings.ts";
import { getPersonRecord } from "./person-record.ts";
import {
  listSources,
  loadEventForWrite,
  loadMatter,
  loadPerson,
  loadPersonForWrite,
  teamForNewRecord,
} from "./scope.ts";

/** Sources an input cites that do not exist or that the writer may not read: both are "unknown". */
export async function sourceProblems(
  db: Db,
  viewer: Viewer,
  ids: readonly string[],
  path = "sources",
): Promise<Problem[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const known = new Set((await listSources(db, viewer, unique)).map((s) => s.id));
  return unique.filter((id) => !known.has(id)).map((id) => ({ path, message: `unknown source ${id}` }));
}

/** Keeps the quote and field of citations that stay; new source ids get a bare citation. */
export function mergeCitations(
  existing: readonly Citation[],
  ids: readonly string[] | undefined,
): Citation[] {
  if (!ids) return [...existing];
  return [...new Set(ids)].map((id) => existing.find((c) => c.source === id) ?? { source: id });
}

/** Only the operator and admins choose ids (imports keep theirs); everyone else gets an opaque one. */
function chosenId(viewer: Viewer, id: unknown): string | undefined {
  if (id === undefined || id === null || id === "") return undefined;
  if (viewer.role !== "admin")
    throw badInput("ids are assigned by habeas", [{ path: "id", message: "ids are assigned by habeas" }]);
  return String(id);
}

// ---------- people ----------

/**
 * Restricted fields need a restricted writer, except the write-only ones (contacts a hotline volunteer
 * records on the call, sealed at once and never shown back to them).
 */
export function authorizePersonFields(viewer: Viewer, p: Partial<Record<string, unknown>>) {
  const writeOnly = new Set<string>(WRITE_ONLY_PERSON_FIELDS);
  if (RESTRICTED_PERSON_FIELDS.some((k) => !writeOnly.has(k) && p[k] !== undefined))
    authorize(viewer, "write", "restricted");
}

/** Writes a changed person inside a transaction (updatePerson and intake's additions to a record). */
export async function replacePerson(tx: Db, viewer: Viewer, id: string, p: PersonData, via?: string) {
  await savePerson(tx, id, { ...p, id });
  await audit(tx, viewer, "person.update", `person:${id}`, via ? { via } : undefined);
}

/** Writes a new person inside a transaction (intake and review call this too). */
export async function insertPerson(tx: Db, viewer: Viewer, id: string, p: PersonData, via?: string) {
  if (await findPersonById(tx, id)) throw new AppError("CONFLICT", `a person with id ${id} exists`);
  await savePerson(tx, id, { ...p, id });
  await audit(tx, viewer, "person.create", `person:${id}`, via ? { via } : undefined);
}

/** Checks a new person's answers and sources; returns the person ready to write. */
export async function preparePerson(db: Db, input: unknown, viewer: Viewer): Promise<PersonData> {
  authorize(viewer, "write", "case");
  const parsed = PersonInputSchema.safeParse(input);
  if (!parsed.success) throw badInput("the person is not valid", problemsFromZod(parsed.error.issues));
  const p = parsed.data;
  authorizePersonFields(viewer, p);
  const problems = await sourceProblems(
    db,
    viewer,
    p.sources.map((s) => s.source),
  );
  if (problems.length) throw badInput("the person is not valid", problems);
  return { ...p, team: teamForNewRecord(viewer, p.team) };
}

export async function createPerson(db: Database, input: unknown, viewer: Viewer): Promise<string> {
  const raw = (input && typeof input === "object" ? input : {}) as Record<string, unknown>;
  const p = await preparePerson(db, { ...raw, id: undefined }, viewer);
  const id = chosenId(viewer, raw.id) ?? opaqueId("p");
  await db.transaction().execute((tx) => insertPerson(tx, viewer, id, p));
  invalidateDashboard(db);
  return id;
}

export type PersonEdit = Record<string, unknown> & { source_ids?: string[] };

/**
 * Replaces a person's record with the edited one. Fields above the editor's clearance keep their stored
 * values, so a volunteer's edit cannot erase an A-number they were never shown; only admins move a person
 * to another team.
 */
export async function updatePerson(
  db: Database,
  id: string,
  input: PersonEdit,
  viewer: Viewer,
): Promise<void> {
  const existing = await loadPersonForWrite(db, viewer, id);
  const { source_ids, sources: _s, ...fields } = input;
  const merged: Record<string, unknown> = {
    ...fields,
    sources: mergeCitations(existing.citations, source_ids),
  };
  if (!can(viewer, "write", "restricted")) {
    for (const f of RESTRICTED_PERSON_FIELDS) merged[f] = existing[f];
  }
  if (merged.team === undefined || merged.team === "") merged.team = existing.team;
  if (merged.team !== existing.team && viewer.role !== "admin")
    throw new AppError("FORBIDDEN", "only an admin moves a person to another team");
  const parsed = PersonInputSchema.safeParse(merged);
  if (!parsed.success) throw badInput("the person is not valid", problemsFromZod(parsed.error.issues));
  const problems = await sourceProblems(
    db,
    viewer,
    parsed.data.sources.map((s) => s.source),
  );
  if (problems.length) throw badInput("the person is not valid", problems);
  await db.transaction().execute(async (tx) => {
    await replacePerson(tx, viewer, id, parsed.data);
    await reevaluate(tx, [id]);
  });
  invalidateDashboard(db);
}

// ---------- events ----------

/**
 * Validates an event input against the store — its person (through the scope: someone the writer may not
 * see is "not found", as a missing one), facility, matter and sources — and returns it ready to save. Every
 * problem is reported at once.
 */
export async function prepareEvent(
  db: Db,
  input: unknown,
  viewer: Viewer,
): Promise<Omit<HabeasEvent, "unverified">> {
  const raw = (input && typeof input === "object" ? input : {}) as Record<string, unknown>;
  if (typeof raw.person === "string" && raw.person) await loadPerson(db, viewer, raw.person);
  const parsed = EventInputSchema.safeParse(raw);
  const problems: Problem[] = parsed.success ? [] : problemsFromZod(parsed.error.issues);
  let when: ReturnType<typeof parseWhen> | undefined;
  if (typeof raw.when === "string" && raw.when.trim().length >= 4) {
    try {
      when = parseWhen(
        raw.when,
        typeof raw.tz === "string" ? raw.tz : "UTC",
        parsed.success ? parsed.data.precision : undefined,
      );
      const type = EventTypeSchema.safeParse(raw.type);
      const future = type.success ? eventTimeProblem(type.data, when.at) : undefined;
      if (future) problems.push({ path: "when", message: future });
    } catch (err) {
      problems.push({ path: "when", message: (err as Error).message });
    }
  }
  const type = EventTypeSchema.safeParse(raw.type);
  const details = type.success ? parseEventDetails(type.data, raw.details) : undefined;
  if (details && !details.success)
    for (const p of problemsFromZod(details.error.issues))
      problems.push({ path: `details.${p.path}`, message: p.message });
  if (typeof raw.facility === "string" && raw.facility && !(await findFacilityById(db, raw.facility)))
    problems.push({ path: "facility", message: `no facility with id ${raw.facility}` });
  if (typeof raw.matter === "string" && raw.matter) {
    try {
      await loadMatter(db, viewer, raw.matter);
    } catch (e) {
      if (!isAppError(e) || e.code !== "NOT_FOUND") throw e;
      problems.push({ path: "matter", message: `no legal matter with id ${raw.matter}` });
    }
  }
  if (parsed.success)
    problems.push(
      ...(await sourceProblems(
        db,
        viewer,
        parsed.data.sources.map((s) => s.source),
      )),
    );
  const seen = new Set<string>();
  const unique = problems.filter(
    (p) => !seen.has(`${p.path}|${p.message}`) && seen.add(`${p.path}|${p.message}`),
  );
  if (unique.length || !parsed.success || !when || !details?.success)
    throw badInput("the event is not valid", unique);
  const e = parsed.data;
  return eventRecord({ ...e, id: e.id ?? opaqueId("ev") }, when, details.data as Record<string, unknown>);
}

/** Writes a prepared event inside a transaction (intake and review call this too). */
export async function insertEvent(tx: Db, viewer: Viewer, e: Omit<HabeasEvent, "unverified">, via?: string) {
  if (await findEventById(tx, e.id)) throw new AppError("CONFLICT", `an event with id ${e.id} exists`);
  await saveEvent(tx, e);
  await audit(tx, viewer, "event.create", `event:${e.id}`, { person: e.person, ...(via ? { via } : {}) });
}

export type RecordedEvent = {
  id: string;
  person: string;
  findings: { added: number; removed: number; changed: number };
};

/** Adds an event to a person the writer may see (API, forms, CLI). Takes `sources` or `source_ids`. */
export async function recordEvent(
  db: Database,
  input: EventInput | Record<string, unknown> | unknown,
  viewer: Viewer,
): Promise<RecordedEvent> {
  authorize(viewer, "write", "case");
  const raw = (input && typeof input === "object" ? input : {}) as Record<string, unknown>;
  const { source_ids, ...fields } = raw;
  const id = chosenId(viewer, fields.id);
  const sources = Array.isArray(source_ids) ? mergeCitations([], source_ids as string[]) : fields.sources;
  const e = await prepareEvent(db, { ...fields, id, sources }, viewer);
  // Only the people this event touches are re-evaluated; their stored findings show what changed.
  const changes = await db.transaction().execute(async (tx) => {
    await insertEvent(tx, viewer, e);
    return reevaluateAfterEvent(tx, { ...e, unverified: e.citations.length === 0 });
  });
  invalidateDashboard(db);
  return {
    id: e.id,
    person: e.person,
    findings: {
      added: changes.added.length,
      removed: changes.removed.length,
      changed: changes.changed.length,
    },
  };
}

/** Replaces an event (its person stays the same). */
export async function updateEvent(
  db: Database,
  id: string,
  input: Record<string, unknown> & { source_ids?: string[] },
  viewer: Viewer,
): Promise<{ id: string; person: string }> {
  const { event: existing } = await loadEventForWrite(db, viewer, id);
  const { source_ids, ...fields } = input;
  const e = await prepareEvent(
    db,
    { ...fields, id, person: existing.person, sources: mergeCitations(existing.citations, source_ids) },
    viewer,
  );
  await db.transaction().execute(async (tx) => {
    await saveEvent(tx, e);
    await audit(tx, viewer, "event.update", `event:${id}`, { person: existing.person });
    await reevaluateAfterEvent(tx, { ...e, unverified: e.citations.length === 0 });
  });
  invalidateDashboard(db);
  return { id, person: existing.person };
}

/** An event to edit, if the editor may change its person's case. */
export async function getEventForEdit(db: Db, id: string, viewer: Viewer): Promise<HabeasEvent> {
  return (await loadEventForWrite(db, viewer, id)).event;
}

/** A person's record for an edit form: only for a writer with full access to the case. */
export async function getPersonForEdit(db: Db, id: string, viewer: Viewer) {
  await loadPersonForWrite(db, viewer, id);
  return getPersonRecord(db, id, viewer);
}
