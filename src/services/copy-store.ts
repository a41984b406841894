// `habeas db copy`: moves a whole store to another one (SQLite to PostgreSQL, or back) — every table, in
// batches, inside one target transaction, with row counts verified before it commits.

import { performance } from "node:perf_hooks";
import { AppError } from "../domain/errors.ts";
import {
  clearTable,
  countRows,
  describeTables,
  parentsFirst,
  readTable,
  rebuildNameIndexes,
  resetSequences,
  settleAfterLoad,
  withKeysBuiltAfter,
  writeTable,
} from "../store/bulk.ts";
import type { Database } from "../store/db.ts";
import { indexSearchRefs } from "../store/search.ts";

export type CopyOptions = {
  /** Replace whatever the target holds; without it a non-empty target is refused. */
  force?: boolean;
  /** Rows read per page. */
  batch?: number;
  onProgress?: (table: string, done: number, total: number) => void;
};

export type CopyReport = {
  tables: { name: string; rows: number }[];
  rows: number;
  /** Source tables the target has no place for (left behind). */
  skipped: string[];
  seconds: number;
};

// The indexes of names (trigrams, words) and (SQLite's) row ids of full-text entries are derived: rebuilt on the target.
const DERIVED = new Set(["name_trigrams", "name_trigram_counts", "name_words", "search_refs"]);

type Value = string | number | null | Uint8Array;

/** A value as the target's driver takes it (SQLite binds no booleans, dates or objects). */
function portable(v: unknown): Value {
  if (v === null || v === undefined) return null;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "bigint") return Number(v);
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array || typeof v === "string" || typeof v === "number") return v;
  return JSON.stringify(v);
}

/**
 * A source row whose parent the source does not hold (written with foreign keys off, or damaged), worded for
 * the operator: SQLite refuses the row as it arrives, PostgreSQL when the copy checks its keys at the end.
 */
function missingParent(e: unknown, table: string): AppError | undefined {
  const err = e as { code?: string; table?: string; detail?: string };
  let where: string;
  if (err.code === "23503") where = `${err.table ?? table}: ${(err.detail ?? "").replace(/\.$/, "")}`;
  else if (err.code === "SQLITE_CONSTRAINT_FOREIGNKEY")
    where = `a row of ${table} refers to a record the source does not hold`;
  else return undefined;
  return new AppError("CONFLICT", `the source is inconsistent (${where}); nothing was copied`);
}

/**
 * Copies every table `from` holds that `to` also has (columns both have), parents before children. The
 * target must be migrated and empty unless `force`; all of it is written in one transaction, so a failed
 * copy leaves the target as it was. Encrypted values are copied as they are: the target needs the same key.
 */
export async function copyStore(from: Database, to: Database, opts: CopyOptions = {}): Promise<CopyReport> {
  const started = performance.now();
  const source = new Map((await describeTables(from)).map((t) => [t.name, t]));
  const targetTables = await describeTables(to);
  const targetNames = new Set(targetTables.map((t) => t.name));
  const target = parentsFirst(targetTables).filter((t) => source.has(t.name) && !DERIVED.has(t.name));
  const skipped = [...source.keys()]
    .filter((n) => !DERIVED.has(n) && !target.some((t) => t.name === n))
    .sort();

  const occupied: string[] = [];
  for (const t of target) if ((await countRows(to, t.name)) > 0) occupied.push(t.name);
  if (occupied.length && !opts.force)
    throw new AppError(
      "CONFLICT",
      `the target already holds data (${occupied.slice(0, 5).join(", ")}${occupied.length > 5 ? ", …" : ""}); use --force to replace it`,
    );

  const copied: { name: string; rows: number }[] = [];
  let writing = "";
  // A read transaction on the source gives one consistent snapshot however long the copy takes.
  await from
    .transaction()
    .execute(async (src) => {
      await to.transaction().execute(async (dst) => {
        // The plain indexes and foreign keys of every table written, derived ones too, are built once the rows are in.
        const written = [...target.map((t) => t.name), ...DERIVED].filter((n) => targetNames.has(n));
        await withKeysBuiltAfter(dst, written, async () => {
          for (const t of [...target].reverse()) if (occupied.includes(t.name)) await clearTable(dst, t.name);
          for (const t of target) {
            const info = source.get(t.name)!;
            const columns = t.columns.filter((c) => info.columns.includes(c));
            const total = await countRows(src, t.name);
            writing = t.name;
            let done = 0;
            async function* pages() {
              for await (const page of readTable(src, info, columns, opts.batch ?? 5000)) {
                yield page.map((r) => {
                  const o: Record<string, Value> = {};
                  for (const c of columns) o[c] = portable(r[c]);
                  return o;
                });
                done += page.length;
                opts.onProgress?.(t.name, done, total);
              }
            }
            await writeTable(dst, t.name, columns, pages());
            const landed = await countRows(dst, t.name);
            if (done !== total || landed !== total)
              throw new AppError(
                "CONFLICT",
                `${t.name}: the source holds ${total} rows, ${done} were read and ${landed} landed; nothing was copied`,
              );
            copied.push({ name: t.name, rows: total });
          }
          await rebuildNameIndexes(dst);
          await indexSearchRefs(dst);
        });
        await resetSequences(dst);
      });
    })
    .catch((e: unknown) => {
      throw missingParent(e, writing) ?? e;
    });
  await settleAfterLoad(to);
  return {
    tables: copied,
    rows: copied.reduce((n, t) => n + t.rows, 0),
    skipped,
    seconds: (performance.now() - started) / 1000,
  };
}
