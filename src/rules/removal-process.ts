// R04, R05, R07, R08, R12, R13, R28, R29: the ordinary process owed before someone is removed.
import { instantMs } from "../domain/time.ts";
import { AUTH } from "./authorities.ts";
import { HOUR_MS, localDay, rollForward } from "./calendar.ts";
import type { CaseIndex, Ev } from "./timeline.ts";
import {
  bool,
  country,
  destination,
  firstAbroadAfter,
  firstAfter,
  firstBetween,
  isGuantanamo,
  lastBefore,
  missing,
  of,
  slackOf,
  stamp,
  str,
} from "./timeline.ts";
import type { Msg, Rule } from "./types.ts";

const IJ_HEARINGS: ReadonlySet<string> = new Set(["master", "merits", "IJ"]);
/** Statutory routes to removal without an INA §240 hearing (plus the AEA, outside the INA). */
const SUMMARY_ORDERS: ReadonlySet<string> = new Set([
  "expedited_235b1",
  "reinstatement_241a5",
  "admin_238b",
  "stipulated",
  "AEA",
]);

function hadIjProcess(c: CaseIndex, before: number): boolean {
  for (const h of of(c, "HEARING")) {
    if (h.ms >= before) break;
    if (IJ_HEARINGS.has(str(h, "kind") ?? "IJ")) return true;
  }
  for (const o of of(c, "REMOVAL_ORDER")) {
    if (o.ms >= before) break;
    if (str(o, "type") === "IJ_240") return true;
  }
  return false;
}

function summaryRoute(c: CaseIndex, removal: Ev): Ev | undefined {
  for (const o of of(c, "REMOVAL_ORDER")) {
    if (o.ms >= removal.ms) break;
    if (SUMMARY_ORDERS.has(str(o, "type") ?? "")) return o;
  }
  const a = str(removal, "authority");
  return a === "AEA" || a === "expedited" ? removal : undefined;
}

export const R04: Rule = {
  id: "R04",
  version: 1,
  name: "NO_240_PROCEEDING",
  severity: "possible_issue",
  confidence: "high",
  title: {
    en: "No immigration-court proceeding or recognized summary procedure before removal",
    es: "Deportación sin proceso ante juez de inmigración ni procedimiento sumario reconocido",
  },
  basis: [AUTH.ina240Exclusive, AUTH.expedited, AUTH.reinstatement, AUTH.adminRemoval],
  check(c, out) {
    for (const removal of of(c, "REMOVAL")) {
      const when = stamp(removal);
      const order = lastBefore(c, "REMOVAL_ORDER", removal.ms);
      if (order && str(order, "type") === "none") {
        out.push({
          severity: "violation",
          events: [removal.e.id, order.e.id],
          text: {
            en: `The record states that no removal order existed, yet the person was removed on ${when}. Unless a statute provides otherwise, an immigration-judge proceeding is the only way to decide removability.`,
            es: `El expediente indica que no existía orden de deportación y aun así la persona fue expulsada el ${when}. Salvo que una ley disponga otra cosa, solo un proceso ante juez de inmigración puede decidir la deportación.`,
          },
        });
        continue;
      }
      if (hadIjProcess(c, removal.ms)) continue;
      const route = summaryRoute(c, removal);
      if (route && c.citizen === "none") continue;
      if (route) {
        // Summary procedures are defined for noncitizens; for a recorded citizen they cannot stand in for a hearing.
        out.push({
          events: [removal.e.id, route.e.id],
          text: {
            en: `The person was removed on ${when} through a summary procedure without an immigration-judge hearing. Those procedures apply only to noncitizens, and ${c.citizen === "confirmed" ? "the record shows the person is a U.S. citizen" : "the record shows a citizenship claim"}.`,
            es: `La persona fue expulsada el ${when} mediante un procedimiento sumario, sin audiencia ante juez de inmigración. Esos procedimientos solo se aplican a no ciudadanos, y ${c.citizen === "confirmed" ? "el expediente indica que la persona es ciudadana estadounidense" : "el expediente muestra un reclamo de ciudadanía"}.`,
          },
        });
        continue;
      }
      out.push({
        events: [removal.e.id],
        missing: [
          missing(
            `no HEARING before an immigration judge before REMOVAL on ${when}`,
            `ninguna HEARING ante juez de inmigración antes de REMOVAL del ${when}`,
          ),
          missing(
            `no REMOVAL_ORDER (INA §240 or a summary route such as expedited removal, reinstatement, §238(b), stipulated order or AEA) before REMOVAL on ${when}`,
            `ninguna REMOVAL_ORDER (INA §240 o vía sumaria: deportación acelerada, restablecimiento, §238(b), orden estipulada o AEA) antes de REMOVAL del ${when}`,
          ),
        ],
        text: {
          en: `The person was removed on ${when}, but the record shows neither an immigration-judge proceeding nor a recognized summary procedure (or voluntary departure). The record may be incomplete; if no such process happened, removal lacked its legal basis.`,
          es: `La persona fue expulsada el ${when}, pero el expediente no muestra ni un proceso ante juez de inmigración ni un procedimiento sumario reconocido (o salida voluntaria). Puede que falten datos; si no hubo tal proceso, la deportación carecía de base legal.`,
        },
      });
    }
  },
};

