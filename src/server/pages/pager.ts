// Long lists a page at a time: which items a page shows (`?page=`, from 1) and the links to the pages beside
// it, the request's other parameters (filters, language) kept.
import { html } from "hono/html";
import type { Page } from "./page.ts";

/** The page asked for, kept within the pages there are (an old link past the end shows the last). */
function pageNumber(p: Page, last: number): number {
  const n = Number(p.url.searchParams.get("page") ?? "1");
  return Number.isInteger(n) && n >= 1 ? Math.min(n, last) : 1;
}

/** This address with another page number. */
function pageHref(p: Page, n: number): string {
  const q = new URLSearchParams(p.url.searchParams);
  if (n > 1) q.set("page", String(n));
  else q.delete("page");
  const s = q.toString();
  return `${p.url.pathname}${s ? `?${s}` : ""}`;
}

/**
 * The items of the page asked for, `size` a page, with the first and last shown (from 1) for the page's
 * summary, and its links (empty when everything fits on one page).
 */
export function pageThrough<T>(p: Page, items: readonly T[], size: number) {
  const last = Math.max(1, Math.ceil(items.length / size));
  const n = pageNumber(p, last);
  const from = (n - 1) * size;
  const shown = items.slice(from, from + size);
  const nav =
    last > 1
      ? html`<nav class="pager" aria-label="${p.t("people.pages")}">
          ${n > 1 ? html`<a href="${pageHref(p, n - 1)}" rel="prev">${p.t("people.prev")}</a>` : ""}
          <span class="muted">${p.t("pager.page", { n: p.number(n), last: p.number(last) })}</span>
          ${n < last ? html`<a href="${pageHref(p, n + 1)}" rel="next">${p.t("people.next")}</a>` : ""}
        </nav>`
      : "";
  return {
    shown,
    /** Whether the list runs over more than one page. */
    paged: last > 1,
    range: { from: p.number(from + 1), to: p.number(from + shown.length), total: p.number(items.length) },
    nav,
  };
}
