// Claims: what articles state (counts, amounts, dated events, name spellings), tied to sources, with corroboration.
import { foldName } from "../domain/names.ts";
import type { ExtractedArticle } from "./extract.ts";
import { parseName, resolveIdentities } from "./identity.ts";
import { isDemonym, isKnownPlace, isOrgHead } from "./lexicon.ts";
import type { NumberClaim } from "./numbers.ts";

export type ClaimValue = { value: string; sources: string[]; independent_count: number };
/** What a claim is about: a person, a facility, a population ("Venezuelans"), or a payment. */
export type ClaimEntity = { kind: "person" | "facility" | "population" | "payment"; name: string };
/** The part of the world a number speaks for: a date, a facility, flights, or everyone ("in all"). */
export type ClaimScope = { date?: string; facility?: string; flights?: boolean; total?: boolean };
export type Claim = {
  subject: string;
  entity: ClaimEntity;
  scope: ClaimScope;
  predicate: string;
  values: ClaimValue[];
  /** Independent sources behind the best-supported value. */
  corroboration: number;
  /** Independent sources disagree (different numbers, dates or spellings). */
  conflict: boolean;
};

type Statement = {
  subject: string;
  entity: ClaimEntity;
  scope: ClaimScope;
  predicate: string;
  value: string;
  range?: [number, number];
  source: string;
};

const NOUN_CLASS: [RegExp, string][] = [
  [/\b(?:venezuelans?|venezolan[oa]s?)\b/i, "Venezuelans"],
  [/\b(?:salvador(?:e|a)n[s]?|salvadoreñ[oa]s?)\b/i, "Salvadorans"],
  [/\b(?:americans?|u\.?s\.? (?:citizens|nationals)|estadounidenses)\b/i, "Americans"],
  [/\b(?:members|gang members|miembros|pandilleros)\b/i, "gang members"],
  [
    /\b(?:migrants?|immigrants?|deportees?|detainees?|men|people|individuals|prisoners?|inmates?|migrantes|inmigrantes|deportados|detenidos|hombres|personas|presos|prisioneros|reclusos)\b/i,
    "people",
  ],
];
const VERB_CLASS: [RegExp, string][] = [
  [/\b(?:deport\w*|expel\w*|remov\w*|sent|send\w*|flown|deportad\w*|envi\w*|mand\w*|expuls\w*)\b/i, "sent"],
  [
    /\b(?:releas\w*|repatriat\w*|freed|exchang\w*|swap\w*|liber\w*|repatri\w*|intercambi\w*|canje\w*|transfer\w*)\b/i,
    "released",
  ],
  [/\b(?:held|hold\w*|detain\w*|incarcerat\w*|imprison\w*|recluid\w*|detenid\w*|pres[oa]s)\b/i, "held"],
  [/\b(?:arrest\w*|captur\w*|arrestad\w*|capturad\w*)\b/i, "arrested"],
  [/\b(?:capacity|capacidad|holds up to)\b/i, "capacity"],
  [/\b(?:paid|pay\w*|fee|agreement|pag\w*|acuerdo)\b/i, "paid"],
];

function classOf(table: [RegExp, string][], text: string): string | undefined {
  for (const [re, name] of table) if (re.test(text)) return name;
  return undefined;
}

function valueText(n: NumberClaim): { value: string; range: [number, number] } {
  const v = n.value;
  const shown =
    n.unit === "usd" ? `$${v.toLocaleString("en-US")}` : n.unit === "percent" ? `${v}%` : String(v);
  switch (n.qualifier) {
    case "more_than":
      return { value: `more than ${shown}`, range: [v, v * 1.5] };
    case "at_least":
      return { value: `at least ${shown}`, range: [v, v * 1.5] };
    case "up_to":
      return { value: `up to ${shown}`, range: [v * 0.85, v] };
    case "about":
      return { value: `about ${shown}`, range: [v * 0.9, v * 1.1] };
    default:
      return { value: shown, range: [v, v] };
  }
}

const TOTAL =
  /\b(?:in all|in total|overall|altogether|all told|en total|en conjunto|el número total|the total|a total of|un total de)\b/i;
const FLIGHTS = /\b(?:flights?|planes?|vuelos?|aviones?)\b/i;

