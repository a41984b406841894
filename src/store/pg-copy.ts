// Rows streamed into PostgreSQL through `COPY … FROM STDIN` (text format): the one place that spells values
// as COPY reads them. COPY loads rows several times faster than INSERTs of bound values (docs/BENCHMARKS.md),
// and streaming lets this process make the next rows while the server stores the last ones.
import { once } from "node:events";
import { finished } from "node:stream/promises";
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

const CHUNK_CHARS = 65_536;

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
  // Written straight to the stream in chunks of about 64 KB, waiting only when its buffer is full (a Readable
  // over a generator cost a promise and a stream turn per chunk: ~0.2 s of the DDP import's main thread).
  const failed = once(sink, "error").then(([e]) => {
    throw e;
  });
  failed.catch(() => {});
  let chunk = "";
  try {
    for await (const page of Symbol.asyncIterator in rows ? rows : [rows])
      for (const r of page) {
        for (let i = 0; i < columns.length; i++) {
          if (i) chunk += "\t";
          chunk += copyText(r[columns[i]!] as CopyValue);
        }
        chunk += "\n";
        if (chunk.length >= CHUNK_CHARS) {
          if (!sink.write(chunk)) await Promise.race([once(sink, "drain"), failed]);
          chunk = "";
        }
      }
  } catch (e) {
    // Rows that fail to come (a page read that throws) end the COPY with an error, not a half-loaded table.
    sink.destroy(e as Error);
    await finished(sink).catch(() => {});
    throw e;
  }
  sink.end(chunk);
  await finished(sink);
  return Number(sink.rowCount);
}
