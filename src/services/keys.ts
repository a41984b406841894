// `habeas keys rotate`: a new key, every sealed value re-encrypted under it in one transaction, the old key
// dropped. Crash-safe: the key file holds old and new keys until the re-encryption has committed.
import { existsSync } from "node:fs";
import { AppError } from "../domain/errors.ts";
import { OPERATOR, type Viewer } from "../domain/policy.ts";
import { keyringOf, newMasterKey } from "../store/cipher.ts";
import type { Store } from "../store/db.ts";
import { decodeKey, readKeyFile, replaceKeyChecks, writeKeyFile } from "../store/keys.ts";
import { sealedKeyIds } from "../store/people.ts";
import { resealAll } from "../store/reseal.ts";
import { audit } from "./audit.ts";
import { authorize } from "./authorize.ts";

export type Rotation = {
  key_id: string;
  retired: string[];
  resealed: Record<string, number>;
  /** Where the new key is: the key file, or (with HABEAS_KEY) the file to move it from. */
  key_file: string;
  env_key: boolean;
};

export async function rotateKeys(
  store: Pick<Store, "db" | "keys" | "keyConfig">,
  opts: { newKeyFile?: string } = {},
  viewer: Viewer = OPERATOR,
): Promise<Rotation> {
  authorize(viewer, "admin", "user");
  const cfg = store.keyConfig;
  const fresh = newMasterKey();
  let old: Buffer[];
  let file: string;
  if (cfg.key) {
    if (!opts.newKeyFile)
      throw new AppError(
        "BAD_INPUT",
        "the key comes from HABEAS_KEY: give --new-key-file PATH for the new key, then set HABEAS_KEY from it",
      );
    file = opts.newKeyFile;
    if (existsSync(file)) throw new AppError("CONFLICT", `${file} exists; choose a new file for the new key`);
    old = [decodeKey(cfg.key, "HABEAS_KEY")];
    writeKeyFile(file, [fresh], { create: true });
  } else {
    if (!cfg.file) throw new AppError("BAD_INPUT", "no key file configured (set HABEAS_KEY_FILE)");
    file = cfg.file;
    if (!existsSync(file)) store.keys.forWrite(); // first run: the key being rotated away is made now
    old = readKeyFile(file);
    writeKeyFile(file, [fresh, ...old]);
    store.keys.reload();
  }
  const from = keyringOf([fresh, ...old]);
  const to = keyringOf([fresh]);
  const retired = old.map((k) => keyringOf([k]).current.id);
  const resealed = await store.db.transaction().execute(async (tx) => {
    const counts = await resealAll(tx, from, to);
    await replaceKeyChecks(tx, to.current);
    await audit(tx, viewer, "keys.rotate", "keys", { key_id: to.current.id, retired, resealed: counts });
    return counts;
  });
  const left = [...(await sealedKeyIds(store.db)).keys()].filter((k) => k !== to.current.id);
  if (left.length)
    throw new AppError("INTERNAL", `values under keys ${left.join(", ")} remain; run the rotation again`);
  if (!cfg.key) {
    writeKeyFile(file, [fresh]);
    store.keys.reload();
  }
  return { key_id: to.current.id, retired, resealed, key_file: file, env_key: Boolean(cfg.key) };
}

/** Where the key comes from, the current key's id, and how many records each key id seals. */
export async function keyStatus(
  store: Pick<Store, "db" | "keys">,
): Promise<{ source: string; current?: string; in_use: Record<string, number> }> {
  let current: string | undefined;
  try {
    current = store.keys.forRead().current.id;
  } catch {
    current = undefined; // no key yet: nothing restricted stored
  }
  return { source: store.keys.describe, current, in_use: Object.fromEntries(await sealedKeyIds(store.db)) };
}
