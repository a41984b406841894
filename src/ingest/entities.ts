// Detention facilities (registry + generic names), organizations, places and dates of an article body.
import { createRequire } from "node:module";
import { foldName } from "../domain/names.ts";
import { isDemonym, isFunctionWord, isKnownPlace, isOrgHead } from "./lexicon.ts";
import { candidates } from "./people.ts";
import { foldKeepLength, type Language } from "./text.ts";

export type FacilityEntry = { id: string; name: string; aliases: readonly string[] };
export type Facility = { id?: string; name: string; forms: string[] };
export type DateMention = { text: string; date: string; start: number };

/** Facilities every article may name, whatever registry the caller passes. */
export const BUILTIN_FACILITIES: readonly FacilityEntry[] = [
  {
    id: "cecot",
    name: "CECOT",
    aliases: [
      "CECOT",
      "Centro de Confinamiento del Terrorismo",
      "Terrorism Confinement Center",
      "Terrorism Confinement Centre",
      "Centre for the Confinement of Terrorism",
      "Center for the Confinement of Terrorism",
      "Confinement Center for Terrorism",
    ],
  },
  {
    id: "guantanamo",
    name: "Guantánamo Bay",
    aliases: [
      "Naval Station Guantanamo Bay",
      "Naval Station Guantánamo Bay",
      "Guantánamo Bay",
      "Guantanamo Bay",
      "Guantánamo",
      "Guantanamo",
      "Gitmo",
    ],
  },
];

const FACILITY_HEAD =
  /\b((?:\p{Lu}[\p{L}\p{M}'’-]*\s+){1,5}(?:(?:Service\s+)?Processing Center|Detention (?:Center|Centre|Facility)|Correctional (?:Center|Facility|Institution)|Residential Center|Family Residential Center|County Jail|Jail|Prison|Penitentiary|Detention Site))\b|\b((?:Centro|Cárcel|Penal|Penitenciaría|Centro Penal|Centro de Detención|Centro Penitenciario)\s+(?:de\s+|del\s+)?(?:\p{Lu}[\p{L}\p{M}'’-]*(?:\s+(?:de|del|la)\s+|\s+)?){1,4})/gu;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Facilities named in the text: registry aliases (accent- and case-insensitive) and generic "X Detention Center". */
