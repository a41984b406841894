// Family access without an account: staff issue a case code and a passphrase (shown once, stored as
// SHA-256 and argon2id); whoever holds both sees only the status fields the person consented to share.

import { createHash, randomInt } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { CODE_ALPHABET, FamilyLookupSchema } from "../domain/accounts.ts";
import { type CustodyStatus, currentCustody, lastCustodyEvent } from "../domain/custody.ts";
import { AppError, badInput, problemsFromZod } from "../domain/errors.ts";
import { FAMILY, type Viewer } from "../domain/policy.ts";
import { localDate } from "../domain/time.ts";
import { findFacilityById, listOrders } from "../store/catalog.ts";
import type { Database } from "../store/db.ts";
import { listEventsForPerson } from "../store/events.ts";
import {
  findFamilyCode,
  insertFamilyCode,
  markFamilyCodeUsed,
  revokeFamilyCodes,
} from "../store/family-codes.ts";
import { findPersonById } from "../store/people.ts";
import { clearThrottle, countAttempt, lockWhenSpent, type ThrottleRule } from "../store/throttle.ts";
import { audit } from "./audit.ts";
import { authorize } from "./authorize.ts";
import { loadPersonForWrite } from "./scope.ts";

const MINUTE = 60_000;
/** Wrong passphrases for one code that lock it; the lock doubles each time, up to a week. */
export const FAMILY_RULE: ThrottleRule = {
  maxFailures: 5,
  windowMs: 60 * MINUTE,
  lockMs: 60 * MINUTE,
  maxLockMs: 7 * 24 * 60 * MINUTE,
};

export type FamilyStatusCode = CustodyStatus;

/** What a family member sees: nothing restricted, nothing about sources, other people or staff. */
export type FamilyStatus = {
  name: string;
  status: FamilyStatusCode;
  /** Where they are held, when held. */
  place?: { name: string; city?: string; state?: string; country: string };
  /** Day of the last change of custody (YYYY-MM-DD), where it happened (the event's own zone). */
  since?: string;
  /** Day and place of the next scheduled hearing, when one is on record. */
  next_hearing?: { date: string; place?: string };
  has_lawyer: boolean;
  /** A court order on record bars their removal or transfer. */
  court_protection: boolean;
  updated: string;
};

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const random = (n: number) =>
  Array.from({ length: n }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
const group = (s: string) => s.match(/.{1,4}/g)?.join("-") ?? s;

let dummy: Promise<string> | undefined;
/** Checks a guess against a throwaway hash, so an unknown code costs as long as a wrong passphrase. */
async function spend(guess: string): Promise<false> {
  dummy ??= hash(random(12));
  await verify(await dummy, guess);
  return false;
}

/**
 * Issues a case code and passphrase for a person whose family-status consent is on record; any earlier
 * code stops working. Both are returned once and cannot be shown again.
 */
export async function createFamilyCode(
  db: Database,
  personId: string,
  viewer: Viewer,
): Promise<{ code: string; passphrase: string; person: string }> {
  authorize(viewer, "write", "family");
  const p = await loadPersonForWrite(db, viewer, personId);
  if (!p.consent.family_status)
    throw badInput("record the person's consent to share their status with family before issuing a code");
  const code = `F${random(8)}`;
  const passphrase = random(12);
  const passHash = await hash(passphrase);
  const now = new Date().toISOString();
  await db.transaction().execute(async (tx) => {
    await revokeFamilyCodes(tx, p.id, now);
    await insertFamilyCode(tx, {
      code_hash: sha256(code),
      person_id: p.id,
      pass_hash: passHash,
      created_by: viewer.userId ?? viewer.role,
      created_at: now,
      revoked_at: null,
      last_used_at: null,
    });
    await audit(tx, viewer, "family_code.create", `person:${p.id}`);
  });
  return { code: `F-${group(code.slice(1))}`, passphrase: group(passphrase), person: p.id };
}

/** The consented status for a code and passphrase; wrong guesses count toward the code's lock. */
export async function familyStatus(db: Database, input: unknown, now = new Date()): Promise<FamilyStatus> {
  const parsed = FamilyLookupSchema.safeParse(input);
  if (!parsed.success)
    throw badInput("enter the case code and the passphrase", problemsFromZod(parsed.error.issues));
  const { code, passphrase } = parsed.data;
  const key = `family:${code}`;
  // Counted first, checked after (as signing in): simultaneous guesses cannot slip past the lock.
  const attempt = await countAttempt(db, key, FAMILY_RULE, now);
  if (attempt.lockedUntil)
    throw new AppError("RATE_LIMITED", "too many wrong passphrases for this code: try again later");
  const row = await findFamilyCode(db, sha256(code));
  const ok = row && !row.revoked_at ? await verify(row.pass_hash, passphrase) : await spend(passphrase);
  if (!ok || !row) {
    if (await lockWhenSpent(db, key, FAMILY_RULE, now, attempt.attempts))
      throw new AppError("RATE_LIMITED", "too many wrong passphrases for this code: try again later");
    throw new AppError("UNAUTHENTICATED", "that code and passphrase do not match");
  }
  const p = await findPersonById(db, row.person_id);
  // Consent can be withdrawn after a code was issued: the code then shows nothing.
  if (!p?.consent.family_status) throw new AppError("NOT_FOUND", "no status is shared for this code");
  const [events, orders] = await Promise.all([
    listEventsForPerson(db, p.id),
    listOrders(db, { people: [p.id] }),
  ]);
  const nowIso = now.toISOString();
  const last = lastCustodyEvent(events, nowIso);
  const facility = last?.facility ? await findFacilityById(db, last.facility) : undefined;
  const custody = currentCustody(events, new Map(facility ? [[facility.id, facility]] : []), nowIso);
  const status = custody.status;
  const hearing = events.find((e) => e.type === "HEARING" && e.at > now.toISOString());
  const held = status === "held_us" || status === "held_abroad";
  await db.transaction().execute(async (tx) => {
    await clearThrottle(tx, key);
    await markFamilyCodeUsed(tx, row.code_hash, now.toISOString());
    await audit(tx, FAMILY, "family.view", `person:${p.id}`);
  });
  return {
    name: p.full_name,
    status,
    place:
      held && facility && custody.facility
        ? { name: facility.name, city: facility.city, state: facility.state, country: facility.country }
        : undefined,
    since: custody.since?.day,
    next_hearing: hearing ? { date: localDate(hearing.at, hearing.tz), place: hearing.place } : undefined,
    has_lawyer: events.some((e) => e.type === "COUNSEL_RETAINED"),
    court_protection: orders.some((o) => o.bars.includes("removal") || o.bars.includes("transfer")),
    updated: [p.updated_at, ...events.filter((e) => e.at <= now.toISOString()).map((e) => e.at)]
      .sort()
      .at(-1)
      ?.slice(0, 10) as string,
  };
}
