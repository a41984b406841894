// Reading the record around the people — facilities, legal matters, orders, sources — as a viewer may.
import { AppError } from "../domain/errors.ts";
import type { CourtOrder, Facility, LegalMatter, Source } from "../domain/model.ts";
import { ANONYMOUS, can, clearanceOf, type Viewer } from "../domain/policy.ts";
import * as store from "../store/catalog.ts";
import type { Db } from "../store/db.ts";
import { listDocketEntries } from "../store/dockets.ts";
import { findPeopleByIds } from "../store/people.ts";
import { visibleTo } from "./person-record.ts";

/** Drops ids of people this viewer may not know exist. */
async function visibleIds(db: Db, ids: string[], viewer: Viewer): Promise<string[]> {
  const people = await findPeopleByIds(db, ids);
  const ok = new Set(people.filter((p) => visibleTo(p, viewer)).map((p) => p.id));
  return ids.filter((id) => ok.has(id));
}

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
 * The matter as this viewer may see it, or undefined. The public sees a matter once it is filed (a docket
 * number: a public court record) or when it concerns someone public; its people list keeps only those.
 */
async function scopedMatter(db: Db, m: LegalMatter, viewer: Viewer): Promise<LegalMatter | undefined> {
  const people = await visibleIds(db, m.people, viewer);
  if (clearanceOf(viewer) === "public" && !m.docket_number && !people.length) return undefined;
  return { ...m, people };
}

export async function listMattersFor(db: Db, viewer: Viewer): Promise<LegalMatter[]> {
  const matters = await store.listMatters(db);
  return (await Promise.all(matters.map((m) => scopedMatter(db, m, viewer)))).filter(
    (m): m is LegalMatter => m !== undefined,
  );
}

export async function getMatter(db: Db, id: string, viewer: Viewer): Promise<LegalMatter> {
  const m = await store.findMatterById(db, id);
  const scopedM = m && (await scopedMatter(db, m, viewer));
  if (!scopedM) throw new AppError("NOT_FOUND", `no legal matter with id ${id}`);
  return scopedM;
}

async function scoped(db: Db, o: CourtOrder, viewer: Viewer): Promise<CourtOrder | undefined> {
  if (clearanceOf(viewer) === "public") {
    const m = await store.findMatterById(db, o.matter);
    if (!m || !(await scopedMatter(db, m, viewer))) return undefined;
  }
  return { ...o, covers: { ...o.covers, people: await visibleIds(db, o.covers.people, viewer) } };
}

export async function listOrdersFor(db: Db, viewer: Viewer): Promise<CourtOrder[]> {
  return (await Promise.all((await store.listOrders(db)).map((o) => scoped(db, o, viewer)))).filter(
    (o): o is CourtOrder => o !== undefined,
  );
}

export async function getOrderFor(db: Db, id: string, viewer: Viewer): Promise<CourtOrder> {
  const o = await scoped(db, await store.getOrder(db, id), viewer);
  if (!o) throw new AppError("NOT_FOUND", `no court order with id ${id}`);
  return o;
}

/** Testimony and other private material are sources only staff may read; the public sees published ones. */
const PUBLIC_SOURCE_KINDS: ReadonlySet<Source["kind"]> = new Set([
  "court_record",
  "government",
  "news",
  "ngo",
]);
const sourceVisible = (s: Source, viewer: Viewer) =>
  can(viewer, "read", "source") || PUBLIC_SOURCE_KINDS.has(s.kind);

export async function listSourcesFor(db: Db, viewer: Viewer = ANONYMOUS): Promise<Source[]> {
  return (await store.listSources(db)).filter((s) => sourceVisible(s, viewer));
}

export async function getSource(db: Db, id: string, viewer: Viewer = ANONYMOUS): Promise<Source> {
  const s = await store.findSourceById(db, id);
  if (!s || !sourceVisible(s, viewer)) throw new AppError("NOT_FOUND", `no source with id ${id}`);
  return s;
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

/** A matter with its docket entries (as imported) and its orders, as this viewer may see them. */
export async function getMatterDocket(
  db: Db,
  id: string,
  viewer: Viewer,
): Promise<{ matter: LegalMatter; entries: DocketEntryView[]; orders: CourtOrder[] }> {
  const matter = await getMatter(db, id, viewer);
  const orders = (
    await Promise.all((await store.listOrders(db, { matter: id })).map((o) => scoped(db, o, viewer)))
  ).filter((o): o is CourtOrder => o !== undefined);
  const entries = (await listDocketEntries(db, id)).map((e) => ({
    source: e.source_id,
    number: e.entry_number ?? undefined,
    date_filed: e.date_filed ?? undefined,
    date_entered: e.date_entered ?? undefined,
    description: e.description,
    class: e.class,
    order: e.order_id ?? undefined,
    pacer_doc_id: e.pacer_doc_id ?? undefined,
    documents: JSON.parse(e.documents) as unknown[],
    sha256: e.sha256,
  }));
  return { matter, entries, orders };
}
