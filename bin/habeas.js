#!/usr/bin/env node
// The `habeas` command. habeas runs its TypeScript directly on Node >= 22.6 (type stripping);
// on an older Node, re-run this script with the Node 24 that `npm install` put in node_modules.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import module from "node:module";
import { fileURLToPath } from "node:url";

const script = fileURLToPath(import.meta.url);
const argv = process.argv.slice(2);
// The server runs with a small young generation: V8's default lets it grow to tens of MB per semi-space
// under load, which took a server on a million events from 210 to 385 MB of RSS; with 4 MB it stays near
// 250 MB at the same throughput (docs/BENCHMARKS.md). Batch commands keep the default: it is faster there.
// And its old generation grows by at most a fifth past what the last full collection kept: under sustained
// load V8 otherwise lets it grow several-fold between collections (to ~280 MB of a ~55 MB live heap, the RSS
// rising ~80 MB a minute to 450–580 MB); with this it stays under 300 MB at the same throughput.
const SERVER_FLAGS = ["--max-semi-space-size=4", "--heap-growing-percent=20"];
// glibc gives each thread that allocates its own malloc arena and keeps what it frees: every worker the
// server starts (the dashboard, a full evaluation) would leave tens of MB resident behind it.
const SERVER_ENV = { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? "2" };
const wantsFlag =
  argv[0] === "serve" &&
  !process.execArgv.some((a) => a.startsWith("--max-semi-space-size")) &&
  !(process.env.NODE_OPTIONS ?? "").includes("--max-semi-space-size");
const nodeFlags = wantsFlag ? SERVER_FLAGS : [];

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  const bundled = fileURLToPath(new URL("../node_modules/node/bin/node", import.meta.url));
  if (existsSync(bundled) && process.execPath !== bundled) {
    const r = spawnSync(bundled, [...nodeFlags, script, ...argv], {
      stdio: "inherit",
      env: wantsFlag ? { ...process.env, ...SERVER_ENV } : process.env,
    });
    process.exit(r.status ?? 1);
  }
  console.error(
    `habeas: needs Node >= 22.18 (this is ${process.version}); run 'npm install' to get Node 24.`,
  );
  process.exit(1);
}
if (nodeFlags.length && typeof process.execve === "function") {
  // The same process (same pid, same stdio) restarted with the flag; where execve is not available
  // (Windows), the server simply runs with V8's defaults.
  try {
    process.execve(process.execPath, [process.execPath, ...nodeFlags, ...process.execArgv, script, ...argv], {
      ...process.env,
      ...SERVER_ENV,
    });
  } catch {}
}
// Node keeps the compiled (and type-stripped) modules on disk: later runs skip parsing and compiling them
// (NODE_COMPILE_CACHE chooses the folder; NODE_DISABLE_COMPILE_CACHE=1 turns it off).
const cache = module.enableCompileCache?.();
// And so do the threads this command starts (a job such as the dashboard's or a full evaluation's, the server's
// readers, the DDP parser): a Worker takes its environment from the process, and reads the folder there. Each
// spent ~0.45 s loading its modules without it, ~0.26 s with it (docs/BENCHMARKS.md).
if (cache?.directory) process.env.NODE_COMPILE_CACHE ??= cache.directory;
// kysely and zod from the one-file bundles `npm install` made, where they are up to date (bin/bundled-deps.js).
await import("./bundled-deps.js");
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(argv);
