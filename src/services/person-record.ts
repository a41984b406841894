// A person's whole record as a viewer may see it: identity, timeline, orders, matters, sources.
import { type CurrentCustody, type CustodyStep, currentCustody, custodyChain } from "../domain/custody.ts";
import type { CourtOrder, Facility, HabeasEvent, LegalMatter, Person, Source } from "../domain/model.ts";

import {
  PERSON_FIELDS,
  RESTRICTED_PERSON_FIELDS,
  type RestrictedPersonField,
  WRITE_ONLY_PERSON_FIELDS,
} from "../domain/model.ts";
import { ANONYMOUS, clearanceOf, type Viewer } from "../domain/policy.ts";

import { redact, type Sensitivity } from "../domain/sensitivity.ts";
import { localDate } from "../domain/time.ts";
import { findFacilityById, listMatters, listOrders, listSources } from "../store/catalog.ts";
import type { Db } from "../store/db.ts";
import { listEventsForPerson } from "../store/events.ts";
import { countPeople, findPersonById, listPeople, type PeopleFilter } from "../store/people.ts";
import { audit } from "./audit.ts";
import {
  NO_PRIVATE_NAMES,
  projectEvent,
  projectMatter,
  projectOrder,
  projectPerson,
  projectSource,
  publicContextFor,
} from "./public-projection.ts";
import {
  accessTo,
  isPublicViewer,
  isPublished,
  loadMatter,
  loadOrder,
  loadPerson,
  notFound,
  peopleCandidatesFor,
  listSources as scopedSources,
  scopeMatters,
  scopeOrders,
  seesPerson,
} from "./scope.ts";

export type { CustodyStep };
export type PersonView = Partial<Person> & {
  id: string;
  full_name: string;
  unverified: boolean;
  /** Write-only fields this viewer recorded or may record but not read: only that they hold something. */
  recorded?: RestrictedPersonField[];
};
export type PersonRecord = {
  person: PersonView;
  events: HabeasEvent[];
  orders: CourtOrder[];
  matters: LegalMatter[];
  facilities: Facility[];
  sources: Source[];
  /** Where the person was, step by step, as data (domain/custody.ts); pages translate it. */
  custody: CustodyStep[];
  /** Where the person is now and since when. */
  now: CurrentCustody;
};

/**
 * Only what this viewer may read; a person without citations is marked unverified. Lists, searches and
 * summaries never carry restricted fields: those are read one record at a time, through getPersonRecord,
 * which writes the read to the audit log.
 */
export function presentPerson(p: Person, viewer: Viewer, opts: { restricted?: boolean } = {}): PersonView {
  const clearance = clearanceOf(viewer);
  // In lists the public (and staff, for another team's public case) reads the projection without sources.
  if (accessTo(viewer, p) !== "full")
    return {
      ...projectPerson(p, { published: new Set(), privateNames: NO_PRIVATE_NAMES }),
      unverified: !p.citations.length,
    };
  const cap: Sensitivity = clearance === "restricted" && !opts.restricted ? "team" : clearance;
  const view = redact(p, PERSON_FIELDS, cap) as PersonView;
  const recorded =
    clearance === "team" && opts.restricted
      ? WRITE_ONLY_PERSON_FIELDS.filter((k) => p[k] !== undefined && p[k] !== "")
      : [];
  return {
    ...view,
    id: p.id,
    full_name: p.full_name,
    unverified: p.citations.length === 0,
    ...(recorded.length ? { recorded } : {}),
  };
}

/** The restricted fields this person has a value for (names only, for the audit log). */
export function restrictedFieldsOf(p: Person): string[] {
  return RESTRICTED_PERSON_FIELDS.filter((k) => p[k] !== undefined && p[k] !== "");
}

export async function getPersonRecord(db: Db, id: string, viewer: Viewer): Promise<PersonRecord> {
  const p = await loadPerson(db, viewer, id);
  // Another team's public case: staff read it as the public does.
  if (accessTo(viewer, p) === "public" && !isPublicViewer(viewer)) return getPersonRecord(db, id, ANONYMOUS);
  const [events, rawOrders, rawMatters] = await Promise.all([
    listEventsForPerson(db, id),
    listOrders(db, { people: [id] }),
    listMatters(db, { person: id }),
  ]);
  const [orders, matters] = await Promise.all([
    scopeOrders(db, viewer, rawOrders).then(present),
    scopeMatters(db, viewer, rawMatters).then(present),
  ]);
  const facilityIds = [...new Set(events.flatMap((e) => (e.facility ? [e.facility] : [])))];
  const facilities = (await Promise.all(facilityIds.map((f) => findFacilityById(db, f)))).filter(
    (f): f is Facility => f !== undefined,
  );
  const sourceIds = new Set<string>();
  for (const c of [p, ...events, ...orders, ...matters].flatMap((x) => x.citations)) sourceIds.add(c.source);
  const byId = new Map(facilities.map((f) => [f.id, f]));
  const now = new Date().toISOString();
  if (isPublicViewer(viewer)) {
    const ctx = await publicContextFor(db, {
      people: [...rawOrders.flatMap((o) => o.covers.people), ...rawMatters.flatMap((m) => m.people)],
      sources: sourceIds,
      // What projectMatter and projectOrder show of their words (the sources' titles are added there).
      texts: [
        ...matters.flatMap((m) => [m.caption, m.class_definition, m.status]),
        ...orders.map((o) => o.covers.class_definition),
      ],
    });
    const full = {
      ...ctx,
      matters: new Set(matters.map((m) => m.id)),
      orders: new Set(orders.map((o) => o.id)),
    };
    const pubEvents = events.map((e) => projectEvent(e, full));
    const shown = [p.citations, ...[...events, ...orders, ...matters].map((x) => x.citations)].flat();
    const cited = [...new Set(shown.map((c) => c.source).filter((s) => ctx.published.has(s)))];
    const sources = (await listSources(db, cited)).map((s) => projectSource(s, ctx.privateNames));
    return {
      person: projectPerson(p, full),
      events: pubEvents,
      orders: orders.map((o) => projectOrder(o, full)),
      matters: matters.map((m) => projectMatter(m, full)),
      facilities,
      sources,
      ...publicCustody(events, pubEvents, byId, now),
    };
  }
  const sources = await scopedSources(db, viewer, [...sourceIds]);
  const fields = clearanceOf(viewer) === "restricted" ? restrictedFieldsOf(p) : [];
  if (fields.length) await audit(db, viewer, "restricted.read", `person:${p.id}`, { fields });
  return {
    person: presentPerson(p, viewer, { restricted: true }),
    events,
    orders,
    matters,
    facilities,
    sources,
    custody: custodyChain(events, byId, now),
    now: currentCustody(events, byId, now),
  };
}

