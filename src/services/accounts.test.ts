// Accounts and sign-in: argon2id hashes, sessions stored only as hashes, expiry, lockout after repeated
// failures (for unknown usernames alike), and who may manage accounts.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { verify } from "@node-rs/argon2";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { OPERATOR } from "../domain/policy.ts";
import {
  createUser,
  hashToken,
  LOGIN_RULE,
  listUsersFor,
  type PasswordCheck,
  SESSION_IDLE_MS,
  setPassword,
  signIn,
  signOut,
  unlockUser,
  updateUserAccess,
  viewerForSession,
} from "./accounts.ts";

let store: TestStore;
before(async () => {
  store = await openTestStore();
});
after(() => store.close());
const T = `[${TEST_ENGINE}]`;
const PW = "correct horse battery staple";

test(`${T} an account stores an argon2id hash and a session stores only a hash of its token`, async () => {
  const u = await createUser(store.db, { username: "Lucia", password: PW, role: "lawyer", team: "east" });
  assert.deepEqual([u.username, u.role, u.team], ["lucia", "lawyer", "east"]);
  const row = await store.db
    .selectFrom("users")
    .selectAll()
    .where("id", "=", "lucia")
    .executeTakeFirstOrThrow();
  assert.match(row.password_hash, /^\$argon2id\$/);
  const s = await signIn(store.db, { username: "LUCIA ", password: PW });
  assert.deepEqual(s.viewer, { role: "lawyer", userId: "lucia", team: "east" });
  const sessions = await store.db.selectFrom("sessions").selectAll().execute();
  assert.deepEqual(
    sessions.map((x) => x.token_hash),
    [hashToken(s.token)],
  );
  assert.notEqual(sessions[0]?.token_hash, s.token);
  assert.deepEqual(await viewerForSession(store.db, s.token), s.viewer);
  await signOut(store.db, s.token);
  assert.equal(await viewerForSession(store.db, s.token), undefined);
});

test(`${T} weak or malformed accounts are refused with every problem listed`, async () => {
  await assert.rejects(
    createUser(store.db, { username: "x", password: "short", role: "admin" }),
    (e: Error & { problems?: unknown[] }) => {
      assert.equal(e.problems?.length, 2);
      return true;
    },
  );
  await assert.rejects(
    createUser(store.db, { username: "maria", password: "maria-has-a-long-password", role: "lawyer" }),
    (e: Error & { problems?: { message: string }[] }) =>
      /must not contain the username/.test(e.problems?.[0]?.message ?? ""),
  );
  await assert.rejects(createUser(store.db, { username: "lucia", password: PW, role: "lawyer" }), /exists/);
  await assert.rejects(
    createUser(store.db, { username: "root", password: PW, role: "public" as never }),
    /not valid/,
    "an account is never the anonymous role",
  );
  await assert.rejects(
    createUser(
      store.db,
      { username: "vol", password: PW, role: "volunteer" },
      { role: "lawyer", userId: "lucia" },
    ),
    /may not write user/,
  );
});

test(`${T} an idle session ends; a changed password ends every session`, async () => {
  const s = await signIn(store.db, { username: "lucia", password: PW });
  const later = new Date(Date.now() + SESSION_IDLE_MS + 60_000);
  assert.equal(await viewerForSession(store.db, s.token, later), undefined);
  const s2 = await signIn(store.db, { username: "lucia", password: PW });
  await setPassword(store.db, "lucia", "another long passphrase", OPERATOR);
  assert.equal(await viewerForSession(store.db, s2.token), undefined);
  await assert.rejects(signIn(store.db, { username: "lucia", password: PW }), /wrong username or password/);
  await signIn(store.db, { username: "lucia", password: "another long passphrase" });
  await setPassword(store.db, "lucia", PW, OPERATOR);
});

test(`${T} after ${LOGIN_RULE.maxFailures} wrong passwords the account locks, even for the right one`, async () => {
  for (let i = 1; i < LOGIN_RULE.maxFailures; i++)
    await assert.rejects(
      signIn(store.db, { username: "lucia", password: `wrong ${i}` }),
      /wrong username or password/,
    );
  await assert.rejects(
    signIn(store.db, { username: "lucia", password: "wrong again" }),
    /too many failed sign-ins/,
  );
  await assert.rejects(signIn(store.db, { username: "lucia", password: PW }), /too many failed sign-ins/);
  // An hour on, the lock has passed.
  const s = await signIn(store.db, { username: "lucia", password: PW }, new Date(Date.now() + 60 * 60_000));
  assert.equal(s.viewer.userId, "lucia");
});

