// Due-process findings: evaluate people's timelines with the rules, store what was found with the
// rule version, re-evaluate only the people a change touches, and report court-order compliance.

import { withFacilityCountries } from "../domain/custody.ts";
import {
  type Citation,
  type CourtOrder,
  type HabeasEvent,
  type JudgedPerson,
  type Person,
  RESTRICTED_PERSON_FIELDS,
  type TimelineEvent,
} from "../domain/model.ts";
import { ANONYMOUS, clearanceOf, type Viewer } from "../domain/policy.ts";
import { endOfLocalDay, zoneOfTimeline } from "../domain/time.ts";
import {
  COMPLIANCE_EVENT_TYPES,
  type ComplianceEvent,
  DEADLINE_RULES,
  diffFindings,
  digestFindings,
  evaluateCase,
  type Finding,
  orderCompliance,
  type PublicCompliance,
  peopleToReevaluate,
  publicCompliance,
} from "../rules/index.ts";
import { facilityCountries, getOrders, listOrders } from "../store/catalog.ts";
import type { IdSpan } from "../store/chunks.ts";
import { citationsFor } from "../store/citations.ts";
import type { Database, Db } from "../store/db.ts";
import {
  eventStampsForPeople,
  type FacilityCountries,
  listEventsForPeople,
  listTimelinesInRange,
  listTimelinesOf,
} from "../store/events.ts";
import {
  findingSetsInRange,
  findingsAndDigestsOf,
  replaceFindings,
  type StoredFinding,
  storedFindings,
} from "../store/findings.ts";
import { findJudgedPeople, listPeopleAfter, scopeFieldsOf } from "../store/people.ts";
import { audit } from "./audit.ts";
import { addEvaluations, type Evaluation, evaluationBatch, type PeopleRange } from "./evaluation.ts";
import { getPersonRecord, restrictedFieldsOf } from "./person-record.ts";
import { publicContextFor, publicEventId } from "./public-projection.ts";
import { accessTo, loadOrder, loadPerson, listOrders as scopedOrders, seesPerson } from "./scope.ts";

export type { Finding, PublicCompliance };
export type Lang = "en" | "es";
/**
 * asOf: an instant; asOfDay: a calendar day (YYYY-MM-DD), read as the end of that day in each person's own
 * zone (domain/time.ts zoneOfTimeline), so an event at 21:00 EDT on that day counts.
 */
export type CheckOptions = { asOf?: string; asOfDay?: string; lang?: Lang };

/** Evaluates a batch of people: one query for their events and one for the orders covering them. */
async function evaluatePeople(
  db: Db,
  ids: readonly string[],
  opts: CheckOptions,
): Promise<Map<string, Finding[]>> {
  const [people, events, orders] = await Promise.all([
    findJudgedPeople(db, ids),
    listTimelinesOf(db, ids),
    listOrders(db, { people: ids }),
  ]);
  return evaluateLoaded(people, events, orders, opts);
}

/** Events with their facility's country on them, so the rules read "abroad" as domain/custody.ts does. */
async function placed(db: Db, events: readonly HabeasEvent[]): Promise<HabeasEvent[]> {
  const ids = events.flatMap((e) => (e.facility ? [e.facility] : []));
  return withFacilityCountries(events, await facilityCountries(db, ids));
}

/** Evaluates people whose events and covering orders are already loaded (by every rule, or by `rules`). */
function evaluateLoaded(
  people: readonly JudgedPerson[],
  events: readonly TimelineEvent[],
  orders: readonly CourtOrder[],
  opts: CheckOptions,
  rules?: typeof DEADLINE_RULES,
): Map<string, Finding[]> {
  const now = opts.asOf ?? new Date().toISOString();
  const byPerson = new Map<string, TimelineEvent[]>();
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
    const events = byPerson.get(person.id) ?? [];
    const asOf = opts.asOfDay ? endOfLocalDay(opts.asOfDay, zoneOfTimeline(events)) : now;
    out.set(
      person.id,
      evaluateCase(
        { person, events, orders: ordersByPerson.get(person.id) ?? [] },
        { asOf, lang: opts.lang ?? "en" },
        rules,
      ),
    );
  }
  return out;
}

