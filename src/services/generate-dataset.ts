// `habeas demo generate`: a synthetic national dataset for measuring — people named by real name frequencies,
// timelines from arrest through transfers and hearings to removal or release, protections, AEA class cases
// and habeas petitions with court orders. Deterministic for a seed; written through the bulk store path.
import { performance } from "node:perf_hooks";
import type { Kysely } from "kysely";
import { AppError, badInput } from "../domain/errors.ts";
import type {
  Citation,
  CourtOrder,
  EventType,
  Facility,
  PersonData,
  Protection,
  Source,
} from "../domain/model.ts";
import { PROTECTION_KINDS } from "../domain/model.ts";
import type { Precision } from "../domain/time.ts";
import { type BulkBatch, type BulkEvent, type BulkPerson, openBulkWriter } from "../store/bulk.ts";
import { listFacilities, saveFacility, saveMatter, saveOrder, saveSource } from "../store/catalog.ts";
import { saveEvent } from "../store/events.ts";
import { countPeople, savePerson } from "../store/people.ts";
import type { DB } from "../store/schema.ts";
import {
  draw,
  loadNamePools,
  makePool,
  mixSeed,
  type NamePools,
  type Pool,
  type Rng,
  rngFrom,
} from "./generate-names.ts";

export type GenerateOptions = {
  people: number;
  events: number;
  seed?: number;
  /** Folder of name-frequency lists; absent or empty → a small built-in list. */
  namesDir?: string;
  /** Share of individuals who consented to publication (the rest are private). Default 0.02. */
  publicShare?: number;
  /** Individuals per write transaction. */
  chunk?: number;
  /** Generate even though the database already holds people (synthetic records would mix with them). */
  force?: boolean;
  /** "bulk" (default), or "records": savePerson/saveEvent one by one — the baseline bulk is measured against. */
  path?: "bulk" | "records";
  onProgress?: (done: { people: number; events: number }) => void;
};

export type GenerateReport = {
  seed: number;
  prefix: string;
  people: number;
  groups: number;
  public_people: number;
  events: number;
  facilities: number;
  facilities_reused: boolean;
  matters: number;
  orders: number;
  sources: number;
  names: "lists" | "built-in";
  seconds: number;
};

// Arrests fall in this window; no event is later than CAP.
const START = Date.UTC(2025, 0, 20);
const END = Date.UTC(2026, 9, 1);
const CAP = Date.UTC(2026, 10, 1);
const HOUR = 3_600_000;

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
const between = (rng: Rng, lo: number, hi: number) => lo + rng() * (hi - lo);
const chance = (rng: Rng, p: number) => rng() < p;
function weighted<T>(rng: Rng, xs: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of xs) total += w;
  let x = rng() * total;
  for (const [v, w] of xs) {
    x -= w;
    if (x < 0) return v;
  }
  return (xs.at(-1) as readonly [T, number])[0];
}

// ---------- places ----------
type City = readonly [city: string, state: string, tz: string];
const CITIES: readonly City[] = [
  ["Houston", "TX", "America/Chicago"],
  ["Dallas", "TX", "America/Chicago"],
  ["San Antonio", "TX", "America/Chicago"],
  ["El Paso", "TX", "America/Denver"],
  ["McAllen", "TX", "America/Chicago"],
  ["Laredo", "TX", "America/Chicago"],
  ["Conroe", "TX", "America/Chicago"],
  ["Los Angeles", "CA", "America/Los_Angeles"],
  ["San Diego", "CA", "America/Los_Angeles"],
  ["Adelanto", "CA", "America/Los_Angeles"],
  ["Bakersfield", "CA", "America/Los_Angeles"],
  ["Phoenix", "AZ", "America/Phoenix"],
  ["Eloy", "AZ", "America/Phoenix"],
  ["Florence", "AZ", "America/Phoenix"],
  ["Miami", "FL", "America/New_York"],
  ["Orlando", "FL", "America/New_York"],
  ["Tampa", "FL", "America/New_York"],
  ["Atlanta", "GA", "America/New_York"],
  ["Lumpkin", "GA", "America/New_York"],
  ["Charlotte", "NC", "America/New_York"],
  ["New York", "NY", "America/New_York"],
  ["Batavia", "NY", "America/New_York"],
  ["Newark", "NJ", "America/New_York"],
  ["Elizabeth", "NJ", "America/New_York"],
  ["Boston", "MA", "America/New_York"],
  ["Chicago", "IL", "America/Chicago"],
  ["Denver", "CO", "America/Denver"],
  ["Aurora", "CO", "America/Denver"],
  ["Seattle", "WA", "America/Los_Angeles"],
  ["Tacoma", "WA", "America/Los_Angeles"],
  ["Portland", "OR", "America/Los_Angeles"],
  ["Salt Lake City", "UT", "America/Denver"],
  ["Las Vegas", "NV", "America/Los_Angeles"],
  ["Nashville", "TN", "America/Chicago"],
  ["New Orleans", "LA", "America/Chicago"],
  ["Jena", "LA", "America/Chicago"],
  ["Basile", "LA", "America/Chicago"],
  ["Baltimore", "MD", "America/New_York"],
  ["Philadelphia", "PA", "America/New_York"],
  ["Detroit", "MI", "America/Detroit"],
  ["Minneapolis", "MN", "America/Chicago"],
  ["Kansas City", "MO", "America/Chicago"],
  ["Omaha", "NE", "America/Chicago"],
  ["Oklahoma City", "OK", "America/Chicago"],
  ["Albuquerque", "NM", "America/Denver"],
];
const STATE_TZ = new Map(CITIES.map(([, st, tz]) => [st, tz]));
const DISTRICT: Record<string, string> = {
  TX: "Southern District of Texas",
  CA: "Central District of California",
  AZ: "District of Arizona",
  FL: "Southern District of Florida",
  GA: "Middle District of Georgia",
  NY: "Southern District of New York",
  NJ: "District of New Jersey",
  MA: "District of Massachusetts",
  IL: "Northern District of Illinois",
  CO: "District of Colorado",
  WA: "Western District of Washington",
  LA: "Western District of Louisiana",
};
const court = (state: string | undefined) =>
  `U.S. District Court for the ${DISTRICT[state ?? ""] ?? `District of ${state ?? "Columbia"}`}`;

