// Editing the case record from the staff forms: people, events, court orders, legal matters and sources,
// each validated whole (every problem reported at once) before anything is written.
import type { Kysely } from "kysely";
import { AppError, badInput, isAppError, type Problem, problemsFromZod } from "../domain/errors.ts";
import { newId } from "../domain/ids.ts";
import {
  type Citation,
  CourtOrderSchema,
  EventTypeSchema,
  type HabeasEvent,
  LegalMatterSchema,
  PersonInputSchema,
  parseEventDetails,
  RESTRICTED_PERSON_FIELDS,
  SourceSchema,
} from "../domain/model.ts";
import { can, type Viewer } from "../domain/policy.ts";
import { parseWhen } from "../domain/time.ts";
import {
  findMatterById,
  findOrderById,
  findSourceById,
  missingSources,
  saveMatter,
  saveOrder,
  saveSource,
} from "../store/catalog.ts";
import type { Db } from "../store/db.ts";
import { findEventById, saveEvent } from "../store/events.ts";
import { findPeopleByIds, findPersonById, savePerson } from "../store/people.ts";
import type { DB } from "../store/schema.ts";
import { audit } from "./audit.ts";
import { authorize } from "./authorize.ts";
import { invalidateDashboard } from "./dashboard.ts";
import { reevaluate, reevaluateAfterEvent } from "./findings.ts";
import { visibleTo } from "./person-record.ts";
import { prepareEvent } from "./record-case.ts";

/** Keeps the quote and field of citations that stay; new source ids get a bare citation. */
function mergeCitations(existing: readonly Citation[], ids: readonly string[] | undefined): Citation[] {
  if (!ids) return [...existing];
  return [...new Set(ids)].map((id) => existing.find((c) => c.source === id) ?? { source: id });
}

async function sourceProblems(db: Db, ids: readonly string[], path = "sources"): Promise<Problem[]> {
  return (await missingSources(db, ids)).map((id) => ({ path, message: `unknown source ${id}` }));
}

async function peopleProblems(
  db: Db,
  ids: readonly string[],
  viewer: Viewer,
  path: string,
): Promise<Problem[]> {
  const found = new Set(
    (await findPeopleByIds(db, ids)).filter((p) => visibleTo(p, viewer)).map((p) => p.id),
  );
  return ids.filter((id) => !found.has(id)).map((id) => ({ path, message: `no person with id ${id}` }));
}

export type PersonEdit = Record<string, unknown> & { source_ids?: string[] };

/**
 * Replaces a person's record with the edited one. Fields above the editor's clearance keep their stored
 * values, so a volunteer's edit cannot erase an A-number they were never shown.
 */
export async function updatePerson(
  db: Kysely<DB>,
  id: string,
  input: PersonEdit,
  viewer: Viewer,
): Promise<void> {
  authorize(viewer, "write", "case");
  const existing = await findPersonById(db, id);
  if (!existing || !visibleTo(existing, viewer)) throw new AppError("NOT_FOUND", `no person with id ${id}`);
  const { source_ids, ...fields } = input;
  const merged: Record<string, unknown> = {
    ...fields,
    sources: mergeCitations(existing.citations, source_ids),
  };
  if (!can(viewer, "write", "restricted")) {
    for (const f of RESTRICTED_PERSON_FIELDS) merged[f] = existing[f];
  }
  if (existing.team && merged.team === undefined) merged.team = existing.team;
  const parsed = PersonInputSchema.safeParse(merged);
  if (!parsed.success) throw badInput("the person is not valid", problemsFromZod(parsed.error.issues));
  const problems = await sourceProblems(
    db,
    parsed.data.sources.map((s) => s.source),
  );
  if (problems.length) throw badInput("the person is not valid", problems);
  await db.transaction().execute(async (tx) => {
    await savePerson(tx, id, { ...parsed.data, id });
    await audit(tx, viewer, "person.update", `person:${id}`);
  });
  invalidateDashboard(db);
}

/**
 * prepareEvent stops at the first failing stage (shape, then time and details); the form wants every
 * problem at once, so time and details are also checked here when the shape is wrong.
 */
async function prepareAll(db: Db, input: Record<string, unknown>) {
  try {
    return await prepareEvent(db, input);
  } catch (e) {
    if (!isAppError(e) || e.code !== "BAD_INPUT") throw e;
    const extra: Problem[] = [];
    const type = EventTypeSchema.safeParse(input.type);
    if (type.success) {
      const details = parseEventDetails(type.data, input.details);
      if (!details.success)
        for (const p of problemsFromZod(details.error.issues))
          extra.push({ path: `details.${p.path}`, message: p.message });
    }
    if (typeof input.when === "string" && input.when.trim().length >= 4) {
      try {
        parseWhen(input.when, typeof input.tz === "string" ? input.tz : "UTC");
      } catch (err) {
        extra.push({ path: "when", message: (err as Error).message });
      }
    }
    const seen = new Set(e.problems.map((p) => `${p.path}|${p.message}`));
    const all = [...e.problems, ...extra.filter((p) => !seen.has(`${p.path}|${p.message}`))];
    throw badInput(e.message, all);
  }
}

