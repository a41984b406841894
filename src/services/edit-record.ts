// The write commands for court orders, legal matters and sources (people and events: record-case.ts): each
// loads what it touches through the visibility scope and is validated whole before anything is written.

import { AppError, badInput, isAppError, type Problem, problemsFromZod } from "../domain/errors.ts";
import { opaqueId } from "../domain/ids.ts";
import { CourtOrderSchema, LegalMatterSchema, SourceSchema } from "../domain/model.ts";
import type { Viewer } from "../domain/policy.ts";
import { parseWhen } from "../domain/time.ts";
import {
  findMatterById,
  findOrderById,
  findSourceById,
  saveMatter,
  saveOrder,
  saveSource,
} from "../store/catalog.ts";
import type { Database, Db } from "../store/db.ts";
import { findPeopleByIds } from "../store/people.ts";
import { audit } from "./audit.ts";
import { authorize } from "./authorize.ts";
import { invalidateDashboard } from "./dashboard.ts";
import { reevaluate } from "./findings.ts";
import { mergeCitations, sourceProblems } from "./record-case.ts";
import {
  loadMatter,
  loadMatterForWrite,
  loadOrderForWrite,
  loadSource,
  seesPerson,
  visiblePersonIds,
} from "./scope.ts";

async function peopleProblems(
  db: Db,
  ids: readonly string[],
  viewer: Viewer,
  path: string,
): Promise<Problem[]> {
  const found = new Set(await visiblePersonIds(db, viewer, ids));
  return ids.filter((id) => !found.has(id)).map((id) => ({ path, message: `no person with id ${id}` }));
}

const OrderFormSchema = CourtOrderSchema.extend({ id: CourtOrderSchema.shape.id.optional() });

/** Creates (no id) or replaces (id) a court order, checking its matter, the people it covers and its times. */
export async function saveCourtOrder(
  db: Database,
  input: Record<string, unknown> & { source_ids?: string[] },
  viewer: Viewer,
  id?: string,
): Promise<string> {
  authorize(viewer, "write", "case");
  const existing = id ? await loadOrderForWrite(db, viewer, id) : undefined;
  const { source_ids, ...fields } = input;
  const parsed = OrderFormSchema.safeParse({
    ...fields,
    sources: mergeCitations(existing?.citations ?? [], source_ids),
  });
  const problems: Problem[] = parsed.success ? [] : problemsFromZod(parsed.error.issues);
  // References and times are checked from the raw answers too, so every problem shows at once.
  const raw = fields as Record<string, unknown>;
  const tz = typeof raw.tz === "string" ? raw.tz : "America/New_York";
  if (typeof raw.matter === "string" && raw.matter && !(await matterVisible(db, viewer, raw.matter)))
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
  problems.push(...(await sourceProblems(db, viewer, source_ids ?? [])));
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
  const orderId = id ?? chosen(viewer, o.id) ?? opaqueId("o");
  if (!id && (await findOrderById(db, orderId)))
    throw new AppError("CONFLICT", `a court order with id ${orderId} exists`);
  // Orders covering people the editor cannot see keep those people.
  const hidden = (existing?.covers.people ?? []).filter((p) => !o.covers.people.includes(p));
  const keep = (await findPeopleByIds(db, hidden)).filter((p) => !seesPerson(viewer, p)).map((p) => p.id);
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
    // An order changes the findings of everyone it covers.
    await reevaluate(tx, [...o.covers.people, ...keep, ...(existing?.covers.people ?? [])]);
  });
  invalidateDashboard(db);
  return orderId;
}

const MatterFormSchema = LegalMatterSchema.extend({ id: LegalMatterSchema.shape.id.optional() });

/** Creates (no id) or replaces (id) a legal matter. */
export async function saveLegalMatter(
  db: Database,
  input: Record<string, unknown> & { source_ids?: string[] },
  viewer: Viewer,
  id?: string,
): Promise<string> {
  authorize(viewer, "write", "case");
  const existing = id ? await loadMatterForWrite(db, viewer, id) : undefined;
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
      viewer,
      sources.map((s) => s.source),
    )),
  ];
  if (problems.length) throw badInput("the legal matter is not valid", problems);
  const matterId = id ?? chosen(viewer, m.id) ?? opaqueId("m");
  if (!id && (await findMatterById(db, matterId)))
    throw new AppError("CONFLICT", `a legal matter with id ${matterId} exists`);
  const hidden = (existing?.people ?? []).filter((p) => !m.people.includes(p));
  const keep = (await findPeopleByIds(db, hidden)).filter((p) => !seesPerson(viewer, p)).map((p) => p.id);
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
  db: Database,
  input: Record<string, unknown>,
  viewer: Viewer,
  id?: string,
): Promise<string> {
  authorize(viewer, "write", "source");
  if (id) await loadSource(db, viewer, id);
  const parsed = SourceFormSchema.safeParse(input);
  if (!parsed.success) throw badInput("the source is not valid", problemsFromZod(parsed.error.issues));
  const sourceId = id ?? chosen(viewer, parsed.data.id) ?? opaqueId("s");
  if (!id && (await findSourceById(db, sourceId)))
    throw new AppError("CONFLICT", `a source with id ${sourceId} exists`);
  await db.transaction().execute(async (tx) => {
    await saveSource(tx, { ...parsed.data, id: sourceId });
    await audit(tx, viewer, id ? "source.update" : "source.create", `source:${sourceId}`);
  });
  invalidateDashboard(db);
  return sourceId;
}

/** Only admins (and the operator) choose ids; everyone else's records get opaque ones. */
function chosen(viewer: Viewer, id: string | undefined): string | undefined {
  if (!id) return undefined;
  if (viewer.role !== "admin")
    throw badInput("ids are assigned by habeas", [{ path: "id", message: "ids are assigned by habeas" }]);
  return id;
}

async function matterVisible(db: Db, viewer: Viewer, id: string): Promise<boolean> {
  try {
    await loadMatter(db, viewer, id);
    return true;
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") return false;
    throw e;
  }
}

/** A court order for its edit form: only for a writer with full access to everyone it covers. */
export function getOrderForEdit(db: Db, id: string, viewer: Viewer) {
  return loadOrderForWrite(db, viewer, id);
}

/** A legal matter for its edit form: only for a writer with full access to everyone it names. */
export function getMatterForEdit(db: Db, id: string, viewer: Viewer) {
  return loadMatterForWrite(db, viewer, id);
}

/** A source for its edit form: one the writer may read. */
export function getSourceForEdit(db: Db, id: string, viewer: Viewer) {
  authorize(viewer, "write", "source");
  return loadSource(db, viewer, id);
}
