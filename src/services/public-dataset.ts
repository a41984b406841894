// The open dataset: only people who consented or are already named in public court records, only fields on
// an allow-list, dates not backed by a public source coarsened to the month, counts under 5 suppressed, and
// the audit chain head so anyone can check a release against the log later. Also CSV tables and the diff
// between two releases, shown before publishing.

import { currentCustody } from "../domain/custody.ts";
import type {
  Citation,
  CourtOrder,
  Facility,
  HabeasEvent,
  LegalMatter,
  Person,
  Source,
} from "../domain/model.ts";
import { ANONYMOUS } from "../domain/policy.ts";
import type { PublicCompliance } from "../rules/index.ts";
import * as catalog from "../store/catalog.ts";
import { listClaims, listFacilities, listSources } from "../store/catalog.ts";
import type { Db } from "../store/db.ts";
import { listEventsForPeople } from "../store/events.ts";
import { listPeople } from "../store/people.ts";
import { currentAuditHead } from "./audit.ts";
import { complianceForOrders } from "./findings.ts";
import {
  type Breakdown,
  MIN_COUNT,
  monthOf,
  PUBLIC_PERSON_FIELDS,
  type PublicContext,
  projectEvent,
  projectMatter,
  projectOrder,
  projectPerson,
  projectSource,
  publicContextFor,
  publicTotals,
  redactNames,
  suppress,
} from "./public-projection.ts";
import * as scope from "./scope.ts";

export { MIN_COUNT, PUBLIC_PERSON_FIELDS, suppress };

export type PublicPerson = Pick<Person, (typeof PUBLIC_PERSON_FIELDS)[number]> & {
  summary?: string;
  protections: { kind: string; country: string; granted: string | null }[];
  sources: string[];
  unverified: boolean;
};
export type PublicEvent = {
  id: string;
  person: string;
  type: string;
  /** ISO instant when a public source backs the date; otherwise the month (YYYY-MM). */
  date: string;
  precision: string;
  /** For a date known only as a range (precision "unknown"): the range's end, as precise as `date`. */
  latest?: string;
  tz: string;
  facility: string | null;
  country: string | null;
  matter: string | null;
  summary: string;
  details: Record<string, string | number | boolean>;
  sources: string[];
};
export type PublicFacility = Omit<Facility, "citations"> & { sources: string[] };
export type PublicMatter = Omit<LegalMatter, "citations" | "parties"> & {
  parties: string[];
  sources: string[];
};
export type PublicOrder = Omit<CourtOrder, "citations"> & {
  sources: string[];
  /** Its compliance state as of generated_at, in its public form (rules/court-orders.ts). */
  compliance?: PublicCompliance;
};
export type PublicSource = Pick<
  Source,
  "id" | "publisher" | "url" | "title" | "published_on" | "kind" | "reliability" | "capture_sha256"
>;
export type PublicClaim = {
  id: string;
  subject: string;
  predicate: string;
  value: string;
  unit?: string;
  sources: string[];
};
export type PublicStats = {
  min_count: number;
  people: number | null;
  individuals: number | null;
  group_records: number | null;
  people_in_groups: number | null;
  by_nationality: Breakdown;
  by_citizenship_status: Breakdown;
  by_current_status: Breakdown;
  by_last_facility: Breakdown;
};
export type PublicDataset = {
  about: string;
  generated_at: string;
  people: PublicPerson[];
  events: PublicEvent[];
  facilities: PublicFacility[];
  matters: PublicMatter[];
  orders: PublicOrder[];
  sources: PublicSource[];
  claims: PublicClaim[];
  stats: PublicStats;
  audit_head: { seq: number; hash: string };
};

const ABOUT =
  "habeas public dataset: people who consented to publication or are named in public court records, with " +
  "sourced events, facilities, court cases and orders. Dates not backed by a public source are given to the " +
  `month; counts under ${MIN_COUNT} are withheld. audit_head is the audit log's chain head when this was built.`;

function bump(m: Map<string, number>, k: string, n: number) {
  m.set(k, (m.get(k) ?? 0) + n);
}

async function allPublicPeople(db: Db): Promise<Person[]> {
  const out: Person[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await listPeople(db, { publicOnly: true, limit: 1000, offset });
    out.push(...page.filter((p) => scope.seesPerson(ANONYMOUS, p)));
    if (page.length < 1000) return out;
  }
}

/**
 * Builds the public release from the store: every record through the visibility scope of an anonymous
 * visitor and the public projection (services/public-projection.ts), the same functions every anonymous page
 * and API answer uses. Reads nothing a private record holds.
 */