function numberStatement(a: ExtractedArticle, n: NumberClaim): Statement | undefined {
  const ctx = `${n.about} ${n.sentence}`;
  const facility = a.facilities.find((f) => f.forms.some((form) => n.sentence.includes(form)));
  const date = a.dates.find((d) => n.sentence.includes(d.text) && /^\d{4}-\d{2}-\d{2}$/.test(d.date));
  const verb = classOf(VERB_CLASS, ctx);
  const { value, range } = valueText(n);
  // Scope from the words beside the number ("238 on the 15 March flights", "252 in all").
  const near = n.sentence;
  const scope: ClaimScope = {};
  if (date) scope.date = date.date;
  if (facility) scope.facility = facility.name;
  if (FLIGHTS.test(near)) scope.flights = true;
  if (TOTAL.test(near)) scope.total = true;
  if (n.unit === "people") {
    const noun = classOf(NOUN_CLASS, n.about) ?? "people";
    if (!verb && !facility) return undefined;
    const parts = [noun, verb ?? "counted"];
    if (facility)
      parts.push(verb === "held" || verb === "capacity" ? `in ${facility.name}` : `to ${facility.name}`);
    if (scope.flights && !scope.total) parts.push("on flights");
    if (date) parts.push(`on ${date.date}`);
    if (scope.total) parts.push("in all");
    return {
      subject: parts.join(" "),
      entity:
        facility && verb === "capacity"
          ? { kind: "facility", name: facility.name }
          : { kind: "population", name: noun },
      scope,
      predicate: verb === "capacity" ? "capacity" : "count",
      value,
      range,
      source: a.id,
    };
  }
  if (n.unit === "usd") {
    const to = facility?.name ?? (/\b(?:el salvador|bukele)\b/i.test(ctx) ? "El Salvador" : undefined);
    if (!to) return undefined;
    return {
      subject: `payment for detention in ${to}`,
      entity: { kind: "payment", name: to },
      scope,
      predicate: "amount_usd",
      value,
      range,
      source: a.id,
    };
  }
  return undefined;
}

/** A name that reads as an institution or a place: no spelling claims for those. */
function institutionOrPlace(name: string): boolean {
  if (isKnownPlace(name)) return true;
  return name.split(/\s+/).some((w) => isOrgHead(w) || (isDemonym(w) && !/^\p{Lu}\p{Ll}/u.test(w)));
}

// Predicates as articles and records phrase them → one vocabulary ("first elected" and "elected" compare).
const PREDICATE_SYNONYMS: [RegExp, string][] = [
  [/^(?:re ?elected|reelegid[oa]|re ?election|reeleccion)$/, "re-elected"],
  [
    /^(?:(?:was |first |originally )*elect(?:ed)?(?: (?:as )?president)?|elegid[oa]|electo|election|eleccion|won (?:the )?(?:election|presidency))$/,
    "elected",
  ],
  [/^(?:born|birth|nacid[oa]|nacio|date of birth|birth date)$/, "born"],
  [/^(?:deported|removed|expelled|deportad[oa]|expulsad[oa]|deportation|removal)$/, "deported"],
  [/^(?:arrested|detained|arrestad[oa]|detenid[oa]|arrest|detention)$/, "arrested"],
  [/^(?:released|freed|liberad[oa]|release)$/, "released"],
  [/^(?:sentenced|condenad[oa]|sentence)$/, "sentenced"],
];

/** One predicate vocabulary for article facts and the record's curated claims. */
export function normalizePredicate(predicate: string): string {
  const p = foldName(predicate)
    .replace(/\b(?:in|on|en|el)\b/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  for (const [re, name] of PREDICATE_SYNONYMS) if (re.test(p)) return name;
  return p;
}

/** Articles that are not independent: near-duplicates of each other or copies from one outlet. */
function independenceKeys(
  articles: readonly ExtractedArticle[],
  groups: readonly string[][],
): Map<string, string> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(rb, ra);
  };
  for (const a of articles) parent.set(a.id, a.id);
  for (const g of groups) for (const id of g) if (!parent.has(id)) parent.set(id, id);
  for (const g of groups) for (let k = 1; k < g.length; k++) union(g[0]!, g[k]!);
  const byOutlet = new Map<string, string>();
  for (const a of articles) {
    if (!a.outlet) continue;
    const o = foldName(a.outlet);
    const first = byOutlet.get(o);
    if (first) union(first, a.id);
    else byOutlet.set(o, a.id);
  }
  return new Map(articles.map((a) => [a.id, find(a.id)]));
}

/** Name spellings: each article's fullest form, with tokens that misspell the identity's name kept as written. */
function spellingStatements(articles: readonly ExtractedArticle[]): Statement[] {
  const forms: { name: string; article: string }[] = [];
  for (const a of articles) {
    for (const p of a.people) {
      const full = [...p.forms].sort((x, y) => parseName(y).tokens - parseName(x).tokens)[0] ?? p.name;
      if (parseName(full).tokens >= 2 && !institutionOrPlace(full)) forms.push({ name: full, article: a.id });
    }
  }
  const { identities } = resolveIdentities(forms.map((f) => f.name));
  const out: Statement[] = [];
  for (const id of identities) {
    const canonWords = id.canonical.split(/\s+/);
    const members = new Set(id.members);
    for (const f of forms) {
      if (!members.has(f.name)) continue;
      const words = f.name.split(/\s+/);
      const folded = words.map((w) => foldName(w));
      // Each canonical word as this article spells it, when it spells it otherwise (Kilmer for Kilmar).
      const spelled = canonWords.map((cw) => {
        const c = foldName(cw);
        if (folded.includes(c)) return cw;
        const k = folded.findIndex(
          (t) => t && t[0] === c[0] && Math.abs(t.length - c.length) <= 2 && similar(t, c),
        );
        return k >= 0 ? words[k]! : cw;
      });
      out.push({
        subject: id.canonical,
        entity: { kind: "person", name: id.canonical },
        scope: {},
        predicate: "name_spelling",
        value: spelled.join(" "),
        source: f.article,
      });
    }
  }
  return out;
}

