// Error pages in the visitor's language: the app's one error handler answers first, then this middleware
// (registered with the pages) swaps HTML error bodies for localized ones and sends anonymous visitors of
// staff pages to the sign-in form. JSON answers and the API are left alone.
import type { Context, Next } from "hono";
import { html } from "hono/html";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { isAppError } from "../../domain/errors.ts";
import type { MessageKey } from "../i18n/index.ts";
import { pageOf, render } from "./page.ts";

const TEXT: Record<number, [MessageKey, MessageKey]> = {
  400: ["error.badInputTitle", "error.badInput"],
  401: ["error.signInTitle", "error.signIn"],
  403: ["error.forbiddenTitle", "error.forbidden"],
  404: ["error.notFoundTitle", "error.notFound"],
  409: ["error.conflictTitle", "error.conflict"],
  413: ["error.tooLargeTitle", "error.tooLarge"],
  429: ["error.rateLimitedTitle", "error.rateLimited"],
  503: ["error.unavailableTitle", "error.unavailable"],
};

function isHtml(c: Context): boolean {
  return (c.res.headers.get("content-type") ?? "").startsWith("text/html");
}

export async function localizeErrors(c: Context, next: Next) {
  await next();
  const status = c.res.status;
  const err = c.error;
  // Only what the app's error handler or not-found handler made: pages that answer 400 themselves (a
  // form with its problems) are left as they are.
  if (status < 400 || c.req.path.startsWith("/api/") || !isHtml(c)) return;
  if (!err && status !== 404) return;
  const p = pageOf(c);
  if (status === 401 && c.req.method === "GET" && p.viewer.role === "public") {
    const next = `${p.url.pathname}${p.url.search}`;
    c.res = c.redirect(`/login?next=${encodeURIComponent(next)}`, 303);
    return;
  }
  const [title, text] = TEXT[status] ?? (["error.genericTitle", "error.generic"] as const);
  const detail = status === 400 && isAppError(err) ? err.message : "";
  c.res = await render(c, {
    title: p.t(title),
    status: status as ContentfulStatusCode,
    body: html`<h1>${p.t(title)}</h1><p>${p.t(text)}</p>${detail ? html`<p class="muted">${detail}</p>` : ""}
      <p><a href="/">${p.t("error.home")}</a>${p.staff ? html` · <a href="/workspace">${p.t("nav.workspace")}</a>` : ""}</p>`,
  });
}