/**
 * The deadline findings (rule R30) of these people as of `asOf`, with the events they were counted from:
 * the one place the deadlines view, the calendar feed and the digest get their due dates. The people come
 * loaded through the viewer's scope (scope.ts loadJudgedPeople); their timelines and orders are read as every
 * other evaluation reads them (listTimelinesOf, placed by the join), so a deadline never depends on which
 * path computed it.
 */
export async function evaluateDeadlines(
  db: Db,
  people: readonly JudgedPerson[],
  opts: CheckOptions = {},
): Promise<{ findings: Finding[]; events: Map<string, TimelineEvent> }> {
  const ids = people.map((p) => p.id);
  const [events, orders] = await Promise.all([listTimelinesOf(db, ids), listOrders(db, { people: ids })]);
  // Only the rules that find deadlines (rules/engine.ts DEADLINE_RULES): the same deadlines a full evaluation finds.
  const findings = [...evaluateLoaded(people, events, orders, opts, DEADLINE_RULES).values()]
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
    return evaluateLoaded([person], await placed(db, rec.events), rec.orders, opts).get(personId) ?? [];
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
  return evaluateLoaded([subject], await placed(db, events), orders, opts).get(personId) ?? [];
}

/**
 * Court-order compliance as this viewer may read it, one state per order id. Computed over everyone each
 * order covers (an act against a private person is still an act against the order: it must read as
 * breached for the public too), then cut to its public form (rules/court-orders.ts publicCompliance): which
 * person and which event only for people the viewer may see (through the scope), and for the public an act's
 * time only when a published source states it, with the public's opaque event ids. Callers pass orders the
 * viewer may see.
 */
export async function complianceForOrders(
  db: Db,
  orderIds: readonly string[],
  viewer: Viewer,
  opts: { asOf?: string; asOfDay?: string } = {},
): Promise<Map<string, PublicCompliance>> {
  const orders = await getOrders(db, [...new Set(orderIds)]);
  const ids = [...new Set(orders.flatMap((o) => o.covers.people))];
  // Of the events, only the types compliance turns on and only which, whose, what and when: their citations
  // are read below for the few the ledger names, not for every event of everyone covered.
  const events = await eventStampsForPeople(db, ids, COMPLIANCE_EVENT_TYPES);
  const byPerson = new Map<string, ComplianceEvent[]>();
  for (const e of events) {
    const list = byPerson.get(e.person);
    if (list) list.push(e);
    else byPerson.set(e.person, [e]);
  }
  const states = orders.map((o) => {
    // "As of a day" means the end of that day where the order was issued.
    const asOf = opts.asOfDay ? endOfLocalDay(opts.asOfDay, o.tz) : (opts.asOf ?? new Date().toISOString());
    return {
      order: o,
      compliance: orderCompliance(
        o,
        o.covers.people.flatMap((id) => byPerson.get(id) ?? []),
        { asOf },
      ),
    };
  });
  // The events the ledger names (acts, remedies, what met the order): the only people and events the
  // viewer's reading below is asked about (publicCompliance).
  const acts = states.flatMap(({ compliance: c }) => [
    ...c.acts.flatMap((a) => [a, ...(a.remedied_by ? [a.remedied_by] : [])]),
    ...(c.met_by ? [c.met_by] : []),
    ...(c.missed_deadline?.met_by ? [c.missed_deadline.met_by] : []),
  ]);
  const named = acts.map((a) => a.event);
  const personOf = new Map(events.map((e) => [e.id, e.person]));
  // Only what visibility is decided by, for the people those events are of: no restricted field opened,
  // and not every person a class order covers.
  const people = await scopeFieldsOf(
    db,
    acts.map((a) => a.person),
  );
  // People this viewer reads in full are named with their events; the others (private ones, and other
  // teams' public cases) are read as the public reads them: no name, a time only where a published source
  // states it, the public's opaque event ids.
  const full = new Set(people.filter((p) => accessTo(viewer, p) === "full").map((p) => p.id));
  const seen = new Set(people.filter((p) => seesPerson(viewer, p)).map((p) => p.id));
  const fullEvent = (id: string) => {
    const person = personOf.get(id);
    return person !== undefined && full.has(person);
  };
  const partial = [...new Set(named.filter((id) => !fullEvent(id)))];
  const cites = partial.length ? await citationsFor(db, "event", partial) : new Map<string, Citation[]>();
  const ctx = partial.length
    ? await publicContextFor(db, {
        people: [],
        sources: [...cites.values()].flat().map((c) => c.source),
        // Only which sources are published is used here: no text is redacted.
        texts: [],
      })
    : undefined;
  const reveal = {
    person: (id: string) => seen.has(id),
    event: (id: string) =>
      fullEvent(id) || cites.get(id)?.some((c) => ctx?.published.has(c.source) === true) === true,
    eventId: (id: string) => (fullEvent(id) ? id : publicEventId(id)),
  };
  return new Map(states.map(({ order, compliance }) => [order.id, publicCompliance(compliance, reveal)]));
}

