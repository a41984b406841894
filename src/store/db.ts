// Opens the store: better-sqlite3 (WAL, synchronous=FULL) by default, PostgreSQL when configured.
import { existsSync, mkdirSync, statSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, type Transaction } from "kysely";
import pg from "pg";
import { AppError } from "../domain/errors.ts";
import { migrateToLatest } from "./migrations/index.ts";
import type { DB } from "./schema.ts";

export type Db = Kysely<DB> | Transaction<DB>;
export type Engine = "sqlite" | "postgres";
export type StoreTarget = { engine: "sqlite"; path: string } | { engine: "postgres"; url: string };
export type Store = { db: Kysely<DB>; engine: Engine; describe: string; close: () => Promise<void> };

// bigint counts come back as text from pg; habeas counts fit in a JS number.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export function engineOf(db: Db): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

function openSqlite(path: string, createDir: boolean): Database.Database {
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
  }
  let sqlite: Database.Database;
  try {
    sqlite = new Database(path);
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = FULL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("busy_timeout = 10000");
    // Reject files that are not SQLite databases before anything writes to them.
    sqlite.prepare("SELECT count(*) FROM sqlite_master").get();
  } catch (e) {
    throw new AppError("STORE_UNAVAILABLE", `cannot open database ${path}: ${(e as Error).message}`);
  }
  return sqlite;
}

/** Opens and migrates the store. */
export async function openStore(
  target: StoreTarget,
  opts: { migrate?: boolean; createDir?: boolean } = {},
): Promise<Store> {
  let store: Store;
  if (target.engine === "sqlite") {
    const sqlite = openSqlite(target.path, opts.createDir ?? true);
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
    store = {
      db,
      engine: "sqlite",
      describe: `SQLite ${target.path}`,
      close: () => db.destroy(),
    };
  } else {
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
    // An idle client dropped by the server (restart, admin command) must not crash the process;
    // the pool replaces it on next use.
    pool.on("error", (e) => console.error(`habeas: PostgreSQL connection lost: ${e.message}`));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    try {
      await pool.query("SELECT 1");
    } catch (e) {
      await db.destroy();
      throw new AppError("STORE_UNAVAILABLE", `cannot connect to PostgreSQL: ${(e as Error).message}`);
    }
    store = {
      db,
      engine: "postgres",
      describe: `PostgreSQL ${redactUrl(target.url)}`,
      close: () => db.destroy(),
    };
  }
  if (opts.migrate !== false) {
    try {
      await migrateToLatest(store.db);
    } catch (e) {
      await store.close();
      throw e;
    }
  }
  return store;
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}