export async function buildPublicDataset(db: Db, now = new Date()): Promise<PublicDataset> {
  const people = await allPublicPeople(db);
  const publicIds = new Set(people.map((p) => p.id));
  const [events, facilities, rawMatters, rawOrders, matters, orders, claims, head] = await Promise.all([
    listEventsForPeople(db, [...publicIds]),
    listFacilities(db, { limit: 1_000_000 }),
    catalog.listMatters(db),
    catalog.listOrders(db),
    scope.listMatters(db, ANONYMOUS),
    scope.listOrders(db, ANONYMOUS),
    listClaims(db),
    currentAuditHead(db),
  ]);
  const cited = [people, events, matters, orders, facilities, claims].flat().flatMap((x) => x.citations);
  const shownMatters = new Set(matters.map((m) => m.id));
  const shownOrders = new Set(orders.map((o) => o.id));
  const base = await publicContextFor(db, {
    people: [
      ...rawMatters.filter((m) => shownMatters.has(m.id)).flatMap((m) => m.people),
      ...rawOrders.filter((o) => shownOrders.has(o.id)).flatMap((o) => o.covers.people),
    ],
    sources: cited.map((c) => c.source),
    // Every text the release shows that may name someone (the sources' titles are added there).
    texts: [
      ...matters.flatMap((m) => [m.caption, m.class_definition, m.status]),
      ...orders.map((o) => o.covers.class_definition),
      ...claims.flatMap((c) => [c.subject, c.value]),
    ],
  });
  const ctx: PublicContext = { ...base, matters: shownMatters, orders: shownOrders };
  const used = new Set<string>();
  const ids = (cs: readonly Citation[]) => {
    const out = [...new Set(cs.map((c) => c.source))].filter((s) => ctx.published.has(s));
    for (const s of out) used.add(s);
    return out;
  };

  const outPeople: PublicPerson[] = people.map((p) => {
    const v = projectPerson(p, ctx);
    const fields = Object.fromEntries(
      PUBLIC_PERSON_FIELDS.flatMap((k) => (v[k] === undefined ? [] : [[k, v[k]]])),
    ) as Pick<Person, (typeof PUBLIC_PERSON_FIELDS)[number]>;
    return {
      ...fields,
      ...(v.summary ? { summary: v.summary } : {}),
      protections: (v.protections ?? []).map((x) => ({
        kind: x.kind,
        country: x.country,
        granted: x.granted_on ?? null,
      })),
      sources: ids(v.citations ?? []),
      unverified: v.unverified,
    };
  });

  const outEvents: PublicEvent[] = events.map((raw) => {
    const e = projectEvent(raw, ctx);
    return {
      id: e.id,
      person: e.person,
      type: e.type,
      date: e.precision === "month" ? monthOf(e.at, e.tz) : e.at,
      precision: e.precision,
      ...(e.latest ? { latest: e.latest } : {}),
      tz: e.tz,
      facility: e.facility ?? null,
      country: e.country ?? null,
      matter: e.matter ?? null,
      summary: e.summary,
      details: e.details as Record<string, string | number | boolean>,
      sources: ids(e.citations),
    };
  });

  const outMatters: PublicMatter[] = matters.map((raw) => {
    const { citations, parties, ...m } = projectMatter(raw, ctx);
    return { ...m, parties, sources: ids(citations) };
  });
  // Compliance is read over everyone an order covers, in its public form (an act against a private person
  // still counts, unnamed and untimed).
  const compliance = await complianceForOrders(
    db,
    orders.map((o) => o.id),
    ANONYMOUS,
    { asOf: now.toISOString() },
  );
  const outOrders: PublicOrder[] = orders.map((raw) => {
    const { citations, ...o } = projectOrder(raw, ctx);
    const c = compliance.get(o.id);
    return { ...o, sources: ids(citations), ...(c ? { compliance: c } : {}) };
  });
  const outFacilities: PublicFacility[] = facilities.map(({ citations, ...f }) => ({
    ...f,
    sources: ids(citations),
  }));
  // A claim is about whoever its subject names: one who did not consent is shown by initials, as in the
  // claims report.
  const outClaims: PublicClaim[] = claims.flatMap(({ citations, ...c }) => {
    const sources = ids(citations);
    const hide = (text: string) => redactNames(text, ctx.privateNames) ?? text;
    return sources.length ? [{ ...c, subject: hide(c.subject), value: hide(c.value), sources }] : [];
  });
  const outSources: PublicSource[] = (await listSources(db, [...used])).map((s) => {
    const v = projectSource(s, ctx.privateNames);
    return {
      id: v.id,
      publisher: v.publisher,
      url: v.url,
      title: v.title,
      published_on: v.published_on,
      kind: v.kind,
      reliability: v.reliability,
      capture_sha256: v.capture_sha256,
    };
  });

  // Counts: public records only, a group record counting as the people it stands for.
  const nat = new Map<string, number>();
  const cit = new Map<string, number>();
  const status = new Map<string, number>();
  const place = new Map<string, number>();
  const facilityById = new Map(facilities.map((f) => [f.id, f]));
  const eventsOf = new Map<string, HabeasEvent[]>();
  for (const e of events) {
    const list = eventsOf.get(e.person);
    if (list) list.push(e);
    else eventsOf.set(e.person, [e]);
  }
  let individuals = 0;
  let groups = 0;
  let inGroups = 0;
  for (const p of people) {
    const n = p.kind === "group" ? (p.group_size ?? 1) : 1;
    if (p.kind === "group") {
      groups++;
      inGroups += n;
    } else individuals++;
    for (const c of p.nationalities.length ? p.nationalities : ["unknown"]) bump(nat, c, n);
    bump(cit, p.citizenship_status, n);
    const custody = currentCustody(eventsOf.get(p.id) ?? [], facilityById, now.toISOString());
    bump(status, custody.status, n);
    if (custody.facility) bump(place, custody.facility, n);
  }
  const totals = publicTotals({ individuals, groups, group_people: inGroups });
  return {
    about: ABOUT,
    generated_at: now.toISOString(),
    people: outPeople,
    events: outEvents,
    facilities: outFacilities,
    matters: outMatters,
    orders: outOrders,
    sources: outSources,
    claims: outClaims,
    stats: {
      min_count: MIN_COUNT,
      ...totals,
      by_nationality: suppress(nat),
      by_citizenship_status: suppress(cit),
      by_current_status: suppress(status),
      by_last_facility: suppress(place),
    },
    audit_head: head,
  };
}