function similar(a: string, b: string): boolean {
  let same = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] === b[i]) same++;
  return same / Math.max(a.length, b.length) >= 0.6;
}

/** Dated events about people ("elected", "arrested"), subjects resolved across articles. */
function factStatements(articles: readonly ExtractedArticle[]): Statement[] {
  const facts = articles.flatMap((a) => a.facts.map((f) => ({ ...f, article: a.id })));
  if (!facts.length) return [];
  const { identities } = resolveIdentities(facts.map((f) => f.subject));
  const canonicalOf = new Map<string, string>();
  for (const id of identities) for (const m of id.members) canonicalOf.set(m, id.canonical);
  return facts.map((f) => {
    const subject = canonicalOf.get(f.subject) ?? f.subject;
    const predicate = normalizePredicate(f.predicate);
    return {
      subject,
      entity: { kind: "person" as const, name: subject },
      scope: {},
      predicate,
      value: /^\d{4}/.test(f.value) && /elected/.test(predicate) ? f.value.slice(0, 4) : f.value,
      source: f.article,
    };
  });
}

function overlaps(a: [number, number] | undefined, b: [number, number] | undefined): boolean {
  if (!a || !b) return false;
  return a[0] <= b[1] && b[0] <= a[1];
}

/**
 * Claims from extracted articles. `groups` are near-duplicate groups (findNearDuplicates); those and copies from
 * one outlet count as one source. A claim conflicts when independent sources give values that cannot both be true.
 */
export function buildClaims(articles: readonly ExtractedArticle[], groups: readonly string[][]): Claim[] {
  const indep = independenceKeys(articles, groups);
  const statements: Statement[] = [];
  for (const a of articles) {
    for (const n of a.numbers) {
      const s = numberStatement(a, n);
      if (s) statements.push(s);
    }
  }
  statements.push(...spellingStatements(articles), ...factStatements(articles));
  const byClaim = new Map<string, Statement[]>();
  // Keyed by the entity, the predicate and the scope: "238 on 15 March" and "252 in all" are two claims.
  for (const s of statements) {
    const sc = s.scope;
    const k = [
      s.entity.kind,
      foldName(s.entity.name),
      s.predicate,
      sc.date ?? "",
      sc.facility ?? "",
      sc.total ? "total" : "",
      s.predicate === "count" ? s.subject : "",
    ].join("\u0000");
    const list = byClaim.get(k);
    if (list) list.push(s);
    else byClaim.set(k, [s]);
  }
  const claims: Claim[] = [];
  for (const list of byClaim.values()) {
    const byValue = new Map<string, Statement[]>();
    for (const s of list) {
      const v = byValue.get(s.value);
      if (v) v.push(s);
      else byValue.set(s.value, [s]);
    }
    const values: (ClaimValue & { keys: Set<string>; range?: [number, number] })[] = [
      ...byValue.entries(),
    ].map(([value, ss]) => {
      const sources = [...new Set(ss.map((s) => s.source))];
      const keys = new Set(sources.map((s) => indep.get(s) ?? s));
      return { value, sources, independent_count: keys.size, keys, range: ss[0]!.range };
    });
    values.sort((x, y) => y.independent_count - x.independent_count || x.value.localeCompare(y.value));
    let conflict = false;
    for (let i = 0; i < values.length && !conflict; i++) {
      for (let j = i + 1; j < values.length && !conflict; j++) {
        const a = values[i]!;
        const b = values[j]!;
        if (a.range && b.range && overlaps(a.range, b.range)) continue;
        // Different values from sources that are not one another's copies.
        const independent =
          [...a.keys].some((k) => !b.keys.has(k)) && [...b.keys].some((k) => !a.keys.has(k));
        if (independent) conflict = true;
      }
    }
    const first = list[0]!;
    claims.push({
      subject: first.subject,
      entity: first.entity,
      scope: first.scope,
      predicate: first.predicate,
      values: values.map(({ value, sources, independent_count }) => ({ value, sources, independent_count })),
      corroboration: values[0]?.independent_count ?? 0,
      conflict,
    });
  }
  claims.sort((x, y) => Number(y.conflict) - Number(x.conflict) || y.corroboration - x.corroboration);
  return claims;
}
