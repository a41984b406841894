// R30: deadline trackers — due dates with days left or overdue, moved off weekends and federal holidays where the rule says so.

import { instantMs } from "../domain/time.ts";
import { AUTH } from "./authorities.ts";
import { addMonths, formatDay, HOUR_MS, localDay, rollForward } from "./calendar.ts";
import { closerFor, orderName } from "./court-orders.ts";
import { finalAt } from "./custody.ts";
import type { CaseIndex, Ev } from "./timeline.ts";
import { bool, firstAfter, firstBetween, lastBefore, of, stamp, stampAt, str } from "./timeline.ts";
import type { Hit, Msg, Rule } from "./types.ts";

/** Deadlines missed more than a year ago are history, not tasks: exceptions then need a lawyer's own analysis. */
export const STALE_AFTER_DAYS = 365;

type Clock = { c: CaseIndex; out: Hit[] };

function push(
  k: Clock,
  basis: readonly string[],
  dueDay: number,
  tz: string,
  label: Msg,
  why: Msg,
  events: string[],
  order?: string,
) {
  const left = dueDay - localDay(k.c.asOfMs, tz);
  if (left < -STALE_AFTER_DAYS) return;
  const date = formatDay(dueDay);
  const state: Msg =
    left > 0
      ? { en: `${left} day${left === 1 ? "" : "s"} left`, es: `quedan ${left} día${left === 1 ? "" : "s"}` }
      : left === 0
        ? { en: "due today", es: "vence hoy" }
        : {
            en: `overdue by ${-left} day${left === -1 ? "" : "s"}`,
            es: `vencido hace ${-left} día${left === -1 ? "" : "s"}`,
          };
  k.out.push({
    basis,
    events,
    ...(order ? { order } : {}),
    due: { date, days_remaining: left, label },
    text: {
      en: `${label.en}: due ${date} (${state.en}). ${why.en}`,
      es: `${label.es}: vence el ${date} (${state.es}). ${why.es}`,
    },
  });
}

/** Calendar-day periods whose last day moves to the next business day (EOIR and appellate practice). */
function filingDue(from: Ev, days: number): number {
  return rollForward(localDay(from.ms, from.e.tz) + days);
}

function removalOrderClocks(k: Clock) {
  const { c } = k;
  for (const o of of(c, "REMOVAL_ORDER")) {
    if (str(o, "type") !== "IJ_240") continue;
    const appealed = firstAfter(c, "APPEAL_FILED", o.ms - 1);
    const waived = bool(o, "appeal_waived") === true;
    if (!appealed && !waived && bool(o, "final") !== true) {
      push(
        k,
        [AUTH.biaAppeal],
        filingDue(o, 30),
        o.e.tz,
        {
          en: "Appeal to the Board of Immigration Appeals",
          es: "Apelación ante la Junta de Apelaciones de Inmigración",
        },
        {
          en: `30 days from the judge's order of ${stamp(o)}, counted by when the Board receives it; a last day on a weekend or holiday moves to the next business day.`,
          es: `30 días desde la orden del juez del ${stamp(o)}, contados por la fecha de recepción en la Junta; si el último día cae en fin de semana o feriado pasa al siguiente día hábil.`,
        },
        [o.e.id],
      );
    }
    if (appealed && bool(appealed, "pending") !== false) continue;
    const why = {
      en: `Counted from the order of ${stamp(o)}; check the date it became final.`,
      es: `Contado desde la orden del ${stamp(o)}; verifique la fecha en que quedó firme.`,
    };
    push(
      k,
      [AUTH.reconsider],
      filingDue(o, 30),
      o.e.tz,
      { en: "Motion to reconsider", es: "Moción de reconsideración" },
      why,
      [o.e.id],
    );
    push(
      k,
      [AUTH.reopen],
      filingDue(o, 90),
      o.e.tz,
      { en: "Motion to reopen", es: "Moción de reapertura" },
      why,
      [o.e.id],
    );
  }
}

