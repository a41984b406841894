// Signing in through the HTTP app in tests: an account per role, the session cookie and the CSRF token
// a browser would hold, and requests that carry them.

import { OPERATOR, type Role, type UserRole } from "../src/domain/policy.ts";
import { createUser, signIn } from "../src/services/accounts.ts";
import type { Database } from "../src/store/db.ts";

type Fetcher = { request: (path: string, init?: RequestInit) => Response | Promise<Response> };
export type Session = { role: Role; username?: string; cookie: string; csrf: string };
export const TEST_PASSWORD = "a test passphrase that is long";

/** The session cookie pair ("name=value") a response set, if any. */
export function sessionCookie(res: Response): string | undefined {
  for (const c of res.headers.getSetCookie()) {
    const m = /^((?:__Host-)?habeas_session)=([^;]+)/.exec(c);
    if (m?.[2]) return `${m[1]}=${m[2]}`;
  }
  return undefined;
}

export async function signInAs(app: Fetcher, username: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await app.request("/login", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${username}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { role: Role; csrf: string };
  const cookie = sessionCookie(res);
  if (!cookie) throw new Error("no session cookie");
  return { role: body.role, username, cookie, csrf: body.csrf };
}

/** One signed-in session per staff role (accounts made once per store), and the anonymous visitor. */
export async function sessionsByRole(
  app: Fetcher,
  db: Database,
  prefix = "t",
): Promise<Record<Role, Session>> {
  const out = { public: { role: "public", cookie: "", csrf: "" } } as Record<Role, Session>;
  for (const role of ["viewer", "volunteer", "lawyer", "admin"] as UserRole[]) {
    const username = `${prefix}-${role}`;
    await createUser(db, { username, password: TEST_PASSWORD, role }).catch((e: Error) => {
      if (!/exists/.test(e.message)) throw e;
    });
    out[role] = await signInAs(app, username);
  }
  return out;
}

/** Headers of a request as this session: cookie, and the CSRF token for writes. */
export function asSession(s: Session, extra: Record<string, string> = {}): Record<string, string> {
  return { ...(s.cookie ? { cookie: s.cookie, "x-csrf-token": s.csrf } : {}), ...extra };
}

/** A session made through the service (no HTTP sign-in, so no per-address limit), with its CSRF token. */
export async function sessionFor(
  app: Fetcher,
  db: Database,
  username: string,
  password = TEST_PASSWORD,
): Promise<Session> {
  const s = await signIn(db, { username, password });
  const cookie = `habeas_session=${s.token}`;
  const who = (await (await app.request("/api/whoami", { headers: { cookie } })).json()) as { csrf: string };
  return { role: s.viewer.role, username, cookie, csrf: who.csrf };
}

/** A new staff account (role and team as given, the test password) and a session of it (sessionFor). */
export async function newStaffSession(
  app: Fetcher,
  db: Database,
  user: { username: string; role: UserRole; team?: string },
): Promise<Session> {
  await createUser(db, { ...user, password: TEST_PASSWORD }, OPERATOR);
  return sessionFor(app, db, user.username);
}
