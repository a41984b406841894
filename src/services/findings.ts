// Due-process findings: evaluate people's timelines with the rules, store what was found with the
// rule version, re-evaluate only the people a change touches, and report court-order compliance.
import type { Kysely } from "kysely";
import { type CourtOrder, type HabeasEvent, type Person, RESTRICTED_PERSON_FIELDS } from "../domain/model.ts";
import { ANONYMOUS, clearanceOf, type Viewer } from "../domain/policy.ts";
import {
  diffFindings,
  evaluateCase,
  type Finding,
  orderCompliance,
  peopleToReevaluate,
} from "../rules/index.ts";
import { listOrders } from "../store/catalog.ts";
import type { Db } from "../store/db.ts";
import { listEventsForPeople, listEventsForPersonRange } from "../store/events.ts";
import {
  findingDigest,
  replaceFindings,
  type StoredFinding,
  storedDigestsInRange,
  storedFindings,
} from "../store/findings.ts";
import { findPeopleByIds, listPeopleAfter } from "../store/people.ts";
import type { DB } from "../store/schema.ts";
import { audit } from "./audit.ts";
import { getPersonRecord, restrictedFieldsOf } from "./person-record.ts";
import { projectEvent, publicContextFor } from "./public-projection.ts";
import {
  accessTo,
  fullAccessIds,
  loadOrder,
  loadPerson,
  listOrders as scopedOrders,
  seesPerson,
} from "./scope.ts";

export type { Finding };
export type Lang = "en" | "es";
export type CheckOptions = { asOf?: string; lang?: Lang };

/** Evaluates a batch of people: one query for their events and one for the orders covering them. */
async function evaluatePeople(
  db: Db,
  ids: readonly string[],
  opts: CheckOptions,
): Promise<Map<string, Finding[]>> {
  const [people, events, orders] = await Promise.all([
    findPeopleByIds(db, ids),
    listEventsForPeople(db, ids),
    listOrders(db, { people: ids }),
  ]);
  return evaluateLoaded(people, events, orders, opts);
}

/** Evaluates people whose events and covering orders are already loaded. */
function evaluateLoaded(
  people: readonly Person[],
  events: readonly HabeasEvent[],
  orders: readonly CourtOrder[],
  opts: CheckOptions,
): Map<string, Finding[]> {
  const asOf = opts.asOf ?? new Date().toISOString();
  const byPerson = new Map<string, HabeasEvent[]>();
  for (const e of events) {
    const list = byPerson.get(e.person);
    if (list) list.push(e);
    else byPerson.set(e.person, [e]);
  }
  const ordersByPerson = new Map<string, CourtOrder[]>();
  for (const o of orders) {
    for (const p of o.covers.people) {
      const list = ordersByPerson.get(p);
      if (list) list.push(o);
      else ordersByPerson.set(p, [o]);
    }
  }
  const out = new Map<string, Finding[]>();
  for (const person of people) {
    out.set(
      person.id,
      evaluateCase(
        { person, events: byPerson.get(person.id) ?? [], orders: ordersByPerson.get(person.id) ?? [] },
        { asOf, lang: opts.lang ?? "en" },
      ),
    );
  }
  return out;
}

/**
 * The deadline findings (rule R30) of these people as of `asOf`, with the events they were counted from:
 * the one place the deadlines view, the calendar feed and the digest get their due dates.
 */
export async function evaluateDeadlines(
  db: Db,
  ids: readonly string[],
  opts: CheckOptions = {},
): Promise<{ findings: Finding[]; events: Map<string, HabeasEvent> }> {
  const [people, events, orders] = await Promise.all([
    findPeopleByIds(db, ids),
    listEventsForPeople(db, ids),
    listOrders(db, { people: ids }),
  ]);
  const findings = [...evaluateLoaded(people, events, orders, opts).values()]
    .flat()
    .filter((f) => f.severity === "deadline" && f.due);
  return { findings, events: new Map(events.map((e) => [e.id, e])) };
}

