// `npm run bench`: runs each benchmark in BENCHMARKS and prints a table, or one JSON object with --json.
//   node bench/run.ts [--json] [--quick] [--only import]
import { parseArgs } from "node:util";
import { type Benchmark, describeMachine, type Figures, flatten, formatTable } from "./lib.ts";

// Each module exports `benchmark`; a new benchmark is one more line here.
const BENCHMARKS: (() => Promise<{ benchmark: Benchmark }>)[] = [() => import("./import.ts")];

const { values } = parseArgs({
  options: {
    json: { type: "boolean", default: false },
    quick: { type: "boolean", default: false },
    only: { type: "string", multiple: true },
  },
});

const log = (line: string) => process.stderr.write(`${line}\n`);
const out: Record<string, Figures> = { machine: describeMachine() };
let failed = false;

for (const load of BENCHMARKS) {
  const { benchmark } = await load();
  if (values.only && !values.only.includes(benchmark.name)) continue;
  log(`== ${benchmark.name}: ${benchmark.title}`);
  try {
    const r = await benchmark.run({ quick: values.quick, log });
    out[benchmark.name] = { ...r.figures, baseline: r.baseline };
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

if (values.json) console.log(JSON.stringify({ quick: values.quick, ...out }, null, 2));
else
  console.log(
    formatTable([["machine", ""], ...flatten(out.machine as Figures).map(([k, v]) => [k, String(v)])]),
  );
process.exit(failed ? 1 : 0);