// ---------- origins ----------
type Origin = {
  cc: string;
  share: number;
  given: readonly string[];
  surnames: readonly string[];
  two: boolean;
  langs: readonly (readonly [string, number])[];
};
const SPANISH = [["Spanish", 1]] as const;
const ORIGINS: readonly Origin[] = [
  { cc: "MX", share: 33, given: ["mx"], surnames: ["mx"], two: true, langs: SPANISH },
  {
    cc: "GT",
    share: 15,
    given: ["mx", "es"],
    surnames: ["mx", "es"],
    two: true,
    langs: [
      ["Spanish", 0.7],
      ["K'iche'", 0.12],
      ["Mam", 0.1],
      ["Q'anjob'al", 0.08],
    ],
  },
  { cc: "HN", share: 13, given: ["mx", "es"], surnames: ["mx", "es"], two: true, langs: SPANISH },
  { cc: "SV", share: 6, given: ["sv", "es"], surnames: ["sv", "mx"], two: true, langs: SPANISH },
  { cc: "VE", share: 7, given: ["ve"], surnames: ["ve"], two: true, langs: SPANISH },
  { cc: "CO", share: 4, given: ["co"], surnames: ["co"], two: true, langs: SPANISH },
  { cc: "EC", share: 4, given: ["co", "es"], surnames: ["co", "es"], two: true, langs: SPANISH },
  { cc: "NI", share: 3, given: ["mx", "es"], surnames: ["es", "mx"], two: true, langs: SPANISH },
  { cc: "CU", share: 3, given: ["es"], surnames: ["es"], two: true, langs: SPANISH },
  { cc: "DO", share: 2, given: ["es"], surnames: ["es"], two: true, langs: SPANISH },
  { cc: "PE", share: 1, given: ["es"], surnames: ["es"], two: true, langs: SPANISH },
  {
    cc: "HT",
    share: 1.5,
    given: ["HT"],
    surnames: ["HT"],
    two: false,
    langs: [
      ["Haitian Creole", 0.8],
      ["French", 0.2],
    ],
  },
  { cc: "BR", share: 1.5, given: ["BR"], surnames: ["BR"], two: true, langs: [["Portuguese", 1]] },
  {
    cc: "IN",
    share: 1.5,
    given: ["IN"],
    surnames: ["IN"],
    two: false,
    langs: [
      ["Punjabi", 0.6],
      ["Hindi", 0.4],
    ],
  },
  { cc: "CN", share: 1, given: ["CN"], surnames: ["CN"], two: false, langs: [["Mandarin", 1]] },
];
const US_BORN: Origin = {
  cc: "US",
  share: 0,
  given: ["mx", "es"],
  surnames: ["us", "mx"],
  two: false,
  langs: [
    ["English", 0.6],
    ["Spanish", 0.4],
  ],
};
const THIRD_COUNTRIES = ["MX", "SV", "CR", "PA", "SS", "HN", "GT"] as const;

// ---------- names ----------
function setFor(
  pools: NamePools,
  rng: Rng,
  keys: readonly string[],
  part: "male" | "female" | "s1" | "s2",
): Pool {
  const key = keys.length > 1 ? pick(rng, keys) : (keys[0] ?? "hispanic");
  const s = pools.sets.get(key) ?? pools.sets.get("hispanic")!;
  return part === "male" ? s.male : part === "female" ? s.female : part === "s1" ? s.surname1 : s.surname2;
}

type Name = { full: string; given: string; s1: string; s2?: string };
function personName(pools: NamePools, rng: Rng, o: Origin, female: boolean): Name {
  const givenPool = setFor(pools, rng, o.given, female ? "female" : "male");
  let given = draw(givenPool, rng);
  if (!given.includes(" ") && chance(rng, 0.3)) {
    const second = draw(givenPool, rng);
    if (second !== given && !second.includes(" ")) given = `${given} ${second}`;
  }
  const s1 = draw(setFor(pools, rng, o.surnames, "s1"), rng);
  let s2: string | undefined;
  if (o.two) {
    const p2 = setFor(pools, rng, o.surnames, "s2");
    s2 = draw(p2, rng);
    if (s2 === s1) s2 = draw(p2, rng);
  }
  return { full: [given, s1, s2].filter(Boolean).join(" "), given, s1, s2 };
}

const ACCENTS = (s: string) => s.normalize("NFD").replace(/\p{M}+/gu, "");
/** How the same person is written elsewhere: hyphenated, shortened, without accents, or misspelled. */
function aliasFor(rng: Rng, n: Name): string | undefined {
  const firstGiven = n.given.split(" ")[0] ?? n.given;
  const options = [
    n.s2 ? `${n.given} ${n.s1}-${n.s2}` : undefined,
    n.s2 ? `${firstGiven} ${n.s1}` : undefined,
    ACCENTS(n.full) !== n.full ? ACCENTS(n.full) : undefined,
    `${firstGiven} ${n.s1.replace(/z/g, "s").replace(/v/g, "b").replace(/ll/g, "y")}${n.s2 ? ` ${n.s2}` : ""}`,
  ].filter((x): x is string => !!x && x !== n.full);
  return options.length ? pick(rng, options) : undefined;
}

function initials(full: string): string {
  return `${full
    .split(" ")
    .filter((w) => /^\p{Lu}/u.test(w))
    .map((w) => ACCENTS(w)[0])
    .join(".")}.`;
}

// ---------- facilities and sources ----------
type Place = {
  id: string;
  name: string;
  kind: Facility["kind"];
  state?: string;
  city?: string;
  tz: string;
  weight: number;
};

function generatedFacilities(
  prefix: string,
  rng: Rng,
): (Omit<Facility, "citations"> & { tz: string; weight: number })[] {
  const out: (Omit<Facility, "citations"> & { tz: string; weight: number })[] = [];
  let n = 0;
  const add = (f: Omit<Facility, "citations" | "id" | "aliases" | "codes">, tz: string, weight: number) =>
    out.push({ id: `${prefix}-f${++n}`, aliases: [], codes: {}, ...f, tz, weight });
  for (const [city, state, tz] of CITIES) {
    const capacity = Math.round(between(rng, 200, 2000));
    add(
      {
        name: `${city} ${pick(rng, ["ICE Processing Center", "Detention Facility", "Service Processing Center", "Correctional Center"])}`,
        kind: "detention_center",
        country: "US",
        state,
        city,
        operator: pick(rng, [
          "GEO Group",
          "CoreCivic",
          "Management & Training Corp",
          "LaSalle Corrections",
          "ICE",
        ]),
        capacity,
        summary: "Generated facility for load testing.",
      },
      tz,
      capacity,
    );
    if (chance(rng, 0.6))
      add(
        {
          name: `${city} County Jail`,
          kind: "jail",
          country: "US",
          state,
          city,
          operator: "County sheriff",
          capacity: 150,
          summary: "Generated facility for load testing.",
        },
        tz,
        150,
      );
    if (chance(rng, 0.5))
      add(
        {
          name: `${city} Field Office Hold Room`,
          kind: "hold_room",
          country: "US",
          state,
          city,
          operator: "ICE ERO",
          capacity: 40,
          summary: "Generated facility for load testing.",
        },
        tz,
        60,
      );
  }
  return out;
}

function specialFacilities(prefix: string) {
  const base = { aliases: [] as string[], codes: {}, summary: "Generated facility for load testing." };
  return {
    staging: {
      ...base,
      id: `${prefix}-fstaging`,
      name: "Alexandria Staging Facility",
      kind: "staging" as const,
      country: "US",
      state: "LA",
      city: "Alexandria",
      operator: "ICE",
      tz: "America/Chicago",
    },
    cecot: {
      ...base,
      id: `${prefix}-fcecot`,
      name: "CECOT",
      aliases: ["Centro de Confinamiento del Terrorismo"],
      kind: "foreign_prison" as const,
      country: "SV",
      city: "Tecoluca",
      tz: "America/El_Salvador",
    },
  };
}

