// R19–R22, R26, R32: what happens while someone is held — contact, consulate, counsel on transfer, length and place.
import { AUTH } from "./authorities.ts";
import { addMonths, DAY_MS, localDay } from "./calendar.ts";
import type { CaseIndex, Ev } from "./timeline.ts";
import {
  bool,
  countries,
  eventName,
  firstAfter,
  isGuantanamo,
  missing,
  of,
  sendsAbroad,
  stamp,
  str,
} from "./timeline.ts";
import type { Hit, Msg, Rule } from "./types.ts";

/** Days without contact after a move before R19 speaks (the research suggests 3). */
export const INCOMMUNICADO_DAYS = 3;

export const R19: Rule = {
  id: "R19",
  version: 1,
  name: "INCOMMUNICADO",
  severity: "possible_issue",
  confidence: "medium",
  title: {
    en: "No contact with family or counsel after a transfer or removal",
    es: "Sin contacto con familia ni abogado tras un traslado o deportación",
  },
  basis: [AUTH.hrwCecot, AUTH.vccr36, AUTH.fifthAmDp],
  check(c, out) {
    let start: Ev | undefined;
    let abroad = false;
    let hidden: Ev | undefined;
    let located = false;
    const close = (endMs: number, end: Ev | undefined) => {
      if (!start) return;
      const days = Math.floor((endMs - start.ms) / DAY_MS);
      if (days > INCOMMUNICADO_DAYS) out.push(incommunicado(start, end, days, abroad, hidden, located));
      start = undefined;
      abroad = false;
      hidden = undefined;
      located = false;
    };
    for (const x of c.events) {
      const t = x.e.type;
      if (t === "TRANSFER" || sendsAbroad(x)) {
        if (!start) start = x;
        if (sendsAbroad(x)) abroad = true;
        if (sendsAbroad(x) && (x.e.facility || str(x, "custodian"))) located = true;
        if (t === "FOREIGN_CUSTODY" && !str(x, "custodian") && !x.e.facility) hidden = x;
      } else if (t === "CONTACT") {
        const w = str(x, "with");
        if (w === "family" || w === "counsel") close(x.ms, x);
      } else if (t === "RETURN" || t === "RELEASE") {
        close(x.ms, x);
      }
    }
    close(c.asOfMs, undefined);
  },
};

function incommunicado(
  start: Ev,
  end: Ev | undefined,
  days: number,
  abroad: boolean,
  hidden: Ev | undefined,
  located: boolean,
): Hit {
  const gaps: Msg[] = [
    missing(
      `no CONTACT with family or counsel for ${days} days after ${start.e.type} on ${stamp(start)}`,
      `ningún CONTACT con familia o abogado durante ${days} días después de ${start.e.type} del ${stamp(start)}`,
    ),
  ];
  if (hidden)
    gaps.push(
      missing(
        `no custodian or facility recorded for FOREIGN_CUSTODY on ${stamp(hidden)}`,
        `sin custodio ni centro registrado para FOREIGN_CUSTODY del ${stamp(hidden)}`,
      ),
    );
  const what = eventName(start.e.type);
  const until = end
    ? { en: `until ${stamp(end)}`, es: `hasta el ${stamp(end)}` }
    : { en: "so far", es: "hasta ahora" };
  return {
    confidence: abroad ? "medium" : "low",
    days_elapsed: days,
    events: end ? [start.e.id, end.e.id] : [start.e.id],
    missing: gaps,
    text: {
      en: `After the ${what.en} on ${stamp(start)}, no contact with family or a lawyer is recorded for ${days} days (${until.en}).${abroad ? (located ? " The place abroad is on record, but being held abroad with no contact is what human-rights groups call a possible enforced disappearance." : " Being held abroad without contact or a disclosed location is what human-rights groups call a possible enforced disappearance.") : ""}`,
      es: `Tras ${what.es} del ${stamp(start)}, no consta contacto con familia ni abogado durante ${days} días (${until.es}).${abroad ? (located ? " El lugar en el extranjero consta en el expediente, pero estar detenido en el extranjero sin contacto es lo que las organizaciones de derechos humanos llaman posible desaparición forzada." : " Estar detenido en el extranjero sin contacto ni ubicación conocida es lo que las organizaciones de derechos humanos llaman posible desaparición forzada.") : ""}`,
    },
  };
}

