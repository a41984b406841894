// The public dashboard: what the record shows about public people only — how many, from where, where held,
// where they are now, which court orders stand ignored, a dated timeline and sourced claims. Small counts
// are for the page to withhold; this service never reads a private record.
import { CUSTODY_EVENT_TYPES, type CustodyStatus, statusAfter } from "../domain/custody.ts";
import type { CourtOrder, EventType, Facility, HabeasEvent, LegalMatter, Source } from "../domain/model.ts";
import { ANONYMOUS } from "../domain/policy.ts";
import type { PublicCompliance } from "../rules/index.ts";
import {
  findFacilitiesByIds,
  findMattersByIds,
  findOrdersByIds,
  listOrders,
  listSources,
} from "../store/catalog.ts";
import {
  citationCountsBySource,
  countPublicPeople,
  ordersNamingNoOne,
  publicEventFigures,
  publicNames,
  publicPeopleByOrder,
} from "../store/dashboard.ts";
import type { Db, StoreTarget } from "../store/db.ts";
import type { KeyConfig } from "../store/keys.ts";
import type { ClaimReport } from "./claims.ts";
import { complianceForOrders } from "./findings.ts";
import { canRunInWorker, keptJob } from "./jobs.ts";
import {
  projectEvent,
  projectOrder,
  projectSource,
  publicContextFor,
  publicTotals,
  redactNames,
  suppress,
} from "./public-projection.ts";
import * as scope from "./scope.ts";

export type CurrentStatus = CustodyStatus;

/** A court order that was breached or still stands unmet, with its compliance state (rules/court-orders.ts). */
export type IgnoredOrder = {
  order: CourtOrder;
  matter?: Pick<LegalMatter, "id" | "caption" | "court">;
  compliance: PublicCompliance;
};

export type TimelineEntry =
  | { kind: "event"; at: string; event: HabeasEvent; person?: { id: string; name: string } }
  | { kind: "order"; at: string; order: CourtOrder; matter?: string };

export type { ClaimReport };

export type Dashboard = {
  computed_at: string;
  /** Withheld (null) where a figure is small, or would give a small one away by subtraction. */
  totals: {
    individuals: number | null;
    groups: number | null;
    group_people: number | null;
    people: number | null;
  };
  /** Small cells are pooled into "(other)" (see public-projection.ts suppress). */
  by_country: { country: string; people: number }[];
  by_status: { status: CurrentStatus | "(other)"; people: number }[];
  by_facility: { facility: Pick<Facility, "id" | "name" | "country" | "kind">; people: number }[];
  by_citizenship: { status: string; people: number }[];
  /** Orders breached (even if later remedied) or still unmet: still unmet first, longest first. */
  orders: IgnoredOrder[];
  /** The headline: orders breached, and orders still unmet, counted apart (an order can be both). */
  order_counts: { breached: number; unmet: number };
  timeline: TimelineEntry[];
  /** Claims with their sources, best corroborated first; conflicts are where independent sources disagree. */
  claims: ClaimReport[];
  /** Sources cited on the page, by id. */
  sources: Record<string, Pick<Source, "id" | "publisher" | "title" | "url">>;
};

const TIMELINE_TYPES = [
  ...CUSTODY_EVENT_TYPES,
  "REMOVAL_ORDER",
  "PROTECTION_GRANTED",
  "NOTICE_GIVEN",
  "HABEAS_FILED",
  "GOVERNMENT_ADMISSION",
  "CITIZENSHIP_EVIDENCE",
  "CRIMINAL_CHARGE",
];

function bump<K>(m: Map<K, number>, k: K, n: number) {
  m.set(k, (m.get(k) ?? 0) + n);
}