test(`${T} unknown usernames fail and lock exactly like real ones, so guessing reveals no account`, async () => {
  for (let i = 1; i < LOGIN_RULE.maxFailures; i++)
    await assert.rejects(
      signIn(store.db, { username: "ghost", password: "x" }),
      /wrong username or password/,
    );
  await assert.rejects(signIn(store.db, { username: "ghost", password: "x" }), /too many failed sign-ins/);
});

test(`${T} an administrator unlocks, disables and re-roles accounts; a disabled account cannot sign in`, async () => {
  for (let i = 0; i < LOGIN_RULE.maxFailures; i++)
    await signIn(store.db, { username: "lucia", password: "nope" }).catch(() => {});
  await assert.rejects(signIn(store.db, { username: "lucia", password: PW }), /too many/);
  await unlockUser(store.db, "lucia", OPERATOR);
  const s = await signIn(store.db, { username: "lucia", password: PW });
  await updateUserAccess(store.db, "lucia", { disabled: true }, OPERATOR);
  assert.equal(await viewerForSession(store.db, s.token), undefined);
  await assert.rejects(signIn(store.db, { username: "lucia", password: PW }), /wrong username or password/);
  await updateUserAccess(store.db, "lucia", { disabled: false, role: "volunteer" }, OPERATOR);
  const s2 = await signIn(store.db, { username: "lucia", password: PW });
  assert.equal(s2.viewer.role, "volunteer");
  const list = await listUsersFor(store.db, OPERATOR);
  assert.deepEqual(
    list.map((u) => [u.username, u.role, u.disabled]),
    [["lucia", "volunteer", false]],
  );
  assert.equal(JSON.stringify(list).includes("argon2"), false, "listings never carry hashes");
});

/** The real argon2id check, counting how often it runs. */
function countingCheck(): { check: PasswordCheck; calls: () => number } {
  let n = 0;
  return {
    check: async (h, pw) => {
      n++;
      return verify(h, pw);
    },
    calls: () => n,
  };
}

const BURST = 16;

test(`${T} ${BURST} simultaneous sign-ins check at most ${LOGIN_RULE.maxFailures} passwords, and the right one after them is refused`, async () => {
  await createUser(store.db, { username: "rush", password: PW, role: "viewer" });
  const c = countingCheck();
  const results = await Promise.allSettled(
    Array.from({ length: BURST }, (_, i) =>
      signIn(store.db, { username: "rush", password: `wrong guess ${i}` }, undefined, c.check),
    ),
  );
  assert.ok(
    c.calls() <= LOGIN_RULE.maxFailures,
    `${c.calls()} passwords were checked, at most ${LOGIN_RULE.maxFailures} may be`,
  );
  assert.equal(results.filter((r) => r.status === "fulfilled").length, 0);
  const refused = results.filter(
    (r) => r.status === "rejected" && /too many failed sign-ins/.test(String(r.reason)),
  ).length;
  assert.ok(refused >= BURST - LOGIN_RULE.maxFailures, `${refused} refused as locked`);
  const right = countingCheck();
  await assert.rejects(
    signIn(store.db, { username: "rush", password: PW }, undefined, right.check),
    /too many failed sign-ins/,
  );
  assert.equal(right.calls(), 0, "a locked account's password is not even checked");
  const locks = await store.db
    .selectFrom("audit_log")
    .select("action")
    .where("action", "=", "session.locked")
    .where("subject", "=", "user:rush")
    .execute();
  assert.equal(locks.length, 1, "one lock, audited once");
  await unlockUser(store.db, "rush", OPERATOR);
  assert.equal((await signIn(store.db, { username: "rush", password: PW })).viewer.userId, "rush");
});

test(`${T} a burst at an unknown username checks no more hashes than one at a real account`, async () => {
  const c = countingCheck();
  const results = await Promise.allSettled(
    Array.from({ length: BURST }, () =>
      signIn(store.db, { username: "nobody-here", password: "x" }, undefined, c.check),
    ),
  );
  assert.ok(c.calls() <= LOGIN_RULE.maxFailures, `${c.calls()} hashes checked`);
  assert.ok(results.every((r) => r.status === "rejected"));
});

test(`${T} a success clears the count; the right password among the allowed attempts signs in`, async () => {
  for (let i = 1; i < LOGIN_RULE.maxFailures; i++)
    await assert.rejects(signIn(store.db, { username: "rush", password: `nope ${i}` }), /wrong username/);
  assert.equal((await signIn(store.db, { username: "rush", password: PW })).viewer.userId, "rush");
  for (let i = 1; i < LOGIN_RULE.maxFailures; i++)
    await assert.rejects(signIn(store.db, { username: "rush", password: `nope ${i}` }), /wrong username/);
  assert.equal((await signIn(store.db, { username: "rush", password: PW })).viewer.userId, "rush");
});
