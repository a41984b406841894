// Writing the case record: new people and new events, validated whole before anything is stored.
import type { Kysely } from "kysely";
import { AppError, badInput, type Problem, problemsFromZod } from "../domain/errors.ts";
import { newId } from "../domain/ids.ts";
import {
  type EventInput,
  EventInputSchema,
  eventRecord,
  eventTimeProblem,
  type HabeasEvent,
  type PersonInput,
  PersonInputSchema,
  parseEventDetails,
  RESTRICTED_PERSON_FIELDS,
} from "../domain/model.ts";
import type { Viewer } from "../domain/policy.ts";
import { parseWhen } from "../domain/time.ts";
import { findFacilityById, findMatterById, missingSources } from "../store/catalog.ts";
import type { Db } from "../store/db.ts";
import { findEventById, saveEvent } from "../store/events.ts";
import { findPersonById, savePerson } from "../store/people.ts";
import type { DB } from "../store/schema.ts";
import { audit } from "./audit.ts";
import { authorize } from "./authorize.ts";
import { reevaluateAfterEvent } from "./findings.ts";

async function sourceProblems(db: Db, sources: { source: string }[]): Promise<Problem[]> {
  const missing = await missingSources(
    db,
    sources.map((s) => s.source),
  );
  return missing.map((id) => ({ path: "sources", message: `unknown source ${id}` }));
}

export async function createPerson(db: Kysely<DB>, input: unknown, viewer: Viewer): Promise<string> {
  authorize(viewer, "write", "case");
  const parsed = PersonInputSchema.safeParse(input);
  if (!parsed.success) throw badInput("the person is not valid", problemsFromZod(parsed.error.issues));
  const p = parsed.data;
  if (RESTRICTED_PERSON_FIELDS.some((k) => p[k] !== undefined)) authorize(viewer, "write", "restricted");
  const problems = await sourceProblems(db, p.sources);
  if (problems.length) throw badInput("the person is not valid", problems);
  const id = p.id ?? newId(p.full_name);
  if (p.id && (await findPersonById(db, p.id)))
    throw new AppError("CONFLICT", `a person with id ${p.id} exists`);
  if (viewer.team && !p.team) p.team = viewer.team;
  await db.transaction().execute(async (tx) => {
    await savePerson(tx, id, p);
    await audit(tx, viewer, "person.create", `person:${id}`);
  });
  return id;
}

/** Validates an event input against the store (person, facility, matter, sources) and returns it ready to save. */
export async function prepareEvent(db: Db, input: unknown): Promise<Omit<HabeasEvent, "unverified">> {
  const parsed = EventInputSchema.safeParse(input);
  if (!parsed.success) throw badInput("the event is not valid", problemsFromZod(parsed.error.issues));
  const e = parsed.data;
  const problems: Problem[] = [];
  let at = "";
  let precision: HabeasEvent["precision"] = "day";
  let latest: string | undefined;
  try {
    const when = parseWhen(e.when, e.tz, e.precision);
    at = when.at;
    precision = when.precision;
    latest = when.latest;
    const future = eventTimeProblem(e.type, at);
    if (future) problems.push({ path: "when", message: future });
  } catch (err) {
    problems.push({ path: "when", message: (err as Error).message });
  }
  const details = parseEventDetails(e.type, e.details);
  if (!details.success) {
    for (const p of problemsFromZod(details.error.issues))
      problems.push({ path: `details.${p.path}`, message: p.message });
  }
  if (!(await findPersonById(db, e.person)))
    problems.push({ path: "person", message: `no person with id ${e.person}` });
  if (e.facility && !(await findFacilityById(db, e.facility))) {
    problems.push({ path: "facility", message: `no facility with id ${e.facility}` });
  }
  if (e.matter && !(await findMatterById(db, e.matter)))
    problems.push({ path: "matter", message: `no legal matter with id ${e.matter}` });
  problems.push(...(await sourceProblems(db, e.sources)));
  if (problems.length || !details.success) throw badInput("the event is not valid", problems);
  return eventRecord(
    { ...e, id: e.id ?? newId(`${e.type}-${at.slice(0, 10)}`) },
    { at, precision, latest },
    details.data as Record<string, unknown>,
  );
}

export type RecordedEvent = {
  id: string;
  person: string;
  findings: { added: number; removed: number; changed: number };
};

export async function recordEvent(
  db: Kysely<DB>,
  input: EventInput | unknown,
  viewer: Viewer,
): Promise<RecordedEvent> {
  authorize(viewer, "write", "case");
  const e = await prepareEvent(db, input);
  if (await findEventById(db, e.id)) throw new AppError("CONFLICT", `an event with id ${e.id} exists`);
  await db.transaction().execute(async (tx) => {
    await saveEvent(tx, e);
    await audit(tx, viewer, "event.create", `event:${e.id}`, { person: e.person });
  });
  // Only the people this event touches are re-evaluated; their stored findings show what changed.
  const changes = await reevaluateAfterEvent(db, { ...e, unverified: e.citations.length === 0 });
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

export type { PersonInput };
