// R17, R18 and the compliance ledger: what each court order barred or required, and what happened after it, to the minute.

import type { CourtOrder, EventType, TimelineEvent } from "../domain/model.ts";
import { instantMs } from "../domain/time.ts";
import { AUTH } from "./authorities.ts";
import type { Ev, Ord } from "./timeline.ts";
import {
  calendarDaysBetween,
  capitalize,
  eventName,
  missing,
  of,
  orderSlackOf,
  slackOf,
  span,
  stamp,
  stampAt,
} from "./timeline.ts";
import type { Hit, Rule } from "./types.ts";

const KIND_NAMES: Readonly<Record<string, { en: string; es: string }>> = {
  TRO: { en: "temporary restraining order", es: "orden de restricción temporal" },
  PI: { en: "preliminary injunction", es: "medida cautelar" },
  stay: { en: "stay of removal", es: "suspensión de la deportación" },
  habeas_grant: { en: "habeas grant", es: "concesión de habeas" },
  facilitate_return: { en: "order to facilitate return", es: "orden de facilitar el regreso" },
  class_certification: { en: "class certification", es: "certificación de grupo" },
  judgment: { en: "judgment", es: "sentencia" },
  other: { en: "court order", es: "orden judicial" },
  order: { en: "court order", es: "orden judicial" },
  minute_order: { en: "minute order", es: "orden breve" },
  show_cause: { en: "order to show cause", es: "orden de justificar" },
};

const NO_TYPES: readonly EventType[] = [];
const REMOVAL_ONLY: readonly EventType[] = ["REMOVAL"];

/** The events an order forbids. A removal also moves the person, so a transfer bar covers it too. */
export function barredTypes(o: CourtOrder): readonly EventType[] {
  if (o.bars.length === 0) return o.kind === "stay" ? REMOVAL_ONLY : NO_TYPES;
  const t: EventType[] = [];
  // Handing someone to a foreign custodian completes a removal (the 15–16 March 2025 hand-overs at CECOT).
  if (o.bars.includes("removal") || o.bars.includes("transfer")) t.push("REMOVAL", "FOREIGN_CUSTODY");
  if (o.bars.includes("transfer")) t.push("TRANSFER");
  if (o.bars.includes("detention")) t.push("DETENTION_START", "ARREST");
  return t;
}

function orderStamp(x: Ord): string {
  const latest = x.o.issued_latest ? instantMs(x.o.issued_latest) : undefined;
  return stampAt(x.ms, x.o.tz, x.o.precision ?? "minute", latest);
}

/** An order's kind in words, in both languages (the deadline rule names orders the same way). */
export function orderName(o: Pick<CourtOrder, "kind" | "oral">): { en: string; es: string } {
  const k = KIND_NAMES[o.kind] ?? KIND_NAMES.other!;
  return o.oral ? { en: `oral ${k.en}`, es: `${k.es} oral` } : k;
}