/** One order's compliance for this viewer; an order the viewer may not see answers like a missing one. */
export async function complianceForOrder(
  db: Db,
  orderId: string,
  viewer: Viewer,
  opts: { asOf?: string; asOfDay?: string } = {},
): Promise<PublicCompliance> {
  await loadOrder(db, viewer, orderId);
  return (await complianceForOrders(db, [orderId], viewer, opts)).get(orderId) as PublicCompliance;
}

/**
 * Stores these people's findings (each person's whole list, perhaps empty) in one transaction, with the
 * digest of each list (given when the caller has it already). The one place findings are written.
 */
async function storeFindings(
  db: Db,
  found: ReadonlyMap<string, readonly Finding[]>,
  digests: ReadonlyMap<string, string> = new Map(),
  within?: IdSpan,
) {
  const sets = [...found].map(([person, list]) => ({
    person,
    digest: digests.get(person) ?? digestFindings(list),
  }));
  const rows = [...found.values()].flatMap((list) => toStoredAll(list));
  await replaceFindings(db, sets, rows, new Date().toISOString(), within);
}

/**
 * Evaluates loaded people and stores the findings of those whose digest differs from the stored one (`stored`:
 * person → digest as last written): the one step a re-evaluation and a whole-record evaluation share. An
 * unchanged person costs no write at all (and, on SQLite, no commit to wait for).
 */
async function evaluateAndStore(
  db: Db,
  people: readonly JudgedPerson[],
  events: readonly TimelineEvent[],
  orders: readonly CourtOrder[],
  stored: ReadonlyMap<string, string>,
  opts: CheckOptions,
  /** The stored findings of these people, when the caller read them already. */
  storedRows?: readonly StoredFinding[],
  /** The span the people's ids lie in, when they are a batch of a whole-record evaluation. */
  within?: IdSpan,
) {
  const now = evaluateLoaded(people, events, orders, { ...opts, lang: "en" });
  const changed = new Map<string, Finding[]>();
  const digests = new Map<string, string>();
  let findings = 0;
  for (const p of people) {
    const list = now.get(p.id) ?? [];
    findings += list.length;
    const digest = digestFindings(list);
    if (stored.get(p.id) === digest) continue;
    changed.set(p.id, list);
    digests.set(p.id, digest);
  }
  if (!changed.size) return { findings, diff: diffFindings([], []) };
  const rows =
    storedRows?.filter((r) => changed.has(r.person)) ??
    (await storedFindings(db, [...changed.keys()], within));
  const before = rows.map((s) => JSON.parse(s.data) as Finding);
  await storeFindings(db, changed, digests, within);
  return { findings, diff: diffFindings(before, [...changed.values()].flat()) };
}

/**
 * Re-evaluates the given people and stores what changed of their findings; returns what changed. A write
 * passes its transaction: the change and its findings then commit together (one commit, and no crash between
 * them leaves findings or deadlines behind the record).
 */
