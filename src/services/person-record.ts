// A person's whole record as a viewer may see it: identity, timeline, orders, matters, sources.
import { type CurrentCustody, type CustodyStep, currentCustody, custodyChain } from "../domain/custody.ts";
import { AppError } from "../domain/errors.ts";
import type { CourtOrder, Facility, HabeasEvent, LegalMatter, Person, Source } from "../domain/model.ts";
import { PERSON_FIELDS, RESTRICTED_PERSON_FIELDS } from "../domain/model.ts";
import { clearanceOf, type Viewer } from "../domain/policy.ts";
import { redact, type Sensitivity } from "../domain/sensitivity.ts";
import { findFacilityById, listMatters, listOrders, listSources } from "../store/catalog.ts";
import type { Db } from "../store/db.ts";
import { listEventsForPerson } from "../store/events.ts";
import { findPeopleByIds, findPersonById, isPublic, listPeople, type PeopleFilter } from "../store/people.ts";
import { audit } from "./audit.ts";

export type { CustodyStep };
export type PersonView = Partial<Person> & { id: string; full_name: string; unverified: boolean };
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
  const cap: Sensitivity = clearance === "restricted" && !opts.restricted ? "team" : clearance;
  const view = redact(p, PERSON_FIELDS, cap) as PersonView;
  return { ...view, id: p.id, full_name: p.full_name, unverified: p.citations.length === 0 };
}

/** The restricted fields this person has a value for (names only, for the audit log). */
export function restrictedFieldsOf(p: Person): string[] {
  return RESTRICTED_PERSON_FIELDS.filter((k) => p[k] !== undefined && p[k] !== "");
}

/** May this viewer see that this person exists at all? Private people are invisible to the public. */
export function visibleTo(p: Pick<Person, "consent" | "team">, viewer: Viewer): boolean {
  if (clearanceOf(viewer) === "public") return isPublic(p);
  if (viewer.role === "admin" || !p.team || !viewer.team) return true;
  return p.team === viewer.team;
}

export async function getPersonRecord(db: Db, id: string, viewer: Viewer): Promise<PersonRecord> {
  const p = await findPersonById(db, id);
  if (!p || !visibleTo(p, viewer)) throw new AppError("NOT_FOUND", `no person with id ${id}`);
  const [events, orders, matters] = await Promise.all([
    listEventsForPerson(db, id),
    listOrders(db, { people: [id] }),
    listMatters(db, { person: id }),
  ]);
  const facilityIds = [...new Set(events.flatMap((e) => (e.facility ? [e.facility] : [])))];
  const facilities = (await Promise.all(facilityIds.map((f) => findFacilityById(db, f)))).filter(
    (f): f is Facility => f !== undefined,
  );
  const sourceIds = new Set<string>();
  for (const c of [p, ...events, ...orders, ...matters].flatMap((x) => x.citations)) sourceIds.add(c.source);
  const sources = await listSources(db, [...sourceIds]);
  const fields = clearanceOf(viewer) === "restricted" ? restrictedFieldsOf(p) : [];
  const byId = new Map(facilities.map((f) => [f.id, f]));
  const now = new Date().toISOString();
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

/** A person's timeline alone, with its sources: what the events API returns, without reading the rest. */
export async function getPersonTimeline(db: Db, id: string, viewer: Viewer): Promise<HabeasEvent[]> {
  // Read side by side (on PostgreSQL, on two pooled connections); the events go nowhere unless the
  // viewer may see the person.
  const [p, events] = await Promise.all([findPersonById(db, id), listEventsForPerson(db, id)]);
  if (!p || !visibleTo(p, viewer)) throw new AppError("NOT_FOUND", `no person with id ${id}`);
  return events;
}

export async function listPeopleFor(db: Db, viewer: Viewer, f: Omit<PeopleFilter, "publicOnly"> = {}) {
  const publicOnly = clearanceOf(viewer) === "public";
  const people = await listPeople(db, { ...f, publicOnly });
  return people.filter((p) => visibleTo(p, viewer)).map((p) => presentPerson(p, viewer));
}

export async function findVisiblePeople(db: Db, ids: string[], viewer: Viewer): Promise<PersonView[]> {
  return (await findPeopleByIds(db, ids))
    .filter((p) => visibleTo(p, viewer))
    .map((p) => presentPerson(p, viewer));
}
