// Opens the store: better-sqlite3 (WAL, synchronous=FULL) by default, PostgreSQL when configured.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import BetterSqlite from "better-sqlite3";
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  type PostgresPool,
  type PostgresPoolClient,
  SqliteDialect,
  sql,
  type Transaction,
} from "kysely";
import type pgTypes from "pg";
import { AppError } from "../domain/errors.ts";
import { rebuildNameIndexes, refreshPlannerStatistics } from "./bulk.ts";
import { KeyringPlugin, type KeySource } from "./cipher.ts";
import {
  type Engine,
  engineOf,
  registerRowRunner,
  registerVersionReader,
  SqliteRowRunner,
} from "./dialect.ts";
import { markInterruptedRuns } from "./import-runs.ts";
import { checkKeyring, ephemeralKeySource, type KeyConfig, keySource } from "./keys.ts";
import { migrateToLatest, PG_NAME_TRIGRAMS } from "./migrations/index.ts";
import type { DB } from "./schema.ts";
import { PooledSqliteDialect } from "./sqlite-readers.ts";
import { cachedPrepare } from "./statement-cache.ts";

// The PostgreSQL driver is loaded only when a PostgreSQL store is opened: a SQLite command never pays for it.
const require = createRequire(import.meta.url);

/** The store's handle: a connection pool that can start transactions. */
export type Database = Kysely<DB>;
/** A handle or a transaction within it: what store functions take. */
export type Db = Database | Transaction<DB>;

/** Runs `fn` as one transaction, or inside the caller's when `db` already is one. */
export function inTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : (db as Database).transaction().execute(fn);
}
export type { Engine };
export type StoreTarget = { engine: "sqlite"; path: string } | { engine: "postgres"; url: string };
export type Store = {
  db: Database;
  engine: Engine;
  /** Where it is: a worker thread opens its own connection to the same store from this. */
  target: StoreTarget;
  describe: string;
  /** Where the encryption keys of this store come from (restricted fields are sealed with them). */
  keys: KeySource & { reload: () => void };
  keyConfig: KeyConfig;
  close: () => Promise<void>;
};

let pgDriver: typeof pgTypes | undefined;
function loadPg(): typeof pgTypes {
  if (!pgDriver) {
    pgDriver = require("pg") as typeof pgTypes;
    // bigint counts come back as text from pg; habeas counts fit in a JS number.
    pgDriver.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
  }
  return pgDriver;
}

export { engineOf };

// What no SQL is: a client of the pool below runs the function passed with it on its raw pg client.
const ON_RAW_CLIENT = "/* habeas: run on the raw pg client */";
type RawClientFn = (client: pgTypes.ClientBase) => Promise<unknown>;

/**
 * A statement's result as Kysely reads it (command, row count, rows), its rows gathered here from pg's `row`
 * events instead of by pg's own result object. Rows gathered by pg's result outlived their query in V8's
 * young generation and were promoted: reading the million events of a full evaluation promoted ~700 MB to be
 * collected by full collections, a quarter of each PostgreSQL worker's time (docs/BENCHMARKS.md); gathered
 * here, they die young as SQLite's do. Errors arrive as pg reports them, on the query. The bench's floor
 * reads through it too (bench/rules.ts scan).
 */
export function collectRows(client: pgTypes.ClientBase, text: string, values: unknown[]) {
  return new Promise<{ command?: string; rowCount?: number | null; rows: unknown[] }>((resolve, reject) => {
    const rows: unknown[] = [];
    const q = new (loadPg().Query)({ text, values });
    q.on("row", (row: unknown) => {
      rows.push(row);
    });
    q.on("error", reject);
    q.on("end", (r: pgTypes.QueryResult | pgTypes.QueryResult[]) =>
      // Several statements in one text give several results, which pg's promise hands over as a list and
      // Kysely reads as no rows: the same here.
      resolve(Array.isArray(r) ? { rows: [] } : { command: r.command, rowCount: r.rowCount, rows }),
    );
    client.query(q);
  });
}

/**
 * The pool as Kysely sees it: each client it hands out can also run a function on the raw pg client, on
 * the connection (and in the transaction) that client holds. See `withPgClient`.
 */
