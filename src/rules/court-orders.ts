// R17, R18 and the compliance ledger: what each court order barred or required, and what happened after it, to the minute.
import type { CourtOrder, EventType, HabeasEvent } from "../domain/model.ts";
import { AUTH } from "./authorities.ts";
import type { Ev, Ord } from "./timeline.ts";
import {
  calendarDaysBetween,
  capitalize,
  eventName,
  missing,
  of,
  slackMs,
  span,
  stamp,
  stampAt,
} from "./timeline.ts";
import type { Rule } from "./types.ts";

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
  return stampAt(x.ms, x.o.tz, x.o.precision ?? "minute");
}

function orderName(o: CourtOrder): { en: string; es: string } {
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
      if (types.length === 0) continue;
      const orderSlack = slackMs(x.o.precision ?? "minute");
      for (const ev of c.events) {
        if (!types.includes(ev.e.type)) continue;
        const evSlack = slackMs(ev.e.precision);
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
        out.push({
          order: x.o.id,
          confidence: overlap ? "low" : "high",
          ...(overlap ? { severity: "possible_issue" as const } : {}),
          events: [ev.e.id],
          text: overlap
            ? {
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

/** The event that ends the duty an order imposes on one person, searched from `from`. */
export function closerFor(kind: string, events: readonly Ev[], from: number): Ev | undefined {
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
      const deadline = x.o.deadline_at ? Date.parse(x.o.deadline_at) : Number.NaN;
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

export type ComplianceViolation = {
  event: string;
  person: string;
  type: string;
  at: string;
  minutes_after_order: number;
};
export type Compliance = {
  order: string;
  kind: string;
  issued_at: string;
  status: "complied" | "not_complied" | "no_action_required";
  days_not_complied: number | null;
  violations: ComplianceViolation[];
  closed_by?: string;
};

/**
 * The ledger line for one order. `events` are the timelines of the people it covers; when the order lists
 * people, events of anyone else are ignored. A bar that was breached stays open until the person is brought
 * back (RETURN, or RELEASE for a detention bar); a duty to act (facilitate return, habeas grant) until it is done.
 * Events after `asOf` are ignored, so the ledger can be read as it stood on any date.
 */
export function orderCompliance(
  order: CourtOrder,
  events: readonly HabeasEvent[],
  opts: { asOf: string },
): Compliance {
  const issued = Date.parse(order.issued_at);
  const asOfMs = Date.parse(opts.asOf);
  const covered = order.covers.people.length > 0 ? new Set(order.covers.people) : undefined;
  const perPerson = new Map<string, Ev[]>();
  for (const e of events) {
    if (covered && !covered.has(e.person)) continue;
    const x = { e, ms: Date.parse(e.at) };
    if (x.ms > asOfMs) continue;
    const list = perPerson.get(e.person);
    if (list) list.push(x);
    else perPerson.set(e.person, [x]);
  }
  for (const list of perPerson.values()) list.sort((a, b) => a.ms - b.ms);

  const barred = barredTypes(order);
  const violations: ComplianceViolation[] = [];
  const open: { person: string; from: number; closerKind: string }[] = [];
  for (const [person, list] of perPerson) {
    for (const x of list) {
      if (x.ms <= issued || !barred.includes(x.e.type)) continue;
      violations.push({
        event: x.e.id,
        person,
        type: x.e.type,
        at: x.e.at,
        minutes_after_order: Math.floor((x.ms - issued) / 60_000),
      });
      const closerKind =
        x.e.type === "DETENTION_START" || x.e.type === "ARREST" ? "habeas_grant" : "facilitate_return";
      if (!open.some((o) => o.person === person)) open.push({ person, from: x.ms, closerKind });
    }
  }
  const duty = order.kind === "facilitate_return" || order.kind === "habeas_grant";
  if (duty) {
    const people = covered ? [...covered] : [...perPerson.keys()];
    for (const person of people) {
      if (open.some((o) => o.person === person)) continue;
      const list = perPerson.get(person) ?? [];
      let lastRemoval = Number.NEGATIVE_INFINITY;
      for (const x of list) if (x.e.type === "REMOVAL" && x.ms <= issued) lastRemoval = x.ms;
      // A return after the removal but before the order still satisfies it.
      const from =
        order.kind === "facilitate_return" && lastRemoval > Number.NEGATIVE_INFINITY ? lastRemoval : issued;
      open.push({ person, from, closerKind: order.kind });
    }
    if (people.length === 0) open.push({ person: "", from: issued, closerKind: order.kind });
  }
  const base = { order: order.id, kind: order.kind, issued_at: order.issued_at, violations };
  if (open.length === 0) {
    return {
      ...base,
      status: barred.length > 0 ? "complied" : "no_action_required",
      days_not_complied: null,
    };
  }
  let closedAt = Number.NEGATIVE_INFINITY;
  let closedBy: string | undefined;
  for (const o of open) {
    const ret = closerFor(o.closerKind, perPerson.get(o.person) ?? [], o.from);
    if (!ret) {
      return {
        ...base,
        status: "not_complied",
        days_not_complied: Math.max(0, calendarDaysBetween(issued, asOfMs, order.tz)),
      };
    }
    if (ret.ms > closedAt) {
      closedAt = ret.ms;
      closedBy = ret.e.id;
    }
  }
  return {
    ...base,
    status: "complied",
    days_not_complied: Math.max(0, calendarDaysBetween(issued, closedAt, order.tz)),
    ...(closedBy ? { closed_by: closedBy } : {}),
  };
}
