// Imports detention-data files (DDP daily population, ICE statistics Facilities sheets) in atomic batches.
//
// What an import promises:
// - A file that cannot be imported as a whole (missing, a folder, empty, unknown or missing columns, not
//   CSV, cut off in its last line) is refused with AppError BAD_INPUT before anything is written.
// - A bad row (a bad number, date or code, too few or too many fields) is reported with its line number and
//   skipped; the rest is imported, the run is recorded as done with its bad-row count, and the result's
//   `badCount` is non-zero so the CLI exits non-zero. Nothing is dropped without being reported.
// - Rows are written in batches, each one transaction that also adds its counts to the `import_runs` row:
//   a killed import leaves whole batches and a run still marked "running" whose counts match what is
//   stored. Re-importing the same file writes the same rows again (upserts): no duplicates.
// - An unbalanced quote in the middle of a DDP file is only found when the parser reaches it: the run then
//   stops with BAD_INPUT and is marked failed, and the batches before it (valid rows of the file) stay.
import { createReadStream } from "node:fs";
import { open, readFile, stat } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import type { Kysely } from "kysely";
import { AppError } from "../domain/errors.ts";
import type { Facility } from "../domain/model.ts";
import {
  checkDdpHeader,
  DDP_COLUMNS,
  type DdpItem,
  type DdpRow,
  parseDdp,
} from "../ingest/detention-data/ddp.ts";
import { facilityKindFromName, facilityNameKey } from "../ingest/detention-data/facility-names.ts";
import {
  type IceFacilitiesSheet,
  type IceFacility,
  parseIceFacilities,
} from "../ingest/detention-data/ice-stats.ts";
import { findFacilityById, listFacilities, saveFacility } from "../store/catalog.ts";
import type { Db } from "../store/db.ts";
import {
  addToImportRun,
  countPopulationRows,
  finishImportRun,
  startImportRun,
  upsertPopulation,
} from "../store/population.ts";
import type { DB } from "../store/schema.ts";

export const IMPORT_KINDS = ["ddp", "ice-facilities"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export type BadRow = { line: number; message: string };

/** Called after each committed batch: rows read so far (good and bad), and bytes of the file read. */
export type ImportProgress = (done: number, bytesRead: number, totalBytes: number) => void;
export type ImportOptions = {
  onProgress?: ImportProgress;
  /** Rows per transaction (DDP). */
  batchSize?: number;
};

export type ImportResult = {
  kind: ImportKind;
  file: string;
  /** The `import_runs` row that records this import. */
  runId: number;
  /** Good rows written (DDP: population rows upserted; ICE: facility rows read). */
  rows: number;
  /** DDP: population rows that were not stored before. ICE: facilities added to the registry. */
  inserted: number;
  /** DDP: rows that replaced a stored row for the same facility and day. ICE: facilities enriched. */
  updated: number;
  /** Facility registry entries created. */
  facilitiesAdded: number;
  /** Every bad row is counted here; `bad` lists the first MAX_LISTED_BAD_ROWS of them. */
  badCount: number;
  bad: BadRow[];
};

export const DEFAULT_BATCH_SIZE = 10_000;
/** Bad rows listed in a result: a file of nothing but bad rows must not hold the import's memory. */
export const MAX_LISTED_BAD_ROWS = 1000;
const SNIFF_BYTES = 64 * 1024;
const MAX_SHEET_BYTES = 20 * 1024 * 1024;

/** Size of a readable, non-empty file, or BAD_INPUT saying in one line why it is not. */
async function fileSize(path: string): Promise<number> {
  let size: number;
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw new AppError("BAD_INPUT", `${path} is a folder, not a file`);
    size = s.size;
  } catch (e) {
    if (e instanceof AppError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new AppError(
      "BAD_INPUT",
      code === "ENOENT" ? `file not found: ${path}` : `cannot read ${path}: ${(e as Error).message}`,
    );
  }
  if (size === 0) throw new AppError("BAD_INPUT", `${path} is empty`);
  return size;
}

async function readRange(path: string, start: number, length: number): Promise<Buffer> {
  const fh = await open(path, "r");
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, start);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

function csvRecords(text: string, toLine: number): string[][] {
  try {
    return parseCsv(text, {
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      to_line: toLine,
    }) as string[][];
  } catch {
    return [];
  }
}

/** Which importer a file is for, from its first lines. */
export async function detectImportKind(path: string): Promise<ImportKind> {
  const size = await fileSize(path);
  const head = await readRange(path, 0, Math.min(size, SNIFF_BYTES));
  if (head.includes(0)) throw new AppError("BAD_INPUT", `${path} is not a text file`);
  let text = head.toString("utf8");
  // Cut at the last full line so a record split by the sniff window is not misread.
  if (size > head.length) text = text.slice(0, text.lastIndexOf("\n") + 1);
  const first = csvRecords(text, 1)[0] ?? [];
  if (first.some((c) => c.trim().toLowerCase() === DDP_COLUMNS[0]) || !("error" in checkDdpHeader(first))) {
    return "ddp";
  }
  // Name, City and State alone could head any list of places; ICE's sheets also name a field office or type.
  const rows = csvRecords(text, 40).map((r) => r.map((c) => c.trim().toLowerCase()));
  const iceHeader = (r: string[]) =>
    r.includes("name") &&
    r.includes("city") &&
    r.includes("state") &&
    r.some((c) => c === "aor" || c === "type detailed" || /\balos$/.test(c));
  if (rows.some(iceHeader)) return "ice-facilities";
  throw new AppError(
    "BAD_INPUT",
    `${basename(path)} is not a file habeas can import: expected the DDP daily population CSV or an ICE detention statistics Facilities sheet`,
  );
}

/** Imports a file of either kind, as detected from its first lines. */
export async function importDetentionDataFile(
  db: Db,
  path: string,
  opts: ImportOptions = {},
): Promise<ImportResult> {
  const kind = await detectImportKind(path);
  return kind === "ddp" ? importDdpFile(db, path, opts) : importIceFacilitiesFile(db, path, opts);
}

/** Runs `fn` as one transaction, or inside the caller's when `db` already is one. */
function atomically<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : (db as Kysely<DB>).transaction().execute(fn);
}