function generatedSources(prefix: string): Source[] {
  const s = (
    n: number,
    publisher: string,
    title: string,
    kind: Source["kind"],
    reliability: Source["reliability"],
  ) => ({
    id: `${prefix}-s${n}`,
    publisher,
    title: `${title} (generated)`,
    url: `https://example.org/habeas-generated/${prefix}/s${n}`,
    published_on: `2025-${String((n % 12) + 1).padStart(2, "0")}-15`,
    kind,
    reliability,
  });
  const out: Source[] = [];
  let n = 0;
  for (const st of Object.keys(DISTRICT))
    out.push(s(++n, "PACER", `Docket report, ${court(st)}`, "court_record", "primary"));
  for (const p of [
    "Associated Press",
    "Reuters",
    "ProPublica",
    "El Faro",
    "The Texas Tribune",
    "Los Angeles Times",
  ])
    out.push(s(++n, p, `${p} reporting on immigration arrests`, "news", "reliable"));
  for (const p of [
    "Florence Project",
    "RAICES",
    "Al Otro Lado",
    "CLINIC",
    "Detention Watch Network",
    "Human Rights First",
  ])
    out.push(s(++n, p, `${p} intake record`, "ngo", "reliable"));
  out.push(s(++n, "ICE", "Detention statistics", "government", "primary"));
  out.push(s(++n, "EOIR", "Automated case information", "government", "primary"));
  return out;
}

// ---------- plan ----------
type ClassCase = {
  matter: string;
  order: string;
  group: string;
  facility: Place;
  issued: number;
  members: string[];
  removedAfter: number;
};
type Petition = { matter: string; order: string; person: string };
type OrderOut = Omit<CourtOrder, "citations">;
type MatterOut = {
  id: string;
  caption: string;
  court: string;
  docket_number: string;
  filed_on?: string;
  decided_on?: string;
  status: string;
  summary: string;
  people: string[];
};

type Ctx = {
  prefix: string;
  pools: NamePools;
  origins: Pool;
  places: Place[];
  placesByState: Map<string, Place[]>;
  placeWeights: Pool;
  cecot: Place;
  sources: { court: string[]; other: string[] };
  publicShare: number;
  pad: number;
};

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
// Not toLocaleString: it builds an Intl formatter per call, a tenth of the whole generation's time.
const monthYear = (ms: number) => {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
};
const iso = (ms: number) => new Date(Math.round(ms / 60000) * 60000).toISOString();
const day = (ms: number) => iso(ms).slice(0, 10);

/** A draft event: its type and details, the gap in hours since the one before (or a fixed time). */
type Draft = {
  type: EventType;
  gap: number;
  at?: number;
  facility?: Place;
  place?: string;
  country?: string;
  matter?: string;
  details: Record<string, unknown>;
  summary: string;
  precision?: Precision;
};

const GAPS: Partial<Record<EventType, readonly [number, number]>> = {
  DETAINER_LODGED: [1, 12],
  DETENTION_START: [2, 48],
  CUSTODY_DETERMINATION: [12, 96],
  NTA_SERVED: [24, 240],
  CONSULAR_ADVISAL: [2, 72],
  COUNSEL_REQUESTED: [1, 48],
  FEAR_EXPRESSED: [24, 168],
  CFI: [72, 480],
  RFI: [72, 480],
  COUNSEL_RETAINED: [48, 480],
  HEARING: [168, 1000],
  TRANSFER: [24, 720],
  ASYLUM_APPLIED: [168, 1440],
  CONTACT: [12, 240],
  APPEAL_FILED: [168, 720],
  NOTICE_GIVEN: [12, 96],
  REMOVAL_ORDER: [168, 1440],
  REMOVAL: [24, 480],
  RELEASE: [24, 720],
  PROTECTION_GRANTED: [720, 2880],
  HABEAS_FILED: [24, 720],
  COURT_ORDER: [12, 168],
  CITIZENSHIP_EVIDENCE: [24, 336],
  FOREIGN_CUSTODY: [2, 24],
  GOVERNMENT_ADMISSION: [168, 720],
  RETURN: [720, 2880],
};

type Person = {
  id: string;
  name: Name;
  origin: Origin;
  protections: Protection[];
  citizen: boolean;
  city: City;
};

/** Builds a person's timeline as drafts: what happened, in order, within the event budget. */
class Timeline {
  readonly ctx: Ctx;
  readonly rng: Rng;
  readonly p: Person;
  drafts: Draft[] = [];
  /** Where the person is held now. */
  current: Place | undefined;
  /** The county jail when local police made the arrest (a detainer follows). */
  pendingJail: string | undefined;
  constructor(ctx: Ctx, rng: Rng, p: Person) {
    this.ctx = ctx;
    this.rng = rng;
    this.p = p;
  }

  gap(type: EventType): number {
    const [lo, hi] = GAPS[type] ?? [24, 240];
    return between(this.rng, lo, hi);
  }

  push(d: Omit<Draft, "gap"> & { gap?: number }) {
    this.drafts.push({ ...d, gap: d.gap ?? this.gap(d.type) });
  }

  nearbyPlace(): Place {
    const local = this.ctx.placesByState.get(this.p.city[1]);
    if (local?.length && chance(this.rng, 0.7)) return pick(this.rng, local);
    return this.anyPlace();
  }

  anyPlace(): Place {
    const name = draw(this.ctx.placeWeights, this.rng);
    return this.ctx.places[Number(name)] ?? (this.ctx.places[0] as Place);
  }