export const R17: Rule = {
  id: "R17",
  version: 1,
  name: "REMOVAL_AFTER_COURT_ORDER",
  severity: "violation",
  confidence: "high",
  title: {
    en: "Removal or transfer after a court order barring it",
    es: "Deportación o traslado después de una orden judicial que lo prohibía",
  },
  basis: [AUTH.jggTro, AUTH.jggContempt],
  check(c, out) {
    for (const x of c.orders) {
      const types = barredTypes(x.o);
      if (types.length === 0) {
        unstatedBars(x, c.events, out);
        continue;
      }
      const orderSlack = orderSlackOf(x.o);
      for (const ev of c.events) {
        if (!types.includes(ev.e.type)) continue;
        const evSlack = slackOf(ev);
        // Compare UTC instants; when either side is only known to the day, the same-day order of events is unknown.
        const after = ev.ms > x.ms;
        const overlap = after
          ? ev.ms < x.ms + orderSlack && orderSlack > 60_000
          : ev.ms + evSlack > x.ms && evSlack > 60_000;
        if (!after && !overlap) continue;
        const name = orderName(x.o);
        const gap = span(ev.ms - x.ms);
        const when = { order: orderStamp(x), ev: stamp(ev) };
        const act = eventName(ev.e.type);
        const ranged = ev.e.precision === "unknown" || x.o.precision === "unknown";
        out.push({
          order: x.o.id,
          confidence: overlap ? "low" : "high",
          ...(overlap ? { severity: "possible_issue" as const } : {}),
          events: [ev.e.id],
          text: overlap
            ? ranged
              ? {
                  en: `The ${act.en}, dated only to ${when.ev}, may have come before or after the ${name.en} of ${when.order} that barred it; the record is not precise enough to tell which came first.`,
                  es: `${capitalize(act.es)}, fechado solo como ${when.ev}, pudo ocurrir antes o después de la ${name.es} del ${when.order} que lo prohibía; el expediente no permite saber qué fue primero.`,
                }
              : {
                  en: `The ${act.en} on ${when.ev} happened the same day as the ${name.en} of ${when.order} that barred it; the record is not precise enough to tell which came first.`,
                  es: `${capitalize(act.es)} del ${when.ev} ocurrió el mismo día que la ${name.es} del ${when.order} que lo prohibía; el expediente no permite saber qué fue primero.`,
                }
            : {
                en: `The ${act.en} on ${when.ev} came ${gap.en} after the ${name.en} of ${when.order} that barred it. This is a factual sequence; whether it amounts to contempt is for a court to decide.`,
                es: `${capitalize(act.es)} del ${when.ev} ocurrió ${gap.es} después de la ${name.es} del ${when.order} que lo prohibía. Es una secuencia de hechos; si constituye desacato lo decide un tribunal.`,
              },
        });
      }
    }
  },
};

const MOVES: ReadonlySet<EventType> = new Set(["TRANSFER", "REMOVAL", "FOREIGN_CUSTODY"]);
/** Orders that by their nature bar nothing: no conflict to read when a move follows them. */
const NEVER_BARS: ReadonlySet<string> = new Set(["class_certification", "facilitate_return"]);

/**
 * An order covering the person whose bars are not recorded must not silently allow a transfer or removal
 * that follows it: the moves after it are raised as a possible conflict for a lawyer to read the order.
 */
function unstatedBars(x: Ord, events: readonly Ev[], out: Hit[]): void {
  if (NEVER_BARS.has(x.o.kind)) return;
  const after = events.filter((ev) => MOVES.has(ev.e.type) && ev.ms > x.ms);
  if (after.length === 0) return;
  const name = orderName(x.o);
  const first = after[0]!;
  const act = eventName(first.e.type);
  out.push({
    order: x.o.id,
    severity: "possible_issue",
    confidence: "low",
    events: after.map((ev) => ev.e.id),
    missing: [
      missing(
        `no bars recorded on the ${name.en} of ${orderStamp(x)}`,
        `ninguna prohibición registrada en la ${name.es} del ${orderStamp(x)}`,
      ),
    ],
    text: {
      en: `The ${name.en} of ${orderStamp(x)} covers this person, but the record does not say what it bars; the ${act.en} on ${stamp(first)} came after it${after.length > 1 ? ` (and ${after.length - 1} more move${after.length > 2 ? "s" : ""})` : ""}. Read the order to see whether it forbade this.`,
      es: `La ${name.es} del ${orderStamp(x)} ampara a esta persona, pero el expediente no dice qué prohíbe; ${act.es} del ${stamp(first)} ocurrió después${after.length > 1 ? ` (y ${after.length - 1} traslado${after.length > 2 ? "s" : ""} más)` : ""}. Lea la orden para saber si lo prohibía.`,
    },
  });
}

