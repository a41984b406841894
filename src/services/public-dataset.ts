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
import { localDate } from "../domain/time.ts";
import type { PublicCompliance } from "../rules/index.ts";
import { listClaims, listFacilities, listMatters, listOrders, listSources } from "../store/catalog.ts";
import type { Db } from "../store/db.ts";
import { listEventsForPeople } from "../store/events.ts";
import { listPeople } from "../store/people.ts";
import { currentAuditHead } from "./audit.ts";
import { complianceForOrders } from "./findings.ts";

/** Cells below this are withheld from every count in the release. */
export const MIN_COUNT = 5;
/** Sources whose contents are public; testimony and other private material are never cited in a release. */
const PUBLIC_SOURCE_KINDS = new Set<Source["kind"]>(["court_record", "government", "news", "ngo"]);

/** Person fields a release carries: every one has "public" sensitivity in PERSON_FIELDS (tested). */
export const PUBLIC_PERSON_FIELDS = [
  "id",
  "kind",
  "full_name",
  "given_names",
  "first_surname",
  "second_surname",
  "aliases",
  "group_size",
  "group_definition",
  "nationalities",
  "citizenship_status",
  "summary",
] as const satisfies readonly (keyof Person)[];

/** Event details kept in a release: structured answers only, never free text such as a counsel's name. */
const PUBLIC_DETAIL_KEYS = new Set([
  "warrant",
  "criminal",
  "outcome",
  "nta_decision",
  "kind",
  "type",
  "country",
  "final",
  "appeal_waived",
  "hours_before_removal",
  "says_how_to_contest",
  "given_to_counsel",
  "waiver_signed",
  "counsel_present",
  "judicial",
  "attorney_notified",
  "destination_country",
  "at_us_request",
  "notified",
  "to_country",
  "basis",
  "raised_before_removal",
  "judicially_determined",
  "pending",
  "g28",
  "order",
]);

