// Near-duplicate articles: reposts, scraper copies and spun rewrites, by shingle containment over an inverted index.
import snowball from "snowball-stemmers";
import { splitArticle } from "./text.ts";

export type DedupeDoc = { id: string; text: string };
export type DedupeOptions = {
  /** Share of the smaller article's content 3-shingles found in the other (copies, truncations, light edits). */
  contentThreshold?: number;
  /** Share of function-word skeleton shingles (survives word-by-word synonym spinning). */
  skeletonThreshold?: number;
  /** Shingles in more articles than this are boilerplate and ignored. */
  maxDocFrequency?: number;
};

const STOP_EN =
  "the a an of to in and or for on at by with from that this is was were be been are as it its he she his her they them their which who whom not no but if than then so such into about after before over under has have had will would said says there these those also".split(
    " ",
  );
const STOP_ES =
  "de la el los las y en que por para con del se su sus al un una es lo como más pero fue han ha sin sobre este esta entre también desde".split(
    " ",
  );
const STOP = new Set([...STOP_EN, ...STOP_ES]);
const ES_HINT = new Set(["el", "los", "las", "del", "que", "por", "para", "una", "según"]);

const stemmers = { en: snowball.newStemmer("english"), es: snowball.newStemmer("spanish") };
const stemCache = { en: new Map<string, string>(), es: new Map<string, string>() };

function stem(word: string, lang: "en" | "es"): string {
  const cache = stemCache[lang];
  let s = cache.get(word);
  if (s === undefined) {
    s = stemmers[lang].stem(word);
    if (cache.size < 500_000) cache.set(word, s);
  }
  return s;
}

