// Signing in and out: GET/POST /login (a form, or JSON for API clients) and POST /logout. Sign-in attempts
// are limited per address here and per account in the service; the session token is new at every sign-in.
import type { Context } from "hono";
import { html } from "hono/html";
import { AppError, isAppError } from "../../domain/errors.ts";
import { hasUsers, signIn, signOut } from "../../services/accounts.ts";
import type { Database } from "../../services/store.ts";
import { localeFor, requestLang } from "../i18n/index.ts";
import { render } from "../pages/page.ts";
import { type router, viewerOf } from "../routes.ts";
import { csrfField, csrfToken } from "./csrf.ts";
import { type RateLimiter, rateLimiter } from "./rate-limit.ts";
import { clearCookie, clientAddress, endSessionCookie, sessionToken, startSession } from "./session.ts";

/** Only paths on this site: "/x" but not "//evil.example" or "/\\evil.example". */
export function safeNext(next: unknown): string {
  if (typeof next !== "string" || next.length > 1000) return "/";
  return /^\/(?![/\\])[^\s\\]*$/.test(next) ? next : "/";
}

const isJson = (c: Context) =>
  (c.req.header("content-type") ?? "").toLowerCase().startsWith("application/json");

async function loginPage(
  c: Context,
  db: Database,
  opts: { next: string; username?: string; error?: string },
) {
  const { t } = localeFor(requestLang(c));
  const none = !(await hasUsers(db));
  return render(c, {
    title: t("login.title"),
    body: html`<h1>${t("login.title")}</h1>
      <p>${t("login.intro")} <a href="/family">${t("login.family")}</a>.</p>
      ${none ? html`<p class="notice warn">${t("login.noUsers")} <code>habeas user add NAME --admin</code>.</p>` : ""}
      ${opts.error ? html`<p class="notice warn" role="alert">${opts.error}</p>` : ""}
      <form method="post" action="/login" class="login">
        ${csrfField(c)}
        <input type="hidden" name="next" value="${opts.next}" />
        <div class="field">
          <label for="username">${t("login.username")}</label>
          <input id="username" name="username" type="text" autocomplete="username" autocapitalize="none"
            spellcheck="false" maxlength="40" required value="${opts.username ?? ""}" />
        </div>
        <div class="field">
          <label for="password">${t("login.password")}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" maxlength="256" required />
        </div>
        <p><button type="submit">${t("login.submit")}</button></p>
      </form>
      <p class="muted">${t("login.forgot")}</p>`,
  });
}

export function registerAuthRoutes(r: ReturnType<typeof router>, db: Database, limiter?: RateLimiter) {
  const session = { resource: "session", kind: "page" } as const;
  // Twenty attempts per address per quarter hour, whatever the usernames.
  const perAddress = limiter ?? rateLimiter({ max: 20, windowMs: 15 * 60_000 });

  r.add({ method: "GET", path: "/login", action: "read", ...session }, async (c) => {
    const next = safeNext(c.req.query("next"));
    if (viewerOf(c).role !== "public") return c.redirect(next, 303);
    return loginPage(c, db, { next });
  });

  r.add({ method: "POST", path: "/login", action: "write", ...session }, async (c) => {
    const json = isJson(c);
    let input: Record<string, unknown>;
    try {
      input = json ? ((await c.req.json()) as Record<string, unknown>) : await c.req.parseBody();
    } catch {
      throw new AppError("BAD_INPUT", "the sign-in could not be read");
    }
    if (!input || typeof input !== "object" || Array.isArray(input))
      throw new AppError("BAD_INPUT", "send a username and a password");
    const next = safeNext(input.next);
    const username = typeof input.username === "string" ? input.username.slice(0, 40) : "";
    const { t } = localeFor(requestLang(c));
    try {
      if (!perAddress.allow(clientAddress(c)))
        throw new AppError("RATE_LIMITED", "too many sign-in attempts from this address: wait a few minutes");
      const s = await signIn(db, { username: input.username, password: input.password });
      clearCookie(c, "habeas_pre");
      startSession(c, s.token);
      if (json)
        return c.json({
          username: s.viewer.userId,
          role: s.viewer.role,
          team: s.viewer.team ?? null,
          expires_at: s.expires_at,
          csrf: csrfToken(c),
        });
      return c.redirect(next, 303);
    } catch (e) {
      if (json || !isAppError(e)) throw e;
      // The form comes back with the reason (status 200: error statuses get the generic error page).
      const error =
        e.code === "RATE_LIMITED"
          ? t("login.limited")
          : e.code === "BAD_INPUT"
            ? t("login.missing")
            : t("login.wrong");
      return loginPage(c, db, { next, username, error });
    }
  });

  r.add({ method: "POST", path: "/logout", action: "write", ...session }, async (c) => {
    const token = sessionToken(c);
    if (token) await signOut(db, token);
    endSessionCookie(c);
    if (isJson(c) || !(c.req.header("content-type") ?? "").includes("form")) return c.body(null, 204);
    return c.redirect("/", 303);
  });
}
