// The `habeas` command line: global flags, dispatch to a command, errors as one line and an exit code.
import { type ErrorCode, isAppError } from "../domain/errors.ts";
import { COMMANDS } from "./commands/index.ts";
import { type Ctx, makeCtx } from "./context.ts";
import { type Out, stdout } from "./output.ts";

const EXIT: Record<ErrorCode, number> = {
  BAD_INPUT: 2,
  NOT_FOUND: 3,
  CONFLICT: 4,
  UNAUTHENTICATED: 5,
  FORBIDDEN: 5,
  RATE_LIMITED: 5,
  TOO_LARGE: 2,
  STORE_UNAVAILABLE: 6,
  INTERNAL: 1,
};

/** Every command with its summary: the one place all command modules are loaded. */
async function help(out: Out) {
  const commands = await Promise.all(COMMANDS.map((c) => c.load()));
  const width = Math.max(...commands.map((c) => c.name.length));
  out.write(
    [
      "habeas — keep account of people taken into detention: who, where, what process, what courts ordered.",
      "",
      "Usage: habeas <command> [options]   (global: --db PATH|URL, --json, --help)",
      "",
      ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
      "",
      "Run 'habeas <command> --help' for a command's options.",
    ].join("\n"),
  );
}

/** Splits global flags (anywhere on the line) from the command's own arguments. */
function splitGlobals(argv: string[]) {
  const rest: string[] = [];
  let db: string | undefined;
  let json = false;
  let wantsHelp = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (a === "--db") {
      const v = argv[++i];
      if (!v || v.startsWith("--")) throw Object.assign(new Error("--db needs a path"), { usage: true });
      db = v;
    } else if (a.startsWith("--db=")) db = a.slice(5);
    else if (a === "--json") json = true;
    else if (a === "--help" || a === "-h") wantsHelp = true;
    else rest.push(a);
  }
  return { rest, db, json, wantsHelp };
}

export async function main(argv: string[], out: Out = stdout): Promise<number> {
  let ctx: Ctx | undefined;
  try {
    const g = splitGlobals(argv);
    const o: Out = { ...out, json: g.json };
    // Longest command name that prefixes the arguments: "people show" before "people".
    const words = g.rest;
    const entry = [...COMMANDS]
      .sort((a, b) => b.name.split(" ").length - a.name.split(" ").length)
      .find((c) => c.name.split(" ").every((w, i) => words[i] === w));
    if (!entry) {
      if (!words.length || g.wantsHelp) {
        await help(o);
        return words.length ? 0 : g.wantsHelp ? 0 : 2;
      }
      o.error(`habeas: unknown command '${words.join(" ")}' (see habeas --help)`);
      return 2;
    }
    const cmd = await entry.load();
    if (g.wantsHelp) {
      o.write(`Usage: habeas ${cmd.usage}\n\n${cmd.summary}`);
      return 0;
    }
    ctx = makeCtx(o, g.db);
    return (await cmd.run(ctx, words.slice(cmd.name.split(" ").length))) ?? 0;
  } catch (e) {
    if (isAppError(e)) {
      out.error(`habeas: ${e.message}`);
      for (const p of e.problems.slice(0, 20)) out.error(`  ${p.path}: ${p.message}`);
      if (e.problems.length > 20) out.error(`  … and ${e.problems.length - 20} more`);
      return EXIT[e.code];
    }
    const err = e as Error & { code?: string; usage?: boolean };
    // parseArgs and our own flag errors are usage errors, not crashes.
    if (err.usage || err.code?.startsWith("ERR_PARSE_ARGS")) {
      out.error(`habeas: ${err.message}`);
      return 2;
    }
    out.error(`habeas: internal error: ${err.message ?? String(e)}`);
    if (process.env.HABEAS_DEBUG) out.error(String(err.stack));
    return 1;
  } finally {
    await ctx?.close();
  }
}
