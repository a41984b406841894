// Loads a whole documented dataset (the public demo, or a partner's export) in one transaction.

import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { AppError, badInput, type Problem, problemsFromZod } from "../domain/errors.ts";
import {
  type Dataset,
  DatasetSchema,
  eventRecord,
  eventTimeProblem,
  parseEventDetails,
} from "../domain/model.ts";
import { OPERATOR, type Viewer } from "../domain/policy.ts";
import { parseWhen } from "../domain/time.ts";
import { saveClaim, saveFacility, saveMatter, saveOrder, saveSource } from "../store/catalog.ts";
import type { Database } from "../store/db.ts";
import { saveEvent } from "../store/events.ts";
import { savePerson } from "../store/people.ts";
import { audit } from "./audit.ts";
import { authorize } from "./authorize.ts";
import { placeFacilities } from "./facility-registry.ts";

export type LoadCounts = Record<
  "sources" | "facilities" | "people" | "matters" | "orders" | "events" | "claims",
  number
>;

/** Checks references and times across the dataset; returns every problem at once. */
export function checkDataset(d: Dataset): Problem[] {
  const problems: Problem[] = [];
  const ids = (list: { id: string }[]) => new Set(list.map((x) => x.id));
  const sources = ids(d.sources);
  const people = ids(d.people);
  const facilities = ids(d.facilities);
  const matters = ids(d.matters);
  const cite = (path: string, cs: { source: string }[]) =>
    cs.forEach((c, i) => {
      if (!sources.has(c.source))
        problems.push({ path: `${path}.sources.${i}`, message: `unknown source ${c.source}` });
    });
  const time = (path: string, text: string, tz: string) => {
    try {
      parseWhen(text, tz);
    } catch (e) {
      problems.push({ path, message: (e as Error).message });
    }
  };
  d.people.forEach((p, i) => {
    cite(`people.${i}`, p.sources);
  });
  d.facilities.forEach((f, i) => {
    cite(`facilities.${i}`, f.sources);
  });
  d.claims.forEach((c, i) => {
    cite(`claims.${i}`, c.sources);
  });
  d.matters.forEach((m, i) => {
    cite(`matters.${i}`, m.sources);
    for (const p of m.people)
      if (!people.has(p)) problems.push({ path: `matters.${i}.people`, message: `unknown person ${p}` });
  });
  d.orders.forEach((o, i) => {
    cite(`orders.${i}`, o.sources);
    if (!matters.has(o.matter))
      problems.push({ path: `orders.${i}.matter`, message: `unknown matter ${o.matter}` });
    for (const p of o.covers.people) {
      if (!people.has(p)) problems.push({ path: `orders.${i}.covers`, message: `unknown person ${p}` });
    }
    time(`orders.${i}.issued`, o.issued, o.tz);
    if (o.deadline) time(`orders.${i}.deadline`, o.deadline, o.tz);
  });
  d.events.forEach((e, i) => {
    cite(`events.${i}`, e.sources);
    if (!people.has(e.person))
      problems.push({ path: `events.${i}.person`, message: `unknown person ${e.person}` });
    if (e.facility && !facilities.has(e.facility)) {
      problems.push({ path: `events.${i}.facility`, message: `unknown facility ${e.facility}` });
    }
    if (e.matter && !matters.has(e.matter))
      problems.push({ path: `events.${i}.matter`, message: `unknown matter ${e.matter}` });
    const details = parseEventDetails(e.type, e.details);
    if (!details.success) {
      for (const p of problemsFromZod(details.error.issues))
        problems.push({ path: `events.${i}.details.${p.path}`, message: p.message });
    }
    time(`events.${i}.when`, e.when, e.tz);
    try {
      const future = eventTimeProblem(e.type, parseWhen(e.when, e.tz, e.precision).at);
      if (future) problems.push({ path: `events.${i}.when`, message: future });
    } catch {
      // An unreadable time is reported above.
    }
  });
  return problems;
}

const DATASET_LISTS = ["sources", "facilities", "people", "matters", "orders", "events", "claims"] as const;
const DATASET_KEYS: ReadonlySet<string> = new Set(Object.keys(DatasetSchema.shape));
export const DATASET_SHAPE =
  "a habeas dataset (an object of sources, facilities, people, matters, orders, events and claims)";

/** Is this JSON a habeas dataset at all: an object of only dataset keys, with at least one of its lists? */
export function isDatasetShape(json: unknown): boolean {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return false;
  const keys = Object.keys(json);
  return (
    keys.every((k) => DATASET_KEYS.has(k)) &&
    DATASET_LISTS.some((k) => Array.isArray((json as Record<string, unknown>)[k]))
  );
}

export function parseDataset(json: unknown): Dataset {
  // Any JSON would pass the schema (every list has a default): a file of another shape is refused, not empty.
  if (!isDatasetShape(json)) throw badInput(`not a habeas dataset: expected ${DATASET_SHAPE}`);
  const parsed = DatasetSchema.safeParse(json);
  if (!parsed.success)
    throw badInput("dataset does not match the schema", problemsFromZod(parsed.error.issues));
  const problems = checkDataset(parsed.data);
  if (problems.length) throw badInput(`dataset has ${problems.length} problem(s)`, problems);
  return parsed.data;
}

export async function readDatasetFile(path: string): Promise<Dataset> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    throw badInput(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw badInput(`${path} is not valid JSON: ${(e as Error).message}`);
  }
  return parseDataset(json);
}

/** Writes the dataset; existing records with the same ids are replaced. All or nothing. */
export async function loadDataset(db: Database, d: Dataset, viewer: Viewer = OPERATOR): Promise<LoadCounts> {
  authorize(viewer, "write", "import");
  const problems = checkDataset(d);
  const digest = createHash("sha256").update(JSON.stringify(d)).digest("hex");
  if (problems.length) throw badInput(`dataset has ${problems.length} problem(s)`, problems);
  await db.transaction().execute(async (tx) => {
    for (const s of d.sources) await saveSource(tx, s);
    for (const { sources, ...f } of d.facilities) await saveFacility(tx, f, sources);
    await placeFacilities(
      tx,
      d.facilities.map((f) => f.id),
    );
    for (const p of d.people) await savePerson(tx, p.id, p);
    for (const { sources, ...m } of d.matters) await saveMatter(tx, m, sources);
    for (const { sources, issued, deadline, ...o } of d.orders) {
      const when = parseWhen(issued, o.tz, o.precision);
      await saveOrder(
        tx,
        {
          ...o,
          issued_at: when.at,
          precision: when.precision,
          ...(when.latest ? { issued_latest: when.latest } : {}),
          deadline_at: deadline ? parseWhen(deadline, o.tz).at : undefined,
        },
        sources,
      );
    }
    for (const e of d.events) {
      const when = parseWhen(e.when, e.tz, e.precision);
      const details = parseEventDetails(e.type, e.details);
      if (!details.success) throw new AppError("BAD_INPUT", `event ${e.id}: bad details`);
      await saveEvent(tx, eventRecord(e, when, details.data as Record<string, unknown>));
    }
    for (const { sources, ...c } of d.claims) await saveClaim(tx, c, sources);
    await audit(tx, viewer, "dataset.load", "dataset", { ...counts(d), sha256: digest });
  });
  return counts(d);
}

function counts(d: Dataset): LoadCounts {
  return {
    sources: d.sources.length,
    facilities: d.facilities.length,
    people: d.people.length,
    matters: d.matters.length,
    orders: d.orders.length,
    events: d.events.length,
    claims: d.claims.length,
  };
}
