// Printing for the CLI: readable tables by default, JSON with --json, one-line errors.
import { createRequire } from "node:module";
import type TableType from "cli-table3";

// Loaded on the first table: `--json` and `--help` never pay for it.
const require = createRequire(import.meta.url);

export type Out = {
  json: boolean;
  write: (s: string) => void;
  error: (s: string) => void;
  /** Where a command reads piped input (a password); the process' stdin unless a caller (a test) gives one. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
};

// A reader that stops early (`habeas … | head`, quitting a pager) closes the pipe: the rest of the output is
// dropped, and the command itself runs to its end and exits as it would have, with no stack trace.
let readerGone = false;
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code !== "EPIPE") throw e;
  readerGone = true;
});

export const stdout: Out = {
  json: false,
  write: (s) => {
    if (!readerGone) process.stdout.write(s.endsWith("\n") ? s : `${s}\n`);
  },
  error: (s) => process.stderr.write(s.endsWith("\n") ? s : `${s}\n`),
};

export function printJson(out: Out, value: unknown) {
  out.write(JSON.stringify(value, null, 2));
}

/** A table that fits the terminal (or 120 columns when not a terminal): long cells wrap. */
export function printTable(out: Out, head: string[], rows: (string | number | undefined | null)[][]) {
  const cells = rows.map((r) => r.map((c) => (c === undefined || c === null ? "" : String(c))));
  const width = Math.max(60, process.stdout.columns || 120);
  const natural = head.map(
    (h, i) =>
      Math.max(h.length, ...cells.map((r) => Math.max(...(r[i] ?? "").split("\n").map((l) => l.length)))) + 2,
  );
  const budget = width - head.length - 1;
  let colWidths = natural;
  if (natural.reduce((a, b) => a + b, 0) > budget) {
    // Shrink the widest columns first, keeping short ones (ids, dates) whole.
    colWidths = [...natural];
    while (colWidths.reduce((a, b) => a + b, 0) > budget) {
      const i = colWidths.indexOf(Math.max(...colWidths));
      if ((colWidths[i] ?? 0) <= 12) break;
      colWidths[i] = (colWidths[i] ?? 0) - 1;
    }
  }
  const Table = require("cli-table3") as typeof TableType;
  const t = new Table({ head, colWidths, style: { head: [], border: [] }, wordWrap: true });
  for (const r of cells) t.push(r);
  out.write(t.toString());
}

/** Search results: JSON as they are, "no match", or a table of one row each. */
export function printMatches<T>(
  out: Out,
  hits: readonly T[],
  head: string[],
  row: (hit: T) => (string | number | undefined | null)[],
) {
  if (out.json) printJson(out, hits);
  else if (!hits.length) out.write("no match");
  else printTable(out, head, hits.map(row));
}

/**
 * What a paged list printed and how to go on: "101–200 of 1,833 orders; the next with --offset 200" (nothing
 * when it was the whole list), or, for an empty page, why it is empty (`none`: nothing recorded at all).
 */
export function printPageFooter(
  out: Out,
  page: { offset: number; shown: number; total: number },
  noun: string,
  none: string,
) {
  const { offset, shown, total } = page;
  const n = (x: number) => x.toLocaleString("en");
  if (!shown) out.write(total ? `no ${noun} past --offset ${offset} (there are ${n(total)})` : none);
  else if (shown < total)
    out.write(
      `${n(offset + 1)}–${n(offset + shown)} of ${n(total)} ${noun}${offset + shown < total ? `; the next with --offset ${offset + shown}` : ""}`,
    );
}
