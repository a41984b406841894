// The one visibility scope: who may know that a record exists and who may change it. Every read and every
// write of people, events, legal matters, court orders and sources for a viewer goes through these loaders;
// an invisible record answers exactly like a missing one ("no <kind> with id X", NOT_FOUND).
import { AppError } from "../domain/errors.ts";
import type { CourtOrder, HabeasEvent, JudgedPerson, LegalMatter, Person, Source } from "../domain/model.ts";
import { can, clearanceOf, isPublic, type Viewer } from "../domain/policy.ts";
import * as catalog from "../store/catalog.ts";
import { peopleCitingSources, sourceCiters } from "../store/citations.ts";
import type { Db } from "../store/db.ts";
import { findEventById } from "../store/events.ts";
import {
  findJudgedPeople,
  findPeopleByIds,
  findPersonById,
  type PeopleFilter,
  scopeFieldsOf,
} from "../store/people.ts";
import { authorize } from "./authorize.ts";

export type RecordKind = "person" | "event" | "legal matter" | "court order" | "source" | "proposal";

/** The one answer for a record that is missing or that this viewer may not know exists. */
export function notFound(kind: RecordKind, id: string): AppError {
  return new AppError("NOT_FOUND", `no ${kind} with id ${id}`);
}

/** Anonymous visitors and families: they see only what the public projection shows. */
export function isPublicViewer(viewer: Viewer): boolean {
  return clearanceOf(viewer) === "public";
}

/**
 * How far this viewer may read a person's record: "full" (within their clearance), "public" (only what the
 * public projection shows — anonymous visitors, families, and staff looking at another team's public case),
 * or "none" (as if the person did not exist). Staff have full access to their own team's people and to
 * people without a team; admins to everyone. A staff account without a team has full access only to people
 * without a team.
 */
export type Access = "full" | "public" | "none";
export function accessTo(viewer: Viewer, p: Pick<Person, "consent" | "team">): Access {
  if (viewer.role === "admin") return "full";
  if (!isPublicViewer(viewer) && (!p.team || p.team === viewer.team)) return "full";
  return isPublic(p) ? "public" : "none";
}

/**
 * What a list of people reads for this viewer, narrowed as accessTo would narrow it, so a page of a list
 * holds what the viewer may see (accessTo still decides each one): everyone for an admin, public people for
 * the public, and for staff also the people of their team and of no team.
 */
export function peopleCandidatesFor(viewer: Viewer): Pick<PeopleFilter, "publicOnly" | "sharedWith"> {
  if (viewer.role === "admin") return {};
  if (isPublicViewer(viewer)) return { publicOnly: true };
  return { sharedWith: viewer.team ?? null };
}

/** The people a read of records this viewer may change is narrowed to, as accessTo's "full" narrows them. */
export function fullAccessCandidatesFor(viewer: Viewer): { ofTeam?: string | null } {
  return viewer.role === "admin" ? {} : { ofTeam: viewer.team ?? null };
}

/** May this viewer know that this person exists? */
export function seesPerson(viewer: Viewer, p: Pick<Person, "consent" | "team">): boolean {
  return accessTo(viewer, p) !== "none";
}

/** Testimony and other private material are sources only staff may read; the public sees published ones. */
export const PUBLISHED_SOURCE_KINDS: ReadonlySet<Source["kind"]> = new Set([
  "court_record",
  "government",
  "news",
  "ngo",
]);
export function isPublished(s: Pick<Source, "kind">): boolean {
  return PUBLISHED_SOURCE_KINDS.has(s.kind);
}

/** The team a new record is written in: staff write in their own team only; admins may name any team. */
export function teamForNewRecord(viewer: Viewer, requested: string | undefined): string | undefined {
  if (viewer.role === "admin") return requested || viewer.team;
  if (requested && requested !== viewer.team)
    throw new AppError("FORBIDDEN", "you can only create records in your own team");
  return viewer.team;
}

// ---------- people ----------

export async function loadPerson(db: Db, viewer: Viewer, id: string): Promise<Person> {
  const p = await findPersonById(db, id);
  if (!p || !seesPerson(viewer, p)) throw notFound("person", id);
  return p;
}

/** The people of `ids` this viewer may see, in the store's order. */
export async function loadPeople(db: Db, viewer: Viewer, ids: readonly string[]): Promise<Person[]> {
  if (!ids.length) return [];
  return (await findPeopleByIds(db, [...new Set(ids)])).filter((p) => seesPerson(viewer, p));
}

