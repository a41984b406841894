// R01–R03: citizenship comes first. Removal powers reach only noncitizens, so a citizen in the record changes everything.
import { AUTH } from "./authorities.ts";
import type { CaseIndex, Ev } from "./timeline.ts";
import { bool, firstAbroadAfter, ids, missing, of, stamp, str } from "./timeline.ts";
import type { Hit, Rule } from "./types.ts";

function what(x: Ev): { en: string; es: string } {
  if (x.e.type === "REMOVAL") return { en: "removed", es: "expulsada" };
  if (x.e.type === "FOREIGN_CUSTODY")
    return { en: "placed in foreign custody", es: "puesta bajo custodia extranjera" };
  return { en: "transferred abroad", es: "trasladada fuera del país" };
}

const IMMIGRATION = /\b(ICE|CBP|ERO|HSI|Border Patrol|immigration)\b/i;

export const R01: Rule = {
  id: "R01",
  version: 1,
  name: "CITIZEN_REMOVED",
  severity: "violation",
  confidence: "high",
  citizenship: true,
  title: {
    en: "U.S. citizen subjected to removal",
    es: "Ciudadano estadounidense sometido a deportación",
  },
  basis: [AUTH.citizenshipClause, AUTH.afroyim, AUTH.vance, AUTH.ina240],
  check(c: CaseIndex, out: Hit[]) {
    if (c.citizen === "none") return;
    const claimed = c.citizen === "claimed";
    const evidence = of(c, "CITIZENSHIP_EVIDENCE");
    const abroad = firstAbroadAfter(c, Number.NEGATIVE_INFINITY);
    const severity = claimed ? "possible_issue" : "violation";
    const confidence = claimed ? "medium" : "high";
    const who = claimed
      ? {
          en: "The record holds evidence that this person is a U.S. citizen, but the claim is not yet resolved.",
          es: "El expediente contiene pruebas de que esta persona es ciudadana estadounidense, pero el reclamo aún no está resuelto.",
        }
      : {
          en: "The record shows this person as a U.S. citizen.",
          es: "El expediente indica que esta persona es ciudadana estadounidense.",
        };
    const law = {
      en: "Immigration removal powers apply only to noncitizens, and citizenship cannot be taken away without the person's own intent to give it up.",
      es: "Las facultades de deportación solo alcanzan a personas no ciudadanas, y la ciudadanía no puede quitarse sin la intención de la propia persona de renunciar a ella.",
    };
    if (abroad) {
      const w = what(abroad);
      out.push({
        severity,
        confidence,
        events: [abroad.e.id, ...ids(...evidence)],
        text: {
          en: `${who.en} They were ${w.en} on ${stamp(abroad)}. ${law.en}`,
          es: `${who.es} Fue ${w.es} el ${stamp(abroad)}. ${law.es}`,
        },
      });
      return;
    }
    const order = of(c, "REMOVAL_ORDER").find((x) => str(x, "type") !== "none");
    if (order) {
      out.push({
        severity,
        confidence,
        events: [order.e.id, ...ids(...evidence)],
        text: {
          en: `${who.en} A removal order was nonetheless entered on ${stamp(order)}. ${law.en}`,
          es: `${who.es} Aun así se dictó una orden de deportación el ${stamp(order)}. ${law.es}`,
        },
      });
      return;
    }
    // Immigration detention of a recorded citizen is itself unlawful (docs/RULES.md): violation / high.
    const held =
      of(c, "DETENTION_START")[0] ?? of(c, "ARREST").find((x) => IMMIGRATION.test(str(x, "agency") ?? ""));
    if (held && !claimed) {
      out.push({
        severity: "violation",
        confidence: "high",
        events: [held.e.id, ...ids(...evidence)],
        text: {
          en: `${who.en} They were held from ${stamp(held)}. Immigration agencies have no authority to detain citizens as removable.`,
          es: `${who.es} Estuvo detenida desde el ${stamp(held)}. Las autoridades migratorias no pueden detener a ciudadanos como deportables.`,
        },
      });
    }
  },
};

