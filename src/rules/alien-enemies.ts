// R14–R16 and R31: Alien Enemies Act removals, the notice they require, and notices in a language the person reads.
import type { JudgedPerson } from "../domain/model.ts";
import { AUTH } from "./authorities.ts";
import { DAY_MS, dayNumber, HOUR_MS, localDay } from "./calendar.ts";
import type { CaseIndex, Ev } from "./timeline.ts";
import {
  bool,
  countries,
  languageName,
  lastBefore,
  missing,
  noticeLanguages,
  num,
  of,
  stamp,
  str,
  understandsAny,
} from "./timeline.ts";
import type { Confidence, Hit, Msg, Rule, Severity } from "./types.ts";

/** Removals carried out under the AEA: so labelled, or preceded by an AEA order. */
function aeaRemovals(c: CaseIndex): Ev[] {
  const list: Ev[] = [];
  for (const r of of(c, "REMOVAL")) {
    if (str(r, "authority") === "AEA") list.push(r);
    else {
      const o = lastBefore(c, "REMOVAL_ORDER", r.ms);
      if (o && str(o, "type") === "AEA") list.push(r);
    }
  }
  return list;
}

type Notice = { ev: Ev; hours: number; exact: boolean };

/** The notice that preceded a removal: an AEA notice if any, else a general removal notice. */
function noticeFor(c: CaseIndex, removal: Ev): Notice | undefined {
  let aea: Ev | undefined;
  let other: Ev | undefined;
  for (const n of of(c, "NOTICE_GIVEN")) {
    if (n.ms > removal.ms) break;
    const k = str(n, "kind");
    if (k === "AEA") aea = n;
    else if (k === "removal" || k === "other") other = n;
  }
  const ev = aea ?? other;
  if (!ev) return undefined;
  const given = num(ev, "hours_before_removal");
  if (given !== undefined) return { ev, hours: given, exact: true };
  return { ev, hours: (removal.ms - ev.ms) / HOUR_MS, exact: ev.e.precision === "minute" };
}

const WEEK_H = 7 * 24;
const THREE_WEEKS_H = 21 * 24;

function hoursText(n: Notice): Msg {
  const h = Math.round(n.hours);
  const about = n.exact ? { en: "", es: "" } : { en: "about ", es: "unas " };
  if (h < 72) return { en: `${about.en}${h} hours`, es: `${about.es}${h} horas` };
  const d = Math.round((n.hours / 24) * 10) / 10;
  return { en: `${about.en}${d} days`, es: `${n.exact ? "" : "unos "}${d} días` };
}