/** The event that ends the duty an order imposes on one person, searched from `from`. */
export function closerFor<X extends { e: Pick<TimelineEvent, "type">; ms: number }>(
  kind: string,
  events: readonly X[],
  from: number,
): X | undefined {
  for (const x of events) {
    if (x.ms < from) continue;
    const t = x.e.type;
    if (kind === "habeas_grant" ? t === "RELEASE" || t === "RETURN" : t === "RETURN") return x;
  }
  return undefined;
}

export const R18: Rule = {
  id: "R18",
  version: 1,
  name: "WRONGFUL_REMOVAL_RETURN_PENDING",
  severity: "violation",
  confidence: "high",
  title: {
    en: "Ordered or conceded wrongful removal: return tracker",
    es: "Deportación indebida ordenada o reconocida: seguimiento del regreso",
  },
  basis: [AUTH.abregoScotus, AUTH.abregoDistrict, AUTH.jggDec],
  check(c, out) {
    const removals = of(c, "REMOVAL");
    const removal = removals[removals.length - 1];
    const admission = removal ? of(c, "GOVERNMENT_ADMISSION").find((a) => a.ms > removal.ms) : undefined;
    const facilitate = c.orders.filter((x) => x.o.kind === "facilitate_return");
    const note = {
      en: "“Facilitate” means removing obstacles to return; the Supreme Court said a court may not necessarily order the government to “effectuate” it.",
      es: "“Facilitar” significa eliminar obstáculos al regreso; la Corte Suprema dijo que un tribunal no necesariamente puede ordenar al gobierno “efectuarlo”.",
    };
    for (const x of facilitate) {
      const ret = closerFor("facilitate_return", c.events, Math.min(x.ms, removal?.ms ?? x.ms));
      const end = ret?.ms ?? c.asOfMs;
      const days = Math.max(0, calendarDaysBetween(x.ms, end, x.o.tz));
      const name = orderName(x.o);
      const extra = [removal?.e.id, admission?.e.id].filter((id): id is string => id !== undefined);
      if (ret) {
        out.push({
          order: x.o.id,
          severity: "information",
          days_elapsed: days,
          events: [ret.e.id, ...extra],
          text: {
            en: `The person was returned on ${stamp(ret)}, ${days} days after the ${name.en} of ${orderStamp(x)}.`,
            es: `La persona regresó el ${stamp(ret)}, ${days} días después de la ${name.es} del ${orderStamp(x)}.`,
          },
        });
        continue;
      }
      const deadline = x.o.deadline_at ? instantMs(x.o.deadline_at) : Number.NaN;
      const late =
        deadline < c.asOfMs
          ? {
              en: ` The court's deadline (${stampAt(deadline, x.o.tz, "minute")}) has passed.`,
              es: ` El plazo fijado por el tribunal (${stampAt(deadline, x.o.tz, "minute")}) ya venció.`,
            }
          : { en: "", es: "" };
      out.push({
        order: x.o.id,
        days_elapsed: days,
        events: extra,
        missing: [
          missing(
            `no RETURN after the order of ${orderStamp(x)}`,
            `ningún RETURN después de la orden del ${orderStamp(x)}`,
          ),
        ],
        text: {
          en: `The government was ordered on ${orderStamp(x)} to facilitate the person's return; ${days} days have passed without a return on record.${late.en} ${note.en}`,
          es: `El ${orderStamp(x)} se ordenó al gobierno facilitar el regreso de la persona; han pasado ${days} días sin regreso registrado.${late.es} ${note.es}`,
        },
      });
    }
    if (facilitate.length > 0 || !admission) return;
    const ret = closerFor("facilitate_return", c.events, removal!.ms);
    const days = Math.max(0, calendarDaysBetween(admission.ms, ret?.ms ?? c.asOfMs, admission.e.tz));
    out.push(
      ret
        ? {
            severity: "information",
            days_elapsed: days,
            events: [ret.e.id, admission.e.id, removal!.e.id],
            text: {
              en: `The government conceded on ${stamp(admission)} that the removal was wrongful; the person was returned ${days} days later, on ${stamp(ret)}.`,
              es: `El gobierno reconoció el ${stamp(admission)} que la deportación fue indebida; la persona regresó ${days} días después, el ${stamp(ret)}.`,
            },
          }
        : {
            severity: "possible_issue",
            days_elapsed: days,
            events: [admission.e.id, removal!.e.id],
            missing: [
              missing(
                `no RETURN after the concession of ${stamp(admission)}`,
                `ningún RETURN después del reconocimiento del ${stamp(admission)}`,
              ),
            ],
            text: {
              en: `The government conceded on ${stamp(admission)} that the removal was wrongful; ${days} days have passed with no return on record and no court order to facilitate it.`,
              es: `El gobierno reconoció el ${stamp(admission)} que la deportación fue indebida; han pasado ${days} días sin regreso registrado ni orden judicial de facilitarlo.`,
            },
          },
    );
  },
};