  /** One event of a kind, with its details, from the person's situation so far. */
  add(type: EventType, extra: Partial<Draft> = {}) {
    const { rng, p } = this;
    const at = this.current;
    switch (type) {
      case "ARREST": {
        const agency = weighted(rng, [
          ["ICE ERO", 0.55],
          ["local police (287(g))", 0.2],
          ["CBP", 0.12],
          ["Border Patrol", 0.08],
          ["HSI", 0.05],
        ] as const);
        this.push({
          type,
          gap: 0,
          place: `${p.city[0]}, ${p.city[1]}`,
          country: "US",
          precision: "minute",
          details: {
            warrant: weighted(rng, [
              ["administrative", 0.55],
              ["none", 0.3],
              ["judicial", 0.05],
              ["unknown", 0.1],
            ] as const),
            agency,
            ...(chance(rng, 0.2) ? { criminal: chance(rng, 0.4) } : {}),
          },
          summary: `Arrested by ${agency} in ${p.city[0]}, ${p.city[1]}.`,
          ...extra,
        });
        if (agency.startsWith("local")) this.pendingJail = `${p.city[0]} County Jail`;
        return;
      }
      case "DETAINER_LODGED":
        this.push({
          type,
          details: { jail: this.pendingJail ?? `${p.city[0]} County Jail` },
          summary: "ICE detainer lodged with the county jail.",
          ...extra,
        });
        return;
      case "DETENTION_START": {
        const f = extra.facility ?? this.nearbyPlace();
        this.current = f;
        this.push({
          type,
          facility: f,
          precision: "minute",
          details: {
            agency: "ICE",
            authority: weighted(rng, [
              ["INA 236(a)", 0.55],
              ["INA 235(b)(1)", 0.25],
              ["INA 236(c)", 0.1],
              ["INA 241(a)", 0.1],
            ] as const),
          },
          summary: `Booked into ${f.name}.`,
          ...extra,
        });
        return;
      }
      case "CUSTODY_DETERMINATION": {
        const outcome = weighted(rng, [
          ["detain", 0.75],
          ["bond", 0.12],
          ["recognizance", 0.05],
          ["release", 0.03],
          ["unknown", 0.05],
        ] as const);
        this.push({
          type,
          facility: at,
          details: { outcome, nta_decision: chance(rng, 0.8) },
          summary: `Custody determination: ${outcome}.`,
          ...extra,
        });
        return;
      }
      case "NTA_SERVED": {
        const hearingCity = at?.city ?? p.city[0];
        this.push({
          type,
          facility: at,
          details: {
            hearing_place: `${hearingCity} Immigration Court`,
            language: p.origin.langs[0]?.[0] === "Spanish" ? "Spanish" : "English",
            ...(chance(rng, 0.6) ? { hearing_datetime: "TBD" } : {}),
            ...(chance(rng, 0.05) ? { waiver_signed: true } : {}),
          },
          summary: "Notice to Appear served.",
          ...extra,
        });
        return;
      }
      case "CONSULAR_ADVISAL":
        this.push({
          type,
          details: { notified: chance(rng, 0.6) },
          summary: "Advised of the right to consular notification.",
          ...extra,
        });
        return;
      case "COUNSEL_REQUESTED":
        this.push({ type, facility: at, details: {}, summary: "Asked to speak with a lawyer.", ...extra });
        return;
      case "COUNSEL_RETAINED": {
        const counsel = pick(rng, [
          "Florence Project",
          "RAICES",
          "Al Otro Lado",
          "CLINIC",
          "a private attorney",
        ]);
        this.push({
          type,
          details: { g28: chance(rng, 0.9), counsel: `${counsel}` },
          summary: `Represented by ${counsel}.`,
          ...extra,
        });
        return;
      }
      case "FEAR_EXPRESSED":
        this.push({
          type,
          facility: at,
          details: { country: p.origin.cc === "US" ? undefined : p.origin.cc },
          summary: "Expressed fear of return.",
          ...extra,
        });
        return;
      case "CFI":
      case "RFI": {
        const outcome = weighted(rng, [
          ["positive", 0.55],
          ["negative", 0.3],
          ["pending", 0.15],
        ] as const);
        this.push({
          type,
          facility: at,
          details: { outcome },
          summary: `${type === "CFI" ? "Credible" : "Reasonable"} fear interview: ${outcome}.`,
          ...extra,
        });
        return;
      }
      case "HEARING": {
        const kind =
          (extra.details?.kind as string | undefined) ??
          pick(rng, ["master", "master", "bond", "merits", "IJ"]);
        const outcome = pick(rng, [
          "continued",
          "reset for counsel",
          "bond denied",
          "bond set at $5,000",
          "relief hearing set",
        ]);
        this.push({
          type,
          facility: at,
          details: { kind, counsel_present: chance(rng, 0.35), outcome },
          summary: `${kind[0]?.toUpperCase()}${kind.slice(1)} hearing: ${outcome}.`,
          ...extra,
          ...(extra.details
            ? { details: { kind, counsel_present: chance(rng, 0.35), outcome, ...extra.details } }
            : {}),
        });
        return;
      }
      case "TRANSFER": {
        let to = extra.facility ?? this.anyPlace();
        for (let k = 0; k < 5 && to === at && !extra.facility; k++) to = this.anyPlace();
        const from = at;
        this.current = to;
        this.push({
          type,
          facility: to,
          details: { ...(from ? { from: from.name } : {}), to: to.name, attorney_notified: chance(rng, 0.3) },
          summary: `Transferred${from ? ` from ${from.name}` : ""} to ${to.name}.`,
          ...extra,
        });
        return;
      }
      case "ASYLUM_APPLIED":
        this.push({
          type,
          details: { pending: true },
          summary: "Filed an asylum application (I-589).",
          ...extra,
        });
        return;
      case "CONTACT": {
        const w = weighted(rng, [
          ["family", 0.6],
          ["counsel", 0.25],
          ["consulate", 0.1],
          ["other", 0.05],
        ] as const);
        this.push({ type, facility: at, details: { with: w }, summary: `Contact with ${w}.`, ...extra });
        return;
      }
      case "APPEAL_FILED":
        this.push({
          type,
          details: { forum: "BIA", pending: true },
          summary: "Appeal filed with the BIA.",
          ...extra,
        });
        return;
      case "CITIZENSHIP_EVIDENCE": {
        const basis = weighted(rng, [
          ["birth", 0.7],
          ["naturalization", 0.15],
          ["derivation", 0.15],
        ] as const);
        this.push({
          type,
          details: { basis, raised_before_removal: true },
          summary: `Evidence of U.S. citizenship (${basis}) presented.`,
          ...extra,
        });
        return;
      }
      case "RELEASE": {
        const conditions = pick(rng, ["bond posted", "parole", "order of recognizance", "ATD ankle monitor"]);
        this.current = undefined;
        this.push({
          type,
          facility: at,
          details: { conditions },
          summary: `Released (${conditions}).`,
          ...extra,
        });
        return;
      }
      default:
        this.push({ type, details: {}, summary: type, ...extra });
    }
  }
}

const MIDDLE: readonly (readonly [EventType, number, Record<string, unknown>?])[] = [
  ["CUSTODY_DETERMINATION", 0.8],
  ["NTA_SERVED", 0.75],
  ["CONSULAR_ADVISAL", 0.3],
  ["COUNSEL_REQUESTED", 0.35],
  ["FEAR_EXPRESSED", 0.25],
  ["CFI", 0.22],
  ["COUNSEL_RETAINED", 0.4],
  ["HEARING", 0.7, { kind: "master" }],
  ["TRANSFER", 0.5],
  ["HEARING", 0.35, { kind: "bond" }],
  ["ASYLUM_APPLIED", 0.2],
  ["CONTACT", 0.5],
  ["TRANSFER", 0.3],
  ["HEARING", 0.35, { kind: "merits" }],
  ["APPEAL_FILED", 0.08],
];
const FILLERS: readonly (readonly [EventType, number])[] = [
  ["TRANSFER", 0.3],
  ["HEARING", 0.35],
  ["CONTACT", 0.35],
];

type Ending = "removed" | "released" | "protected" | "detained";