/** Computes the dashboard from the store: a handful of aggregate queries, independent of record count. */
export async function computeDashboard(
  db: Db,
  opts: { asOf?: string; timelineLimit?: number; claimLimit?: number } = {},
): Promise<Dashboard> {
  const asOf = new Date(opts.asOf ?? Date.now()).toISOString();
  const [groups, figures, coveredByOrder, classOnly, allClaims] = await Promise.all([
    countPublicPeople(db),
    publicEventFigures(db, {
      asOf,
      types: TIMELINE_TYPES,
      limit: opts.timelineLimit ?? 40,
    }),
    publicPeopleByOrder(db),
    ordersNamingNoOne(db),
    // Loaded when the figures are computed: the claims report pulls in the article extractor (linkedom,
    // language detection, stemmers), which every command that writes a record would otherwise load.
    import("./claims.ts").then(({ claimsReport }) => claimsReport(db, ANONYMOUS)),
  ]);
  const { lastCustody: last, byFacility, latest: events } = figures;
  // The facilities the figures name, every one of them (a registry holds thousands: a first page of them by
  // name left the rest unplaced, their people neither "abroad" nor in any facility's count).
  const facilities = await findFacilitiesByIds(db, [
    ...new Set([...last, ...byFacility].flatMap((r) => (r.facility_id ? [r.facility_id] : []))),
  ]);
  const claims = [...allClaims]
    .sort(
      (a, b) =>
        b.corroboration - a.corroboration ||
        Number(b.conflict) - Number(a.conflict) ||
        a.subject.localeCompare(b.subject),
    )
    .slice(0, opts.claimLimit ?? 30);
  // Only orders about public people (or about a class named in words): an order about a private person
  // may name them in its summary.
  const coveredPeople = [...new Set([...coveredByOrder.values()].flat())];
  const orders = [
    ...(await listOrders(db, { people: coveredPeople })),
    ...(await findOrdersByIds(db, classOnly)),
  ].sort((a, b) => (a.issued_at < b.issued_at ? -1 : a.issued_at > b.issued_at ? 1 : 0));
  const matters = await findMattersByIds(
    db,
    orders.map((o) => o.matter),
  );
  const facilityById = new Map(facilities.map((f) => [f.id, f]));
  const matterById = new Map(matters.map((m) => [m.id, m]));

  const totals = { individuals: 0, groups: 0, group_people: 0, people: 0 };
  const countries = new Map<string, number>();
  const citizenship = new Map<string, number>();
  for (const g of groups) {
    if (g.kind === "group") {
      totals.groups += g.records;
      totals.group_people += g.people;
    } else totals.individuals += g.records;
    totals.people += g.people;
    let nats: string[] = [];
    try {
      nats = (JSON.parse(g.nationalities) as unknown[]).filter((x): x is string => typeof x === "string");
    } catch {
      nats = [];
    }
    for (const n of nats.length ? nats : ["unknown"]) bump(countries, n, g.people);
    bump(citizenship, g.citizenship_status, g.people);
  }

  const status = new Map<CurrentStatus, number>();
  let located = 0;
  for (const r of last) {
    const f = r.facility_id ? facilityById.get(r.facility_id) : undefined;
    bump(status, statusAfter({ type: r.type as EventType, country: r.country ?? undefined }, f), r.people);
    located += r.people;
  }
  if (totals.people > located) bump(status, "unknown", totals.people - located);

  // Orders are public court records; their compliance is the one ledger (rules/court-orders.ts) over
  // everyone they cover, in its public form: an act against a private person still counts, unnamed.
  const states = await complianceForOrders(
    db,
    orders.map((o) => o.id),
    ANONYMOUS,
    { asOf },
  );
  const compliance = orders.flatMap((o): IgnoredOrder[] => {
    const c = states.get(o.id);
    // An order naming no one on record (a class defined in words only) has no timeline to be read against.
    if (!c || !o.covers.people.length) return [];
    const m = matterById.get(o.matter);
    return [
      { order: o, matter: m ? { id: m.id, caption: m.caption, court: m.court } : undefined, compliance: c },
    ];
  });

  const names = new Map(
    (
      await publicNames(
        db,
        events.map((e) => e.person),
      )
    ).map((p) => [p.id, p.full_name]),
  );
  const since = events.at(-1)?.at;
  const timeline: TimelineEntry[] = [
    ...events.map((e): TimelineEntry => {
      const name = names.get(e.person);
      return { kind: "event", at: e.at, event: e, person: name ? { id: e.person, name } : undefined };
    }),
    ...orders
      .filter((o) => !since || o.issued_at >= since)
      .map(
        (o): TimelineEntry => ({
          kind: "order",
          at: o.issued_at,
          order: o,
          matter: matterById.get(o.matter)?.caption,
        }),
      ),
  ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

  return publicDashboard(db, {
    computed_at: asOf,
    totals,
    countries,
    status,
    citizenship,
    byFacility: new Map(byFacility.map((r) => [r.facility_id, r.people])),
    facilityById,
    orders: compliance
      .filter((c) => c.compliance.state === "breached" || c.compliance.unmet)
      .sort(
        (a, b) =>
          Number(b.compliance.unmet) - Number(a.compliance.unmet) ||
          (b.compliance.days_unmet ?? 0) - (a.compliance.days_unmet ?? 0) ||
          (a.order.issued_at < b.order.issued_at ? -1 : 1),
      ),
    timeline,
    claims,
  });
}

/**
 * The dashboard as the public may read it — the one public projection applied to what the aggregates found:
 * counts suppressed complementarily (no cell, nor a total, gives a small one away by subtraction), events in
 * their public form (month precision without a published source, no free text, opaque ids), only orders and
 * matters the public may see, only published sources.
 */
async function publicDashboard(
  db: Db,
  d: {
    computed_at: string;
    totals: { individuals: number; groups: number; group_people: number; people: number };
    countries: Map<string, number>;
    status: Map<string, number>;
    citizenship: Map<string, number>;
    byFacility: Map<string, number>;
    facilityById: Map<string, Facility>;
    orders: IgnoredOrder[];
    timeline: TimelineEntry[];
    claims: ClaimReport[];
  },
): Promise<Dashboard> {
  // Visibility is asked of the orders and matters this page would show or link, not of every one on record:
  // the orders in hand and those the timeline's events link to, scoped for the public once.
  const inHand = new Map<string, CourtOrder>();
  for (const o of d.orders) inHand.set(o.order.id, o.order);
  for (const e of d.timeline) if (e.kind === "order") inHand.set(e.order.id, e.order);
  const linked = d.timeline.flatMap((e) => {
    const id = e.kind === "event" ? e.event.details.order : undefined;
    return typeof id === "string" && !inHand.has(id) ? [id] : [];
  });
  const candidates = [...inHand.values(), ...(await findOrdersByIds(db, [...new Set(linked)]))];
  const scopedOrders = new Map<string, CourtOrder>();
  (await scope.scopeOrders(db, ANONYMOUS, candidates)).forEach((v, i) => {
    if (v) scopedOrders.set(candidates[i]!.id, v);
  });
  const visibleOrders = new Set(scopedOrders.keys());
  const visibleMatters = await scope.visibleMatterIds(
    db,
    ANONYMOUS,
    d.timeline.flatMap((e) => (e.kind === "event" && e.event.matter ? [e.event.matter] : [])),
  );
  const shownOrders = d.orders.filter((o) => visibleOrders.has(o.order.id));
  const rawTimeline = d.timeline.filter((e) => e.kind === "event" || visibleOrders.has(e.order.id));
  const cited = [
    ...rawTimeline.flatMap((e) => (e.kind === "event" ? e.event.citations : e.order.citations)),
    ...shownOrders.flatMap((o) => o.order.citations),
  ].map((c) => c.source);
  // Every order shown, in the list and on the timeline.
  const ordersShown = [
    ...shownOrders.map((o) => o.order),
    ...rawTimeline.flatMap((e) => (e.kind === "order" ? [e.order] : [])),
  ];
  // Every text shown with names in it: the matters' captions and the orders' class definitions (the sources'
  // titles are added by publicContextFor). Only their words are looked up.
  const texts = [
    ...shownOrders.flatMap((o) => [o.matter?.caption, o.order.covers.class_definition]),
    ...rawTimeline.flatMap((e) => (e.kind === "order" ? [e.matter, e.order.covers.class_definition] : [])),
  ];
  const ctx = {
    ...(await publicContextFor(db, {
      people: ordersShown.flatMap((o) => o.covers.people),
      sources: cited,
      texts,
    })),
    matters: visibleMatters,
    orders: visibleOrders,
  };
  // In their public form (names of people the public may not see redacted).
  const projected = new Map<string, CourtOrder>();
  for (const o of ordersShown) {
    const v = scopedOrders.get(o.id);
    if (v) projected.set(o.id, projectOrder(v, ctx));
  }
  const orders: IgnoredOrder[] = [];
  for (const o of shownOrders) {
    const order = projected.get(o.order.id);
    if (order)
      orders.push({
        ...o,
        order,
        matter: o.matter
          ? { ...o.matter, caption: redactNames(o.matter.caption, ctx.privateNames) ?? "" }
          : undefined,
      });
  }
  const timeline: TimelineEntry[] = [];
  for (const e of rawTimeline) {
    if (e.kind === "event") timeline.push({ ...e, event: projectEvent(e.event, ctx) });
    else {
      const order = projected.get(e.order.id);
      if (order) timeline.push({ ...e, order, matter: redactNames(e.matter, ctx.privateNames) });
    }
  }
  timeline.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const used = new Set(
    [
      ...timeline.flatMap((e) => (e.kind === "event" ? e.event.citations : e.order.citations)),
      ...orders.flatMap((o) => o.order.citations),
    ].map((c) => c.source),
  );
  const sources = (await listSources(db, [...used])).map((s) => projectSource(s, ctx.privateNames));
  const totals = publicTotals(d.totals);
  return {
    computed_at: d.computed_at,
    totals: {
      individuals: totals.individuals,
      groups: totals.group_records,
      group_people: totals.people_in_groups,
      people: totals.people,
    },
    by_country: suppress(d.countries).map((c) => ({ country: c.key, people: c.count })),
    by_status: suppress(d.status).map((c) => ({
      status: c.key as CurrentStatus | "(other)",
      people: c.count,
    })),
    by_facility: suppress(d.byFacility).flatMap((c) => {
      if (c.key === "(other)")
        return [
          {
            facility: { id: "(other)", name: "(other)", country: "", kind: "other" as const },
            people: c.count,
          },
        ];
      const f = d.facilityById.get(c.key);
      return f
        ? [{ facility: { id: f.id, name: f.name, country: f.country, kind: f.kind }, people: c.count }]
        : [];
    }),
    by_citizenship: suppress(d.citizenship).map((c) => ({ status: c.key, people: c.count })),
    orders,
    // Orders are court records, not people: their counts are not suppressed.
    order_counts: {
      breached: orders.filter((o) => o.compliance.state === "breached").length,
      unmet: orders.filter((o) => o.compliance.unmet).length,
    },
    timeline,
    claims: d.claims,
    sources: Object.fromEntries(
      sources.map((s) => [s.id, { id: s.id, publisher: s.publisher, title: s.title, url: s.url }]),
    ),
  };
}

/** `took`: how long the figures took to compute (ms), which spaces the background refreshes. */
type Cached = { at: number; value: Promise<Dashboard>; refreshing?: Promise<Dashboard>; took?: number };
const cache = new WeakMap<object, Cached>();
const workerTargets = new WeakMap<object, { target: StoreTarget; keys?: KeyConfig }>();

/**
 * From now on this store's dashboard is computed in a worker thread with its own connection, kept for it
 * (jobs.ts keptJob): the server does this, so a recomputation (~40 ms and more at national scale, all of it
 * synchronous on SQLite) never holds the event loop. Without it (tests, one-off commands) it is computed in
 * place.
 */
export function computeDashboardInWorker(db: Db, target: StoreTarget, keys?: KeyConfig): void {
  if (!canRunInWorker(target)) return;
  workerTargets.set(db, { target, keys });
}

function recompute(db: Db): Promise<Dashboard> {
  const w = workerTargets.get(db);
  return w ? keptJob<Dashboard>({ job: "dashboard", ...w, options: {} }) : computeDashboard(db);
}

/** How long a computed dashboard is served before it is computed again, at least. */
export const DASHBOARD_MAX_AGE_MS = 30_000;
/**
 * And at least this many times as long as it took to compute: a record whose figures take seconds (a docket
 * cited by a whole class links every person of it) is refreshed less often, so the background work stays
 * under a twentieth of one core.
 */
const REFRESH_SPACING = 20;

/**
 * The dashboard as last computed. The public page is the most visited one: after its age is up the last
 * figures are still served while new ones are computed in the background, so no visitor waits for the
 * aggregates (only the very first one, and the first after a write through habeas' forms).
 */
export function getDashboard(db: Db, opts: { maxAgeMs?: number; now?: number } = {}): Promise<Dashboard> {
  const now = opts.now ?? Date.now();
  const hit = cache.get(db);
  if (!hit) {
    const started = Date.now();
    const value = recompute(db);
    const entry: Cached = { at: now, value };
    cache.set(db, entry);
    value.then(
      () => {
        entry.took = Date.now() - started;
      },
      () => cache.delete(db),
    );
    return value;
  }
  const maxAge = Math.max(opts.maxAgeMs ?? DASHBOARD_MAX_AGE_MS, (hit.took ?? 0) * REFRESH_SPACING);
  if (now - hit.at >= maxAge && !hit.refreshing) {
    const started = Date.now();
    const next = recompute(db);
    hit.refreshing = next;
    next.then(
      () => {
        if (cache.get(db) === hit) cache.set(db, { at: Date.now(), value: next, took: Date.now() - started });
      },
      (e: unknown) => {
        hit.refreshing = undefined;
        console.error(`habeas: dashboard refresh failed: ${(e as Error).message}`);
      },
    );
  }
  return hit.value;
}

/** Forgets the cached dashboard of this store, so the next visit sees a write at once. */
export function invalidateDashboard(db: Db): void {
  cache.delete(db);
}

/** How many facts of the record cite each of these sources (the sources page shows it as corroboration at work). */
export async function sourceUsage(db: Db, ids: readonly string[]): Promise<Map<string, number>> {
  return citationCountsBySource(db, ids);
}
