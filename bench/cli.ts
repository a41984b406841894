// Command-line start-up: `habeas people show <id> --json` on the demo database, against `node -e ''` (the
// floor: a Node start-up doing nothing) in the same run, by each way of starting habeas: Node 24 on
// bin/habeas.js, the bin/habeas.sh shim, the system Node on bin/habeas.js (a second start-up when it is
// older than 22.18) and `npx habeas`, beside npx's own floor (`npx -c true`); `--help` too, which loads no
// engine.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Benchmark, type Figures, median, round } from "./lib.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = `${ROOT}bin/habeas.js`;
const SHIM = `${ROOT}bin/habeas.sh`;
const BUNDLES = `${ROOT}node_modules/.cache/habeas/bundled-deps.json`;
/** The goal: a command within six Node start-ups. */
const TARGET_VS_NODE = 6;

function timeRun(cmd: string, args: string[], env: Record<string, string> = {}): number {
  const t = performance.now();
  const r = spawnSync(cmd, args, {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: "", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const ms = performance.now() - t;
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}: ${String(r.stderr).trim()}`);
  return ms;
}

/**
 * Medians of `runs` runs of each of `fs`, run in turn (a, b, a, b …), after one uncounted run of each: the
 * first fills the compile cache and the page cache.
 */
function mediansInTurn<T extends (() => number)[]>(runs: number, ...fs: T): { [K in keyof T]: number } {
  for (const f of fs) f();
  const xs = fs.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) for (const [k, f] of fs.entries()) xs[k]?.push(f());
  return xs.map((x) => round(median(x), 1)) as { [K in keyof T]: number };
}

const medianOf = (runs: number, f: () => number): number => mediansInTurn(runs, f)[0];

function systemNode(): { path: string; version: string } | undefined {
  const r = spawnSync("sh", ["-c", "command -v node && node --version"], { encoding: "utf8" });
  const [path, version] = r.stdout.trim().split("\n");
  return path && version && path !== process.execPath ? { path, version } : undefined;
}

export const benchmark: Benchmark = {
  name: "cli",
  title: "Command line: `habeas people show <id> --json` on the demo database, against `node -e ''`",
  async run({ quick, log }) {
    const dir = mkdtempSync(join(tmpdir(), "habeas-bench-cli-"));
    try {
      const db = join(dir, "demo.db");
      timeRun(process.execPath, [BIN, "init", "--demo", "--db", db]);
      const list = spawnSync(process.execPath, [BIN, "people", "list", "--json", "--db", db], {
        encoding: "utf8",
        env: { ...process.env, DATABASE_URL: "" },
      });
      const id = (JSON.parse(list.stdout) as { id: string }[])[0]?.id;
      if (!id) throw new Error("the demo database has no people");
      const show = ["people", "show", id, "--json", "--db", db];
      // The headline ratio from eleven runs of each side; the figures beside it from five (the whole bench
      // stays within ten minutes).
      const runs = quick ? 5 : 11;
      const side = 5;
      // The floor and the command in turn, so a slow stretch of the machine (this 2-vCPU machine's speed
      // drifts from minute to minute) weighs on both sides alike, not on whichever ran during it.
      const [node, cli] = mediansInTurn(
        runs,
        () => timeRun(process.execPath, ["-e", ""]),
        () => timeRun(process.execPath, [BIN, ...show]),
      );
      const help = medianOf(side, () => timeRun(process.execPath, [BIN, "--help"]));
      const shim = medianOf(side, () => timeRun(SHIM, show));
      const noCache = medianOf(side, () =>
        timeRun(process.execPath, [BIN, ...show], { NODE_DISABLE_COMPILE_CACHE: "1" }),
      );
      // kysely and zod as the packages ship them (hundreds of modules), not the bundles `npm install` made.
      const noBundles = medianOf(side, () =>
        timeRun(process.execPath, [BIN, ...show], { HABEAS_BUNDLED_DEPS: "0" }),
      );
      log(`  node -e '' ${node} ms; people show ${cli} ms (shim ${shim} ms); --help ${help} ms`);
      const figures: Figures = {
        command: `habeas people show <id> --json (demo database)`,
        baseline_node_ms: node,
        cli_ms: cli,
        cli_vs_node: round(cli / node, 1),
        cli_help_ms: help,
        cli_help_vs_node: round(help / node, 1),
        cli_shim_ms: shim,
        cli_without_compile_cache_ms: noCache,
        cli_without_bundled_deps_ms: noBundles,
        cli_bundled_deps: existsSync(BUNDLES),
        cli_target_met: cli / node <= TARGET_VS_NODE,
      };
      const sys = systemNode();
      if (sys) {
        figures.system_node = sys.version;
        figures.cli_system_node_ms = medianOf(side, () => timeRun(sys.path, [BIN, ...show]));
        // npx's own floor: `npm exec` starting a command that does nothing and is no Node program (`true`),
        // in turn with `npx habeas`. What npx adds before any command of ours starts; the goal (`npx habeas`
        // within 1.5× the command) is out of reach whenever this alone is more than 1.5× the command.
        const quiet = { npm_config_loglevel: "error" };
        const [npxFloor, npx] = mediansInTurn(
          side,
          () => timeRun("npx", ["--no-install", "-c", "true"], quiet),
          () => timeRun("npx", ["--no-install", "habeas", ...show], quiet),
        );
        figures.cli_npx_ms = npx;
        figures.cli_npx_vs_cli = round(npx / cli, 1);
        figures.cli_npx_floor_ms = npxFloor;
        figures.cli_npx_floor_vs_cli = round(npxFloor / cli, 1);
        figures.cli_npx_beyond_floor_ms = round(npx - npxFloor, 1);
        log(
          `  system ${sys.version}: bin/habeas.js ${figures.cli_system_node_ms} ms; npx habeas ${npx} ms (npx -c true ${npxFloor} ms)`,
        );
      }
      return {
        figures,
        baseline:
          "`node -e ''` with the same Node (a start-up doing nothing), medians of the same number of runs, the two run in turn",
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
