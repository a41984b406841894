// Daily detained population per facility and the import runs that loaded it: batched upserts and queries.
import { hostname } from "node:os";
import { CompiledQuery, type Selectable, sql } from "kysely";
import type { Db } from "./db.ts";
import { engineOf } from "./dialect.ts";
import type { FacilityPopulationTable, ImportRunsTable } from "./schema.ts";

export type PopulationRow = FacilityPopulationTable;
export type ImportRun = Selectable<ImportRunsTable>;
export type ImportRunStatus = "running" | "done" | "failed" | "interrupted";

const COLUMNS = [
  "facility_code",
  "date",
  "n_detained",
  "n_detained_at_midnight",
  "n_male",
  "n_female",
  "n_convicted_criminal",
  "n_possibly_under_18",
  "facility_name",
] as const satisfies readonly (keyof PopulationRow)[];

const UPDATE_SET = COLUMNS.slice(2)
  .map((c) => `${c} = excluded.${c}`)
  .join(", ");
const CONFLICT = `ON CONFLICT (facility_code, date) DO UPDATE SET ${UPDATE_SET}`;

// SQLite gets one statement per batch too: the rows travel as one JSON parameter that json_each() turns back
// into rows. Multi-row VALUES statements hit the 32766-parameter cap and, worse, Kysely prepares every
// statement it runs and better-sqlite3 frees a statement only when V8 collects it, so 500-row VALUES
// statements held ~800 MB of native memory over the DDP file and ran 20% slower than this (docs/BENCHMARKS.md).
// "WHERE true" lets SQLite tell the upsert's ON CONFLICT from a join constraint.
const SQLITE_UPSERT = `INSERT INTO facility_population (${COLUMNS.join(", ")})
  SELECT ${COLUMNS.map((_, i) => `value ->> ${i}`).join(", ")} FROM json_each(?) WHERE true
  ${CONFLICT}`;

// PostgreSQL gets one statement per batch: nine array parameters unnested into rows, so the batch size
// is not bounded by PostgreSQL's 65535-parameter limit and the statement text never changes.
const PG_INSERT = `INSERT INTO facility_population (${COLUMNS.join(", ")})
  SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::int[], $6::int[], $7::int[], $8::int[], $9::text[])`;
const PG_UPSERT = `${PG_INSERT} ${CONFLICT}`;
const UNIQUE_VIOLATION = "23505";

/**
 * On PostgreSQL ON CONFLICT costs about twice a plain INSERT (a speculative insertion per row). A batch
 * whose facilities have no stored day in its date range cannot conflict, so it goes in plainly; should a
 * concurrent writer or a repeated key make it conflict after all, it is undone and upserted.
 */
async function insertPgFresh(db: Db, rows: readonly PopulationRow[], cols: unknown[][]): Promise<boolean> {
  let min = rows[0]!.date;
  let max = min;
  const codes = new Set<string>();
  for (const r of rows) {
    codes.add(r.facility_code);
    if (r.date < min) min = r.date;
    if (r.date > max) max = r.date;
  }
  const stored = await db
    .selectFrom("facility_population")
    .select("date")
    .where("facility_code", "=", sql<string>`ANY(${[...codes]}::text[])`)
    .where("date", ">=", min)
    .where("date", "<=", max)
    .limit(1)
    .execute();
  if (stored.length) return false;
  const run = (text: string, params: unknown[] = []) => db.executeQuery(CompiledQuery.raw(text, params));
  // A failed statement aborts a PostgreSQL transaction: a savepoint keeps the caller's transaction usable.
  if (db.isTransaction) await run("SAVEPOINT population_insert");
  try {
    await run(PG_INSERT, cols);
  } catch (e) {
    if ((e as { code?: string }).code !== UNIQUE_VIOLATION) throw e;
    if (db.isTransaction) await run("ROLLBACK TO SAVEPOINT population_insert");
    return false;
  }
  if (db.isTransaction) await run("RELEASE SAVEPOINT population_insert");
  return true;
}

/** Keeps the last row for each (facility, date): one statement must not update a row twice on PostgreSQL. */
function lastPerKey(rows: readonly PopulationRow[]): readonly PopulationRow[] {
  const seen = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    seen.set(`${r.facility_code}\u0000${r.date}`, i);
  }
  if (seen.size === rows.length) return rows;
  const keep = new Set(seen.values());
  return rows.filter((_, i) => keep.has(i));
}

/**
 * Inserts or replaces population rows keyed by (facility_code, date); the last row wins for a repeated key.
 * Runs in whatever transaction `db` is; callers batch (see services/import-detention-data.ts).
 */
