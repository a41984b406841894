// One reader of the SQLite reader pool (sqlite-readers.ts): its own read-only connection to the store's file,
// answering SELECTs sent by the main thread, so a read that waits for the disk waits here, not on the event loop.
import { parentPort, workerData } from "node:worker_threads";
import BetterSqlite from "better-sqlite3";
import { cachedPrepare } from "./statement-cache.ts";

type Request = { id: number; sql: string; parameters: unknown[] };

const db = new BetterSqlite((workerData as { path: string }).path, { fileMustExist: true });
db.pragma("busy_timeout = 10000");
// Nothing this connection runs may write: the main connection is the one writer.
db.pragma("query_only = ON");
const prepare = cachedPrepare(db);

parentPort?.on("message", (m: Request | "close") => {
  if (m === "close") {
    db.close();
    parentPort?.close();
    return;
  }
  try {
    parentPort?.postMessage({ id: m.id, rows: prepare(m.sql).all(m.parameters) });
  } catch (e) {
    const err = e as Error & { code?: string };
    parentPort?.postMessage({ id: m.id, error: { message: err.message, code: err.code } });
  }
});
