// Identity resolution for Latin-American names: one identity per person, proposals where a merge is not certain.
import { foldName } from "../domain/names.ts";
import { genderOf, isCoreGivenName as isGivenName, isCoreSurname as isSurname } from "./lexicon.ts";
import { editDistanceAtMost1 } from "./people.ts";

export type NameRecord = { name: string; a_number?: string; birth_date?: string };
export type Identity = { canonical: string; members: string[] };
export type Proposal = { a: string; b: string; score: number };
export type Resolution = { identities: Identity[]; proposals: Proposal[] };
export type ResolveOptions = {
  /** Score at or above which two names merge on their own (0..1). */
  threshold?: number;
  /** Lowest score still worth proposing to a person. */
  proposeFrom?: number;
};

const PARTICLES = new Set([
  "de",
  "del",
  "la",
  "las",
  "los",
  "y",
  "da",
  "do",
  "dos",
  "das",
  "van",
  "von",
  "der",
  "e",
]);

/** A name split into given names, surnames and initials, all folded. */
export type ParsedName = {
  given: string[];
  surnames: string[];
  married: string[];
  initials: string[];
  tokens: number;
};

/** "HERNÁNDEZ ROMERO, Andry José" and "HERNANDEZ ROMERO Andry Jose" (lists, court captions) → given names first. */
export function givenFirst(name: string): string {
  const comma = /^([^,]+),\s*([^,]+)$/.exec(name.trim());
  if (comma) return `${comma[2]} ${comma[1]}`;
  const words = name.trim().split(/\s+/);
  const caps = words.findIndex((w) => !(w.length > 2 && w === w.toUpperCase() && /\p{Lu}{3}/u.test(w)));
  if (caps > 0 && words.slice(caps).every((w) => /^\p{Lu}\p{Ll}/u.test(w))) {
    return [...words.slice(caps), ...words.slice(0, caps)].join(" ");
  }
  return name;
}

// Honorifics and titles in front of a name say nothing about who it is ("Mr Ábrego García", "presidente Bukele").
const HONORIFICS = new Set(
  (
    "mr mrs ms miss mx dr prof sir dame sr sra srta don dona senor senora senorita lic licenciado licenciada " +
    "ing president presidente presidenta judge juez jueza justice sen senator senador senadora rep gov governor " +
    "gobernador gen general col capt sgt officer agent father padre sister hermana rev reverend pastor"
  ).split(" "),
);

