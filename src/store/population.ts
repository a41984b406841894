// Daily detained population per facility and the import runs that loaded it: batched upserts and queries.
import { hostname } from "node:os";
import { CompiledQuery, type Selectable, sql } from "kysely";
import { type Db, inTransaction, withPgClient } from "./db.ts";
import { engineOf, runEachRow } from "./dialect.ts";
import { copyRows } from "./pg-copy.ts";
import type { FacilityPopulationTable, ImportRunsTable } from "./schema.ts";

export type PopulationRow = FacilityPopulationTable;
export type ImportRun = Selectable<ImportRunsTable>;
export type ImportRunStatus = "running" | "done" | "failed" | "interrupted";

/** The columns of facility_population, in the order every statement here writes them. */
export const POPULATION_COLUMNS = [
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
const COLUMNS = POPULATION_COLUMNS;

const UPDATE_SET = COLUMNS.slice(2)
  .map((c) => `${c} = excluded.${c}`)
  .join(", ");
const CONFLICT = `ON CONFLICT (facility_code, date) DO UPDATE SET ${UPDATE_SET}`;

// SQLite runs one compiled upsert per row on the store's connection, inside the batch's transaction
// (dialect.ts SqliteRowRunner): as fast as a plain prepared INSERT loop. One statement over the batch as a JSON
// array (json_each) cost ~20% more, multi-row VALUES more still, and hit the 32766-parameter cap
// (docs/BENCHMARKS.md).
const SQLITE_UPSERT = `INSERT INTO facility_population (${COLUMNS.join(", ")})
  VALUES (${COLUMNS.map(() => "?").join(", ")}) ${CONFLICT}`;

// PostgreSQL takes each batch through COPY (text format), which loads rows far faster than an INSERT of bound
// values (docs/BENCHMARKS.md): straight into the table when no row can conflict, else into a session's
// temporary staging table and from there by one INSERT … SELECT … ON CONFLICT. The staging table empties
// itself at commit, and is emptied before each use for a caller that writes two batches in one transaction.
const STAGING = "facility_population_staging";
const PG_STAGE = `CREATE TEMP TABLE IF NOT EXISTS ${STAGING} (LIKE facility_population) ON COMMIT DELETE ROWS;
  TRUNCATE ${STAGING}`;
const PG_UPSERT = `INSERT INTO facility_population (${COLUMNS.join(", ")})
  SELECT ${COLUMNS.join(", ")} FROM ${STAGING} ${CONFLICT}`;
const UNIQUE_VIOLATION = "23505";

// Whether a stored day falls within any facility's date range in the batch: one index probe per facility.
const PG_OVERLAP = `SELECT 1 FROM unnest($1::text[], $2::text[], $3::text[]) AS b (code, first, last)
  WHERE EXISTS (SELECT 1 FROM facility_population p
    WHERE p.facility_code = b.code AND p.date BETWEEN b.first AND b.last) LIMIT 1`;

/**
 * Whether no row of the batch can meet a stored one: no facility of the batch has a stored day within the
 * batch's dates for it. On PostgreSQL ON CONFLICT costs about twice a plain INSERT (a speculative insertion
 * per row). Ranges are per facility: the DDP file runs facility by facility, so a batch continues the
 * previous batch's last facility and a range over the whole batch would always meet it.
 */
async function cannotConflict(db: Db, rows: readonly PopulationRow[]): Promise<boolean> {
  const ranges = new Map<string, { first: string; last: string }>();
  for (const r of rows) {
    const range = ranges.get(r.facility_code);
    if (!range) ranges.set(r.facility_code, { first: r.date, last: r.date });
    else if (r.date < range.first) range.first = r.date;
    else if (r.date > range.last) range.last = r.date;
  }
  const values = [...ranges.values()];
  const found = await db.executeQuery(
    CompiledQuery.raw(PG_OVERLAP, [
      [...ranges.keys()],
      values.map((v) => v.first),
      values.map((v) => v.last),
    ]),
  );
  return !found.rows.length;
}

/**
 * Writes a batch on PostgreSQL, in `tx`. A batch that cannot conflict is copied straight into the table,
 * inside a savepoint: should a concurrent writer make it conflict after all, it is undone and takes the
 * other way. Any other batch is copied into the staging table and upserted from there.
 */
async function upsertPg(tx: Db, rows: readonly PopulationRow[]): Promise<void> {
  const fresh = await cannotConflict(tx, rows);
  await withPgClient(tx, async (client) => {
    if (fresh) {
      // A failed statement aborts a PostgreSQL transaction: the savepoint keeps it usable.
      await client.query("SAVEPOINT population_copy");
      try {
        await copyRows(client, "facility_population", COLUMNS, rows);
        await client.query("RELEASE SAVEPOINT population_copy");
        return;
      } catch (e) {
        if ((e as { code?: string }).code !== UNIQUE_VIOLATION) throw e;
        await client.query("ROLLBACK TO SAVEPOINT population_copy");
      }
    }
    await client.query(PG_STAGE);
    await copyRows(client, STAGING, COLUMNS, rows);
    await client.query(PG_UPSERT);
  });
}

/** Keeps the last row for each (facility, date): one statement must not update a row twice on PostgreSQL. */
function lastPerKey(rows: readonly PopulationRow[]): readonly PopulationRow[] {
  // A file in key order (the DDP file is) has no repeated key: checked without building a key per row.
  let ordered = true;
  for (let i = 1; i < rows.length && ordered; i++) {
    const a = rows[i - 1]!;
    const b = rows[i]!;
    ordered = a.facility_code < b.facility_code || (a.facility_code === b.facility_code && a.date < b.date);
  }
  if (ordered) return rows;
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
 * Runs in `db`'s transaction when it is one, else in its own; callers batch (see
 * services/import-detention-data.ts).
 */
export async function upsertPopulation(db: Db, input: readonly PopulationRow[]): Promise<void> {
  if (!input.length) return;
  // On PostgreSQL the staged rows live until commit: the COPY and the INSERT from it share a transaction. On
  // SQLite the rows run one by one on the connection, inside one.
  if (!db.isTransaction) return inTransaction(db, (tx) => upsertPopulation(tx, input));
  if (engineOf(db) === "postgres") {
    await upsertPg(db, lastPerKey(input));
    return;
  }
  // SQLite applies the rows in order, so a repeated key already ends with its last row.
  await runEachRow(
    db,
    SQLITE_UPSERT,
    input.map((r) => COLUMNS.map((c) => r[c])),
  );
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