export const R05: Rule = {
  id: "R05",
  version: 1,
  name: "NTA_DEFECT_OR_TOO_SOON",
  severity: "violation",
  confidence: "high",
  title: {
    en: "Notice to Appear incomplete, or first hearing less than 10 days after it",
    es: "Notificación de comparecencia incompleta, o primera audiencia a menos de 10 días",
  },
  basis: [AUTH.ntaContents, AUTH.ntaTenDays, AUTH.pereira, AUTH.nizChavez],
  check(c, out) {
    for (const nta of of(c, "NTA_SERVED")) {
      const when = stamp(nta);
      const hearingAt = str(nta, "hearing_datetime");
      const place = str(nta, "hearing_place");
      if (!hearingAt || !place) {
        const gaps: Msg[] = [];
        if (!hearingAt)
          gaps.push(
            missing(
              `no hearing date and time on NTA_SERVED of ${when}`,
              `sin fecha ni hora de audiencia en NTA_SERVED del ${when}`,
            ),
          );
        if (!place)
          gaps.push(
            missing(
              `no hearing place on NTA_SERVED of ${when}`,
              `sin lugar de audiencia en NTA_SERVED del ${when}`,
            ),
          );
        out.push({
          severity: "possible_issue",
          confidence: "medium",
          events: [nta.e.id],
          missing: gaps,
          text: {
            en: `The Notice to Appear served on ${when} is recorded without the ${!hearingAt && !place ? "time and place" : !hearingAt ? "time" : "place"} of the hearing. A notice without them is defective, which can matter for the stop-time rule and for reopening. Check the document itself.`,
            es: `La notificación de comparecencia entregada el ${when} figura sin ${!hearingAt && !place ? "la hora ni el lugar" : !hearingAt ? "la hora" : "el lugar"} de la audiencia. Una notificación así es defectuosa, lo que puede influir en la regla de interrupción del tiempo y en la reapertura. Revise el documento.`,
          },
        });
      }
      if (bool(nta, "waiver_signed") === true) continue;
      // The scheduled date on the NTA counts when present; otherwise the first hearing actually held.
      const held = firstAfter(c, "HEARING", nta.ms - 1);
      const heldIsCourt = held && str(held, "kind") !== "bond";
      const hearingMs = hearingAt ? instantMs(hearingAt) : heldIsCourt ? held.ms : Number.NaN;
      if (Number.isNaN(hearingMs)) continue;
      const tz = nta.e.tz;
      const days = localDay(hearingMs, tz) - localDay(nta.ms, tz);
      if (days >= 10) continue;
      const gaps: Msg[] =
        bool(nta, "waiver_signed") === false
          ? []
          : [
              missing(
                "no record of a written request for an earlier hearing",
                "sin constancia de una solicitud escrita de audiencia anticipada",
              ),
            ];
      out.push({
        events: hearingAt ? [nta.e.id] : [nta.e.id, held!.e.id],
        missing: gaps,
        text: {
          en: `The first hearing ${hearingAt ? "was scheduled" : "was held"} ${days} day${days === 1 ? "" : "s"} after the Notice to Appear was served on ${when}. The law requires at least 10 days unless the person asked in writing for an earlier date.`,
          es: `La primera audiencia ${hearingAt ? "se fijó" : "se celebró"} ${days} día${days === 1 ? "" : "s"} después de la notificación de comparecencia del ${when}. La ley exige al menos 10 días salvo que la persona pida por escrito una fecha anterior.`,
        },
      });
    }
  },
};

