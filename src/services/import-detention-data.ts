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

import { open, readdir, readFile, stat } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { AppError } from "../domain/errors.ts";
import type { Facility } from "../domain/model.ts";
import { checkDdpHeader, DDP_COLUMNS, type DdpItem, type DdpRow } from "../ingest/detention-data/ddp.ts";
import { readDdpFile } from "../ingest/detention-data/ddp-file.ts";
import { facilityKindFromName, facilityNameKey } from "../ingest/detention-data/facility-names.ts";
import {
  type IceFacilitiesSheet,
  type IceFacility,
  parseIceFacilities,
} from "../ingest/detention-data/ice-stats.ts";
import {
  detlocOf,
  findFacilityById,
  listFacilities,
  saveFacilities,
  saveFacility,
} from "../store/catalog.ts";
import { type Db, inTransaction } from "../store/db.ts";
import { type Engine, engineOf } from "../store/dialect.ts";
import {
  addAliasesOfFacilities,
  addFacilityAliases,
  type FacilityAlias,
  findFacilityPlaces,
  moveFacilityReferences,
  saveFacilityPlace,
} from "../store/facility-registry.ts";
import {
  addToImportRun,
  countPopulationRows,
  finishImportRun,
  startImportRun,
  upsertPopulation,
} from "../store/population.ts";
import { placeFacilities } from "./facility-registry.ts";

