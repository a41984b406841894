// The engine a handle talks to, and the few SQL spellings that differ between SQLite and PostgreSQL that the
// migrations need: one place for those branches (FTS lives in search.ts). Also the two ways past Kysely that
// db.ts registers for a SQLite store: its version read straight from the connection (storeVersion) and its row
// runner for bulk writes (runEachRow). Imports nothing of the store.
import {
  CompiledQuery,
  type DialectAdapter,
  type Kysely,
  PostgresAdapter,
  type RawBuilder,
  sql,
  type Transaction,
} from "kysely";

export type Engine = "sqlite" | "postgres";

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists.
type AnyDb = Kysely<any> | Transaction<any>;

export function engineOf(db: AnyDb): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

export function isPostgres(db: AnyDb): boolean {
  return engineOf(db) === "postgres";
}

/** A table clause for key-only tables: SQLite stores them without a rowid, PostgreSQL has no such thing. */
export function keyOnlyTable(db: AnyDb): RawBuilder<unknown> {
  return isPostgres(db) ? sql`` : sql` WITHOUT ROWID`;
}

/** The integer type of a row reference: SQLite's rowid is INTEGER, a PostgreSQL identity is BIGINT. */
export function rowRefType(db: AnyDb): RawBuilder<unknown> {
  return isPostgres(db) ? sql`BIGINT` : sql`INTEGER`;
}

// SQLite handles whose version db.ts can read straight from the main connection (see registerVersionReader).
const versionReaders = new WeakMap<AnyDb, () => string | undefined>();

/**
 * Lets storeVersion read a SQLite handle's version synchronously, with the same value its statement gives:
 * the public cache asks on every request, and through Kysely that cost a tenth of the server's CPU. `read`
 * answers undefined when it cannot answer now (a transaction or a read in progress on the connection), and
 * storeVersion then waits its turn for the connection as before.
 */
export function registerVersionReader(db: AnyDb, read: () => string | undefined): void {
  versionReaders.set(db, read);
}

/**
 * A value that changes whenever anything is committed to the store, by this process or any other: what a
 * cache of answers read from the store is valid for. SQLite: the file's data version (bumped by other
 * connections' commits) with this connection's own count of changed rows. PostgreSQL: the current snapshot
 * (its next transaction id and those in progress), which a committed write always changes — any write in the
 * cluster, other databases' too: it may change when nothing here did, never the other way.
 */
export async function storeVersion(db: AnyDb): Promise<string> {
  const now = versionReaders.get(db)?.();
  if (now !== undefined) return now;
  if (isPostgres(db)) {
    const r = await sql<{ v: string }>`SELECT pg_current_snapshot()::text AS v`.execute(db);
    return String(r.rows[0]?.v);
  }
  const r = await sql<{
    v: number;
    t: number;
  }>`SELECT (SELECT data_version FROM pragma_data_version()) AS v, total_changes() AS t`.execute(db);
  return `${r.rows[0]?.v}.${r.rows[0]?.t}`;
}

/**
 * A SQLite store's own connection, for writing many rows with one compiled statement run once per row: a
 * row costs a bound step, where a Kysely query costs a compilation lookup and a promise (and one statement
 * over a JSON array of the rows, the other way, costs the JSON both ways: ~20% more for the DDP import).
 * db.ts registers one for each SQLite store (registerRowRunner).
 */
export class SqliteRowRunner {
  private readonly inTransaction: () => boolean;
  private readonly prepare: (text: string) => { run: (params: unknown[]) => unknown };

  constructor(
    inTransaction: () => boolean,
    prepare: (text: string) => { run: (params: unknown[]) => unknown },
  ) {
    this.inTransaction = inTransaction;
    this.prepare = prepare;
  }

  /**
   * Runs `text` once for each row's parameters, in the transaction open on the connection; false (nothing
   * run) when none is open: a statement outside one could land in another caller's transaction.
   */
  runRows(text: string, rows: readonly unknown[][]): boolean {
    if (!this.inTransaction()) return false;
    const statement = this.prepare(text);
    for (const r of rows) statement.run(r);
    return true;
  }
}

// Keyed by the store's adapter: a Kysely handle makes one, and its transactions share it.
const rowRunners = new WeakMap<DialectAdapter, SqliteRowRunner>();

/** Gives a SQLite store's handle, and every transaction of it, its row runner. */
export function registerRowRunner(db: AnyDb, runner: SqliteRowRunner): void {
  rowRunners.set(db.getExecutor().adapter, runner);
}

/** The row runner of a SQLite store's handle or transaction (see SqliteRowRunner); undefined on PostgreSQL. */
export function sqliteRowRunner(db: AnyDb): SqliteRowRunner | undefined {
  return rowRunners.get(db.getExecutor().adapter);
}

/**
 * Runs `text` (one row's statement) once for each row of parameters, inside `tx`: through the row runner on
 * SQLite, else (should there be none) one query at a time. For SQLite's bulk writes of plain rows.
 */
export async function runEachRow(tx: AnyDb, text: string, rows: readonly unknown[][]): Promise<void> {
  if (!tx.isTransaction) throw new Error("runEachRow runs inside a transaction");
  if (sqliteRowRunner(tx)?.runRows(text, rows)) return;
  for (const r of rows) await tx.executeQuery(CompiledQuery.raw(text, r));
}
