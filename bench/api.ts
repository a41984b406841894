// HTTP benchmark: the person timeline API (GET /api/people/:id/events, public people, as an anonymous visitor
// sees them) under autocannon on 127.0.0.1, against /healthz (the server with no database work) in the same
// run; the server's memory with a million events; and the event loop's longest stall while a full
// evaluation runs in a worker thread (a quarter of the record), against one batch of it on the main thread.
import { execFileSync, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import autocannon from "autocannon";
import { createApp } from "../src/server/app.ts";
import { evaluateEveryone } from "../src/services/findings.ts";
import { runJob } from "../src/services/jobs.ts";
import { openStore, type StoreTarget } from "../src/store/db.ts";
import { countPeople } from "../src/store/people.ts";
import { nationalDataset, postgresDataset, runScript } from "./dataset.ts";
import { type Benchmark, type Figures, median, round } from "./lib.ts";

const SELF = fileURLToPath(import.meta.url);
const BIN = fileURLToPath(new URL("../bin/habeas.js", import.meta.url));
const TARGET = { rps: 1000, p99_ms: 50, rss_mb: 300, loop_ms: 50 };

type Load = { rps: number; p99_ms: number; errors: number };

function load(url: string, paths: readonly string[], seconds: number, connections = 10): Promise<Load> {
  let n = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections,
        duration: seconds,
        requests: [{ setupRequest: (req) => ({ ...req, path: paths[n++ % paths.length] ?? "/healthz" }) }],
      },
      (err, r) => {
        if (err) return reject(err);
        resolve({ rps: r.requests.average, p99_ms: r.latency.p99, errors: r.errors + r.non2xx + r.timeouts });
      },
    );
  });
}

/** Starts `habeas serve` on a free port and resolves with its address and pid. */
function startServer(env: Record<string, string>, args: string[]) {
  return new Promise<{ url: string; pid: number; stop: () => void }>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, "serve", "--port", "0", ...args], {
      env: { ...process.env, HABEAS_LOG: "silent", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let err = "";
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.stdout.on("data", (d) => {
      const m = /at (http:\/\/[^\s]+)/.exec(String(d));
      if (m?.[1] && child.pid)
        resolve({
          url: m[1].replace("localhost", "127.0.0.1"),
          pid: child.pid,
          stop: () => child.kill("SIGTERM"),
        });
    });
    child.on("close", (code) => reject(new Error(`habeas serve exited ${code}: ${err.trim()}`)));
  });
}

function memoryOf(pid: number): { rss_mb: number; peak_rss_mb: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
  return { rss_mb: round(kb("VmRSS") / 1024), peak_rss_mb: round(kb("VmHWM") / 1024) };
}

async function publicPeople(target: StoreTarget, keyFile: string): Promise<string[]> {
  const store = await openStore(target, { migrate: false, keys: { file: keyFile } });
  try {
    const rows = await store.db
      .selectFrom("people")
      .select("id")
      .where("is_public", "=", 1)
      .where("kind", "=", "individual")
      .orderBy("id")
      .limit(1000)
      .execute();
    return rows.map((r) => `/api/people/${r.id}/events`);
  } finally {
    await store.close();
  }
}

// ---------- the event-loop child: a server in this process, a full evaluation beside it ----------
/** The id of the person at this place (from 0) in id order. */
async function personIdAt(db: Awaited<ReturnType<typeof openStore>>["db"], n: number) {
  return (await db.selectFrom("people").select("id").orderBy("id").limit(1).offset(n).executeTakeFirst())?.id;
}

