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
  HABEAS_KEY: z
    .string()
    .refine(
      (v) => /^[A-Za-z0-9+/]{43}=$/.test(v.trim()),
      "HABEAS_KEY must be 32 bytes in base64 (openssl rand -base64 32)",
    )
    .optional(),
  HABEAS_KEY_FILE: z.string().min(1).optional(),
  HABEAS_COOKIE_SECURE: z.enum(["auto", "1", "0", "true", "false"]).default("auto"),
  HABEAS_TRUST_PROXY: z.enum(["1", "0", "true", "false"]).default("0"),
  HABEAS_MAX_UPLOAD_MB: z.coerce.number().positive().max(1024).default(25),
});

export type Config = Readonly<{
  /** Where the data lives: a SQLite file path, or a PostgreSQL URL. */
  store: { engine: "sqlite"; path: string } | { engine: "postgres"; url: string };
  port: number;
  host: string;
  log: "silent" | "info" | "debug";
  /** Encryption key for restricted fields: HABEAS_KEY, else a key file (created 0600 on first use). */
  keys: { key?: string; file: string };
  /** Session cookies' Secure flag: "auto" sets it when the request came over https. */
  cookieSecure: "auto" | "always" | "never";
  /** Believe X-Forwarded-For/-Proto/-Host (only behind a reverse proxy that sets them). */
  trustProxy: boolean;
  /** Largest file an upload (attachment, docket, spreadsheet) may be: HABEAS_MAX_UPLOAD_MB, default 25. */
  uploads: { maxBytes: number };
}>;

export const DEFAULT_DB_PATH = "data/habeas.db";
/** With PostgreSQL the key stays on the application host, apart from the database server. */
export const DEFAULT_KEY_FILE = "data/habeas.key";

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
  const keyFile =
    e.HABEAS_KEY_FILE !== undefined
      ? resolve(e.HABEAS_KEY_FILE)
      : store.engine === "sqlite"
        ? `${store.path}.key`
        : resolve(DEFAULT_KEY_FILE);
  const on = (v: string) => v === "1" || v === "true";
  return Object.freeze({
    store,
    port: overrides.port ?? e.PORT,
    host: e.HOST,
    log: e.HABEAS_LOG,
    keys: Object.freeze({ key: e.HABEAS_KEY?.trim(), file: keyFile }),
    cookieSecure:
      e.HABEAS_COOKIE_SECURE === "auto" ? "auto" : on(e.HABEAS_COOKIE_SECURE) ? "always" : "never",
    trustProxy: on(e.HABEAS_TRUST_PROXY),
    uploads: Object.freeze({ maxBytes: Math.round(e.HABEAS_MAX_UPLOAD_MB * 1024 * 1024) }),
  });
}

/**
 * Where extraction finds the given-name and surname frequency lists (HABEAS_NAMES_DIR; by default the
 * `shared/data/names` folder beside the checkout). They are read, never copied into the project.
 */
export function extractionConfig(env: Record<string, string | undefined> = process.env): {
  namesDir?: string;
} {
  const dir = env.HABEAS_NAMES_DIR;
  return dir ? { namesDir: resolve(dir) } : {};
}