function fearClocks(k: Clock) {
  const { c } = k;
  for (const fear of of(c, "FEAR_EXPRESSED")) {
    const reinstated = of(c, "REMOVAL_ORDER").some((o) => {
      const t = str(o, "type");
      return t === "reinstatement_241a5" || t === "admin_238b";
    });
    if (!reinstated || firstAfter(c, "RFI", fear.ms - 1)) continue;
    if (firstAfter(c, "REMOVAL", fear.ms)) continue;
    push(
      k,
      [AUTH.reasonableFear],
      localDay(fear.ms, fear.e.tz) + 10,
      fear.e.tz,
      { en: "Reasonable-fear interview", es: "Entrevista de miedo razonable" },
      {
        en: `Due within 10 days of referral, absent exceptional circumstances; counted here from the expression of fear on ${stamp(fear)}.`,
        es: `Debe hacerse dentro de 10 días de la remisión, salvo circunstancias excepcionales; contado aquí desde que expresó miedo el ${stamp(fear)}.`,
      },
      [fear.e.id],
    );
  }
  for (const [type, days, basis, label] of [
    [
      "CFI",
      7,
      [AUTH.ijReviewCf],
      {
        en: "Judge review of negative credible-fear finding",
        es: "Revisión judicial de la decisión negativa de miedo creíble",
      },
    ],
    [
      "RFI",
      10,
      [AUTH.ijReviewRf],
      {
        en: "Judge review of negative reasonable-fear finding",
        es: "Revisión judicial de la decisión negativa de miedo razonable",
      },
    ],
  ] as const) {
    for (const s of of(c, type)) {
      if (str(s, "outcome") !== "negative" || firstAfter(c, "HEARING", s.ms)) continue;
      push(
        k,
        basis,
        localDay(s.ms, s.e.tz) + days,
        s.e.tz,
        label,
        {
          en: `When requested, the judge's review must be done within ${days} days of the negative finding of ${stamp(s)}.`,
          es: `Si se pide, la revisión del juez debe hacerse dentro de ${days} días de la decisión negativa del ${stamp(s)}.`,
        },
        [s.e.id],
      );
    }
  }
}

function custodyClocks(k: Clock) {
  const { c } = k;
  for (const a of of(c, "ARREST")) {
    if (str(a, "warrant") !== "none" || bool(a, "criminal") === true) continue;
    const limit = a.ms + 48 * HOUR_MS;
    // Once the 48 hours have run, R08 reports it; the tracker only counts down.
    if (c.asOfMs > limit) continue;
    if (
      firstBetween(c, "CUSTODY_DETERMINATION", a.ms - 1, limit) ||
      firstBetween(c, "RELEASE", a.ms - 1, limit)
    )
      continue;
    push(
      k,
      [AUTH.custody48],
      localDay(limit, a.e.tz),
      a.e.tz,
      { en: "Custody and charging decision", es: "Decisión sobre custodia y cargos" },
      {
        en: `Due by ${stampAt(limit, a.e.tz, a.e.precision)}, 48 hours after the warrantless arrest of ${stamp(a)}.`,
        es: `Vence el ${stampAt(limit, a.e.tz, a.e.precision)}, 48 horas después del arresto sin orden del ${stamp(a)}.`,
      },
      [a.e.id],
    );
  }
  let order: Ev | undefined;
  let final = Number.POSITIVE_INFINITY;
  for (const o of of(c, "REMOVAL_ORDER")) {
    const f = finalAt(c, o);
    if (f !== undefined && f < final) {
      final = f;
      order = o;
    }
  }
  if (!order || final > c.asOfMs) return;
  const held = lastBefore(c, "DETENTION_START", c.asOfMs) ?? lastBefore(c, "ARREST", c.asOfMs);
  if (!held) return;
  if (firstAfter(c, "RELEASE", held.ms) || firstAfter(c, "REMOVAL", held.ms)) return;
  const tz = order.e.tz;
  const from = localDay(Math.max(final, held.ms), tz);
  const today = localDay(c.asOfMs, tz);
  const ninety = from + 90;
  const six = addMonths(from, 6);
  // After these dates pass, R22 speaks; the tracker shows only what is still ahead.
  if (today <= ninety)
    push(
      k,
      [AUTH.removalPeriod],
      ninety,
      tz,
      { en: "End of the 90-day removal period", es: "Fin del período de deportación de 90 días" },
      {
        en: "Counted from when the order became final while the person was held.",
        es: "Contado desde que la orden quedó firme estando la persona detenida.",
      },
      [order.e.id, held.e.id],
    );
  if (today <= six)
    push(
      k,
      [AUTH.zadvydas],
      six,
      tz,
      { en: "Six months of post-order detention", es: "Seis meses de detención tras la orden" },
      {
        en: "After six months, continued detention needs a significant likelihood of removal in the reasonably foreseeable future.",
        es: "Después de seis meses, seguir detenido exige una probabilidad significativa de deportación en un futuro razonablemente previsible.",
      },
      [order.e.id, held.e.id],
    );
}