export type PublicPerson = Pick<Person, (typeof PUBLIC_PERSON_FIELDS)[number]> & {
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
/** A breakdown: cells of at least MIN_COUNT; the rest pooled in "(other)" when the pool itself is large enough. */
export type Breakdown = { key: string; count: number }[];
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

/** A count shown only at or above MIN_COUNT. */
const shown = (n: number) => (n >= MIN_COUNT ? n : null);

/**
 * Small cells are withheld, and so are the next-smallest ones until the withheld total is itself at least
 * MIN_COUNT — otherwise it could be recovered from the total. The withheld cells are pooled as "(other)".
 */
export function suppress(counts: Map<string, number>): Breakdown {
  const cells = [...counts.entries()]
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  let keep = cells.filter(([, n]) => n >= MIN_COUNT);
  let hidden = cells.filter(([, n]) => n < MIN_COUNT).reduce((s, [, n]) => s + n, 0);
  while (hidden > 0 && hidden < MIN_COUNT && keep.length) {
    const smallest = keep.at(-1) as [string, number];
    keep = keep.slice(0, -1);
    hidden += smallest[1];
  }
  const out = keep.map(([key, count]) => ({ key, count }));
  if (hidden >= MIN_COUNT) out.push({ key: "(other)", count: hidden });
  return out;
}

function bump(m: Map<string, number>, k: string, n: number) {
  m.set(k, (m.get(k) ?? 0) + n);
}

const refs = (cs: readonly Citation[], ok: ReadonlySet<string>) =>
  [...new Set(cs.map((c) => c.source))].filter((s) => ok.has(s));

async function allPublicPeople(db: Db): Promise<Person[]> {
  const out: Person[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await listPeople(db, { publicOnly: true, limit: 1000, offset });
    out.push(...page.filter((p) => p.consent.publish || p.consent.public_record));
    if (page.length < 1000) return out;
  }
}

/** Builds the public release from the store. Reads nothing a private record holds. */
export async function buildPublicDataset(db: Db, now = new Date()): Promise<PublicDataset> {
  const people = await allPublicPeople(db);
  const publicIds = new Set(people.map((p) => p.id));
  const [events, facilities, matters, orders, allSources, claims, head] = await Promise.all([
    listEventsForPeople(db, [...publicIds]),
    listFacilities(db, { limit: 1_000_000 }),
    listMatters(db),
    listOrders(db),
    listSources(db),
    listClaims(db),
    currentAuditHead(db),
  ]);
  const publicSource = new Set(allSources.filter((s) => PUBLIC_SOURCE_KINDS.has(s.kind)).map((s) => s.id));
  const facilityById = new Map(facilities.map((f) => [f.id, f]));
  const cited = new Set<string>();
  const cite = (cs: readonly Citation[]) => {
    const r = refs(cs, publicSource);
    for (const s of r) cited.add(s);
    return r;
  };

  const outPeople: PublicPerson[] = people.map((p) => {
    const base = Object.fromEntries(
      PUBLIC_PERSON_FIELDS.flatMap((k) => (p[k] === undefined ? [] : [[k, p[k]]])),
    );
    return {
      ...(base as Pick<Person, (typeof PUBLIC_PERSON_FIELDS)[number]>),
      protections: p.protections.map((x) => ({
        kind: x.kind,
        country: x.country,
        granted: x.granted_on
          ? x.granted_on
              .split("/")
              .map((d) => d.slice(0, 7))
              .join("/")
          : null,
      })),
      sources: cite(p.citations),
      unverified: p.citations.length === 0,
    };
  });

  const outEvents: PublicEvent[] = events
    .filter((e) => publicIds.has(e.person))
    .map((e) => {
      const sources = cite(e.citations);
      const dated = sources.length > 0;
      const coarse = e.precision === "year" || e.precision === "approximate";
      const exact = dated || coarse;
      return {
        id: e.id,
        person: e.person,
        type: e.type,
        date: exact ? e.at : localDate(e.at, e.tz).slice(0, 7),
        precision: exact ? e.precision : e.precision === "unknown" ? "unknown" : "month",
        ...(e.latest ? { latest: exact ? e.latest : localDate(e.latest, e.tz).slice(0, 7) } : {}),
        tz: e.tz,
        facility: e.facility ?? null,
        country: e.country ?? null,
        matter: e.matter ?? null,
        summary: e.summary,
        details: Object.fromEntries(
          Object.entries(e.details).filter(
            ([k, v]) =>
              PUBLIC_DETAIL_KEYS.has(k) &&
              (typeof v === "boolean" ||
                (typeof v === "number" && Number.isFinite(v)) ||
                (typeof v === "string" && /^[A-Za-z0-9_.-]{1,40}$/.test(v))),
          ),
        ) as Record<string, string | number | boolean>,
        sources,
      };
    });

  // A court case is public record once filed; the people linked to it appear only when public themselves,
  // and its parties only when every person linked is public.
  const outMatters: PublicMatter[] = matters
    .filter((m) => m.docket_number || m.people.some((p) => publicIds.has(p)))
    .map(({ citations, parties, ...m }) => ({
      ...m,
      people: m.people.filter((p) => publicIds.has(p)),
      parties: m.people.every((p) => publicIds.has(p)) ? parties : [],
      sources: cite(citations),
    }));
  const matterIds = new Set(outMatters.map((m) => m.id));
  const shownOrders = orders.filter((o) => matterIds.has(o.matter));
  const compliance = await complianceForOrders(
    db,
    shownOrders.map((o) => o.id),
    ANONYMOUS,
    { asOf: now.toISOString() },
  );
  const outOrders: PublicOrder[] = shownOrders.map(({ citations, ...o }) => {
    const c = compliance.get(o.id);
    return {
      ...o,
      covers: { ...o.covers, people: o.covers.people.filter((p) => publicIds.has(p)) },
      sources: cite(citations),
      ...(c ? { compliance: c } : {}),
    };
  });
  const outFacilities: PublicFacility[] = facilities.map(({ citations, ...f }) => ({
    ...f,
    sources: cite(citations),
  }));
  const outClaims: PublicClaim[] = claims.flatMap(({ citations, ...c }) => {
    const sources = cite(citations);
    return sources.length ? [{ ...c, sources }] : [];
  });
  const outSources: PublicSource[] = allSources
    .filter((s) => cited.has(s.id))
    .map((s) => ({
      id: s.id,
      publisher: s.publisher,
      url: s.url,
      title: s.title,
      published_on: s.published_on,
      kind: s.kind,
      reliability: s.reliability,
      capture_sha256: s.capture_sha256,
    }));

  // Counts: public records only, a group record counting as the people it stands for.
  const nat = new Map<string, number>();
  const cit = new Map<string, number>();
  const status = new Map<string, number>();
  const place = new Map<string, number>();
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
    const st = custody.status;
    bump(status, st, n);
    if (custody.facility) bump(place, custody.facility, n);
  }

  const split = individuals >= MIN_COUNT && inGroups >= MIN_COUNT;
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
      people: shown(individuals + inGroups),
      // Either part alone would give away the other, small one, by subtraction from the total.
      individuals: split ? individuals : null,
      group_records: shown(groups),
      people_in_groups: split ? inGroups : null,
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
