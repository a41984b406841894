// Numbers that are factual claims: people counts, money, percentages, durations, with what they count.
import type { Language } from "./text.ts";

export type NumberUnit = "people" | "usd" | "percent" | "days" | "other";
export type Qualifier = "exact" | "about" | "more_than" | "at_least" | "up_to";
export type NumberClaim = {
  value: number;
  unit: NumberUnit;
  about: string;
  qualifier: Qualifier;
  /** The words as written ("more than 250 men"), and where. */
  text: string;
  start: number;
  /** The sentence around it, for what a claim is about (facility, date, verb). */
  sentence: string;
};

function sentenceAround(text: string, at: number): string {
  const before = text.slice(Math.max(0, at - 400), at);
  const cut = Math.max(
    before.lastIndexOf(". "),
    before.lastIndexOf("\n"),
    before.lastIndexOf("? "),
    before.lastIndexOf("! "),
  );
  const start = cut >= 0 ? at - before.length + cut + 1 : Math.max(0, at - 400);
  const rest = text.slice(at, at + 400);
  const end = rest.search(/[.!?](?:\s|$)|\n/);
  return text.slice(start, end >= 0 ? at + end + 1 : at + rest.length).trim();
}

const WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  hundred: 100,
  dozen: 12,
  uno: 1,
  una: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  nueve: 9,
  diez: 10,
  once: 11,
  doce: 12,
  quince: 15,
  veinte: 20,
  treinta: 30,
  cuarenta: 40,
  cincuenta: 50,
  sesenta: 60,
  setenta: 70,
  ochenta: 80,
  noventa: 90,
  cien: 100,
  ciento: 100,
  doscientos: 200,
  doscientas: 200,
  trescientos: 300,
  trescientas: 300,
  cuatrocientos: 400,
  quinientos: 500,
  docena: 12,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
/** "un centenar de", "dos centenares de", "medio centenar", "a dozen": approximate counts. */
const APPROX =
  /\b(un|una|dos|tres|cuatro|cinco|medio|a|two|three|half\s+a)\s+(centenar(?:es)?|decena(?:s)?|docena(?:s)?|hundred|dozen)\b/giu;
const APPROX_MULT: Record<string, number> = { un: 1, una: 1, a: 1, medio: 0.5, "half a": 0.5 };
const APPROX_BASE = (w: string) =>
  /^centenar/.test(w) || w === "hundred" ? 100 : /^docena/.test(w) || w === "dozen" ? 12 : 10;
const SCALE: Record<string, number> = {
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  m: 1e6,
  bn: 1e9,
  mil: 1e3,
  millones: 1e6,
  millón: 1e6,
  "mil millones": 1e9,
};

