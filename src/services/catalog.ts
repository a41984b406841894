// Reading the record around the people — facilities, legal matters, orders, sources — as a viewer may:
// through the visibility scope, and for the public through the public projection.
import { AppError } from "../domain/errors.ts";
import type { CourtOrder, Facility, LegalMatter, Source } from "../domain/model.ts";
import { ANONYMOUS, type Viewer } from "../domain/policy.ts";
import { countRows } from "../store/bulk.ts";
import * as store from "../store/catalog.ts";
import type { Db } from "../store/db.ts";
import { listDocketEntries } from "../store/dockets.ts";
import {
  NO_PRIVATE_NAMES,
  type PublicContext,
  projectMatter,
  projectOrder,
  projectSource,
  publicContextFor,
  redactNames,
} from "./public-projection.ts";
import * as scope from "./scope.ts";

export async function listFacilitiesFor(
  db: Db,
  page: { limit?: number; offset?: number } = {},
): Promise<Facility[]> {
  return store.listFacilities(db, page);
}

export async function getFacility(db: Db, id: string): Promise<Facility> {
  const f = await store.findFacilityById(db, id);
  if (!f) throw new AppError("NOT_FOUND", `no facility with id ${id}`);
  return f;
}

/**
 * Matters and orders as this viewer reads them: in their public form for the public, and for staff where the
 * record concerns only people of another team whose cases are public.
 */
async function forViewer(
  db: Db,
  viewer: Viewer,
  matters: LegalMatter[],
  orders: CourtOrder[],
): Promise<{ matters: LegalMatter[]; orders: CourtOrder[] }> {
  // Everyone each names, as stored (the scoped records name only the people this viewer may see).
  const [rawM, rawO] = await Promise.all([
    store.findMattersByIds(
      db,
      matters.map((m) => m.id),
    ),
    store.findOrdersByIds(
      db,
      orders.map((o) => o.id),
    ),
  ]);
  const namedM = new Map(rawM.map((m) => [m.id, m.people]));
  const namedO = new Map(rawO.map((o) => [o.id, o.covers.people]));
  const peopleOf = (i: number, kind: "m" | "o") =>
    (kind === "m" ? namedM.get(matters[i]?.id ?? "") : namedO.get(orders[i]?.id ?? "")) ?? [];
  const access = await scope.recordAccesses(db, viewer, [
    ...matters.map((_, i) => peopleOf(i, "m")),
    ...orders.map((_, i) => peopleOf(i, "o")),
  ]);
  const accessM = access.slice(0, matters.length);
  const accessO = access.slice(matters.length);
  // Anything short of full access is read as the public reads it: an order that names no one (a class-wide
  // order) is "none" to the public, and was shown whole, summary and requirements included.
  const projected = [...accessM, ...accessO].some((a) => a !== "full");
  if (!projected) return { matters, orders };
  // projectMatter and projectOrder link to no other record: the context needs no list of visible ones.
  const ctx: PublicContext = await publicContextFor(db, {
    people: [...matters.map((_, i) => peopleOf(i, "m")), ...orders.map((_, i) => peopleOf(i, "o"))].flat(),
    sources: [...matters, ...orders].flatMap((x) => x.citations.map((c) => c.source)),
    // What projectMatter and projectOrder show of their words.
    texts: [
      ...matters.flatMap((m) => [m.caption, m.class_definition, m.status]),
      ...orders.map((o) => o.covers.class_definition),
    ],
  });
  return {
    matters: matters.map((m, i) => (accessM[i] === "full" ? m : projectMatter(m, ctx))),
    orders: orders.map((o, i) => (accessO[i] === "full" ? o : projectOrder(o, ctx))),
  };
}

export async function listMattersFor(db: Db, viewer: Viewer): Promise<LegalMatter[]> {
  return (await forViewer(db, viewer, await scope.listMatters(db, viewer), [])).matters;
}

/** A page of a list, with how long the whole list is. */
export type ListPage = { limit: number; offset: number };

/** The page asked for out of a whole list already in hand (scoped), and its length. */
function cut<T>(all: readonly T[], page: ListPage): { total: number; part: T[] } {
  return { total: all.length, part: all.slice(page.offset, page.offset + page.limit) };
}

/**
 * A page of the legal matters this viewer may see (listMattersFor's order) and how many there are: only the
 * page is read in the form the viewer reads it.
 */
export async function pageOfMattersFor(
  db: Db,
  viewer: Viewer,
  page: ListPage,
): Promise<{ total: number; matters: LegalMatter[] }> {
  const { total, part } = cut(await scope.listMatters(db, viewer), page);
  return { total, matters: (await forViewer(db, viewer, part, [])).matters };
}

/** These legal matters as this viewer may read them (those it may not see are left out). */
export async function findMattersFor(db: Db, viewer: Viewer, ids: readonly string[]): Promise<LegalMatter[]> {
  const scoped = await scope.scopeMatters(db, viewer, await store.findMattersByIds(db, [...new Set(ids)]));
  return (
    await forViewer(
      db,
      viewer,
      scoped.filter((m): m is LegalMatter => m !== undefined),
      [],
    )
  ).matters;
}