/** The people among `ids` this viewer may see, as the rules read them (without their citations). */
export async function loadJudgedPeople(
  db: Db,
  viewer: Viewer,
  ids: readonly string[],
): Promise<JudgedPerson[]> {
  if (!ids.length) return [];
  return (await findJudgedPeople(db, [...new Set(ids)])).filter((p) => seesPerson(viewer, p));
}

/** The ids of `ids` this viewer may see, in the given order. */
export async function visiblePersonIds(db: Db, viewer: Viewer, ids: readonly string[]): Promise<string[]> {
  const ok = await visibleAmong(db, viewer, ids);
  return ids.filter((id) => ok.has(id));
}

/**
 * A person this viewer may change: write permission, and full access. Another team's public case is seen but
 * not changed (FORBIDDEN); a person the viewer may not see is not found.
 */
export async function loadPersonForWrite(db: Db, viewer: Viewer, id: string): Promise<Person> {
  authorize(viewer, "write", "case");
  const p = await loadPerson(db, viewer, id);
  if (accessTo(viewer, p) !== "full") throw new AppError("FORBIDDEN", "this case belongs to another team");
  return p;
}

/** The ids of `ids` this viewer has full access to. */
export async function fullAccessIds(db: Db, viewer: Viewer, ids: readonly string[]): Promise<string[]> {
  if (!ids.length) return [];
  const ok = new Set(
    (await scopeFieldsOf(db, ids)).filter((p) => accessTo(viewer, p) === "full").map((p) => p.id),
  );
  return ids.filter((id) => ok.has(id));
}

// ---------- events ----------

/** An event this viewer may change: full access to its person. */
export async function loadEventForWrite(
  db: Db,
  viewer: Viewer,
  id: string,
): Promise<{ event: HabeasEvent; person: Person }> {
  authorize(viewer, "write", "case");
  const r = await loadEvent(db, viewer, id);
  if (accessTo(viewer, r.person) !== "full")
    throw new AppError("FORBIDDEN", "this case belongs to another team");
  return r;
}

export async function loadEvent(
  db: Db,
  viewer: Viewer,
  id: string,
): Promise<{ event: HabeasEvent; person: Person }> {
  const event = await findEventById(db, id);
  const person = event ? await findPersonById(db, event.person) : undefined;
  if (!event || !person || !seesPerson(viewer, person)) throw notFound("event", id);
  return { event, person };
}

// ---------- legal matters and court orders ----------

/** Which of `ids` this viewer may see: one read of what visibility turns on, however many records ask. */
async function visibleAmong(db: Db, viewer: Viewer, ids: readonly string[]): Promise<ReadonlySet<string>> {
  if (!ids.length) return new Set();
  return new Set((await scopeFieldsOf(db, ids)).filter((p) => seesPerson(viewer, p)).map((p) => p.id));
}

/**
 * Legal matters as this viewer may see them (undefined where it may not), in the given order. Visible when it
 * concerns at least one person the viewer sees (admins and staff also see matters about no one yet); its
 * people list keeps only those.
 */
export async function scopeMatters(
  db: Db,
  viewer: Viewer,
  ms: readonly LegalMatter[],
): Promise<(LegalMatter | undefined)[]> {
  const ok = await visibleAmong(
    db,
    viewer,
    ms.flatMap((m) => m.people),
  );
  return mattersSeen(viewer, ms, ok);
}

/** scopeMatters, given which of the matters' people the viewer sees (`ok`). */
function mattersSeen<M extends Pick<LegalMatter, "people">>(
  viewer: Viewer,
  ms: readonly M[],
  ok: ReadonlySet<string>,
): (M | undefined)[] {
  return ms.map((m) => {
    const people = m.people.filter((id) => ok.has(id));
    if (viewer.role !== "admin" && (m.people.length ? !people.length : isPublicViewer(viewer)))
      return undefined;
    return { ...m, people };
  });
}

/** A legal matter as this viewer may see it, or undefined (scopeMatters). */
export async function scopeMatter(db: Db, viewer: Viewer, m: LegalMatter): Promise<LegalMatter | undefined> {
  return (await scopeMatters(db, viewer, [m]))[0];
}

