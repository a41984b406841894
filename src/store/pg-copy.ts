// Rows streamed into PostgreSQL through `COPY … FROM STDIN` (text format): the one place that spells values
// as COPY reads them. COPY loads rows several times faster than INSERTs of bound values (docs/BENCHMARKS.md),
// and streaming lets this process make the next rows while the server stores the last ones.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ClientBase } from "pg";

export type CopyValue = string | number | null | Uint8Array;

const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** A value as COPY's text format spells it: \N for NULL; backslash, tab, newline and return escaped; bytes as hex. */
export function copyText(v: CopyValue | undefined): string {
  if (v === null || v === undefined) return "\\N";
  if (typeof v === "number") return String(v);
  if (typeof v !== "string")
    return `\\\\x${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("hex")}`;
  return /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : v;
}

/** Pages of rows as COPY text, in chunks of about 64 KB. */
async function* chunks<R>(
  pages: Iterable<readonly R[]> | AsyncIterable<readonly R[]>,
  columns: readonly (keyof R & string)[],
): AsyncGenerator<string> {
  let chunk = "";
  for await (const page of pages)
    for (const r of page) {
      for (let i = 0; i < columns.length; i++) {
        if (i) chunk += "\t";
        chunk += copyText(r[columns[i]!] as CopyValue);
      }
      chunk += "\n";
      if (chunk.length >= 65_536) {
        yield chunk;
        chunk = "";
      }
    }
  if (chunk) yield chunk;
}

/**
 * Streams rows into `table`'s `columns` with one `COPY … FROM STDIN` on `client` (in whatever transaction it
 * is in). Rows are an array, or pages read as they are written; returns the number of rows the server took.
 */
export async function copyRows<R>(
  client: ClientBase,
  table: string,
  columns: readonly (keyof R & string)[],
  rows: readonly R[] | AsyncIterable<readonly R[]>,
): Promise<number> {
  // Loaded by the first COPY, not by every process that opens a PostgreSQL store.
  const { from: copyFrom } = await import("pg-copy-streams");
  const statement = `COPY ${client.escapeIdentifier(table)} (${columns.map((c) => client.escapeIdentifier(c)).join(", ")}) FROM STDIN`;
  const sink = client.query(copyFrom(statement));
  await pipeline(Readable.from(chunks(Symbol.asyncIterator in rows ? rows : [rows], columns)), sink);
  return Number(sink.rowCount);
}