export const R02: Rule = {
  id: "R02",
  version: 1,
  name: "CITIZENSHIP_CLAIM_NO_JUDICIAL_HEARING",
  severity: "possible_issue",
  confidence: "medium",
  citizenship: true,
  title: {
    en: "Citizenship claim not decided by a court before removal",
    es: "Reclamo de ciudadanía sin decisión judicial antes de la deportación",
  },
  basis: [AUTH.ngFungHo, AUTH.fifthAmDp, AUTH.pfrNationality],
  check(c, out) {
    for (const ev of of(c, "CITIZENSHIP_EVIDENCE")) {
      const before = bool(ev, "raised_before_removal");
      if (before === false || bool(ev, "judicially_determined") === true) continue;
      // Flagged as raised before removal: any removal counts. Otherwise only removals after the evidence appeared.
      const abroad = firstAbroadAfter(c, before === true ? Number.NEGATIVE_INFINITY : ev.ms);
      if (!abroad) continue;
      let judged = false;
      for (const h of of(c, "HEARING")) {
        if (h.ms >= abroad.ms) break;
        if (h.ms >= ev.ms && (bool(h, "judicial") === true || str(h, "kind") === "court")) judged = true;
      }
      if (judged) continue;
      const when = stamp(abroad);
      out.push({
        events: [abroad.e.id, ev.e.id],
        missing: [
          missing(
            `no court hearing or judicial decision on the citizenship claim before ${abroad.e.type} on ${when}`,
            `ninguna audiencia ni decisión judicial sobre el reclamo de ciudadanía antes de ${abroad.e.type} del ${when}`,
          ),
        ],
        text: {
          en: `A citizenship claim backed by evidence (${stamp(ev)}) was in the record, but no court decided it before the person was sent away on ${when}. A person who claims citizenship with supporting evidence is owed a judicial hearing on that claim.`,
          es: `Había un reclamo de ciudadanía respaldado por pruebas (${stamp(ev)}), pero ningún tribunal lo decidió antes de que la persona fuera enviada fuera el ${when}. Quien reclama la ciudadanía con pruebas tiene derecho a una audiencia judicial sobre ese reclamo.`,
        },
      });
      return;
    }
  },
};

const FEDERAL_CUSTODY_RE = /\bBOP\b|bureau of prisons|federal (?:prison|sentence|custody|inmate)|sentence/i;

function inCriminalCustody(c: CaseIndex, before: number): Ev | undefined {
  for (const x of c.events) {
    if (x.ms >= before) break;
    const t = x.e.type;
    if (t === "CRIMINAL_CHARGE") return x;
    if (t === "ARREST" && bool(x, "criminal") === true) return x;
    if (t === "DETENTION_START") {
      const a = `${str(x, "agency") ?? ""} ${str(x, "authority") ?? ""}`;
      if (FEDERAL_CUSTODY_RE.test(a)) return x;
    }
  }
  return undefined;
}

export const R03: Rule = {
  id: "R03",
  version: 1,
  name: "CITIZEN_FOREIGN_PRISON",
  severity: "possible_issue",
  confidence: "medium",
  citizenship: true,
  title: {
    en: "U.S. citizen in criminal custody placed in a foreign prison",
    es: "Ciudadano estadounidense bajo custodia penal enviado a una cárcel extranjera",
  },
  basis: [AUTH.fsa3621, AUTH.eighthAm, AUTH.afroyim, AUTH.citizenshipClause],
  check(c, out) {
    if (c.citizen === "none") return;
    for (const x of of(c, "FOREIGN_CUSTODY")) {
      const custody = inCriminalCustody(c, x.ms);
      if (!custody) continue;
      out.push({
        events: [x.e.id, custody.e.id],
        text: {
          en: `A person recorded as a U.S. citizen and in criminal custody (${stamp(custody)}) was placed in foreign-run custody on ${stamp(x)}. No statute was found that allows holding citizen prisoners in another country's prison; federal placement rules point to facilities close to home. Courts cannot review placement designations, so this is advisory.`,
          es: `Una persona registrada como ciudadana estadounidense y bajo custodia penal (${stamp(custody)}) fue puesta bajo custodia extranjera el ${stamp(x)}. No se encontró ley que permita recluir a presos ciudadanos en la cárcel de otro país; las normas federales de ubicación apuntan a centros cercanos al domicilio. Los tribunales no revisan esas designaciones, así que es una advertencia.`,
        },
      });
      return;
    }
  },
};