export async function loadMatter(db: Db, viewer: Viewer, id: string): Promise<LegalMatter> {
  const m = await catalog.findMatterById(db, id);
  const scoped = m && (await scopeMatter(db, viewer, m));
  if (!scoped) throw notFound("legal matter", id);
  return scoped;
}

export async function listMatters(
  db: Db,
  viewer: Viewer,
  f: { person?: string } = {},
): Promise<LegalMatter[]> {
  // As listOrders: the public reads only matters that name a public person (scopeMatters still decides).
  const candidates = await catalog.listMatters(db, { ...f, publicCandidates: isPublicViewer(viewer) });
  return (await scopeMatters(db, viewer, candidates)).filter((m): m is LegalMatter => m !== undefined);
}

/**
 * Court orders as this viewer may see them (undefined where it may not), in the given order: an order's matter
 * is visible, and when it covers named people at least one of them is; the people it covers keep only those
 * the viewer sees. Their matters and people are read once for all of them.
 */
export async function scopeOrders<O extends catalog.OrderStub>(
  db: Db,
  viewer: Viewer,
  os: readonly O[],
): Promise<(O | undefined)[]> {
  // Of their matters, only the people they name (every order's matter exists: a foreign key).
  const named = await catalog.matterPeopleOf(
    db,
    os.map((o) => o.matter),
  );
  const matters = [...new Set(os.map((o) => o.matter))].map((id) => ({ id, people: named.get(id) ?? [] }));
  // The people of the matters and of the orders are mostly the same: visibility is read once for both.
  const ok = await visibleAmong(db, viewer, [
    ...new Set([...matters.flatMap((m) => m.people), ...os.flatMap((o) => o.covers.people)]),
  ]);
  const scopedMatters = mattersSeen(viewer, matters, ok);
  const visibleMatters = new Set(matters.filter((_, i) => scopedMatters[i]).map((m) => m.id));
  return os.map((o) => {
    if (!visibleMatters.has(o.matter)) return undefined;
    const people = o.covers.people.filter((id) => ok.has(id));
    if (viewer.role !== "admin" && o.covers.people.length && !people.length) return undefined;
    return { ...o, covers: { ...o.covers, people } } as O;
  });
}

/** Which of these legal matters (by id) this viewer may see (scopeMatters): only they are read. */
export async function visibleMatterIds(db: Db, viewer: Viewer, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const ms = await catalog.findMattersByIds(db, ids);
  const scoped = await scopeMatters(db, viewer, ms);
  return new Set(ms.filter((_, i) => scoped[i]).map((m) => m.id));
}

/** A court order as this viewer may see it, or undefined (scopeOrders). */
export async function scopeOrder(db: Db, viewer: Viewer, o: CourtOrder): Promise<CourtOrder | undefined> {
  return (await scopeOrders(db, viewer, [o]))[0];
}

export async function loadOrder(db: Db, viewer: Viewer, id: string): Promise<CourtOrder> {
  const o = await catalog.findOrderById(db, id);
  const scoped = o && (await scopeOrder(db, viewer, o));
  if (!scoped) throw notFound("court order", id);
  return scoped;
}

export async function listOrders(
  db: Db,
  viewer: Viewer,
  f: { matter?: string; people?: readonly string[] } = {},
): Promise<CourtOrder[]> {
  // The public sees a few of many: only those that could be visible are read (scopeOrders still decides).
  const candidates = await catalog.listOrders(db, { ...f, publicCandidates: isPublicViewer(viewer) });
  return (await scopeOrders(db, viewer, candidates)).filter((o): o is CourtOrder => o !== undefined);
}

/** The ids of the court orders this viewer may see, in listOrders' order, reading only what decides it. */
export async function listOrderIds(db: Db, viewer: Viewer, f: { matter?: string } = {}): Promise<string[]> {
  const stubs = await catalog.listOrderStubs(db, { ...f, publicCandidates: isPublicViewer(viewer) });
  return (await scopeOrders(db, viewer, stubs)).flatMap((o) => (o ? [o.id] : []));
}

/**
 * A matter or order this viewer may change: visible, and every person it names is in the viewer's scope —
 * an edit re-evaluates those people's findings and changes what their families see.
 */
async function requireAllVisible(
  db: Db,
  viewer: Viewer,
  ids: readonly string[],
  kind: RecordKind,
  id: string,
) {
  if ((await fullAccessIds(db, viewer, ids)).length !== new Set(ids).size) {
    if ((await visiblePersonIds(db, viewer, ids)).length)
      throw new AppError("FORBIDDEN", `this ${kind} concerns another team's case`);
    throw notFound(kind, id);
  }
}

