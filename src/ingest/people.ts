// Named people in an article body (English and Spanish): full names by evidence, then every short form.
import { foldName, nameTokens } from "../domain/names.ts";
import {
  genderOf,
  isCommonWord,
  isCoreSurname,
  isDemonym,
  isFunctionWord,
  isGivenName,
  isKnownPlace,
  isLeadingOrgHead,
  isListedSurname,
  isNonPersonWord,
  isOrgHead,
  isSurname,
  isTitleWord,
  KNOWN_NON_PEOPLE,
} from "./lexicon.ts";
import { foldKeepLength } from "./text.ts";

export type Span = { start: number; end: number };
export type PersonMention = Span & { person: number; form: string };
export type Person = {
  name: string;
  forms: string[];
  mentions: number;
  gender?: "m" | "f";
  /** Role words seen before the name ("judge", "detainee"), folded; they let "the judge said" find him. */
  roles: string[];
};
export type Candidate = { tokens: string[]; start: number; end: number; titled: string | undefined };

const TOK = String.raw`(?:\p{Lu}\.(?:[ \u00a0]?\p{Lu}\.)*|\p{Lu}[\p{L}\p{M}]*(?:['’\-]\p{L}[\p{L}\p{M}]*)*(?:['’]s?)?)`;
const PART = "(?:de la|de las|de los|del|de|la|van der|van|von|da|dos|di|le)";
const SEQ = new RegExp(String.raw`${TOK}(?:[ \u00a0]{1,2}(?:${PART}[ \u00a0]+)?${TOK})*`, "gu");
const PARTICLES = new Set([
  "de",
  "del",
  "la",
  "las",
  "los",
  "van",
  "der",
  "von",
  "da",
  "dos",
  "di",
  "le",
  "el",
]);

const SPEECH =
  "said|says|told|tells|wrote|writes|added|adds|noted|notes|stated|explained|argued|recalled|asked|continued|warned|confirmed|described|insisted|testified|posted|tweeted|announced|replied|shouted|cried|dijo|afirmó|señaló|aseguró|explicó|declaró|indicó|agregó|añadió|escribió|sostuvo|advirtió|comentó|denunció|relató|contó|affirmed|reiterated|stressed|claimed|acknowledged|cuenta|detalló|reiteró|subrayó|destacó|precisó|recordó|lamentó|respondió|afirma|asegura|explica|relata|sostiene";
