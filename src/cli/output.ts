// Printing for the CLI: readable tables by default, JSON with --json, one-line errors.
import Table from "cli-table3";

export type Out = { json: boolean; write: (s: string) => void; error: (s: string) => void };

export const stdout: Out = {
  json: false,
  write: (s) => process.stdout.write(s.endsWith("\n") ? s : `${s}\n`),
  error: (s) => process.stderr.write(s.endsWith("\n") ? s : `${s}\n`),
};

export function printJson(out: Out, value: unknown) {
  out.write(JSON.stringify(value, null, 2));
}

export function printTable(out: Out, head: string[], rows: (string | number | undefined | null)[][]) {
  const t = new Table({ head, style: { head: [], border: [] }, wordWrap: true });
  for (const r of rows) t.push(r.map((c) => (c === undefined || c === null ? "" : String(c))));
  out.write(t.toString());
}
