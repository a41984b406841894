// The engine a handle talks to, and the few SQL spellings that differ between SQLite and PostgreSQL that the
// migrations need: one place for those branches (FTS lives in search.ts). Imports nothing of the store.
import { type Kysely, PostgresAdapter, type RawBuilder, sql, type Transaction } from "kysely";

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