export async function getMatter(db: Db, id: string, viewer: Viewer): Promise<LegalMatter> {
  return (await forViewer(db, viewer, [await scope.loadMatter(db, viewer, id)], []))
    .matters[0] as LegalMatter;
}

export async function listOrdersFor(db: Db, viewer: Viewer): Promise<CourtOrder[]> {
  return presentOrdersFor(db, viewer, await scope.listOrders(db, viewer));
}

/**
 * The ids of the orders this viewer may see, in listOrdersFor's order, without reading each in the form the
 * viewer reads it: for paging or ranking a long list (1,833 orders on a national record) and then reading
 * only the part shown with findOrdersFor.
 */
export async function listOrderIdsFor(
  db: Db,
  viewer: Viewer,
  f: { matter?: string } = {},
): Promise<string[]> {
  return scope.listOrderIds(db, viewer, f);
}

/** A page of the court orders this viewer may see (listOrdersFor's order) and how many there are. */
export async function pageOfOrdersFor(
  db: Db,
  viewer: Viewer,
  page: ListPage,
  f: { matter?: string } = {},
): Promise<{ total: number; orders: CourtOrder[] }> {
  const { total, part } = cut(await listOrderIdsFor(db, viewer, f), page);
  return { total, orders: await findOrdersFor(db, viewer, part) };
}