/** FNV-1a over a string, 32 bits. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Narrative tokens: quotations are left out, since different articles quote the same words. */
export function narrativeTokens(text: string): string[] {
  const body = splitArticle(text).body.replace(/[“«"][^”»"\n]{0,600}[”»"]/g, " ");
  return (
    body
      .toLowerCase()
      .normalize("NFD")
      .replace(/\p{M}+/gu, "")
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

type Signature = { content: Uint32Array; skeleton: Uint32Array };

const PLACEHOLDER = hash("_");

/** Order-dependent mix of token hashes into one 32-bit shingle hash. */
function mix(h: number, x: number): number {
  return (Math.imul(h ^ x, 0x9e3779b1) + 0x7f4a7c15) >>> 0;
}

export function signature(text: string): Signature {
  const toks = narrativeTokens(text);
  let es = 0;
  for (let i = 0; i < Math.min(toks.length, 400); i++) if (ES_HINT.has(toks[i]!)) es++;
  const lang = es > Math.min(toks.length, 400) * 0.06 ? "es" : "en";
  const content: number[] = [];
  const skel = new Uint32Array(toks.length);
  const isStop = new Uint8Array(toks.length);
  toks.forEach((t, i) => {
    if (STOP.has(t)) {
      isStop[i] = 1;
      skel[i] = hash(t);
    } else {
      skel[i] = PLACEHOLDER;
      content.push(hash(stem(t, lang)));
    }
  });
  const c = new Set<number>();
  for (let i = 0; i + 3 <= content.length; i++)
    c.add(mix(mix(mix(17, content[i]!), content[i + 1]!), content[i + 2]!));
  // Skeleton: function words kept, content words as "_"; 8-grams that start on a function word and hold 4+ of them.
  const sk = new Set<number>();
  for (let i = 0; i + 8 <= toks.length; i++) {
    if (!isStop[i]) continue;
    let fw = 0;
    let h = 31;
    for (let k = i; k < i + 8; k++) {
      fw += isStop[k]!;
      h = mix(h, skel[k]!);
    }
    if (fw >= 4) sk.add(h);
  }
  return { content: Uint32Array.from(c), skeleton: Uint32Array.from(sk) };
}

/**
 * For each pair of documents sharing a shingle: how many they share. Postings (hash, doc) are packed into one
 * float, sorted, and read run by run; shingles in more than `maxDf` documents are boilerplate and skipped.
 */
function sharedCounts(sets: Uint32Array[], maxDf: number): Map<number, number> {
  let total = 0;
  for (const s of sets) total += s.length;
  const postings = new Float64Array(total);
  const DOC = 2 ** 21;
  let k = 0;
  sets.forEach((set, doc) => {
    for (const h of set) postings[k++] = h * DOC + doc;
  });
  postings.sort();
  const n = sets.length;
  const counts = new Map<number, number>();
  let runStart = 0;
  for (let i = 1; i <= total; i++) {
    if (i < total && Math.floor(postings[i]! / DOC) === Math.floor(postings[runStart]! / DOC)) continue;
    const len = i - runStart;
    if (len >= 2 && len <= maxDf) {
      for (let a = runStart; a < i; a++) {
        const da = postings[a]! % DOC;
        for (let b = a + 1; b < i; b++) {
          const key = da * n + (postings[b]! % DOC);
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
      }
    }
    runStart = i;
  }
  return counts;
}

function find(parent: Int32Array, x: number): number {
  while (parent[x] !== x) {
    parent[x] = parent[parent[x]!]!;
    x = parent[x]!;
  }
  return x;
}

/** Scored near-duplicate pairs: containment of the smaller document in the larger, on both shingle kinds. */
export function nearDuplicatePairs(
  docs: readonly DedupeDoc[],
  options: DedupeOptions = {},
): { a: string; b: string; content: number; skeleton: number }[] {
  const contentT = options.contentThreshold ?? 0.09;
  const skeletonT = options.skeletonThreshold ?? 0.3;
  const maxDf = options.maxDocFrequency ?? Math.max(20, Math.ceil(docs.length * 0.002));
  if (docs.length >= 2 ** 21) throw new Error("findNearDuplicates: at most 2,097,151 documents at once");
  const sigs = docs.map((d) => signature(d.text));
  const n = docs.length;
  const content = sharedCounts(
    sigs.map((s) => s.content),
    maxDf,
  );
  const skeleton = sharedCounts(
    sigs.map((s) => s.skeleton),
    maxDf,
  );
  const out: { a: string; b: string; content: number; skeleton: number }[] = [];
  const keys = new Set([...content.keys(), ...skeleton.keys()]);
  for (const key of keys) {
    const i = Math.floor(key / n);
    const j = key % n;
    const si = sigs[i]!;
    const sj = sigs[j]!;
    const minC = Math.min(si.content.length, sj.content.length);
    const minS = Math.min(si.skeleton.length, sj.skeleton.length);
    // Very short texts say too little to call copies.
    const c = minC >= 8 ? (content.get(key) ?? 0) / minC : 0;
    const s = minS >= 10 ? (skeleton.get(key) ?? 0) / minS : 0;
    if (c >= contentT || s >= skeletonT)
      out.push({ a: docs[i]!.id, b: docs[j]!.id, content: c, skeleton: s });
  }
  return out;
}

/** Groups (2 or more ids) of near-duplicate articles, each group in input order, groups by first member. */
export function findNearDuplicates(docs: readonly DedupeDoc[], options: DedupeOptions = {}): string[][] {
  const index = new Map(docs.map((d, i) => [d.id, i]));
  const parent = Int32Array.from(docs.map((_, i) => i));
  for (const p of nearDuplicatePairs(docs, options)) {
    const ra = find(parent, index.get(p.a)!);
    const rb = find(parent, index.get(p.b)!);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  const groups = new Map<number, string[]>();
  docs.forEach((d, i) => {
    const r = find(parent, i);
    const g = groups.get(r);
    if (g) g.push(d.id);
    else groups.set(r, [d.id]);
  });
  return [...groups.values()].filter((g) => g.length >= 2);
}
