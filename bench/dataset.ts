// The national dataset the scale benchmarks share: generated once by `habeas demo generate` into .bench/
// (gitignored) and reused across runs, and its PostgreSQL copy (`habeas db copy`), made once into a local
// cluster kept beside it in .bench/ (or each run into a fresh database on DATABASE_URL's server).
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import pg from "pg";
import type { BenchOptions } from "./lib.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = `${ROOT}bin/habeas.js`;
export const BENCH_DIR = `${ROOT}.bench`;

export type Sizes = { people: number; events: number };
/** National scale (the figures), a tenth of it with --quick, three times it with --scale. */
export const sizesFor = (quick: boolean, scale = false): Sizes =>
  scale
    ? { people: 300_000, events: 3_000_000 }
    : quick
      ? { people: 10_000, events: 100_000 }
      : { people: 100_000, events: 1_000_000 };

export type Dataset = Sizes & {
  path: string;
  /** Key file of the dataset's sealed fields (a copy needs the same key). */
  keyFile: string;
  /** Seconds generation took, when it was generated in this run. */
  generated_s?: number;
};

/** Runs the habeas CLI in a child process and returns its JSON output. */
export function habeasJson(
  args: string[],
  env: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args, "--json"], {
      env: { ...process.env, DATABASE_URL: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.on("close", (code) => {
      if (code !== 0)
        return reject(new Error(`habeas ${args.slice(0, 2).join(" ")} exited ${code}: ${err.trim()}`));
      try {
        resolve(JSON.parse(out) as Record<string, unknown>);
      } catch {
        reject(new Error(`habeas ${args.slice(0, 2).join(" ")} printed no JSON: ${out.slice(0, 200)}`));
      }
    });
  });
}

let cached: Promise<Dataset> | undefined;

/** The generated dataset for this run's size: reused from .bench/ when a finished one is there. */
export function nationalDataset(opts: BenchOptions): Promise<Dataset> {
  cached ??= (async () => {
    const sizes = sizesFor(opts.quick, opts.scale);
    mkdirSync(BENCH_DIR, { recursive: true });
    const path = `${BENCH_DIR}/national-${sizes.people}-${sizes.events}-s1.db`;
    const done = `${path}.json`;
    if (existsSync(done) && existsSync(path)) {
      opts.log(`dataset: reusing ${path}`);
      // Made by an earlier version, perhaps: brought up to this version's schema first.
      await habeasJson(["db", "migrate", "--db", path]);
      return { ...sizes, path, keyFile: `${path}.key` };
    }
    for (const f of [path, `${path}-wal`, `${path}-shm`, `${path}.key`, done]) rmSync(f, { force: true });
    // A PostgreSQL copy of an earlier dataset is stale now.
    rmSync(pgCacheDir(path), { recursive: true, force: true });
    opts.log(`dataset: generating ${sizes.people} people and ${sizes.events} events into ${path} …`);
    const r = await habeasJson([
      "demo",
      "generate",
      "--people",
      String(sizes.people),
      "--events",
      String(sizes.events),
      "--seed",
      "1",
      "--db",
      path,
    ]);
    writeFileSync(done, JSON.stringify(r, null, 2));
    opts.log(`dataset: generated in ${Number(r.seconds).toFixed(1)} s`);
    return { ...sizes, path, keyFile: `${path}.key`, generated_s: Number(r.seconds) };
  })();
  return cached;
}

export type PgDataset = { url: string; copy_s: number; cached: boolean };
type Cluster = { url: string; stop: () => void };
type ClusterHelpers = {
  findPgBin: () => string | undefined;
  startCluster: (opts?: { keepIn?: string }) => Promise<Cluster>;
};
/** Where the local PostgreSQL cluster holding the copy of a dataset is kept. */
const pgCacheDir = (datasetPath: string) => `${datasetPath}.pg`;
// Plain JS shared with scripts/test.js (no type declarations): imported through a variable.
const CLUSTER_HELPERS = "../test/pg-cluster.js";

let pgCached: Promise<PgDataset | undefined> | undefined;

/**
 * The dataset copied to PostgreSQL with `habeas db copy`: into a fresh database on DATABASE_URL's server
 * (each run), or into a local cluster kept in .bench/ and reused while the dataset is (stopped when the run
 * ends); undefined when neither is at hand.
 */