const HUMAN_AFTER = new RegExp(
  String.raw`^(?:[’']s\s+)?(?:,\s*(?:\d{1,3}|who|quien|whose|an?\s|the\s|el\s|la\s|un\s|una\s|de\s\d)|\s+(?:${SPEECH}|who|whose|quien|has\s+said|had\s+said|is\s+a|was\s+a|served\s+as|became|was\s+(?:appointed|born|elected|arrested|detained|deported|released)|pleaded|fue\s|es\s+un)(?![\p{L}\p{N}])|\s*(?:/|\|)\s*(?:Getty|Reuters|AP|AFP|Stringer|Pool|Bloomberg|EPA|NurPhoto))`,
  "u",
);
const HUMAN_BEFORE = new RegExp(
  String.raw`(?:\b(?:${SPEECH})\s*,?|\b(?:by|por|according to|según|photo|photograph by|foto de|credit)\s*[:/]?|\bPhoto/|\b(?:his|her|their|my|our|su|sus)\s+(?:mother|father|sister|brother|son|daughter|wife|husband|friend|lawyer|attorney|madre|padre|hermana|hermano|hija|hijo|esposa|esposo|amigo|amiga|abogado|abogada)\s*,?)\s*$`,
  "iu",
);
const MONO_AFTER =
  /^(?:[’']s)?\s+(?:administration|appointee|regime|government|campaign|presidency|White House|era)\b|^-appointed\b/iu;
const MONO_BEFORE = /\b(?:gobierno|administración|régimen|mandato)\s+de\s*$/iu;

/** All capitalized name-like sequences with titles peeled off the front. */
export function candidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  SEQ.lastIndex = 0;
  for (let m = SEQ.exec(text); m; m = SEQ.exec(text)) {
    const parts: { t: string; s: number }[] = [];
    const re = new RegExp(`${TOK}|${PART}`, "gu");
    for (let t = re.exec(m[0]); t; t = re.exec(m[0])) parts.push({ t: t[0], s: m.index + t.index });
    // Split at possessives: "The Conservative Caucus’s Jim Pfaff" is two phrases.
    let cur: { t: string; s: number }[] = [];
    const flush = () => {
      if (cur.length) out.push(...peel(cur, text));
      cur = [];
    };
    for (const p of parts) {
      const poss = /['’]s?$/.test(p.t) && !/^\p{Lu}['’]\p{Lu}/u.test(p.t);
      const t = poss ? p.t.replace(/['’]s?$/, "") : p.t;
      if (t) cur.push({ t, s: p.s });
      if (poss) flush();
    }
    flush();
  }
  return out;
}

function peel(all: { t: string; s: number }[], text: string): Candidate[] {
  let parts = all;
  // Title Case then SHOUTING is two phrases ("Trump DEPORTS").
  for (let k = 1; k < parts.length; k++) {
    if (isAllCaps(parts[k]!.t) && parts[k]!.t.length >= 4 && !isAllCaps(parts[k - 1]!.t)) {
      parts = parts.slice(0, k);
      break;
    }
  }
  let i = 0;
  // A known place in front is not part of the name ("El Salvador Alex Peña").
  for (let k = Math.min(3, parts.length - 1); k >= 1; k--) {
    if (
      isKnownPlace(
        parts
          .slice(0, k)
          .map((p) => p.t)
          .join(" "),
      )
    ) {
      i = k;
      break;
    }
  }
  // Drop sentence-initial function words and common words, particles at the edges.
  while (i < parts.length && (isFunctionWord(parts[i]!.t) || isParticle(parts[i]!.t))) {
    if (i + 1 < parts.length && parts[i]!.t === "El" && !isFunctionWord(parts[i + 1]!.t) && i > 0) break;
    i++;
  }
  let titled: string | undefined;
  // The last title word before the name: "Virginia Attorney General Jason Miyares".
  for (let j = parts.length - 2; j >= i; j--) {
    const t = parts[j]!.t.replace(/\.$/, "");
    if (isTitleWord(t)) {
      titled = foldName(t);
      i = j + 1;
      break;
    }
  }
  // Words before the first given name that cannot be part of a name ("Navy Seal Wilbert ...").
  if (i < parts.length && isLeadingOrgHead(parts[i]!.t))
    return [
      {
        tokens: parts.slice(i).map((p) => p.t),
        start: parts[i]!.s,
        end: parts[parts.length - 1]!.s + parts[parts.length - 1]!.t.length,
        titled: undefined,
      },
    ];
  const g = parts.findIndex((p, k) => k >= i && isGivenName(p.t));
  if (
    g > i &&
    parts.slice(i, g).some((p) => isOrgHead(p.t) || isDemonym(p.t) || isKnownPlace(p.t) || isTitleWord(p.t))
  ) {
    i = g;
  }
  let end = parts.length;
  while (end > i && (isParticle(parts[end - 1]!.t) || /^(?:Jr|Sr)\.?$/.test(parts[end - 1]!.t))) end--;
  const kept = parts.slice(i, end);
  if (!kept.length) return [];
  if (!titled) {
    // A title just before, or a few words before with an apposition: "El presidente salvadoreño, Nayib Bukele".
    const before = text.slice(Math.max(0, kept[0]!.s - 50), kept[0]!.s);
    const m = /\b(\p{L}+)\.?\s+$/u.exec(before);
    if (m && isTitleWord(m[1]!)) titled = foldName(m[1]!);
    // A Spanish title and its adjective: "el presidente salvadoreño Nayib Bukele", "la jueza federal Ana Ruiz".
    const adj = /\b(\p{L}+)\s+\p{Ll}[\p{L}\p{M}]+\s+$/u.exec(before);
    if (!titled && adj && isTitleWord(adj[1]!) && /^\p{Ll}/u.test(adj[1]!)) titled = foldName(adj[1]!);
    const tail = before.trimEnd();
    if (!titled && tail.endsWith(",")) {
      const clause =
        tail
          .slice(0, -1)
          .split(/[.!?;\n]/)
          .pop() ?? "";
      const words = clause.trim().split(/\s+/).slice(-4);
      const t = words.find((w) => /^\p{Ll}/u.test(w) && isTitleWord(w));
      if (t) titled = foldName(t);
    }
  }
  const last = kept[kept.length - 1]!;
  return [{ tokens: kept.map((p) => p.t), start: kept[0]!.s, end: last.s + last.t.length, titled }];
}

/** "de", "la", or a run of them ("de la"): glue inside a name, never a name on its own. */
function isParticle(t: string): boolean {
  return t
    .toLowerCase()
    .split(/\s+/)
    .every((w) => PARTICLES.has(w));
}

function isInitial(t: string): boolean {
  return /^\p{Lu}\.$/u.test(t) || /^(?:\p{Lu}\.\s?)+$/u.test(t);
}

function isAllCaps(t: string): boolean {
  return t.length > 1 && t === t.toUpperCase();
}

/** Does a capitalized sequence name a person? Returns the reason or undefined. */
export function personEvidence(c: Candidate, text: string): string | undefined {
  const toks = c.tokens;
  const words = toks.filter((t) => !isInitial(t) && !isParticle(t));
  // "J. R. Ortega": initials stand for the given names when a surname follows.
  if (
    words.length === 1 &&
    isInitial(toks[0]!) &&
    !/^(?:U\.S\.|U\.N\.|D\.C\.|U\.K\.|E\.U\.|EE\.UU\.)$/.test(toks[0]!) &&
    isSurname(words[0]!) &&
    !isCommonWord(words[0]!)
  )
    return "initials";
  if (words.length < 2) return undefined;
  const phrase = toks.join(" ");
  if (
    KNOWN_NON_PEOPLE.some((k) => foldName(k) === foldName(phrase) || foldName(phrase).includes(foldName(k)))
  )
    return undefined;
  if (isKnownPlace(phrase)) return undefined;
  if (words.some((w) => isOrgHead(w) || isNonPersonWord(w))) return undefined;
  if (isTitleWord(words[words.length - 1]!)) return undefined;
  if (words.every(isAllCaps) && !isGivenName(words[0]!)) return undefined;
  if (words.some((w) => /\d/.test(w))) return undefined;
  if (words.some((w) => isDemonym(w) && !isGivenName(w) && !isSurname(w))) return undefined;
  const after = text.slice(c.end, c.end + 40);
  const before = text.slice(Math.max(0, c.start - 40), c.start);
  const context =
    HUMAN_AFTER.test(after) ||
    (/^\s+(?:and|y)\s+\p{Lu}[\p{L}\p{M}]+\s+\p{Lu}/u.test(after) &&
      isGivenName(after.trim().split(/\s+/)[1] ?? "")) ||
    HUMAN_BEFORE.test(before) ||
    listedWithPeople(c, text);
  const given = words.slice(0, -1).some((w) => isGivenName(w));
  // After a given name, a word of the surname lists is a surname even when it is also a common word
  // ("Gustavo Lira Benítez").
  const givenFirst = isGivenName(words[0]!) && !isCommonWord(words[0]!);
  const common = words.filter(
    (w, k) =>
      isCommonWord(w) && !isGivenName(w) && !isSurname(w) && !(givenFirst && k > 0 && isListedSurname(w)),
  );
  if (c.titled && common.length <= 1) return "title";
  if (given && common.length === 0) return "given name";
  if (given && common.length === 1 && common[0] === words[words.length - 1] && (c.titled || context))
    return "given name";
  const placeLike = words.some((w) => isKnownPlace(w));
  // Only the short built-in surname list: the frequency lists hold too many Spanish words ("Blanca", "Rosales").
  if (!common.length && !placeLike && isCoreSurname(words[words.length - 1]!) && !isCommonWord(words[0]!))
    return "surname";
  if (context && common.length === 0 && !placeLike) return "context";
  if (context && common.length === 1 && common[0] === words[0] && !placeLike && /\/|\|/.test(after))
    return "credit";
  return undefined;
}

/** "Ana Vanessa Herrero, Sarah Blaskey, Razzan Nakhlawi and Monika Mathur": people listed with people. */
function listedWithPeople(c: Candidate, text: string): boolean {
  const lineStart = text.lastIndexOf("\n", c.start) + 1;
  let lineEnd = text.indexOf("\n", c.end);
  if (lineEnd < 0) lineEnd = text.length;
  const line = text.slice(lineStart, lineEnd);
  const items = line.split(/\s*(?:,|;|\band\b|\by\b)\s*/u).filter(Boolean);
  if (items.length < 3) return false;
  let named = 0;
  for (const it of items) {
    const ws = it.trim().split(/\s+/);
    if (ws.length >= 2 && ws.length <= 4 && isGivenName(ws[0]!)) named++;
  }
  return named >= 2;
}

/** Two full names of one person inside one article: same tokens, or one a sub-sequence of the other. */
function sameInArticle(a: string[], b: string[]): boolean {
  const [s, l] = a.length <= b.length ? [a, b] : [b, a];
  if (!s.length) return false;
  let j = 0;
  for (const t of s) {
    while (j < l.length && !tokenEq(t, l[j]!)) j++;
    if (j === l.length) return false;
    j++;
  }
  // A lone given name inside a longer name is not enough ("Mike" in "Mike Lee").
  return s.length >= 2 || !isGivenName(s[0]!);
}

function tokenEq(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length === 1 || b.length === 1) return a[0] === b[0];
  if (a.length >= 5 && b.length >= 5) return editDistanceAtMost1(a, b);
  return false;
}

export function editDistanceAtMost1(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else if (a[i + 1] === b[j] && a[i] === b[j + 1]) {
      i += 2;
      j += 2;
    } else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/** Mononyms that name a person by pattern: "Trump administration", "an Obama appointee", "gobierno de Maduro". */
function mononymPeople(text: string): Candidate[] {
  const out: Candidate[] = [];
  const re = /\p{Lu}[\p{L}\p{M}]+(?:-\p{Lu}[\p{L}\p{M}]+)?/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const w = m[0];
    if (
      isCommonWord(w) ||
      isFunctionWord(w) ||
      isKnownPlace(w) ||
      isDemonym(w) ||
      isAllCaps(w) ||
      isOrgHead(w)
    )
      continue;
    if (isNonPersonWord(w) || isTitleWord(w) || isGivenName(w)) continue;
    const end = m.index + w.length;
    const after = text.slice(end, end + 30);
    const before = text.slice(Math.max(0, m.index - 30), m.index);
    const prevChar = text[m.index - 1];
    if (prevChar && /[\p{L}@./]/u.test(prevChar)) continue;
    // "Mr Ortega", "presidente Bukele", "el presidente salvadoreño Bukele": a title (and a Spanish adjective).
    const titled =
      /\b(?:Judge|Justice|Sen\.?|Rep\.?|President|Secretary|Gov\.?|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Sr\.|Sra\.|[Pp]residente|[Pp]residenta|[Ee]xpresidente|[Mm]andatario|[Mm]inistr[oa]|[Ss]enador[a]?|[Jj]uez[a]?|[Cc]anciller|[Aa]lcalde(?:sa)?|[Gg]obernador[a]?|[Ss]eñor[a]?)\s+(?:\p{Ll}+(?:o|a|os|as|ense|eño|eña)\s+)?$/u.test(
        before,
      ) && !isGivenName(w);
    if (MONO_AFTER.test(after) || MONO_BEFORE.test(before) || titled) {
      // Take the whole capitalized run the word belongs to: "gobierno de Nayib Bukele".
      const tokens = [w];
      let start = m.index;
      let stop = end;
      for (;;) {
        const left = /(\p{Lu}[\p{L}\p{M}]+)\s+$/u.exec(text.slice(Math.max(0, start - 25), start));
        if (
          !left ||
          tokens.length >= 4 ||
          isFunctionWord(left[1]!) ||
          isTitleWord(left[1]!) ||
          isCommonWord(left[1]!)
        )
          break;
        tokens.unshift(left[1]!);
        start -= left[0].length;
      }
      for (;;) {
        const right = /^\s+(\p{Lu}[\p{L}\p{M}]+)/u.exec(text.slice(stop, stop + 25));
        if (
          !right ||
          tokens.length >= 4 ||
          isOrgHead(right[1]!) ||
          isCommonWord(right[1]!) ||
          isFunctionWord(right[1]!)
        )
          break;
        tokens.push(right[1]!);
        stop += right[0].length;
      }
      out.push({ tokens, start, end: stop, titled: titled ? "title" : undefined });
      re.lastIndex = stop;
    }
  }
  return out;
}

/** First names introduced by kinship: "His mother, Dolores, ...", "whose mother Gertrudis lives". */
function kinNames(text: string): Candidate[] {
  const out: Candidate[] = [];
  const re =
    /\b(?:mother|father|sister|brother|wife|husband|son|daughter|madre|padre|hermana|hermano|esposa|esposo|hija|hijo)\s*,?\s+(\p{Lu}[\p{L}\p{M}]+)\b(?!\s+\p{Lu})/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const w = m[1]!;
    if (isCommonWord(w) || isKnownPlace(w) || isFunctionWord(w) || isDemonym(w)) continue;
    const start = m.index + m[0].length - w.length;
    out.push({ tokens: [w], start, end: start + w.length, titled: "kin" });
  }
  return out;
}

const LIST_MARK = /^\s*(?:[-*•·▪–—]|\d{1,4}[.)]|\(\d{1,4}\)|\|)\s*/u;
const NAME_WORD =
  /^(?:\p{Lu}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*|\p{Lu}\.|de|del|la|las|los|da|dos|y)$/u;