/** Replaces an event (its person stays the same). */
export async function updateEvent(
  db: Kysely<DB>,
  id: string,
  input: Record<string, unknown> & { source_ids?: string[] },
  viewer: Viewer,
): Promise<{ id: string; person: string }> {
  authorize(viewer, "write", "case");
  const existing = await findEventById(db, id);
  const person = existing ? await findPersonById(db, existing.person) : undefined;
  if (!existing || !person || !visibleTo(person, viewer))
    throw new AppError("NOT_FOUND", `no event with id ${id}`);
  const { source_ids, ...fields } = input;
  const e: Omit<HabeasEvent, "unverified"> = await prepareAll(db, {
    ...fields,
    id,
    person: existing.person,
    sources: mergeCitations(existing.citations, source_ids),
  });
  await db.transaction().execute(async (tx) => {
    await saveEvent(tx, e);
    await audit(tx, viewer, "event.update", `event:${id}`, { person: existing.person });
  });
  await reevaluateAfterEvent(db, { ...e, unverified: e.citations.length === 0 });
  invalidateDashboard(db);
  return { id, person: existing.person };
}

/** Adds an event to a person the editor may see; returns its id. */
export async function addEvent(
  db: Kysely<DB>,
  input: Record<string, unknown> & { person: string; source_ids?: string[] },
  viewer: Viewer,
): Promise<{ id: string; person: string }> {
  authorize(viewer, "write", "case");
  const person = await findPersonById(db, input.person);
  if (!person || !visibleTo(person, viewer))
    throw new AppError("NOT_FOUND", `no person with id ${input.person}`);
  const { source_ids, ...fields } = input;
  const e = await prepareAll(db, { ...fields, sources: mergeCitations([], source_ids) });
  if (await findEventById(db, e.id)) throw new AppError("CONFLICT", `an event with id ${e.id} exists`);
  await db.transaction().execute(async (tx) => {
    await saveEvent(tx, e);
    await audit(tx, viewer, "event.create", `event:${e.id}`, { person: e.person });
  });
  await reevaluateAfterEvent(db, { ...e, unverified: e.citations.length === 0 });
  invalidateDashboard(db);
  return { id: e.id, person: e.person };
}

const OrderFormSchema = CourtOrderSchema.extend({ id: CourtOrderSchema.shape.id.optional() });

/** Creates (no id) or replaces (id) a court order, checking its matter, the people it covers and its times. */
export async function saveCourtOrder(
  db: Kysely<DB>,
  input: Record<string, unknown> & { source_ids?: string[] },
  viewer: Viewer,
  id?: string,
): Promise<string> {
  authorize(viewer, "write", "case");
  const existing = id ? await findOrderById(db, id) : undefined;
  if (id && !existing) throw new AppError("NOT_FOUND", `no court order with id ${id}`);
  const { source_ids, ...fields } = input;
  const parsed = OrderFormSchema.safeParse({
    ...fields,
    sources: mergeCitations(existing?.citations ?? [], source_ids),
  });
  const problems: Problem[] = parsed.success ? [] : problemsFromZod(parsed.error.issues);
  // References and times are checked from the raw answers too, so every problem shows at once.
  const raw = fields as Record<string, unknown>;
  const tz = typeof raw.tz === "string" ? raw.tz : "America/New_York";
  if (typeof raw.matter === "string" && raw.matter && !(await findMatterById(db, raw.matter)))
    problems.push({ path: "matter", message: `no legal matter with id ${raw.matter}` });
  const covered = (raw.covers as { people?: unknown } | undefined)?.people;
  if (Array.isArray(covered))
    problems.push(
      ...(await peopleProblems(
        db,
        covered.filter((x): x is string => typeof x === "string"),
        viewer,
        "covers.people",
      )),
    );
  problems.push(...(await sourceProblems(db, source_ids ?? [])));
  let when: ReturnType<typeof parseWhen> | undefined;
  if (typeof raw.issued === "string" && raw.issued.trim().length >= 4) {
    try {
      when = parseWhen(raw.issued, tz, parsed.success ? parsed.data.precision : undefined);
    } catch (e) {
      problems.push({ path: "issued", message: (e as Error).message });
    }
  }
  let deadlineAt: string | undefined;
  if (typeof raw.deadline === "string" && raw.deadline) {
    try {
      deadlineAt = parseWhen(raw.deadline, tz).at;
    } catch (e) {
      problems.push({ path: "deadline", message: (e as Error).message });
    }
  }
  if (!parsed.success || problems.length || !when) throw badInput("the court order is not valid", problems);
  const { sources, issued: _issued, deadline: _deadline, ...o } = parsed.data;
  const orderId = id ?? o.id ?? newId(`${o.kind}-${when.at.slice(0, 10)}`);
  if (!id && (await findOrderById(db, orderId)))
    throw new AppError("CONFLICT", `a court order with id ${orderId} exists`);
  // Orders covering people the editor cannot see keep those people.
  const hidden = (existing?.covers.people ?? []).filter((p) => !o.covers.people.includes(p));
  const keep = (await findPeopleByIds(db, hidden)).filter((p) => !visibleTo(p, viewer)).map((p) => p.id);
  const at = when.at;
  const precision = when.precision;
  await db.transaction().execute(async (tx) => {
    await audit(tx, viewer, id ? "order.update" : "order.create", `order:${orderId}`);
    await saveOrder(
      tx,
      {
        ...o,
        id: orderId,
        covers: { ...o.covers, people: [...o.covers.people, ...keep] },
        issued_at: at,
        precision,
        ...(when.latest ? { issued_latest: when.latest } : {}),
        deadline_at: deadlineAt,
      },
      sources,
    );
  });
  // An order changes the findings of everyone it covers.
  await reevaluate(db, [...o.covers.people, ...keep, ...(existing?.covers.people ?? [])]);
  invalidateDashboard(db);
  return orderId;
}