export const IMPORT_KINDS = ["ddp", "ice-facilities"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export type BadRow = { line: number; message: string };

/** Called after each committed batch: rows read so far (good and bad), and bytes of the file read. */
export type ImportProgress = (done: number, bytesRead: number, totalBytes: number) => void;
export type ImportOptions = {
  onProgress?: ImportProgress;
  /** Rows per transaction (DDP). */
  batchSize?: number;
  /**
   * DDP: parse the file in a worker thread (by default on SQLite, for a file of 8 MB or more:
   * ingest/detention-data/ddp-file.ts; on PostgreSQL never by default).
   */
  parseInWorker?: boolean;
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
  /** ICE: registry entries found to be the same place as another and folded into it. */
  facilitiesMerged?: number;
  /** Every bad row is counted here; `bad` lists the first MAX_LISTED_BAD_ROWS of them. */
  badCount: number;
  bad: BadRow[];
};

/**
 * DDP rows per transaction unless asked otherwise. On SQLite a batch holds the store's one write lock (10,000
 * rows: ~0.2 s, so the server's writes wait no longer than that). On PostgreSQL a batch locks nothing
 * others wait on, and each costs a commit and about fifteen round trips of facility registration (the file
 * runs facility by facility, so nearly every batch meets new ones), and between batches the server waits for
 * the next COPY: 50,000 rows took the DDP import from ~10 s to ~8 s, 100,000 from 1.19–1.23× one COPY to
 * 1.09–1.14× (~30 MB more peak RSS; docs/BENCHMARKS.md).
 */
export const DEFAULT_BATCH_SIZE = { sqlite: 10_000, postgres: 100_000 } as const satisfies Record<
  Engine,
  number
>;
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

export type SkippedFile = { file: string; reason: string };

/** The files of a folder (not its subfolders), in name order; or the path itself when it is a file. */
export async function filesToImport(path: string): Promise<{ folder: boolean; files: string[] }> {
  // A path that is not a folder (or not there) goes to its importer, which says what is wrong with it.
  const s = await stat(path).catch(() => undefined);
  if (!s?.isDirectory()) return { folder: false, files: [path] };
  const names = (await readdir(path, { withFileTypes: true }))
    .filter((d) => d.isFile() && !d.name.startsWith("."))
    .map((d) => d.name)
    .sort((a, b) => a.localeCompare(b, "en"));
  if (!names.length) throw new AppError("BAD_INPUT", `${path} is an empty folder`);
  return { folder: true, files: names.map((n) => join(path, n)) };
}

/** Why a file in a folder is not imported, in one line; undefined when it is importable. */
export async function whyNotImportable(path: string): Promise<string | undefined> {
  // JSON (a habeas dataset, a court docket) is told apart by the importer, which refuses unknown shapes.
  if (/\.json$/i.test(path)) return undefined;
  if (!/\.(csv|txt)$/i.test(path)) return "not a CSV or JSON file";
  try {
    await detectImportKind(path);
    return undefined;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const head = (await readRange(path, 0, 400).catch(() => Buffer.alloc(0))).toString("utf8");
    const first = (csvRecords(head.slice(0, head.lastIndexOf("\n") + 1) || head, 1)[0] ?? [])
      .map((c) => c.trim())
      .filter(Boolean)
      .join(" ")
      .slice(0, 80);
    return e.message.includes("not a file habeas can import")
      ? `not a facility sheet or DDP population file (no header with Name, City, State and AOR or type${first ? `; it begins "${first}"` : ""})`
      : e.message;
  }
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

export const DDP_SOURCE = "Deportation Data Project";

/** The DETLOC codes of these rows the import has not met yet, each with the first name the file gives it. */
function newDdpCodes(rows: readonly DdpRow[], known: ReadonlySet<string>): Map<string, string | null> {
  const fresh = new Map<string, string | null>();
  for (const r of rows)
    if (!known.has(r.facility_code) && !fresh.has(r.facility_code))
      fresh.set(r.facility_code, r.facility_name);
  return fresh;
}

/**
 * Adds each new DETLOC code (`newDdpCodes`) to the registry: to the entry of the same place when one is known
 * by that name in the code's state (ICE codes end in the state), else as a minimal new entry. Every name the
 * file uses is kept as an alias with its source. The registry is read once per import (`cache`) and kept up
 * to date with what the import adds: a batch that fails ends the import.
 */
async function registerDdpFacilities(
  tx: Db,
  codes: ReadonlyMap<string, string | null>,
  cache: { registry?: Registry },
): Promise<number> {
  // A copy: narrowed below to the codes no registry entry has yet (the caller keeps `codes` whole).
  const fresh = new Map(codes);
  if (!fresh.size) return 0;
  const existing = await tx
    .selectFrom("facilities")
    .select(["id", "detloc"])
    .where("detloc", "in", [...fresh.keys()])
    .execute();
  // Written together once decided (on PostgreSQL every statement is a round trip: 700 facilities took ~5,000).
  const aliases: (FacilityAlias & { key: string; facility: string })[] = [];
  const alias = (facility: string, name: string | null) => {
    if (name) aliases.push({ facility, alias: name, key: facilityNameKey(name), source: DDP_SOURCE });
  };
  for (const e of existing) {
    if (e.detloc) alias(e.id, fresh.get(e.detloc) ?? null);
    if (e.detloc) fresh.delete(e.detloc);
  }
  if (!fresh.size) {
    await addAliasesOfFacilities(tx, aliases);
    return 0;
  }
  cache.registry ??= indexRegistry(await listFacilities(tx, { limit: 1_000_000 }));
  const reg = cache.registry;
  const idOf = (code: string) => `${DDP_ID_PREFIX}${code.toLowerCase()}`;
  // An id already taken by another record is not ours to overwrite; the rows still carry the code.
  const taken = new Set(
    (
      await tx
        .selectFrom("facilities")
        .select("id")
        .where("id", "in", [...fresh.keys()].map(idOf))
        .execute()
    ).map((f) => f.id),
  );
  let added = 0;
  const saved: Registered[] = [];
  for (const [code, name] of fresh) {
    const state = /^[A-Z0-9]{5}([A-Z]{2})$/.exec(code)?.[1];
    const match = name ? matchIceRow(reg, { line: 0, name, state }) : undefined;
    if (match && !match.codes.DETLOC && !match.codes.ice_detloc) {
      const merged = { ...match, codes: { ...match.codes, DETLOC: code } };
      saved.push(merged);
      reg.add(merged);
      alias(match.id, name);
      continue;
    }
    const id = idOf(code);
    if (taken.has(id)) continue;
    const created: Registered = {
      id,
      name: name ?? code,
      aliases: [],
      kind: facilityKindFromName(name ?? ""),
      country: "US",
      state,
      codes: { DETLOC: code },
    };
    saved.push(created);
    reg.add(created);
    alias(id, name);
    added++;
  }
  await saveFacilities(tx, saved);
  await addAliasesOfFacilities(tx, aliases);
  await placeFacilities(
    tx,
    saved.map((f) => f.id),
  );
  return added;
}

/** Imports a DDP daily population CSV in batches of `batchSize` rows, each batch one transaction. */
export async function importDdpFile(db: Db, path: string, opts: ImportOptions = {}): Promise<ImportResult> {
  const batchSize = Math.max(1, Math.floor(opts.batchSize ?? DEFAULT_BATCH_SIZE[engineOf(db)]));
  const file = resolve(path);
  const size = await fileSize(path);
  await checkDdpTail(path, size);
  // On PostgreSQL the file is parsed in this thread, which otherwise waits on the server: a parsing thread was a
  // third party on two cores, and the rows crossing to this one cost more than they saved (the DDP file 0.1–0.5 s
  // slower in each of five rounds, ~0.9 s more CPU and ~60 MB more memory; docs/BENCHMARKS.md). On SQLite the
  // writes hold this thread, so a large file is parsed beside them.
  const worker = opts.parseInWorker ?? (engineOf(db) === "postgres" ? false : undefined);
  const reader = readDdpFile(path, { size, worker });
  const items = reader.batches;
  // The first pull reads and checks the header: a wrong file fails here, before the run is recorded.
  let next: IteratorResult<DdpItem[]>;
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
  const registry: { registry?: Registry } = {};
  const bad: BadRow[] = [];
  let badCount = 0;
  let rows = 0;
  let facilitiesAdded = 0;
  let batch: DdpRow[] = [];
  let batchBad = 0;
  let line = 0;

  let badWritten = 0;
  // One batch is written while the next is parsed (PostgreSQL works in its own process meanwhile; on SQLite a
  // large file is parsed in its own thread); batches still commit one after another, in file order. A batch's new
  // facilities are registered in a transaction of their own, committed before its rows': on PostgreSQL, on
  // another connection while the previous batch's rows are still being written (registering took ~0.45 s of
  // the DDP file's writes, each batch's COPY waiting for it). No row is ever stored without its facility; a
  // batch that fails after its facilities were registered leaves them in the registry, where importing the
  // file again finds them.
  let registering: Promise<void> = Promise.resolve();
  let writing: Promise<void> = Promise.resolve();
  const register = (batchRows: DdpRow[]) =>
    registering.then(async () => {
      // A batch whose facilities are all known already opens no transaction.
      const codes = newDdpCodes(batchRows, known);
      if (!codes.size) return;
      facilitiesAdded += await inTransaction(db, (tx) => registerDdpFacilities(tx, codes, registry));
      for (const code of codes.keys()) known.add(code);
    });
  const write = async (batchRows: DdpRow[], batchBadRows: number, registered: Promise<void>) => {
    await registered;
    await inTransaction(db, async (tx) => {
      await upsertPopulation(tx, batchRows);
      await addToImportRun(tx, runId, batchRows.length, batchBadRows);
    });
    rows += batchRows.length;
    badWritten += batchBadRows;
    opts.onProgress?.(rows + badWritten, reader.bytesRead(), size);
  };
  let started = false;
  const flush = async () => {
    if (!batch.length && !batchBad) return;
    started = true;
    registering = register(batch);
    // Handled here so a failure waits, without crashing the process, for the next await to rethrow it.
    registering.catch(() => {});
    await writing;
    writing = write(batch, batchBad, registering);
    writing.catch(() => {});
    batch = [];
    batchBad = 0;
  };

  try {
    for (; !next.done; next = await items.next()) {
      for (const item of next.value) {
        line = item.line;
        if (item.ok) batch.push(item.row);
        else {
          badCount++;
          batchBad++;
          if (bad.length < MAX_LISTED_BAD_ROWS) bad.push({ line: item.line, message: item.message });
        }
        if (batch.length >= batchSize) await flush();
      }
      // The first rows parsed are written at once, a batch of their own: the engine starts on them while the
      // parser fills the next batch, instead of waiting idle for a whole first batch (~0.3 s of the DDP file).
      if (!started && batch.length) await flush();
    }
    await flush();
    await writing;
    await finishImportRun(db, runId, "done");
  } catch (e) {
    await writing.catch(() => {});
    await registering.catch(() => {});
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
    const code = detlocOf(f.codes);
    if (code) byDetloc.set(code, f.id);
    for (const k of [f.name, ...f.aliases].flatMap(nameKeys)) {
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
    byId: (id: string) => byId.get(id),
    remove: (id: string) => {
      const f = byId.get(id);
      if (!f) return;
      byId.delete(id);
      for (const [code, fid] of byDetloc) if (fid === id) byDetloc.delete(code);
      for (const ids of byKey.values()) ids.delete(id);
    },
  };
}
type Registry = ReturnType<typeof indexRegistry>;

/**
 * The registry entry an ICE row describes: same DETLOC, or else the one entry with the same name (or alias)
 * in the same state, where a registry entry without a state counts when its DETLOC code ends in that state.
 */
function matchIceRow(reg: Registry, e: IceFacility, byAddress?: Map<string, string>): Registered | undefined {
  return matchIceRowAll(reg, e, byAddress).match;
}

const GENERIC_WORDS = new Set(
  "COUNTY DETENTION CENTER FACILITY CORRECTIONAL JAIL PROCESSING SERVICE CONTRACT REGIONAL PUBLIC SAFETY COMPLEX INSTITUTION FEDERAL DEPARTMENT SHERIFF OFFICE JUSTICE ADULT CITY STATE PRISON HOLD ROOM STAGING ICE IMMIGRATION CUSTOMS ENFORCEMENT AND THE OF".split(
    " ",
  ),
);

/** Whether a name shares a word of four letters or more, other than the words every facility name uses. */
function shareDistinctiveWord(names: readonly string[], name: string): boolean {
  const words = (n: string) =>
    facilityNameKey(n)
      .split(" ")
      .filter((w) => w.length >= 4 && !GENERIC_WORDS.has(w));
  const mine = new Set(words(name));
  return names.some((n) => words(n).some((w) => mine.has(w)));
}

/** Name keys of a facility name: as written, and without a parenthesised part ("… (SAN DIEGO CDF)"). */
function nameKeys(name: string): string[] {
  const bare = name.replace(/\([^)]*\)/g, " ").trim();
  return [...new Set([facilityNameKey(name), ...(bare ? [facilityNameKey(bare)] : [])])];
}

const kindOf = (f: Registered) => (f.kind === "detention_center" || f.kind === "jail" ? "held" : f.kind);

/**
 * The registry entry an ICE row describes (same DETLOC; else the one entry with the same name in the same
 * state; else the entry at the same street address and ZIP, when of the same kind), and, when the name
 * and the address point at two entries of the same place, the second one, to be folded into the first.
 */
function matchIceRowAll(
  reg: Registry,
  e: IceFacility,
  byAddress?: Map<string, string>,
): { match?: Registered; duplicate?: Registered } {
  const byCode = e.detloc ? reg.byDetloc(e.detloc) : undefined;
  let byName: Registered | undefined;
  for (const key of nameKeys(e.name)) {
    const candidates = reg.byKey(key).filter((f) => {
      if (!e.state) return true;
      if (f.state) return f.state.toUpperCase() === e.state;
      const code = detlocOf(f.codes);
      return code !== undefined && code.length === 7 && code.endsWith(e.state);
    });
    if (candidates.length === 1) {
      byName = candidates[0];
      break;
    }
  }
  const at = addressKey(e.address, e.zip);
  const addressId = at ? byAddress?.get(at) : undefined;
  const rowKind = kindOf({ kind: kindFromIceType(e.type, e.name) } as Registered);
  let byPlace = addressId ? reg.byId(addressId) : undefined;
  // An address alone is weak evidence (sheets reuse placeholder addresses): the same place also has the
  // same state, the same kind, and a distinctive word of its name in common ("MOSHANNON", "FARMVILLE").
  if (
    byPlace &&
    (kindOf(byPlace) !== rowKind ||
      (e.state && byPlace.state && byPlace.state.toUpperCase() !== e.state) ||
      !shareDistinctiveWord([byPlace.name, ...byPlace.aliases], e.name))
  )
    byPlace = undefined;
  const match = byCode ?? byName ?? byPlace;
  if (!match) return {};
  const other = [byName, byPlace].find((f) => f && f.id !== match.id);
  const codeA = detlocOf(match.codes);
  const codeB = other ? detlocOf(other.codes) : undefined;
  const duplicate =
    other && kindOf(other) === kindOf(match) && !(codeA && codeB && codeA !== codeB) ? other : undefined;
  return { match, duplicate };
}

/** Of two entries for one place, the one to keep: a curated entry (not created by an importer), else one with a code. */
function preferEntry(a: Registered, b: Registered): [Registered, Registered] {
  const rank = (f: Registered) =>
    (f.id.startsWith(ICE_ID_PREFIX) || f.id.startsWith(DDP_ID_PREFIX) ? 0 : 2) + (detlocOf(f.codes) ? 1 : 0);
  return rank(b) > rank(a) ? [b, a] : [a, b];
}

/** `keep` with what only `gone` knew: its name as an alias, its codes and missing fields. */
function foldEntries(keep: Registered, gone: Registered): Registered {
  const keys = new Set([keep.name, ...keep.aliases].map(facilityNameKey));
  const aliases = [...keep.aliases];
  for (const n of [gone.name, ...gone.aliases])
    if (!keys.has(facilityNameKey(n)) && aliases.length < 30) {
      aliases.push(n);
      keys.add(facilityNameKey(n));
    }
  return {
    ...keep,
    aliases,
    state: keep.state ?? gone.state,
    city: keep.city ?? gone.city,
    operator: keep.operator ?? gone.operator,
    codes: { ...gone.codes, ...keep.codes },
    summary: keep.summary ?? gone.summary,
  };
}

/** A comparison key for a street address with its 5-digit ZIP; undefined without both. */
export function addressKey(address: string | undefined, zip: string | undefined): string | undefined {
  const z = /^\d{5}/.exec((zip ?? "").trim())?.[0];
  const a = address
    ? facilityNameKey(
        address
          .replace(/\b(ROAD)\b/gi, "RD")
          .replace(/\b(STREET)\b/gi, "ST")
          .replace(/\b(DRIVE)\b/gi, "DR")
          .replace(/\b(AVENUE)\b/gi, "AVE")
          .replace(/\b(HIGHWAY)\b/gi, "HWY"),
      )
    : "";
  return a && z ? `${a}|${z}` : undefined;
}

/** Fills what the registry entry lacks from the ICE row; never overwrites what is there. */
function mergeIceRow(f: Registered, e: IceFacility, summary: string | undefined, reg: Registry): Registered {
  const codes = { ...f.codes };
  if (e.detloc && !codes.DETLOC && !reg.hasDetloc(e.detloc)) codes.DETLOC = e.detloc;
  const year = summaryYear(f.summary);
  const newYear = summaryYear(summary);
  const newer = year !== undefined && newYear !== undefined && newYear >= year;
  // ICE redraws its Areas of Responsibility (Harlingen split from San Antonio in FY21): the newest sheet's
  // AOR is the one that names today's field office.
  if (e.aor && (!codes.ICE_AOR || newer)) codes.ICE_AOR = e.aor;
  if (e.type && !codes.ICE_TYPE) codes.ICE_TYPE = e.type.slice(0, 40);
  const aliases = [...f.aliases];
  const keys = new Set([f.name, ...aliases].map(facilityNameKey));
  if (!keys.has(facilityNameKey(e.name)) && aliases.length < 30) aliases.push(e.name);
  const replaceSummary = summary && (!f.summary || newer);
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
  let merged = 0;
  try {
    await inTransaction(db, async (tx) => {
      const all = await listFacilities(tx, { limit: 1_000_000 });
      const reg = indexRegistry(all);
      const places = await findFacilityPlaces(
        tx,
        all.map((f) => f.id),
      );
      const byAddress = new Map<string, string>();
      for (const [id, p] of places) {
        const k = addressKey(p.address, p.zip);
        if (k) byAddress.set(k, id);
      }
      const source = `ICE detention statistics${sheet.fiscalYear ? ` FY${sheet.fiscalYear}` : ""} (${basename(path)})`;
      const touched = new Set<string>();
      // Address and ZIP come from the newest sheet that gives them.
      const placeYear = new Map<string, number>();
      const remember = async (id: string, e: IceFacility) => {
        touched.add(id);
        await addFacilityAliases(tx, id, [{ alias: e.name, key: facilityNameKey(e.name), source }]);
        const year = sheet.fiscalYear ?? 0;
        const stored = places.get(id);
        if ((e.address || e.zip) && (!stored?.zip || year >= (placeYear.get(id) ?? year))) {
          await saveFacilityPlace(tx, id, {
            address: e.address ?? stored?.address,
            zip: e.zip ?? stored?.zip,
          });
          places.set(id, { ...stored, address: e.address ?? stored?.address, zip: e.zip ?? stored?.zip });
          placeYear.set(id, year);
          const k = addressKey(e.address, e.zip);
          if (k) byAddress.set(k, id);
        }
      };
      for (const e of sheet.facilities) {
        const summary = iceSummary(sheet, e);
        const found = matchIceRowAll(reg, e, byAddress);
        let f = found.match;
        if (f && found.duplicate) {
          // Two entries for one place (one found by name, one by address): keep the curated or coded one.
          const [keep, gone] = preferEntry(f, found.duplicate);
          const folded = foldEntries(keep, gone);
          await moveFacilityReferences(tx, keep.id, gone.id);
          await saveFacility(tx, folded);
          const gonePlace = places.get(gone.id);
          if (gonePlace && !places.get(keep.id)?.zip) {
            await saveFacilityPlace(tx, keep.id, { address: gonePlace.address, zip: gonePlace.zip });
            places.set(keep.id, { ...places.get(keep.id), address: gonePlace.address, zip: gonePlace.zip });
          }
          places.delete(gone.id);
          touched.delete(gone.id);
          for (const [k, v] of byAddress) if (v === gone.id) byAddress.set(k, keep.id);
          reg.remove(gone.id);
          reg.add(folded);
          merged++;
          f = folded;
        }
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
          await remember(merged.id, e);
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
        await remember(id, e);
        inserted++;
      }
      await placeFacilities(tx, [...touched]);
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
    facilitiesMerged: merged,
    badCount: sheet.problems.length,
    bad: sheet.problems.slice(0, MAX_LISTED_BAD_ROWS),
  };
}
