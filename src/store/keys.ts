// Where encryption keys live: HABEAS_KEY (base64, 32 bytes), or a key file (one base64 key a line, the
// first current) created with mode 0600 on first use and refused when other users may read it; and the
// key check values that let a store refuse a key its values were not sealed with.

import { chmodSync, existsSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { sql } from "kysely";
import { AppError } from "../domain/errors.ts";
import {
  type DataKey,
  KEY_BYTES,
  type Keyring,
  type KeySource,
  keyIdOf,
  keyringOf,
  newMasterKey,
  open,
  seal,
} from "./cipher.ts";
import type { Database, Db } from "./db.ts";

export type KeyConfig = {
  /** Base64 of 32 bytes; when set the key file is not used. */
  key?: string;
  /** Key file path; undefined means no file (a store that never needs a key). */
  file?: string;
};

const HEADER =
  "# habeas encryption keys: the first line is current. Keep this file secret, and back it up apart from the database:\n" +
  "# without it the restricted fields (A-number, birth date, notes, address, contacts, medical) cannot be read.\n";

export function decodeKey(text: string, where: string): Buffer {
  const b = Buffer.from(text.trim(), "base64");
  if (b.length !== KEY_BYTES || !/^[A-Za-z0-9+/=_-]+$/.test(text.trim()))
    throw new AppError(
      "BAD_INPUT",
      `${where} must be ${KEY_BYTES} bytes in base64 (e.g. openssl rand -base64 32)`,
    );
  return b;
}

export function readKeyFile(file: string): Buffer[] {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(file);
  } catch {
    throw new AppError(
      "STORE_UNAVAILABLE",
      `key file ${file} is missing: restricted fields cannot be read without it`,
    );
  }
  if (process.platform !== "win32" && (st.mode & 0o077) !== 0)
    throw new AppError(
      "STORE_UNAVAILABLE",
      `key file ${file} may be read by other users: run chmod 600 ${file}`,
    );
  const keys = readFileSync(file, "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"))
    .map((l, i) => decodeKey(l, `line ${i + 1} of ${file}`));
  if (!keys.length) throw new AppError("STORE_UNAVAILABLE", `key file ${file} holds no key`);
  return keys;
}

/** Writes keys (first = current) atomically with mode 0600: a crash leaves the old file or the new one. */
export function writeKeyFile(file: string, keys: readonly Buffer[], opts: { create?: boolean } = {}): void {
  const text = `${HEADER}${keys.map((k) => k.toString("base64")).join("\n")}\n`;
  if (opts.create) {
    // wx: never overwrite a key file another process created first.
    writeFileSync(file, text, { mode: 0o600, flag: "wx" });
    return;
  }
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600, flag: "w" });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

/** The key source a store uses; the ring is read once and cached until `reload`. */
export function keySource(cfg: KeyConfig): KeySource & { reload: () => void } {
  let ring: Keyring | undefined;
  const load = (create: boolean): Keyring => {
    if (ring) return ring;
    if (cfg.key) ring = keyringOf([decodeKey(cfg.key, "HABEAS_KEY")]);
    else if (!cfg.file)
      throw new AppError(
        "STORE_UNAVAILABLE",
        "no encryption key configured: set HABEAS_KEY (base64 of 32 bytes) or HABEAS_KEY_FILE",
      );
    else if (existsSync(cfg.file) || !create) ring = keyringOf(readKeyFile(cfg.file));
    else {
      try {
        writeKeyFile(cfg.file, [newMasterKey()], { create: true });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST")
          throw new AppError(
            "STORE_UNAVAILABLE",
            `cannot create key file ${cfg.file}: ${(e as Error).message}`,
          );
      }
      ring = keyringOf(readKeyFile(cfg.file));
    }
    return ring;
  };
  return {
    describe: cfg.key ? "HABEAS_KEY" : cfg.file ? `key file ${cfg.file}` : "no key",
    forRead: () => load(false),
    forWrite: () => load(true),
    reload: () => {
      ring = undefined;
    },
  };
}

/** A throwaway in-memory key, for `:memory:` databases. */
export function ephemeralKeySource(): KeySource & { reload: () => void } {
  const ring = keyringOf([newMasterKey()]);
  return { describe: "ephemeral key", forRead: () => ring, forWrite: () => ring, reload: () => {} };
}

