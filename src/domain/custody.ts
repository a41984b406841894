// Where a person is now and how they got there: the one owner of custody status, "held abroad" and custody steps.
import type { Facility, HabeasEvent } from "./model.ts";
import { instantMs, localDate } from "./time.ts";

/** The events that move a person into, between or out of custody. */
export const CUSTODY_EVENT_TYPES = [
  "ARREST",
  "DETENTION_START",
  "TRANSFER",
  "REMOVAL",
  "FOREIGN_CUSTODY",
  "RETURN",
  "RELEASE",
] as const;
const CUSTODY_TYPES: ReadonlySet<string> = new Set(CUSTODY_EVENT_TYPES);

/** One status vocabulary for every page, export, family view and count. */
export const CUSTODY_STATUSES = [
  "held_us",
  "held_abroad",
  "removed",
  "released",
  "returned",
  "unknown",
] as const;
export type CustodyStatus = (typeof CUSTODY_STATUSES)[number];

/**
 * Places held by the United States: the states (US) and the inhabited territories, which have their own
 * ISO codes. Naval Station Guantánamo Bay is recorded in Cuba (CU) and is NOT in this list: a person
 * held there is held abroad, outside the United States, even though US forces hold them.
 */
export const US_JURISDICTIONS: ReadonlySet<string> = new Set(["US", "PR", "GU", "VI", "AS", "MP", "UM"]);

type FacilityPlace = Pick<Facility, "country">;
type CustodyEvent = Pick<HabeasEvent, "id" | "type" | "at" | "facility" | "country">;

/**
 * Held abroad is defined once, by place: the facility's country when a facility is recorded, otherwise
 * the event's own country. Nothing recorded means held in the United States (where custody begins).
 */
export function isAbroad(facility: FacilityPlace | undefined, country: string | undefined): boolean {
  const where = placedCountry(facility?.country, country);
  return where !== undefined && !US_JURISDICTIONS.has(where);
}

/** The country an event is placed in, as isAbroad reads it: its facility's when known, otherwise its own. */
export function placedCountry(
  facilityCountry: string | undefined,
  country: string | undefined,
): string | undefined {
  return facilityCountry ?? country;
}

/**
 * Events with their place's country as isAbroad reads it: the facility's country wherever a facility is
 * recorded (the rules see event ids, not facilities, so they get the country on the event itself).
 */
export function withFacilityCountries<E extends Pick<HabeasEvent, "facility" | "country">>(
  events: readonly E[],
  countries: ReadonlyMap<string, string>,
): E[] {
  return events.map((e) => {
    const c = placedCountry(e.facility ? countries.get(e.facility) : undefined, e.country);
    return c !== e.country ? { ...e, country: c } : e;
  });
}

/** The status a custody event leaves the person in. */
export function statusAfter(
  e: Pick<HabeasEvent, "type" | "country"> | undefined,
  facility: FacilityPlace | undefined,
): CustodyStatus {
  switch (e?.type) {
    case undefined:
      return "unknown";
    case "RETURN":
      return "returned";
    case "RELEASE":
      return "released";
    case "REMOVAL":
      return "removed";
    case "FOREIGN_CUSTODY":
      return "held_abroad";
    case "ARREST":
    case "DETENTION_START":
    case "TRANSFER":
      return isAbroad(facility, e.country) ? "held_abroad" : "held_us";
    default:
      return "unknown";
  }
}

/**
 * The latest custody event at or before `now` (events dated later are not counted). Ties on the instant go
 * to the greater id, exactly as the dashboard's SQL orders them (at DESC, id DESC).
 */
export function lastCustodyEvent<E extends CustodyEvent>(events: readonly E[], now: string): E | undefined {
  const nowMs = instantMs(now);
  let best: E | undefined;
  let bestMs = Number.NEGATIVE_INFINITY;
  for (const e of events) {
    if (!CUSTODY_TYPES.has(e.type)) continue;
    const ms = instantMs(e.at);
    if (ms > nowMs) continue;
    if (ms > bestMs || (ms === bestMs && best !== undefined && e.id > best.id)) {
      best = e;
      bestMs = ms;
    }
  }
  return best;
}

export type CurrentCustody = {
  status: CustodyStatus;
  /** The custody event that set the status; absent when none is on record. */
  event?: string;
  /** When it began: the instant, and the calendar day where it happened (the event's own zone). */
  since?: { at: string; day: string; tz: string; precision: HabeasEvent["precision"] };
  /** The facility the person is held at, while held. */
  facility?: string;
  /** The country the person is in now, when the record says. */
  country?: string;
};

