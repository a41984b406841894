// The synthetic dataset's story: a person's case drafted as events (ordinary case, AEA class member), then dated.
import type { Citation, CourtOrder, EventType, Protection } from "../../domain/model.ts";
import type { Precision } from "../../domain/time.ts";
import type { BulkEvent } from "../../store/bulk.ts";
import { draw, type NamePools, type Pool, type Rng } from "../generate-names.ts";
import {
  between,
  CAP,
  type City,
  chance,
  court,
  HOUR,
  type Name,
  type Origin,
  type Place,
  pick,
  THIRD_COUNTRIES,
  weighted,
} from "./tables.ts";

// ---------- plan ----------
export type ClassCase = {
  matter: string;
  order: string;
  group: string;
  facility: Place;
  issued: number;
  members: string[];
  removedAfter: number;
};
export type Petition = { matter: string; order: string; person: string };
export type OrderOut = Omit<CourtOrder, "citations">;
export type MatterOut = {
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

export type Ctx = {
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
export const monthYear = (ms: number) => {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
};
export const iso = (ms: number) => new Date(Math.round(ms / 60000) * 60000).toISOString();
export const day = (ms: number) => iso(ms).slice(0, 10);

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

export type Person = {
  id: string;
  name: Name;
  origin: Origin;
  protections: Protection[];
  citizen: boolean;
  city: City;
};

/** Builds a person's timeline as drafts: what happened, in order, within the event budget. */
export class Timeline {
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
export function ordinaryCase(
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
export function aeaCase(t: Timeline, budget: number, c: ClassCase): Draft[] {
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
export function realize(
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
