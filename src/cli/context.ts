// What every CLI command gets: parsed global flags, output, and a lazily opened store.
import { parseArgs } from "node:util";
import { badInput } from "../domain/errors.ts";
import type { Store } from "../services/store.ts";
import type { Out } from "./output.ts";

export type Ctx = {
  out: Out;
  db?: string;
  /**
   * Opens (and migrates) the configured store once; closed by main when the command ends. `readers`: reader
   * threads for a server's SQLite reads (store/sqlite-readers.ts); the first call's options hold.
   */
  store: (opts?: { readers?: number }) => Promise<Store>;
  close: () => Promise<void>;
};

export function makeCtx(out: Out, db: string | undefined): Ctx {
  let opened: Promise<Store> | undefined;
  return {
    out,
    db,
    store: (opts = {}) => {
      // Loaded here, not at start-up: `--help` and bad arguments never pay for the engine.
      opened ??= Promise.all([import("../config.ts"), import("../services/store.ts")]).then(
        ([{ loadConfig }, { openStore }]) => {
          const config = loadConfig(process.env, { db });
          // Only the default location is created on demand; an explicit --db must name an existing folder.
          return openStore(config.store, {
            createDir: db === undefined && !process.env.HABEAS_DB,
            keys: config.keys,
            readers: opts.readers,
          });
        },
      );
      return opened;
    },
    close: async () => {
      if (opened) await (await opened.catch(() => undefined))?.close();
    },
  };
}

export type Command = {
  name: string;
  summary: string;
  usage: string;
  run: (ctx: Ctx, argv: string[]) => Promise<number | undefined>;
};

/** parseArgs with habeas' conventions: strict, positionals allowed. */
export function args<T extends NonNullable<Parameters<typeof parseArgs>[0]>["options"]>(
  argv: string[],
  options: T,
) {
  return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
}

/** `--limit N` of a list that otherwise shows everything: a whole number ≥ 1, or none given. */
export function limitOf(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw badInput("--limit must be a whole number ≥ 1");
  return n;
}

/** The options of a paged list: `--limit N` (1–10000, 100 by default) and `--offset N`. */
export const PAGE_OPTIONS = {
  limit: { type: "string", default: "100" },
  offset: { type: "string", default: "0" },
} as const;

/** `--limit` and `--offset` of a paged list (PAGE_OPTIONS), checked. */
export function pageOf(values: { limit?: string; offset?: string }): { limit: number; offset: number } {
  const limit = Number(values.limit ?? "100");
  const offset = Number(values.offset ?? "0");
  if (!Number.isInteger(limit) || limit < 1 || limit > 10000)
    throw badInput("--limit must be a whole number from 1 to 10000");
  if (!Number.isInteger(offset) || offset < 0) throw badInput("--offset must be a whole number ≥ 0");
  return { limit, offset };
}