export const R14: Rule = {
  id: "R14",
  version: 1,
  name: "AEA_NOTICE_INSUFFICIENT",
  severity: "violation",
  confidence: "high",
  title: {
    en: "Alien Enemies Act removal without notice that allowed a real chance to seek habeas",
    es: "Expulsión bajo la Ley de Enemigos Extranjeros sin aviso que permitiera pedir habeas",
  },
  basis: [AUTH.jgg, AUTH.aarp, AUTH.aea],
  check(c, out) {
    for (const removal of aeaRemovals(c)) {
      const when = stamp(removal);
      const n = noticeFor(c, removal);
      if (!n) {
        out.push({
          events: [removal.e.id],
          missing: [
            missing(
              `no NOTICE_GIVEN before REMOVAL on ${when}`,
              `ningún NOTICE_GIVEN antes de REMOVAL del ${when}`,
            ),
          ],
          text: {
            en: `The person was removed under the Alien Enemies Act on ${when} with no notice on record. People designated under the Act must be told in time, and in a way that lets them actually file for habeas before removal.`,
            es: `La persona fue expulsada bajo la Ley de Enemigos Extranjeros el ${when} sin aviso registrado. Quienes son designados bajo esa ley deben ser avisados a tiempo y de modo que puedan pedir habeas antes de la expulsión.`,
          },
        });
        continue;
      }
      const h = hoursText(n);
      const parts: Msg[] = [];
      const gaps: Msg[] = [];
      let severity: Exclude<Severity, "deadline"> | undefined;
      let confidence: Confidence = "high";
      let contested: Hit["contested"];
      if (n.hours <= 24) {
        severity = "violation";
        parts.push({
          en: `Notice came ${h.en} before removal; the Supreme Court said roughly 24 hours is not enough.`,
          es: `El aviso llegó ${h.es} antes de la expulsión; la Corte Suprema dijo que unas 24 horas no bastan.`,
        });
      } else if (n.hours < WEEK_H) {
        severity = "possible_issue";
        confidence = "medium";
        parts.push({
          en: `Notice came ${h.en} before removal, which is likely too little time to find a lawyer and file.`,
          es: `El aviso llegó ${h.es} antes de la expulsión, probablemente muy poco tiempo para conseguir abogado y presentar un recurso.`,
        });
      } else if (n.hours < THREE_WEEKS_H) {
        severity = "possible_issue";
        confidence = "low";
        contested = {
          note: {
            en: "How much notice is enough is unsettled: a Fifth Circuit panel tentatively accepted about 7 days (W.M.M., 2 Sep 2025), but that ruling was vacated for rehearing en banc on 30 Sep 2025; a Pennsylvania district court required 21 days in English and Spanish.",
            es: "Cuánto aviso basta no está resuelto: un panel del Quinto Circuito aceptó provisionalmente unos 7 días (W.M.M., 2 sep 2025), pero ese fallo se anuló para nueva audiencia en pleno el 30 sep 2025; un tribunal de distrito de Pensilvania exigió 21 días en inglés y español.",
          },
          as_of: "2025-09-30",
        };
        parts.push({
          en: `Notice came ${h.en} before removal. Whether that is enough is still being litigated.`,
          es: `El aviso llegó ${h.es} antes de la expulsión. Si eso basta sigue en litigio.`,
        });
      }
      const contest = bool(n.ev, "says_how_to_contest");
      if (contest === false) {
        if (!severity) {
          severity = "possible_issue";
          confidence = "medium";
        }
        if (n.hours <= 24) severity = "violation";
        parts.push({
          en: "The notice did not explain how to contest removal.",
          es: "El aviso no explicaba cómo impugnar la expulsión.",
        });
      } else if (contest === undefined && severity) {
        gaps.push(
          missing(
            `no record that NOTICE_GIVEN of ${stamp(n.ev)} explained how to contest`,
            `sin constancia de que NOTICE_GIVEN del ${stamp(n.ev)} explicara cómo impugnar`,
          ),
        );
      }
      const langs = noticeLanguages(n.ev);
      if (understandsAny(c.person, langs) === false) {
        if (!severity) {
          severity = "possible_issue";
          confidence = "medium";
        }
        const names = langs.map(languageName);
        parts.push(
          names.length === 1
            ? {
                en: `It was in ${names[0]!.en}, which the record does not list among the person's languages.`,
                es: `Estaba en ${names[0]!.es}, idioma que el expediente no incluye entre los de la persona.`,
              }
            : {
                en: `It was in ${names.map((x) => x.en).join(", ")}, none of which the record lists among the person's languages.`,
                es: `Estaba en ${names.map((x) => x.es).join(", ")}, idiomas que el expediente no incluye entre los de la persona.`,
              },
        );
      }
      if (bool(n.ev, "given_to_counsel") === false && severity) {
        parts.push({
          en: "It was not given to the person's lawyer.",
          es: "No se entregó al abogado de la persona.",
        });
      }
      if (!severity) continue;
      out.push({
        severity,
        confidence,
        ...(contested ? { contested } : {}),
        events: [removal.e.id, n.ev.e.id],
        missing: gaps,
        text: {
          en: `Removed under the Alien Enemies Act on ${when}. ${parts.map((p) => p.en).join(" ")} Detainees must have enough time and information to contact a lawyer, file a petition and seek relief.`,
          es: `Expulsada bajo la Ley de Enemigos Extranjeros el ${when}. ${parts.map((p) => p.es).join(" ")} Las personas detenidas deben tener tiempo e información suficientes para contactar a un abogado, presentar una petición y buscar amparo.`,
        },
      });
    }
  },
};