export async function upsertPopulation(db: Db, input: readonly PopulationRow[]): Promise<void> {
  if (!input.length) return;
  if (engineOf(db) === "postgres") {
    const rows = lastPerKey(input);
    const cols: unknown[][] = COLUMNS.map(() => new Array(rows.length));
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      for (let c = 0; c < COLUMNS.length; c++) cols[c]![i] = r[COLUMNS[c]!];
    }
    if (await insertPgFresh(db, rows, cols)) return;
    await db.executeQuery(CompiledQuery.raw(PG_UPSERT, cols));
    return;
  }
  // SQLite applies the rows in order, so a repeated key already ends with its last row.
  const tuples = input.map((r) => COLUMNS.map((c) => r[c]));
  await db.executeQuery(CompiledQuery.raw(SQLITE_UPSERT, [JSON.stringify(tuples)]));
}

export async function countPopulationRows(db: Db, f: { facility?: string } = {}): Promise<number> {
  let q = db.selectFrom("facility_population").select((eb) => eb.fn.countAll<number>().as("n"));
  if (f.facility) q = q.where("facility_code", "=", f.facility);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** One facility's daily series, oldest first, optionally between two dates (inclusive). */
export async function populationSeries(
  db: Db,
  facility: string,
  f: { from?: string; to?: string } = {},
): Promise<PopulationRow[]> {
  let q = db.selectFrom("facility_population").selectAll().where("facility_code", "=", facility);
  if (f.from) q = q.where("date", ">=", f.from);
  if (f.to) q = q.where("date", "<=", f.to);
  return q.orderBy("date").execute();
}

/** Each facility's most recent day on record, largest population first. */
export async function latestPopulationByFacility(
  db: Db,
  f: { limit?: number } = {},
): Promise<PopulationRow[]> {
  return db
    .selectFrom("facility_population as p")
    .innerJoin(
      (eb) =>
        eb
          .selectFrom("facility_population")
          .select(["facility_code", (e) => e.fn.max("date").as("last")])
          .groupBy("facility_code")
          .as("m"),
      (join) => join.onRef("m.facility_code", "=", "p.facility_code").onRef("m.last", "=", "p.date"),
    )
    .selectAll("p")
    .orderBy("p.n_detained", "desc")
    .orderBy("p.facility_code")
    .limit(f.limit ?? 10000)
    .execute();
}

/** Detained people summed over all facilities on each facility's latest day, and the newest date seen. */
export async function latestPopulationTotal(
  db: Db,
): Promise<{ total: number; facilities: number; asOf?: string }> {
  const rows = await latestPopulationByFacility(db, { limit: 1_000_000 });
  let total = 0;
  let asOf: string | undefined;
  for (const r of rows) {
    total += r.n_detained;
    if (!asOf || r.date > asOf) asOf = r.date;
  }
  return { total, facilities: rows.length, asOf };
}

// ---------- import runs ----------
export async function startImportRun(db: Db, kind: string, file: string): Promise<number> {
  const r = await db
    .insertInto("import_runs")
    .values({
      kind,
      file,
      started_at: new Date().toISOString(),
      rows: 0,
      bad_rows: 0,
      status: "running",
      pid: process.pid,
      host: hostname(),
      note: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

/** Adds a batch's counts to a run; called inside the batch's transaction so the counts match what is stored. */
export async function addToImportRun(db: Db, id: number, rows: number, badRows: number): Promise<void> {
  await db
    .updateTable("import_runs")
    .set({ rows: sql`${sql.ref("rows")} + ${rows}`, bad_rows: sql`${sql.ref("bad_rows")} + ${badRows}` })
    .where("id", "=", id)
    .execute();
}

export async function finishImportRun(db: Db, id: number, status: Exclude<ImportRunStatus, "running">) {
  await db
    .updateTable("import_runs")
    .set({ status, finished_at: new Date().toISOString() })
    .where("id", "=", id)
    .execute();
}

export async function findImportRun(db: Db, id: number): Promise<ImportRun | undefined> {
  const r = await db.selectFrom("import_runs").selectAll().where("id", "=", id).executeTakeFirst();
  return r ? { ...r, id: Number(r.id) } : undefined;
}

export async function listImportRuns(db: Db, f: { limit?: number } = {}): Promise<ImportRun[]> {
  const rows = await db
    .selectFrom("import_runs")
    .selectAll()
    .orderBy("id", "desc")
    .limit(f.limit ?? 100)
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** Detained people summed over all facilities, per day, oldest first. */
export async function populationTotalsByDate(
  db: Db,
  f: { from?: string; to?: string } = {},
): Promise<{ date: string; total: number }[]> {
  let q = db
    .selectFrom("facility_population")
    .select(["date", (eb) => eb.fn.sum<number>("n_detained").as("total")])
    .groupBy("date");
  if (f.from) q = q.where("date", ">=", f.from);
  if (f.to) q = q.where("date", "<=", f.to);
  return q.orderBy("date").execute();
}
