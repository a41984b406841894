// Who is asking: the session cookie (HttpOnly, SameSite=Lax, Secure over https) → the viewer; its token is
// looked up by hash server-side. Also the client address for rate limits, trusting proxies only when told.
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { ANONYMOUS } from "../../domain/policy.ts";
import { SESSION_MAX_MS, viewerForSession } from "../../services/accounts.ts";
import type { Database } from "../../services/store.ts";
import type { Env } from "../routes.ts";

export type AuthOptions = {
  /** "auto": Secure cookies when the request came over https (directly, or via a trusted proxy). */
  cookieSecure?: "auto" | "always" | "never";
  /** Believe X-Forwarded-For and X-Forwarded-Proto (set only behind a reverse proxy that sets them). */
  trustProxy?: boolean;
};

const SESSION = "habeas_session";
// Browsers accept a __Host- cookie only when it is Secure, host-only and for path /: no subdomain can set it.
const HOST_PREFIX = "__Host-";

export function authOptions(c: Context<Env>): Required<AuthOptions> {
  return (
    c.var.authOptions ?? {
      cookieSecure: "auto",
      trustProxy: false,
    }
  );
}

export function isHttps(c: Context): boolean {
  if (new URL(c.req.url).protocol === "https:") return true;
  return (
    authOptions(c).trustProxy && (c.req.header("x-forwarded-proto") ?? "").split(",")[0]?.trim() === "https"
  );
}

/** Whether cookies set on this response carry the Secure flag. */
export function secureCookies(c: Context): boolean {
  const o = authOptions(c).cookieSecure;
  return o === "always" || (o === "auto" && isHttps(c));
}

/** The cookie name for this request: __Host-name when Secure, so it cannot be planted from a subdomain. */
export function cookieName(c: Context, base: string): string {
  return secureCookies(c) ? `${HOST_PREFIX}${base}` : base;
}

/**
 * The cookie under this request's one name. When cookies are Secure only the __Host- name counts: a plain
 * one may have been planted by a subdomain or over http, which is what the prefix exists to rule out.
 */
export function readCookie(c: Context, base: string): string | undefined {
  return getCookie(c, cookieName(c, base));
}

export function writeCookie(c: Context, base: string, value: string, maxAgeSeconds?: number) {
  setCookie(c, cookieName(c, base), value, {
    path: "/",
    httpOnly: true,
    secure: secureCookies(c),
    sameSite: "Lax",
    ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}),
  });
}

export function clearCookie(c: Context, base: string) {
  for (const name of [base, `${HOST_PREFIX}${base}`])
    if (getCookie(c, name) !== undefined)
      deleteCookie(c, name, { path: "/", secure: name.startsWith(HOST_PREFIX) || secureCookies(c) });
}

/** The session token of this request, when it named a live session. */
export function sessionToken(c: Context<Env>): string | undefined {
  return c.var.sessionToken;
}

export function startSession(c: Context<Env>, token: string) {
  writeCookie(c, SESSION, token, Math.floor(SESSION_MAX_MS / 1000));
  c.set("sessionToken", token);
}

export function endSessionCookie(c: Context<Env>) {
  clearCookie(c, SESSION);
  c.set("sessionToken", undefined);
}

/** The address rate limits count against: the peer, or the proxy's X-Forwarded-For when trusted. */
export function clientAddress(c: Context): string {
  if (authOptions(c).trustProxy) {
    const fwd = (c.req.header("x-forwarded-for") ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    if (fwd.length) return fwd.at(-1) as string;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown"; // app.request() in tests has no socket
  }
}

/** Sets the viewer from the session cookie; signed-in responses are never cached. */
export function sessionMiddleware(db: Database, opts: AuthOptions = {}): MiddlewareHandler<Env> {
  const options: Required<AuthOptions> = {
    cookieSecure: opts.cookieSecure ?? "auto",
    trustProxy: opts.trustProxy ?? false,
  };
  return async (c, next) => {
    c.set("authOptions", options);
    c.set("viewer", ANONYMOUS);
    const token = readCookie(c, SESSION);
    if (token) {
      const viewer = await viewerForSession(db, token);
      if (viewer) {
        c.set("viewer", viewer);
        c.set("sessionToken", token);
      } else clearCookie(c, SESSION);
    }
    await next();
    if (sessionToken(c)) {
      c.header("Cache-Control", "no-store");
      c.header("Vary", "Cookie", { append: true });
    }
  };
}