/** A person's ordinary case: arrest, detention, paperwork and hearings, then removal, release or waiting. */
function ordinaryCase(
  t: Timeline,
  budget: number,
  petition: Petition | undefined,
): { drafts: Draft[]; order?: OrderOut; matter?: Partial<MatterOut> } {
  const { rng, p } = t;
  if (budget <= 0) return { drafts: [] };
  t.add("ARREST");
  if (budget === 1) return { drafts: t.drafts };
  const jailed = t.pendingJail !== undefined && budget >= 6;
  let room = budget - 2 - (jailed ? 1 : 0);

  const ending: Ending = p.citizen
    ? weighted(rng, [
        ["released", 0.7],
        ["removed", 0.1],
        ["detained", 0.2],
      ] as const)
    : weighted(rng, [
        ["removed", p.protections.length ? 0.25 : 0.38],
        ["released", 0.22],
        ["protected", 0.05],
        ["detained", 0.35],
      ] as const);
  // Reserved steps, most important first; cut from the end when the budget is small.
  const must: (readonly [EventType, Record<string, unknown>?])[] = [];
  if (p.citizen) must.push(["CITIZENSHIP_EVIDENCE"]);
  const thirdCountry = ending === "removed" && chance(rng, 0.08);
  const endSteps: EventType[] =
    ending === "removed"
      ? ["REMOVAL_ORDER", ...(thirdCountry ? (["NOTICE_GIVEN"] as const) : []), "REMOVAL"]
      : ending === "released"
        ? ["RELEASE"]
        : ending === "protected"
          ? ["PROTECTION_GRANTED", "RELEASE"]
          : [];
  let petitionPlan: { violation: "none" | "removal" | "transfer"; kind: CourtOrder["kind"] } | undefined;
  if (petition && room >= 3) {
    const kind = weighted(rng, [
      ["TRO", 0.5],
      ["stay", 0.3],
      ["habeas_grant", 0.2],
    ] as const);
    const violation = weighted(rng, [
      ["none", 0.85],
      ["removal", 0.1],
      ["transfer", 0.05],
    ] as const);
    petitionPlan = { kind, violation };
  }
  let end = [...endSteps];
  let mustCount = must.length + (petitionPlan ? 2 : 0);
  if (room < mustCount) {
    petitionPlan = undefined;
    mustCount = must.length;
  }
  room -= Math.min(room, mustCount);
  if (room < end.length) end = end.slice(0, room);
  room -= end.length;

  const middle: (readonly [EventType, Record<string, unknown>?])[] = [];
  for (const [type, prob, details] of MIDDLE) {
    if (middle.length >= room) break;
    if (type === "CFI" && !middle.some(([x]) => x === "FEAR_EXPRESSED")) continue;
    if (chance(rng, prob)) middle.push([type, details]);
  }
  while (middle.length < room) {
    const [type] = weighted(
      rng,
      FILLERS.map((f) => [f, f[1]] as const),
    );
    middle.splice(1 + Math.floor(rng() * middle.length), 0, [type]);
  }

  t.add("DETENTION_START", { gap: jailed ? between(rng, 24, 240) : undefined });
  if (jailed) t.drafts.splice(1, 0, { ...draftOf(t, "DETAINER_LODGED") });
  for (const [type, details] of must) t.add(type, details ? { details } : {});
  for (const [type, details] of middle) t.add(type, details ? { details } : {});

  let order: OrderOut | undefined;
  let matter: Partial<MatterOut> | undefined;
  if (petition && petitionPlan) {
    if (end[0] === "REMOVAL_ORDER" || petitionPlan.violation === "removal") {
      addRemovalOrder(t);
      end = end.filter((x) => x !== "REMOVAL_ORDER");
      if (petitionPlan.violation === "removal" && !end.includes("REMOVAL")) end.push("REMOVAL");
    }
    const court_ = court(t.current?.state ?? p.city[1]);
    t.add("HABEAS_FILED", {
      matter: petition.matter,
      details: { court: court_ },
      summary: "Petition for a writ of habeas corpus filed.",
    });
    const bars: CourtOrder["bars"] =
      petitionPlan.kind === "habeas_grant" ? [] : chance(rng, 0.6) ? ["removal", "transfer"] : ["removal"];
    const summary =
      petitionPlan.kind === "habeas_grant"
        ? "Writ granted: release within 72 hours."
        : `${petitionPlan.kind === "TRO" ? "Temporary restraining order" : "Stay"} barring ${bars.join(" and ")}.`;
    t.add("COURT_ORDER", {
      matter: petition.matter,
      precision: "minute",
      details: { order: petition.order },
      summary,
      gap: between(rng, 12, 168),
    });
    if (petitionPlan.violation === "transfer") t.add("TRANSFER");
    order = {
      id: petition.order,
      matter: petition.matter,
      kind: petitionPlan.kind,
      issued_at: "",
      precision: "minute",
      tz: "America/New_York",
      oral: chance(rng, 0.1),
      covers: { people: [p.id] },
      bars,
      requires: petitionPlan.kind === "habeas_grant" ? "release within 72 hours" : undefined,
      summary,
    };
    matter = { court: court_, status: petitionPlan.kind === "habeas_grant" ? "granted" : "pending" };
    if (petitionPlan.kind === "habeas_grant" && !end.includes("RELEASE") && chance(rng, 0.85))
      end = ["RELEASE"];
    if (petitionPlan.violation === "none") end = end.filter((x) => x !== "REMOVAL" && x !== "NOTICE_GIVEN");
  }
  for (const type of end) {
    if (type === "REMOVAL_ORDER") addRemovalOrder(t);
    else if (type === "REMOVAL") addRemoval(t, thirdCountry);
    else if (type === "NOTICE_GIVEN")
      t.add("NOTICE_GIVEN", {
        facility: t.current,
        details: {
          kind: "third_country",
          language: "English",
          hours_before_removal: Math.round(between(rng, 6, 48)),
          says_how_to_contest: chance(rng, 0.3),
        },
        summary: "Notice of removal to a third country.",
      });
    else if (type === "PROTECTION_GRANTED") {
      const kind = pick(rng, ["withholding_241b3", "asylum", "CAT_withholding"] as const);
      t.add("PROTECTION_GRANTED", {
        details: { kind, country: p.origin.cc === "US" ? "MX" : p.origin.cc },
        summary: `Granted ${kind.replace(/_/g, " ")}.`,
      });
    } else t.add(type);
  }
  // Padding events the budget still owes (when cuts above left room): more contact.
  while (t.drafts.length < budget) t.drafts.splice(2, 0, draftOf(t, "CONTACT"));
  return { drafts: t.drafts.slice(0, budget), order, matter };
}

/** A draft built by `add` without keeping it in the timeline (to insert it elsewhere). */
function draftOf(t: Timeline, type: EventType): Draft {
  const n = t.drafts.length;
  t.add(type);
  const [d] = t.drafts.splice(n, 1);
  return d as Draft;
}

