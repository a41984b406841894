// Fuzzy name search over the national dataset: latency (p50, p95) and top-1 accuracy on misspelled and
// variant names, against exact-name lookup — what the official detainee locator offers — on the same queries.
import { foldName } from "../src/domain/names.ts";
import { OPERATOR } from "../src/domain/policy.ts";
import { searchPeople } from "../src/services/search-people.ts";
import { openStore, type StoreTarget } from "../src/store/db.ts";
import { findPeopleByExactName } from "../src/store/people.ts";
import { nationalDataset, percentile, postgresDataset } from "./dataset.ts";
import { type Benchmark, type Figures, median, round } from "./lib.ts";

const P95_TARGET_MS = 20;
const TOP1_TARGET = 0.99;

const strip = (s: string) => s.normalize("NFD").replace(/\p{M}+/gu, "");
const PHONETIC: [RegExp, string][] = [
  [/v/, "b"],
  [/b/, "v"],
  [/z/, "s"],
  [/s(?=[ei])/, "c"],
  [/ll/, "y"],
  [/^H/, ""],
  [/qu/, "k"],
];

/**
 * How a name arrives garbled: each query is one or two of these, chosen by the query's number. `clean` is
 * the name the query stands for before any misspelling: the full name, or the name without its second
 * surname when the query leaves that off.
 */
function variant(full: string, second: string | null, n: number): { q: string; kind: string; clean: string } {
  const words = strip(full).split(" ");
  // The second surname may be more than one word ("de Jesus"); leaving it off drops all of them.
  const surnames = second && foldName(full).endsWith(` ${foldName(second)}`) ? 2 : 1;
  const secondWords = surnames === 2 ? foldName(second ?? "").split(" ").length : 0;
  const withoutSecond = words.slice(0, words.length - secondWords);
  const cleanFull = foldName(words.join(" "));
  const short = foldName(withoutSecond.join(" "));
  const pickWord = (k: number) => Math.max(0, words.length - 1 - (k % Math.min(3, words.length)));
  const edit = (w: string, k: number) => {
    if (w.length < 5) return w;
    const i = 1 + (k % (w.length - 2));
    switch (k % 4) {
      case 0:
        return w.slice(0, i) + w.slice(i + 1); // a letter dropped
      case 1:
        return w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2); // two letters swapped
      case 2:
        return w.slice(0, i) + (w[i] === "e" ? "a" : "e") + w.slice(i + 1); // a wrong vowel
      default:
        return w.slice(0, i) + w[i] + w.slice(i); // a letter doubled
    }
  };
  switch (n % 6) {
    case 0: {
      const j = pickWord(n);
      words[j] = edit(words[j] ?? "", n >> 3);
      return { q: words.join(" "), kind: "typo", clean: cleanFull };
    }
    case 1:
      return { q: words.join(" ").toLowerCase(), kind: "no accents, lower case", clean: cleanFull };
    case 2:
      // The second surname left off, as US forms often do.
      return { q: withoutSecond.join(" "), kind: "one surname", clean: short };
    case 3:
      return {
        q:
          surnames === 2
            ? `${withoutSecond.join(" ")}-${words.slice(withoutSecond.length).join(" ")}`
            : words.join(" "),
        kind: "hyphenated surnames",
        clean: cleanFull,
      };
    case 4: {
      const j = pickWord(n);
      const rule = PHONETIC.find(([re]) => re.test(words[j] ?? ""));
      if (rule) words[j] = (words[j] ?? "").replace(rule[0], rule[1]);
      return { q: words.join(" "), kind: "spelled by ear", clean: cleanFull };
    }
    default: {
      const kept = withoutSecond.length;
      const j = Math.min(pickWord(n), kept - 1);
      words[j] = edit(words[j] ?? "", n >> 2);
      return { q: words.slice(0, kept).join(" ").toLowerCase(), kind: "typo, one surname", clean: short };
    }
  }
}