export const COMPLIANCE_STATES = [
  "complied",
  "breached",
  "outstanding",
  "not_yet_due",
  "no_action_required",
] as const;
/**
 * complied: nothing was done against it and what it required was done in time; breached: something was done
 * against it, or its deadline passed before what it required was done (it stays breached after a remedy);
 * outstanding: what it requires is due and not done; not_yet_due: its deadline has not come.
 */
export type ComplianceState = (typeof COMPLIANCE_STATES)[number];

/** The event that met a duty or undid an act (a return, a release), and whose it was. */
export type Remedy = { event: string; person: string; at: string };

/** One act against an order: what was done, to whom, and how long after the order. */
export type ComplianceAct = {
  event: string;
  person: string;
  type: EventType;
  at: string;
  /** Whole minutes between the order and the act (a lower bound when the act is known only to the day). */
  minutes_after_order: number;
  /** True when the act's time is known less precisely than to the minute. */
  approximate: boolean;
  /** The return or release that later undid it, when there was one: the breach stands all the same. */
  remedied_by?: Remedy;
};

export type Compliance = {
  order: string;
  kind: string;
  issued_at: string;
  state: ComplianceState;
  acts: ComplianceAct[];
  /** A duty whose deadline passed before it was met (met_by set when it was met later). */
  missed_deadline?: { deadline_at: string; days_late: number; met_by?: Remedy };
  /** Still unmet at asOf: what it requires not done, or an act against it not undone. */
  unmet: boolean;
  /** Calendar days (order's zone) the order stood unmet, up to its remedy or asOf; null if it never did. */
  days_unmet: number | null;
  /** The event that met what the order required (the last one, when it covers several people). */
  met_by?: Remedy;
  due_at?: string;
};

const DUTIES: ReadonlySet<string> = new Set(["facilitate_return", "habeas_grant"]);
const DETENTION: ReadonlySet<string> = new Set(["DETENTION_START", "ARREST"]);

/**
 * Every event type an order's compliance can turn on: what any order may bar (barredTypes), what undoes or
 * meets it (closerFor) and the removal a return is counted from. orderCompliance reads no other type, so a
 * store may hand it these types only (services/findings.ts complianceForOrders does).
 */
export const COMPLIANCE_EVENT_TYPES: readonly EventType[] = [
  "REMOVAL",
  "FOREIGN_CUSTODY",
  "TRANSFER",
  "DETENTION_START",
  "ARREST",
  "RETURN",
  "RELEASE",
];
const COMPLIANCE_TYPES: ReadonlySet<string> = new Set(COMPLIANCE_EVENT_TYPES);

/** What of an event compliance reads: which, whose, what and when. */
export type ComplianceEvent = Pick<TimelineEvent, "id" | "person" | "type" | "at" | "precision">;
type CEv = { e: ComplianceEvent; ms: number };

