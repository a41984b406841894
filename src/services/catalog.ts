// Reading the record around the people — facilities, legal matters, orders, sources — as a viewer may:
// through the visibility scope, and for the public through the public projection.
import { AppError } from "../domain/errors.ts";
import type { CourtOrder, Facility, LegalMatter, Source } from "../domain/model.ts";
import { ANONYMOUS, type Viewer } from "../domain/policy.ts";
import * as store from "../store/catalog.ts";
import type { Db } from "../store/db.ts";
import {
  type PublicContext,
  projectMatter,
  projectOrder,
  projectSource,
  publicContextFor,
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

/** The projection context of matters and orders: their raw people and their sources. */
async function contextOf(db: Db, matters: readonly LegalMatter[], orders: readonly CourtOrder[]) {
  const raw = await Promise.all([
    ...matters.map((m) => store.findMatterById(db, m.id)),
    ...orders.map((o) => store.findOrderById(db, o.id)),
  ]);
  const people = raw.flatMap((r) => (!r ? [] : "caption" in r ? r.people : r.covers.people));
  const sources = [...matters, ...orders].flatMap((x) => x.citations.map((c) => c.source));
  const ctx = await publicContextFor(db, { people, sources });
  return { ...ctx, matters: new Set(matters.map((m) => m.id)), orders: new Set(orders.map((o) => o.id)) };
}

async function forViewer(
  db: Db,
  viewer: Viewer,
  matters: LegalMatter[],
  orders: CourtOrder[],
): Promise<{ matters: LegalMatter[]; orders: CourtOrder[] }> {
  if (!scope.isPublicViewer(viewer)) return { matters, orders };
  const ctx: PublicContext = await contextOf(db, matters, orders);
  return {
    matters: matters.map((m) => projectMatter(m, ctx)),
    orders: orders.map((o) => projectOrder(o, ctx)),
  };
}

export async function listMattersFor(db: Db, viewer: Viewer): Promise<LegalMatter[]> {
  return (await forViewer(db, viewer, await scope.listMatters(db, viewer), [])).matters;
}

export async function getMatter(db: Db, id: string, viewer: Viewer): Promise<LegalMatter> {
  return (await forViewer(db, viewer, [await scope.loadMatter(db, viewer, id)], []))
    .matters[0] as LegalMatter;
}

export async function listOrdersFor(db: Db, viewer: Viewer): Promise<CourtOrder[]> {
  return (await forViewer(db, viewer, [], await scope.listOrders(db, viewer))).orders;
}

export async function getOrderFor(db: Db, id: string, viewer: Viewer): Promise<CourtOrder> {
  return (await forViewer(db, viewer, [], [await scope.loadOrder(db, viewer, id)])).orders[0] as CourtOrder;
}

/** Sources as this viewer may read them: the public reads published ones with private names hidden. */
async function sourcesFor(db: Db, viewer: Viewer, sources: Source[]): Promise<Source[]> {
  if (!scope.isPublicViewer(viewer)) return sources;
  const ctx = await publicContextFor(db, { people: [], sources: sources.map((s) => s.id) });
  return sources.map((s) => projectSource(s, ctx.privateNames));
}

export async function listSourcesFor(db: Db, viewer: Viewer = ANONYMOUS): Promise<Source[]> {
  return sourcesFor(db, viewer, await scope.listSources(db, viewer));
}

export async function getSource(db: Db, id: string, viewer: Viewer = ANONYMOUS): Promise<Source> {
  return (await sourcesFor(db, viewer, [await scope.loadSource(db, viewer, id)]))[0] as Source;
}