export const R07: Rule = {
  id: "R07",
  version: 1,
  name: "COUNSEL_DENIED",
  severity: "possible_issue",
  confidence: "medium",
  title: {
    en: "Proceedings or removal went ahead without meaningful access to counsel",
    es: "El proceso o la deportación siguió sin acceso real a un abogado",
  },
  basis: [AUTH.counsel1229a, AUTH.counsel1362, AUTH.fifthAmDp, AUTH.orozco],
  check(c, out) {
    const req = of(c, "COUNSEL_REQUESTED")[0];
    const ret = of(c, "COUNSEL_RETAINED")[0];
    const first = req && ret ? (req.ms <= ret.ms ? req : ret) : (req ?? ret);
    if (!first) return;
    const asked =
      first.e.type === "COUNSEL_REQUESTED" ? { en: "asked for", es: "pidió" } : { en: "had", es: "tenía" };
    const note = {
      en: "There is no right to a government-paid lawyer in immigration court, but there is a right to one's own lawyer and a fair chance to consult them.",
      es: "No existe derecho a un abogado pagado por el gobierno en el tribunal de inmigración, pero sí a un abogado propio y a una oportunidad justa de consultarlo.",
    };
    for (const h of of(c, "HEARING")) {
      if (h.ms <= first.ms || bool(h, "counsel_present") !== false) continue;
      out.push({
        events: [h.e.id, first.e.id],
        text: {
          en: `The person ${asked.en} a lawyer (${stamp(first)}), but the hearing on ${stamp(h)} went ahead without counsel present. ${note.en}`,
          es: `La persona ${asked.es} abogado (${stamp(first)}), pero la audiencia del ${stamp(h)} se celebró sin abogado presente. ${note.es}`,
        },
      });
      break;
    }
    const abroad = firstAbroadAfter(c, first.ms);
    const end = abroad?.ms ?? c.asOfMs;
    const consulted = counselContactBetween(c, first.ms, end);
    if (abroad && !consulted) {
      out.push({
        events: [abroad.e.id, first.e.id],
        missing: [
          missing(
            `no CONTACT with counsel and no HEARING with counsel present between ${first.e.type} on ${stamp(first)} and ${abroad.e.type} on ${stamp(abroad)}`,
            `ningún CONTACT con abogado ni HEARING con abogado presente entre ${first.e.type} del ${stamp(first)} y ${abroad.e.type} del ${stamp(abroad)}`,
          ),
        ],
        text: {
          en: `The person ${asked.en} a lawyer (${stamp(first)}), but was sent away on ${stamp(abroad)} with no recorded contact with that lawyer. ${note.en}`,
          es: `La persona ${asked.es} abogado (${stamp(first)}), pero fue enviada fuera el ${stamp(abroad)} sin contacto registrado con ese abogado. ${note.es}`,
        },
      });
      return;
    }
    // Offshore custody (a foreign prison, Guantánamo) where counsel cannot reach the person.
    for (const x of c.events) {
      if (x.ms <= first.ms) continue;
      if (x.e.type !== "FOREIGN_CUSTODY" && !(x.e.type === "TRANSFER" && isGuantanamo(x))) continue;
      const left = firstAfter(c, "RELEASE", x.ms) ?? firstAfter(c, "RETURN", x.ms);
      if (counselContactBetween(c, x.ms, left?.ms ?? c.asOfMs)) continue;
      out.push({
        events: [x.e.id, first.e.id],
        missing: [
          missing(
            `no CONTACT with counsel after ${x.e.type} on ${stamp(x)}`,
            `ningún CONTACT con abogado después de ${x.e.type} del ${stamp(x)}`,
          ),
        ],
        text: {
          en: `Since ${stamp(x)} the person has been held where their lawyer has no recorded access. ${note.en}`,
          es: `Desde el ${stamp(x)} la persona está recluida donde su abogado no tiene acceso registrado. ${note.es}`,
        },
      });
      return;
    }
  },
};

function counselContactBetween(c: CaseIndex, from: number, to: number): boolean {
  for (const x of of(c, "CONTACT")) {
    if (x.ms > to) break;
    if (x.ms >= from && str(x, "with") === "counsel") return true;
  }
  for (const h of of(c, "HEARING")) {
    if (h.ms > to) break;
    if (h.ms >= from && bool(h, "counsel_present") === true) return true;
  }
  return false;
}

const H48 = 48 * HOUR_MS;