export const R15: Rule = {
  id: "R15",
  version: 1,
  name: "AEA_HABEAS_FORECLOSED",
  severity: "violation",
  confidence: "high",
  title: {
    en: "Removed under the Alien Enemies Act before habeas review was possible",
    es: "Expulsado bajo la Ley de Enemigos Extranjeros antes de poder pedir habeas",
  },
  basis: [AUTH.jgg, AUTH.aarp, AUTH.jggDec],
  check(c, out) {
    for (const removal of aeaRemovals(c)) {
      const when = stamp(removal);
      const habeas = lastBefore(c, "HABEAS_FILED", removal.ms);
      if (habeas) {
        out.push({
          events: [removal.e.id, habeas.e.id],
          text: {
            en: `A habeas petition was filed on ${stamp(habeas)}, and the person was removed under the Alien Enemies Act on ${when} while it was pending. Challenges to AEA removal belong to habeas in the district of confinement.`,
            es: `Se presentó un habeas el ${stamp(habeas)}, y la persona fue expulsada bajo la Ley de Enemigos Extranjeros el ${when} mientras estaba pendiente. Las impugnaciones de estas expulsiones corresponden al habeas en el distrito de detención.`,
          },
        });
        continue;
      }
      const n = noticeFor(c, removal);
      if (n && n.hours >= WEEK_H) continue;
      const gaps = [
        missing(
          `no HABEAS_FILED before REMOVAL on ${when}`,
          `ningún HABEAS_FILED antes de REMOVAL del ${when}`,
        ),
      ];
      if (!n)
        gaps.push(
          missing(
            `no NOTICE_GIVEN before REMOVAL on ${when}`,
            `ningún NOTICE_GIVEN antes de REMOVAL del ${when}`,
          ),
        );
      const short = !n || n.hours <= 24;
      out.push({
        ...(short ? {} : { severity: "possible_issue" as const, confidence: "medium" as const }),
        events: n ? [removal.e.id, n.ev.e.id] : [removal.e.id],
        missing: gaps,
        text: {
          en: `The person was removed under the Alien Enemies Act on ${when}, ${n ? `${hoursText(n).en} after notice,` : "with no notice on record,"} and no habeas petition was filed before then. The District Court for D.C. found that the class removed on 15 Mar 2025 had virtually no notice and no chance to contest removal.`,
          es: `La persona fue expulsada bajo la Ley de Enemigos Extranjeros el ${when}, ${n ? `${hoursText(n).es} después del aviso,` : "sin aviso registrado,"} y no se presentó habeas antes. El Tribunal de Distrito de D.C. concluyó que el grupo expulsado el 15 de marzo de 2025 prácticamente no tuvo aviso ni oportunidad de impugnar.`,
        },
      });
    }
  },
};

/**
 * Earliest and latest possible birth dates, as day numbers, and whether they are only approximate: from a
 * full or partial birth date, or from an age a source stated on a given day (N years old on day D means born
 * after D − (N+1) years and on or before D − N years).
 */
function birthRange(
  person: JudgedPerson,
): { range: [number, number]; approximate: boolean; stated?: string } | undefined {
  const b = person.birth_date;
  if (b) {
    const approximate = person.birth_date_precision === "approximate";
    const y = Number(b.slice(0, 4));
    // An approximate birth date ("about 2011") could be a year either way.
    const slack = approximate ? 366 : 0;
    if (b.length === 4)
      return { range: [dayNumber(y, 1, 1) - slack, dayNumber(y, 12, 31) + slack], approximate };
    const m = Number(b.slice(5, 7));
    if (b.length === 7)
      return { range: [dayNumber(y, m, 1) - slack, dayNumber(y, m + 1, 0) + slack], approximate };
    const d = dayNumber(y, m, Number(b.slice(8, 10)));
    return { range: [d - slack, d + slack], approximate };
  }
  if (person.stated_age === undefined || !person.age_reported_on) return undefined;
  const r = person.age_reported_on;
  const day = dayNumber(Number(r.slice(0, 4)), Number(r.slice(5, 7)), Number(r.slice(8, 10)));
  const n = person.stated_age;
  return {
    range: [birthday(day, -(n + 1)) + 1, birthday(day, -n)],
    approximate: true,
    stated: r,
  };
}

/** The day someone born on `day` turns `years` (a 29 Feb birthday counts from 1 Mar in common years). */
function birthday(day: number, years: number): number {
  const dt = new Date(day * DAY_MS);
  return Math.floor(Date.UTC(dt.getUTCFullYear() + years, dt.getUTCMonth(), dt.getUTCDate()) / DAY_MS);
}

