// `npm test`: the whole suite on SQLite and, beside it on a throwaway PostgreSQL cluster when one can be
// started, the store suite (store + services) again; prints how many tests ran on each engine and the ten
// slowest tests. Node's compile cache is on for every test process, so the TypeScript of the hundreds of
// modules each one loads is stripped and compiled once per change, not once per file.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { findPgBin, startCluster } from "../test/pg-cluster.js";

const major = Number(process.versions.node.split(".")[0]);
if (major < 22) {
  console.error(`habeas tests need Node >= 22 (this is ${process.version}); run them with 'npm test'.`);
  process.exit(1);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { engine: { type: "string", default: "all" } },
});
const ALL = ["src/**/*.test.ts", "test/**/*.test.ts"];
const STORE_SUITE = ["src/store/**/*.test.ts", "src/services/**/*.test.ts"];
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DURATIONS = fileURLToPath(new URL("./test-durations.js", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "habeas-test-run-"));
const CACHE_ENV = process.env.NODE_DISABLE_COMPILE_CACHE
  ? {}
  : { NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE || join(tmpdir(), "habeas-node-compile-cache") };
// Test processes load kysely and zod from the bundles `npm install` made, as the habeas command does
// (bin/bundled-deps.js; it does nothing where there are none): each test file loads ~360 modules fewer.
const BUNDLED_DEPS = new URL("../bin/bundled-deps.js", import.meta.url).href;
const NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ""} --import=${BUNDLED_DEPS}`.trim();

/**
 * Runs node --test on `files`; its spec output goes to stdout as it comes (`live`) or is kept and printed
 * when `flush` is called (the second engine's, so the two runs' lines never interleave).
 */
function runNodeTest(engine, files, env, live) {
  const durations = join(scratch, `${engine}.json`);
  const kept = [];
  const done = new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        "--test",
        "--test-concurrency=2",
        "--test-reporter=spec",
        "--test-reporter-destination=stdout",
        `--test-reporter=${DURATIONS}`,
        `--test-reporter-destination=${durations}`,
        ...files,
      ],
      { env: { ...process.env, ...CACHE_ENV, NODE_OPTIONS, ...env }, stdio: ["ignore", "pipe", "inherit"] },
    );
    const counts = { tests: 0, pass: 0, fail: 0, skipped: 0, todo: 0, cancelled: 0 };
    let buf = "";
    child.stdout.on("data", (chunk) => {
      if (live.now) process.stdout.write(chunk);
      else kept.push(chunk);
      buf += chunk.toString();
      const lines = buf.split("\n");
      buf = lines.pop() ?? "";
      for (const line of lines) {
        const m = /^ℹ (tests|pass|fail|skipped|todo|cancelled) (\d+)$/.exec(line.trim());
        if (m) counts[m[1]] = Number(m[2]);
      }
    });
    child.on("close", (code) => {
      let tests = [];
      try {
        tests = JSON.parse(readFileSync(durations, "utf8")).map((t) => ({ ...t, engine }));
      } catch {}
      resolve({ engine, code: code ?? 1, counts, tests });
    });
  });
  return {
    done,
    flush: () => {
      for (const c of kept.splice(0)) process.stdout.write(c);
      live.now = true;
    },
  };
}

const engines = values.engine === "all" ? ["sqlite", "postgres"] : [values.engine];
const runs = [];

if (engines.includes("sqlite")) {
  console.log("\n=== habeas: full suite on SQLite ===");
  const run = runNodeTest("sqlite", positionals.length ? positionals : ALL, {}, { now: true });
  runs.push({ ...run, done: run.done });
}

let cluster;
if (engines.includes("postgres")) {
  const external = process.env.HABEAS_TEST_DATABASE_URL;
  if (!external && !findPgBin()) {
    const msg = "PostgreSQL server binaries (initdb) not found: store suite not run on PostgreSQL";
    if (process.env.CI) {
      console.error(`FAIL: ${msg} (CI must run both engines)`);
      process.exit(1);
    }
    console.log(`\n(skip) ${msg}.`);
  } else {
    // Alongside the SQLite run (the two keep both cores busy where either alone leaves one idle at its end);
    // its output is printed after SQLite's.
    const live = { now: runs.length === 0 };
    const pgRun = (async () => {
      try {
        cluster = external ? undefined : await startCluster();
        const url = external ?? cluster.url;
        const run = runNodeTest(
          "postgres",
          positionals.length ? positionals : STORE_SUITE,
          { HABEAS_TEST_DATABASE_URL: url },
          live,
        );
        pgFlush = run.flush;
        return await run.done;
      } catch (e) {
        console.error(`FAIL: could not run the PostgreSQL suite: ${e.message}`);
        return { engine: "postgres", code: 1, counts: { tests: 0, pass: 0, fail: 1, skipped: 0 }, tests: [] };
      } finally {
        cluster?.stop();
      }
    })();
    let pgFlush = () => {
      live.now = true;
    };
    runs.push({ done: pgRun, flush: () => pgFlush(), header: "\n=== habeas: store suite on PostgreSQL ===" });
  }
}

const results = [];
for (const [i, run] of runs.entries()) {
  if (i > 0) {
    console.log(run.header ?? "");
    run.flush?.();
  }
  results.push(await run.done);
}
rmSync(scratch, { recursive: true, force: true });

const slowest = results
  .flatMap((r) => r.tests ?? [])
  .sort((a, b) => b.ms - a.ms)
  .slice(0, 10);
if (slowest.length) {
  console.log("\n=== the ten slowest tests ===");
  for (const t of slowest)
    console.log(
      `${(t.ms / 1000).toFixed(1).padStart(6)} s  ${t.engine.padEnd(8)} ${relative(ROOT, t.file)}: ${t.name}`,
    );
}

console.log("\n=== habeas test summary ===");
let pass = 0;
let fail = 0;
let skipped = 0;
for (const r of results) {
  const c = r.counts;
  console.log(`${r.engine}: ${c.tests} tests ran, ${c.pass} passed, ${c.fail} failed, ${c.skipped} skipped`);
  pass += c.pass;
  fail += c.fail + (r.code !== 0 && c.fail === 0 ? 1 : 0);
  skipped += c.skipped;
}
console.log(`${pass} passed, ${fail} failed, ${skipped} skipped`);
process.exit(fail > 0 || results.some((r) => r.code !== 0) ? 1 : 0);