export const R08: Rule = {
  id: "R08",
  version: 1,
  name: "NO_48H_CUSTODY_DETERMINATION",
  severity: "possible_issue",
  confidence: "medium",
  title: {
    en: "No custody and charging decision within 48 hours of a warrantless arrest",
    es: "Sin decisión de custodia y cargos dentro de las 48 horas de un arresto sin orden",
  },
  basis: [AUTH.custody48],
  check(c, out) {
    for (const arrest of of(c, "ARREST")) {
      if (str(arrest, "warrant") !== "none" || bool(arrest, "criminal") === true) continue;
      // A day-precise arrest could have happened late that day: give it the benefit of the doubt.
      const slack = arrest.e.precision === "minute" ? 0 : slackOf(arrest);
      const limit = arrest.ms + H48 + slack;
      const decided = firstAfter(c, "CUSTODY_DETERMINATION", arrest.ms - 1);
      const ended = firstAfter(c, "RELEASE", arrest.ms - 1);
      if (decided && decided.ms <= limit) continue;
      if (ended && ended.ms <= limit && (!decided || ended.ms < decided.ms)) continue;
      const confidence = slack ? "low" : "medium";
      if (!decided) {
        if (c.asOfMs <= limit) continue;
        out.push({
          confidence,
          events: [arrest.e.id],
          missing: [
            missing(
              `no CUSTODY_DETERMINATION within 48 hours of ARREST on ${stamp(arrest)}`,
              `ninguna CUSTODY_DETERMINATION dentro de 48 horas del ARREST del ${stamp(arrest)}`,
            ),
          ],
          text: {
            en: `After the warrantless arrest on ${stamp(arrest)}, no decision on custody (detention, bond or release) and on whether to issue charges is recorded. The rule asks for one within 48 hours, longer only in an emergency or extraordinary circumstance.`,
            es: `Tras el arresto sin orden del ${stamp(arrest)}, no consta una decisión sobre la custodia (detención, fianza o libertad) ni sobre si presentar cargos. La norma la exige en 48 horas, salvo emergencia o circunstancia extraordinaria.`,
          },
        });
        continue;
      }
      const hours = Math.round((decided.ms - arrest.ms) / HOUR_MS);
      out.push({
        confidence,
        events: [arrest.e.id, decided.e.id],
        text: {
          en: `The custody decision came about ${hours} hours after the warrantless arrest on ${stamp(arrest)}, past the 48-hour limit. Check whether an emergency or extraordinary circumstance was claimed.`,
          es: `La decisión de custodia llegó unas ${hours} horas después del arresto sin orden del ${stamp(arrest)}, pasado el límite de 48 horas. Verifique si se alegó una emergencia o circunstancia extraordinaria.`,
        },
      });
    }
  },
};

const FEAR_SCREENED_ROUTES: ReadonlySet<string> = new Set([
  "expedited_235b1",
  "reinstatement_241a5",
  "admin_238b",
]);

export const R12: Rule = {
  id: "R12",
  version: 1,
  name: "FEAR_NOT_SCREENED",
  severity: "possible_issue",
  confidence: "medium",
  title: {
    en: "Fear of return expressed, but no fear screening before removal",
    es: "Expresó miedo a regresar, pero no hubo entrevista de miedo antes de la deportación",
  },
  basis: [AUTH.credibleFear, AUTH.reasonableFear, AUTH.ijReviewCf, AUTH.lmm],
  check(c, out) {
    for (const fear of of(c, "FEAR_EXPRESSED")) {
      const removal = firstAfter(c, "REMOVAL", fear.ms);
      if (!removal) continue;
      const order = lastBefore(c, "REMOVAL_ORDER", removal.ms);
      const type = order ? str(order, "type") : undefined;
      const summary =
        (type !== undefined && FEAR_SCREENED_ROUTES.has(type)) || str(removal, "authority") === "expedited";
      // Fear raised in §240 proceedings goes to the judge as an asylum claim; AEA cases are R14–R16.
      if (!summary && order) continue;
      const screen = lastBefore(c, "CFI", removal.ms) ?? lastBefore(c, "RFI", removal.ms);
      const when = stamp(removal);
      if (!screen) {
        out.push({
          confidence: summary ? "medium" : "low",
          events: [removal.e.id, fear.e.id, ...(order ? [order.e.id] : [])],
          missing: [
            missing(
              `no CFI or RFI between FEAR_EXPRESSED on ${stamp(fear)} and REMOVAL on ${when}`,
              `ninguna CFI ni RFI entre FEAR_EXPRESSED del ${stamp(fear)} y REMOVAL del ${when}`,
            ),
          ],
          text: {
            en: `The person said they feared return (${stamp(fear)}) but was removed on ${when} with no credible- or reasonable-fear interview on record.${summary ? "" : " The record does not show which procedure was used."}`,
            es: `La persona dijo tener miedo de regresar (${stamp(fear)}) pero fue expulsada el ${when} sin entrevista de miedo creíble o razonable registrada.${summary ? "" : " El expediente no indica qué procedimiento se usó."}`,
          },
        });
        return;
      }
      if (str(screen, "outcome") === "negative" && !firstBetween(c, "HEARING", screen.ms, removal.ms)) {
        out.push({
          confidence: "low",
          events: [removal.e.id, screen.e.id, fear.e.id],
          missing: [
            missing(
              `no HEARING (judge review) between the negative ${screen.e.type} on ${stamp(screen)} and REMOVAL on ${when}`,
              `ninguna HEARING (revisión judicial) entre la ${screen.e.type} negativa del ${stamp(screen)} y REMOVAL del ${when}`,
            ),
          ],
          text: {
            en: `After a negative fear interview (${stamp(screen)}) the person was removed on ${when} with no immigration-judge review on record. Review is available on request; check whether it was requested.`,
            es: `Tras una entrevista de miedo negativa (${stamp(screen)}) la persona fue expulsada el ${when} sin revisión de un juez de inmigración registrada. La revisión procede si se pide; verifique si se pidió.`,
          },
        });
        return;
      }
    }
  },
};

