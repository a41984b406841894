// Name normalization and similarity for accent-insensitive, misspelling-tolerant person search.

/**
 * The particles that join the parts of a name ("María de la Luz", "João dos Santos", "van Dijk"): glue, never
 * a name on their own. The one list: every module that needs particles builds its set from it, and says why
 * when it needs fewer words or more.
 */
export const NAME_PARTICLES: readonly string[] = [
  "de",
  "del",
  "la",
  "las",
  "los",
  "da",
  "do",
  "dos",
  "das",
  "van",
  "von",
];

// Searching also drops "y", which joins two surnames ("Ortega y Gasset") and identifies no one.
const PARTICLES = new Set([...NAME_PARTICLES, "y"]);

/** Lower case, no diacritics, letters and digits only, single spaces: "Ábrego-García" → "abrego garcia". */
export function foldName(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Tokens of a folded name without particles ("de la", "del"): the parts that identify. */
export function nameTokens(name: string): string[] {
  return foldName(name)
    .split(" ")
    .filter((t) => t.length > 0 && !PARTICLES.has(t));
}

/**
 * The words of a name, or of a text that may name someone, that can identify a person: folded, two letters or
 * more, particles left out ("de", "la", "y" join names and name no one). What a name that must not be shown is
 * hidden by (services/public-projection.ts), and what the name-word index holds (store/search.ts).
 */
export function nameWords(text: string): string[] {
  const out = new Set<string>();
  for (const w of foldName(text).split(" ")) if (w.length > 1 && !PARTICLES.has(w)) out.add(w);
  return [...out];
}

/** Initials of a name, particles left out and at most four: "María de la Luz García" → "M.L.G.". */
export function initialsOf(name: string): string {
  const letters = nameTokens(name)
    .map((t) => t[0]?.toUpperCase() ?? "")
    .filter((c) => /\p{L}/u.test(c));
  return letters.length ? `${letters.slice(0, 4).join(".")}.` : "?";
}

/** Character trigrams of each token, padded so short names and word starts count. */
export function trigrams(name: string): string[] {
  const out = new Set<string>();
  for (const t of nameTokens(name)) {
    const padded = `  ${t} `;
    for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  }
  return [...out];
}

/** The words of all of a person's names (full name and aliases), each once: what the name-word index holds. */
export function nameWordsOf(names: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const n of names) for (const w of nameWords(n)) out.add(w);
  return out;
}

/** The trigrams of all of a person's names (full name and aliases), each once: what the name index holds. */
export function nameTrigrams(names: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const n of names) for (const g of trigrams(n)) out.add(g);
  return out;
}

// Which letters of each string matched: reused by every call (a search scores hundreds of names).
let aMatch = new Uint8Array(64);
let bMatch = new Uint8Array(64);

/** Jaro-Winkler similarity of two strings, 0..1. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  if (!a.length || !b.length) return 0;
  const range = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  if (a.length > aMatch.length) aMatch = new Uint8Array(a.length);
  if (b.length > bMatch.length) bMatch = new Uint8Array(b.length);
  aMatch.fill(0, 0, a.length);
  bMatch.fill(0, 0, b.length);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const lo = Math.max(0, i - range);
    const hi = Math.min(b.length - 1, i + range);
    const c = a.charCodeAt(i);
    for (let j = lo; j <= hi; j++) {
      if (!bMatch[j] && c === b.charCodeAt(j)) {
        aMatch[i] = 1;
        bMatch[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (!matches) return 0;
  let k = 0;
  let transpositions = 0;
  for (let i = 0; i < a.length; i++) {
    if (!aMatch[i]) continue;
    while (!bMatch[k]) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  const m = matches;
  const jaro = (m / a.length + m / b.length + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** "Abrego Garcia, Kilmar" → "Kilmar Abrego Garcia": the surname-first order of official lists. */
function givenNamesFirst(query: string): string {
  const comma = query.indexOf(",");
  return comma < 0 ? query : `${query.slice(comma + 1)} ${query.slice(0, comma)}`;
}

// Names keep their order: a query token matched out of order, or one that skips a name part between two
// matched ones, costs a little — enough to rank "Wei Lei Wang" above "Lei Wei Wang" for "wei lei wang",
// and "Isaac Lopez Arias" above "Isaac Hernandez Lopez" for "Isaac Lopez", never enough to hide a person.
const OUT_OF_ORDER_COST = 0.02;
const SKIPPED_PART_COST = 0.005;

/**
 * How well a query names a person, 0..1. Each query token is matched to its best name token
 * (so dropped middle names and a missing second surname cost little), weighted by length;
 * tokens of the name the query does not mention cost a little, so the fuller match wins ties, and so
 * do order kept and no part skipped. A part left unmentioned costs less than a misspelled one: "Josue
 * Diaz" names Josue Diaz Perez before a Jose Diaz.
 */
export function nameSimilarity(query: string, name: string): number {
  return tokenSimilarity(queryTokens(query), nameTokens(name));
}

/** Best similarity of a query against any of a person's names (full name and aliases). */
export function bestNameSimilarity(query: string, names: readonly string[]): number {
  return nameScorer(query)(names);
}

/** bestNameSimilarity with the query read once: for scoring many people against one query. */
export function nameScorer(query: string): (names: readonly string[]) => number {
  const q = queryTokens(query);
  return (names) => {
    let best = 0;
    for (const n of names) best = Math.max(best, tokenSimilarity(q, nameTokens(n)));
    return best;
  };
}

const queryTokens = (query: string): string[] => nameTokens(givenNamesFirst(query));

function tokenSimilarity(q: readonly string[], n: readonly string[]): number {
  if (!q.length || !n.length) return 0;
  const used = new Set<number>();
  const positions: number[] = [];
  let score = 0;
  let weight = 0;
  for (const qt of q) {
    let best = 0;
    let bestIdx = -1;
    for (let idx = 0; idx < n.length; idx++) {
      const nt = n[idx] ?? "";
      let s = jaroWinkler(qt, nt);
      if (nt.startsWith(qt) && qt.length >= 1 && qt.length < nt.length)
        s = Math.max(s, qt.length === 1 ? 0.85 : 0.9);
      if (used.has(idx)) s *= 0.8;
      if (s > best) {
        best = s;
        bestIdx = idx;
      }
    }
    if (bestIdx >= 0 && !used.has(bestIdx)) {
      used.add(bestIdx);
      positions.push(bestIdx);
    }
    const w = Math.max(2, qt.length);
    score += best * w;
    weight += w;
  }
  const coverage = used.size / n.length;
  let inversions = 0;
  for (let i = 0; i < positions.length; i++)
    for (let j = i + 1; j < positions.length; j++) if (positions[i]! > positions[j]!) inversions++;
  const skipped = positions.length
    ? Math.max(...positions) - Math.min(...positions) + 1 - positions.length
    : 0;
  const order = 1 - OUT_OF_ORDER_COST * inversions - SKIPPED_PART_COST * skipped;
  return (score / weight) * (0.95 + 0.05 * coverage) * order;
}