/** Countries whose nationals' consulates must be notified whatever the detainee wants (State Dept. list; re-check the current manual). */
export const MANDATORY_NOTIFICATION: ReadonlySet<string> = new Set([
  "AG",
  "AM",
  "AZ",
  "BB",
  "BG",
  "BN",
  "BS",
  "BY",
  "BZ",
  "CN",
  "CR",
  "CY",
  "CZ",
  "DM",
  "DZ",
  "FJ",
  "GB",
  "GD",
  "GE",
  "GH",
  "GM",
  "GY",
  "HK",
  "HU",
  "JM",
  "KG",
  "KI",
  "KN",
  "KW",
  "KZ",
  "LC",
  "MD",
  "MN",
  "MO",
  "MT",
  "MU",
  "MY",
  "NG",
  "PH",
  "PL",
  "RO",
  "RU",
  "SC",
  "SG",
  "SK",
  "SL",
  "TJ",
  "TM",
  "TO",
  "TT",
  "TV",
  "TZ",
  "UA",
  "UZ",
  "VC",
  "ZM",
  "ZW",
]);

/** "Without delay" has no fixed hour count; the engine flags after 72 hours, the outer limit the State Dept. uses. */
const CONSULAR_LIMIT_MS = 72 * 3_600_000;

export const R20: Rule = {
  id: "R20",
  version: 1,
  name: "NO_CONSULAR_ADVISAL",
  severity: "possible_issue",
  confidence: "medium",
  title: {
    en: "No record of consular advisal or notification",
    es: "Sin constancia de aviso o notificación consular",
  },
  basis: [AUTH.vccr36, AUTH.cnaManual, AUTH.privilegeCommunication],
  check(c, out) {
    const nat = c.person.nationalities;
    if (c.citizen !== "none" || nat.length === 0 || nat.includes("US")) return;
    const held = of(c, "DETENTION_START")[0] ?? of(c, "ARREST")[0];
    if (!held) return;
    const mandatory = nat.filter((n) => MANDATORY_NOTIFICATION.has(n));
    let found: Ev | undefined;
    for (const x of c.events) {
      if (x.ms < held.ms) continue;
      if (x.e.type === "CONSULAR_ADVISAL" && (mandatory.length === 0 || bool(x, "notified") === true))
        found = x;
      else if (x.e.type === "CONTACT" && str(x, "with") === "consulate") found = x;
      if (found) break;
    }
    const limit = held.ms + CONSULAR_LIMIT_MS;
    if (found && found.ms <= limit) return;
    if (!found && c.asOfMs <= limit) return;
    const from = countries(mandatory);
    const duty: Msg =
      mandatory.length > 0
        ? {
            en: `For a national of ${from.en}, the consulate must be notified whatever the person wishes.`,
            es: `Tratándose de un nacional de ${from.es}, hay que notificar al consulado con independencia de lo que la persona quiera.`,
          }
        : {
            en: "Detained foreign nationals must be told without delay that they may have their consulate notified.",
            es: "A las personas extranjeras detenidas se les debe informar sin demora que pueden pedir que se avise a su consulado.",
          };
    out.push({
      events: found ? [held.e.id, found.e.id] : [held.e.id],
      missing: found
        ? []
        : [
            missing(
              `no ${mandatory.length > 0 ? "consular notification" : "CONSULAR_ADVISAL"} after ${held.e.type} on ${stamp(held)}`,
              `ninguna ${mandatory.length > 0 ? "notificación consular" : "CONSULAR_ADVISAL"} después de ${held.e.type} del ${stamp(held)}`,
            ),
          ],
      text: found
        ? {
            en: `Consular advisal came only on ${stamp(found)}, more than 72 hours after detention began (${stamp(held)}). ${duty.en}`,
            es: `El aviso consular llegó recién el ${stamp(found)}, más de 72 horas después del inicio de la detención (${stamp(held)}). ${duty.es}`,
          }
        : {
            en: `Detention began on ${stamp(held)} and no consular advisal or notification is recorded. ${duty.en}`,
            es: `La detención comenzó el ${stamp(held)} y no consta aviso ni notificación consular. ${duty.es}`,
          },
    });
  },
};