// ---------- CSV ----------
export const PUBLIC_TABLES = [
  "people",
  "events",
  "facilities",
  "matters",
  "orders",
  "sources",
  "claims",
  "stats",
] as const;
export type PublicTable = (typeof PUBLIC_TABLES)[number];

type Cell = string | number | boolean | null | undefined;

/** A cell as CSV: quoted when needed, and a leading = + - @ neutralised so a spreadsheet runs no formula. */
export function csvCell(v: Cell): string {
  if (v === null || v === undefined) return "";
  let s = String(v);
  if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const join = (xs: readonly unknown[] | undefined) => (xs ?? []).map(String).join("; ");

/** One table of the release as header and rows. */
export function publicTable(ds: PublicDataset, table: PublicTable): { columns: string[]; rows: Cell[][] } {
  switch (table) {
    case "people":
      return {
        columns: [...PUBLIC_PERSON_FIELDS, "protections", "sources", "unverified"],
        rows: ds.people.map((p) => [
          ...PUBLIC_PERSON_FIELDS.map((k) => {
            const v = p[k];
            return Array.isArray(v) ? join(v) : (v as Cell);
          }),
          join(p.protections.map((x) => `${x.kind}:${x.country}${x.granted ? `:${x.granted}` : ""}`)),
          join(p.sources),
          p.unverified,
        ]),
      };
    case "events":
      return {
        columns: [
          "id",
          "person",
          "type",
          "date",
          "precision",
          "tz",
          "facility",
          "country",
          "matter",
          "summary",
          "details",
          "sources",
          "date_latest",
        ],
        rows: ds.events.map((e) => [
          e.id,
          e.person,
          e.type,
          e.date,
          e.precision,
          e.tz,
          e.facility,
          e.country,
          e.matter,
          e.summary,
          join(Object.entries(e.details).map(([k, v]) => `${k}=${v}`)),
          join(e.sources),
          e.latest,
        ]),
      };
    case "facilities":
      return {
        columns: [
          "id",
          "name",
          "aliases",
          "kind",
          "country",
          "state",
          "city",
          "operator",
          "capacity",
          "summary",
          "sources",
        ],
        rows: ds.facilities.map((f) => [
          f.id,
          f.name,
          join(f.aliases),
          f.kind,
          f.country,
          f.state,
          f.city,
          f.operator,
          f.capacity,
          f.summary,
          join(f.sources),
        ]),
      };
    case "matters":
      return {
        columns: [
          "id",
          "caption",
          "court",
          "docket_number",
          "judge",
          "filed_on",
          "decided_on",
          "status",
          "people",
          "parties",
          "summary",
          "sources",
        ],
        rows: ds.matters.map((m) => [
          m.id,
          m.caption,
          m.court,
          m.docket_number,
          m.judge,
          m.filed_on,
          m.decided_on,
          m.status,
          join(m.people),
          join(m.parties),
          m.summary,
          join(m.sources),
        ]),
      };
    case "orders":
      return {
        columns: [
          "id",
          "matter",
          "kind",
          "issued_at",
          "precision",
          "tz",
          "oral",
          "bars",
          "covers_people",
          "requires",
          "deadline_at",
          "summary",
          "sources",
          "compliance_state",
          "still_unmet",
          "days_unmet",
          "acts_against",
        ],
        rows: ds.orders.map((o) => [
          o.id,
          o.matter,
          o.kind,
          o.issued_at,
          o.precision,
          o.tz,
          o.oral,
          join(o.bars),
          join(o.covers.people),
          o.requires,
          o.deadline_at,
          o.summary,
          join(o.sources),
          o.compliance?.state,
          o.compliance?.unmet,
          o.compliance?.days_unmet,
          o.compliance?.acts.length,
        ]),
      };
    case "sources":
      return {
        columns: ["id", "publisher", "title", "url", "published_on", "kind", "reliability", "capture_sha256"],
        rows: ds.sources.map((s) => [
          s.id,
          s.publisher,
          s.title,
          s.url,
          s.published_on,
          s.kind,
          s.reliability,
          s.capture_sha256,
        ]),
      };
    case "claims":
      return {
        columns: ["id", "subject", "predicate", "value", "unit", "sources"],
        rows: ds.claims.map((c) => [c.id, c.subject, c.predicate, c.value, c.unit, join(c.sources)]),
      };
    case "stats": {
      const s = ds.stats;
      const rows: Cell[][] = [
        ["total", "people", s.people],
        ["total", "individuals", s.individuals],
        ["total", "group_records", s.group_records],
        ["total", "people_in_groups", s.people_in_groups],
      ];
      for (const [name, b] of [
        ["nationality", s.by_nationality],
        ["citizenship_status", s.by_citizenship_status],
        ["current_status", s.by_current_status],
        ["last_facility", s.by_last_facility],
      ] as const)
        for (const c of b) rows.push([name, c.key, c.count]);
      return { columns: ["breakdown", "key", "count"], rows };
    }
  }
}

export function toCsv(t: { columns: string[]; rows: Cell[][] }): string {
  return `${[t.columns, ...t.rows].map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

// ---------- release diff ----------
export type CollectionDiff = {
  added: string[];
  removed: string[];
  changed: { id: string; fields: string[] }[];
};
export type ReleaseDiff = Record<Exclude<PublicTable, "stats">, CollectionDiff> & { stats: string[] };

const COLLECTIONS = ["people", "events", "facilities", "matters", "orders", "sources", "claims"] as const;

/** What a new release adds, removes and changes against the previous one, by record id and field. */
export function diffReleases(prev: Partial<PublicDataset> | undefined, next: PublicDataset): ReleaseDiff {
  const out = {} as ReleaseDiff;
  for (const name of COLLECTIONS) {
    const before = new Map(
      ((prev?.[name] ?? []) as { id: string }[]).map((r) => [r.id, r as Record<string, unknown>]),
    );
    const after = new Map((next[name] as { id: string }[]).map((r) => [r.id, r as Record<string, unknown>]));
    const d: CollectionDiff = { added: [], removed: [], changed: [] };
    for (const [id, r] of after) {
      const b = before.get(id);
      if (!b) d.added.push(id);
      else {
        const fields = [...new Set([...Object.keys(b), ...Object.keys(r)])].filter(
          (k) => JSON.stringify(b[k]) !== JSON.stringify(r[k]),
        );
        if (fields.length) d.changed.push({ id, fields: fields.sort() });
      }
    }
    for (const id of before.keys()) if (!after.has(id)) d.removed.push(id);
    out[name] = d;
  }
  const ps = (prev?.stats ?? {}) as Record<string, unknown>;
  const ns = next.stats as unknown as Record<string, unknown>;
  out.stats = Object.keys(ns).filter((k) => JSON.stringify(ps[k]) !== JSON.stringify(ns[k]));
  return out;
}