function findingKey(f: Finding): string {
  return [f.rule, f.order ?? "", ...[...f.events].sort()].join("|");
}

/** Stored rows for findings; two findings that share a key (same rule, order and events) get #2, #3… */
function toStoredAll(findings: readonly Finding[]): StoredFinding[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const key = findingKey(f);
    const base = `${f.person}|${key}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return toStored(f, n === 1 ? key : `${key}#${n}`);
  });
}

function toStored(f: Finding, key: string): StoredFinding {
  return {
    person: f.person,
    rule: f.rule,
    version: f.version,
    key,
    severity: f.severity,
    data: JSON.stringify(f),
  };
}

/**
 * The findings for one person as of now (or `asOf`), in the viewer's language — derived only from what the
 * viewer may read: the public's from the public projection of the record, staff without clearance from the
 * record without its restricted fields. When restricted fields feed the findings of cleared staff, the use
 * is audited.
 */
export async function findingsForPerson(db: Db, personId: string, viewer: Viewer, opts: CheckOptions = {}) {
  const p = await loadPerson(db, viewer, personId);
  const clearance = clearanceOf(viewer);
  if (accessTo(viewer, p) !== "full") {
    const rec = await getPersonRecord(db, personId, ANONYMOUS);
    const person = { ...(rec.person as Person), languages: [], consent: p.consent, protections: [] };
    return evaluateLoaded([person], rec.events, rec.orders, opts).get(personId) ?? [];
  }
  const [events, orders] = await Promise.all([
    listEventsForPeople(db, [personId]),
    scopedOrders(db, viewer, { people: [personId] }),
  ]);
  let subject = p;
  if (clearance !== "restricted") {
    subject = { ...p };
    for (const k of RESTRICTED_PERSON_FIELDS) delete subject[k];
  } else {
    const fields = restrictedFieldsOf(p);
    if (fields.length) await audit(db, viewer, "restricted.derive", `person:${p.id}`, { fields });
  }
  return evaluateLoaded([subject], events, orders, opts).get(personId) ?? [];
}

/** An order's compliance over the people it covers that the viewer may see (the public: their projection). */
export async function complianceForOrder(
  db: Db,
  orderId: string,
  viewer: Viewer,
  opts: { asOf?: string } = {},
) {
  const order = await loadOrder(db, viewer, orderId);
  const ids = order.covers.people;
  const full = new Set(await fullAccessIds(db, viewer, ids));
  let events = await listEventsForPeople(db, ids);
  // Events of people the viewer reads only publicly count in their public form.
  if (events.some((e) => !full.has(e.person))) {
    const ctx = await publicContextFor(db, {
      people: [],
      sources: events.flatMap((e) => e.citations.map((c) => c.source)),
    });
    events = events.map((e) => (full.has(e.person) ? e : projectEvent(e, ctx)));
  }
  // Scoped to the people this viewer may see: others neither appear nor count.
  return orderCompliance(order, events, { asOf: opts.asOf ?? new Date().toISOString() });
}

/** Re-evaluates the given people and stores their findings; returns what changed. */
export async function reevaluate(db: Kysely<DB>, personIds: readonly string[], opts: CheckOptions = {}) {
  const ids = [...new Set(personIds)];
  const before = (await storedFindings(db, ids)).map((s) => JSON.parse(s.data) as Finding);
  const now = await evaluatePeople(db, ids, { ...opts, lang: "en" });
  const after = [...now.values()].flat();
  await db
    .transaction()
    .execute((tx) => replaceFindings(tx, ids, toStoredAll(after), new Date().toISOString()));
  return diffFindings(before, after);
}

/** Incremental evaluation after an event is written: only the people it touches. */
export async function reevaluateAfterEvent(db: Kysely<DB>, event: HabeasEvent) {
  return reevaluate(db, peopleToReevaluate({ kind: "event", event }));
}