/** A table cell or list item that reads as a person's name: 2–6 name words, one of them a listed name. */
function nameCell(cell: string): string[] | undefined {
  const plain = cell.replace(/\s+/g, " ").trim();
  if (!plain || /\d/.test(plain)) return undefined;
  // "HERNÁNDEZ ROMERO, Andry José": surnames first, then given names.
  // "Ana Ruiz, lawyer" / "Ana Ruiz, ProPublica": the name is the part before the comma.
  const comma = /^([^,]+),\s*([^,]+)$/.exec(plain);
  const inverted = comma && isGivenName(comma[2]!.trim().split(" ")[0]!) && !/\p{Ll}/u.test(comma[1]!);
  const ordered = comma ? (inverted ? `${comma[2]} ${comma[1]}` : comma[1]!.trim()) : plain;
  const words = ordered.split(" ");
  if (words.length < 2 || words.length > 6 || !words.every((w) => NAME_WORD.test(w))) return undefined;
  const core = words.filter((w) => !PARTICLES.has(w.toLowerCase()) && w !== "y" && !isInitial(w));
  if (core.length < 2) return undefined;
  if (core.some((w) => isOrgHead(w) || isNonPersonWord(w) || isTitleWord(w) || isKnownPlace(w)))
    return undefined;
  if (isKnownPlace(plain) || core.some((w) => isDemonym(w) && !isGivenName(w))) return undefined;
  const named = core.filter((w) => isGivenName(w) || isSurname(w)).length;
  const common = core.filter((w) => isCommonWord(w) && !isGivenName(w) && !isSurname(w)).length;
  // All capitals is how manifests print surnames; mixed-case common words are a heading, not a name.
  if (common > 0 || named === 0 || (named === 1 && core.length > 2 && !isGivenName(core[0]!)))
    return undefined;
  return words;
}

