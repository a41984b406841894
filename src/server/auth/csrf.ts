// Cross-site request forgery: every form carries a hidden `_csrf` token tied to the session (or, before
// sign-in, to a random pre-session cookie); JSON writes by a signed-in browser carry it in X-CSRF-Token.
// A token is SHA-256 of the secret cookie value, so it cannot be made without reading that cookie.
// Requests whose Origin or Sec-Fetch-Site says another site are refused outright.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { html } from "hono/html";
import { AppError } from "../../domain/errors.ts";
import type { Env } from "../routes.ts";
import { authOptions, readCookie, sessionToken, writeCookie } from "./session.ts";

export const CSRF_FIELD = "_csrf";
export const CSRF_HEADER = "x-csrf-token";
const PRE_SESSION = "habeas_pre";

const derive = (secret: string) => createHash("sha256").update(`habeas csrf\0${secret}`).digest("base64url");

function preSession(c: Context<Env>, create: boolean): string | undefined {
  const made = c.var.preSession;
  if (made) return made;
  const existing = readCookie(c, PRE_SESSION);
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  if (!create) return undefined;
  const fresh = randomBytes(32).toString("base64url");
  writeCookie(c, PRE_SESSION, fresh);
  c.set("preSession", fresh);
  return fresh;
}

/** The anti-forgery token for forms on this page (sets the pre-session cookie for visitors not signed in). */
export function csrfToken(c: Context): string {
  const session = sessionToken(c);
  return derive(session ?? (preSession(c, true) as string));
}

/** The hidden form field every POST form includes. */
export function csrfField(c: Context) {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${csrfToken(c)}" />`;
}

function matches(given: string | undefined, c: Context): boolean {
  if (!given) return false;
  const secret = sessionToken(c) ?? preSession(c, false);
  if (!secret) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(derive(secret));
  return a.length === b.length && timingSafeEqual(a, b);
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const isForm = (ct: string) =>
  ct.startsWith("application/x-www-form-urlencoded") || ct.startsWith("multipart/form-data");

function expectedHost(c: Context): string {
  const fwd = authOptions(c).trustProxy ? c.req.header("x-forwarded-host") : undefined;
  return (fwd ?? c.req.header("host") ?? new URL(c.req.url).host).split(",")[0]?.trim().toLowerCase() ?? "";
}

function forged(message = "this form expired or came from another site: reload the page and try again") {
  return new AppError("FORBIDDEN", message);
}

/** Checks every unsafe request; sets c.var.csrf for signed-in pages (the layout's sign-out form). */
export function csrfMiddleware(): MiddlewareHandler<Env> {
  return async (c, next) => {
    if (sessionToken(c)) c.set("csrf", csrfToken(c));
    if (UNSAFE.has(c.req.method)) await check(c);
    await next();
    // A page that handed out a pre-session cookie and its token is for this visitor alone.
    if (c.var.preSession) c.header("Cache-Control", "no-store");
  };
}

/** Refuses an unsafe request that another site could have made for this browser. */
async function check(c: Context): Promise<void> {
  // Browsers say where a request comes from: another site (or a sibling subdomain) is refused outright.
  const site = c.req.header("sec-fetch-site");
  if (site === "cross-site" || site === "same-site") throw forged("requests from other sites are refused");
  const origin = c.req.header("origin");
  if (origin && origin !== "null") {
    let host = "";
    try {
      host = new URL(origin).host.toLowerCase();
    } catch {}
    if (host !== expectedHost(c)) throw forged("requests from other sites are refused");
  } else if (origin === "null" && site !== "same-origin") {
    // "null" is a sandboxed frame or a data: page — or our own form under a no-referrer policy, which
    // Sec-Fetch-Site: same-origin vouches for.
    throw forged("requests from other sites are refused");
  }

  const ct = (c.req.header("content-type") ?? "").toLowerCase();
  if (isForm(ct)) {
    let token: unknown;
    try {
      token = (await c.req.parseBody({ all: true }))[CSRF_FIELD];
    } catch {
      throw new AppError("BAD_INPUT", "the form could not be read");
    }
    if (typeof token !== "string" || !matches(token, c)) throw forged();
    return;
  }
  // A signed-in browser sends the session cookie with any request: it must prove it read our page.
  if (sessionToken(c)) {
    if (!matches(c.req.header(CSRF_HEADER), c))
      throw forged(`send the X-CSRF-Token header (GET /api/whoami gives it)`);
    return;
  }
  // Without a session nothing ambient is at stake; still, bodies are JSON or forms, nothing else
  // (a text/plain "form" from another site must not pass for JSON).
  if (ct && !ct.startsWith("application/json"))
    throw new AppError("BAD_INPUT", "send JSON (Content-Type: application/json) or a form");
}
