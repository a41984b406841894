// Environment → typed, frozen Config. The only reader of process.env.
import { resolve } from "node:path";
import { z } from "zod";
import { AppError, problemsFromZod } from "./domain/errors.ts";

const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// or postgresql://")
    .optional(),
  HABEAS_DB: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  HABEAS_LOG: z.enum(["silent", "info", "debug"]).default("info"),
});

export type Config = Readonly<{
  /** Where the data lives: a SQLite file path, or a PostgreSQL URL. */
  store: { engine: "sqlite"; path: string } | { engine: "postgres"; url: string };
  port: number;
  host: string;
  log: "silent" | "info" | "debug";
}>;

export const DEFAULT_DB_PATH = "data/habeas.db";

/** Reads the environment once; `overrides` carry CLI flags such as --db and --port. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: { db?: string; port?: number } = {},
): Config {
  // An empty variable means unset (DATABASE_URL= in a shell or a .env file).
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = EnvSchema.safeParse(given);
  if (!parsed.success) {
    throw new AppError("BAD_INPUT", "invalid environment", problemsFromZod(parsed.error.issues));
  }
  const e = parsed.data;
  const dbFlag = overrides.db;
  let store: Config["store"];
  if (dbFlag && /^postgres(ql)?:\/\//.test(dbFlag)) store = { engine: "postgres", url: dbFlag };
  else if (dbFlag) store = { engine: "sqlite", path: resolve(dbFlag) };
  else if (e.DATABASE_URL) store = { engine: "postgres", url: e.DATABASE_URL };
  else store = { engine: "sqlite", path: resolve(e.HABEAS_DB ?? DEFAULT_DB_PATH) };
  return Object.freeze({ store, port: overrides.port ?? e.PORT, host: e.HOST, log: e.HABEAS_LOG });
}