const MatterFormSchema = LegalMatterSchema.extend({ id: LegalMatterSchema.shape.id.optional() });

/** Creates (no id) or replaces (id) a legal matter. */
export async function saveLegalMatter(
  db: Kysely<DB>,
  input: Record<string, unknown> & { source_ids?: string[] },
  viewer: Viewer,
  id?: string,
): Promise<string> {
  authorize(viewer, "write", "case");
  const existing = id ? await findMatterById(db, id) : undefined;
  if (id && !existing) throw new AppError("NOT_FOUND", `no legal matter with id ${id}`);
  const { source_ids, ...fields } = input;
  const parsed = MatterFormSchema.safeParse({
    ...fields,
    sources: mergeCitations(existing?.citations ?? [], source_ids),
  });
  if (!parsed.success) throw badInput("the legal matter is not valid", problemsFromZod(parsed.error.issues));
  const { sources, ...m } = parsed.data;
  const problems = [
    ...(await peopleProblems(db, m.people, viewer, "people")),
    ...(await sourceProblems(
      db,
      sources.map((s) => s.source),
    )),
  ];
  if (problems.length) throw badInput("the legal matter is not valid", problems);
  const matterId = id ?? m.id ?? newId(m.caption);
  if (!id && (await findMatterById(db, matterId)))
    throw new AppError("CONFLICT", `a legal matter with id ${matterId} exists`);
  const hidden = (existing?.people ?? []).filter((p) => !m.people.includes(p));
  const keep = (await findPeopleByIds(db, hidden)).filter((p) => !visibleTo(p, viewer)).map((p) => p.id);
  await db.transaction().execute(async (tx) => {
    await saveMatter(tx, { ...m, id: matterId, people: [...m.people, ...keep] }, sources);
    await audit(tx, viewer, id ? "matter.update" : "matter.create", `matter:${matterId}`);
  });
  invalidateDashboard(db);
  return matterId;
}

const SourceFormSchema = SourceSchema.extend({ id: SourceSchema.shape.id.optional() });

/** Creates (no id) or replaces (id) a source. */
export async function saveSourceRecord(
  db: Kysely<DB>,
  input: Record<string, unknown>,
  viewer: Viewer,
  id?: string,
): Promise<string> {
  authorize(viewer, "write", "source");
  if (id && !(await findSourceById(db, id))) throw new AppError("NOT_FOUND", `no source with id ${id}`);
  const parsed = SourceFormSchema.safeParse(input);
  if (!parsed.success) throw badInput("the source is not valid", problemsFromZod(parsed.error.issues));
  const sourceId =
    id ?? parsed.data.id ?? newId(`${parsed.data.publisher} ${parsed.data.title}`.slice(0, 40));
  if (!id && (await findSourceById(db, sourceId)))
    throw new AppError("CONFLICT", `a source with id ${sourceId} exists`);
  await db.transaction().execute(async (tx) => {
    await saveSource(tx, { ...parsed.data, id: sourceId });
    await audit(tx, viewer, id ? "source.update" : "source.create", `source:${sourceId}`);
  });
  invalidateDashboard(db);
  return sourceId;
}

/** An event to edit, if the editor may see its person. */
export async function getEventForEdit(db: Db, id: string, viewer: Viewer): Promise<HabeasEvent> {
  authorize(viewer, "read", "case");
  const e = await findEventById(db, id);
  const person = e ? await findPersonById(db, e.person) : undefined;
  if (!e || !person || !visibleTo(person, viewer)) throw new AppError("NOT_FOUND", `no event with id ${id}`);
  return e;
}