/**
 * Names in bare lists, bullets and manifest rows: a line (or a table cell) that is only a name, among
 * neighbouring lines of the same shape or behind a list marker. Prose sentences never qualify.
 */
function listedNames(text: string): (Candidate & { surface: string })[] {
  const lines: { s: number; t: string }[] = [];
  let at = 0;
  for (const t of text.split("\n")) {
    lines.push({ s: at, t });
    at += t.length + 1;
  }
  const cells = lines.map((l) => {
    const marked = LIST_MARK.exec(l.t);
    const body = marked ? l.t.slice(marked[0].length) : l.t;
    const offset = l.s + (marked ? marked[0].length : 0);
    const parts: { s: number; t: string }[] = [];
    // Table cells: pipes, tabs or runs of spaces; list items: commas between names, or " and ".
    const re = /[^|\t;]+/g;
    for (let m = re.exec(body); m; m = re.exec(body)) parts.push({ s: offset + m.index, t: m[0] });
    const found = parts
      .map((p) => ({ p, words: nameCell(p.t) }))
      .filter((x): x is { p: { s: number; t: string }; words: string[] } => !!x.words);
    return { marked: !!marked || parts.length > 1, found, empty: !l.t.trim() };
  });
  const out: (Candidate & { surface: string })[] = [];
  cells.forEach((c, i) => {
    if (!c.found.length) return;
    const near = (k: number) => {
      for (let j = k; j >= 0 && j < cells.length; j += k < i ? -1 : 1) if (!cells[j]!.empty) return cells[j]!;
      return undefined;
    };
    const prev = near(i - 1);
    const next = near(i + 1);
    const neighbours = (prev?.found.length ? 1 : 0) + (next?.found.length ? 1 : 0);
    if (!c.marked && neighbours === 0) return;
    for (const { p, words } of c.found) {
      const lead = p.t.length - p.t.trimStart().length;
      const surface = p.t.trim().replace(/\s+/g, " ");
      out.push({
        tokens: words,
        start: p.s + lead,
        end: p.s + lead + p.t.trim().length,
        titled: undefined,
        surface,
      });
    }
  });
  return out;
}