export function postgresDataset(opts: BenchOptions): Promise<PgDataset | undefined> {
  pgCached ??= (async () => {
    if (opts.postgres === false) return undefined;
    const { findPgBin, startCluster } = (await import(CLUSTER_HELPERS)) as ClusterHelpers;
    const external = process.env.DATABASE_URL;
    if (!external && !findPgBin()) {
      opts.log("postgres: no DATABASE_URL and no PostgreSQL server binaries: skipped");
      return undefined;
    }
    const ds = await nationalDataset(opts);
    const dir = pgCacheDir(ds.path);
    const marker = `${dir}/copied.json`;
    let admin: string;
    // Whether the copy is kept in `dir` for the next run.
    let kept = !external;
    if (external) admin = external;
    else {
      let cluster: Cluster;
      try {
        cluster = await startCluster({ keepIn: dir });
      } catch {
        // A cluster left broken (it runs with fsync off): made anew.
        rmSync(dir, { recursive: true, force: true });
        try {
          cluster = await startCluster({ keepIn: dir });
        } catch (e) {
          // One that cannot be kept here at all (run as root in a folder the postgres user cannot enter):
          // a throwaway cluster, and the PostgreSQL figures still measured.
          const why = (e as Error).message
            .split("\n")
            .filter((l) => l.trim())
            .at(-1)
            ?.trim();
          opts.log(`postgres: cannot keep a cluster in ${dir} (${why}): copying into a throwaway one`);
          rmSync(dir, { recursive: true, force: true });
          cluster = await startCluster();
          kept = false;
        }
      }
      process.once("exit", () => cluster.stop());
      admin = cluster.url;
    }
    const name = external ? `habeas_bench_${process.pid}` : "habeas_national";
    const url = admin.replace(/\/[^/?]*(\?.*)?$/, `/${name}$1`);
    if (kept && existsSync(marker)) {
      const { seconds } = JSON.parse(readFileSync(marker, "utf8")) as { seconds: number };
      opts.log(`postgres: reusing the copy in ${dir}`);
      await habeasJson(["db", "migrate"], { DATABASE_URL: url, HABEAS_KEY_FILE: ds.keyFile });
      return { url, copy_s: seconds, cached: true };
    }
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name}`);
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    if (external) opts.log(`postgres: using ${name} on DATABASE_URL's server (drop it when done)`);
    opts.log(`postgres: copying the dataset with habeas db copy …`);
    const r = await habeasJson(["db", "copy", "--to", url, "--db", ds.path]);
    opts.log(`postgres: copied ${r.rows} rows in ${Number(r.seconds).toFixed(1)} s`);
    if (kept) writeFileSync(marker, JSON.stringify({ rows: r.rows, seconds: r.seconds }));
    return { url, copy_s: Number(r.seconds), cached: false };
  })();
  return pgCached;
}

/** Reads the report of a finished generation (for figures about the dataset itself). */
export function datasetReport(ds: Dataset): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(`${ds.path}.json`, "utf8")) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/**
 * Runs a benchmark script in a fresh process and resolves with the JSON of its last stdout line (its peak
 * RSS is its own); `onLine` sees every line before that (e.g. a port to load).
 */
export function runScript(
  script: string,
  args: string[],
  env: Record<string, string> = {},
  onLine?: (line: string) => void,
): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let buf = "";
    let last = "";
    let err = "";
    child.stdout.on("data", (d) => {
      buf += d;
      const lines = buf.split("\n");
      buf = lines.pop() ?? "";
      for (const l of lines) {
        if (!l.trim()) continue;
        last = l;
        onLine?.(l);
      }
    });
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.on("close", (code) => {
      if (buf.trim()) last = buf;
      if (code !== 0)
        return reject(new Error(`${args[0] ?? script} exited ${code}: ${err.trim().slice(-500)}`));
      try {
        resolve(JSON.parse(last) as Record<string, number>);
      } catch {
        reject(new Error(`${args[0] ?? script} printed no result: ${last.slice(0, 200)}`));
      }
    });
  });
}

/** p-th percentile (0..1) of a sample. */
export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? Number.NaN;
}