export function extractFacilities(text: string, registry: readonly FacilityEntry[] = []): Facility[] {
  const folded = foldKeepLength(text);
  const taken = new Uint8Array(text.length);
  const out: Facility[] = [];
  const entries = [...registry, ...BUILTIN_FACILITIES.filter((b) => !registry.some((r) => r.id === b.id))];
  type Alias = { alias: string; entry: FacilityEntry };
  const aliases: Alias[] = [];
  for (const e of entries)
    for (const a of new Set([e.name, ...e.aliases])) aliases.push({ alias: a, entry: e });
  aliases.sort((a, b) => b.alias.length - a.alias.length);
  for (const { alias, entry } of aliases) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(foldKeepLength(alias))}(?![\\p{L}\\p{N}])`, "gu");
    for (let m = re.exec(folded); m; m = re.exec(folded)) {
      const s = m.index;
      const e = s + m[0].length;
      if (!/^\p{Lu}/u.test(text[s]!)) continue;
      if (taken.subarray(s, e).some((x) => x === 1)) continue;
      taken.fill(1, s, e);
      addForm(out, entry.name, text.slice(s, e), entry.id);
    }
  }
  FACILITY_HEAD.lastIndex = 0;
  for (let m = FACILITY_HEAD.exec(text); m; m = FACILITY_HEAD.exec(text)) {
    let phrase = (m[1] ?? m[2] ?? "").trim();
    const s = m.index + m[0].indexOf(phrase);
    // Drop leading words that only describe ("the notorious", "El Salvador's", "Salvadoran").
    const words = phrase.split(/\s+/);
    while (
      words.length > 1 &&
      (isFunctionWord(words[0]!) || isDemonym(words[0]!) || /['’]s$/.test(words[0]!))
    )
      words.shift();
    phrase = words.join(" ");
    const generic =
      /^(?:Detention|Processing|Correctional|County|Federal|State|Maximum|Prison|Jail|Mega)\b/.test(phrase);
    if (generic || phrase.split(/\s+/).length < 2) continue;
    if (taken.subarray(s, s + m[0].length).some((x) => x === 1)) continue;
    taken.fill(1, s, s + m[0].length);
    addForm(out, phrase, phrase);
  }
  return out;
}

function addForm(out: Facility[], name: string, form: string, id?: string): void {
  let f = out.find((x) => (id ? x.id === id : foldName(x.name) === foldName(name)));
  if (!f) {
    f = id ? { id, name, forms: [] } : { name, forms: [] };
    out.push(f);
  }
  if (!f.forms.includes(form)) f.forms.push(form);
}

const ACRONYM = /\b(?:[A-Z]{2,6}(?:-\d{1,3})?|[A-Z](?:\.[A-Z])+\.?)(?![\p{L}])/gu;
const NOT_ORG = new Set([
  "US",
  "U.S",
  "U.S.",
  "UK",
  "AM",
  "PM",
  "TV",
  "OK",
  "II",
  "III",
  "IV",
  "AND",
  "THE",
  "OF",
  "BY",
  "CEO",
  "PDF",
  "ECF",
  "TRO",
  "NOW",
  "IN",
  "TO",
]);

/** Organizations: capitalized phrases with an organization word, and acronyms. */
export function extractOrganizations(text: string, facilityNames: readonly string[] = []): string[] {
  const out = new Map<string, string>();
  const add = (s: string) => {
    const k = foldName(s);
    if (!k || facilityNames.some((f) => foldName(f) === k)) return;
    if (!out.has(k)) out.set(k, s);
  };
  for (const c of candidates(text)) {
    if (c.tokens.length < 2 || !c.tokens.some((t) => isOrgHead(t))) continue;
    const phrase = text.slice(c.start, c.end).replace(/\s+/g, " ");
    if (/^(?:Trump|Biden|Obama|Bush)\s+Administration$/i.test(phrase)) continue;
    add(phrase);
  }
  ACRONYM.lastIndex = 0;
  for (let m = ACRONYM.exec(text); m; m = ACRONYM.exec(text)) {
    const a = m[0];
    if (NOT_ORG.has(a) || /^[IVXLC]+$/.test(a)) continue;
    // Skip words in an all-caps sentence.
    const around = text.slice(Math.max(0, m.index - 12), m.index + a.length + 12);
    if ((around.match(/\b[A-Z]{3,}\b/g) ?? []).length >= 3) continue;
    add(a);
  }
  return [...out.values()];
}

/** Places the lexicon knows, as written. */
export function extractPlaces(text: string, skip: readonly { start: number; end: number }[] = []): string[] {
  const out = new Map<string, string>();
  const re =
    /\p{Lu}[\p{L}\p{M}.'’-]*(?:[ \t]+(?:de[ \t]+|del[ \t]+|of[ \t]+)?\p{Lu}[\p{L}\p{M}.'’-]*){0,3}/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const at = m.index;
    if (skip.some((s) => at < s.end && at + m[0].length > s.start)) continue;
    const words = m[0]
      .replace(/['’]s$/, "")
      .split(/\s+/)
      .map((w) => (/^(?:\p{Lu}\.)+$/u.test(w) ? w : w.replace(/\.+$/, "")));
    // Longest known place starting at each word.
    for (let i = 0; i < words.length; i++) {
      for (let j = words.length; j > i; j--) {
        const phrase = words.slice(i, j).join(" ");
        if (j - i === 1 && isFunctionWord(phrase)) continue;
        if (isKnownPlace(phrase)) {
          const k = foldName(phrase);
          if (!out.has(k)) out.set(k, phrase);
          i = j - 1;
          break;
        }
      }
    }
  }
  return [...out.values()];
}

type Chrono = typeof import("chrono-node");
// Loaded on first use, like compromise in lexicon.ts: the server imports this module without parsing dates.
let chronoModule: Chrono | undefined;
const chrono = () => {
  chronoModule ??= createRequire(import.meta.url)("chrono-node") as Chrono;
  return chronoModule;
};

/** Dates with a month named or written out (relative words like "now" are left out), as ISO dates. */
export function extractDates(text: string, lang: Language, reference?: Date): DateMention[] {
  const parser = lang === "es" ? chrono().es : chrono();
  const results = parser.parse(text, reference ?? new Date("2025-01-01T12:00:00Z"));
  const out: DateMention[] = [];
  for (const r of results) {
    const c = r.start;
    if (!c.isCertain("month")) continue;
    if (
      !/\d/.test(r.text) &&
      !/\b(?:january|february|march|april|may|june|july|august|september|october|november|december|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)\b/i.test(
        r.text,
      )
    )
      continue;
    if (/^\d+(?:\s|$)/.test(r.text) && !c.isCertain("day") && !/\d{4}/.test(r.text)) continue;
    const d = c.date();
    const y = d.getFullYear();
    const mo = String(d.getMonth() + 1).padStart(2, "0");
    const day = String(d.getDate()).padStart(2, "0");
    const iso = c.isCertain("day") ? `${y}-${mo}-${day}` : `${y}-${mo}`;
    out.push({ text: r.text, date: iso, start: r.index });
  }
  return out;
}

/** The publication date from a header value ("2025-04-16 (12:26 PM EDT)", "2025-07") or the body's first lines. */
export function publicationDate(header: string | undefined, body: string): string | null {
  const h = header ?? "";
  const full = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(h);
  if (full) return full[0];
  const ym = /\b(\d{4})-(\d{2})\b/.exec(h);
  if (ym) return ym[0];
  const inBody = /^\s*(?:date|published|fecha)[:\s]+(\d{4}-\d{2}-\d{2})/im.exec(body.slice(0, 400));
  if (inBody) return inBody[1]!;
  const written = chrono()
    .parse(body.slice(0, 300))
    .find((r) => r.start.isCertain("year") && r.start.isCertain("day"));
  if (written) return written.start.date().toISOString().slice(0, 10);
  if (/^\d{4}$/.test(h.trim().slice(0, 4))) return h.trim().slice(0, 4);
  return null;
}