async function loopChild(mode: "worker" | "main", targetJson: string, keyFile: string) {
  const target = JSON.parse(targetJson) as StoreTarget;
  // As `habeas serve` opens it: SQLite reads on two reader threads.
  const store = await openStore(target, { migrate: false, keys: { file: keyFile }, readers: 2 });
  const { app } = createApp(store.db);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const address = server.address();
  console.log(JSON.stringify({ port: typeof address === "object" && address ? address.port : 0 }));
  await new Promise((r) => setTimeout(r, 500)); // the parent's load starts (it connects within milliseconds)
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  // The histogram drops the first delay it sees: let it tick before the work starts, or a stall at the
  // very start goes unrecorded (as the main-thread baseline's did).
  await new Promise((r) => setTimeout(r, 50));
  const t0 = performance.now();
  // A quarter of the record in a worker (the stall, if any, shows within seconds; the whole takes ~15 s).
  if (mode === "worker")
    await runJob({
      job: "evaluate-everyone",
      target,
      keys: { file: keyFile },
      options: { range: { to: await personIdAt(store.db, Math.floor((await countPeople(store.db)) / 4)) } },
    });
  else {
    // One batch of the same evaluation on the main thread: the stall every batch would cause.
    await evaluateEveryone(store.db, { range: { to: await personIdAt(store.db, 1999) } });
  }
  const s = (performance.now() - t0) / 1000;
  // A stall is recorded when the late timer finally runs: let it run before reading.
  await new Promise((r) => setTimeout(r, 50));
  h.disable();
  server.close();
  await store.close();
  return { max_ms: h.max / 1e6, p99_ms: h.percentile(99) / 1e6, s };
}

if (process.argv[2] === "--child") {
  const [, , , mode, target, keyFile] = process.argv;
  console.log(JSON.stringify(await loopChild(mode as "worker" | "main", target ?? "", keyFile ?? "")));
  process.exit(0);
}

/** Drops the OS page cache (Linux, root), so the next reads of the dataset go to the disk; false if it cannot. */
function dropPageCache(): boolean {
  try {
    execFileSync("sync");
    writeFileSync("/proc/sys/vm/drop_caches", "1\n");
    return true;
  } catch {
    return false;
  }
}

async function eventLoop(target: StoreTarget, keyFile: string, paths: string[], log: (l: string) => void) {
  const once = async (mode: "worker" | "main") => {
    let loadDone: Promise<Load> | undefined;
    let stopLoad: (() => void) | undefined;
    const report = await runScript(SELF, ["--child", mode, JSON.stringify(target), keyFile], {}, (line) => {
      const port = (JSON.parse(line) as { port?: number }).port;
      if (!port) return;
      // Steady visitor traffic (100 requests a second) while the evaluation runs: what they would feel.
      const inst = autocannon(
        {
          url: `http://127.0.0.1:${port}`,
          connections: 1,
          overallRate: 100,
          duration: 120,
          requests: [
            { setupRequest: (req) => ({ ...req, path: paths[Math.floor(Math.random() * paths.length)] }) },
          ],
        },
        () => {},
      );
      loadDone = new Promise((resolve) =>
        inst.on("done", (r) => resolve({ rps: r.requests.average, p99_ms: r.latency.p99, errors: r.non2xx })),
      );
      stopLoad = () => inst.stop();
    });
    stopLoad?.();
    const l = await loadDone;
    return { ...report, served_p99_ms: l?.p99_ms ?? Number.NaN } as Record<string, number>;
  };
  const worker = [];
  const main = [];
  const cold = [];
  // Cold: the OS page cache dropped before each round (root only), so the server's reads wait for the disk
  // while the worker's reads compete for it. Then warm rounds, the evaluated quarter's pages cached.
  for (let i = 0; i < 3 && dropPageCache(); i++) {
    cold.push(await once("worker"));
    log(
      `  cold round ${i + 1}: longest stall ${cold.at(-1)?.max_ms?.toFixed(1)} ms (${cold.at(-1)?.s?.toFixed(1)} s)`,
    );
  }
  if (!cold.length) {
    log("  the page cache cannot be dropped here (needs root): a first, uncounted round warms it instead");
    await once("worker");
  }
  for (let i = 0; i < 3; i++) {
    worker.push(await once("worker"));
    main.push(await once("main"));
    log(
      `  run ${i + 1}: longest stall ${worker.at(-1)?.max_ms?.toFixed(1)} ms with the evaluation in a worker (${worker.at(-1)?.s?.toFixed(1)} s), ${main.at(-1)?.max_ms?.toFixed(1)} ms for one batch on the main thread`,
    );
  }
  const m = (xs: Record<string, number>[], k: string) => round(median(xs.map((x) => x[k] ?? Number.NaN)), 1);
  return {
    event_loop_max_ms: m(worker, "max_ms"),
    event_loop_max_cold_ms: cold.length
      ? m(cold, "max_ms")
      : "not measured: the page cache cannot be dropped here",
    event_loop_p99_ms: m(worker, "p99_ms"),
    served_p99_during_evaluation_ms: m(worker, "served_p99_ms"),
    evaluation_in_worker_s: m(worker, "s"),
    baseline_main_thread_batch_max_ms: m(main, "max_ms"),
    event_loop_target_met:
      m(worker, "max_ms") <= TARGET.loop_ms && (!cold.length || m(cold, "max_ms") <= TARGET.loop_ms),
  };
}