const HEARING_LABEL: Record<string, Msg> = {
  master: { en: "Master calendar hearing", es: "Audiencia de calendario maestro" },
  merits: { en: "Merits hearing", es: "Audiencia de fondo" },
  bond: { en: "Bond hearing", es: "Audiencia de fianza" },
  IJ: { en: "Immigration court hearing", es: "Audiencia en el tribunal de inmigración" },
  court: { en: "Court hearing", es: "Audiencia judicial" },
  other: { en: "Hearing", es: "Audiencia" },
};

function hearingClock(k: Clock) {
  const { c } = k;
  // A hearing recorded for a coming day (intake's "next hearing", a notice from the court) counts down to it.
  for (const h of c.scheduled) {
    const where = h.e.place ? ` (${h.e.place})` : "";
    push(
      k,
      [],
      localDay(h.ms, h.e.tz),
      h.e.tz,
      HEARING_LABEL[str(h, "kind") ?? "IJ"] ?? HEARING_LABEL.other!,
      {
        en: `Scheduled for ${stampAt(h.ms, h.e.tz, h.e.precision)}${where}; missing it can lead to an order in absentia.`,
        es: `Fijada para el ${stampAt(h.ms, h.e.tz, h.e.precision)}${where}; no asistir puede llevar a una orden en ausencia.`,
      },
      [h.e.id],
    );
  }
  for (const nta of of(c, "NTA_SERVED")) {
    const at = str(nta, "hearing_datetime");
    if (!at) continue;
    const ms = instantMs(at);
    if (Number.isNaN(ms) || ms < c.asOfMs || firstAfter(c, "HEARING", nta.ms)) continue;
    // The same hearing already recorded as scheduled speaks for itself.
    if (c.scheduled.some((h) => localDay(h.ms, h.e.tz) === localDay(ms, nta.e.tz))) continue;
    push(
      k,
      [AUTH.ntaContents],
      localDay(ms, nta.e.tz),
      nta.e.tz,
      { en: "Immigration court hearing", es: "Audiencia en el tribunal de inmigración" },
      {
        en: `Scheduled for ${stampAt(ms, nta.e.tz, "minute")} on the Notice to Appear; missing it can lead to an order in absentia.`,
        es: `Fijada para el ${stampAt(ms, nta.e.tz, "minute")} en la notificación de comparecencia; no asistir puede llevar a una orden en ausencia.`,
      },
      [nta.e.id],
    );
  }
}

function orderClocks(k: Clock) {
  const { c } = k;
  for (const x of c.orders) {
    if (!x.o.deadline_at) continue;
    const dl = instantMs(x.o.deadline_at);
    const kind = x.o.kind;
    if ((kind === "facilitate_return" || kind === "habeas_grant") && closerFor(kind, c.events, x.ms))
      continue;
    push(
      k,
      [],
      localDay(dl, x.o.tz),
      x.o.tz,
      {
        en: `Court-ordered deadline (${orderName(x.o).en})`,
        es: `Plazo fijado por el tribunal (${orderName(x.o).es})`,
      },
      {
        en: `Set by the order of ${stampAt(x.ms, x.o.tz, x.o.precision ?? "minute")}, due ${stampAt(dl, x.o.tz, "minute")}.${x.o.requires ? ` Requires: ${x.o.requires}` : ""}`,
        es: `Fijado por la orden del ${stampAt(x.ms, x.o.tz, x.o.precision ?? "minute")}, vence el ${stampAt(dl, x.o.tz, "minute")}.${x.o.requires ? ` Exige: ${x.o.requires}` : ""}`,
      },
      [],
      x.o.id,
    );
  }
}

export const R30: Rule = {
  id: "R30",
  version: 2,
  name: "DEADLINE_TRACKERS",
  severity: "deadline",
  confidence: "high",
  title: { en: "Deadline", es: "Plazo" },
  basis: [
    AUTH.biaAppeal,
    AUTH.reconsider,
    AUTH.reopen,
    AUTH.reasonableFear,
    AUTH.ijReviewCf,
    AUTH.ijReviewRf,
    AUTH.custody48,
    AUTH.zadvydas,
  ],
  check(c, out) {
    const k: Clock = { c, out };
    removalOrderClocks(k);
    fearClocks(k);
    custodyClocks(k);
    hearingClock(k);
    orderClocks(k);
  },
};