/**
 * Victims named by a given name alone or with an initial, as reporters protect them: "Yender M., 27, said",
 * "Luisa (not her real name)", "Wilmer, who asked that his surname not be used".
 */
function pseudonyms(text: string): Candidate[] {
  const out: Candidate[] = [];
  const re =
    /(?<![\p{L}\p{M}])(\p{Lu}[\p{Ll}\p{M}]+)(\s+\p{Lu}\.)?(?=\s*(?:,\s*(?:\d{1,2}|(?:who|quien)\s+(?:asked|requested|declined|spoke|pidió|prefirió|solicitó))\b|\s*\((?:not (?:his|her|their) real name|a pseudonym|nombre ficticio|no es su nombre real|seudónimo)))/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const w = m[1]!;
    // A given name the lists know, or any name-like word when an initial follows ("Yender M., 27").
    if (
      (!isGivenName(w) && !m[2]) ||
      isCommonWord(w) ||
      isKnownPlace(w) ||
      isTitleWord(w) ||
      isFunctionWord(w)
    )
      continue;
    if (isDemonym(w) || isOrgHead(w) || isNonPersonWord(w)) continue;
    const tokens = m[2] ? [w, m[2].trim()] : [w];
    out.push({ tokens, start: m.index, end: m.index + m[0].length, titled: "kin" });
  }
  return out;
}

