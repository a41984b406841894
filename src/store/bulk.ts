// Bulk writes for generated and copied data: many rows per transaction, and for people and events the very
// rows, citations, name trigrams and search entries that savePerson and saveEvent write one at a time.
import BetterSqlite from "better-sqlite3";
import { sql } from "kysely";
import type { HabeasEvent, PersonData } from "../domain/model.ts";
import { nameTrigrams, nameWordsOf } from "../domain/names.ts";
import { isPublic } from "../domain/policy.ts";
import { type Keyring, keySourceOf } from "./cipher.ts";
import { type Database, type Db, inTransaction, withPgClient } from "./db.ts";
import { engineOf } from "./dialect.ts";
import { eventRow } from "./events.ts";
import { toRow as personRow } from "./people.ts";
import { copyRows } from "./pg-copy.ts";
import { FIGURES_COLUMNS, figuresSelectSql, refreshPublicFigures } from "./public-figures.ts";
import { countTrigrams, indexSearchRefs } from "./search.ts";

export type BulkPerson = { id: string; data: PersonData };
export type BulkEvent = Omit<HabeasEvent, "unverified">;
export type BulkBatch = { people?: readonly BulkPerson[]; events?: readonly BulkEvent[] };
export type BulkWriter = {
  /** Writes one batch in one transaction: all of it or none. */
  write: (batch: BulkBatch) => Promise<void>;
  close: () => Promise<void>;
};

type Row = Record<string, string | number | null | Uint8Array>;
type TableRows = { table: string; rows: Row[]; ignoreConflicts?: boolean };

/** The rows savePerson and saveEvent would write for this batch, table by table, in foreign-key order. */
export function batchRows(batch: BulkBatch, now: string, ring?: Keyring): TableRows[] {
  const people: Row[] = [];
  const events: Row[] = [];
  const citations: Row[] = [];
  const grams: Row[] = [];
  const words: Row[] = [];
  const docs: Row[] = [];
  for (const { id, data: p } of batch.people ?? []) {
    people.push({ ...personRow(id, p, now, ring), created_at: now });
    for (const c of p.sources)
      citations.push({
        subject_kind: "person",
        subject_id: id,
        source_id: c.source,
        field: c.field ?? null,
        quote: c.quote ?? null,
      });
    for (const trigram of nameTrigrams([p.full_name, ...p.aliases])) grams.push({ trigram, person_id: id });
    for (const word of nameWordsOf([p.full_name, ...p.aliases])) words.push({ word, person_id: id });
    docs.push({
      kind: "person",
      ref: id,
      title: p.full_name,
      body: [...p.aliases, p.summary ?? ""].join("\n"),
    });
  }
  for (const e of batch.events ?? []) {
    // Whether a source supports it, as the citations' triggers would set it (migration 097): written with the
    // row, the citations below find it set and change nothing.
    events.push({ id: e.id, ...eventRow(e, now), cited: e.citations.length ? 1 : 0, created_at: now });
    for (const c of e.citations)
      citations.push({
        subject_kind: "event",
        subject_id: e.id,
        source_id: c.source,
        field: c.field ?? null,
        quote: c.quote ?? null,
      });
    docs.push({ kind: "event", ref: e.id, title: e.type, body: e.summary });
  }
  return [
    { table: "people", rows: people },
    { table: "name_trigrams", rows: grams, ignoreConflicts: true },
    { table: "name_words", rows: words, ignoreConflicts: true },
    { table: "events", rows: events },
    { table: "citations", rows: citations },
    { table: "search_docs", rows: docs },
  ];
}

// ---------- generic multi-row inserts (both engines, through Kysely) ----------

const pgTypes = new Map<string, Map<string, string>>();

