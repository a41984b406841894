// Reader for the Deportation Data Project's daily population CSV: a stream of validated rows or line problems.
import type { Readable } from "node:stream";
import Papa from "papaparse";
import { z } from "zod";
import { AppError } from "../../domain/errors.ts";

/** The header of ddp_facilities_daily_population.csv, in file order. */
export const DDP_COLUMNS = [
  "detention_facility_code",
  "date",
  "n_detained",
  "n_detained_at_midnight",
  "n_detained_male",
  "n_detained_female",
  "n_detained_convicted_criminal",
  "n_detained_possibly_under_18",
  "detention_facility",
] as const;
type DdpColumn = (typeof DDP_COLUMNS)[number];

const CODE = /^[A-Z0-9][A-Z0-9_-]{0,19}$/;
const COUNT = /^\d{1,9}$/;
const OPTIONAL_COUNT = /^(\d{1,9})?$/;
const DATE = z.regexes.date;

export const FacilityCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(CODE, "is not a facility code (1–20 letters or digits)");
const Count = z.string().regex(COUNT, "is not a whole number");
const OptionalCount = z.string().regex(OPTIONAL_COUNT, "is not a whole number");

/** One row as it appears in the file (every field text), checked field by field. */
export const DdpRecordSchema = z.object({
  detention_facility_code: FacilityCodeSchema,
  date: z.string().regex(DATE, "is not a date (YYYY-MM-DD)"),
  n_detained: Count,
  n_detained_at_midnight: OptionalCount,
  n_detained_male: OptionalCount,
  n_detained_female: OptionalCount,
  n_detained_convicted_criminal: OptionalCount,
  n_detained_possibly_under_18: OptionalCount,
  detention_facility: z.string().trim().max(300, "is longer than 300 characters"),
});
type DdpRecord = z.infer<typeof DdpRecordSchema>;

/** A row ready for the store: the table's column names, counts as numbers, blanks as null. */
export type DdpRow = {
  facility_code: string;
  date: string;
  n_detained: number;
  n_detained_at_midnight: number | null;
  n_male: number | null;
  n_female: number | null;
  n_convicted_criminal: number | null;
  n_possibly_under_18: number | null;
  facility_name: string | null;
};
export type LineProblem = { line: number; message: string };
export type DdpItem = ({ ok: true; row: DdpRow } | { ok: false; message: string }) & { line: number };

const opt = (v: string): number | null => (v === "" ? null : Number(v));

function toRow(r: DdpRecord): DdpRow {
  return {
    facility_code: r.detention_facility_code,
    date: r.date,
    n_detained: Number(r.n_detained),
    n_detained_at_midnight: opt(r.n_detained_at_midnight),
    n_male: opt(r.n_detained_male),
    n_female: opt(r.n_detained_female),
    n_convicted_criminal: opt(r.n_detained_convicted_criminal),
    n_possibly_under_18: opt(r.n_detained_possibly_under_18),
    facility_name: r.detention_facility || null,
  };
}

// Nearly every row is clean: it is accepted when each field already is what DdpRecordSchema would output
// (same patterns, nothing to trim or upper-case), so zod runs only on the rest and words their problems.
// Zod stays the definition; this only skips work it would do without changing anything.
function isClean(r: DdpRecord): boolean {
  const name = r.detention_facility;
  return (
    CODE.test(r.detention_facility_code) &&
    DATE.test(r.date) &&
    COUNT.test(r.n_detained) &&
    OPTIONAL_COUNT.test(r.n_detained_at_midnight) &&
    OPTIONAL_COUNT.test(r.n_detained_male) &&
    OPTIONAL_COUNT.test(r.n_detained_female) &&
    OPTIONAL_COUNT.test(r.n_detained_convicted_criminal) &&
    OPTIONAL_COUNT.test(r.n_detained_possibly_under_18) &&
    name.length <= 300 &&
    name === name.trim()
  );
}

function toItem(record: string[], line: number, index: readonly number[]): DdpItem {
  if (record.length !== DDP_COLUMNS.length) {
    const message =
      record.length < DDP_COLUMNS.length
        ? `has ${record.length} of ${DDP_COLUMNS.length} fields (a truncated line?)`
        : `has ${record.length} fields, expected ${DDP_COLUMNS.length}`;
    return { ok: false, line, message };
  }
  const raw: DdpRecord = {
    detention_facility_code: record[index[0]!]!,
    date: record[index[1]!]!,
    n_detained: record[index[2]!]!,
    n_detained_at_midnight: record[index[3]!]!,
    n_detained_male: record[index[4]!]!,
    n_detained_female: record[index[5]!]!,
    n_detained_convicted_criminal: record[index[6]!]!,
    n_detained_possibly_under_18: record[index[7]!]!,
    detention_facility: record[index[8]!]!,
  };
  if (isClean(raw)) return { ok: true, line, row: toRow(raw) };
  for (const k of Object.keys(raw) as DdpColumn[]) if (k !== "detention_facility") raw[k] = raw[k].trim();
  const parsed = DdpRecordSchema.safeParse(raw);
  if (parsed.success) return { ok: true, line, row: toRow(parsed.data) };
  const message = parsed.error.issues
    .map((i) => {
      const field = String(i.path[0] ?? "row") as DdpColumn;
      return `${field} ${JSON.stringify((raw[field] ?? "").slice(0, 40))} ${i.message}`;
    })
    .join("; ");
  return { ok: false, line, message };
}