/**
 * A file cut off mid-line (an interrupted download) is refused before anything is written: its last line,
 * when the file does not end in a newline, must be a whole record.
 */
async function checkDdpTail(path: string, size: number): Promise<void> {
  const tail = await readRange(path, Math.max(0, size - SNIFF_BYTES), Math.min(size, SNIFF_BYTES));
  if (tail[tail.length - 1] === 0x0a) return;
  const last = tail.subarray(tail.lastIndexOf(0x0a) + 1).toString("utf8");
  if (!last.trim() || size <= last.length) return; // a header-only file without a newline
  let fields = -1;
  try {
    const recs = parseCsv(last, { relax_column_count: true }) as string[][];
    fields = recs.length === 1 ? recs[0]!.length : -1;
  } catch {}
  if (fields !== DDP_COLUMNS.length) {
    const what = fields < 0 ? "an unclosed quote" : `${fields} of ${DDP_COLUMNS.length} fields`;
    throw new AppError(
      "BAD_INPUT",
      `${basename(path)} looks truncated: its last line has ${what} and no line end; nothing was imported`,
    );
  }
}

const DDP_ID_PREFIX = "ddp-";

/** Adds a minimal registry entry for each new DETLOC code; entries that exist are left as they are. */
async function registerDdpFacilities(tx: Db, rows: readonly DdpRow[], known: Set<string>): Promise<number> {
  const fresh = new Map<string, string | null>();
  for (const r of rows)
    if (!known.has(r.facility_code) && !fresh.has(r.facility_code))
      fresh.set(r.facility_code, r.facility_name);
  if (!fresh.size) return 0;
  const existing = await tx
    .selectFrom("facilities")
    .select("detloc")
    .where("detloc", "in", [...fresh.keys()])
    .execute();
  for (const e of existing) if (e.detloc) fresh.delete(e.detloc);
  let added = 0;
  for (const [code, name] of fresh) {
    const id = `${DDP_ID_PREFIX}${code.toLowerCase()}`;
    // An id already taken by another record is not ours to overwrite; the rows still carry the code.
    if (await findFacilityById(tx, id)) continue;
    await saveFacility(tx, {
      id,
      name: name ?? code,
      aliases: [],
      kind: facilityKindFromName(name ?? ""),
      country: "US",
      codes: { DETLOC: code },
    });
    added++;
  }
  return added;
}