/** Column → array element type of a PostgreSQL table, for unnest() casts (cached: one schema for all). */
async function pgColumnTypes(db: Db, table: string): Promise<Map<string, string>> {
  const cached = pgTypes.get(table);
  if (cached) return cached;
  const r = await sql<{ column_name: string; udt_name: string }>`
    SELECT column_name, udt_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = ${table}`.execute(db);
  const types = new Map(r.rows.map((c) => [c.column_name, c.udt_name]));
  pgTypes.set(table, types);
  return types;
}

/**
 * Inserts plain rows (column names from the first row's keys) many per statement: on PostgreSQL one `COPY`
 * (or, to skip rows that conflict, one `INSERT … SELECT FROM unnest(array, …)` per 5,000 rows: one parameter
 * per column, whatever the row count), on SQLite multi-row VALUES under its 32,766-parameter limit.
 */
export async function insertRows(
  db: Db,
  table: string,
  rows: readonly Row[],
  opts: { ignoreConflicts?: boolean } = {},
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const cols = Object.keys(first);
  const colList = sql.join(cols.map((c) => sql.ref(c)));
  if (engineOf(db) === "postgres") {
    if (!opts.ignoreConflicts) {
      await withPgClient(db, (client) => copyRows(client, table, cols, rows));
      return;
    }
    const types = await pgColumnTypes(db, table);
    const conflict = sql` ON CONFLICT DO NOTHING`;
    for (let i = 0; i < rows.length; i += 5000) {
      const chunk = rows.slice(i, i + 5000);
      const arrays = cols.map((c) => {
        const udt = types.get(c);
        if (!udt) throw new Error(`${table}.${c} does not exist on the target`);
        return sql`${chunk.map((r) => r[c] ?? null)}::${sql.raw(`${udt}[]`)}`;
      });
      await sql`INSERT INTO ${sql.table(table)} (${colList}) SELECT * FROM unnest(${sql.join(arrays)})${conflict}`.execute(
        db,
      );
    }
    return;
  }
  const per = Math.max(1, Math.floor(32000 / cols.length));
  const verb = opts.ignoreConflicts ? sql`INSERT OR IGNORE INTO` : sql`INSERT INTO`;
  for (let i = 0; i < rows.length; i += per) {
    const values = rows.slice(i, i + per).map((r) => sql`(${sql.join(cols.map((c) => r[c] ?? null))})`);
    await sql`${verb} ${sql.table(table)} (${colList}) VALUES ${sql.join(values)}`.execute(db);
  }
}

// ---------- writers ----------

/** Postings per trigram among the new name-trigram rows of a batch (its people are new: all count). */
function trigramCounts(tables: readonly TableRows[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const t of tables)
    if (t.table === "name_trigrams")
      for (const r of t.rows) counts.set(r.trigram as string, (counts.get(r.trigram as string) ?? 0) + 1);
  return [...counts];
}