/** Maps header cells to DDP columns, or says in one line what is wrong with the header. */
export function checkDdpHeader(cells: readonly string[]): { index: number[] } | { error: string } {
  const names = cells.map((c) => c.trim().toLowerCase());
  const unknown = names.filter((n) => !(DDP_COLUMNS as readonly string[]).includes(n));
  const missing = DDP_COLUMNS.filter((c) => !names.includes(c));
  const repeated = [...new Set(names.filter((n, i) => names.indexOf(n) !== i && !unknown.includes(n)))];
  const list = (xs: readonly string[]) =>
    xs.length > 4
      ? `${xs
          .slice(0, 4)
          .map((x) => JSON.stringify(x))
          .join(", ")} and ${xs.length - 4} more`
      : xs.map((x) => JSON.stringify(x)).join(", ");
  if (unknown.length || missing.length || repeated.length) {
    const parts = [
      unknown.length ? `unknown column(s) ${list(unknown)}` : "",
      missing.length ? `missing column(s) ${list(missing)}` : "",
      repeated.length ? `repeated column(s) ${list(repeated)}` : "",
    ].filter(Boolean);
    return { error: `${parts.join("; ")} (expected the header ${DDP_COLUMNS.join(",")})` };
  }
  return { index: DDP_COLUMNS.map((c) => names.indexOf(c)) };
}

/** Lines a row of fields takes: one, and one more for each line break inside a quoted field. */
function linesOf(fields: readonly string[], breakChar: string): number {
  let n = 1;
  for (const f of fields)
    for (let at = f.indexOf(breakChar); at !== -1; at = f.indexOf(breakChar, at + 1)) n++;
  return n;
}

/** How many times `ch` occurs in text[start, end). */
function countOf(text: string, ch: string, start: number, end: number): number {
  let n = 0;
  for (let at = text.indexOf(ch, start); at !== -1 && at < end; at = text.indexOf(ch, at + 1)) n++;
  return n;
}

/** The file's line break as its first one is spelled (\r\n, \n or a lone \r), or undefined if none is seen yet. */
function lineBreakOf(text: string): "\r\n" | "\n" | "\r" | undefined {
  const lf = text.indexOf("\n");
  const cr = text.indexOf("\r");
  if (lf === -1) return cr === -1 || cr === text.length - 1 ? undefined : "\r";
  if (cr === -1 || cr > lf) return "\n";
  return cr === lf - 1 ? "\r\n" : "\r";
}

/**
 * Streams a DDP population CSV, a batch of items (the rows one piece of the file completed) at a time. The
 * header is checked before the first item is yielded: unknown, missing or repeated columns, or an empty file,
 * throw AppError BAD_INPUT. Every other problem is yielded with its line number, and reading goes on, except
 * that a quoted field left open swallows the rest of the file: at the end of the file it is yielded as one
 * problem naming the lines it took, and past `maxRecordBytes` (characters) reading stops with BAD_INPUT.
 * The CSV itself is read by PapaParse (about four times faster than csv-parse on this file, which is most of
 * an import's parsing). The stream is consumed and closed.
 */