/** One row per key the store's values are sealed with (migration 070). */
type KeyChecksTable = { key_id: string; check_value: string; created_at: string };

const CHECK_TEXT = "habeas key check v1";
const checkContext = (keyId: string) => `key_checks:${keyId}`;
const ringOfOne = (key: DataKey): Keyring => ({ current: key, keys: new Map([[key.id, key]]) });
const withChecks = (db: Db) => db.withTables<{ key_checks: KeyChecksTable }>();

// Every column that holds sealed values, for stores from before key check values (their key ids are read
// from the values themselves). Keep in step with store/reseal.ts.
const SEALED_COLUMNS = [
  { table: "people", column: "sealed" },
  { table: "merges", column: "snapshot" },
] as const;

/** A key id some sealed value in the store carries that none of `known` has; undefined when there is none. */
async function sealedKeyIdOutside(db: Db, known: readonly string[]): Promise<string | undefined> {
  for (const c of SEALED_COLUMNS) {
    const col = sql.ref(c.column);
    const others = known.map((id) => sql`AND ${col} NOT LIKE ${`hb1.${id}.%`}`);
    const r = await sql<{ v: string }>`SELECT ${col} AS v FROM ${sql.table(c.table)}
      WHERE ${col} LIKE 'hb1.%' ${sql.join(others, sql` `)} LIMIT 1`.execute(db);
    const v = r.rows[0]?.v;
    if (v) return keyIdOf(v) ?? "?";
  }
  return undefined;
}

function wrongKey(source: KeySource, keyId: string): AppError {
  return new AppError(
    "STORE_UNAVAILABLE",
    `${source.describe} does not open this database's keyring (key id ${keyId}); set the key this database was created with, or see docs/SECURITY.md`,
  );
}

/** Records that `key` seals this store's values (kept if already there). */
async function writeKeyCheck(db: Db, key: DataKey): Promise<void> {
  await withChecks(db)
    .insertInto("key_checks")
    .values({
      key_id: key.id,
      check_value: seal(ringOfOne(key), CHECK_TEXT, checkContext(key.id)),
      created_at: new Date().toISOString(),
    })
    .onConflict((oc) => oc.column("key_id").doNothing())
    .execute();
}

/** After a key rotation: the new key is the only one the store's values are sealed with. */
export async function replaceKeyChecks(db: Db, key: DataKey): Promise<void> {
  await withChecks(db).deleteFrom("key_checks").execute();
  await writeKeyCheck(db, key);
}

/**
 * Refuses a key that does not open this store's keyring, before anything is read or sealed with it: every
 * stored key check value must open under the configured keys (and, in a store from before check values,
 * every sealed value must carry one of their ids — an id is a hash of its key). A store that holds sealed
 * values gets a check value for its current key written here. A store with nothing sealed takes any key.
 */
export async function checkKeyring(db: Database, source: KeySource): Promise<void> {
  let checks: Omit<KeyChecksTable, "created_at">[] | undefined;
  try {
    checks = await withChecks(db).selectFrom("key_checks").select(["key_id", "check_value"]).execute();
  } catch (e) {
    // Opened without migrating, before migration 070: the sealed values still tell.
    if (!/no such table|does not exist/.test((e as Error).message)) throw e;
  }
  // One scan of the sealed columns, and only while the store has no check value.
  const anySealed = async () => Boolean(checks?.length) || Boolean(await sealedKeyIdOutside(db, []));
  let ring: Keyring;
  try {
    ring = source.forRead();
  } catch (e) {
    // No key (yet): fine while nothing is sealed; otherwise a fresh key must never be made over them.
    if (await anySealed()) throw e;
    return;
  }
  for (const c of checks ?? []) {
    const key = ring.keys.get(c.key_id);
    let opened: string | undefined;
    try {
      opened = key && open(ringOfOne(key), c.check_value, checkContext(c.key_id));
    } catch {
      opened = undefined;
    }
    if (opened !== CHECK_TEXT) throw wrongKey(source, c.key_id);
  }
  if (!checks?.length) {
    // Nothing sealed: no check value either, so an empty store (a copy's target) stays empty.
    if (!(await anySealed())) return;
    const foreign = await sealedKeyIdOutside(db, [...ring.keys.keys()]);
    if (foreign) throw wrongKey(source, foreign);
  }
  if (checks && !checks.some((c) => c.key_id === ring.current.id)) await writeKeyCheck(db, ring.current);
}