async function measure(
  target: StoreTarget,
  keyFile: string,
  serverEnv: Record<string, string>,
  serverArgs: string[],
  quick: boolean,
  log: (l: string) => void,
  // The event-loop figure is about worker threads, not the engine: measured once (SQLite) for time.
  withEventLoop = true,
): Promise<Figures> {
  const paths = await publicPeople(target, keyFile);
  if (!paths.length) throw new Error("the dataset has no public people to request");
  const server = await startServer(serverEnv, serverArgs);
  const seconds = quick ? 4 : 6;
  try {
    // Warm-up: every path once (the OS may have dropped the dataset's pages since the last benchmark:
    // measured cold, the first run read 84 req/s and the next 1,650), then a short load for the JIT.
    for (const p of paths) await fetch(`${server.url}${p}`).then((r) => r.arrayBuffer());
    await load(server.url, paths, 2);
    const api: Load[] = [];
    const health: Load[] = [];
    for (let i = 0; i < 3; i++) {
      api.push(await load(server.url, paths, seconds));
      health.push(await load(server.url, ["/healthz"], Math.max(2, seconds / 2)));
      log(
        `  run ${i + 1}: ${Math.round(api.at(-1)?.rps ?? 0)} req/s, p99 ${api.at(-1)?.p99_ms} ms (healthz ${Math.round(health.at(-1)?.rps ?? 0)} req/s)`,
      );
    }
    const mem = memoryOf(server.pid);
    const m = (xs: Load[], k: keyof Load, d = 0) => round(median(xs.map((x) => x[k])), d);
    const figures: Figures = {
      requests: "GET /api/people/:id/events, anonymous, rotating over public people",
      api_rps: m(api, "rps"),
      api_p99_ms: m(api, "p99_ms", 1),
      api_errors: api.reduce((n, x) => n + x.errors, 0),
      baseline_healthz_rps: m(health, "rps"),
      api_vs_healthz: round(m(api, "rps") / m(health, "rps"), 2),
      baseline_healthz_p99_ms: m(health, "p99_ms", 1),
      // Peak (VmHWM), the stricter reading of "server RSS": what the machine had to give it.
      rss_mb: mem.peak_rss_mb,
      rss_at_end_mb: mem.rss_mb,
      rps_target_met: m(api, "rps") >= TARGET.rps,
      p99_target_met: m(api, "p99_ms", 3) <= TARGET.p99_ms,
      rss_target_met: mem.peak_rss_mb <= TARGET.rss_mb,
    };
    server.stop();
    if (withEventLoop) {
      log("  event loop during a full evaluation");
      Object.assign(figures, await eventLoop(target, keyFile, paths, log));
    }
    return figures;
  } finally {
    server.stop();
  }
}

export const benchmark: Benchmark = {
  name: "api",
  title: "HTTP: person timeline API throughput, server memory, event loop during a full evaluation",
  async run({ quick, postgres, log, scale }) {
    const ds = await nationalDataset({ quick, log, scale });
    log(`api on SQLite (${ds.events} events)`);
    const figures: Figures = await measure(
      { engine: "sqlite", path: ds.path },
      ds.keyFile,
      { DATABASE_URL: "" },
      ["--db", ds.path],
      quick,
      log,
    );
    const pg = await postgresDataset({ quick, postgres, log, scale });
    if (pg) {
      log("api on PostgreSQL");
      figures.postgres = await measure(
        { engine: "postgres", url: pg.url },
        ds.keyFile,
        { DATABASE_URL: pg.url, HABEAS_KEY_FILE: ds.keyFile },
        [],
        quick,
        log,
        false,
      );
    }
    return {
      figures,
      baseline:
        "GET /healthz on the same server (no database work) for throughput; the same evaluation batch on the main thread for the event loop",
    };
  },
};
