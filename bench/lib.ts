// What every benchmark shares: the result shape, medians, and child-process runs that report peak memory.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, freemem, totalmem } from "node:os";

export type Figure = number | string | boolean | null;
export type Figures = { [name: string]: Figure | Figures };

export type BenchOptions = {
  /** Fewer runs and smaller inputs where a benchmark allows it. */
  quick: boolean;
  /** The long cost curve: 300,000 people and 3 million events (`--scale`; minutes more, GBs of disk). */
  scale?: boolean;
  /** Also measure on PostgreSQL (DATABASE_URL or a throwaway cluster); off with --sqlite-only. */
  postgres?: boolean;
  /** Progress lines for the human reader (stderr), never part of the result. */
  log: (line: string) => void;
};

export type BenchResult = {
  /** Named figures: times in ms, rates per second, memory in MB, ratios against the baseline. */
  figures: Figures;
  /** What the figures are measured against, in one sentence. */
  baseline: string;
};

export type Benchmark = { name: string; title: string; run: (opts: BenchOptions) => Promise<BenchResult> };

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export const round = (x: number, digits = 0) => Math.round(x * 10 ** digits) / 10 ** digits;

/** What a child run reports on its last stdout line: its own figures plus its peak resident memory. */
export type ChildReport = { ms: number; rows: number; maxRssMb: number } & Record<string, number>;

/**
 * Runs `script` in a fresh Node process, so each measurement starts from an empty heap and its peak RSS
 * (getrusage maxrss, read by the child at exit) is its own and not the runner's.
 */
export function runChild(
  script: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      env: { ...process.env, ...env },
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
    child.on("error", reject);
    child.on("close", (code) => {
      const last = out.trim().split("\n").at(-1) ?? "";
      if (code !== 0)
        return reject(new Error(`${args[0] ?? script} exited with ${code}: ${err.trim() || last}`));
      try {
        resolve(JSON.parse(last) as ChildReport);
      } catch {
        reject(new Error(`${args[0] ?? script} printed no result: ${last.slice(0, 200)}`));
      }
    });
  });
}

/**
 * This process's peak resident memory since it started: Linux's VmHWM, which belongs to the process's own
 * memory image. getrusage's maxRSS (the fallback) carries the peak of the process it was forked from across
 * exec, so a child of a large benchmark process reported the parent's size (490 MB against 297 MB).
 */
export function peakRssMb(): number {
  try {
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
    if (kb) return Math.round(Number(kb) / 1024);
  } catch {}
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** Called by a child at the end of its run: prints its report with peak memory as the last stdout line. */
export function reportFromChild(figures: { ms: number; rows: number } & Record<string, number>) {
  const maxRssMb = peakRssMb();
  process.stdout.write(`${JSON.stringify({ ...figures, maxRssMb })}\n`);
}

export function describeMachine(): Figures {
  const c = cpus();
  return {
    cpus: c.length,
    cpu_model: c[0]?.model.trim() ?? "unknown",
    memory_gb: round(totalmem() / 2 ** 30, 1),
    free_memory_gb: round(freemem() / 2 ** 30, 1),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

/** Flattens nested figures to dotted names for the human table. */
export function flatten(f: Figures, prefix = ""): [string, Figure][] {
  return Object.entries(f).flatMap(([k, v]) =>
    v !== null && typeof v === "object"
      ? flatten(v, `${prefix}${k}.`)
      : [[`${prefix}${k}`, v] as [string, Figure]],
  );
}

export function formatTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  return rows
    .map((r, i) => {
      const line = r
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
        .join("  ");
      return i === 0 ? `${line}\n${widths.map((w) => "-".repeat(w)).join("  ")}` : line;
    })
    .join("\n");
}
