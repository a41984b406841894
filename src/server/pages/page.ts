// What every page handler needs from a request: the viewer, their language and formatters, and a render
// helper that wraps the body in the layout with the right language headers.
import type { Context } from "hono";
import { tryGetContext } from "hono/context-storage";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { can, type Viewer } from "../../domain/policy.ts";
import { type Lang, type Locale, localeFor, requestLang } from "../i18n/index.ts";
import { type Env, viewerOf } from "../routes.ts";
import { type Body, layout } from "./layout.ts";

export type Page = Locale & {
  viewer: Viewer;
  /** May read team case data (the staff workspace). */
  staff: boolean;
  /** May read and write restricted fields (A-number, birth date, notes). */
  restricted: boolean;
  mayWrite: boolean;
  /** Path and query of this request, for the language switch and "back" links. */
  url: URL;
  /** The anti-forgery token for forms, when the session layer provides one. */
  csrf?: string;
};

/** The page context of a request (computed once per request). */
export function pageOf(c: Context<Env>): Page {
  const cached = c.var.page;
  if (cached) return cached;
  const lang: Lang = requestLang(c);
  const viewer = viewerOf(c);
  const token = c.var.csrf;
  const page: Page = {
    ...localeFor(lang),
    viewer,
    staff: can(viewer, "read", "case"),
    restricted: can(viewer, "write", "restricted"),
    mayWrite: can(viewer, "write", "case"),
    url: new URL(c.req.url),
    csrf: typeof token === "string" ? token : undefined,
  };
  c.set("page", page);
  return page;
}

/** The page context of the request being handled, if any (for the layout of error pages). */
export function currentPage(): Page | undefined {
  const c = tryGetContext<Env>();
  return c ? pageOf(c) : undefined;
}

export function render(
  c: Context,
  opts: { title: string; body: Body; status?: ContentfulStatusCode; wide?: boolean },
) {
  const p = pageOf(c);
  c.header("Content-Language", p.lang);
  c.header("Vary", "Accept-Language, Cookie");
  // Pages with personal data must not linger in shared caches.
  c.header("Cache-Control", p.staff ? "no-store" : "no-cache");
  return c.html(layout({ title: opts.title, body: opts.body, page: p, wide: opts.wide }), opts.status ?? 200);
}