/** The highest full-text row id so far (SQLite), so entries written after it can be indexed. */
async function lastSearchDoc(db: Db): Promise<number> {
  if (engineOf(db) === "postgres") return 0;
  const r = await sql<{ n: number }>`SELECT coalesce(max(rowid), 0) AS n FROM search_docs`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** The file behind a SQLite store ("" for an in-memory one). */
async function sqliteFile(db: Database): Promise<string> {
  const r = await sql<{ name: string; file: string }>`PRAGMA database_list`.execute(db);
  return r.rows.find((x) => x.name === "main")?.file ?? "";
}

/**
 * A writer for large batches. On SQLite it opens its own better-sqlite3 connection to the same file and
 * runs cached prepared statements inside one transaction per batch (the Kysely connection must stay idle
 * meanwhile); on PostgreSQL it inserts through Kysely with unnest() arrays, one transaction per batch.
 */
export async function openBulkWriter(db: Database): Promise<BulkWriter> {
  const engine = engineOf(db);
  const file = engine === "sqlite" ? await sqliteFile(db) : "";
  if (engine === "postgres" || !file) {
    return {
      write: async (batch) => {
        const tables = batchRows(batch, new Date().toISOString(), keySourceOf(db).forWrite());
        await db.transaction().execute(async (tx) => {
          // The rows carry events.cited: the triggers that keep it stand aside for this transaction (migration
          // 097); on SQLite they are set aside below.
          if (engine === "postgres") await sql`SET LOCAL habeas.bulk_load = 'on'`.execute(tx);
          const after = await lastSearchDoc(tx);
          for (const t of tables) await insertRows(tx, t.table, t.rows, t);
          await refreshPublicFigures(tx, peopleOfEvents(batch));
          await indexSearchRefs(tx, after);
          await countTrigrams(tx, trigramCounts(tables));
        });
      },
      close: async () => {},
    };
  }
  const raw = new BetterSqlite(file);
  raw.pragma("busy_timeout = 10000");
  raw.pragma("foreign_keys = ON");
  // Each batch is one transaction; a crash loses at most the batch being written, never consistency.
  raw.pragma("synchronous = NORMAL");
  raw.pragma("cache_size = -131072");
  const statements = new Map<string, BetterSqlite.Statement>();
  const statement = (t: TableRows, cols: string[]) => {
    const key = `${t.table}|${t.ignoreConflicts ? 1 : 0}|${cols.join(",")}`;
    let s = statements.get(key);
    if (!s) {
      const verb = t.ignoreConflicts ? "INSERT OR IGNORE INTO" : "INSERT INTO";
      s = raw.prepare(
        `${verb} "${t.table}" (${cols.map((c) => `"${c}"`).join(", ")}) VALUES (${cols.map((c) => `@${c}`).join(", ")})`,
      );
      statements.set(key, s);
    }
    return s;
  };
  const lastDoc = raw.prepare("SELECT coalesce(max(rowid), 0) AS n FROM search_docs").pluck();
  const refs = raw.prepare(
    "INSERT OR REPLACE INTO search_refs (kind, ref, doc) SELECT kind, ref, rowid FROM search_docs WHERE rowid > ?",
  );
  const count = raw.prepare(
    "INSERT INTO name_trigram_counts (trigram, n) VALUES (?, ?) ON CONFLICT(trigram) DO UPDATE SET n = n + excluded.n",
  );
  // The triggers that keep a column or a table (migration 097's events.cited, 098's public_person_figures)
  // are set aside inside each batch's transaction and made again before it commits: batchRows writes the
  // column with the rows, the batch writes the figures of the people whose events it loaded, and the
  // triggers' work for each row cost the generation of 200,000 events ~15% (docs/BENCHMARKS.md). No other
  // connection sees the store without them.
  const dropFigures = raw.prepare("DELETE FROM public_person_figures WHERE person_id = ?");
  const writeFigures = raw.prepare(
    `INSERT INTO public_person_figures (${FIGURES_COLUMNS}) ${figuresSelectSql("sqlite")} AND p.id = ?`,
  );
  const kept = raw
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'keep\\_%' ESCAPE '\\'",
    )
    .all() as { name: string; sql: string }[];
  const writeAll = raw.transaction((tables: TableRows[], figuresOf: string[]) => {
    for (const t of kept) raw.exec(`DROP TRIGGER "${t.name}"`);
    const after = lastDoc.get() as number;
    for (const t of tables) {
      const first = t.rows[0];
      if (!first) continue;
      const s = statement(t, Object.keys(first));
      for (const r of t.rows) s.run(r);
    }
    for (const id of figuresOf) {
      dropFigures.run(id);
      writeFigures.run(id);
    }
    refs.run(after);
    for (const [g, n] of trigramCounts(tables)) count.run(g, n);
    for (const t of kept) raw.exec(t.sql);
  });
  return {
    write: async (batch) => {
      writeAll.immediate(
        batchRows(batch, new Date().toISOString(), keySourceOf(db).forWrite()),
        peopleOfEvents(batch),
      );
    },
    close: async () => {
      raw.pragma("optimize");
      raw.close();
    },
  };
}