function kyselyPool(pool: pgTypes.Pool): PostgresPool {
  // One wrapper per pg client, so Kysely keeps one connection object per client as it does with the pool.
  const wrappers = new WeakMap<pgTypes.PoolClient, PostgresPoolClient>();
  const wrap = (client: pgTypes.PoolClient): PostgresPoolClient => {
    const query = (text: string, params: unknown[]) =>
      text === ON_RAW_CLIENT
        ? (params[0] as RawClientFn)(client).then((value) => ({ rows: [{ value }] }))
        : collectRows(client, text, params);
    return { query: query as PostgresPoolClient["query"], release: () => client.release() };
  };
  return {
    connect: async () => {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) {
        wrapper = wrap(client);
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}

/**
 * Runs `fn` with the pg client that `db` runs its queries on — inside `db`'s transaction when it is one —
 * for what Kysely cannot send, like `COPY … FROM STDIN`. PostgreSQL stores only. `fn` must use only the
 * client: `db` waits for `fn` to end before it runs anything else.
 */
export async function withPgClient<T>(db: Db, fn: (client: pgTypes.ClientBase) => Promise<T>): Promise<T> {
  if (engineOf(db) !== "postgres") throw new AppError("INTERNAL", "withPgClient needs a PostgreSQL store");
  const r = await db.executeQuery<{ value: T }>(CompiledQuery.raw(ON_RAW_CLIENT, [fn]));
  return r.rows[0]!.value;
}

function openSqlite(path: string, createDir: boolean): BetterSqlite.Database {
  if (path !== ":memory:") {
    const dir = dirname(path);
    if (createDir) {
      try {
        mkdirSync(dir, { recursive: true });
      } catch (e) {
        throw new AppError(
          "STORE_UNAVAILABLE",
          `cannot create folder for database ${path}: ${(e as Error).message}`,
        );
      }
    } else if (!existsSync(dir)) {
      throw new AppError("BAD_INPUT", `folder for database does not exist: ${dir}`);
    }
    try {
      if (statSync(path).isDirectory())
        throw new AppError("BAD_INPUT", `--db points to a folder, not a file: ${path}`);
    } catch (e) {
      if (e instanceof AppError) throw e;
    }
    createPrivate(path);
  }
  let sqlite: BetterSqlite.Database;
  try {
    sqlite = new BetterSqlite(path);
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = FULL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("busy_timeout = 10000");
    // Deleted and overwritten content is zeroed, so old values (sessions, replaced rows) leave no trace.
    sqlite.pragma("secure_delete = ON");
    // Reject files that are not SQLite databases before anything writes to them.
    sqlite.prepare("SELECT count(*) FROM sqlite_master").get();
  } catch (e) {
    throw new AppError("STORE_UNAVAILABLE", `cannot open database ${path}: ${(e as Error).message}`);
  }
  // SQLite gives the -wal and -shm files the database's mode; ones left by an older version are tightened.
  if (path !== ":memory:") for (const f of SIDE_FILES) makePrivate(`${path}${f}`);
  return sqlite;
}

const SIDE_FILES = ["-wal", "-shm", "-journal"] as const;

/**
 * The database holds people's records: readable by its owner only, like the key file. A new file is created
 * 0600 before SQLite opens it (SQLite would make it 0644), and an existing one is tightened.
 */
function createPrivate(path: string): void {
  if (process.platform === "win32") return;
  try {
    closeSync(openSync(path, "wx", 0o600));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST")
      throw new AppError("STORE_UNAVAILABLE", `cannot create database ${path}: ${(e as Error).message}`);
  }
  makePrivate(path);
}

/** Takes away group and other permissions from a file of the store, if it exists. */
function makePrivate(file: string): void {
  if (process.platform === "win32") return;
  let mode: number;
  try {
    mode = statSync(file).mode;
  } catch {
    return; // not there (yet)
  }
  if ((mode & 0o077) === 0) return;
  try {
    chmodSync(file, mode & 0o700);
  } catch (e) {
    throw new AppError(
      "STORE_UNAVAILABLE",
      `${file} may be read by other users and its mode cannot be changed (${(e as Error).message}): run chmod 600 ${file}`,
    );
  }
}

/** The connection with its statements kept (statement-cache.ts), as Kysely's SqliteDialect takes it. */
function withStatementCache(sqlite: BetterSqlite.Database): BetterSqlite.Database {
  const prepare = cachedPrepare(sqlite);
  return new Proxy(sqlite, {
    get(target, key) {
      if (key === "prepare") return prepare;
      const value: unknown = Reflect.get(target, key);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/**
 * storeVersion's value for the main connection, read without Kysely: `${data_version}.${total_changes()}`, as
 * its statement reads it. Not while a transaction is open on the connection (its changes, counted but not
 * committed, would date a version from before the commit), nor while a statement is stepping through rows
 * or the connection is closed: then undefined, and storeVersion asks through Kysely, after them.
 */
function sqliteVersionReader(sqlite: BetterSqlite.Database): () => string | undefined {
  const dataVersion = sqlite.prepare("PRAGMA data_version").pluck();
  const totalChanges = sqlite.prepare("SELECT total_changes()").pluck();
  return () => {
    if (!sqlite.open || sqlite.inTransaction) return undefined;
    try {
      return `${dataVersion.get()}.${totalChanges.get()}`;
    } catch {
      return undefined; // busy: an iterator is open on the connection
    }
  };
}

/** An in-memory SQLite database lives in its one connection: no worker thread or second handle can reach it. */
export function isInMemory(target: StoreTarget): boolean {
  return target.engine === "sqlite" && target.path === ":memory:";
}

/** The key file beside a SQLite database; PostgreSQL stores name theirs in the configuration. */
export function defaultKeyFile(target: StoreTarget): string | undefined {
  return target.engine === "sqlite" && target.path !== ":memory:" ? `${target.path}.key` : undefined;
}

/** Opens and migrates the store, and refuses a key that does not open its keyring. */
export async function openStore(
  target: StoreTarget,
  opts: {
    migrate?: boolean;
    createDir?: boolean;
    keys?: KeyConfig;
    /**
     * SQLite: answer SELECTs outside transactions on this many reader threads (sqlite-readers.ts), so a read
     * that waits for the disk never holds the event loop. For a server; a command reads in place.
     */
    readers?: number;
  } = {},
): Promise<Store> {
  let store: Store;
  const keyConfig: KeyConfig = opts.keys ?? { file: defaultKeyFile(target) };
  const keys =
    isInMemory(target) && !keyConfig.key && !keyConfig.file ? ephemeralKeySource() : keySource(keyConfig);
  const plugins = [new KeyringPlugin(keys)];
  if (target.engine === "sqlite") {
    const sqlite = openSqlite(target.path, opts.createDir ?? true);
    const database = withStatementCache(sqlite);
    const config = { database };
    const db = new Kysely<DB>({
      dialect:
        opts.readers && !isInMemory(target)
          ? new PooledSqliteDialect(config, target.path, opts.readers)
          : new SqliteDialect(config),
      plugins,
    });
    registerRowRunner(
      db,
      new SqliteRowRunner(
        () => sqlite.open && sqlite.inTransaction,
        (text) => database.prepare(text),
      ),
    );
    registerVersionReader(db, sqliteVersionReader(sqlite));
    store = {
      db,
      engine: "sqlite",
      target,
      describe: `SQLite ${target.path}`,
      keys,
      keyConfig,
      close: () => db.destroy(),
    };
  } else {
    const pg = loadPg();
    // Connections are kept for a minute between uses (pg's default is ten seconds): a new one costs a
    // handshake and its first statements' planning with a cold catalog cache, which a staff person page read
    // after a pause paid (31–48 ms against 11 ms, docs/BENCHMARKS.md). An idle one sends TCP keep-alives
    // from 30 s on, so a NAT or firewall does not forget it meanwhile; an idle pool never keeps a command
    // from exiting.
    const pool = new pg.Pool({
      connectionString: target.url,
      max: 10,
      idleTimeoutMillis: 60_000,
      keepAlive: true,
      keepAliveInitialDelayMillis: 30_000,
      allowExitOnIdle: true,
    });
    // An idle client dropped by the server (restart, admin command) must not crash the process;
    // the pool replaces it on next use.
    pool.on("error", (e) => console.error(`habeas: PostgreSQL connection lost: ${e.message}`));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: kyselyPool(pool) }), plugins });
    try {
      await pool.query("SELECT 1");
    } catch (e) {
      await db.destroy();
      throw new AppError("STORE_UNAVAILABLE", `cannot connect to PostgreSQL: ${(e as Error).message}`);
    }
    store = {
      db,
      engine: "postgres",
      target,
      describe: `PostgreSQL ${redactUrl(target.url)}`,
      keys,
      keyConfig,
      close: () => db.destroy(),
    };
  }
  if (opts.migrate !== false) {
    try {
      const applied = await migrateToLatest(store.db);
      // Plaintext sealed by a migration must not linger in the write-ahead log.
      if (store.engine === "sqlite" && applied.includes("002-security"))
        await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(store.db);
      // An import killed midway would otherwise say "running" forever.
      await markInterruptedRuns(store.db);
      // Data steps that need the store's live code run after the migrator, never inside a migration: a
      // migration stays what it was when it shipped.
      if (applied.includes(PG_NAME_TRIGRAMS) && store.engine === "postgres") {
        await rebuildNameIndexes(store.db);
        await refreshPlannerStatistics(store.db);
      }
    } catch (e) {
      await store.close();
      throw e;
    }
  }
  // A wrong key is refused here, before a read fails on it or a write seals under it.
  try {
    await checkKeyring(store.db, keys);
  } catch (e) {
    await store.close();
    throw e;
  }
  return store;
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}
