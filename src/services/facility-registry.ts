// The facility registry as users see it: one record per real place with its name variants, address,
// county, federal judicial district and ICE field office; type-ahead search; review list; population.

import { z } from "zod";
import { AppError, badInput, problemsFromZod } from "../domain/errors.ts";
import {
  type District,
  type FieldOffice,
  fieldOfficeOf,
  type Placement,
  placeFacility,
} from "../domain/jurisdiction.ts";
import type { Facility } from "../domain/model.ts";
import { foldName, jaroWinkler } from "../domain/names.ts";
import type { Viewer } from "../domain/policy.ts";
import { facilityNameKey } from "../ingest/detention-data/facility-names.ts";
import type { FacilityEntry } from "../ingest/entities.ts";
import { loadGeography } from "../ingest/reference/geography.ts";
import { findFacilitiesByIds, findFacilityById, listFacilities } from "../store/catalog.ts";
import type { Database, Db } from "../store/db.ts";
import {
  type FacilityAlias,
  type FacilityPlace,
  findFacilityPlaces,
  listFacilitiesForReview,
  listFacilityAliases,
  saveFacilityPlace,
  savePlacements,
} from "../store/facility-registry.ts";
import { listImportRuns, populationSeries, populationTotalsByDate } from "../store/population.ts";
import { audit } from "./audit.ts";
import { authorize } from "./authorize.ts";

/** Every facility's names as the article extractor matches them (ingest/entities.ts). */
export async function facilityRegistry(db: Db): Promise<FacilityEntry[]> {
  return (await listFacilities(db, { limit: 100_000 })).map((f) => ({
    id: f.id,
    name: f.name,
    aliases: f.aliases,
  }));
}

export type FacilityDetail = {
  id: string;
  name: string;
  kind: Facility["kind"];
  country: string;
  /** DETLOC and other codes: what the sources call this place. */
  codes: Record<string, string>;
  aliases: FacilityAlias[];
  address?: string;
  city?: string;
  state?: string;
  zip?: string;
  operator?: string;
  county?: { fips: string; name?: string };
  district?: District & { division?: string };
  placement: Placement;
  /** Whether a person should check the district (status review or unknown). */
  needsReview: boolean;
  aor?: string;
  fieldOffice?: FieldOffice;
  head?: { name?: string; title?: string };
  summary?: string;
};

/** Every code a source gave this place (DETLOC first): population rows are keyed by these. */
export function facilityCodes(f: Pick<Facility, "codes">): string[] {
  const out = new Set<string>();
  if (f.codes.DETLOC) out.add(f.codes.DETLOC);
  for (const [k, v] of Object.entries(f.codes)) if (/detloc/i.test(k)) out.add(v.toUpperCase());
  return [...out];
}

function aorOf(f: Facility): string | undefined {
  return f.codes.ICE_AOR?.toUpperCase();
}

/** Computes and stores the court-map placement of the given facilities (all when `ids` is omitted). */
export async function placeFacilities(db: Db, ids?: readonly string[]): Promise<number> {
  const g = loadGeography();
  const facilities = ids
    ? await findFacilitiesByIds(db, ids)
    : await listFacilities(db, { limit: 1_000_000 });
  const places = await findFacilityPlaces(
    db,
    facilities.map((f) => f.id),
  );
  const aliases = new Map<string, string[]>();
  for (const a of await listFacilityAliases(
    db,
    facilities.map((f) => f.id),
  )) {
    const list = aliases.get(a.facility_id);
    if (list) list.push(a.alias);
    else aliases.set(a.facility_id, [a.alias]);
  }
  const placed = facilities.map((f) => ({
    id: f.id,
    placement: placeFacility(
      {
        name: f.name,
        aliasKeys: [...f.aliases, ...(aliases.get(f.id) ?? [])],
        country: f.country,
        city: f.city,
        state: f.state,
        zip: places.get(f.id)?.zip,
        detloc: facilityCodes(f)[0],
        kind: f.kind,
      },
      g,
    ),
  }));
  await savePlacements(db, placed);
  return facilities.length;
}