const PEOPLE_NOUN =
  /^(?:[“"‘']?[\p{L}-]+[”"’']?\s+){0,3}?[“"‘']?(people|persons|men|women|children|minors|venezuelans|salvadorans|salvadoreans|hondurans|guatemalans|mexicans|colombians|cubans|haitians|nicaraguans|ecuadorians|peruvians|dominicans|hondureños|guatemaltecos|mexicanos|colombianos|cubanos|haitianos|nicaragüenses|ecuatorianos|peruanos|dominicanos|migrants|immigrants|detainees|deportees|prisoners|inmates|members|individuals|citizens|nationals|americans|residents|criminals|leaders|asylum seekers|refugees|aliens|terrorists|families|personas|hombres|mujeres|niños|menores|venezolanos|salvadoreños|migrantes|inmigrantes|detenidos|deportados|presos|prisioneros|reclusos|miembros|ciudadanos|residentes|extranjeros|estadounidenses|familias|criminales|pandilleros|souls|illegals|thugs|rapists|murderers|fathers|mothers|sons|daughters|kids|teenagers|teens|adults|males|females|workers|farmworkers|students|travelers|passengers|evacuees|returnees|veterans|gang members|repatriados|connacionales|compatriotas|jóvenes|adultos|niñas|trabajadores|pasajeros|padres|madres|hijos|retornados|solicitantes de asilo)\b/iu;
const DURATION_NOUN =
  /^(?:(?:consecutive|straight|long|full|more|additional|consecutivos|seguidos|largos|largas)\s+)?(days|months|years|hours|weeks|minutes|días|meses|años|horas|semanas|minutos)\b/iu;
const QUALIFIER: [RegExp, Qualifier][] = [
  [/(?:more than|over|upwards of|más de|mas de)\s*$/iu, "more_than"],
  [/(?:at least|al menos|por lo menos|no less than)\s*$/iu, "at_least"],
  [/(?:up to|nearly|almost|hasta|casi)\s*$/iu, "up_to"],
  [
    /(?:about|around|approximately|roughly|some|an estimated|estimated|unos|unas|cerca de|alrededor de|aproximadamente)\s*$/iu,
    "about",
  ],
];

const NUM = String.raw`(\d{1,3}(?:[,.]\d{3})+|\d+(?:[.,]\d+)?)`;
const WORDNUM = `(${Object.keys(WORDS).join("|")})`;
const TOKEN = new RegExp(
  String.raw`(?:(US)?\$\s?${NUM}(?:\s?(million|billion|thousand|m|bn)\b)?|${NUM}(?:\s?(%|percent|per cent|por ciento))?|\b${WORDNUM}\b)`,
  "giu",
);

function parseNum(raw: string, lang: Language): number {
  if (/^\d{1,3}([,.]\d{3})+$/.test(raw)) return Number(raw.replace(/[,.]/g, ""));
  if (lang === "es" && /^\d+,\d+$/.test(raw)) return Number(raw.replace(",", "."));
  return Number(raw.replace(",", ""));
}

/** The words after a number that say what it counts, cut at a clause boundary. */
function aboutPhrase(text: string, from: number): string {
  const tail = text.slice(from, from + 140);
  const cut = tail.search(/[.;:!?”"»()]|,\s|\s[—–]\s/);
  const phrase = (cut >= 0 ? tail.slice(0, cut) : tail).trim();
  return phrase.split(/\s+/).slice(0, 12).join(" ");
}

/** Up to eight words before a number, back to the clause start. */
function leadPhrase(text: string, at: number): string {
  const head = text.slice(Math.max(0, at - 120), at);
  const cut = Math.max(
    head.lastIndexOf(". "),
    head.lastIndexOf(", "),
    head.lastIndexOf("\n"),
    head.lastIndexOf("; "),
  );
  const clause = (cut >= 0 ? head.slice(cut + 1) : head).replace(/^[\s,]+/, "");
  return clause
    .split(/\s+/)
    .filter(Boolean)
    .slice(-8)
    .join(" ")
    .replace(/\s*(?:for|about|around|nearly|more than|some|de|por)?\s*$/i, "");
}

export function extractNumbers(text: string, lang: Language): NumberClaim[] {
  const out: NumberClaim[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    const before = text.slice(Math.max(0, start - 30), start);
    const after = text.slice(end, end + 80);
    const prevChar = text[start - 1] ?? " ";
    if (/[\p{L}\d/#-]/u.test(prevChar) && !m[0].startsWith("$") && !m[0].startsWith("US$")) continue;
    if (/^[-–/]\d|^[.,]\d|^-(?:year|t)|^\s?(?:a\.m|p\.m|am\b|pm\b|U\.S\.C|th\b|st\b|nd\b|rd\b)/iu.test(after))
      continue;
    if (isYearOrName(m[0], before, after)) continue;
    // "dos centenares", "two dozen": the approximation reader owns these.
    if (m[6] !== undefined && /^\s+(?:centenar|decena|docena|hundred|dozen)/iu.test(after)) continue;
    let qualifier: Qualifier = "exact";
    for (const [re, q] of QUALIFIER) if (re.test(before)) qualifier = q;
    let value: number;
    let unit: NumberUnit;
    let aboutFrom = end;
    if (m[2] !== undefined) {
      value = parseNum(m[2], lang) * (m[3] ? SCALE[m[3].toLowerCase()]! : 1);
      unit = "usd";
    } else if (m[4] !== undefined) {
      value = parseNum(m[4], lang);
      if (m[5]) {
        unit = "percent";
      } else {
        const money =
          /^\s?(millones|millón|mil millones|mil)?\s*(?:de\s+)?(dólares|dolares|dollars|USD)\b/iu.exec(after);
        const scale = /^\s?(million|billion|thousand|millones|millón|mil millones)\b/iu.exec(after);
        if (money) {
          value *= money[1] ? SCALE[money[1].toLowerCase()]! : 1;
          unit = "usd";
          aboutFrom = end + money[0].length;
        } else {
          if (scale) {
            value *= SCALE[scale[1]!.toLowerCase()]!;
            aboutFrom = end + scale[0].length;
          }
          const unitOf =
            classify(text.slice(aboutFrom, aboutFrom + 80), before) ?? totalAtClauseEnd(text, start, after);
          if (!unitOf) continue;
          unit = unitOf;
          if (unit === "people" && value >= 1900 && value <= 2100 && !/,|\./.test(m[4]) && !scale) continue;
        }
      }
    } else {
      value = WORDS[m[6]!.toLowerCase()]!;
      const unitOf = classify(after, before);
      if (!unitOf) continue;
      unit = unitOf;
    }
    if (unit === "percent" && /^\s*(?:support|sure|certain)\b/iu.test(after)) continue;
    let about = aboutPhrase(text, aboutFrom);
    // Money and durations say what they are about before the number: "paid El Salvador $6 million".
    if (unit === "usd" || unit === "days" || unit === "other")
      about = `${leadPhrase(text, start)} … ${about}`.trim();
    out.push({
      value,
      unit,
      about: about.replace(/^…\s*|\s*…$/g, ""),
      qualifier,
      text: text.slice(start, aboutFrom).trim(),
      start,
      sentence: sentenceAround(text, start),
    });
  }
  for (const a of approximations(text)) if (!out.some((o) => o.start === a.start)) out.push(a);
  out.sort((x, y) => x.start - y.start);
  // The same figure about the same thing, repeated (a lede and its body), is one claim.
  const seen = new Set<string>();
  return out.filter((o) => {
    const k = `${o.value}|${o.unit}|${o.about.toLowerCase().split(/\s+/).slice(0, 3).join(" ")}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * A year ("the Act of 1798", "en 2019") or digits inside a name ("Title 42", "60 Minutes", "Channel 4"),
 * never a count. A bare four-digit number from 1500 to 2100 is a year unless a people noun follows it.
 */
function isYearOrName(raw: string, before: string, after: string): boolean {
  if (/^\d{4}$/.test(raw) && Number(raw) >= 1500 && Number(raw) <= 2100) {
    if (
      !/^\s+(?:[\p{Ll}-]+\s+){0,2}?(?:people|men|women|migrants|personas|hombres|mujeres|migrantes|venezolanos|venezuelans|detainees|detenidos)\b/iu.test(
        after,
      )
    )
      return true;
  }
  if (/^[\d.,]+$/.test(raw)) {
    // "CBS's 60 Minutes", "Title 42": a capitalized word on both sides, or a capitalized word that is not a noun
    // of people right after the number, is a name.
    const next = /^\s+(\p{Lu}[\p{L}]*)/u.exec(after)?.[1];
    const prev = /(\p{Lu}[\p{L}]*)\s+$/u.exec(before)?.[1];
    if (next && !PEOPLE_NOUN.test(after.trimStart())) return true;
    if (
      prev &&
      /^(?:Title|Section|Channel|Article|Artículo|Sección|Canal|Route|Ruta|Flight|Vuelo|Room|Block|Cell|Pabellón|Module|Módulo)$/u.test(
        prev,
      )
    )
      return true;
  }
  return false;
}

/** "the total reached more than 250." — a count that ends its clause, with the noun of people earlier. */
function totalAtClauseEnd(text: string, start: number, after: string): NumberUnit | undefined {
  if (!/^\s*(?:[.;]|$)/u.test(after)) return undefined;
  const sentence = sentenceAround(text, start);
  const at = sentence.indexOf(text.slice(start, start + 6));
  const head = at >= 0 ? sentence.slice(0, at) : sentence;
  if (!/\b(?:total|número|cifra|number|figure|toll|count|asciende|rose to|reached|ascendió)\b/iu.test(head))
    return undefined;
  const noun =
    /\b(people|men|women|migrants|detainees|deportees|venezuelans|personas|hombres|mujeres|migrantes|detenidos|deportados|venezolanos)\b/iu;
  return noun.test(head) ? "people" : undefined;
}

function approximations(text: string): NumberClaim[] {
  const out: NumberClaim[] = [];
  APPROX.lastIndex = 0;
  for (let m = APPROX.exec(text); m; m = APPROX.exec(text)) {
    const mult = m[1]!.toLowerCase().replace(/\s+/g, " ");
    const base = APPROX_BASE(m[2]!.toLowerCase());
    const k = APPROX_MULT[mult] ?? WORDS[mult] ?? 1;
    const end = m.index + m[0].length;
    const after = text.slice(end, end + 80);
    if (!PEOPLE_NOUN.test(after.replace(/^\s*(?:de|of)\s+/iu, ""))) continue;
    out.push({
      value: k * base,
      unit: "people",
      about: aboutPhrase(text, end),
      qualifier: "about",
      text: text.slice(m.index, end).trim(),
      start: m.index,
      sentence: sentenceAround(text, m.index),
    });
  }
  return out;
}

/** People, days or another duration; undefined when the number counts nothing we keep (ages, dates, things). */
function classify(after: string, before: string): NumberUnit | undefined {
  const a = after.replace(/^\s+/, "");
  const dur = DURATION_NOUN.exec(a);
  if (dur) {
    const noun = dur[1]!.toLowerCase();
    // Ages: "31 years old", "de 31 años", "a 31-year-old".
    if (
      /^(?:years|años)\b/.test(noun) &&
      (/^\S+\s+old\b/i.test(a) || /\b(?:de|tiene|tenía|con)\s*$/iu.test(before))
    ) {
      return undefined;
    }
    if (/^(?:years|años)/.test(noun)) return undefined;
    return /^(?:days|días)$/.test(noun) ? "days" : "other";
  }
  if (/^(?:of\s+(?:the|them|those|these)\b)/i.test(a))
    return PEOPLE_NOUN.test(a.replace(/^of\s+(?:the|them|those|these)\s+/i, "")) ? "people" : undefined;
  if (PEOPLE_NOUN.test(a)) return "people";
  return undefined;
}
