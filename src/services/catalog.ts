// Reading the record around the people — facilities, legal matters, orders, sources — as a viewer may.
import { AppError } from "../domain/errors.ts";
import type { CourtOrder, Facility, LegalMatter, Source } from "../domain/model.ts";
import type { Viewer } from "../domain/policy.ts";
import * as store from "../store/catalog.ts";
import type { Db } from "../store/db.ts";
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

export async function listMattersFor(db: Db, viewer: Viewer): Promise<LegalMatter[]> {
  const matters = await store.listMatters(db);
  return Promise.all(matters.map(async (m) => ({ ...m, people: await visibleIds(db, m.people, viewer) })));
}

export async function getMatter(db: Db, id: string, viewer: Viewer): Promise<LegalMatter> {
  const m = await store.findMatterById(db, id);
  if (!m) throw new AppError("NOT_FOUND", `no legal matter with id ${id}`);
  return { ...m, people: await visibleIds(db, m.people, viewer) };
}

async function scoped(db: Db, o: CourtOrder, viewer: Viewer): Promise<CourtOrder> {
  return { ...o, covers: { ...o.covers, people: await visibleIds(db, o.covers.people, viewer) } };
}

export async function listOrdersFor(db: Db, viewer: Viewer): Promise<CourtOrder[]> {
  return Promise.all((await store.listOrders(db)).map((o) => scoped(db, o, viewer)));
}

export async function getOrderFor(db: Db, id: string, viewer: Viewer): Promise<CourtOrder> {
  return scoped(db, await store.getOrder(db, id), viewer);
}

export async function listSourcesFor(db: Db): Promise<Source[]> {
  return store.listSources(db);
}

export async function getSource(db: Db, id: string): Promise<Source> {
  const s = await store.findSourceById(db, id);
  if (!s) throw new AppError("NOT_FOUND", `no source with id ${id}`);
  return s;
}