function detailOf(f: Facility, place: FacilityPlace | undefined, aliases: FacilityAlias[]): FacilityDetail {
  const g = loadGeography();
  const placement: Placement = place?.placement ?? {
    status: "unknown",
    basis: "not placed yet (run habeas import or habeas facilities review)",
  };
  const d = placement.district ? g.districts.get(placement.district) : undefined;
  // One line per name variant, with every source that used it.
  const grouped = new Map<string, FacilityAlias>();
  for (const a of aliases) {
    const g0 = grouped.get(a.alias);
    if (g0) g0.source = `${g0.source}; ${a.source}`;
    else grouped.set(a.alias, { ...a });
  }
  const known = new Set(aliases.map((a) => facilityNameKey(a.alias)));
  const all = [...grouped.values()];
  for (const a of f.aliases) if (!known.has(facilityNameKey(a))) all.push({ alias: a, source: "registry" });
  const aor = aorOf(f);
  return {
    id: f.id,
    name: f.name,
    kind: f.kind,
    country: f.country,
    codes: f.codes,
    aliases: all.filter((a) => a.alias !== f.name),
    address: place?.address,
    city: f.city,
    state: f.state,
    zip: place?.zip,
    operator: f.operator,
    county: placement.county ? { fips: placement.county, name: placement.countyName } : undefined,
    district: d ? { ...d, division: placement.division } : undefined,
    placement,
    needsReview: placement.status === "review" || placement.status === "unknown",
    aor,
    fieldOffice: fieldOfficeOf(g, aor),
    head: place?.head,
    summary: f.summary,
  };
}

/** One facility with everything the registry knows; NOT_FOUND when there is none. Public data. */
export async function getFacilityDetail(db: Db, id: string): Promise<FacilityDetail> {
  const f = await findFacilityById(db, id);
  if (!f) throw new AppError("NOT_FOUND", `no facility with id ${id}`);
  const places = await findFacilityPlaces(db, [id]);
  const aliases = (await listFacilityAliases(db, [id])).map((a) => ({ alias: a.alias, source: a.source }));
  return detailOf(f, places.get(id), aliases);
}

/** The facilities whose district needs a person's look, with why. */
export async function facilitiesForReview(db: Db): Promise<FacilityDetail[]> {
  const ids = await listFacilitiesForReview(db);
  return Promise.all(ids.map((id) => getFacilityDetail(db, id)));
}

export const FacilityHeadSchema = z.object({
  name: z.string().trim().min(2, "name the warden or administrator").max(200).optional(),
  title: z.string().trim().min(3).max(120).default("Warden"),
});

/**
 * Records who runs a facility (the immediate custodian a petition names), or clears the name when none is
 * given. Audited; the person is a public official acting in that office.
 */
export async function setFacilityHead(
  db: Database,
  id: string,
  input: unknown,
  viewer: Viewer,
): Promise<void> {
  authorize(viewer, "write", "case");
  const parsed = FacilityHeadSchema.safeParse(input);
  if (!parsed.success) throw badInput("the facility head is not valid", problemsFromZod(parsed.error.issues));
  if (!(await findFacilityById(db, id))) throw new AppError("NOT_FOUND", `no facility with id ${id}`);
  await db.transaction().execute(async (tx) => {
    await saveFacilityPlace(tx, id, { head: { name: parsed.data.name, title: parsed.data.title } });
    await audit(tx, viewer, "facility.head", `facility:${id}`, { title: parsed.data.title });
  });
}

// ---------- type-ahead ----------
export type FacilityMatch = {
  id: string;
  name: string;
  /** The name or alias that matched best. */
  matched: string;
  city?: string;
  state?: string;
  country: string;
  score: number;
};

const tokensOf = (s: string) => foldName(facilityNameKey(s)).split(" ").filter(Boolean);

/** How well a query matches a name: each query word's best match among the name's words, by length. */
export function facilitySimilarity(query: string, name: string): number {
  const q = tokensOf(query);
  const n = tokensOf(name);
  if (!q.length || !n.length) return 0;
  let score = 0;
  let weight = 0;
  for (const qt of q) {
    let best = 0;
    for (const nt of n) {
      let s = jaroWinkler(qt, nt);
      if (nt.startsWith(qt) && qt.length >= 2) s = Math.max(s, 0.95);
      if (s > best) best = s;
    }
    const w = Math.max(2, qt.length);
    score += (best < 0.75 ? 0 : best) * w;
    weight += w;
  }
  return score / weight;
}

type Candidate = { f: Facility; names: string[] };
let cache: { count: number; version: string; items: Candidate[] } | undefined;

async function candidates(db: Db): Promise<Candidate[]> {
  const facilities = await listFacilities(db, { limit: 1_000_000 });
  const aliases = await listFacilityAliases(db);
  const version = `${facilities.length}:${aliases.length}:${facilities.at(-1)?.id ?? ""}`;
  if (cache && cache.version === version) return cache.items;
  const byId = new Map<string, string[]>();
  for (const a of aliases) byId.set(a.facility_id, [...(byId.get(a.facility_id) ?? []), a.alias]);
  const items = facilities.map((f) => ({
    f,
    names: [...new Set([f.name, ...f.aliases, ...(byId.get(f.id) ?? []), ...facilityCodes(f)])],
  }));
  cache = { count: facilities.length, version, items };
  return items;
}