/**
 * The people whose public figures a batch may change (written after the batch's rows): those whose events it
 * writes, each once, less the private people it writes itself (new, they have none to write; reading each
 * one's row to find so cost generating 20,000 people ~0.5 s).
 */
function peopleOfEvents(batch: BulkBatch): string[] {
  const privateNew = new Set((batch.people ?? []).flatMap((p) => (isPublic(p.data) ? [] : [p.id])));
  return [...new Set((batch.events ?? []).map((e) => e.person))].filter((id) => !privateNew.has(id));
}

/**
 * Rebuilds the indexes of every person's names (trigrams and words) from the people table (after a copy, or
 * a migration that changed how names are indexed), in `db`'s transaction or in one of its own.
 */
export async function rebuildNameIndexes(db: Db): Promise<number> {
  if (!db.isTransaction) return inTransaction(db, rebuildNameIndexes);
  await db.deleteFrom("name_trigrams").execute();
  await db.deleteFrom("name_trigram_counts").execute();
  await db.deleteFrom("name_words").execute();
  let n = 0;
  let after = "";
  for (;;) {
    const people = await db
      .selectFrom("people")
      .select(["id", "full_name", "aliases"])
      .where("id", ">", after)
      .orderBy("id")
      .limit(5000)
      .execute();
    const last = people.at(-1);
    if (!last) break;
    const grams: Row[] = [];
    const words: Row[] = [];
    for (const p of people) {
      let aliases: string[] = [];
      try {
        const parsed: unknown = JSON.parse(p.aliases);
        if (Array.isArray(parsed)) aliases = parsed.filter((a): a is string => typeof a === "string");
      } catch {}
      for (const trigram of nameTrigrams([p.full_name, ...aliases])) grams.push({ trigram, person_id: p.id });
      for (const word of nameWordsOf([p.full_name, ...aliases])) words.push({ word, person_id: p.id });
    }
    // The tables were emptied and each person's trigrams and words are sets: no row can conflict.
    await insertRows(db, "name_trigrams", grams);
    await insertRows(db, "name_words", words);
    n += grams.length;
    after = last.id;
  }
  await sql`INSERT INTO name_trigram_counts (trigram, n)
    SELECT trigram, count(*) FROM name_trigrams GROUP BY trigram`.execute(db);
  return n;
}

// ---------- whole tables (for copying a store to another engine) ----------

export type TableInfo = {
  name: string;
  columns: string[];
  /** Tables this one references (foreign keys), so they are filled first. */
  parents: string[];
  /** Columns to page through the table in a stable order: "rowid" on SQLite, else the primary key. */
  key: string[];
};

/** Kysely's bookkeeping and SQLite's own tables are not data. */
const NOT_DATA = /^(kysely_migration|kysely_migration_lock|sqlite_.*)$/;

