// Staff accounts and sign-in: argon2id password hashes, server-side sessions (only a hash of the token is
// stored), lockout after repeated failures, and every change to an account on the audit chain.

import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import {
  LoginSchema,
  type NewUser,
  NewUserSchema,
  PasswordSchema,
  UsernameSchema,
} from "../domain/accounts.ts";
import { AppError, badInput, problemsFromZod } from "../domain/errors.ts";
import { OPERATOR, USER_ROLES, type UserRole, type Viewer } from "../domain/policy.ts";
import {
  countUsers,
  deleteExpiredSessions,
  deleteSession,
  deleteSessionsOf,
  findSession,
  findUser,
  insertSession,
  insertUser,
  listUsers,
  touchSession,
  updateUser,
} from "../store/accounts.ts";
import type { Database, Db } from "../store/db.ts";
import { clearThrottle, countAttempt, lockWhenSpent, type ThrottleRule } from "../store/throttle.ts";
import { audit } from "./audit.ts";
import { authorize } from "./authorize.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** A session ends this long after sign-in, however active. */
export const SESSION_MAX_MS = 12 * HOUR;
/** …or after this long without a request. */
export const SESSION_IDLE_MS = 2 * HOUR;
/**
 * Sign-in attempts to one username that are checked before it locks (counted before the password is, so
 * simultaneous attempts cannot slip past the count); the lock doubles each time, up to a day.
 */
export const LOGIN_RULE: ThrottleRule = {
  maxFailures: 5,
  windowMs: 15 * MINUTE,
  lockMs: 15 * MINUTE,
  maxLockMs: 24 * HOUR,
};

export type PublicUser = {
  username: string;
  role: UserRole;
  team?: string;
  disabled: boolean;
  created_at: string;
  last_login_at?: string;
};
export type SignedIn = { token: string; viewer: Viewer; expires_at: string };

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Checks a password against its hash: argon2id, slow on purpose (tests pass one that counts calls). */
export type PasswordCheck = (hash: string, password: string) => Promise<boolean>;
const argon2Check: PasswordCheck = (h, password) => verify(h, password);

// Unknown usernames are checked against this hash, so a failed sign-in takes as long either way.
let dummy: Promise<string> | undefined;
async function spend(check: PasswordCheck, guess: string): Promise<false> {
  dummy ??= hash(randomBytes(16).toString("hex"));
  await check(await dummy, guess);
  return false;
}

function parse<T>(
  r:
    | { success: true; data: T }
    | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } },
  what: string,
): T {
  if (!r.success) throw badInput(what, problemsFromZod(r.error.issues));
  return r.data;
}

function present(u: {
  username: string;
  role: string;
  team: string | null;
  disabled: number;
  created_at: string;
  last_login_at: string | null;
}): PublicUser {
  return {
    username: u.username,
    role: u.role as UserRole,
    team: u.team ?? undefined,
    disabled: u.disabled !== 0,
    created_at: u.created_at,
    last_login_at: u.last_login_at ?? undefined,
  };
}

/** Creates a staff account. The first administrator is made with `habeas user add --admin` (the operator). */
export async function createUser(
  db: Database,
  input: NewUser,
  viewer: Viewer = OPERATOR,
): Promise<PublicUser> {
  authorize(viewer, "write", "user");
  const u = parse(NewUserSchema.safeParse(input), "the account is not valid");
  if (await findUser(db, u.username)) throw new AppError("CONFLICT", `a user named ${u.username} exists`);
  const now = new Date().toISOString();
  const row = {
    id: u.username,
    username: u.username,
    password_hash: await hash(u.password),
    role: u.role,
    team: u.team ?? null,
    disabled: 0,
    created_at: now,
    updated_at: now,
    password_changed_at: now,
    last_login_at: null,
  };
  await db.transaction().execute(async (tx) => {
    await insertUser(tx, row);
    await audit(tx, viewer, "user.create", `user:${u.username}`, { role: u.role, team: u.team });
  });
  return present(row);
}

export async function listUsersFor(db: Db, viewer: Viewer): Promise<PublicUser[]> {
  authorize(viewer, "read", "user");
  return (await listUsers(db)).map(present);
}

export async function hasUsers(db: Db): Promise<boolean> {
  return (await countUsers(db)) > 0;
}

async function existing(db: Db, username: string) {
  const id = parse(UsernameSchema.safeParse(username), "not a username");
  const u = await findUser(db, id);
  if (!u) throw new AppError("NOT_FOUND", `no user named ${id}`);
  return u;
}

/** Sets a new password and ends the user's sessions everywhere. */
export async function setPassword(
  db: Database,
  username: string,
  password: string,
  viewer: Viewer,
): Promise<void> {
  const u = await existing(db, username);
  if (viewer.userId !== u.id) authorize(viewer, "admin", "user");
  const pw = parse(PasswordSchema.safeParse(password), "the password is not valid");
  if (pw.toLowerCase().includes(u.id)) throw badInput("the password must not contain the username");
  const h = await hash(pw);
  await db.transaction().execute(async (tx) => {
    const now = new Date().toISOString();
    await updateUser(tx, u.id, { password_hash: h, password_changed_at: now });
    await deleteSessionsOf(tx, u.id);
    await audit(tx, viewer, "user.password", `user:${u.id}`);
  });
  await clearThrottle(db, `login:${u.id}`);
}

