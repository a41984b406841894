// Reads off the event loop for a served SQLite store: better-sqlite3 reads synchronously, so a query whose pages
// are not in the OS cache held every other request while the disk answered (stalls of 1.5–2.7 s were measured
// with a cold cache). A SqliteDialect whose SELECTs outside a transaction run on a pool of reader threads, each
// with its own connection to the file (WAL lets readers run beside the writer); everything else — writes,
// transactions, raw statements — stays on the main connection, in the order Kysely gives it.
import { Worker } from "node:worker_threads";
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryCompiler,
  type QueryResult,
  SqliteDialect,
  type SqliteDialectConfig,
} from "kysely";
import { AppError } from "../domain/errors.ts";

type Pending = { resolve: (rows: unknown[]) => void; reject: (e: Error) => void; reader: Reader };
type Reader = { worker: Worker; busy: number; exited?: boolean };
type ReaderPool = {
  all: (sql: string, parameters: readonly unknown[]) => Promise<unknown[]>;
  close: () => Promise<void>;
};

const WORKER = new URL("./sqlite-reader-worker.ts", import.meta.url);

/** A pool of reader threads on one SQLite file; `all` runs a SELECT on the least busy. */
function readerPool(path: string, size: number): ReaderPool {
  const readers: Reader[] = [];
  const pending = new Map<number, Pending>();
  let next = 0;
  const fail = (reader: Reader, e: Error) => {
    for (const [id, p] of pending)
      if (p.reader === reader) {
        pending.delete(id);
        p.reject(new AppError("STORE_UNAVAILABLE", `a reader stopped: ${e.message}`));
      }
  };
  for (let i = 0; i < size; i++) {
    const reader: Reader = { worker: new Worker(WORKER, { workerData: { path } }), busy: 0 };
    reader.worker.on("message", (m: { id: number; rows?: unknown[]; error?: { message: string } }) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      // A reader keeps the process alive only while it has a read to answer.
      if (--reader.busy === 0) reader.worker.unref();
      if (m.error) p.reject(new AppError("STORE_UNAVAILABLE", `a read failed: ${m.error.message}`));
      else p.resolve(m.rows ?? []);
    });
    reader.worker.on("error", (e) => fail(reader, e));
    reader.worker.on("exit", () => {
      reader.exited = true;
      fail(reader, new Error("its thread ended"));
    });
    reader.worker.unref();
    readers.push(reader);
  }
  return {
    all(sql, parameters) {
      let reader: Reader | undefined;
      for (const r of readers) if (!r.exited && (!reader || r.busy < reader.busy)) reader = r;
      if (!reader)
        return Promise.reject(new AppError("STORE_UNAVAILABLE", "the store's readers have stopped"));
      const chosen = reader;
      const id = next++;
      if (chosen.busy++ === 0) chosen.worker.ref();
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, reader: chosen });
        chosen.worker.postMessage({ id, sql, parameters });
      });
    },
    async close() {
      await Promise.all(
        readers.map(
          (r) =>
            new Promise<void>((resolve) => {
              if (r.exited) return resolve();
              r.worker.ref();
              r.worker.once("exit", () => resolve());
              r.worker.postMessage("close");
            }),
        ),
      );
    },
  };
}

/** Values as better-sqlite3 gives them on the main thread: a BLOB crosses threads as a Uint8Array. */
function asBuffers(rows: unknown[]): unknown[] {
  for (const row of rows as Record<string, unknown>[])
    for (const k in row) {
      const v = row[k];
      if (v instanceof Uint8Array && !Buffer.isBuffer(v))
        row[k] = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
    }
  return rows;
}

/** A connection that takes the main one only when it must: a write, a transaction, a raw statement. */
type PooledConnection = DatabaseConnection & {
  inner?: DatabaseConnection;
  own: () => Promise<DatabaseConnection>;
};

function pooledConnection(driver: Driver, pool: ReaderPool): PooledConnection {
  const c: PooledConnection = {
    async own() {
      c.inner ??= await driver.acquireConnection();
      return c.inner;
    },
    async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
      // A SELECT outside a transaction, on a connection that has not taken the main one, goes to a reader.
      if (!c.inner && q.query.kind === "SelectQueryNode")
        return { rows: asBuffers(await pool.all(q.sql, q.parameters)) as R[] };
      return (await c.own()).executeQuery<R>(q);
    },
    async *streamQuery<R>(q: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
      yield* (await c.own()).streamQuery<R>(q, chunkSize);
    },
  };
  return c;
}

function pooledDriver(inner: Driver, pool: ReaderPool): Driver {
  const own = (c: DatabaseConnection) => (c as PooledConnection).own();
  return {
    init: () => inner.init(),
    acquireConnection: async () => pooledConnection(inner, pool),
    beginTransaction: async (c, settings) => inner.beginTransaction(await own(c), settings),
    commitTransaction: async (c) => inner.commitTransaction(await own(c)),
    rollbackTransaction: async (c) => inner.rollbackTransaction(await own(c)),
    savepoint: async (c, name, compile: QueryCompiler["compileQuery"]) =>
      inner.savepoint?.(await own(c), name, compile),
    rollbackToSavepoint: async (c, name, compile: QueryCompiler["compileQuery"]) =>
      inner.rollbackToSavepoint?.(await own(c), name, compile),
    releaseSavepoint: async (c, name, compile: QueryCompiler["compileQuery"]) =>
      inner.releaseSavepoint?.(await own(c), name, compile),
    async releaseConnection(c) {
      const taken = (c as PooledConnection).inner;
      if (taken) await inner.releaseConnection(taken);
    },
    async destroy() {
      await pool.close();
      await inner.destroy();
    },
  };
}

/** SqliteDialect with its SELECTs outside transactions answered by `readers` threads on the file at `path`. */
export class PooledSqliteDialect extends SqliteDialect {
  readonly #pool: ReaderPool;
  constructor(config: SqliteDialectConfig, path: string, readers: number) {
    super(config);
    this.#pool = readerPool(path, readers);
  }
  override createDriver(): Driver {
    return pooledDriver(super.createDriver(), this.#pool);
  }
}