/**
 * The one owner of an order's compliance state. `events` are the timelines of the people it covers (of them
 * only COMPLIANCE_EVENT_TYPES are read); when the order lists people, events of anyone else are ignored.
 * Events after `asOf` are ignored, so the ledger can be read as it stood on any date. Every act against a bar is listed with its minutes after the order, and
 * whether a return (or release, for a detention bar) later undid it; a duty to act (facilitate return,
 * habeas grant) is met by the return (or release), late if after its deadline.
 */
export function orderCompliance(
  order: CourtOrder,
  events: readonly ComplianceEvent[],
  opts: { asOf: string },
): Compliance {
  const issued = instantMs(order.issued_at);
  const asOfMs = instantMs(opts.asOf);
  const covered = order.covers.people.length > 0 ? new Set(order.covers.people) : undefined;
  const perPerson = new Map<string, CEv[]>();
  for (const e of events) {
    if (!COMPLIANCE_TYPES.has(e.type) || (covered && !covered.has(e.person))) continue;
    const x = { e, ms: instantMs(e.at) };
    if (x.ms > asOfMs) continue;
    const list = perPerson.get(e.person);
    if (list) list.push(x);
    else perPerson.set(e.person, [x]);
  }
  for (const list of perPerson.values()) list.sort((a, b) => a.ms - b.ms);
  const days = (to: number) => Math.max(0, calendarDaysBetween(issued, to, order.tz));
  const remedy = (x: CEv): Remedy => ({ event: x.e.id, person: x.e.person, at: x.e.at });

  const barred = barredTypes(order);
  const acts: ComplianceAct[] = [];
  let unmet = false;
  let unmetUntil = Number.NEGATIVE_INFINITY;
  let firstAct = Number.POSITIVE_INFINITY;
  for (const [person, list] of perPerson) {
    for (const x of list) {
      if (x.ms <= issued || !barred.includes(x.e.type)) continue;
      const undo = closerFor(DETENTION.has(x.e.type) ? "habeas_grant" : "facilitate_return", list, x.ms + 1);
      acts.push({
        event: x.e.id,
        person,
        type: x.e.type,
        at: x.e.at,
        minutes_after_order: Math.floor((x.ms - issued) / 60_000),
        approximate: x.e.precision !== "minute",
        ...(undo ? { remedied_by: remedy(undo) } : {}),
      });
      firstAct = Math.min(firstAct, x.ms);
      if (undo) unmetUntil = Math.max(unmetUntil, undo.ms);
      else unmet = true;
    }
  }
  acts.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.event < b.event ? -1 : 1));

  const base = { order: order.id, kind: order.kind, issued_at: order.issued_at, acts };
  const due = order.deadline_at ? { due_at: order.deadline_at } : {};
  if (DUTIES.has(order.kind)) {
    const people = covered ? [...covered] : [...perPerson.keys()];
    let metBy: CEv | undefined;
    let allMet = people.length > 0;
    for (const person of people) {
      const list = perPerson.get(person) ?? [];
      let lastRemoval = Number.NEGATIVE_INFINITY;
      for (const x of list) if (x.e.type === "REMOVAL" && x.ms <= issued) lastRemoval = x.ms;
      // A return after the removal but before the order still satisfies it.
      const from =
        order.kind === "facilitate_return" && lastRemoval > Number.NEGATIVE_INFINITY ? lastRemoval : issued;
      const met = closerFor(order.kind, list, from);
      if (!met) allMet = false;
      else if (!metBy || met.ms > metBy.ms) metBy = met;
    }
    const deadline = order.deadline_at ? instantMs(order.deadline_at) : undefined;
    const doneAt = allMet && metBy ? metBy.ms : undefined;
    const stillUnmet = doneAt === undefined || unmet;
    const daysUnmet = days(Math.max(doneAt ?? asOfMs, stillUnmet ? asOfMs : unmetUntil));
    const late = deadline !== undefined && (doneAt === undefined ? asOfMs > deadline : doneAt > deadline);
    const missed = late
      ? {
          missed_deadline: {
            deadline_at: order.deadline_at as string,
            days_late: Math.max(0, calendarDaysBetween(deadline, doneAt ?? asOfMs, order.tz)),
            ...(doneAt !== undefined && metBy ? { met_by: remedy(metBy) } : {}),
          },
        }
      : {};
    const state: ComplianceState =
      acts.length > 0 || late
        ? "breached"
        : doneAt !== undefined
          ? "complied"
          : deadline !== undefined && asOfMs <= deadline
            ? "not_yet_due"
            : "outstanding";
    return {
      ...base,
      state,
      ...missed,
      unmet: stillUnmet,
      days_unmet: daysUnmet,
      ...(doneAt !== undefined && metBy ? { met_by: remedy(metBy) } : {}),
      ...due,
    };
  }
  if (acts.length > 0) {
    return {
      ...base,
      state: "breached",
      unmet,
      days_unmet: Math.max(
        0,
        calendarDaysBetween(firstAct, unmet ? asOfMs : Math.max(unmetUntil, firstAct), order.tz),
      ),
      ...due,
    };
  }
  return {
    ...base,
    state: barred.length > 0 ? "complied" : "no_action_required",
    unmet: false,
    days_unmet: null,
    ...due,
  };
}

