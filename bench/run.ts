// `npm run bench`: runs each benchmark in BENCHMARKS and prints a table, or one JSON object with --json.
//   node bench/run.ts [--json] [--quick] [--scale] [--sqlite-only] [--only import]
import module from "node:module";
import { parseArgs } from "node:util";
import { type Benchmark, describeMachine, type Figures, flatten, formatTable } from "./lib.ts";

// The processes and threads the benchmarks start (a full evaluation's threads, the dashboard's, the server's
// readers) use Node's compile cache, as those of a `habeas` command do (bin/habeas.js).
const cache = module.enableCompileCache?.();
if (cache?.directory) process.env.NODE_COMPILE_CACHE ??= cache.directory;

// Each module exports `benchmark`; a new benchmark is one more line here. The pages come after the rules: a
// record is served evaluated (every write stores its findings), and the deadlines page of a record never
// evaluated evaluates every case (3.9 s at 100,000 against ~1 s), which is what a fresh dataset is until the
// rules benchmark has run.
const BENCHMARKS: (() => Promise<{ benchmark: Benchmark }>)[] = [
  () => import("./cli.ts"),
  () => import("./import.ts"),
  () => import("./evidence.ts"),
  () => import("./generate.ts"),
  () => import("./rules.ts"),
  () => import("./pages.ts"),
  () => import("./fuzzy.ts"),
  () => import("./api.ts"),
];

const { values } = parseArgs({
  options: {
    json: { type: "boolean", default: false },
    quick: { type: "boolean", default: false },
    scale: { type: "boolean", default: false },
    "sqlite-only": { type: "boolean", default: false },
    only: { type: "string", multiple: true },
  },
});

const log = (line: string) => process.stderr.write(`${line}\n`);
const out: Record<string, Figures> = { machine: describeMachine() };
let failed = false;
const started = performance.now();
const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;

for (const load of BENCHMARKS) {
  const { benchmark } = await load();
  if (values.only && !values.only.includes(benchmark.name)) continue;
  log(`== ${benchmark.name}: ${benchmark.title}`);
  const t0 = performance.now();
  try {
    const r = await benchmark.run({
      quick: values.quick,
      scale: values.scale,
      postgres: !values["sqlite-only"],
      log,
    });
    // How long this benchmark took, dataset preparation included (issue 16: the whole bench within ten minutes).
    out[benchmark.name] = { ...r.figures, baseline: r.baseline, elapsed_s: seconds(t0) };
    if (!values.json) {
      const rows = flatten(r.figures).map(([k, v]) => [k, String(v)]);
      console.log(
        `\n${benchmark.title}\nbaseline: ${r.baseline}\n\n${formatTable([["figure", "value"], ...rows])}\n`,
      );
    }
  } catch (e) {
    failed = true;
    out[benchmark.name] = { error: (e as Error).message };
    log(`${benchmark.name} failed: ${(e as Error).message}`);
  }
}

// The headline figures, also at the top level of the JSON (and PostgreSQL's under `postgres`), so a
// reader need not know which benchmark measured which.
const HEADLINE = [
  "cli_ms",
  "cli_vs_node",
  "baseline_node_ms",
  "cli_npx_ms",
  "cli_npx_vs_cli",
  "cli_npx_floor_ms",
  "cli_npx_floor_vs_cli",
  "import_ratio_vs_raw",
  "import_ratio_vs_copy",
  "import_s",
  "import_raw_floor_s",
  "import_copy_floor_s",
  "rules_full_s",
  "rules_scan_floor_s",
  "rules_full_vs_scan",
  "rules_incremental_ms",
  "rules_incremental_write_ms",
  "rules_incremental_write_floor_ms",
  "fuzzy_p50_ms",
  "fuzzy_p95_ms",
  "fuzzy_top1",
  "exact_top1",
  "api_rps",
  "api_vs_healthz",
  "baseline_healthz_rps",
  "api_p99_ms",
  "rss_mb",
  "page_ms",
  "dashboard_recompute_ms",
  "dashboard_recompute_vs_demo",
  "extract_articles_per_s",
  "dedupe_10k_s",
  "event_loop_max_ms",
  "event_loop_max_cold_ms",
];
const headline: Figures = {};
const postgres: Figures = {};
for (const [name, figures] of Object.entries(out)) {
  if (name === "machine" || typeof figures !== "object" || figures === null) continue;
  for (const key of HEADLINE)
    if (key in figures) headline[key] = (figures as Figures)[key] as Figures[string];
  const pg = (figures as Figures).postgres;
  if (pg && typeof pg === "object") {
    for (const key of HEADLINE) if (key in pg) postgres[key] = (pg as Figures)[key] as Figures[string];
  }
}
if (Object.keys(postgres).length) headline.postgres = postgres;
headline.bench_s = seconds(started);

if (values.json)
  console.log(JSON.stringify({ ...headline, quick: values.quick, scale: values.scale, ...out }, null, 2));
else
  console.log(
    formatTable([["machine", ""], ...flatten(out.machine as Figures).map(([k, v]) => [k, String(v)])]),
  );
process.exit(failed ? 1 : 0);