export async function* parseDdpBatches(
  input: Readable,
  opts: { maxRecordBytes?: number } = {},
): AsyncGenerator<DdpItem[]> {
  const maxRecordBytes = opts.maxRecordBytes ?? 64 * 1024;
  // Decodes UTF-8 across pieces and drops a byte-order mark.
  const decoder = new TextDecoder("utf-8");
  let parser: Papa.Parser | undefined;
  let newline: "\r\n" | "\n" | "\r" = "\n";
  let breakChar = "\n";
  let pending = "";
  /** The line the next row starts on. */
  let line = 1;
  let index: number[] | undefined;
  /** Set when a row runs on past the limit: thrown once the items before it are passed on. */
  let fatal: AppError | undefined;

  /** The items of the rows `text` completes (all of them at the end of the file); the rest is kept. */
  const take = (text: string, end: boolean): DdpItem[] => {
    if (!parser) {
      const lineBreak = lineBreakOf(text);
      if (!lineBreak && !end) return keep(text, []);
      newline = lineBreak ?? "\n";
      breakChar = lineBreak === "\r" ? "\r" : "\n";
      parser = new Papa.Parser({ delimiter: ",", newline, quoteChar: '"' });
    }
    const items: DdpItem[] = [];
    for (let from = 0; ; ) {
      const part = from ? text.slice(from) : text;
      const result = parser.parse(part, 0, !end) as Papa.ParseResult<string[]>;
      const stray = result.errors.find((e) => e.code === "InvalidQuotes");
      if (!stray) {
        const missing = result.errors.find((e) => e.code === "MissingQuotes")?.row;
        rowsToItems(part, result.data, result.meta.cursor, end, missing, items);
        return keep(end ? "" : part.slice(result.meta.cursor), items);
      }
      // A quoted field closed and then went on ("A"x): that row alone is a problem, up to the line break
      // after the stray quote; reading resumes on the next line (PapaParse would look for another quote).
      const before = part.lastIndexOf(newline, stray.index);
      const rowStart = before === -1 ? 0 : before + newline.length;
      let quote = part.indexOf('"', stray.index);
      while (quote !== -1 && part[quote + 1] === '"') quote = part.indexOf('"', quote + 2);
      const lineEnd = quote === -1 ? -1 : part.indexOf(newline, quote);
      rowsToItems(part, result.data.slice(0, stray.row), rowStart, false, undefined, items);
      if (lineEnd === -1 && !end) return keep(part.slice(rowStart), items);
      const rest = lineEnd === -1 ? part.length : lineEnd + newline.length;
      if (!index)
        throw new AppError("BAD_INPUT", "not a DDP daily population file: its header has a stray quote");
      items.push({
        ok: false,
        line,
        message: "a quoted field goes on after its closing quote (quotes inside a field must be doubled)",
      });
      line += countOf(part, breakChar, rowStart, rest) + (lineEnd === -1 ? 1 : 0);
      from += rest;
      if (from >= text.length) return keep("", items);
    }
  };
  /** Each row as an item (the header checked, empty lines skipped), line numbers counted on. */
  const rowsToItems = (
    text: string,
    rows: string[][],
    cursor: number,
    end: boolean,
    missing: number | undefined,
    items: DdpItem[],
  ) => {
    // Each row ends with one line break but the last at the end of the file; any more are inside quotes.
    const plain = countOf(text, breakChar, 0, cursor) === (end ? rows.length - 1 : rows.length);
    for (let i = 0; i < rows.length && !fatal; i++) {
      const fields = rows[i]!;
      const at = line;
      line += plain ? 1 : linesOf(fields, breakChar);
      if (i === missing) {
        // Only at the end of the file: the open quote took every line after it.
        if (fields.reduce((n, f) => n + f.length + 1, 0) > maxRecordBytes) fatal = runsOn(at);
        else
          items.push({
            ok: false,
            line: at,
            message: `a quoted field is never closed (the file is truncated or malformed): lines ${at}–${Math.max(at, line - 1 - (text.endsWith(breakChar) ? 1 : 0))} were not read`,
          });
        continue;
      }
      if (fields.length === 1 && fields[0] === "") continue; // an empty line
      if (!index) {
        const h = checkDdpHeader(fields);
        if ("error" in h) throw new AppError("BAD_INPUT", `not a DDP daily population file: ${h.error}`);
        index = h.index;
        continue;
      }
      items.push(toItem(fields, at, index));
    }
  };
  /** Keeps the start of a row still open, which must not run on past the limit. */
  const keep = (rest: string, items: DdpItem[]): DdpItem[] => {
    pending = rest;
    if (pending.length > maxRecordBytes && !fatal)
      fatal = pending.includes('"')
        ? runsOn(line)
        : new AppError(
            "BAD_INPUT",
            `line ${line} is longer than ${maxRecordBytes} bytes: not a DDP daily population file`,
          );
    return items;
  };
  const runsOn = (at: number) =>
    new AppError(
      "BAD_INPUT",
      `line ${at}: a quoted field runs on for more than ${maxRecordBytes} bytes (an unbalanced quote); the file is malformed from there on`,
    );

  try {
    for await (const piece of input as AsyncIterable<Buffer>) {
      const items = take(pending + decoder.decode(piece, { stream: true }), false);
      if (items.length) yield items;
      if (fatal) throw fatal;
    }
    const items = take(pending + decoder.decode(), true);
    if (items.length) yield items;
    if (fatal) throw fatal;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError("BAD_INPUT", `cannot read the file as CSV: ${(e as Error).message}`);
  } finally {
    input.destroy();
  }
  if (!index) throw new AppError("BAD_INPUT", "the file is empty: it has no header line");
}

/** parseDdpBatches an item at a time. */
export async function* parseDdp(
  input: Readable,
  opts: { maxRecordBytes?: number } = {},
): AsyncGenerator<DdpItem> {
  for await (const items of parseDdpBatches(input, opts)) yield* items;
}
