// `npm test`: the whole suite on SQLite, then the store suite (store + services) again on a
// throwaway PostgreSQL cluster when one can be started; prints how many tests ran on each engine.
import { spawn } from "node:child_process";
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

function runNodeTest(files, env) {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ["--test", "--test-concurrency=2", "--test-reporter=spec", ...files],
      {
        env: { ...process.env, ...env },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const counts = { tests: 0, pass: 0, fail: 0, skipped: 0, todo: 0, cancelled: 0 };
    let buf = "";
    child.stdout.on("data", (chunk) => {
      process.stdout.write(chunk);
      buf += chunk.toString();
      const lines = buf.split("\n");
      buf = lines.pop() ?? "";
      for (const line of lines) {
        const m = /^ℹ (tests|pass|fail|skipped|todo|cancelled) (\d+)$/.exec(line.trim());
        if (m) counts[m[1]] = Number(m[2]);
      }
    });
    child.on("close", (code) => resolve({ code: code ?? 1, counts }));
  });
}

const results = [];
const engines = values.engine === "all" ? ["sqlite", "postgres"] : [values.engine];

if (engines.includes("sqlite")) {
  console.log("\n=== habeas: full suite on SQLite ===");
  results.push({ engine: "sqlite", ...(await runNodeTest(positionals.length ? positionals : ALL, {})) });
}

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
    console.log("\n=== habeas: store suite on PostgreSQL ===");
    let cluster;
    try {
      cluster = external ? undefined : await startCluster();
      const url = external ?? cluster.url;
      results.push({
        engine: "postgres",
        ...(await runNodeTest(positionals.length ? positionals : STORE_SUITE, {
          HABEAS_TEST_DATABASE_URL: url,
        })),
      });
    } catch (e) {
      console.error(`FAIL: could not run the PostgreSQL suite: ${e.message}`);
      results.push({ engine: "postgres", code: 1, counts: { tests: 0, pass: 0, fail: 1, skipped: 0 } });
    } finally {
      cluster?.stop();
    }
  }
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
