// `habeas db copy --to URL|PATH`: copies the whole database (e.g. SQLite to PostgreSQL) and verifies counts.
import { badInput } from "../../domain/errors.ts";
import { args, type Command } from "../context.ts";
import { printJson, printTable } from "../output.ts";

export const dbCopy: Command = {
  name: "db copy",
  summary: "copy the whole database to another one (SQLite → PostgreSQL), verifying row counts",
  usage: "db copy --to postgres://…|PATH [--force] [--db PATH]",
  async run(ctx, argv) {
    const { loadConfig } = await import("../../config.ts");
    const { copyStore } = await import("../../services/copy-store.ts");
    const { openStore } = await import("../../services/store.ts");
    const { values, positionals } = args(argv, {
      to: { type: "string" },
      force: { type: "boolean", default: false },
    });
    if (positionals.length) throw badInput(`unexpected argument: ${positionals[0]}`);
    if (!values.to) throw badInput("--to is required: a postgres:// URL or a SQLite file path");
    const source = await ctx.store();
    const to = loadConfig({}, { db: values.to }).store;
    const from = loadConfig(process.env, { db: ctx.db }).store;
    if (JSON.stringify(to) === JSON.stringify(from)) throw badInput("--to names the database being copied");
    // The target keeps the source's key: sealed fields are copied as they are.
    const target = await openStore(to, { keys: source.keyConfig });
    try {
      let last = "";
      const r = await copyStore(source.db, target.db, {
        force: values.force,
        onProgress: (table, done, total) => {
          if (ctx.out.json || !process.stderr.isTTY) return;
          const line = `copying ${table}: ${done}/${total}`;
          if (line !== last) process.stderr.write(`\r${line}\x1b[K`);
          last = line;
        },
      });
      if (last) process.stderr.write("\r\x1b[K");
      const keyFile = source.keyConfig.file;
      const keyNote = source.keyConfig.key
        ? "restricted fields stay sealed with HABEAS_KEY: keep the same HABEAS_KEY for the copy"
        : `restricted fields stay sealed with ${source.keys.describe}: run habeas on the copy with HABEAS_KEY_FILE=${keyFile}`;
      if (ctx.out.json) {
        printJson(ctx.out, { from: source.describe, to: target.describe, ...r, key: source.keys.describe });
        return 0;
      }
      printTable(
        ctx.out,
        ["table", "rows"],
        r.tables.filter((t) => t.rows > 0).map((t) => [t.name, t.rows]),
      );
      ctx.out.write(
        `habeas: copied ${r.rows} rows from ${source.describe} to ${target.describe} in ${r.seconds.toFixed(1)} s; counts verified`,
      );
      if (r.skipped.length) ctx.out.write(`habeas: the target has no tables for: ${r.skipped.join(", ")}`);
      ctx.out.write(`habeas: ${keyNote}`);
      return 0;
    } finally {
      await target.close();
    }
  },
};