export const R21: Rule = {
  id: "R21",
  version: 1,
  name: "TRANSFER_ATTORNEY_NOT_NOTIFIED",
  severity: "possible_issue",
  confidence: "low",
  title: {
    en: "Attorney of record not notified of a transfer",
    es: "No se avisó del traslado al abogado registrado",
  },
  basis: [AUTH.transferStd],
  check(c, out) {
    let counsel: Ev | undefined;
    for (const r of of(c, "COUNSEL_RETAINED")) {
      if (bool(r, "g28") !== false) {
        counsel = r;
        break;
      }
    }
    if (!counsel) return;
    for (const t of of(c, "TRANSFER")) {
      if (t.ms <= counsel.ms) continue;
      const told = bool(t, "attorney_notified");
      if (told === true) continue;
      let noticed = false;
      for (const n of of(c, "NOTICE_GIVEN")) {
        if (n.ms > t.ms + DAY_MS) break;
        if (n.ms >= counsel.ms && str(n, "kind") === "transfer" && bool(n, "given_to_counsel") === true)
          noticed = true;
      }
      if (noticed) continue;
      out.push({
        events: [t.e.id, counsel.e.id],
        missing:
          told === false
            ? []
            : [
                missing(
                  `no record that counsel was told of TRANSFER on ${stamp(t)}`,
                  `sin constancia de que se avisara al abogado del TRANSFER del ${stamp(t)}`,
                ),
              ],
        text: {
          en: `A lawyer had filed a notice of appearance (${stamp(counsel)}), but ${told === false ? "was not told" : "there is no record they were told"} of the transfer on ${stamp(t)}. ICE's own standards call for notifying counsel of record, at the latest once the person is en route; the standards are policy rather than enforceable rights.`,
          es: `Un abogado había presentado su comparecencia (${stamp(counsel)}), pero ${told === false ? "no se le avisó" : "no consta que se le avisara"} del traslado del ${stamp(t)}. Las normas de ICE piden avisar al abogado registrado, a más tardar cuando la persona está en camino; son normas internas, no derechos exigibles.`,
        },
      });
    }
  },
};

const SUMMARY_FINAL: ReadonlySet<string> = new Set([
  "expedited_235b1",
  "reinstatement_241a5",
  "admin_238b",
  "stipulated",
  "AEA",
]);

/** When a removal order became final, if it did. */
export function finalAt(c: CaseIndex, order: Ev): number | undefined {
  const type = str(order, "type");
  if (type === "none") return undefined;
  if (bool(order, "final") === true || bool(order, "appeal_waived") === true) return order.ms;
  if (type && SUMMARY_FINAL.has(type)) return order.ms;
  if (firstAfter(c, "APPEAL_FILED", order.ms)) return undefined;
  return order.ms + 30 * DAY_MS;
}

/** Detention intervals: from an arrest or detention start until release or removal. */
function custodySpans(c: CaseIndex): { start: Ev; end?: Ev }[] {
  const spans: { start: Ev; end?: Ev }[] = [];
  let open: { start: Ev; end?: Ev } | undefined;
  for (const x of c.events) {
    const t = x.e.type;
    if ((t === "ARREST" || t === "DETENTION_START") && !open) {
      open = { start: x };
      spans.push(open);
    } else if ((t === "RELEASE" || t === "REMOVAL") && open) {
      open.end = x;
      open = undefined;
    }
  }
  return spans;
}

export const R22: Rule = {
  id: "R22",
  version: 1,
  name: "PROLONGED_POST_ORDER_DETENTION",
  severity: "possible_issue",
  confidence: "high",
  title: {
    en: "Detention after a final order beyond the removal period",
    es: "Detención tras una orden firme más allá del período de deportación",
  },
  basis: [AUTH.zadvydas, AUTH.removalPeriod],
  check(c, out) {
    const orders = of(c, "REMOVAL_ORDER");
    if (orders.length === 0) return;
    let order: Ev | undefined;
    let final = Number.POSITIVE_INFINITY;
    for (const o of orders) {
      const f = finalAt(c, o);
      if (f !== undefined && f < final) {
        final = f;
        order = o;
      }
    }
    if (!order || final > c.asOfMs) return;
    for (const s of custodySpans(c)) {
      const endMs = s.end?.ms ?? c.asOfMs;
      if (endMs <= final) continue;
      const from = Math.max(final, s.start.ms);
      const tz = order.e.tz;
      const fromDay = localDay(from, tz);
      const endDay = localDay(endMs, tz);
      const days = endDay - fromDay;
      if (days <= 90) continue;
      const ongoing = !s.end;
      const sixMonths = endDay > addMonths(fromDay, 6);
      const until = ongoing
        ? { en: "and continues", es: "y continúa" }
        : { en: `until ${stamp(s.end!)}`, es: `hasta el ${stamp(s.end!)}` };
      out.push({
        ...(sixMonths ? {} : { severity: "information" as const }),
        days_elapsed: days,
        events: s.end ? [order.e.id, s.start.e.id, s.end.e.id] : [order.e.id, s.start.e.id],
        text: sixMonths
          ? {
              en: `Detention after the removal order became final has lasted ${days} days (${until.en}), past the six months the Supreme Court treats as presumptively reasonable. If removal is not likely in the reasonably foreseeable future, the government must justify continued detention.`,
              es: `La detención desde que la orden de deportación quedó firme ha durado ${days} días (${until.es}), más de los seis meses que la Corte Suprema considera razonables en principio. Si la deportación no es probable en un futuro razonablemente previsible, el gobierno debe justificar la detención.`,
            }
          : {
              en: `Detention after the removal order became final has lasted ${days} days (${until.en}), past the 90-day removal period.`,
              es: `La detención desde que la orden de deportación quedó firme ha durado ${days} días (${until.es}), más del período de deportación de 90 días.`,
            },
      });
      return;
    }
  },
};