function addRemovalOrder(t: Timeline) {
  const { rng, p } = t;
  const type = weighted(rng, [
    ["IJ_240", 0.55],
    ["expedited_235b1", 0.25],
    ["reinstatement_241a5", 0.12],
    ["stipulated", 0.05],
    ["admin_238b", 0.03],
  ] as const);
  t.add("REMOVAL_ORDER", {
    details: {
      type,
      ...(p.origin.cc === "US" ? {} : { country: p.origin.cc }),
      final: chance(rng, 0.8),
      ...(type === "IJ_240" ? { appeal_waived: chance(rng, 0.4) } : {}),
    },
    summary: `Removal order (${type.replace(/_/g, " ")}).`,
  });
}

function addRemoval(t: Timeline, thirdCountry: boolean) {
  const { rng, p } = t;
  // Some people with protection are removed to the very country it protects them from.
  const protectedFrom = p.protections[0]?.country;
  let dest = thirdCountry
    ? pick(
        rng,
        THIRD_COUNTRIES.filter((c) => c !== p.origin.cc),
      )
    : protectedFrom && chance(rng, 0.3)
      ? protectedFrom
      : p.origin.cc === "US"
        ? "MX"
        : p.origin.cc;
  if (!dest) dest = "MX";
  const order = [...t.drafts].reverse().find((d) => d.type === "REMOVAL_ORDER");
  const authority = order?.details.type === "expedited_235b1" ? "expedited" : "title8";
  t.current = undefined;
  t.add("REMOVAL", {
    precision: "minute",
    country: dest,
    details: {
      destination_country: dest,
      authority,
      flight: `flight ${Math.floor(between(rng, 100, 9999))}`,
    },
    summary: `Removed to ${dest}.`,
  });
}

/** An AEA class member: designated, moved to the class facility, noticed, and removed to CECOT or kept. */
function aeaCase(t: Timeline, budget: number, c: ClassCase): Draft[] {
  const { rng, ctx } = t;
  if (budget <= 0) return [];
  const removed = chance(rng, 0.55);
  // Times are fixed around the class order, not spread by gaps.
  const t0 = c.issued - between(rng, 20, 110) * 24 * HOUR;
  const transferAt = c.issued - between(rng, 2, 15) * 24 * HOUR;
  const noticeAt = c.issued - between(rng, 2, 30) * HOUR;
  const removalAt = c.issued + between(rng, -8, 10) * HOUR;
  t.add("ARREST", { at: t0 });
  let held = t.anyPlace();
  for (let k = 0; k < 5 && held === c.facility; k++) held = t.anyPlace();
  t.add("DETENTION_START", { at: t0 + between(rng, 2, 24) * HOUR, facility: held });
  const core: (() => void)[] = [
    () => t.add("TRANSFER", { facility: c.facility, at: transferAt }),
    () =>
      t.add("NOTICE_GIVEN", {
        at: noticeAt,
        facility: c.facility,
        details: {
          kind: "AEA",
          language: "English",
          hours_before_removal: Math.max(0, Math.round((removalAt - noticeAt) / HOUR)),
          says_how_to_contest: false,
        },
        summary: "Notice of designation under the Alien Enemies Act.",
      }),
  ];
  if (removed) {
    core.push(() =>
      t.add("REMOVAL", {
        at: removalAt,
        precision: "minute",
        country: "SV",
        details: {
          destination_country: "SV",
          authority: "AEA",
          flight: `flight ${Math.floor(between(rng, 100, 999))}`,
        },
        summary: "Removed to El Salvador under the Alien Enemies Act.",
      }),
    );
    core.push(() =>
      t.add("FOREIGN_CUSTODY", {
        at: removalAt + between(rng, 2, 10) * HOUR,
        facility: ctx.cecot,
        country: "SV",
        details: { country: "SV", custodian: "CECOT", at_us_request: true },
        summary: "Held at CECOT in El Salvador.",
      }),
    );
  }
  const fillers = Math.max(0, budget - 2 - core.length);
  for (let k = 0; k < fillers; k++) {
    const at = t0 + ((transferAt - t0) * (k + 1)) / (fillers + 1) + HOUR;
    t.add(pick(rng, ["CONTACT", "HEARING", "CONTACT"] as const), { at });
  }
  for (const f of core) f();
  t.drafts.sort((a, b) => (a.at ?? 0) - (b.at ?? 0));
  return t.drafts.slice(0, budget);
}

/** Turns drafts into events: times from gaps (scaled to end before CAP) or fixed, ids, sources. */
function realize(
  ctx: Ctx,
  rng: Rng,
  p: Person,
  drafts: Draft[],
  t0: number,
  nextId: () => string,
): BulkEvent[] {
  let total = 0;
  for (const d of drafts.slice(1)) total += d.gap;
  // A case that would run past CAP is compressed to end somewhere before it, not all on the same instant.
  const span = ((CAP - t0) / HOUR) * between(rng, 0.6, 1);
  const scale = total > span ? span / total : 1;
  let clock = t0;
  const out: BulkEvent[] = [];
  for (const d of drafts) {
    clock = d.at ?? (out.length ? clock + Math.max(d.gap * scale, 0.02) * HOUR : t0);
    const details = { ...d.details };
    if (details.hearing_datetime === "TBD")
      details.hearing_datetime = iso(clock + between(rng, 7, 60) * 24 * HOUR);
    if (details.country === undefined) delete details.country;
    const courtish = d.type === "HABEAS_FILED" || d.type === "COURT_ORDER" || d.type === "HEARING";
    const citations: Citation[] = chance(rng, courtish ? 0.9 : 0.55)
      ? [{ source: pick(rng, courtish ? ctx.sources.court : ctx.sources.other) }]
      : [];
    out.push({
      id: nextId(),
      person: p.id,
      type: d.type,
      at: iso(clock),
      precision: d.precision ?? "day",
      tz: d.facility?.tz ?? p.city[2],
      facility: d.facility?.id,
      place: d.place,
      country: d.country,
      matter: d.matter,
      summary: d.summary,
      details,
      citations,
    });
  }
  return out;
}

// ---------- the generator ----------

/** How many events each person gets: around the mean still owed, varied, and exact in total. */
function budgetFor(rng: Rng, remainingEvents: number, remainingPeople: number): number {
  if (remainingPeople <= 1) return remainingEvents;
  const mean = remainingEvents / remainingPeople;
  const n = Math.round(mean * between(rng, 0.4, 1.6));
  return Math.max(0, Math.min(remainingEvents, n, Math.ceil(mean * 3) + 2));
}

function samplePositions(rng: Rng, n: number, k: number, exclude: Set<number>): number[] {
  const out: number[] = [];
  const seen = new Set<number>(exclude);
  while (out.length < k && seen.size < n) {
    const i = Math.floor(rng() * n);
    if (seen.has(i)) continue;
    seen.add(i);
    out.push(i);
  }
  return out.sort((a, b) => a - b);
}