export function parseName(name: string): ParsedName {
  let all = foldName(givenFirst(name).replace(/^@/, "")).split(" ").filter(Boolean);
  while (all.length > 1 && HONORIFICS.has(all[0]!)) all = all.slice(1);
  // Married form: "Alexis Romero de Hernández" — "de" + husband's surname after her own surname.
  let married: string[] = [];
  const de = all.lastIndexOf("de");
  if (de >= 2 && de === all.length - 2 && !PARTICLES.has(all[de - 1]!) && all.length >= 4) {
    married = [all[de + 1]!];
    all = all.slice(0, de);
  }
  const raw = all.filter((t) => !PARTICLES.has(t));
  const initials = raw.filter((t) => t.length === 1);
  const words = raw.filter((t) => t.length > 1);
  if (words.length <= 1) return { given: [], surnames: words, married, initials, tokens: words.length };
  const given = [words[0]!];
  // More given names while they are known as such; a name of four words or more keeps two surnames.
  const keep = words.length >= 4 ? 2 : 1;
  let k = 1;
  while (k < words.length - keep && isGivenName(words[k]!) && !isSurname(words[k]!)) {
    given.push(words[k]!);
    k++;
  }
  return { given, surnames: words.slice(k), married, initials, tokens: words.length };
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

// Given names as they are translated between Spanish and English ("José" in one record, "Joseph" in another).
const TRANSLATED = new Set<string>();
for (const pair of (
  "jose:joseph juan:john miguel:michael pedro:peter pablo:paul guillermo:william enrique:henry jorge:george " +
  "carlos:charles francisco:francis antonio:anthony andres:andrew mateo:matthew tomas:thomas alejandro:alexander " +
  "maria:mary juana:jane luis:louis ricardo:richard roberto:robert eduardo:edward esteban:stephen felipe:philip " +
  "jaime:james santiago:james diego:james marcos:mark lucas:luke rafael:raphael " +
  "catalina:catherine isabel:elizabeth teresa:theresa juliana:julian ana:anne ines:agnes"
).split(" ")) {
  const [es, en] = pair.split(":") as [string, string];
  TRANSLATED.add(`${es}|${en}`);
  TRANSLATED.add(`${en}|${es}`);
}

/**
 * How a word sounds in Spanish or as a speech-to-text engine writes it: b/v, s/z/soft c, ll/y, silent h,
 * qu/k/hard c, ph/f, doubled letters. "Vásquez"/"Basques", "Yamileth"/"Llamileth" share a key.
 */
export function phoneticKey(word: string): string {
  return word
    .replace(/ph/g, "f")
    .replace(/(?<!c)h/g, "")
    .replace(/qu(?=[ei])/g, "k")
    .replace(/c(?=[ei])/g, "s")
    .replace(/c|q/g, "k")
    .replace(/ll/g, "y")
    .replace(/v/g, "b")
    .replace(/[zx](?=[aeiou]|$)/g, "s")
    .replace(/z/g, "s")
    .replace(/w/g, "u")
    .replace(/y$/g, "i")
    .replace(/(.)\1+/g, "$1");
}

/** 1 for the same word, a little less for a misspelling or a translation, 0 for different words. */
function tokenScore(a: string, b: string): number {
  if (a === b) return 1;
  if (TRANSLATED.has(`${a}|${b}`)) return 0.9;
  if (Math.min(a.length, b.length) >= 4 && phoneticKey(a) === phoneticKey(b)) return 0.9;
  // Two real surnames one letter apart are two families (Hernández / Fernández), not a typo.
  if (isSurname(a) && isSurname(b)) return 0;
  const min = Math.min(a.length, b.length);
  if (isGivenName(a) && isGivenName(b)) {
    // Two real given names: only a spelling of one another (Nicholas / Nicolás, Marc / Marco), never
    // another name of the other sex (Daniel / Daniela) or a short neighbour (José / Josué).
    const ga = genderOf(a);
    const gb = genderOf(b);
    if (ga && gb && ga !== gb) return 0;
    if ((a.startsWith(b) || b.startsWith(a)) && Math.abs(a.length - b.length) === 1 && min >= 4) return 0.9;
    if (min >= 6 && editDistanceAtMost1(a, b)) return 0.9;
    return 0;
  }
  if (min >= 4 && editDistanceAtMost1(a, b)) return 0.92;
  if (min >= 8 && editDistance(a, b) <= 2) return 0.85;
  // Marc / Marco: a given name cut short.
  if (min >= 4 && (a.startsWith(b) || b.startsWith(a)) && Math.abs(a.length - b.length) <= 2) return 0.9;
  return 0;
}

/** Matches every token of `short` to a distinct token of `long`, in order; returns the product of scores or 0. */
function subsequenceScore(short: string[], long: string[]): number {
  let j = 0;
  let score = 1;
  for (const t of short) {
    let best = 0;
    let at = -1;
    for (let k = j; k < long.length; k++) {
      const s = tokenScore(t, long[k]!);
      if (s > best) {
        best = s;
        at = k;
        if (s === 1) break;
      }
    }
    if (!best) return 0;
    score *= best;
    j = at + 1;
  }
  return score;
}

/** How sure we are that two names are one person, 0..1 (0: cannot be). Records with ids decide first. */
export function compareNames(a: NameRecord, b: NameRecord): number {
  if (a.a_number && b.a_number) return normId(a.a_number) === normId(b.a_number) ? 1 : 0;
  if (a.birth_date && b.birth_date && a.birth_date !== b.birth_date) return 0;
  const pa = parseName(a.name);
  const pb = parseName(b.name);
  // "Angel León Arévalo": León may be a second given name or the first surname; try both readings.
  let s = 0;
  for (const x of readings(pa)) for (const y of readings(pb)) s = Math.max(s, nameScore(x, y));
  // "Abrego Garcia", "León Rengel": two or three words that may all be surnames.
  for (const [x, y] of [
    [pa, pb],
    [pb, pa],
  ] as const) {
    if (
      x.tokens >= 2 &&
      x.tokens <= 3 &&
      !x.initials.length &&
      y.tokens > x.tokens &&
      y.surnames.length >= 2
    ) {
      const alt: ParsedName = { ...x, given: [], surnames: [...x.given, ...x.surnames] };
      const sur = subsequenceScore(alt.surnames, y.surnames);
      if (sur) s = Math.max(s, 0.88 * sur);
    }
  }
  if (s > 0 && a.birth_date && a.birth_date === b.birth_date) s = Math.min(1, s + 0.15);
  return s;
}

function readings(p: ParsedName): ParsedName[] {
  // Only a three-word name is ambiguous this way; longer names keep two surnames.
  if (p.given.length < 2 || p.tokens !== 3) return [p];
  return [p, { ...p, given: p.given.slice(0, -1), surnames: [p.given[p.given.length - 1]!, ...p.surnames] }];
}

/** Can the fuller name own this lone word: one of its words, a truncation of one, or a handle spelling it? */
function ownsWord(full: ParsedName, one: ParsedName, fullName: string): boolean {
  const w = one.surnames[0] ?? one.given[0];
  if (!w) return false;
  const words = [...full.given, ...full.surnames, ...full.married];
  if (words.some((t) => tokenScore(w, t) >= 0.9)) return true;
  // A truncated surname ("Hernánd") or a handle ("@anaruizv", "anaruiz").
  if (w.length >= 5 && words.some((t) => t.length > w.length && t.startsWith(w))) return true;
  if (w.length >= 6) {
    if (foldName(fullName).replace(/ /g, "").includes(w)) return true;
    // Two or more of the name's words, in order, spelled together: "@yuleisymarcano".
    let at = 0;
    let found = 0;
    for (const t of words) {
      const k = t.length >= 3 ? w.indexOf(t, at) : -1;
      if (k >= 0) {
        found++;
        at = k + t.length;
      }
    }
    if (found >= 2) return true;
  }
  return false;
}

function normId(id: string): string {
  return id.replace(/\D/g, "").replace(/^0+/, "");
}

function nameScore(a: ParsedName, b: ParsedName): number {
  if (!a.tokens || !b.tokens) return 0;
  // A lone word ("Hernández") could be anyone of that name: never more than a proposal.
  if (a.tokens === 1 || b.tokens === 1) {
    const [one, other] = a.tokens === 1 ? [a, b] : [b, a];
    const s = subsequenceScore(one.surnames, [...other.given, ...other.surnames]);
    return s ? 0.5 * s : 0;
  }
  const [sa, la] = a.surnames.length <= b.surnames.length ? [a, b] : [b, a];
  const sur = subsequenceScore(sa.surnames, la.surnames);
  // Married form: "Romero de Hernández" keeps her own surname first.
  if (!sur) return 0;
  const [ga, gb] = a.given.length <= b.given.length ? [a, b] : [b, a];
  let giv = subsequenceScore(ga.given, gb.given);
  if (!giv) {
    // Initials stand for given names: "J. Hernández Romero".
    const initialsOk = ga.given.length === 0 && ga.initials.length > 0 && ga.initials[0] === gb.given[0]?.[0];
    if (!initialsOk) return 0;
    giv = 0.85;
  }
  if (ga.given[0] && gb.given[0] && tokenScore(ga.given[0], gb.given[0]) === 0) return 0;
  // Initials that contradict each other's given names.
  for (const i of [...a.initials, ...b.initials]) {
    const other = a.initials.includes(i) ? b : a;
    if (other.initials.length && !other.initials.includes(i) && !other.given.some((g) => g[0] === i))
      return 0;
  }
  // Married to two different husbands: two women.
  if (a.married.length && b.married.length && tokenScore(a.married[0]!, b.married[0]!) === 0) return 0;
  const missing = Math.abs(a.given.length - b.given.length) + Math.abs(a.surnames.length - b.surnames.length);
  return Math.max(0, giv * sur - 0.05 * missing);
}

/** `closed`: holds a name that fits several people; nothing joins it. */
type Cluster = { members: number[]; aNumbers: Set<string>; births: Set<string>; closed: boolean };

/**
 * Groups names into identities. Most informative names first; a name joins a cluster only when it fits every
 * member (no chaining) and exactly one cluster fits, so a short name shared by two people stays apart.
 */
export function resolveIdentities(
  input: readonly (string | NameRecord)[],
  options: ResolveOptions = {},
): Resolution {
  const threshold = options.threshold ?? 0.8;
  const proposeFrom = options.proposeFrom ?? 0.45;
  const records: NameRecord[] = input.map((r) => (typeof r === "string" ? { name: r } : r));
  const seen = new Map<string, number>();
  const uniq: NameRecord[] = [];
  for (const r of records) {
    const k = `${r.name}\u0000${r.a_number ?? ""}\u0000${r.birth_date ?? ""}`;
    if (!seen.has(k) && r.name.trim()) {
      seen.set(k, uniq.length);
      uniq.push(r);
    }
  }
  const parsed = uniq.map((r) => parseName(r.name));
  const order = uniq
    .map((_, i) => i)
    .sort((x, y) => {
      const ix = (uniq[x]!.a_number ? 2 : 0) + (uniq[x]!.birth_date ? 1 : 0) + parsed[x]!.tokens * 4;
      const iy = (uniq[y]!.a_number ? 2 : 0) + (uniq[y]!.birth_date ? 1 : 0) + parsed[y]!.tokens * 4;
      return iy - ix || x - y;
    });
  const clusters: Cluster[] = [];
  const index = new Map<string, Set<number>>();
  const keysOf = (p: ParsedName) => {
    const ks = new Set<string>();
    for (const t of [...p.given, ...p.surnames]) {
      ks.add(`p:${t.slice(0, 3)}`);
      ks.add(`s:${t.slice(-3)}`);
    }
    return ks;
  };
  const proposals = new Map<string, Proposal>();
  const propose = (i: number, j: number, score: number) => {
    const [a, b] = [uniq[i]!.name, uniq[j]!.name].sort();
    const k = `${a}\u0000${b}`;
    const old = proposals.get(k);
    if (!old || old.score < score) proposals.set(k, { a: a!, b: b!, score: Math.round(score * 1000) / 1000 });
  };
  for (const i of order) {
    const r = uniq[i]!;
    const candidatesIdx = new Set<number>();
    for (const k of keysOf(parsed[i]!)) for (const c of index.get(k) ?? []) candidatesIdx.add(c);
    const fits: { c: number; score: number }[] = [];
    for (const c of candidatesIdx) {
      const cl = clusters[c]!;
      if (r.a_number && cl.aNumbers.has(normId(r.a_number))) {
        fits.push({ c, score: 1 });
        continue;
      }
      if (r.a_number && cl.aNumbers.size) continue;
      if (r.birth_date && cl.births.size && !cl.births.has(r.birth_date)) continue;
      // The cluster's first member is its fullest name: every other member is a form of it.
      const head = cl.members[0]!;
      const score = compareNames(r, uniq[head]!);
      if (score >= threshold || (cl.closed && score >= proposeFrom)) fits.push({ c, score });
      else if (score >= proposeFrom) propose(i, head, score);
    }
    // A lone word (a given name, a surname, a handle) joins the one identity in the set that can own it;
    // when two could, it stays apart as a proposal.
    if (parsed[i]!.tokens === 1 && !r.a_number) {
      const owners = clusters
        .map((cl, c) => ({ c, cl }))
        .filter(({ cl }) => cl.members.length && parsed[cl.members[0]!]!.tokens > 1)
        .filter(({ cl }) => cl.members.some((m) => ownsWord(parsed[m]!, parsed[i]!, uniq[m]!.name)));
      if (
        owners.length === 1 &&
        !owners[0]!.cl.closed &&
        !(r.birth_date && owners[0]!.cl.births.size && !owners[0]!.cl.births.has(r.birth_date))
      ) {
        fits.splice(0, fits.length, { c: owners[0]!.c, score: 0.85 });
      } else if (owners.length > 1) {
        for (const o of owners) propose(i, o.cl.members[0]!, 0.5);
        fits.splice(0, fits.length, ...owners.map((o) => ({ c: o.c, score: 0.5 })));
      }
    }
    let target: number;
    if (fits.length === 1 && !clusters[fits[0]!.c]!.closed) {
      target = fits[0]!.c;
    } else {
      // None fits, or several do (a short name two people share): a cluster of its own.
      for (const f of fits) for (const m of clusters[f.c]!.members) propose(i, m, compareNames(r, uniq[m]!));
      target = clusters.length;
      clusters.push({ members: [], aNumbers: new Set(), births: new Set(), closed: fits.length > 0 });
    }
    const cl = clusters[target]!;
    cl.members.push(i);
    if (r.a_number) cl.aNumbers.add(normId(r.a_number));
    if (r.birth_date) cl.births.add(r.birth_date);
    for (const k of keysOf(parsed[i]!)) {
      if (!index.has(k)) index.set(k, new Set());
      index.get(k)!.add(target);
    }
  }
  const identities: Identity[] = clusters.map((cl) => {
    const members = cl.members.sort((x, y) => x - y).map((m) => uniq[m]!.name);
    const canonical = [...members].sort((x, y) => {
      const d = parseName(y).tokens - parseName(x).tokens;
      if (d) return d;
      const accents = (s: string) => (s.normalize("NFD").match(/\p{M}/gu) ?? []).length;
      return accents(y) - accents(x) || y.length - x.length;
    })[0]!;
    return { canonical, members: [...new Set(members)] };
  });
  // Proposals between names that ended up in one identity are settled.
  const where = new Map<string, number>();
  identities.forEach((id, k) => {
    for (const m of id.members) where.set(m, k);
  });
  const open = [...proposals.values()].filter((p) => where.get(p.a) !== where.get(p.b));
  open.sort((x, y) => y.score - x.score);
  return { identities, proposals: open };
}
