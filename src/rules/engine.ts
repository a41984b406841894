// Evaluates one case file against the rule table and renders findings in the reader's language.
import { badInput } from "../domain/errors.ts";
import { RULES } from "./rule-set.ts";
import type { CaseIndex } from "./timeline.ts";
import { buildIndex } from "./timeline.ts";
import type { CaseFile, Confidence, EvaluateOptions, Finding, Hit, Lang, Rule, Severity } from "./types.ts";

const RANK: Readonly<Record<Severity, number>> = {
  violation: 0,
  possible_issue: 1,
  deadline: 2,
  information: 3,
};
const LOWER: Readonly<Record<Confidence, Confidence>> = { high: "medium", medium: "low", low: "low" };
const CITIZENSHIP_RULES: ReadonlySet<string> = new Set(RULES.filter((r) => r.citizenship).map((r) => r.id));

const REVIEW = {
  violation: { en: " Needs lawyer review.", es: " Requiere revisión de un abogado." },
  possible_issue: {
    en: " Possible issue — needs lawyer review.",
    es: " Posible problema: requiere revisión de un abogado.",
  },
};
const DEADLINE_NOTE = {
  en: " Deadlines have exceptions and can be tolled; confirm with a lawyer.",
  es: " Los plazos tienen excepciones y pueden suspenderse; confírmelo con un abogado.",
};
const UNVERIFIED = {
  en: " Part of this rests on an event no source supports yet.",
  es: " Parte de esto se basa en un hecho que aún no respalda ninguna fuente.",
};
// Citizenship overrides: a citizen is outside every removal procedure, so no other result may read as a clean bill.
const CITIZEN_NOTE = {
  confirmed: {
    en: " The person is recorded as a U.S. citizen (see R01): even a procedure followed correctly here could not make removal lawful.",
    es: " La persona figura como ciudadana estadounidense (ver R01): ni siquiera un procedimiento bien seguido podría hacer legal su deportación.",
  },
  claimed: {
    en: " The record holds an unresolved U.S. citizenship claim (see R01): if it is valid, none of these procedures could apply.",
    es: " El expediente contiene un reclamo de ciudadanía estadounidense sin resolver (ver R01): si es válido, ninguno de estos procedimientos podría aplicarse.",
  },
};

function render(rule: Rule, hit: Hit, c: CaseIndex, lang: Lang): Finding {
  const severity = hit.severity ?? rule.severity;
  let confidence = hit.confidence ?? rule.confidence;
  let text = hit.text[lang];
  const p = c.person;
  if (p.kind === "group") {
    const n = p.group_size;
    text =
      lang === "es"
        ? `Registro de grupo${n ? ` (${n} personas)` : ""}: ${text}`
        : `Group record${n ? ` (${n} people)` : ""}: ${text}`;
  }
  if (c.citizen !== "none" && !CITIZENSHIP_RULES.has(rule.id)) text += CITIZEN_NOTE[c.citizen][lang];
  let shaky = false;
  for (const x of c.events) if (x.e.unverified && hit.events.includes(x.e.id)) shaky = true;
  if (shaky) {
    confidence = LOWER[confidence];
    text += UNVERIFIED[lang];
  }
  if (severity === "violation" || severity === "possible_issue") text += REVIEW[severity][lang];
  else if (severity === "deadline") text += DEADLINE_NOTE[lang];
  const f: Finding = {
    rule: rule.id,
    version: rule.version,
    person: p.id,
    severity,
    title: hit.due ? hit.due.label[lang] : rule.title[lang],
    text,
    basis: hit.basis && hit.basis.length > 0 ? [...hit.basis] : [...rule.basis],
    confidence,
    events: hit.events,
    missing: hit.missing ? hit.missing.map((m) => m[lang]) : [],
  };
  const contested = hit.contested ?? rule.contested;
  if (contested) f.contested = { note: contested.note[lang], as_of: contested.as_of };
  if (hit.due)
    f.due = { date: hit.due.date, days_remaining: hit.due.days_remaining, label: hit.due.label[lang] };
  if (hit.days_elapsed !== undefined) f.days_elapsed = hit.days_elapsed;
  if (hit.order) f.order = hit.order;
  return f;
}

function compare(a: Finding, b: Finding): number {
  const ca = CITIZENSHIP_RULES.has(a.rule) ? 0 : 1;
  const cb = CITIZENSHIP_RULES.has(b.rule) ? 0 : 1;
  if (ca !== cb) return ca - cb;
  const s = RANK[a.severity] - RANK[b.severity];
  if (s !== 0) return s;
  if (a.rule !== b.rule) return a.rule < b.rule ? -1 : 1;
  return 0;
}

/**
 * The rules whose findings are deadlines: those whose own severity is "deadline" (a hit cannot make another
 * rule's finding one, see types.ts Hit). Each rule reads only the case, never another rule's findings, so
 * evaluating these alone gives the deadlines of a full evaluation exactly, in the same order.
 */
export const DEADLINE_RULES: readonly Rule[] = RULES.filter((r) => r.severity === "deadline");

/**
 * Every finding for one person (or group record) as of a date — or only those of `rules` (a subset of the
 * table, as DEADLINE_RULES). Pure: same input, same output.
 */
export function evaluateCase(
  file: CaseFile,
  opts: EvaluateOptions,
  rules: readonly Rule[] = RULES,
): Finding[] {
  if (Number.isNaN(Date.parse(opts.asOf))) throw badInput(`asOf is not a date: ${opts.asOf}`);
  const lang = opts.lang ?? "en";
  const c = buildIndex(file.person, file.events, file.orders, opts.asOf);
  const out: Finding[] = [];
  const hits: Hit[] = [];
  for (const rule of rules) {
    rule.check(c, hits);
    for (const h of hits) out.push(render(rule, h, c, lang));
    hits.length = 0;
  }
  if (out.length > 1) out.sort(compare);
  return out;
}