export async function generateDataset(db: Kysely<DB>, opts: GenerateOptions): Promise<GenerateReport> {
  const started = performance.now();
  const total = opts.people;
  if (!Number.isInteger(total) || total < 1 || total > 20_000_000)
    throw badInput("--people must be 1 … 20,000,000");
  if (!Number.isInteger(opts.events) || opts.events < 0 || opts.events > 200_000_000)
    throw badInput("--events must be 0 … 200,000,000");
  const seed = opts.seed ?? 1;
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31)
    throw badInput("--seed must be a whole number ≥ 0");
  const publicShare = opts.publicShare ?? 0.02;
  const prefix = `g${seed}`;
  // Every generated dataset writes source `<prefix>-s1` first.
  const clash = await db
    .selectFrom("sources")
    .select("id")
    .where("id", "=", `${prefix}-s1`)
    .executeTakeFirst();
  if (clash)
    throw new AppError(
      "CONFLICT",
      `this database already holds a dataset generated with seed ${seed}; use another --seed or --db`,
    );
  const held = await countPeople(db);
  if (held > 0 && !opts.force)
    throw new AppError(
      "CONFLICT",
      `this database already holds ${held} people: synthetic records would mix with them; generate into a fresh --db (or --force)`,
    );

  const pools = loadNamePools(opts.namesDir);
  const plan = rngFrom(mixSeed(seed, 0x5eed));

  // Facilities: the imported registry when there is one, else plausible generated ones.
  const existing = (await listFacilities(db, { limit: 100_000 })).filter(
    (f) => f.country === "US" && f.kind !== "foreign_prison",
  );
  const reuse = existing.length >= 10;
  const made = reuse ? [] : generatedFacilities(prefix, plan);
  const special = specialFacilities(prefix);
  const places: Place[] = reuse
    ? existing
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .map((f) => ({
          id: f.id,
          name: f.name,
          kind: f.kind,
          state: f.state,
          city: f.city,
          tz: STATE_TZ.get(f.state ?? "") ?? "America/Chicago",
          weight: f.capacity ?? 300,
        }))
    : made.map((f) => ({
        id: f.id,
        name: f.name,
        kind: f.kind,
        state: f.state,
        city: f.city,
        tz: f.tz,
        weight: f.weight,
      }));
  const placesByState = new Map<string, Place[]>();
  for (const pl of places) {
    if (!pl.state || pl.kind === "hold_room") continue;
    const list = placesByState.get(pl.state) ?? [];
    list.push(pl);
    placesByState.set(pl.state, list);
  }
  const sources = generatedSources(prefix);
  const ctx: Ctx = {
    prefix,
    pools,
    origins: makePool(ORIGINS.map((o, i) => [String(i), o.share])),
    places,
    placesByState,
    placeWeights: makePool(places.map((pl, i) => [String(i), pl.weight])),
    cecot: { ...special.cecot, weight: 0 },
    sources: {
      court: sources.filter((s) => s.kind === "court_record").map((s) => s.id),
      other: sources.filter((s) => s.kind !== "court_record").map((s) => s.id),
    },
    publicShare,
    pad: Math.max(7, String(total).length),
  };

  // Who is in an AEA class and who petitions for habeas: chosen up front so matters exist before events.
  const classes = total >= 100 ? 3 : total >= 20 ? 1 : 0;
  const individuals = total - classes;
  const aeaCount = classes ? Math.max(2 * classes, Math.round(individuals * 0.005)) : 0;
  const aeaIdx = samplePositions(plan, individuals, aeaCount, new Set());
  const petIdx = samplePositions(plan, individuals, Math.round(individuals * 0.02), new Set(aeaIdx));
  const personId = (i: number) => `${prefix}-p${String(i + 1).padStart(ctx.pad, "0")}`;
  const txFacilities = places.filter((pl) => pl.state === "TX" && pl.kind !== "hold_room");
  const classIssued = [
    Date.UTC(2025, 2, 15, 23, 26),
    Date.UTC(2025, 3, 19, 5, 0),
    Date.UTC(2025, 4, 16, 16, 0),
  ];
  const classCases: ClassCase[] = Array.from({ length: classes }, (_, k) => ({
    matter: `${prefix}-mc${k + 1}`,
    order: `${prefix}-oc${k + 1}`,
    group: `${prefix}-grp${k + 1}`,
    facility: txFacilities[k % Math.max(1, txFacilities.length)] ?? (places[k % places.length] as Place),
    issued: classIssued[k] as number,
    members: [],
    removedAfter: 0,
  }));
  const aeaClass = new Map(aeaIdx.map((i, n) => [i, classCases[n % classes] as ClassCase]));
  const petitions = new Map<number, Petition>(
    petIdx.map((i, n) => [
      i,
      { matter: `${prefix}-m${n + 1}`, order: `${prefix}-o${n + 1}`, person: personId(i) },
    ]),
  );

  // Phase A: sources, facilities and matters (people attach in phase C).
  await db.transaction().execute(async (tx) => {
    for (const s of sources) await saveSource(tx, s);
    for (const { tz: _tz, weight: _w, ...f } of made) await saveFacility(tx, f);
    for (const { tz: _tz, ...f } of Object.values(special)) await saveFacility(tx, f);
    for (const c of classCases)
      await saveMatter(
        tx,
        { id: c.matter, caption: "pending", court: "pending", parties: [], people: [] },
        [],
      );
    for (const pt of petitions.values())
      await saveMatter(
        tx,
        { id: pt.matter, caption: "pending", court: "pending", parties: [], people: [] },
        [],
      );
  });

  // Phase B: people and their timelines, chunk by chunk.
  const writer = opts.path === "records" ? undefined : await openBulkWriter(db);
  const orders: OrderOut[] = [];
  const matters: MatterOut[] = [];
  let eventsLeft = opts.events;
  let eventSeq = 0;
  let publicPeople = 0;
  const eventPad = Math.max(7, String(opts.events).length);
  const nextEventId = () => `${prefix}-e${String(++eventSeq).padStart(eventPad, "0")}`;
  const chunk = opts.chunk ?? 2000;
  const write = async (batch: BulkBatch) => {
    if (writer) return writer.write(batch);
    await db.transaction().execute(async (tx) => {
      for (const p of batch.people ?? []) await savePerson(tx, p.id, p.data);
      for (const e of batch.events ?? []) await saveEvent(tx, e);
    });
  };
  try {
    let batch: { people: BulkPerson[]; events: BulkEvent[] } = { people: [], events: [] };
    for (let i = 0; i < individuals; i++) {
      const rng = rngFrom(mixSeed(seed, i, 1));
      const aea = aeaClass.get(i);
      const petition = petitions.get(i);
      const citizen = !aea && chance(rng, 0.003);
      const origin = aea
        ? (ORIGINS.find((o) => o.cc === "VE") as Origin)
        : citizen
          ? US_BORN
          : (ORIGINS[Number(draw(ctx.origins, rng))] as Origin);
      const female = !aea && chance(rng, 0.13);
      const name = personName(pools, rng, origin, female);
      const city = aea ? (CITIES.find((c) => c[1] === "TX") as City) : pick(rng, CITIES);
      const protections: Protection[] =
        !citizen && chance(rng, 0.08)
          ? [
              {
                kind: pick(
                  rng,
                  PROTECTION_KINDS.filter((k) => k !== "court_order"),
                ),
                country: origin.cc,
                granted_on: day(between(rng, Date.UTC(2012, 0, 1), START)),
              },
            ]
          : [];
      const id = personId(i);
      const p: Person = { id, name, origin, protections, citizen, city };
      const isPublic = chance(rng, publicShare);
      if (isPublic) publicPeople++;
      const t0 = between(rng, START, END);
      const alias = chance(rng, 0.15) ? aliasFor(rng, name) : undefined;
      const age = Math.round(between(rng, 18, 45) + (chance(rng, 0.2) ? between(rng, 0, 20) : 0));
      const birth = Date.UTC(2025 - age, Math.floor(rng() * 12), 1 + Math.floor(rng() * 28));
      const data: PersonData = {
        kind: "individual",
        full_name: name.full,
        given_names: name.given,
        first_surname: name.s1,
        second_surname: name.s2,
        aliases: alias ? [alias] : [],
        birth_date: day(birth),
        birth_date_precision: "day",
        nationalities: citizen ? ["US"] : [origin.cc],
        citizenship_status: citizen
          ? "us_citizen"
          : weighted(rng, [
              ["no_status", 0.45],
              ["asylum_seeker", 0.3],
              ["lpr", 0.05],
              ["visa_holder", 0.05],
              ["unknown", 0.15],
            ] as const),
        a_number:
          citizen || !chance(rng, 0.85)
            ? undefined
            : `A${Math.floor(between(rng, 200, 250))}-${String(Math.floor(rng() * 1000)).padStart(3, "0")}-${String(Math.floor(rng() * 1000)).padStart(3, "0")}`,
        languages: [weighted(rng, origin.langs)],
        protections,
        consent: { publish: false, public_record: isPublic, family_status: chance(rng, 0.3) },
        summary: `Generated record: ${citizen ? "U.S. citizen" : `${origin.cc} national`} arrested in ${city[0]}, ${city[1]}, in ${monthYear(t0)}.`,
        sources: [{ source: pick(rng, ctx.sources.other) }],
      };
      const budget = budgetFor(rng, eventsLeft, individuals - i);
      const t = new Timeline(ctx, rng, p);
      let evs: BulkEvent[];
      if (aea) {
        const drafts = aeaCase(t, budget, aea);
        evs = realize(ctx, rng, p, drafts, drafts[0]?.at ?? t0, nextEventId);
        aea.members.push(id);
      } else {
        const r = ordinaryCase(t, budget, petition);
        evs = realize(ctx, rng, p, r.drafts, t0, nextEventId);
        const co = evs.find((e) => e.type === "COURT_ORDER");
        const hf = evs.find((e) => e.type === "HABEAS_FILED");
        if (r.order && petition && co && hf) {
          orders.push({
            ...r.order,
            issued_at: co.at,
            tz: co.tz,
            ...(r.order.requires ? { deadline_at: iso(Date.parse(co.at) + 72 * HOUR) } : {}),
          });
          matters.push({
            id: petition.matter,
            caption: `${initials(name.full)} v. Noem`,
            court: r.matter?.court ?? court(city[1]),
            docket_number: `${hf.at.slice(2, 4)}-cv-${String(Math.floor(rng() * 99999)).padStart(5, "0")}`,
            filed_on: hf.at.slice(0, 10),
            decided_on: co.at.slice(0, 10),
            status: r.matter?.status ?? "pending",
            summary: "Habeas petition (generated).",
            people: [id],
          });
        }
      }
      eventsLeft -= evs.length;
      batch.people.push({ id, data });
      for (const e of evs) batch.events.push(e);
      if (batch.people.length >= chunk) {
        await write(batch);
        opts.onProgress?.({ people: i + 1, events: eventSeq });
        batch = { people: [], events: [] };
      }
    }
    // Group records stand for each AEA class as a whole.
    for (const c of classCases) {
      batch.people.push({
        id: c.group,
        data: {
          kind: "group",
          full_name: `Venezuelan men designated under the Alien Enemies Act at ${c.facility.name}`,
          aliases: [],
          group_size: c.members.length,
          group_definition: `Venezuelan nationals held at ${c.facility.name} and designated under the Alien Enemies Act (generated).`,
          nationalities: ["VE"],
          citizenship_status: "unknown",
          languages: [],
          protections: [],
          consent: { publish: false, public_record: true, family_status: false },
          summary: "Generated class record.",
          sources: [{ source: ctx.sources.court[0] as string }],
        },
      });
      publicPeople++;
    }
    if (batch.people.length || batch.events.length) await write(batch);
    opts.onProgress?.({ people: total, events: eventSeq });
  } finally {
    await writer?.close();
  }

  // Phase C: matters with their people, and the court orders covering them.
  await db.transaction().execute(async (tx) => {
    for (const [k, c] of classCases.entries()) {
      const courtName = `U.S. District Court for the ${["Northern", "Southern", "Western"][k % 3]} District of Texas`;
      await saveMatter(
        tx,
        {
          id: c.matter,
          caption: `Class of Venezuelan nationals at ${c.facility.name} v. Trump`,
          court: courtName,
          docket_number: `25-cv-${String(1000 + k).padStart(5, "0")}`,
          parties: [],
          filed_on: day(c.issued - 24 * HOUR),
          status: "class certified provisionally",
          summary: "Class habeas action against removals under the Alien Enemies Act (generated).",
          people: [c.group, ...c.members],
        },
        [{ source: ctx.sources.court[0] as string }],
      );
      await saveOrder(
        tx,
        {
          id: c.order,
          matter: c.matter,
          kind: "TRO",
          issued_at: iso(c.issued),
          precision: "minute",
          tz: "America/Chicago",
          oral: k === 0,
          covers: {
            people: [c.group, ...c.members],
            class_definition: `Venezuelan nationals held at ${c.facility.name}`,
          },
          bars: ["removal"],
          summary: "Temporary restraining order barring removal of the class under the Alien Enemies Act.",
        },
        [{ source: ctx.sources.court[0] as string }],
      );
    }
    for (const m of matters) {
      await saveMatter(tx, { ...m, parties: [] }, [{ source: ctx.sources.court[0] as string }]);
    }
    for (const o of orders) await saveOrder(tx, o, [{ source: ctx.sources.court[0] as string }]);
    // Petitions whose timeline ran out before the order: keep the matter, filed but undecided.
    const done = new Set(matters.map((m) => m.id));
    for (const pt of petitions.values()) {
      if (done.has(pt.matter)) continue;
      await saveMatter(
        tx,
        {
          id: pt.matter,
          caption: "Habeas petition (generated)",
          court: "U.S. District Court",
          parties: [],
          status: "pending",
          people: [pt.person],
        },
        [],
      );
    }
  });

  return {
    seed,
    prefix,
    people: total,
    groups: classes,
    public_people: publicPeople,
    events: eventSeq,
    facilities: made.length + Object.keys(special).length,
    facilities_reused: reuse,
    matters: classCases.length + petitions.size,
    orders: classCases.length + orders.length,
    sources: sources.length,
    names: pools.from,
    seconds: (performance.now() - started) / 1000,
  };
}
