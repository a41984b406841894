// Reading a password for the CLI: from stdin with --password-stdin (for scripts), or typed at a prompt with
// echo off. Never from the command line, where it would land in shell history and the process list.
import { badInput } from "../domain/errors.ts";

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(String(c)));
  return Buffer.concat(chunks).toString("utf8");
}

function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  return new Promise((resolve, reject) => {
    let value = "";
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding("utf8");
    const done = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off("data", onData);
      process.stderr.write("\n");
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") return done();
        if (ch === "\u0003" || ch === "\u0004") return done(badInput("cancelled"));
        if (ch === "\u007f" || ch === "\b") value = value.slice(0, -1);
        else if (ch >= " ") value += ch;
      }
    };
    stdin.on("data", onData);
  });
}

/** A new password: stdin (first line) with --password-stdin, else typed twice at a terminal. */
export async function readNewPassword(
  fromStdin: boolean,
  input: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin,
): Promise<string> {
  if (fromStdin) {
    const text = await readAll(input);
    const pw = text.replace(/\r?\n$/, "");
    if (!pw) throw badInput("no password on stdin");
    if (pw.includes("\n")) throw badInput("give the password as one line on stdin");
    return pw;
  }
  if (input !== process.stdin || !process.stdin.isTTY)
    throw badInput(
      "type the password at a terminal, or pipe it in with --password-stdin (never as an argument)",
    );
  const a = await promptHidden("New password (at least 12 characters): ");
  const b = await promptHidden("Again: ");
  if (a !== b) throw badInput("the passwords do not match");
  return a;
}