/** Full evaluation of everyone, in batches; returns counts and what changed since the last run. */
export async function evaluateEveryone(
  db: Kysely<DB>,
  opts: CheckOptions & {
    batch?: number;
    onProgress?: (done: number) => void;
    /** Only people with from < id ≤ to (so workers can share the record out). */
    range?: { from?: string; to?: string };
  } = {},
) {
  const batch = opts.batch ?? 2000;
  let after = opts.range?.from ?? "";
  let people = 0;
  let findings = 0;
  const changes = { added: 0, removed: 0, changed: 0 };
  // People in id order, batch by batch: each batch is an id range, so its events, citations and stored
  // findings come from a few range scans rather than hundreds of per-id lookups (see docs/SCALING.md).
  for (;;) {
    const batchPeople = await listPeopleAfter(db, after, batch, opts.range?.to);
    const first = batchPeople[0]?.id;
    const last = batchPeople.at(-1)?.id;
    if (first === undefined || last === undefined) break;
    const ids = batchPeople.map((p) => p.id);
    const inBatch = new Set(ids);
    const [events, orders, stored] = await Promise.all([
      listEventsForPersonRange(db, first, last),
      listOrders(db, { people: ids }),
      storedDigestsInRange(db, first, last),
    ]);
    const now = evaluateLoaded(batchPeople, events, orders, { ...opts, lang: "en" });
    // Only people whose findings changed are diffed and rewritten: a nightly re-run over an unchanged record
    // writes nothing (so evaluated_at is when a finding was last written, not last confirmed).
    const storedBy = new Map<string, { key: string; digest: string | null }[]>();
    for (const f of stored) {
      if (!inBatch.has(f.person_id)) continue;
      const list = storedBy.get(f.person_id);
      if (list) list.push(f);
      else storedBy.set(f.person_id, [f]);
    }
    const changedIds: string[] = [];
    const rows: StoredFinding[] = [];
    const found: Finding[] = [];
    for (const id of ids) {
      const list = now.get(id) ?? [];
      const fresh = toStoredAll(list);
      // As stored: one row per key, the first kept, in key order.
      const byKey = new Map<string, StoredFinding>();
      for (const r of fresh) if (!byKey.has(r.key)) byKey.set(r.key, r);
      const want = [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      const have = storedBy.get(id) ?? [];
      findings += want.length;
      const same =
        have.length === want.length &&
        have.every((h, i) => h.key === want[i]?.key && h.digest === findingDigest(want[i]?.data ?? ""));
      if (same) continue;
      changedIds.push(id);
      rows.push(...fresh);
      found.push(...list);
    }
    const before = changedIds.length
      ? (await storedFindings(db, changedIds)).map((s) => JSON.parse(s.data) as Finding)
      : [];
    if (changedIds.length)
      await db.transaction().execute((tx) => replaceFindings(tx, changedIds, rows, new Date().toISOString()));
    const d = diffFindings(before, found);
    changes.added += d.added.length;
    changes.removed += d.removed.length;
    changes.changed += d.changed.length;
    people += ids.length;
    after = last;
    opts.onProgress?.(people);
  }
  return { people, findings, changes };
}

/** All findings, evaluated fresh, for the people a viewer may see (for `habeas check` without an id). */
export async function findingsForEveryone(
  db: Db,
  viewer: Viewer,
  opts: CheckOptions = {},
): Promise<Finding[]> {
  const out: Finding[] = [];
  let offset = 0;
  for (;;) {
    const ids = (
      await db.selectFrom("people").select("id").orderBy("id").limit(1000).offset(offset).execute()
    ).map((r) => r.id);
    if (!ids.length) break;
    const visible = (await findPeopleByIds(db, ids)).filter((p) => seesPerson(viewer, p)).map((p) => p.id);
    for (const list of (await evaluatePeople(db, visible, opts)).values()) out.push(...list);
    offset += ids.length;
  }
  return out;
}