export const R13: Rule = {
  id: "R13",
  version: 1,
  name: "THIRD_COUNTRY_NO_NOTICE",
  severity: "possible_issue",
  confidence: "low",
  title: {
    en: "Removed to a third country without notice or a chance to raise a fear claim",
    es: "Enviado a un tercer país sin aviso ni oportunidad de alegar miedo",
  },
  basis: [AUTH.destinations, AUTH.farra, AUTH.cat, AUTH.dvdPi, AUTH.dvdStay],
  contested: {
    note: {
      en: "The D.V.D. injunction requiring written notice and a chance to seek protection was stayed by the Supreme Court on 23 Jun 2025 (clarified 3 Jul 2025). The duty not to send anyone to torture still stands; the notice procedure is in litigation.",
      es: "La medida cautelar de D.V.D., que exigía aviso escrito y oportunidad de pedir protección, fue suspendida por la Corte Suprema el 23 de junio de 2025 (aclarado el 3 de julio de 2025). La prohibición de enviar a alguien a la tortura sigue vigente; el procedimiento de aviso está en litigio.",
    },
    as_of: "2025-07-03",
  },
  check(c, out) {
    for (const removal of of(c, "REMOVAL")) {
      const dest = destination(removal);
      if (!dest) continue;
      const named = orderedCountry(c, removal.ms);
      if (!named || named.country === dest) continue;
      let noticed = false;
      for (const n of of(c, "NOTICE_GIVEN")) {
        if (n.ms >= removal.ms) break;
        if (str(n, "kind") === "third_country") noticed = true;
      }
      if (noticed) continue;
      const when = stamp(removal);
      const a = country(named.country);
      const b = country(dest);
      const why = named.order
        ? { en: `The removal order named ${a.en}`, es: `La orden de deportación señalaba ${a.es}` }
        : {
            en: `The grant of protection (withholding or CAT) came with an order of removal to ${a.en}, the only country it names`,
            es: `La concesión de protección (suspensión o CAT) iba acompañada de una orden de deportación a ${a.es}, el único país que nombra`,
          };
      out.push({
        events: named.event ? [removal.e.id, named.event.e.id] : [removal.e.id],
        missing: [
          missing(
            `no NOTICE_GIVEN (third country) before REMOVAL to ${dest} on ${when}`,
            `ningún NOTICE_GIVEN (tercer país) antes de REMOVAL a ${dest} del ${when}`,
          ),
        ],
        text: {
          en: `${why.en}, but the person was sent to ${b.en} on ${when}, with no recorded written notice or chance to say they feared persecution or torture there.`,
          es: `${why.es}, pero la persona fue enviada a ${b.es} el ${when}, sin aviso escrito registrado ni oportunidad de decir que temía persecución o tortura allí.`,
        },
      });
    }
  },
};

const COUNTRY_BOUND_PROTECTION: ReadonlySet<string> = new Set([
  "withholding_241b3",
  "CAT_withholding",
  "CAT_deferral",
]);

/**
 * The country removal was ordered to before `ms`: a removal order that names one, or else a grant of
 * withholding or CAT protection, which is made together with an order of removal to the country it names
 * (as an event, or on the person's record).
 */