/** Changes a user's role or team; their sessions end so the change applies at once. */
export async function updateUserAccess(
  db: Database,
  username: string,
  change: { role?: UserRole; team?: string | null; disabled?: boolean },
  viewer: Viewer,
): Promise<PublicUser> {
  authorize(viewer, "admin", "user");
  const u = await existing(db, username);
  if (u.id === viewer.userId && (change.disabled || (change.role && change.role !== "admin")))
    throw badInput("you cannot disable yourself or give up your own administrator role");
  await db.transaction().execute(async (tx) => {
    await updateUser(tx, u.id, {
      ...(change.role ? { role: change.role } : {}),
      ...(change.team !== undefined ? { team: change.team } : {}),
      ...(change.disabled !== undefined ? { disabled: change.disabled ? 1 : 0 } : {}),
    });
    await deleteSessionsOf(tx, u.id);
    await audit(tx, viewer, "user.update", `user:${u.id}`, change);
  });
  return present((await findUser(db, u.id)) ?? u);
}

/** Lifts a sign-in lockout. */
export async function unlockUser(db: Database, username: string, viewer: Viewer): Promise<void> {
  authorize(viewer, "admin", "user");
  const u = await existing(db, username);
  await db.transaction().execute(async (tx) => {
    await clearThrottle(tx, `login:${u.id}`);
    await audit(tx, viewer, "user.unlock", `user:${u.id}`);
  });
}

function lockedMessage(until: string): AppError {
  const minutes = Math.max(1, Math.ceil((Date.parse(until) - Date.now()) / MINUTE));
  return new AppError(
    "RATE_LIMITED",
    `too many failed sign-ins for this account: try again in ${minutes} minute${minutes === 1 ? "" : "s"}, or ask an administrator`,
  );
}

/**
 * Checks a username and password and opens a session. Unknown users and wrong passwords fail alike, in
 * about the same time; a locked account fails even with the right password.
 */
export async function signIn(
  db: Database,
  input: unknown,
  now = new Date(),
  check: PasswordCheck = argon2Check,
): Promise<SignedIn> {
  const { username, password } = parse(LoginSchema.safeParse(input), "enter a username and a password");
  const key = `login:${username}`;
  // Counted first, checked after: the slow hash never runs for an attempt over the limit.
  const attempt = await countAttempt(db, key, LOGIN_RULE, now);
  const user = await findUser(db, username);
  if (attempt.lockedUntil) {
    if (attempt.lockedNow && user)
      await audit(db, { role: "public" }, "session.locked", `user:${user.id}`, {
        until: attempt.lockedUntil,
      });
    throw lockedMessage(attempt.lockedUntil);
  }
  const ok =
    user && !user.disabled ? await check(user.password_hash, password) : await spend(check, password);
  if (!ok || !user) {
    const lock = await lockWhenSpent(db, key, LOGIN_RULE, now, attempt.attempts);
    if (lock && user)
      await audit(db, { role: "public" }, "session.locked", `user:${user.id}`, { until: lock });
    if (lock) throw lockedMessage(lock);
    throw new AppError("UNAUTHENTICATED", "wrong username or password");
  }
  const token = randomBytes(32).toString("base64url");
  const iso = now.toISOString();
  const expires = new Date(now.getTime() + SESSION_MAX_MS).toISOString();
  const viewer = viewerOfUser(user);
  if (!viewer) throw new AppError("FORBIDDEN", "this account has no valid role; ask an administrator");
  await db.transaction().execute(async (tx) => {
    await clearThrottle(tx, key);
    await deleteExpiredSessions(tx, iso, new Date(now.getTime() - SESSION_IDLE_MS).toISOString());
    await insertSession(tx, {
      token_hash: hashToken(token),
      user_id: user.id,
      created_at: iso,
      expires_at: expires,
      last_seen_at: iso,
    });
    await updateUser(tx, user.id, { last_login_at: iso });
    await audit(tx, viewer, "session.login", `user:${user.id}`);
  });
  return { token, viewer, expires_at: expires };
}

/** The viewer a session token stands for, or undefined when it is unknown, expired or idle too long. */
export async function viewerForSession(db: Db, token: string, now = new Date()): Promise<Viewer | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const th = hashToken(token);
  const found = await findSession(db, th, now.toISOString());
  if (!found) return undefined;
  if (now.getTime() - Date.parse(found.session.last_seen_at) > SESSION_IDLE_MS) {
    await deleteSession(db, th);
    return undefined;
  }
  // Write at most once a minute per session, not on every request.
  if (now.getTime() - Date.parse(found.session.last_seen_at) > MINUTE)
    await touchSession(db, th, now.toISOString());
  return viewerOfUser(found.user);
}

function viewerOfUser(u: { id: string; role: string; team: string | null }): Viewer | undefined {
  const role = USER_ROLES.find((r) => r === u.role);
  return role ? { role, userId: u.id, team: u.team ?? undefined } : undefined;
}

export async function signOut(db: Db, token: string): Promise<void> {
  await deleteSession(db, hashToken(token));
}