/** An act against an order as a viewer may see it: who, which event and when only where they may. */
export type PublicComplianceAct = Omit<
  ComplianceAct,
  "event" | "person" | "at" | "remedied_by" | "minutes_after_order"
> & {
  event?: string;
  person?: string;
  at?: string;
  /** Present when the act's time may be shown (for the public: a published source states it). */
  minutes_after_order?: number;
  remedied: boolean;
  remedied_by?: Remedy;
};
export type PublicCompliance = Omit<Compliance, "acts" | "missed_deadline"> & {
  acts: PublicComplianceAct[];
  missed_deadline?: { deadline_at: string; days_late: number; met: boolean; met_by?: Remedy };
};

/** What a viewer may see: people, events (their exact time), and the id an event goes by for them. */
export type Reveal = {
  person: (id: string) => boolean;
  event: (id: string) => boolean;
  eventId?: (id: string) => string;
};

/**
 * The form of a compliance state a viewer reads. The state, the days unmet, each act's kind and whether it
 * was undone are court-record facts and always stay: an order breached against a private person still
 * reads as breached. Which person and which event are kept only for people the viewer may see; an act's
 * instant and minutes only for events the viewer may see the time of.
 */
export function publicCompliance(c: Compliance, reveal: Reveal): PublicCompliance {
  const idOf = reveal.eventId ?? ((id: string) => id);
  const open = (r: Remedy | undefined): Remedy | undefined =>
    r && reveal.person(r.person) && reveal.event(r.event) ? { ...r, event: idOf(r.event) } : undefined;
  const acts = c.acts.map((a): PublicComplianceAct => {
    const { event, person, at, remedied_by, minutes_after_order, ...rest } = a;
    const timed = reveal.event(event);
    const remedy = open(remedied_by);
    return {
      ...rest,
      ...(timed ? { minutes_after_order } : {}),
      ...(timed && reveal.person(person) ? { event: idOf(event), person, at } : {}),
      remedied: remedied_by !== undefined,
      ...(remedy ? { remedied_by: remedy } : {}),
    };
  });
  const { acts: _acts, met_by, missed_deadline, ...rest } = c;
  const met = open(met_by);
  const missedMet = open(missed_deadline?.met_by);
  return {
    ...rest,
    acts,
    ...(met ? { met_by: met } : {}),
    ...(missed_deadline
      ? {
          missed_deadline: {
            deadline_at: missed_deadline.deadline_at,
            days_late: missed_deadline.days_late,
            met: missed_deadline.met_by !== undefined,
            ...(missedMet ? { met_by: missedMet } : {}),
          },
        }
      : {}),
  };
}