const CECOT_RE = /\bcecot\b|terrorism confinement|confinamiento del terrorismo/i;

export const R26: Rule = {
  id: "R26",
  version: 1,
  name: "PUNITIVE_CONDITIONS_FOREIGN_PRISON",
  severity: "possible_issue",
  confidence: "medium",
  title: {
    en: "Civil detainee held in a foreign prison at U.S. request",
    es: "Persona en detención civil recluida en una cárcel extranjera a pedido de EE. UU.",
  },
  basis: [AUTH.fifthAmDp, AUTH.bell, AUTH.unknownParties, AUTH.jggDec, AUTH.cat],
  check(c, out) {
    for (const x of of(c, "FOREIGN_CUSTODY")) {
      const asked = bool(x, "at_us_request");
      if (asked === false) continue;
      const place = `${str(x, "custodian") ?? ""} ${x.e.facility ?? ""} ${x.e.place ?? ""}`;
      const known = CECOT_RE.test(place);
      if (asked === undefined && !known) continue;
      out.push({
        ...(asked === undefined ? { confidence: "low" as const } : {}),
        events: [x.e.id],
        missing:
          asked === undefined
            ? [
                missing(
                  `no record whether FOREIGN_CUSTODY on ${stamp(x)} was at U.S. request or expense`,
                  `sin constancia de si FOREIGN_CUSTODY del ${stamp(x)} fue a pedido o costa de EE. UU.`,
                ),
              ]
            : [],
        text: {
          en: `From ${stamp(x)} the person was held in a foreign prison${asked ? " at U.S. request" : ""}. Civil immigration detainees may not be held in conditions that amount to punishment; in the CECOT case a court found the U.S. kept constructive custody of people it paid El Salvador to hold. The due-process route is stronger than the Eighth Amendment for people not convicted.`,
          es: `Desde el ${stamp(x)} la persona estuvo recluida en una cárcel extranjera${asked ? " a pedido de Estados Unidos" : ""}. Las personas en detención migratoria civil no pueden estar en condiciones que equivalgan a un castigo; en el caso del CECOT un tribunal concluyó que EE. UU. conservó la custodia de quienes pagó a El Salvador para recluir. Para quien no fue condenado, el debido proceso es una vía más sólida que la Octava Enmienda.`,
        },
      });
      return;
    }
  },
};

export const R32: Rule = {
  id: "R32",
  version: 1,
  name: "GUANTANAMO_CIVIL_DETENTION",
  severity: "possible_issue",
  confidence: "low",
  title: {
    en: "Civil immigration detention at Guantánamo",
    es: "Detención migratoria civil en Guantánamo",
  },
  basis: [AUTH.gtmoMemo, AUTH.gtmoSuit, AUTH.counsel1229a],
  contested: {
    note: {
      en: "Access to counsel at Guantánamo and the legality of holding immigration detainees offshore are being litigated.",
      es: "El acceso a abogados en Guantánamo y la legalidad de la detención migratoria fuera del territorio están en litigio.",
    },
    as_of: "2025-02-12",
  },
  check(c, out) {
    for (const t of of(c, "TRANSFER")) {
      if (!isGuantanamo(t)) continue;
      out.push({
        events: [t.e.id],
        text: {
          en: `The person was transferred to Naval Station Guantánamo Bay on ${stamp(t)} for civil immigration detention, where access to lawyers has been restricted.`,
          es: `La persona fue trasladada a la Base Naval de Guantánamo el ${stamp(t)} para detención migratoria civil, donde el acceso a abogados ha sido restringido.`,
        },
      });
      return;
    }
  },
};