async function measure(target: StoreTarget, keyFile: string, quick: boolean, log: (l: string) => void) {
  const store = await openStore(target, { migrate: false, keys: { file: keyFile } });
  try {
    const db = store.db;
    const all = await db
      .selectFrom("people")
      .select(["id", "full_name", "second_surname", "aliases"])
      .where("kind", "=", "individual")
      .orderBy("id")
      .execute();
    const step = Math.max(1, Math.floor(all.length / (quick ? 150 : 300)));
    const queries = all
      .filter((_, i) => i % step === 3)
      .map((p, n) => ({ ...variant(p.full_name, p.second_surname, n), truth: foldName(p.full_name) }));
    // A query names one person only if no one else answers to its ungarbled form: "José García" stands for
    // every José García with any second surname. Each person answers to their full name, the name without
    // the second surname, and their aliases.
    const answersTo = new Map<string, Set<string>>();
    for (const p of all) {
      const full = foldName(p.full_name);
      const second = p.second_surname ? foldName(p.second_surname) : "";
      const keys = [full, ...JSON.parse(p.aliases || "[]").map((a: string) => foldName(a))];
      if (second && full.endsWith(` ${second}`)) keys.push(full.slice(0, -second.length - 1));
      for (const k of keys) {
        const names = answersTo.get(k) ?? new Set<string>();
        names.add(full);
        answersTo.set(k, names);
      }
    }
    const named = queries.map((x) => answersTo.get(x.clean) ?? new Set([x.truth]));
    const identifiable = named.map((names) => names.size === 1);
    type Run = { p50: number; p95: number; exact_p50: number };
    const runs: Run[] = [];
    // What each query found first (the search is deterministic: the same every run).
    let fuzzyTop: (string | undefined)[] = [];
    let exactTop: (string | undefined)[] = [];
    for (let r = 0; r < 3; r++) {
      const fuzzy: number[] = [];
      const exact: number[] = [];
      fuzzyTop = [];
      exactTop = [];
      for (const x of queries) {
        let t = performance.now();
        const hits = await searchPeople(db, x.q, OPERATOR, { limit: 5 });
        fuzzy.push(performance.now() - t);
        fuzzyTop.push(hits[0] && foldName(hits[0].person.full_name));
        t = performance.now();
        const found = await findPeopleByExactName(db, x.q);
        exact.push(performance.now() - t);
        const first = found[0]
          ? await db.selectFrom("people").select("full_name").where("id", "=", found[0]).executeTakeFirst()
          : undefined;
        exactTop.push(first && foldName(first.full_name));
      }
      runs.push({
        p50: percentile(fuzzy, 0.5),
        p95: percentile(fuzzy, 0.95),
        exact_p50: percentile(exact, 0.5),
      });
      log(
        `  run ${r + 1}: fuzzy p50 ${runs.at(-1)?.p50.toFixed(1)} ms p95 ${runs.at(-1)?.p95.toFixed(1)} ms`,
      );
    }
    // Right when the best match bears the person's name (people with the very same name are indistinguishable).
    const right = (top: (string | undefined)[], i: number) => top[i] === queries[i]?.truth;
    const share = (ok: (i: number) => boolean, among: (i: number) => boolean) => {
      const idx = queries.map((_, i) => i).filter(among);
      return idx.length ? round(idx.filter(ok).length / idx.length, 3) : null;
    };
    const isId = (i: number) => identifiable[i] === true;
    const top1 = share((i) => right(fuzzyTop, i), isId) ?? 0;
    const m = (k: keyof Run, d: number) => round(median(runs.map((x) => x[k])), d);
    const byKind: Figures = {};
    for (const kind of new Set(queries.map((x) => x.kind))) {
      const ofKind = (i: number) => queries[i]?.kind === kind;
      byKind[kind] = {
        queries: queries.filter((x) => x.kind === kind).length,
        identifiable: queries.filter((x, i) => x.kind === kind && identifiable[i]).length,
        top1: share(
          (i) => right(fuzzyTop, i),
          (i) => ofKind(i) && isId(i),
        ),
      };
    }
    return {
      people: all.length,
      queries: queries.length,
      identifiable_queries: identifiable.filter(Boolean).length,
      query_kinds: byKind,
      fuzzy_p50_ms: m("p50", 1),
      fuzzy_p95_ms: m("p95", 1),
      // Over the queries that name one person; and over all, where an ambiguous one counts only if the
      // very person came first.
      fuzzy_top1: top1,
      fuzzy_top1_all_queries: share(
        (i) => right(fuzzyTop, i),
        () => true,
      ),
      // An ambiguous query answered with one of the people it names: the best any search can do.
      ambiguous_top1_one_of_them: share(
        (i) => named[i]?.has(fuzzyTop[i] ?? "") === true,
        (i) => !isId(i),
      ),
      exact_top1: share((i) => right(exactTop, i), isId) ?? 0,
      exact_top1_all_queries: share(
        (i) => right(exactTop, i),
        () => true,
      ),
      exact_p50_ms: m("exact_p50", 1),
      p95_target_met: m("p95", 3) <= P95_TARGET_MS,
      top1_target_met: top1 >= TOP1_TARGET,
    } satisfies Figures;
  } finally {
    await store.close();
  }
}

export const benchmark: Benchmark = {
  name: "fuzzy",
  title: "Fuzzy name search: latency and top-1 accuracy on misspelled names",
  async run({ quick, postgres, log, scale }) {
    const ds = await nationalDataset({ quick, log, scale });
    log(`fuzzy search on SQLite (${ds.people} people)`);
    const figures: Figures = await measure({ engine: "sqlite", path: ds.path }, ds.keyFile, quick, log);
    const pg = await postgresDataset({ quick, postgres, log, scale });
    if (pg) {
      log("fuzzy search on PostgreSQL");
      figures.postgres = await measure({ engine: "postgres", url: pg.url }, ds.keyFile, quick, log);
    }
    return {
      figures,
      baseline:
        "exact-name lookup (case-insensitive full name, as the official detainee locator offers) on the same misspelled and variant queries",
    };
  },
};