/** These court orders as this viewer may read them (those it may not see are left out), in the order given. */
export async function findOrdersFor(db: Db, viewer: Viewer, ids: readonly string[]): Promise<CourtOrder[]> {
  const found = await store.findOrdersByIds(db, [...new Set(ids)]);
  const scoped = (await scope.scopeOrders(db, viewer, found)).filter((o): o is CourtOrder => o !== undefined);
  const byId = new Map((await presentOrdersFor(db, viewer, scoped)).map((o) => [o.id, o]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * Up to how many matters, and orders, on record a form's select lists every one the viewer may see; past it (a
 * national record holds thousands: the event form was 500 KB and 150 ms at 100,000 people) a person's event
 * form lists that person's own (eventChoicesFor).
 */
export const WHOLE_LIST_UP_TO = 200;

export type EventChoices = {
  matters: LegalMatter[];
  orders: CourtOrder[];
  /** Only the person's own are listed (the record holds more than WHOLE_LIST_UP_TO of either). */
  narrowed: boolean;
};

/**
 * The legal matters and court orders a person's event may be linked to, as this viewer reads them: every one
 * while the record holds few; past WHOLE_LIST_UP_TO, those of the person — the matters naming them, the
 * orders covering them or issued in those matters, the matters of those orders — and the ones the event
 * already names (`current`), so an edit never loses its link. Matters by date filed, orders by date issued.
 */
export async function eventChoicesFor(
  db: Db,
  viewer: Viewer,
  person: string,
  current: { matter?: string; orders?: readonly string[] } = {},
): Promise<EventChoices> {
  const [matterCount, orderCount] = await Promise.all([
    countRows(db, "legal_matters"),
    countRows(db, "court_orders"),
  ]);
  if (matterCount <= WHOLE_LIST_UP_TO && orderCount <= WHOLE_LIST_UP_TO) {
    const [matters, orders] = await Promise.all([listMattersFor(db, viewer), listOrdersFor(db, viewer)]);
    return { matters, orders, narrowed: false };
  }
  const [own, covering] = await Promise.all([
    scope.listMatters(db, viewer, { person }),
    scope.listOrders(db, viewer, { people: [person] }),
  ]);
  const inOwn = await Promise.all(own.map((m) => scope.listOrders(db, viewer, { matter: m.id })));
  const matterIds = new Set([...own.map((m) => m.id), ...covering.map((o) => o.matter)]);
  const orderIds = new Set([...covering, ...inOwn.flat()].map((o) => o.id));
  if (current.matter) matterIds.add(current.matter);
  for (const id of current.orders ?? []) orderIds.add(id);
  const [matters, orders] = await Promise.all([
    findMattersFor(db, viewer, [...matterIds]),
    findOrdersFor(db, viewer, [...orderIds]),
  ]);
  orders.sort((a, b) => byKeys([a.issued_at, a.id], [b.issued_at, b.id]));
  return { matters: byFiling(matters), orders, narrowed: true };
}

const byKeys = (a: [string, string], b: [string, string]) =>
  a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
const byFiling = (ms: LegalMatter[]) =>
  ms.sort((a, b) => byKeys([a.filed_on ?? "", a.id], [b.filed_on ?? "", b.id]));

/**
 * The legal matters a court order may be entered in, as this viewer reads them: every one while the record
 * holds few (WHOLE_LIST_UP_TO); past it, those naming any of `people` (whom the order covers) and `matter`
 * (the one chosen already, or asked for from a matter's page).
 */
export async function orderMatterChoicesFor(
  db: Db,
  viewer: Viewer,
  about: { people: readonly string[]; matter?: string },
): Promise<{ matters: LegalMatter[]; narrowed: boolean }> {
  if ((await countRows(db, "legal_matters")) <= WHOLE_LIST_UP_TO)
    return { matters: await listMattersFor(db, viewer), narrowed: false };
  const named = await Promise.all(
    [...new Set(about.people)].slice(0, 50).map((person) => scope.listMatters(db, viewer, { person })),
  );
  const ids = new Set(named.flat().map((m) => m.id));
  if (about.matter) ids.add(about.matter);
  return { matters: byFiling(await findMattersFor(db, viewer, [...ids])), narrowed: true };
}

/** Scoped orders in the form this viewer reads them: whole, or projected where its access is public. */
async function presentOrdersFor(db: Db, viewer: Viewer, orders: CourtOrder[]): Promise<CourtOrder[]> {
  return (await forViewer(db, viewer, [], orders)).orders;
}

export async function getOrderFor(db: Db, id: string, viewer: Viewer): Promise<CourtOrder> {
  return (await forViewer(db, viewer, [], [await scope.loadOrder(db, viewer, id)])).orders[0] as CourtOrder;
}

/** Sources as this viewer may read them: the public reads published ones with private names hidden. */
async function sourcesFor(db: Db, viewer: Viewer, sources: Source[]): Promise<Source[]> {
  if (!scope.isPublicViewer(viewer)) return sources;
  // Only their titles are shown (publicContextFor looks up the words of those).
  const ctx = await publicContextFor(db, { people: [], sources: sources.map((s) => s.id), texts: [] });
  return sources.map((s) => projectSource(s, ctx.privateNames));
}

export async function listSourcesFor(db: Db, viewer: Viewer = ANONYMOUS): Promise<Source[]> {
  return sourcesFor(db, viewer, await scope.listSources(db, viewer));
}

/** How many of the newest sources a form lists when the record holds more than WHOLE_LIST_UP_TO. */
export const NEWEST_SOURCES = 100;

/**
 * The sources a form may cite, as this viewer reads them: every one while the record holds few
 * (WHOLE_LIST_UP_TO); past it (a record that ingests articles holds thousands) the NEWEST_SOURCES newest and
 * those the form cites already (`chosen`), so an edit never loses a citation.
 */
export async function sourceChoicesFor(
  db: Db,
  viewer: Viewer,
  chosen: readonly string[],
): Promise<{ sources: Source[]; narrowed: boolean }> {
  if ((await countRows(db, "sources")) <= WHOLE_LIST_UP_TO)
    return { sources: await listSourcesFor(db, viewer), narrowed: false };
  // A record cites at most 100 sources (domain/model.ts): more chosen than a few hundred is not a form's.
  const ids = new Set([...(await store.newestSourceIds(db, NEWEST_SOURCES)), ...chosen.slice(0, 500)]);
  return {
    sources: await sourcesFor(db, viewer, await scope.listSources(db, viewer, [...ids])),
    narrowed: true,
  };
}

/** A page of the sources this viewer may read (listSourcesFor's order) and how many there are. */
export async function pageOfSourcesFor(
  db: Db,
  viewer: Viewer,
  page: ListPage,
): Promise<{ total: number; sources: Source[] }> {
  const { total, part } = cut(await scope.listSources(db, viewer), page);
  return { total, sources: await sourcesFor(db, viewer, part) };
}

export async function getSource(db: Db, id: string, viewer: Viewer = ANONYMOUS): Promise<Source> {
  return (await sourcesFor(db, viewer, [await scope.loadSource(db, viewer, id)]))[0] as Source;
}

export type DocketEntryView = {
  source: string;
  number?: string;
  date_filed?: string;
  date_entered?: string;
  description: string;
  class: string;
  order?: string;
  pacer_doc_id?: string;
  documents: unknown[];
  sha256: string;
};

/**
 * A matter with its docket entries (as imported) and its orders, as this viewer may see them: through the
 * scope, and where the viewer reads the matter's public form, entries with private names as initials.
 */
export async function getMatterDocket(
  db: Db,
  id: string,
  viewer: Viewer,
): Promise<{ matter: LegalMatter; entries: DocketEntryView[]; orders: CourtOrder[] }> {
  const matter = await getMatter(db, id, viewer);
  const raw = await store.findMatterById(db, id);
  const access = await scope.recordAccess(db, viewer, raw?.people ?? []);
  const docket = await listDocketEntries(db, id);
  const names =
    access === "full"
      ? NO_PRIVATE_NAMES
      : (
          await publicContextFor(db, {
            people: raw?.people ?? [],
            sources: [],
            texts: docket.map((e) => e.description),
          })
        ).privateNames;
  const orders = (await forViewer(db, viewer, [], await scope.listOrders(db, viewer, { matter: id }))).orders;
  const entries = docket.map((e) => ({
    source: e.source_id,
    number: e.entry_number ?? undefined,
    date_filed: e.date_filed ?? undefined,
    date_entered: e.date_entered ?? undefined,
    description: redactNames(e.description, names) ?? "",
    class: e.class,
    order: e.order_id ?? undefined,
    pacer_doc_id: e.pacer_doc_id ?? undefined,
    documents: JSON.parse(e.documents) as unknown[],
    sha256: e.sha256,
  }));
  return { matter, entries, orders };
}
