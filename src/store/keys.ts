// Where encryption keys live: HABEAS_KEY (base64, 32 bytes), or a key file (one base64 key a line, the
// first current) created with mode 0600 on first use and refused when other users may read it.
import { chmodSync, existsSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { AppError } from "../domain/errors.ts";
import { KEY_BYTES, type Keyring, type KeySource, keyringOf, newMasterKey } from "./cipher.ts";

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