function orderedCountry(
  c: CaseIndex,
  ms: number,
): { country: string; order: boolean; event?: Ev } | undefined {
  let named: Ev | undefined;
  for (const o of of(c, "REMOVAL_ORDER")) {
    if (o.ms >= ms) break;
    if (str(o, "country")) named = o;
  }
  if (named) return { country: str(named, "country")!, order: true, event: named };
  let grant: Ev | undefined;
  for (const g of of(c, "PROTECTION_GRANTED")) {
    if (g.ms >= ms) break;
    if (COUNTRY_BOUND_PROTECTION.has(str(g, "kind") ?? "") && str(g, "country")) grant = g;
  }
  if (grant) return { country: str(grant, "country")!, order: false, event: grant };
  const onRecord = c.person.protections.find((p) => COUNTRY_BOUND_PROTECTION.has(p.kind));
  return onRecord ? { country: onRecord.country, order: false } : undefined;
}

export const R28: Rule = {
  id: "R28",
  version: 1,
  name: "REMOVED_BEFORE_ORDER_FINAL",
  severity: "possible_issue",
  confidence: "medium",
  title: {
    en: "Removed before the order was final or while an appeal was pending",
    es: "Deportado antes de que la orden fuera firme o con una apelación pendiente",
  },
  basis: [AUTH.biaAppeal, AUTH.finality],
  check(c, out) {
    for (const removal of of(c, "REMOVAL")) {
      const when = stamp(removal);
      const appeal = lastBefore(c, "APPEAL_FILED", removal.ms);
      if (appeal && bool(appeal, "pending") !== false) {
        out.push({
          events: [removal.e.id, appeal.e.id],
          text: {
            en: `The person was removed on ${when} while an appeal filed on ${stamp(appeal)} is recorded as pending.`,
            es: `La persona fue expulsada el ${when} mientras una apelación presentada el ${stamp(appeal)} figura como pendiente.`,
          },
        });
        continue;
      }
      const order = lastBefore(c, "REMOVAL_ORDER", removal.ms);
      if (!order || str(order, "type") !== "IJ_240" || bool(order, "final") === true) continue;
      if (bool(order, "appeal_waived") === true) continue;
      const tz = order.e.tz;
      const due = rollForward(localDay(order.ms, tz) + 30);
      if (localDay(removal.ms, tz) > due) continue;
      out.push({
        events: [removal.e.id, order.e.id],
        missing:
          bool(order, "appeal_waived") === false
            ? []
            : [
                missing(
                  "no record that the right to appeal was waived",
                  "sin constancia de renuncia a la apelación",
                ),
              ],
        text: {
          en: `The person was removed on ${when}, inside the 30-day window to appeal the judge's order of ${stamp(order)}, with no recorded waiver of appeal. An order is not final while that window is open.`,
          es: `La persona fue expulsada el ${when}, dentro del plazo de 30 días para apelar la orden del juez del ${stamp(order)}, sin renuncia a la apelación registrada. La orden no es firme mientras ese plazo sigue abierto.`,
        },
      });
    }
  },
};

export const R29: Rule = {
  id: "R29",
  version: 1,
  name: "REMOVED_WITH_PENDING_ASYLUM",
  severity: "possible_issue",
  confidence: "medium",
  title: {
    en: "Removed while an asylum application was pending",
    es: "Deportado con una solicitud de asilo pendiente",
  },
  basis: [AUTH.ina240Exclusive, AUTH.hrwCecot],
  check(c, out) {
    for (const removal of of(c, "REMOVAL")) {
      const asylum = lastBefore(c, "ASYLUM_APPLIED", removal.ms);
      if (!asylum || bool(asylum, "pending") === false) continue;
      const aea = str(removal, "authority") === "AEA";
      out.push({
        events: [removal.e.id, asylum.e.id],
        text: {
          en: `The person was removed on ${stamp(removal)} while the asylum application filed on ${stamp(asylum)} is recorded as pending.${aea ? " The government relied on the Alien Enemies Act, which it says bypasses those proceedings; that is disputed." : ""}`,
          es: `La persona fue expulsada el ${stamp(removal)} mientras la solicitud de asilo presentada el ${stamp(asylum)} figura como pendiente.${aea ? " El gobierno invocó la Ley de Enemigos Extranjeros, que según él evita esos procesos; eso está en disputa." : ""}`,
        },
      });
      return;
    }
  },
};
