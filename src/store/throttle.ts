// Failure counters that lock a key (an account, a family case code) after too many failed attempts.
// Keys are stored as SHA-256 hashes, so the table names no one.
import { createHash } from "node:crypto";
import type { Db } from "./db.ts";

export type ThrottleRule = {
  /** Failures within the window that lock the key. */
  maxFailures: number;
  windowMs: number;
  /** First lock; each further lock of the same key doubles it, up to maxLockMs. */
  lockMs: number;
  maxLockMs: number;
};

const keyHash = (key: string) => createHash("sha256").update(`throttle\0${key}`).digest("hex");

/** When the key is locked, until when (ISO); undefined when attempts are allowed. */
export async function lockedUntil(db: Db, key: string, now: Date): Promise<string | undefined> {
  const r = await db
    .selectFrom("throttle")
    .select("locked_until")
    .where("key", "=", keyHash(key))
    .executeTakeFirst();
  return r?.locked_until && r.locked_until > now.toISOString() ? r.locked_until : undefined;
}

/** Counts a failure; returns the lock's end when this failure locked the key. */
export async function recordFailure(
  db: Db,
  key: string,
  rule: ThrottleRule,
  now: Date,
): Promise<string | undefined> {
  const k = keyHash(key);
  const iso = now.toISOString();
  const r = await db.selectFrom("throttle").selectAll().where("key", "=", k).executeTakeFirst();
  const windowOpen = r && now.getTime() - Date.parse(r.window_start) < rule.windowMs;
  const failures = windowOpen && r ? r.failures + 1 : 1;
  const lockouts = r?.lockouts ?? 0;
  let locked: string | null = null;
  if (failures >= rule.maxFailures) {
    const ms = Math.min(rule.maxLockMs, rule.lockMs * 2 ** lockouts);
    locked = new Date(now.getTime() + ms).toISOString();
  }
  const row = {
    failures: locked ? 0 : failures,
    window_start: windowOpen && r ? r.window_start : iso,
    locked_until: locked ?? (r?.locked_until && r.locked_until > iso ? r.locked_until : null),
    lockouts: locked ? lockouts + 1 : lockouts,
  };
  await db
    .insertInto("throttle")
    .values({ key: k, ...row })
    .onConflict((oc) => oc.column("key").doUpdateSet(row))
    .execute();
  return locked ?? undefined;
}

/** Forgets a key's failures (a successful attempt, or an administrator unlocking it). */
export async function clearThrottle(db: Db, key: string): Promise<void> {
  await db.deleteFrom("throttle").where("key", "=", keyHash(key)).execute();
}
