// Runs the `habeas` command in this process (main() with captured output), as the CLI tests use it:
// the same parsing, dispatch, exit codes and one-line errors as bin/habeas.js, without a Node start-up each.
import { Readable } from "node:stream";
import { main } from "../src/cli/main.ts";

export type CliResult = { code: number; out: string; err: string };

/** `habeas ...args`, with `input` piped on stdin (like spawnSync's `input`); stdin is no terminal. */
export async function runCli(args: string[], input?: string): Promise<CliResult> {
  let out = "";
  let err = "";
  const stdin = Readable.from(input === undefined ? [] : [Buffer.from(input)]) as Readable & {
    isTTY?: boolean;
  };
  const code = await main(args, {
    json: false,
    write: (s) => {
      out += s.endsWith("\n") ? s : `${s}\n`;
    },
    error: (s) => {
      err += s.endsWith("\n") ? s : `${s}\n`;
    },
    stdin,
  });
  return { code, out, err };
}
