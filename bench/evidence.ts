// Evidence benchmarks: article extraction rate against capture alone, and near-duplicate grouping of
// 10,000 articles against exact-hash deduplication (which finds only identical copies).
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { captureBytes } from "../src/ingest/capture.ts";
import { findNearDuplicates } from "../src/ingest/dedupe.ts";
import { extractArticle } from "../src/ingest/extract.ts";
import { type Benchmark, median, round } from "./lib.ts";

const CORPUS = fileURLToPath(new URL("../../shared/corpus", import.meta.url));

function corpusTexts(): string[] {
  if (!existsSync(CORPUS)) return [];
  return ["seeds", "dev"].flatMap((d) =>
    readdirSync(join(CORPUS, d))
      .filter((f) => f.endsWith(".txt"))
      .map((f) => readFileSync(join(CORPUS, d, f), "utf8")),
  );
}

/** A seeded generator so every run measures the same articles. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** 10,000 distinct articles built from the corpus vocabulary, 1 in 100 followed by a lightly edited copy. */
function syntheticArticles(n: number, words: string[]) {
  const rnd = rng(7);
  const docs: { id: string; text: string }[] = [];
  const planted: [string, string][] = [];
  for (let i = 0; docs.length < n; i++) {
    const len = 300 + Math.floor(rnd() * 500);
    const text = Array.from({ length: len }, () => words[Math.floor(rnd() * words.length)]).join(" ");
    docs.push({ id: `a${i}`, text });
    if (i % 100 === 0 && docs.length < n) {
      // A scraper copy: a few words swapped and a new closing line.
      const w = text.split(" ");
      for (let k = 0; k < 10; k++)
        w[Math.floor(rnd() * w.length)] = words[Math.floor(rnd() * words.length)] ?? "";
      docs.push({ id: `c${i}`, text: `${w.join(" ")} Share this article. Subscribe for more.` });
      planted.push([`a${i}`, `c${i}`]);
    }
  }
  return { docs, planted };
}

function recall(groups: string[][], planted: [string, string][]): number {
  const together = new Set(groups.flatMap((g) => g.flatMap((a) => g.map((b) => `${a}|${b}`))));
  return planted.filter(([a, b]) => together.has(`${a}|${b}`)).length / planted.length;
}

export const benchmark: Benchmark = {
  name: "evidence",
  title: "Article extraction and near-duplicate grouping",
  async run({ quick, log }) {
    const texts = corpusTexts();
    const words = (texts.join(" ").match(/\p{L}+/gu) ?? []).slice(0, 50_000);
    const vocab = words.length
      ? words
      : "the court ordered removal of people held in custody after notice".split(" ");
    const rounds = quick ? 1 : 3;

    // Extraction: every corpus article (or generated ones) captured and extracted, several passes.
    const articles = texts.length ? texts : syntheticArticles(30, vocab).docs.map((d) => d.text);
    const bytes = articles.map((t) => new TextEncoder().encode(t));
    const extractRates: number[] = [];
    const captureRates: number[] = [];
    for (let r = 0; r < rounds; r++) {
      let t0 = performance.now();
      for (let i = 0; i < bytes.length; i++) await captureBytes(bytes[i] as Uint8Array, `a${i}.txt`);
      captureRates.push(bytes.length / ((performance.now() - t0) / 1000));
      t0 = performance.now();
      for (let i = 0; i < bytes.length; i++) {
        const cap = await captureBytes(bytes[i] as Uint8Array, `a${i}.txt`);
        extractArticle(cap.text, { id: `a${i}` });
      }
      extractRates.push(bytes.length / ((performance.now() - t0) / 1000));
      log(`  extraction round ${r + 1}: ${round(extractRates.at(-1) ?? 0)} articles/s`);
    }

    // Near-duplicates over 10,000 articles.
    const n = quick ? 2000 : 10_000;
    const { docs, planted } = syntheticArticles(n, vocab);
    const ours: number[] = [];
    const exact: number[] = [];
    let oursRecall = 0;
    let exactRecall = 0;
    for (let r = 0; r < rounds; r++) {
      let t0 = performance.now();
      const groups = findNearDuplicates(docs);
      ours.push((performance.now() - t0) / 1000);
      oursRecall = recall(groups, planted);
      t0 = performance.now();
      const byHash = new Map<string, string[]>();
      for (const d of docs) {
        const h = createHash("sha256").update(d.text.toLowerCase().replace(/\s+/g, " ")).digest("hex");
        byHash.set(h, [...(byHash.get(h) ?? []), d.id]);
      }
      exact.push((performance.now() - t0) / 1000);
      exactRecall = recall(
        [...byHash.values()].filter((g) => g.length > 1),
        planted,
      );
      log(`  dedupe round ${r + 1}: ${round(ours.at(-1) ?? 0, 2)} s`);
    }
    return {
      baseline:
        "extraction against capture alone (read + readable text); near-duplicates against exact hashing of normalized text",
      figures: {
        articles: articles.length,
        extract_articles_per_s: round(median(extractRates), 1),
        capture_only_articles_per_s: round(median(captureRates), 1),
        dedupe_articles: docs.length,
        [quick ? "dedupe_2k_s" : "dedupe_10k_s"]: round(median(ours), 2),
        dedupe_recall_planted_copies: round(oursRecall, 3),
        exact_hash_s: round(median(exact), 3),
        exact_hash_recall_planted_copies: round(exactRecall, 3),
      },
    };
  },
};
