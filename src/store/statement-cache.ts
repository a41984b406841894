// Compiled SQLite statements kept by their text: Kysely prepares every query afresh, and better-sqlite3
// compiles a statement on each prepare — more time than running it for the small queries of a request (the
// timeline API spent 60% of its time there). Used by the main connection (db.ts) and each reader thread.
import type BetterSqlite from "better-sqlite3";
import { LRUCache } from "lru-cache";

/**
 * `prepare`, keeping the most recently used compiled statements. Queries run one at a time on a connection,
 * so a statement is never reused while busy.
 */
export function cachedPrepare(
  sqlite: BetterSqlite.Database,
  size = 500,
): (text: string) => BetterSqlite.Statement {
  const cache = new LRUCache<string, BetterSqlite.Statement>({ max: size });
  return (text) => {
    let stmt = cache.get(text);
    if (!stmt) {
      stmt = sqlite.prepare(text);
      cache.set(text, stmt);
    }
    return stmt;
  };
}
