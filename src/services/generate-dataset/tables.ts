// The synthetic dataset's fixed tables: cities and courts, origins and their names, facilities, sources.
import type { Facility, Source } from "../../domain/model.ts";
import { draw, type NamePools, type Pool, type Rng } from "../generate-names.ts";

// Arrests fall in this window; no event is later than CAP.
export const START = Date.UTC(2025, 0, 20);
export const END = Date.UTC(2026, 9, 1);
export const CAP = Date.UTC(2026, 10, 1);
export const HOUR = 3_600_000;

export const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
export const between = (rng: Rng, lo: number, hi: number) => lo + rng() * (hi - lo);
export const chance = (rng: Rng, p: number) => rng() < p;
export function weighted<T>(rng: Rng, xs: readonly (readonly [T, number])[]): T {
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
export type City = readonly [city: string, state: string, tz: string];
export const CITIES: readonly City[] = [
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
export const STATE_TZ = new Map(CITIES.map(([, st, tz]) => [st, tz]));
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
export const court = (state: string | undefined) =>
  `U.S. District Court for the ${DISTRICT[state ?? ""] ?? `District of ${state ?? "Columbia"}`}`;

// ---------- origins ----------
export type Origin = {
  cc: string;
  share: number;
  given: readonly string[];
  surnames: readonly string[];
  two: boolean;
  langs: readonly (readonly [string, number])[];
};
const SPANISH = [["Spanish", 1]] as const;
export const ORIGINS: readonly Origin[] = [
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
export const US_BORN: Origin = {
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
export const THIRD_COUNTRIES = ["MX", "SV", "CR", "PA", "SS", "HN", "GT"] as const;

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

export type Name = { full: string; given: string; s1: string; s2?: string };
export function personName(pools: NamePools, rng: Rng, o: Origin, female: boolean): Name {
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
export function aliasFor(rng: Rng, n: Name): string | undefined {
  const firstGiven = n.given.split(" ")[0] ?? n.given;
  const options = [
    n.s2 ? `${n.given} ${n.s1}-${n.s2}` : undefined,
    n.s2 ? `${firstGiven} ${n.s1}` : undefined,
    ACCENTS(n.full) !== n.full ? ACCENTS(n.full) : undefined,
    `${firstGiven} ${n.s1.replace(/z/g, "s").replace(/v/g, "b").replace(/ll/g, "y")}${n.s2 ? ` ${n.s2}` : ""}`,
  ].filter((x): x is string => !!x && x !== n.full);
  return options.length ? pick(rng, options) : undefined;
}

export function initials(full: string): string {
  return `${full
    .split(" ")
    .filter((w) => /^\p{Lu}/u.test(w))
    .map((w) => ACCENTS(w)[0])
    .join(".")}.`;
}

// ---------- facilities and sources ----------
export type Place = {
  id: string;
  name: string;
  kind: Facility["kind"];
  state?: string;
  city?: string;
  tz: string;
  weight: number;
};

export function generatedFacilities(
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

export function specialFacilities(prefix: string) {
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

export function generatedSources(prefix: string): Source[] {
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
