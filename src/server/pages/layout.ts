// The page frame: language switch, public and staff navigation, sign-in state, one stylesheet served by
// habeas itself, no inline script. Error pages rendered outside a page handler still get the language.
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { LANG_NAMES, LANGS, localeFor } from "../i18n/index.ts";
import { currentPage, type Page } from "./page.ts";

export type Body = HtmlEscapedString | Promise<HtmlEscapedString>;

/** The same URL in another language. */
export function langHref(url: URL, lang: string): string {
  const u = new URL(url);
  u.searchParams.set("lang", lang);
  return `${u.pathname}${u.search}`;
}

function navLink(page: Page | undefined, href: string, text: string) {
  const path = page?.url.pathname ?? "";
  const current = href === "/" ? path === "/" : path === href || path.startsWith(`${href}/`);
  return html`<li><a href="${href}"${current ? html` aria-current="page"` : ""}>${text}</a></li>`;
}

function account(p: Page) {
  const t = p.t;
  if (p.viewer.role === "public") {
    const next = `${p.url.pathname}${p.url.search}`;
    return html`<a class="signin" href="/login?next=${encodeURIComponent(next)}">${t("nav.signIn")}</a>`;
  }
  return html`<span class="who">${p.viewer.userId ? html`<span class="visually-hidden">${t("nav.signedInAs")}</span> ${p.viewer.userId}` : ""}
      <span class="role">${t(`role.${p.viewer.role}` as never)}</span></span>
    <form class="signout" method="post" action="/logout">
      ${p.csrf ? html`<input type="hidden" name="_csrf" value="${p.csrf}" />` : ""}
      <button type="submit" class="link">${t("nav.signOut")}</button>
    </form>`;
}

export function layout(opts: { title: string; lang?: string; body: Body; page?: Page; wide?: boolean }) {
  const page = opts.page ?? currentPage();
  const L = page ?? localeFor(opts.lang === "es" ? "es" : "en");
  const t = L.t;
  const url = page?.url ?? new URL("http://localhost/");
  return html`<!doctype html>
<html lang="${L.lang}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <!-- Nothing goes to other sites, and our own forms keep their Origin (under "no-referrer" a browser
         posts them with Origin: null, which the anti-forgery check rightly refuses). -->
    <meta name="referrer" content="same-origin" />
    <title>${opts.title} · habeas</title>
    <link rel="stylesheet" href="/assets/style.css" />
    <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
    ${LANGS.filter((l) => l !== L.lang).map((l) => html`<link rel="alternate" hreflang="${l}" href="${langHref(url, l)}" />`)}
  </head>
  <body>
    <a class="skip" href="#main">${t("nav.skip")}</a>
    <header class="site">
      <div class="bar">
        <a class="brand" href="/">habeas</a>
        <nav aria-label="${t("nav.public")}">
          <ul>
            ${navLink(page, "/", t("nav.dashboard"))}
            ${navLink(page, "/people", t("nav.people"))}
            ${navLink(page, "/orders", t("nav.orders"))}
            ${navLink(page, "/rights", t("nav.rights"))}
            ${navLink(page, "/plan", t("nav.plan"))}
          </ul>
        </nav>
        <div class="tools">
          ${LANGS.filter((l) => l !== L.lang).map(
            (l) =>
              html`<a class="lang" href="${langHref(url, l)}" hreflang="${l}" lang="${l}">${LANG_NAMES[l]}</a>`,
          )}
          ${page ? account(page) : ""}
        </div>
      </div>
      ${
        page?.staff
          ? html`<div class="bar staff">
        <nav aria-label="${t("nav.staff")}">
          <ul>
            ${navLink(page, "/workspace", t("nav.workspace"))}
            ${page.mayWrite ? navLink(page, "/intake", t("nav.intake")) : ""}
            ${page.mayWrite ? navLink(page, "/people/new", t("nav.newPerson")) : ""}
            ${navLink(page, "/review", t("nav.review"))}
            ${navLink(page, "/workspace/deadlines", t("nav.deadlines"))}
            ${navLink(page, "/sources", t("nav.sources"))}
          </ul>
        </nav>
        <form class="search" action="/search" method="get" role="search">
          <label for="q" class="visually-hidden">${t("search.label")}</label>
          <input id="q" name="q" type="search" placeholder="${t("search.placeholder")}" maxlength="200" />
          <button type="submit">${t("search.button")}</button>
        </form>
      </div>`
          : ""
      }
    </header>
    <main id="main"${opts.wide ? html` class="wide"` : ""}>${opts.body}</main>
    <footer class="site">
      <p>${t("footer.about")}</p>
      <p>${t("footer.notAdvice")}</p>
      <p><a href="/family">${t("footer.family")}</a> · <a href="/data/public.csv">${t("footer.csv")}</a> ·
        <a href="/data/public.json">${t("footer.json")}</a> · <a href="/sources">${t("nav.sources")}</a> ·
        <a href="/search">${t("search.button")}</a></p>
    </footer>
  </body>
</html>`;
}