type Draft = {
  key: string[];
  forms: Map<string, number>;
  roles: Set<string>;
  best: string;
  surfaces: Set<string>;
};

/** People of an article body; `exclude` are byline names (journalists of the header) left out. */
export function extractPeople(
  text: string,
  exclude: readonly string[] = [],
): { people: Person[]; mentions: PersonMention[] } {
  const clean = text.replace(/[[\]]/g, " ");
  const drafts: Draft[] = [];
  const excluded = exclude.map((n) => nameTokens(n)).filter((t) => t.length);
  const addDraft = (tokens: string[], surface: string, role: string | undefined) => {
    const key = nameTokens(tokens.filter((t) => !isInitial(t)).join(" "));
    if (!key.length) return;
    if (excluded.some((x) => sameInArticle(x, key))) return;
    let d = drafts.find((x) => sameInArticle(x.key, key));
    if (!d) {
      d = { key, forms: new Map(), roles: new Set(), best: surface, surfaces: new Set() };
      drafts.push(d);
    }
    if (key.length > d.key.length) {
      d.key = key;
      d.best = surface;
    } else if (
      key.length === d.key.length &&
      /[^\p{ASCII}]/u.test(surface) &&
      !/[^\p{ASCII}]/u.test(d.best)
    ) {
      d.best = surface;
    }
    if (role && role !== "kin" && role !== "title") d.roles.add(role);
  };
  for (const c of candidates(clean)) {
    const why = personEvidence(c, clean);
    if (!why) continue;
    addDraft(c.tokens, surfaceOf(clean, c), c.titled);
  }
  for (const c of listedNames(clean)) {
    const key = nameTokens(c.tokens.join(" "));
    if (!key.length) continue;
    addDraft(c.tokens, c.tokens.join(" "), undefined);
    // A comma-inverted row ("ROMERO, Ana") is also searched as written.
    const d = drafts.find((x) => sameInArticle(x.key, key));
    if (d && c.surface.includes(","))
      d.surfaces.add(c.surface.split(",")[0]!.trim() === c.tokens.join(" ") ? c.tokens.join(" ") : c.surface);
  }
  for (const c of pseudonyms(clean)) {
    const key = nameTokens(c.tokens.join(" "));
    if (!key.length || drafts.some((d) => key.every((k) => d.key.includes(k)))) continue;
    addDraft(c.tokens, c.tokens.join(" "), undefined);
    const d = drafts.find((x) => sameInArticle(x.key, key));
    if (d) d.surfaces.add(c.tokens.join(" "));
  }
  for (const c of [...mononymPeople(clean), ...kinNames(clean)]) {
    const key = nameTokens(c.tokens.join(" "));
    if (!key.length || drafts.some((d) => key.every((k) => d.key.includes(k)))) continue;
    addDraft(c.tokens, c.tokens.join(" "), c.titled);
  }
  // Collect role words for drafts ("Judge Paula Xinis" → judge) from titled candidates.
  for (const c of candidates(clean)) {
    if (!c.titled) continue;
    const key = nameTokens(c.tokens.join(" "));
    const d = drafts.find((x) => key.length && sameInArticle(x.key, key));
    if (d) d.roles.add(c.titled);
  }
  return findForms(text, clean, drafts);
}

