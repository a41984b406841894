// Staff accounts and their server-side sessions. Passwords are stored as argon2id hashes and session
// tokens as SHA-256 hashes: the database alone lets no one sign in.
import type { Db } from "./db.ts";
import type { SessionsTable, UsersTable } from "./schema.ts";

export type UserRow = UsersTable;

export async function insertUser(db: Db, u: UsersTable): Promise<void> {
  await db.insertInto("users").values(u).execute();
}

export async function findUser(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listUsers(db: Db): Promise<UserRow[]> {
  return db.selectFrom("users").selectAll().orderBy("id").execute();
}

export async function countUsers(db: Db): Promise<number> {
  const r = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function updateUser(
  db: Db,
  id: string,
  set: Partial<
    Pick<UsersTable, "password_hash" | "password_changed_at" | "role" | "team" | "disabled" | "last_login_at">
  >,
): Promise<void> {
  await db
    .updateTable("users")
    .set({ ...set, updated_at: new Date().toISOString() })
    .where("id", "=", id)
    .execute();
}

export async function insertSession(db: Db, s: SessionsTable): Promise<void> {
  await db.insertInto("sessions").values(s).execute();
}

/** A live session and its user (expired sessions and disabled users find nothing). */
export async function findSession(
  db: Db,
  tokenHash: string,
  now: string,
): Promise<{ session: SessionsTable; user: UserRow } | undefined> {
  const s = await db
    .selectFrom("sessions")
    .selectAll()
    .where("token_hash", "=", tokenHash)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  if (!s) return undefined;
  const user = await findUser(db, s.user_id);
  if (!user || user.disabled) return undefined;
  return { session: s, user };
}

export async function touchSession(db: Db, tokenHash: string, now: string): Promise<void> {
  await db.updateTable("sessions").set({ last_seen_at: now }).where("token_hash", "=", tokenHash).execute();
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom("sessions").where("token_hash", "=", tokenHash).execute();
}

export async function deleteSessionsOf(db: Db, userId: string): Promise<number> {
  const r = await db.deleteFrom("sessions").where("user_id", "=", userId).executeTakeFirst();
  return Number(r.numDeletedRows ?? 0);
}

export async function deleteExpiredSessions(db: Db, now: string, idleSince: string): Promise<void> {
  await db
    .deleteFrom("sessions")
    .where((eb) => eb.or([eb("expires_at", "<=", now), eb("last_seen_at", "<", idleSince)]))
    .execute();
}
