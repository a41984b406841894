// Attempt counters that lock a key (an account, a family case code) after too many failed attempts: counted
// before the attempt is checked (countAttempt). Keys are stored as SHA-256 hashes, so the table names no one.
import { createHash } from "node:crypto";
import { type RawBuilder, sql } from "kysely";
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

export type Attempt = {
  /** Attempts counted in the current window, this one included. */
  attempts: number;
  /** Set when the key is locked: this attempt must be refused without being checked. */
  lockedUntil?: string;
  /** This attempt is the one that locked the key. */
  lockedNow: boolean;
};

const iso = (ms: number) => new Date(ms).toISOString();

/** When a lock that starts now ends, by the number of earlier locks: each doubles, up to maxLockMs. */
function lockEnd(rule: ThrottleRule, now: Date, lockouts: RawBuilder<unknown>): RawBuilder<string> {
  const steps: RawBuilder<unknown>[] = [];
  for (let n = 0; rule.lockMs * 2 ** n < rule.maxLockMs && n < 32; n++)
    steps.push(sql`WHEN ${sql.lit(n)} THEN ${iso(now.getTime() + rule.lockMs * 2 ** n)}`);
  return sql<string>`CASE ${lockouts} ${sql.join(steps, sql` `)} ELSE ${iso(now.getTime() + rule.maxLockMs)} END`;
}

/**
 * Counts an attempt BEFORE it is checked, in one atomic statement on either engine, and says whether it may
 * be checked at all: however many attempts arrive at once, at most `maxFailures` of them per window get past
 * this, and the one after them locks the key. A success clears the count (`clearThrottle`).
 */
export async function countAttempt(db: Db, key: string, rule: ThrottleRule, now: Date): Promise<Attempt> {
  const k = keyHash(key);
  const at = now.toISOString();
  const windowOver = iso(now.getTime() - rule.windowMs);
  const max = sql.lit(rule.maxFailures);
  // Old values of the row throughout (SET expressions all see the row as it was).
  const locked = sql`(throttle.locked_until IS NOT NULL AND throttle.locked_until > ${at})`;
  // A lock that has run out, or a window that has, starts a new window with this attempt.
  const fresh = sql`(throttle.locked_until IS NOT NULL OR throttle.window_start <= ${windowOver})`;
  const spent = sql`(throttle.failures + 1 > ${max})`;
  const r = await sql<{ failures: number; locked_until: string | null; lockouts: number }>`
    INSERT INTO throttle ("key", failures, window_start, locked_until, lockouts)
    VALUES (${k}, 1, ${at}, NULL, 0)
    ON CONFLICT ("key") DO UPDATE SET
      failures = CASE WHEN ${locked} THEN throttle.failures + 1 WHEN ${fresh} THEN 1
        ELSE throttle.failures + 1 END,
      window_start = CASE WHEN ${locked} THEN throttle.window_start WHEN ${fresh} THEN ${at}
        ELSE throttle.window_start END,
      locked_until = CASE WHEN ${locked} THEN throttle.locked_until WHEN ${fresh} THEN NULL
        WHEN ${spent} THEN ${lockEnd(rule, now, sql`throttle.lockouts`)} ELSE NULL END,
      lockouts = CASE WHEN NOT ${locked} AND NOT ${fresh} AND ${spent} THEN throttle.lockouts + 1
        ELSE throttle.lockouts END
    RETURNING failures, locked_until, lockouts`.execute(db);
  const row = r.rows[0];
  if (!row) throw new Error("the attempt was not counted");
  const attempts = Number(row.failures);
  const lockedUntil = row.locked_until && row.locked_until > at ? row.locked_until : undefined;
  return { attempts, lockedUntil, lockedNow: Boolean(lockedUntil) && attempts === rule.maxFailures + 1 };
}

/**
 * After a counted attempt failed: locks the key when it has used up its attempts (so the last allowed wrong
 * guess already answers "locked"). Returns the lock's end when this call set it.
 */
export async function lockWhenSpent(
  db: Db,
  key: string,
  rule: ThrottleRule,
  now: Date,
  attempts: number,
): Promise<string | undefined> {
  if (attempts < rule.maxFailures) return undefined;
  const at = now.toISOString();
  const r = await sql<{ locked_until: string }>`
    UPDATE throttle SET locked_until = ${lockEnd(rule, now, sql`lockouts`)}, lockouts = lockouts + 1,
      failures = ${sql.lit(rule.maxFailures + 1)}
    WHERE "key" = ${keyHash(key)} AND (locked_until IS NULL OR locked_until <= ${at})
      AND failures >= ${sql.lit(rule.maxFailures)}
    RETURNING locked_until`.execute(db);
  return r.rows[0]?.locked_until;
}

/** Forgets a key's failures (a successful attempt, or an administrator unlocking it). */
export async function clearThrottle(db: Db, key: string): Promise<void> {
  await db.deleteFrom("throttle").where("key", "=", keyHash(key)).execute();
}