/** Where a person is now and since when, from their events as of `now`. */
export function currentCustody(
  events: readonly HabeasEvent[],
  facilities: ReadonlyMap<string, Facility>,
  now: string,
): CurrentCustody {
  const last = lastCustodyEvent(events, now);
  if (!last) return { status: "unknown" };
  const f = last.facility ? facilities.get(last.facility) : undefined;
  const status = statusAfter(last, f);
  const held = status === "held_us" || status === "held_abroad";
  const country = placeCountry(last, f);
  return {
    status,
    event: last.id,
    since: { at: last.at, day: localDate(last.at, last.tz), tz: last.tz, precision: last.precision },
    ...(held && f ? { facility: f.id } : {}),
    ...(country ? { country } : {}),
  };
}

function detail(e: Pick<HabeasEvent, "details">, key: string): string | undefined {
  const v = e.details[key];
  return typeof v === "string" ? v : undefined;
}

/** The country an event leaves the person in, when recorded. */
function placeCountry(e: HabeasEvent, f: FacilityPlace | undefined): string | undefined {
  switch (e.type) {
    case "REMOVAL":
      return detail(e, "destination_country") ?? f?.country;
    case "FOREIGN_CUSTODY":
      return f?.country ?? detail(e, "country") ?? e.country;
    case "RETURN":
      return detail(e, "to_country") ?? e.country;
    default:
      return f?.country ?? e.country;
  }
}

type StepTime = {
  from: string;
  until?: string;
  tz: string;
  precision: HabeasEvent["precision"];
  event: string;
};
/** One step of a custody chain, as data: pages translate it, the API returns it as it is. */
export type CustodyStep =
  | (StepTime & { kind: "held"; facility?: string; place?: string; country?: string; abroad: boolean })
  | (StepTime & { kind: "removed"; country?: string })
  | (StepTime & { kind: "foreign_custody"; country?: string; facility?: string; custodian?: string })
  | (StepTime & { kind: "released"; country?: string; facility?: string })
  | (StepTime & { kind: "returned"; country?: string });

function stepOf(e: HabeasEvent, f: Facility | undefined): CustodyStep {
  const time = { from: e.at, tz: e.tz, precision: e.precision, event: e.id };
  const country = placeCountry(e, f);
  const opt = <K extends string, V>(k: K, v: V | undefined) => (v === undefined ? {} : { [k]: v });
  switch (e.type) {
    case "REMOVAL":
      return { kind: "removed", ...time, ...opt("country", country) };
    case "FOREIGN_CUSTODY":
      return {
        kind: "foreign_custody",
        ...time,
        ...opt("country", country),
        ...opt("facility", f?.id),
        ...opt("custodian", detail(e, "custodian")),
      };
    case "RELEASE":
      return { kind: "released", ...time, ...opt("country", country), ...opt("facility", f?.id) };
    case "RETURN":
      return { kind: "returned", ...time, ...opt("country", country) };
    default:
      return {
        kind: "held",
        ...time,
        abroad: isAbroad(f, e.country),
        ...opt("facility", f?.id),
        ...opt("place", f ? undefined : e.place),
        ...opt("country", country),
      };
  }
}

const sameStep = (a: CustodyStep, b: CustodyStep) =>
  a.kind === b.kind &&
  a.country === b.country &&
  ("facility" in a ? a.facility : undefined) === ("facility" in b ? b.facility : undefined) &&
  ("place" in a ? a.place : undefined) === ("place" in b ? b.place : undefined);

/**
 * Where the person was, step by step, from the events that move them (as of `now`: later ones are not
 * counted). A step that repeats the one before (a second event at the same facility) extends it.
 */
export function custodyChain(
  events: readonly HabeasEvent[],
  facilities: ReadonlyMap<string, Facility>,
  now: string,
): CustodyStep[] {
  const nowMs = instantMs(now);
  const moves = events
    .filter((e) => CUSTODY_TYPES.has(e.type) && instantMs(e.at) <= nowMs)
    .sort((a, b) => instantMs(a.at) - instantMs(b.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const steps: CustodyStep[] = [];
  for (const e of moves) {
    const step = stepOf(e, e.facility ? facilities.get(e.facility) : undefined);
    const prev = steps.at(-1);
    if (prev && sameStep(prev, step)) continue;
    if (prev) prev.until = e.at;
    steps.push(step);
  }
  return steps;
}

/** The status a step leaves the person in (the same vocabulary as currentCustody). */
export function statusOfStep(step: CustodyStep): CustodyStatus {
  switch (step.kind) {
    case "held":
      return step.abroad ? "held_abroad" : "held_us";
    case "foreign_custody":
      return "held_abroad";
    case "removed":
      return "removed";
    case "released":
      return "released";
    case "returned":
      return "returned";
  }
}