/** Facilities whose name or alias matches the words, tolerating accents, abbreviations and typos. */
export async function searchFacilities(db: Db, query: string, limit = 10): Promise<FacilityMatch[]> {
  const q = query.trim();
  if (!q) return [];
  if (q.length > 200) throw new AppError("BAD_INPUT", "the search is longer than 200 characters");
  const out: FacilityMatch[] = [];
  for (const { f, names } of await candidates(db)) {
    let best = 0;
    let matched = f.name;
    for (const n of names) {
      const s = facilitySimilarity(q, n);
      if (s > best) {
        best = s;
        matched = n;
      }
    }
    if (f.id === q) best = 1;
    if (best >= 0.8)
      out.push({
        id: f.id,
        name: f.name,
        matched,
        city: f.city,
        state: f.state,
        country: f.country,
        score: best,
      });
  }
  return out
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
    .slice(0, Math.max(1, Math.min(limit, 50)));
}

/**
 * The one facility a typed text names, for forms without JavaScript: an id, or a name that matches one
 * facility clearly better than the next. Otherwise the closest matches to choose from.
 */
export async function resolveFacilityText(
  db: Db,
  text: string,
): Promise<{ id: string } | { choices: FacilityMatch[] }> {
  const t = text.trim();
  if (!t) return { choices: [] };
  if (await findFacilityById(db, t)) return { id: t };
  const matches = await searchFacilities(db, t, 8);
  const [a, b] = matches;
  if (a && a.score >= 0.9 && (!b || a.score - b.score >= 0.05)) return { id: a.id };
  return { choices: matches };
}

// ---------- population ----------
export type PopulationPoint = { date: string; detained: number };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
function checkRange(from?: string, to?: string) {
  for (const [k, v] of [
    ["from", from],
    ["to", to],
  ] as const)
    if (v !== undefined && (!DATE.test(v) || Number.isNaN(Date.parse(v))))
      throw new AppError("BAD_INPUT", `${k} must be a date (YYYY-MM-DD)`);
  if (from && to && from > to) throw new AppError("BAD_INPUT", "from is after to");
}

/** A facility's daily detained population (summed over its codes), oldest first. Public data. */
export async function facilityPopulation(
  db: Db,
  id: string,
  range: { from?: string; to?: string } = {},
): Promise<{ facility: string; codes: string[]; points: PopulationPoint[] }> {
  checkRange(range.from, range.to);
  const f = await findFacilityById(db, id);
  if (!f) throw new AppError("NOT_FOUND", `no facility with id ${id}`);
  const codes = facilityCodes(f);
  const byDate = new Map<string, number>();
  for (const code of codes)
    for (const r of await populationSeries(db, code, range))
      byDate.set(r.date, (byDate.get(r.date) ?? 0) + r.n_detained);
  const points = [...byDate]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, detained]) => ({ date, detained }));
  return { facility: id, codes, points };
}

/** People detained in all facilities on each day, oldest first. Public data. */
export async function nationalPopulation(
  db: Db,
  range: { from?: string; to?: string } = {},
): Promise<PopulationPoint[]> {
  checkRange(range.from, range.to);
  return (await populationTotalsByDate(db, range)).map((r) => ({ date: r.date, detained: Number(r.total) }));
}

const nationalCache = new WeakMap<object, { key: string; at: number; value: Promise<PopulationPoint[]> }>();
const NATIONAL_TTL_MS = 10 * 60 * 1000;

/**
 * The national series thinned for a chart, for the dashboard: recomputed when an import has run since, or
 * after ten minutes (summing every facility's days is the one heavy read here).
 */
export async function nationalPopulationChart(db: Db, max = 120): Promise<PopulationPoint[]> {
  const runs = await listImportRuns(db, { limit: 1 });
  const key = runs[0] ? `${runs[0].id}:${runs[0].status}:${runs[0].rows}` : "none";
  const hit = nationalCache.get(db);
  if (hit && hit.key === key && Date.now() - hit.at < NATIONAL_TTL_MS) return hit.value;
  const value = nationalPopulation(db).then((pts) => thinSeries(pts, max));
  nationalCache.set(db, { key, at: Date.now(), value });
  value.catch(() => nationalCache.delete(db));
  return value;
}

/** Thins a daily series to at most `max` points (each a week's or month's last day), keeping the last. */
export function thinSeries(points: readonly PopulationPoint[], max = 120): PopulationPoint[] {
  if (points.length <= max) return [...points];
  const step = Math.ceil(points.length / max);
  const out = points.filter((_, i) => (points.length - 1 - i) % step === 0);
  return out;
}
