// Reader for the Deportation Data Project's daily population CSV: a stream of validated rows or line problems.
import type { Readable } from "node:stream";
import { type CsvError, type Options, parse } from "csv-parse";
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

type Parsed = { header: string } | DdpItem;

/**
 * Streams a DDP population CSV. The header is checked before the first item is yielded: unknown, missing
 * or repeated columns, or an empty file, throw AppError BAD_INPUT. Every other problem is yielded with its
 * line number, and reading goes on, except that a quoted field left open swallows the rest of the file:
 * it is yielded as one problem naming the lines it took, and past `maxRecordBytes` reading stops with BAD_INPUT.
 * The stream is consumed and closed.
 */
export async function* parseDdp(
  input: Readable,
  opts: { maxRecordBytes?: number } = {},
): AsyncGenerator<DdpItem> {
  const maxRecordBytes = opts.maxRecordBytes ?? 64 * 1024;
  let index: number[] | undefined;
  let headerError: string | undefined;
  // The header is checked inside the parser, which runs ahead of the consumer; a bad one ends the stream.
  const onRecord = (record: string[], line: number): Parsed | null => {
    if (index) return toItem(record, line, index);
    if (headerError) return null;
    const h = checkDdpHeader(record);
    if ("error" in h) headerError = h.error;
    else index = h.index;
    return { header: headerError ?? "" };
  };
  const pending: { line: number; message: string; fatal: boolean }[] = [];
  const options: Options<Parsed | null, string[]> = {
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: maxRecordBytes,
    // Converting inside the parser keeps one object per row and gives each row its own line number.
    on_record: (record, ctx) => onRecord(record, ctx.lines),
  };
  // csv-parse's overloads type records as string[] unless `columns` is set; on_record makes them Parsed.
  const parser = parse(options as unknown as Options);
  parser.on("skip", (err: CsvError & { lines?: number }) => {
    const fatal = err.code === "CSV_MAX_RECORD_SIZE" || err.code === "CSV_QUOTE_NOT_CLOSED";
    pending.push({ line: err.lines ?? parser.info.lines, message: err.message, fatal });
  });
  input.on("error", (e) => parser.destroy(e));
  input.pipe(parser);

  let lastLine = 0;
  // Skip events can arrive before the rows parsed ahead of them are consumed: yield each in line order.
  function* problemsBefore(line: number): Generator<DdpItem> {
    while (pending.length && !pending[0]!.fatal && pending[0]!.line < line) {
      const p = pending.shift()!;
      lastLine = p.line;
      yield { ok: false, line: p.line, message: p.message.replace(/^[^:]*:\s*/, "") };
    }
  }

  try {
    for await (const item of parser as AsyncIterable<Parsed>) {
      if ("header" in item) {
        if (item.header) throw new AppError("BAD_INPUT", `not a DDP daily population file: ${item.header}`);
        continue;
      }
      if (pending.length) yield* problemsBefore(item.line);
      lastLine = item.line;
      yield item;
    }
    yield* problemsBefore(Number.POSITIVE_INFINITY);
    const fatal = pending.find((p) => p.fatal);
    if (fatal) {
      // The parser gives up at an unclosed quote: everything after the last good row was not read.
      const from = lastLine + 1;
      if (fatal.message.startsWith("Max Record Size")) {
        throw new AppError(
          "BAD_INPUT",
          `line ${from}: a quoted field runs on for more than ${maxRecordBytes} bytes (an unbalanced quote); the file is malformed from there on`,
        );
      }
      yield {
        ok: false,
        line: from,
        message: `a quoted field is never closed (the file is truncated or malformed): lines ${from}–${fatal.line} were not read`,
      };
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError("BAD_INPUT", `cannot read the file as CSV: ${(e as Error).message}`);
  } finally {
    input.unpipe(parser);
    parser.destroy();
    input.destroy();
  }
  if (!index) throw new AppError("BAD_INPUT", "the file is empty: it has no header line");
}