export const R16: Rule = {
  id: "R16",
  version: 1,
  name: "AEA_OUTSIDE_PROCLAMATION",
  severity: "violation",
  confidence: "high",
  title: {
    en: "Person appears outside the class covered by Proclamation 10903",
    es: "La persona parece estar fuera del grupo cubierto por la Proclamación 10903",
  },
  basis: [AUTH.proclamation, AUTH.aea],
  check(c, out) {
    let anchor: Ev | undefined = aeaRemovals(c)[0];
    if (!anchor) {
      for (const o of of(c, "REMOVAL_ORDER")) if (str(o, "type") === "AEA") anchor = o;
    }
    if (!anchor) return;
    const p = c.person;
    const reasons: Msg[] = [];
    let confidence: Confidence = "high";
    if (p.nationalities.length > 0 && !p.nationalities.includes("VE")) {
      const nat = countries(p.nationalities);
      reasons.push({
        en: `a national of ${nat.en}, not of Venezuela`,
        es: `nacional de ${nat.es}, no de Venezuela`,
      });
    }
    if (p.citizenship_status === "lpr")
      reasons.push({ en: "a lawful permanent resident", es: "residente permanente legal" });
    if (c.citizen !== "none")
      reasons.push({
        en: "a U.S. citizen or citizenship claimant",
        es: "ciudadano estadounidense o reclama serlo",
      });
    for (const ev of of(c, "CITIZENSHIP_EVIDENCE")) {
      if (str(ev, "basis") === "naturalization") {
        reasons.push({ en: "naturalized", es: "naturalizado" });
        break;
      }
    }
    const birth = birthRange(p);
    // Reasons that rest on uncertain inputs (a partial or approximate birth date, a stated age) make this a
    // possible issue to check, not a violation: the finding says so.
    let uncertain = 0;
    if (birth) {
      const [earliest, latest] = birth.range;
      // Age turns on the local calendar date where the act happened.
      const day = localDay(anchor.ms, anchor.e.tz);
      const source = birth.stated
        ? {
            en: ` (from an age of ${p.stated_age} stated on ${birth.stated}, which is approximate)`,
            es: ` (según una edad de ${p.stated_age} años declarada el ${birth.stated}, que es aproximada)`,
          }
        : birth.approximate
          ? { en: " (from an approximate birth date)", es: " (según una fecha de nacimiento aproximada)" }
          : { en: "", es: "" };
      if (day < birthday(earliest, 14)) {
        if (birth.approximate) {
          uncertain++;
          reasons.push({
            en: `probably under 14${source.en}`,
            es: `probablemente menor de 14 años${source.es}`,
          });
        } else reasons.push({ en: "under 14", es: "menor de 14 años" });
      } else if (day < birthday(latest, 14)) {
        uncertain++;
        reasons.push({
          en: `possibly under 14${source.en}`,
          es: `posiblemente menor de 14 años${source.es}`,
        });
      }
    }
    if (reasons.length > 0 && uncertain === reasons.length) confidence = "medium";
    if (reasons.length === 0) return;
    out.push({
      confidence,
      ...(uncertain === reasons.length ? { severity: "possible_issue" as const } : {}),
      events: [anchor.e.id],
      text: {
        en: `The Alien Enemies Act was applied (${stamp(anchor)}) to a person who is ${reasons.map((r) => r.en).join("; ")}. The proclamation reaches only Venezuelan citizens aged 14 or older who are not naturalized or permanent residents (alleged gang membership is for a court to weigh).`,
        es: `Se aplicó la Ley de Enemigos Extranjeros (${stamp(anchor)}) a una persona que es ${reasons.map((r) => r.es).join("; ")}. La proclamación solo alcanza a ciudadanos venezolanos de 14 años o más que no sean naturalizados ni residentes permanentes (la supuesta pertenencia a una pandilla la valora un tribunal).`,
      },
    });
  },
};

export const R31: Rule = {
  id: "R31",
  version: 1,
  name: "NOTICE_LANGUAGE",
  severity: "possible_issue",
  confidence: "medium",
  title: {
    en: "Notice not in a language the person understands",
    es: "Aviso en un idioma que la persona no entiende",
  },
  basis: [AUTH.aarp, AUTH.asr, AUTH.fifthAmDp],
  check(c, out) {
    for (const type of ["NOTICE_GIVEN", "NTA_SERVED"] as const) {
      for (const n of of(c, type)) {
        const langs = noticeLanguages(n);
        if (understandsAny(c.person, langs) !== false) continue;
        const given = {
          en: langs.map((l) => languageName(l).en).join(", "),
          es: langs.map((l) => languageName(l).es).join(", "),
        };
        const known = c.person.languages.map(languageName);
        out.push({
          events: [n.e.id],
          text: {
            en: `The ${type === "NTA_SERVED" ? "Notice to Appear" : "notice"} of ${stamp(n)} was in ${given.en}; the person's recorded languages: ${known.map((k) => k.en).join(", ")}.`,
            es: `${type === "NTA_SERVED" ? "La notificación de comparecencia" : "El aviso"} del ${stamp(n)} estaba en ${given.es}; idiomas registrados de la persona: ${known.map((k) => k.es).join(", ")}.`,
          },
        });
      }
    }
  },
};