function surfaceOf(text: string, c: Candidate): string {
  return text.slice(c.start, c.end).replace(/\s+/g, " ").trim();
}

/** Every surface form of each person: full names, surname groups, first name, handles. */
function findForms(
  text: string,
  clean: string,
  drafts: Draft[],
): { people: Person[]; mentions: PersonMention[] } {
  const folded = foldKeepLength(clean);
  type Variant = { folded: string; person: number };
  const variants: Variant[] = [];
  const byVariant = new Map<string, Set<number>>();
  drafts.forEach((d, idx) => {
    const surfaceTokens = d.best.split(/\s+/).filter((t) => !isInitial(t));
    const toks = surfaceTokens.map((t) => foldKeepLength(t));
    const set = new Set<string>();
    set.add(foldKeepLength(d.best));
    for (const x of d.surfaces) set.add(foldKeepLength(x));
    const core = toks.filter((t) => !PARTICLES.has(t));
    const n = toks.length;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j <= n; j++) {
        const w = toks.slice(i, j);
        if (PARTICLES.has(w[0]!) && i > 0 && w.length === 1) continue;
        if (PARTICLES.has(w[w.length - 1]!)) continue;
        if (j === n || (i > 0 && j - i >= 2) || (i === 0 && j >= 2)) set.add(w.join(" "));
        if (i === 0 && j === 1 && core.length > 1 && !isCommonWord(w[0]!)) set.add(w[0]!);
      }
    }
    // Any later single word that is not a given name: "Basulto" for "Marco Jesús Basulto Salinas".
    for (let k = 1; k < n; k++) {
      const w = toks[k]!;
      if (
        !PARTICLES.has(w) &&
        w.length > 2 &&
        !isGivenName(w) &&
        !isCommonWord(w) &&
        !isInitial(surfaceTokens[k]!)
      )
        set.add(w);
    }
    // Given name + any later word ("Andry Hernández" from "Andry José Hernández Romero").
    for (let k = 1; k < n; k++)
      if (!PARTICLES.has(toks[k]!)) set.add(`${toks[0]} ${toks.slice(k).join(" ")}`);
    for (let k = 2; k < n; k++) if (!PARTICLES.has(toks[k - 1]!)) set.add(`${toks[0]} ${toks[k - 1]}`);
    for (const v of set) {
      if (!v.trim()) continue;
      if (!byVariant.has(v)) byVariant.set(v, new Set());
      byVariant.get(v)!.add(idx);
    }
  });
  for (const [v, owners] of byVariant) for (const p of owners) variants.push({ folded: v, person: p });
  variants.sort((a, b) => b.folded.length - a.folded.length);
  const taken = new Uint8Array(clean.length);
  const raw: PersonMention[] = [];
  for (const v of variants) {
    const owners = byVariant.get(v.folded)!;
    let from = 0;
    for (;;) {
      const at = folded.indexOf(v.folded, from);
      if (at < 0) break;
      from = at + 1;
      const end = at + v.folded.length;
      if (at > 0 && /[\p{L}\p{N}]/u.test(folded[at - 1]!)) continue;
      if (end < folded.length && /[\p{L}\p{N}]/u.test(folded[end]!)) continue;
      if (!/^\p{Lu}/u.test(clean[at]!)) continue;
      let free = true;
      for (let k = at; k < end; k++) if (taken[k]) free = false;
      if (!free) continue;
      let person = v.person;
      if (owners.size > 1) {
        const prev = [...raw].reverse().find((m) => m.start < at && owners.has(m.person));
        if (!prev) continue;
        person = prev.person;
      } else if (v.person !== person) continue;
      if (owners.size > 1 && v.person !== person) continue;
      for (let k = at; k < end; k++) taken[k] = 1;
      raw.push({ start: at, end, person, form: text.slice(at, end).replace(/\s+/g, " ") });
    }
  }
  // X handles that spell a person's name: "@realDonaldTrump", "@nayibbukele".
  const handleRe = /@(\w{3,30})/g;
  for (let m = handleRe.exec(clean); m; m = handleRe.exec(clean)) {
    const h = m[1]!.toLowerCase();
    const idx = drafts.findIndex((d) => {
      const k = d.key.map((t) => t.replace(/ /g, ""));
      const firstLast = k.length >= 2 ? `${k[0]}${k[k.length - 1]}` : "";
      return (firstLast && h.includes(firstLast)) || (k.length >= 2 && h === k.join(""));
    });
    if (idx >= 0) raw.push({ start: m.index, end: m.index + m[0].length, person: idx, form: m[0] });
  }
  raw.sort((a, b) => a.start - b.start);
  const people: Person[] = drafts.map((d) => ({
    name: d.best,
    forms: [],
    mentions: 0,
    gender: genderOf(d.best.split(/\s+/)[0] ?? ""),
    roles: [...d.roles],
  }));
  for (const m of raw) {
    const p = people[m.person]!;
    p.mentions++;
    if (!p.forms.includes(m.form)) p.forms.push(m.form);
  }
  // A person only ever seen as a lone, non-evidenced form is dropped; renumber mentions.
  const keep = people.map((p, i) => p.mentions > 0 && (drafts[i]!.key.length >= 2 || p.forms.length > 0));
  const remap = new Map<number, number>();
  const outPeople: Person[] = [];
  people.forEach((p, i) => {
    if (keep[i]) {
      remap.set(i, outPeople.length);
      outPeople.push(p);
    }
  });
  const mentions = raw
    .filter((m) => remap.has(m.person))
    .map((m) => ({ ...m, person: remap.get(m.person)! }));
  return { people: outPeople, mentions };
}
