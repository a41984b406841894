// Items of a DDP file column by column, as ddp-worker.ts passes them to the importer's thread: a few arrays
// per chunk instead of an object per row (structured cloning 10,000 row objects costs ~9 ms, their columns ~2).
import type { DdpItem } from "./ddp.ts";

export type DdpChunk = {
  /** Line of each item, in file order. */
  lines: number[];
  /** Per item: index into the row columns (≥ 0), or -1 - index into `problems`. */
  at: number[];
  codes: string[];
  dates: string[];
  /** The six counts of each row, row after row; NaN for a blank. */
  counts: number[];
  names: (string | null)[];
  problems: string[];
  /** Bytes of the file read so far. */
  bytes: number;
};

export const emptyChunk = (): DdpChunk => ({
  lines: [],
  at: [],
  codes: [],
  dates: [],
  counts: [],
  names: [],
  problems: [],
  bytes: 0,
});

/** The six counts of a row, in the order pushItem writes them and itemsOf reads them. */
const COUNTS_PER_ROW = 6;

export function pushItem(c: DdpChunk, item: DdpItem): void {
  c.lines.push(item.line);
  if (!item.ok) {
    c.at.push(-1 - c.problems.length);
    c.problems.push(item.message);
    return;
  }
  const r = item.row;
  c.at.push(c.codes.length);
  c.codes.push(r.facility_code);
  c.dates.push(r.date);
  c.counts.push(
    r.n_detained,
    r.n_detained_at_midnight ?? Number.NaN,
    r.n_male ?? Number.NaN,
    r.n_female ?? Number.NaN,
    r.n_convicted_criminal ?? Number.NaN,
    r.n_possibly_under_18 ?? Number.NaN,
  );
  c.names.push(r.facility_name);
}

const count = (v: number): number | null => (Number.isNaN(v) ? null : v);

/** The chunk's items again, in file order. */
export function* itemsOf(c: DdpChunk): Generator<DdpItem> {
  for (let i = 0; i < c.lines.length; i++) {
    const at = c.at[i]!;
    const line = c.lines[i]!;
    if (at < 0) {
      yield { ok: false, line, message: c.problems[-1 - at]! };
      continue;
    }
    const n = at * COUNTS_PER_ROW;
    yield {
      ok: true,
      line,
      row: {
        facility_code: c.codes[at]!,
        date: c.dates[at]!,
        n_detained: c.counts[n]!,
        n_detained_at_midnight: count(c.counts[n + 1]!),
        n_male: count(c.counts[n + 2]!),
        n_female: count(c.counts[n + 3]!),
        n_convicted_criminal: count(c.counts[n + 4]!),
        n_possibly_under_18: count(c.counts[n + 5]!),
        facility_name: c.names[at]!,
      },
    };
  }
}