/** Every data table of the store, with its columns, parents and paging key. */
export async function describeTables(db: Db): Promise<TableInfo[]> {
  if (engineOf(db) === "postgres") {
    const cols = await sql<{ table_name: string; column_name: string }>`
      SELECT c.table_name, c.column_name FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name, c.ordinal_position`.execute(db);
    const fks = await sql<{ child: string; parent: string }>`
      SELECT cl.relname AS child, pr.relname AS parent FROM pg_constraint k
      JOIN pg_class cl ON cl.oid = k.conrelid JOIN pg_class pr ON pr.oid = k.confrelid
      WHERE k.contype = 'f' AND k.connamespace = current_schema()::regnamespace`.execute(db);
    const pks = await sql<{ table: string; column: string; pos: number }>`
      SELECT cl.relname AS "table", a.attname AS "column", array_position(i.indkey::int2[], a.attnum) AS pos
      FROM pg_index i JOIN pg_class cl ON cl.oid = i.indrelid
      JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
      WHERE i.indisprimary AND cl.relnamespace = current_schema()::regnamespace
      ORDER BY 1, 3`.execute(db);
    const tables = new Map<string, TableInfo>();
    for (const c of cols.rows) {
      if (NOT_DATA.test(c.table_name)) continue;
      const t = tables.get(c.table_name) ?? { name: c.table_name, columns: [], parents: [], key: [] };
      t.columns.push(c.column_name);
      tables.set(c.table_name, t);
    }
    for (const f of fks.rows) tables.get(f.child)?.parents.push(f.parent);
    for (const k of pks.rows) tables.get(k.table)?.key.push(k.column);
    return [...tables.values()];
  }
  const list = await sql<{ name: string; type: string; wr: number }>`
    SELECT name, type, wr FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'virtual')`.execute(
    db,
  );
  const out: TableInfo[] = [];
  for (const t of list.rows) {
    if (NOT_DATA.test(t.name)) continue;
    const info = await sql<{
      name: string;
      pk: number;
    }>`SELECT name, pk FROM pragma_table_info(${t.name})`.execute(db);
    const fks = await sql<{ table: string }>`SELECT "table" FROM pragma_foreign_key_list(${t.name})`.execute(
      db,
    );
    const pk = info.rows
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    out.push({
      name: t.name,
      columns: info.rows.map((c) => c.name),
      parents: [...new Set(fks.rows.map((f) => f.table))],
      key: t.wr ? pk : ["rowid"],
    });
  }
  return out;
}