export async function reevaluate(db: Db, personIds: readonly string[], opts: CheckOptions = {}) {
  const ids = [...new Set(personIds)];
  // People who no longer exist have lost their findings with them (ON DELETE CASCADE).
  // Read side by side (on PostgreSQL, on pooled connections), the stored findings too: a re-evaluation
  // after a change usually changes something, and then needs them for the diff.
  const [people, events, orders, stored] = await Promise.all([
    findJudgedPeople(db, ids),
    listTimelinesOf(db, ids),
    listOrders(db, { people: ids }),
    findingsAndDigestsOf(db, ids),
  ]);
  return (await evaluateAndStore(db, people, events, orders, stored.digests, opts, stored.rows)).diff;
}

/** Incremental evaluation after an event is written: only the people it touches. */
export async function reevaluateAfterEvent(db: Db, event: HabeasEvent) {
  return reevaluate(db, peopleToReevaluate({ kind: "event", event }));
}

/**
 * Full evaluation of everyone, in batches of people in id order (each batch an id range, so its people,
 * events, orders and stored digests come from a few range scans: see docs/SCALING.md); returns counts and
 * what changed since the last run. Each person's findings are digested as they are evaluated and written only
 * when the digest differs from the stored one: a nightly re-run over an unchanged record writes nothing (so
 * evaluated_at is when a finding was last written, not last confirmed).
 */
export async function evaluateEveryone(
  db: Database,
  opts: CheckOptions & {
    batch?: number;
    onProgress?: (done: number) => void;
    /** Only these people (so workers can share the record out). */
    range?: PeopleRange;
    /**
     * Ranges to evaluate, taken one at a time until it gives none (threads sharing the record out as each
     * is free: services/jobs.ts); instead of `range`.
     */
    claim?: () => PeopleRange | undefined;
  } = {},
): Promise<Evaluation> {
  const batch = evaluationBatch(db, opts.batch);
  let total: Evaluation = { people: 0, findings: 0, changes: { added: 0, removed: 0, changed: 0 } };
  const one = [opts.range ?? {}];
  const claim = opts.claim ?? (() => one.pop());
  // The facilities' countries, each read once for the whole run.
  const facilities: FacilityCountries = new Map();
  for (let range = claim(); range; range = claim()) {
    let after = range.from ?? "";
    for (;;) {
      const batchPeople = await listPeopleAfter(db, after, batch, range.to);
      const first = batchPeople[0]?.id;
      const last = batchPeople.at(-1)?.id;
      if (first === undefined || last === undefined) break;
      // One after another, on one connection: side by side, on PostgreSQL each worker kept three of the
      // server's processes busy and waking, which on two cores cost the server ~12% more CPU (1.74–2.13 s,
      // median 1.86, against 1.98–2.32 s, median 2.10: two workers over 100,000 people, ten runs each in
      // turn), the wall clock within the machine's noise. SQLite's reads run in turn either way.
      const events = await listTimelinesInRange(db, first, last, facilities);
      // The batch is every person with an id in [first, last]: their orders by the same range, and their
      // stored findings read and replaced within it (store/findings.ts inSpan).
      const span: IdSpan = { first, last };
      const orders = await listOrders(db, { peopleRange: span });
      const stored = await findingSetsInRange(db, first, last);
      const r = await evaluateAndStore(db, batchPeople, events, orders, stored, opts, undefined, span);
      total = addEvaluations(total, {
        people: batchPeople.length,
        findings: r.findings,
        changes: {
          added: r.diff.added.length,
          removed: r.diff.removed.length,
          changed: r.diff.changed.length,
        },
      });
      opts.onProgress?.(total.people);
      // A short batch, or one that reached the range's end, was the range's last: no statement to learn so.
      if (batchPeople.length < batch || last === range.to) break;
      after = last;
    }
  }
  return total;
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
    const visible = (await scopeFieldsOf(db, ids)).filter((p) => seesPerson(viewer, p)).map((p) => p.id);
    for (const list of (await evaluatePeople(db, visible, opts)).values()) out.push(...list);
    offset += ids.length;
  }
  return out;
}
