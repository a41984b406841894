// Import benchmark: the DDP daily population file through importDdpFile, against a plain better-sqlite3
// prepared-statement loop (and, when PostgreSQL is at hand, against COPY) over the same parsed rows.
import { once } from "node:events";
import { createReadStream, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { finished, pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { type DdpRow, parseDdp } from "../src/ingest/detention-data/ddp.ts";
import { DEFAULT_BATCH_SIZE, importDdpFile } from "../src/services/import-detention-data.ts";
import { openStore, type StoreTarget } from "../src/store/db.ts";
import { POPULATION_COLUMNS } from "../src/store/population.ts";
import {
  type Benchmark,
  type ChildReport,
  type Figures,
  median,
  peakRssMb,
  reportFromChild,
  round,
  runChild,
} from "./lib.ts";

const DDP_FILE = fileURLToPath(
  new URL("../../shared/data/ddp/ddp_facilities_daily_population.csv", import.meta.url),
);
const SELF = fileURLToPath(import.meta.url);
// Issue 16's goals: the importer within 1.2× the raw prepared INSERT loop (SQLite), 1.3× one COPY (PostgreSQL).
const TARGET_RATIO = 1.2;
const TARGET_RATIO_PG = 1.3;
const COLUMNS = POPULATION_COLUMNS;

// ---------- what each child process measures ----------
type Mode = "service-sqlite" | "raw-sqlite" | "parse-only" | "service-pg" | "copy-pg" | "copy-file-pg";

async function* goodRows(file: string): AsyncGenerator<DdpRow> {
  for await (const item of parseDdp(createReadStream(file, { highWaterMark: 256 * 1024 }))) {
    if (!item.ok) throw new Error(`line ${item.line}: ${item.message}`);
    yield item.row;
  }
}

async function countRows(target: StoreTarget): Promise<number> {
  const s = await openStore(target, { migrate: false });
  const r = await s.db
    .selectFrom("facility_population")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  await s.close();
  return Number(r.n);
}

async function serviceRun(target: StoreTarget, file: string) {
  const store = await openStore(target, { migrate: false });
  const t0 = performance.now();
  const r = await importDdpFile(store.db, file);
  const ms = performance.now() - t0;
  await store.close();
  return { ms, rows: r.rows };
}

/** The floor for SQLite: one prepared INSERT run per row, committed in the importer's batch size. */
async function rawSqliteRun(path: string, file: string) {
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  const insert = db.prepare(
    `INSERT INTO facility_population (${COLUMNS.join(", ")}) VALUES (${COLUMNS.map(() => "?").join(", ")})`,
  );
  const commit = db.transaction((rows: DdpRow[]) => {
    for (const r of rows) {
      insert.run(
        r.facility_code,
        r.date,
        r.n_detained,
        r.n_detained_at_midnight,
        r.n_male,
        r.n_female,
        r.n_convicted_criminal,
        r.n_possibly_under_18,
        r.facility_name,
      );
    }
  });
  const t0 = performance.now();
  let rows = 0;
  let batch: DdpRow[] = [];
  for await (const r of goodRows(file)) {
    batch.push(r);
    if (batch.length === DEFAULT_BATCH_SIZE.sqlite) {
      commit(batch);
      rows += batch.length;
      batch = [];
    }
  }
  commit(batch);
  rows += batch.length;
  const ms = performance.now() - t0;
  db.close();
  return { ms, rows };
}

async function parseOnlyRun(file: string) {
  const t0 = performance.now();
  let rows = 0;
  for await (const _ of goodRows(file)) rows++;
  return { ms: performance.now() - t0, rows };
}

const copyText = (v: string | number | null) =>
  v === null
    ? "\\N"
    : typeof v === "number"
      ? String(v)
      : v.replace(/[\\\t\n\r]/g, (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c]!);

/** The floor for PostgreSQL: the same parsed rows streamed through one COPY in text format. */
async function copyPgRun(url: string, file: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const t0 = performance.now();
  const stream = client.query(copyFrom(`COPY facility_population (${COLUMNS.join(", ")}) FROM STDIN`));
  let rows = 0;
  let chunk = "";
  for await (const r of goodRows(file)) {
    chunk += `${COLUMNS.map((c) => copyText(r[c])).join("\t")}\n`;
    if (++rows % 1000 === 0) {
      if (!stream.write(chunk)) await once(stream, "drain");
      chunk = "";
    }
  }
  stream.end(chunk);
  await finished(stream);
  const ms = performance.now() - t0;
  await client.end();
  return { ms, rows };
}

/** For scale only: the file itself handed to COPY … CSV, with no validation at all. */
async function copyFilePgRun(url: string, file: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const t0 = performance.now();
  const stream = client.query(
    copyFrom(`COPY facility_population (${COLUMNS.join(", ")}) FROM STDIN WITH (FORMAT csv, HEADER true)`),
  );
  await pipeline(createReadStream(file, { highWaterMark: 256 * 1024 }), stream);
  const ms = performance.now() - t0;
  await client.end();
  return { ms, rows: Number(stream.rowCount) };
}

async function child(mode: Mode, where: string, file: string) {
  const pgTarget: StoreTarget = { engine: "postgres", url: where };
  const sqliteTarget: StoreTarget = { engine: "sqlite", path: where };
  let r: { ms: number; rows: number };
  if (mode === "service-sqlite") r = await serviceRun(sqliteTarget, file);
  else if (mode === "raw-sqlite") r = await rawSqliteRun(where, file);
  else if (mode === "parse-only") r = await parseOnlyRun(file);
  else if (mode === "service-pg") r = await serviceRun(pgTarget, file);
  else if (mode === "copy-pg") r = await copyPgRun(where, file);
  else r = await copyFilePgRun(where, file);
  // Peak memory is read before the check below, which is not part of the measurement.
  const maxRssMb = peakRssMb();
  const stored =
    mode === "parse-only" ? r.rows : await countRows(mode.endsWith("pg") ? pgTarget : sqliteTarget);
  reportFromChild({ ...r, stored, peakMb: maxRssMb });
}

// ---------- the benchmark ----------
type Fresh = () => Promise<{ where: string; drop: () => Promise<void> }>;
type Measured = { ms: number; rows: number; rowsPerS: number; peakMb: number; runs: ChildReport[] };

/**
 * Runs every mode once per round, each in its own process on a fresh database, and takes medians. Modes
 * alternate within a round so that a busy neighbour on the machine slows both sides of a ratio alike.
 * `warmUp` runs once first, uncounted: the first import into a cluster just started ran 0.5–1 s slower
 * whichever mode it was, and the first mode of the first round would carry that alone.
 */
async function measureRounds(
  modes: Mode[],
  runs: number,
  fresh: Fresh,
  log: (l: string) => void,
  warmUp?: Mode,
) {
  const reports = new Map<Mode, ChildReport[]>(modes.map((m) => [m, []]));
  const runOne = async (mode: Mode, label: string) => {
    const db = await fresh();
    try {
      const r = await runChild(SELF, ["--child", mode, db.where, DDP_FILE]);
      if (r.stored !== r.rows) throw new Error(`${mode}: ${r.rows} rows imported but ${r.stored} stored`);
      log(`  ${label} ${mode}: ${round(r.ms)} ms, ${r.rows} rows, peak RSS ${round(r.peakMb ?? 0)} MB`);
      return r;
    } finally {
      await db.drop();
    }
  };
  if (warmUp) await runOne(warmUp, "warm-up (not counted)");
  for (let i = 0; i < runs; i++)
    for (const mode of modes) reports.get(mode)!.push(await runOne(mode, `round ${i + 1}/${runs}`));
  const out = new Map<Mode, Measured>();
  for (const [mode, rs] of reports) {
    const ms = median(rs.map((r) => r.ms));
    const rows = rs[0]!.rows;
    out.set(mode, {
      ms,
      rows,
      rowsPerS: rows / (ms / 1000),
      peakMb: median(rs.map((r) => r.peakMb ?? r.maxRssMb)),
      runs: rs,
    });
  }
  return out;
}

/** Median over rounds of one mode's time divided by another's in the same round. */
const ratioOf = (a: Measured, b: Measured) => median(a.runs.map((r, i) => r.ms / b.runs[i]!.ms));

const describe = (m: { ms: number; rowsPerS: number; peakMb: number }): Figures => ({
  ms: round(m.ms),
  rows_per_s: round(m.rowsPerS),
  peak_rss_mb: round(m.peakMb),
});

async function pgServer(
  log: (l: string) => void,
): Promise<{ url: string; stop: () => void; note: string } | string> {
  if (process.env.DATABASE_URL)
    return { url: process.env.DATABASE_URL, stop: () => {}, note: "DATABASE_URL" };
  // test/pg-cluster.js is plain JS shared with scripts/test.js (no declarations): its two functions are typed here.
  const cluster = (await import(new URL("../test/pg-cluster.js", import.meta.url).href)) as {
    findPgBin: () => string | undefined;
    startCluster: () => Promise<{ url: string; stop: () => void }>;
  };
  if (!cluster.findPgBin())
    return "no PostgreSQL: set DATABASE_URL or install the PostgreSQL server binaries";
  log("  starting a throwaway PostgreSQL cluster");
  const c = await cluster.startCluster();
  return {
    url: c.url,
    stop: () => c.stop(),
    note: "throwaway local cluster (fsync=off, full_page_writes=off)",
  };
}

async function pgFigures(runs: number, scale: boolean, log: (l: string) => void): Promise<Figures> {
  const server = await pgServer(log);
  if (typeof server === "string") return { skipped: server };
  let n = 0;
  const fresh = async () => {
    const name = `habeas_bench_${process.pid}_${n++}`;
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = server.url.replace(/\/[^/?]*(\?.*)?$/, `/${name}$1`);
    await (await openStore({ engine: "postgres", url })).close();
    return {
      where: url,
      drop: async () => {
        const c = new pg.Client({ connectionString: server.url });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  };
  try {
    // The server reading the file itself (COPY FROM a file) only on the long run: a second reference, not the floor.
    const modes: Mode[] = scale ? ["service-pg", "copy-pg", "copy-file-pg"] : ["service-pg", "copy-pg"];
    const m = await measureRounds(modes, runs, fresh, log, "copy-pg");
    const service = m.get("service-pg")!;
    const copy = m.get("copy-pg")!;
    const fileCopy = m.get("copy-file-pg");
    const ratio = ratioOf(service, copy);
    return {
      server: server.note,
      batch_rows: DEFAULT_BATCH_SIZE.postgres,
      service: describe(service),
      copy: describe(copy),
      ...(fileCopy ? { copy_raw_file: describe(fileCopy) } : {}),
      import_s: round(service.ms / 1000, 2),
      import_copy_floor_s: round(copy.ms / 1000, 2),
      import_ratio_vs_copy: round(ratio, 2),
      target_ratio: TARGET_RATIO_PG,
      meets_target: ratio <= TARGET_RATIO_PG,
    };
  } finally {
    server.stop();
  }
}

export const benchmark: Benchmark = {
  name: "import",
  title: "DDP daily population import (888,699 rows) into a fresh database",
  async run({ quick, scale, log }) {
    if (!existsSync(DDP_FILE)) {
      return { figures: { skipped: `${DDP_FILE} is absent` }, baseline: "n/a" };
    }
    const runs = quick ? 1 : 3;
    const dir = mkdtempSync(join(tmpdir(), "habeas-bench-"));
    let n = 0;
    const fresh = async () => {
      const path = join(dir, `run-${n++}.db`);
      await (await openStore({ engine: "sqlite", path })).close();
      return { where: path, drop: async () => rmSync(path.replace(/\.db$/, ""), { force: true }) };
    };
    try {
      const m = await measureRounds(["service-sqlite", "raw-sqlite", "parse-only"], runs, fresh, log);
      const service = m.get("service-sqlite")!;
      const raw = m.get("raw-sqlite")!;
      const parse = m.get("parse-only")!;
      const ratio = ratioOf(service, raw);
      const figures: Figures = {
        rows: service.rows,
        runs,
        batch_rows: DEFAULT_BATCH_SIZE.sqlite,
        service: describe(service),
        raw: describe(raw),
        parse_only: describe(parse),
        import_s: round(service.ms / 1000, 2),
        import_raw_floor_s: round(raw.ms / 1000, 2),
        import_ratio_vs_raw: round(ratio, 2),
        // Both sides parse the same way; this is the ratio of what is left once parsing is taken out.
        insert_ratio_vs_raw: round(
          median(
            service.runs.map((r, i) => (r.ms - parse.runs[i]!.ms) / (raw.runs[i]!.ms - parse.runs[i]!.ms)),
          ),
          2,
        ),
        target_ratio: TARGET_RATIO,
        meets_target: ratio <= TARGET_RATIO,
        postgres: await pgFigures(runs, scale === true, log),
      };
      return {
        figures,
        baseline:
          "the same parsed rows inserted by a plain better-sqlite3 prepared INSERT loop in transactions of the same size (PostgreSQL: one COPY)",
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

if (process.argv[1] === SELF && process.argv[2] === "--child") {
  const [mode, where, file] = process.argv.slice(3) as [Mode, string, string];
  await child(mode, where, file);
}