/** Tables ordered so that every table comes after the tables it references. */
export function parentsFirst(tables: readonly TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const out: TableInfo[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (t: TableInfo) => {
    if (state.get(t.name)) return;
    state.set(t.name, "visiting");
    for (const p of t.parents) {
      const parent = byName.get(p);
      if (parent && p !== t.name && state.get(p) !== "visiting") visit(parent);
    }
    state.set(t.name, "done");
    out.push(t);
  };
  for (const t of [...tables].sort((a, b) => (a.name < b.name ? -1 : 1))) visit(t);
  return out;
}

export async function countRows(db: Db, table: string): Promise<number> {
  const r = await sql<{ n: number | string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

export async function clearTable(db: Db, table: string): Promise<void> {
  await sql`DELETE FROM ${sql.table(table)}`.execute(db);
}

/**
 * Writes pages of rows into `table`'s `columns` as they are read: on PostgreSQL one `COPY` streamed while
 * the next pages are read, on SQLite each page by insertRows. Returns the rows written.
 */
export async function writeTable(
  db: Db,
  table: string,
  columns: readonly string[],
  pages: AsyncIterable<Row[]>,
): Promise<number> {
  if (engineOf(db) === "postgres")
    return withPgClient(db, (client) => copyRows(client, table, columns, pages));
  let n = 0;
  for await (const page of pages) {
    await insertRows(db, table, page);
    n += page.length;
  }
  return n;
}

type PlainIndex = { name: string; create: string };

/** The indexes of `tables` that enforce nothing (not primary keys, not unique): what a bulk load may rebuild. */
async function plainIndexes(db: Db, tables: readonly string[]): Promise<PlainIndex[]> {
  if (!tables.length) return [];
  if (engineOf(db) === "postgres") {
    const r = await sql<PlainIndex>`
      SELECT i.relname AS name, pg_get_indexdef(i.oid) AS "create"
      FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
      WHERE t.relnamespace = current_schema()::regnamespace AND t.relname IN (${sql.join(tables)})
        AND NOT x.indisunique AND NOT x.indisprimary
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
      ORDER BY 1`.execute(db);
    return r.rows;
  }
  const r = await sql<PlainIndex>`
    SELECT m.name AS name, m.sql AS "create" FROM sqlite_master m JOIN pragma_index_list(m.tbl_name) l ON l.name = m.name
    WHERE m.type = 'index' AND m.sql IS NOT NULL AND l."unique" = 0 AND l.origin = 'c'
      AND m.tbl_name IN (${sql.join(tables)})
    ORDER BY 1`.execute(db);
  return r.rows;
}

type ForeignKey = { table: string; name: string; definition: string };

/** PostgreSQL's foreign keys from `tables` (SQLite cannot drop a constraint, and checks one cheaply). */
async function foreignKeys(db: Db, tables: readonly string[]): Promise<ForeignKey[]> {
  if (!tables.length || engineOf(db) !== "postgres") return [];
  const r = await sql<ForeignKey>`
    SELECT t.relname AS "table", k.conname AS name, pg_get_constraintdef(k.oid) AS definition
    FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid
    WHERE k.contype = 'f' AND t.relnamespace = current_schema()::regnamespace
      AND t.relname IN (${sql.join(tables)})
    ORDER BY 1, 2`.execute(db);
  return r.rows;
}

type KeepTrigger = { table: string; name: string; create: string };

/**
 * The triggers on `tables` that keep a column from other tables (named `keep_…`, e.g. `events.cited` from the
 * citations: migration 097). A load that copies the kept column as it is sets them aside: row by row, with
 * the indexes they probe dropped, each would scan a table.
 */
async function keepTriggers(db: Db, tables: readonly string[]): Promise<KeepTrigger[]> {
  if (!tables.length) return [];
  const r =
    engineOf(db) === "postgres"
      ? await sql<KeepTrigger>`
          SELECT c.relname AS "table", t.tgname AS name, pg_get_triggerdef(t.oid) AS "create"
          FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
          WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace
            AND c.relname IN (${sql.join(tables)}) AND t.tgname LIKE 'keep\\_%'
          ORDER BY 2`.execute(db)
      : await sql<KeepTrigger>`
          SELECT tbl_name AS "table", name, sql AS "create" FROM sqlite_master
          WHERE type = 'trigger' AND tbl_name IN (${sql.join(tables)}) AND name LIKE 'keep\\_%' ESCAPE '\\'
          ORDER BY 2`.execute(db);
  return r.rows;
}

/**
 * Runs `load` with the plain indexes of `tables`, (PostgreSQL) their foreign keys and the triggers that keep
 * a column of theirs (keepTriggers) dropped, and builds them again after it, in `db`'s transaction: a failed
 * load, or a row whose parent is missing, leaves them as they were. The load writes kept columns itself.
 * Building an index over a loaded table, or checking a foreign key over it in one join, is several
 * times cheaper than keeping them row by row: copied to PostgreSQL, a million events spent more time in
 * their three plain indexes than in the rows themselves, and 2.4 million name trigrams ~16 s in checking
 * one by one that their person exists (docs/BENCHMARKS.md).
 */
export async function withKeysBuiltAfter<T>(
  db: Db,
  tables: readonly string[],
  load: () => Promise<T>,
): Promise<T> {
  const indexes = await plainIndexes(db, tables);
  const fks = await foreignKeys(db, tables);
  const triggers = await keepTriggers(db, tables);
  for (const k of fks)
    await sql`ALTER TABLE ${sql.table(k.table)} DROP CONSTRAINT ${sql.ref(k.name)}`.execute(db);
  for (const i of indexes) await sql`DROP INDEX ${sql.ref(i.name)}`.execute(db);
  // Dropped, on PostgreSQL too, where the bulk writer only says it loads (`habeas.bulk_load`): a copy holds
  // the tables' exclusive locks already (it drops their indexes), and trigger functions that return at once
  // still cost a call a row (copying 200,000 events 6.6–6.8 s dropped, 7.6–7.7 s called).
  for (const t of triggers)
    if (engineOf(db) === "postgres")
      await sql`DROP TRIGGER ${sql.ref(t.name)} ON ${sql.table(t.table)}`.execute(db);
    else await sql`DROP TRIGGER ${sql.ref(t.name)}`.execute(db);
  const out = await load();
  // Enough memory for an index's sort to stay in memory at national scale, for this transaction only.
  if (engineOf(db) === "postgres") await sql`SET LOCAL maintenance_work_mem = '256MB'`.execute(db);
  for (const i of indexes) await sql.raw(i.create).execute(db);
  for (const k of fks)
    await sql`ALTER TABLE ${sql.table(k.table)} ADD CONSTRAINT ${sql.ref(k.name)} ${sql.raw(k.definition)}`.execute(
      db,
    );
  for (const t of triggers) await sql.raw(t.create).execute(db);
  return out;
}

/**
 * Reads a table page by page in key order (keyset paging: each page costs the same however deep), yielding
 * rows of the requested columns.
 */
export async function* readTable(
  db: Db,
  t: TableInfo,
  columns: readonly string[],
  page = 5000,
): AsyncGenerator<Row[]> {
  const cols = sql.join(columns.map((c) => sql.ref(c)));
  if (!t.key.length) {
    for (let offset = 0; ; offset += page) {
      const r =
        await sql<Row>`SELECT ${cols} FROM ${sql.table(t.name)} LIMIT ${page} OFFSET ${offset}`.execute(db);
      if (!r.rows.length) return;
      yield r.rows;
    }
  }
  const keyRefs = t.key.map((k) => (k === "rowid" ? sql.raw("rowid") : sql.ref(k)));
  const keyList = sql.join(keyRefs);
  const keyAs = sql.join(keyRefs.map((ref, i) => sql`${ref} AS ${sql.ref(`__k${i}`)}`));
  let last: unknown[] | undefined;
  for (;;) {
    const where = last
      ? t.key.length === 1
        ? sql`WHERE ${keyRefs[0]} > ${last[0]}`
        : sql`WHERE (${keyList}) > (${sql.join(last.map((v) => sql`${v}`))})`
      : sql``;
    const r =
      await sql<Row>`SELECT ${keyAs}, ${cols} FROM ${sql.table(t.name)} ${where} ORDER BY ${keyList} LIMIT ${page}`.execute(
        db,
      );
    const lastRow = r.rows.at(-1);
    if (!lastRow) return;
    last = t.key.map((_, i) => lastRow[`__k${i}`]);
    yield r.rows.map((row) => {
      const o: Row = {};
      for (const c of columns) o[c] = row[c] ?? null;
      return o;
    });
    if (r.rows.length < page) return;
  }
}

/** After rows arrive with their ids, PostgreSQL sequences must continue after the highest id. */
export async function resetSequences(db: Db): Promise<void> {
  if (engineOf(db) !== "postgres") return;
  const r = await sql<{ table_name: string; column_name: string }>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND column_default LIKE 'nextval(%'`.execute(db);
  for (const c of r.rows) {
    await sql`SELECT setval(pg_get_serial_sequence(${c.table_name}, ${c.column_name}),
      COALESCE((SELECT max(${sql.ref(c.column_name)}) FROM ${sql.table(c.table_name)}), 0) + 1, false)`.execute(
      db,
    );
  }
}

/**
 * PostgreSQL plans with table statistics: after a bulk load, until autovacuum comes by, it would plan the
 * fuzzy-name aggregation and the timeline reads as if the tables were empty. (SQLite plans by its indexes.)
 */
export async function refreshPlannerStatistics(db: Db): Promise<void> {
  if (engineOf(db) === "postgres") await sql`ANALYZE`.execute(db);
}

/**
 * After a whole store was loaded (`habeas db copy`): on PostgreSQL, `VACUUM (ANALYZE)` — the statistics
 * above, and every page marked all-visible, so index-only scans need not visit the table and autovacuum
 * has nothing left to do. Without it autovacuum came by a few seconds later and kept a core busy for most
 * of a minute on a million events, under whatever the server was serving. Outside any transaction.
 */
export async function settleAfterLoad(db: Database): Promise<void> {
  if (engineOf(db) === "postgres") await sql`VACUUM (ANALYZE)`.execute(db);
}
