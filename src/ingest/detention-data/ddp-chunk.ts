// Items of a DDP file column by column, as ddp-worker.ts passes them to the importer's thread: a few typed
// arrays (moved between threads, not copied) and a few strings per chunk instead of an object per row. The
// file runs facility by facility, so a chunk's codes and names are each kept once, with an index per row.
import type { DdpItem } from "./ddp.ts";

export type DdpChunk = {
  /** Line of each item, in file order. */
  lines: Float64Array;
  /** Per item: index into the row columns (≥ 0), or -1 - index into `problems`. */
  at: Int32Array;
  /** Per row: index into `codeList`, and into `nameList`. */
  code: Int32Array;
  codeList: string[];
  name: Int32Array;
  nameList: (string | null)[];
  /** The rows' dates, joined by newlines (a date has none: ddp.ts checks its form). */
  dates: string;
  /** The six counts of each row, row after row; NaN for a blank. */
  counts: Float64Array;
  problems: string[];
  /** Bytes of the file read so far. */
  bytes: number;
};

/** The six counts of a row, in the order ChunkBuilder writes them and itemsOf reads them. */
const COUNTS_PER_ROW = 6;

/** Collects items into a chunk (in the parsing thread). */
export class ChunkBuilder {
  private lines: number[] = [];
  private at: number[] = [];
  private code: number[] = [];
  private codes = new Map<string, number>();
  private name: number[] = [];
  private names = new Map<string | null, number>();
  private dates: string[] = [];
  private counts: number[] = [];
  private problems: string[] = [];

  get size(): number {
    return this.lines.length;
  }

  push(item: DdpItem): void {
    this.lines.push(item.line);
    if (!item.ok) {
      this.at.push(-1 - this.problems.length);
      this.problems.push(item.message);
      return;
    }
    const r = item.row;
    this.at.push(this.dates.length);
    this.code.push(indexOf(this.codes, r.facility_code));
    this.name.push(indexOf(this.names, r.facility_name));
    this.dates.push(r.date);
    this.counts.push(
      r.n_detained,
      r.n_detained_at_midnight ?? Number.NaN,
      r.n_male ?? Number.NaN,
      r.n_female ?? Number.NaN,
      r.n_convicted_criminal ?? Number.NaN,
      r.n_possibly_under_18 ?? Number.NaN,
    );
  }

  /** The chunk, and the buffers to move to the other thread with it. */
  build(bytes: number): { chunk: DdpChunk; transfer: ArrayBuffer[] } {
    const chunk: DdpChunk = {
      lines: Float64Array.from(this.lines),
      at: Int32Array.from(this.at),
      code: Int32Array.from(this.code),
      codeList: [...this.codes.keys()],
      name: Int32Array.from(this.name),
      nameList: [...this.names.keys()],
      dates: this.dates.join("\n"),
      counts: Float64Array.from(this.counts),
      problems: this.problems,
      bytes,
    };
    const transfer = [chunk.lines, chunk.at, chunk.code, chunk.name, chunk.counts].map(
      (a) => a.buffer as ArrayBuffer,
    );
    return { chunk, transfer };
  }
}

function indexOf<K>(m: Map<K, number>, k: K): number {
  let i = m.get(k);
  if (i === undefined) {
    i = m.size;
    m.set(k, i);
  }
  return i;
}

const count = (v: number): number | null => (Number.isNaN(v) ? null : v);

/** The chunk's items again, in file order. */
export function itemsOf(c: DdpChunk): DdpItem[] {
  const dates = c.dates ? c.dates.split("\n") : [];
  const out: DdpItem[] = new Array(c.lines.length);
  for (let i = 0; i < c.lines.length; i++) {
    const at = c.at[i]!;
    const line = c.lines[i]!;
    if (at < 0) {
      out[i] = { ok: false, line, message: c.problems[-1 - at]! };
      continue;
    }
    const n = at * COUNTS_PER_ROW;
    out[i] = {
      ok: true,
      line,
      row: {
        facility_code: c.codeList[c.code[at]!]!,
        date: dates[at]!,
        n_detained: c.counts[n]!,
        n_detained_at_midnight: count(c.counts[n + 1]!),
        n_male: count(c.counts[n + 2]!),
        n_female: count(c.counts[n + 3]!),
        n_convicted_criminal: count(c.counts[n + 4]!),
        n_possibly_under_18: count(c.counts[n + 5]!),
        facility_name: c.nameList[c.name[at]!]!,
      },
    };
  }
  return out;
}