/** Imports a DDP daily population CSV in batches of `batchSize` rows, each batch one transaction. */
export async function importDdpFile(db: Db, path: string, opts: ImportOptions = {}): Promise<ImportResult> {
  const batchSize = Math.max(1, Math.floor(opts.batchSize ?? DEFAULT_BATCH_SIZE));
  const file = resolve(path);
  const size = await fileSize(path);
  await checkDdpTail(path, size);
  const stream = createReadStream(path, { highWaterMark: 256 * 1024 });
  const items = parseDdp(stream)[Symbol.asyncIterator]();
  // The first pull reads and checks the header: a wrong file fails here, before the run is recorded.
  let next: IteratorResult<DdpItem>;
  try {
    next = await items.next();
  } catch (e) {
    throw e instanceof AppError ? new AppError(e.code, `${basename(path)}: ${e.message}`) : e;
  }

  let before: number;
  let runId: number;
  try {
    before = await countPopulationRows(db);
    runId = await startImportRun(db, "ddp", file);
  } catch (e) {
    await items.return?.(undefined);
    throw e;
  }
  const known = new Set<string>();
  const bad: BadRow[] = [];
  let badCount = 0;
  let rows = 0;
  let facilitiesAdded = 0;
  let batch: DdpRow[] = [];
  let batchBad = 0;
  let line = 0;

  let badWritten = 0;
  // One batch is written while the next is parsed (PostgreSQL works in its own process meanwhile);
  // batches still commit one after another, in file order.
  let writing: Promise<void> = Promise.resolve();
  const write = async (batchRows: DdpRow[], batchBadRows: number) => {
    facilitiesAdded += await atomically(db, async (tx) => {
      const added = await registerDdpFacilities(tx, batchRows, known);
      await upsertPopulation(tx, batchRows);
      await addToImportRun(tx, runId, batchRows.length, batchBadRows);
      return added;
    });
    for (const r of batchRows) known.add(r.facility_code);
    rows += batchRows.length;
    badWritten += batchBadRows;
    opts.onProgress?.(rows + badWritten, stream.bytesRead, size);
  };
  const flush = async () => {
    if (!batch.length && !batchBad) return;
    await writing;
    writing = write(batch, batchBad);
    // Handled here so a failure waits, without crashing the process, for the next await to rethrow it.
    writing.catch(() => {});
    batch = [];
    batchBad = 0;
  };

  try {
    for (; !next.done; next = await items.next()) {
      const item = next.value;
      line = item.line;
      if (item.ok) batch.push(item.row);
      else {
        badCount++;
        batchBad++;
        if (bad.length < MAX_LISTED_BAD_ROWS) bad.push({ line: item.line, message: item.message });
      }
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    await writing;
    await finishImportRun(db, runId, "done");
  } catch (e) {
    await writing.catch(() => {});
    await items.return?.(undefined);
    await finishImportRun(db, runId, "failed").catch(() => {});
    if (e instanceof AppError) throw new AppError(e.code, `${basename(path)}: ${e.message}`, e.problems);
    throw new AppError(
      "INTERNAL",
      `import of ${basename(path)} stopped after line ${line}: ${(e as Error).message}`,
    );
  }
  const inserted = Math.max(0, (await countPopulationRows(db)) - before);
  return {
    kind: "ddp",
    file,
    runId,
    rows,
    inserted,
    updated: rows - inserted,
    facilitiesAdded,
    badCount,
    bad,
  };
}

// ---------- ICE statistics facility sheets ----------
const ICE_ID_PREFIX = "ice-";
const SUMMARY_PREFIX = "ICE detention statistics FY";

type Registered = Omit<Facility, "citations">;

function kindFromIceType(type: string | undefined, name: string): Facility["kind"] {
  const t = (type ?? "").toUpperCase();
  if (t === "BOP") return "prison";
  if (/STAGING/.test(t)) return "staging";
  if (/HOLD/.test(t)) return "hold_room";
  if (t === "OTHER") return "other";
  return facilityKindFromName(name);
}

function operatorFromIceType(type: string | undefined): string | undefined {
  const t = (type ?? "").toUpperCase();
  if (t === "SPC") return "U.S. Immigration and Customs Enforcement";
  if (t === "BOP") return "Federal Bureau of Prisons";
  return undefined;
}

const fmt = (n: number) => n.toLocaleString("en-US");

function iceSummary(sheet: IceFacilitiesSheet, e: IceFacility): string | undefined {
  if (!sheet.fiscalYear) return undefined;
  const figures = [
    e.adp !== undefined ? `average daily population ${fmt(e.adp)}` : "",
    e.adpMandatory !== undefined ? `${fmt(e.adpMandatory)} a day in mandatory detention` : "",
    e.guaranteedMinimum !== undefined ? `guaranteed minimum ${fmt(e.guaranteedMinimum)} beds` : "",
    e.alos !== undefined ? `average stay ${fmt(e.alos)} days` : "",
    e.type ? `ICE facility type ${e.type}` : "",
    e.aor ? `field office ${e.aor}` : "",
  ].filter(Boolean);
  const address = [e.address, e.city, [e.state, e.zip].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  const asOf = sheet.asOf ? ` (data to ${sheet.asOf})` : "";
  return `${SUMMARY_PREFIX}${sheet.fiscalYear}${asOf}: ${figures.join("; ")}${address ? `. Address: ${address}` : ""}.`;
}

/** The fiscal year of a summary this importer wrote, so an older sheet does not replace a newer one. */
function summaryYear(summary: string | undefined): number | undefined {
  const m = summary?.startsWith(SUMMARY_PREFIX) ? /^\d{4}/.exec(summary.slice(SUMMARY_PREFIX.length)) : null;
  return m ? Number(m[0]) : undefined;
}

const slug = (name: string) =>
  facilityNameKey(name).toLowerCase().replace(/ /g, "-").slice(0, 80).replace(/-+$/, "");

/** Lookups over the registry: by DETLOC, and by name key (names and aliases); `add` replaces by id. */
function indexRegistry(facilities: Registered[]) {
  const byId = new Map<string, Registered>();
  const byDetloc = new Map<string, string>();
  const byKey = new Map<string, Set<string>>();
  const add = (f: Registered) => {
    byId.set(f.id, f);
    if (f.codes.DETLOC) byDetloc.set(f.codes.DETLOC, f.id);
    for (const k of [f.name, ...f.aliases].map(facilityNameKey)) {
      const ids = byKey.get(k) ?? new Set<string>();
      ids.add(f.id);
      byKey.set(k, ids);
    }
  };
  for (const f of facilities) add(f);
  return {
    add,
    hasDetloc: (code: string) => byDetloc.has(code),
    byDetloc: (code: string) => {
      const id = byDetloc.get(code);
      return id === undefined ? undefined : byId.get(id);
    },
    byKey: (key: string) => [...(byKey.get(key) ?? [])].map((id) => byId.get(id)!),
  };
}
type Registry = ReturnType<typeof indexRegistry>;

/**
 * The registry entry an ICE row describes: same DETLOC, or else the one entry with the same name (or alias)
 * in the same state, where a registry entry without a state counts when its DETLOC code ends in that state.
 */
function matchIceRow(reg: Registry, e: IceFacility): Registered | undefined {
  if (e.detloc) {
    const f = reg.byDetloc(e.detloc);
    if (f) return f;
  }
  const sameName = reg.byKey(facilityNameKey(e.name));
  const candidates = sameName.filter((f) => {
    if (!e.state) return true;
    if (f.state) return f.state.toUpperCase() === e.state;
    const code = f.codes.DETLOC;
    return code !== undefined && code.length === 7 && code.endsWith(e.state);
  });
  return candidates.length === 1 ? candidates[0] : undefined;
}

/** Fills what the registry entry lacks from the ICE row; never overwrites what is there. */
function mergeIceRow(f: Registered, e: IceFacility, summary: string | undefined, reg: Registry): Registered {
  const codes = { ...f.codes };
  if (e.detloc && !codes.DETLOC && !reg.hasDetloc(e.detloc)) codes.DETLOC = e.detloc;
  if (e.aor && !codes.ICE_AOR) codes.ICE_AOR = e.aor;
  if (e.type && !codes.ICE_TYPE) codes.ICE_TYPE = e.type.slice(0, 40);
  const aliases = [...f.aliases];
  const keys = new Set([f.name, ...aliases].map(facilityNameKey));
  if (!keys.has(facilityNameKey(e.name)) && aliases.length < 30) aliases.push(e.name);
  const year = summaryYear(f.summary);
  const newYear = summaryYear(summary);
  const replaceSummary =
    summary && (!f.summary || (year !== undefined && newYear !== undefined && newYear >= year));
  return {
    ...f,
    aliases,
    state: f.state ?? e.state,
    city: f.city ?? e.city,
    operator: f.operator ?? operatorFromIceType(e.type),
    codes,
    summary: replaceSummary ? summary : f.summary,
  };
}

/**
 * Imports one ICE statistics Facilities sheet into the facility registry, in one transaction: each row
 * enriches the entry it matches (by DETLOC, or by name and state) or becomes a new entry.
 */
export async function importIceFacilitiesFile(
  db: Db,
  path: string,
  opts: ImportOptions = {},
): Promise<ImportResult> {
  const file = resolve(path);
  const size = await fileSize(path);
  if (size > MAX_SHEET_BYTES) {
    throw new AppError(
      "BAD_INPUT",
      `${basename(path)} is ${size} bytes: too large for an ICE Facilities sheet`,
    );
  }
  let sheet: IceFacilitiesSheet;
  try {
    sheet = parseIceFacilities(await readFile(path));
  } catch (e) {
    throw e instanceof AppError ? new AppError(e.code, `${basename(path)}: ${e.message}`) : e;
  }
  const runId = await startImportRun(db, "ice-facilities", file);
  let inserted = 0;
  let updated = 0;
  try {
    await atomically(db, async (tx) => {
      const reg = indexRegistry(await listFacilities(tx, { limit: 1_000_000 }));
      for (const e of sheet.facilities) {
        const summary = iceSummary(sheet, e);
        let f = matchIceRow(reg, e);
        const id = `${ICE_ID_PREFIX}${slug(e.name)}${e.state ? `-${e.state.toLowerCase()}` : ""}`;
        if (!f) f = await findFacilityById(tx, id);
        if (f) {
          const { citations: _, ...current } = f as Registered & { citations?: unknown };
          const merged = mergeIceRow(current, e, summary, reg);
          if (JSON.stringify(merged) !== JSON.stringify(current)) {
            await saveFacility(tx, merged);
            updated++;
          }
          reg.add(merged);
          continue;
        }
        const created: Registered = {
          id,
          name: e.name,
          aliases: [],
          kind: kindFromIceType(e.type, e.name),
          country: "US",
          state: e.state,
          city: e.city,
          operator: operatorFromIceType(e.type),
          codes: Object.fromEntries(
            Object.entries({
              DETLOC: e.detloc && !reg.hasDetloc(e.detloc) ? e.detloc : undefined,
              ICE_AOR: e.aor,
              ICE_TYPE: e.type?.slice(0, 40),
            }).filter((kv): kv is [string, string] => kv[1] !== undefined),
          ),
          summary,
        };
        await saveFacility(tx, created);
        reg.add(created);
        inserted++;
      }
      await addToImportRun(tx, runId, sheet.facilities.length, sheet.problems.length);
    });
    await finishImportRun(db, runId, "done");
  } catch (e) {
    await finishImportRun(db, runId, "failed").catch(() => {});
    if (e instanceof AppError) throw e;
    throw new AppError("INTERNAL", `import of ${basename(path)} failed: ${(e as Error).message}`);
  }
  opts.onProgress?.(sheet.facilities.length + sheet.problems.length, size, size);
  return {
    kind: "ice-facilities",
    file,
    runId,
    rows: sheet.facilities.length,
    inserted,
    updated,
    facilitiesAdded: inserted,
    badCount: sheet.problems.length,
    bad: sheet.problems.slice(0, MAX_LISTED_BAD_ROWS),
  };
}