/**
 * Custody as the public reads it: the steps and the current status come from the record (a date cut to its
 * month must not reorder them), then each step takes its projected event's id and date.
 */
function publicCustody(
  events: readonly HabeasEvent[],
  projected: readonly HabeasEvent[],
  facilities: ReadonlyMap<string, Facility>,
  now: string,
): { custody: CustodyStep[]; now: CurrentCustody } {
  const pub = new Map(events.map((e, i) => [e.id, projected[i]!]));
  const steps = custodyChain(events, facilities, now);
  const custody = steps.map((s, i): CustodyStep => {
    const e = pub.get(s.event);
    const next = steps[i + 1] ? pub.get(steps[i + 1]!.event) : undefined;
    if (!e) return s;
    // Free text never reaches the public: a place typed by staff, a custodian's name.
    const {
      place: _place,
      custodian: _custodian,
      ...shown
    } = s as CustodyStep & {
      place?: string;
      custodian?: string;
    };
    return {
      ...(shown as CustodyStep),
      event: e.id,
      from: e.at,
      precision: e.precision,
      ...(s.until && next ? { until: next.at } : {}),
    };
  });
  const current = currentCustody(events, facilities, now);
  const e = current.event ? pub.get(current.event) : undefined;
  return {
    custody,
    now: e
      ? {
          ...current,
          event: e.id,
          since: { at: e.at, day: localDate(e.at, e.tz), tz: e.tz, precision: e.precision },
        }
      : current,
  };
}

function present<T>(xs: readonly (T | undefined)[]): T[] {
  return xs.filter((x): x is T => x !== undefined);
}

/** A person's timeline alone, with its sources: what the events API returns, without reading the rest. */
export async function getPersonTimeline(db: Db, id: string, viewer: Viewer): Promise<HabeasEvent[]> {
  // Read side by side (on PostgreSQL, on two pooled connections); the events go nowhere unless the
  // viewer may see the person.
  const [p, events] = await Promise.all([findPersonById(db, id), listEventsForPerson(db, id)]);
  if (!p || !seesPerson(viewer, p)) throw notFound("person", id);
  if (accessTo(viewer, p) === "full") return events;
  // The public form, reading only what the events refer to (not the whole record).
  const orderIds = [
    ...new Set(events.flatMap((e) => (typeof e.details.order === "string" ? [e.details.order] : []))),
  ];
  const matterIds = [...new Set(events.flatMap((e) => (e.matter ? [e.matter] : [])))];
  const [published, orders, matters] = await Promise.all([
    listSources(db, [...new Set(events.flatMap((e) => e.citations.map((c) => c.source)))]),
    Promise.all(
      orderIds.map((o) =>
        loadOrder(db, ANONYMOUS, o).then(
          (x) => x.id,
          () => undefined,
        ),
      ),
    ),
    Promise.all(
      matterIds.map((m) =>
        loadMatter(db, ANONYMOUS, m).then(
          (x) => x.id,
          () => undefined,
        ),
      ),
    ),
  ]);
  const ctx = {
    published: new Set(published.filter(isPublished).map((s) => s.id)),
    privateNames: NO_PRIVATE_NAMES,
    orders: new Set(orders.filter((x): x is string => x !== undefined)),
    matters: new Set(matters.filter((x): x is string => x !== undefined)),
  };
  return events.map((e) => projectEvent(e, ctx));
}

/**
 * How many people the viewer's list reads (listPeopleFor's whole list): every one of them for an admin, and
 * for the public or staff the people narrowed as that list is, which is what they see.
 */
export async function countPeopleFor(db: Db, viewer: Viewer): Promise<number> {
  return countPeople(db, peopleCandidatesFor(viewer));
}

/**
 * People as this viewer may see them, a page at a time. What is read is narrowed to the people the viewer
 * could see (public ones for the public; for staff also those of their team or of none), so each page is
 * full and the next one starts where it ended; seesPerson decides.
 */
export async function listPeopleFor(
  db: Db,
  viewer: Viewer,
  f: Omit<PeopleFilter, "publicOnly" | "sharedWith"> = {},
) {
  const people = await listPeople(db, { ...f, ...peopleCandidatesFor(viewer) });
  return people.filter((p) => seesPerson(viewer, p)).map((p) => presentPerson(p, viewer));
}