/**
 * How far this viewer may read a matter or an order: full when it names no one (staff) or someone the viewer
 * has full access to; public when it names only people the viewer sees publicly.
 */
export async function recordAccess(db: Db, viewer: Viewer, people: readonly string[]): Promise<Access> {
  return (await recordAccesses(db, viewer, [people]))[0] as Access;
}

/** recordAccess of many records at once (each given by the people it names), their people read together. */
export async function recordAccesses(
  db: Db,
  viewer: Viewer,
  records: readonly (readonly string[])[],
): Promise<Access[]> {
  if (viewer.role === "admin") return records.map(() => "full");
  const named = [...new Set(records.flat())];
  const fields = new Map((named.length ? await scopeFieldsOf(db, named) : []).map((p) => [p.id, p]));
  return records.map((people): Access => {
    if (!people.length) return isPublicViewer(viewer) ? "none" : "full";
    const found = people.flatMap((id) => fields.get(id) ?? []);
    if (found.some((p) => accessTo(viewer, p) === "full")) return "full";
    return found.some((p) => seesPerson(viewer, p)) ? "public" : "none";
  });
}

export async function loadMatterForWrite(db: Db, viewer: Viewer, id: string): Promise<LegalMatter> {
  authorize(viewer, "write", "case");
  const m = await catalog.findMatterById(db, id);
  if (!m || !(await scopeMatter(db, viewer, m))) throw notFound("legal matter", id);
  await requireAllVisible(db, viewer, m.people, "legal matter", id);
  return m;
}

export async function loadOrderForWrite(db: Db, viewer: Viewer, id: string): Promise<CourtOrder> {
  authorize(viewer, "write", "case");
  const o = await catalog.findOrderById(db, id);
  if (!o || !(await scopeOrder(db, viewer, o))) throw notFound("court order", id);
  await requireAllVisible(db, viewer, o.covers.people, "court order", id);
  return o;
}

// ---------- sources ----------

/**
 * Published sources (court records, government, news, NGO reports) are readable by everyone. Testimony and
 * other private material only by staff, and only when no record cites it or a person it concerns is in their
 * scope: another team's testimony is invisible.
 */
async function sourceFilter(db: Db, viewer: Viewer, sources: readonly Source[]): Promise<Source[]> {
  if (viewer.role === "admin") return [...sources];
  const staff = can(viewer, "read", "source");
  // Staff check only unpublished sources; the public checks published ones (the rest never reach it):
  // a source cited only about people the viewer may not see stays hidden — its title or link may name them.
  const checked = sources.filter((s) => (staff ? !isPublished(s) : isPublished(s)));
  if (!checked.length) return staff ? [...sources] : [];
  if (isPublicViewer(viewer)) {
    // The public sees exactly the public people (accessTo): asked of the store source by source, each answer
    // stopping at the first record that decides it (a docket may be cited by every person of a class).
    const citers = await sourceCiters(
      db,
      checked.map((s) => s.id),
    );
    return checked.filter((s) => {
      const c = citers.get(s.id);
      return !c?.cited || c.publicCiter;
    });
  }
  const citing = await peopleCitingSources(
    db,
    checked.map((s) => s.id),
  );
  const people = [...new Set([...citing.values()].flatMap((set) => [...set]))];
  // Staff read unpublished material only about people they have full access to.
  const visible = new Set(
    await (staff ? fullAccessIds(db, viewer, people) : visiblePersonIds(db, viewer, people)),
  );
  const ok = (s: Source) => {
    const who = citing.get(s.id);
    return !who || [...who].some((p) => visible.has(p));
  };
  return sources.filter((s) => (staff ? isPublished(s) || ok(s) : isPublished(s) && ok(s)));
}

export async function loadSource(db: Db, viewer: Viewer, id: string): Promise<Source> {
  const s = await catalog.findSourceById(db, id);
  if (!s || !(await sourceFilter(db, viewer, [s])).length) throw notFound("source", id);
  return s;
}

export async function listSources(db: Db, viewer: Viewer, ids?: readonly string[]): Promise<Source[]> {
  return sourceFilter(db, viewer, await catalog.listSources(db, ids));
}
