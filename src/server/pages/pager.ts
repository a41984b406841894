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
 * Where the page asked for starts (from 0), before the list's length is known: a list read a page at a time
 * reads from here, and pageWindow, given the count read with it, says where it really starts (the last page
 * when this one lies past the end).
 */
export function askedFrom(p: Page, size: number): number {
  return (pageNumber(p, Number.MAX_SAFE_INTEGER) - 1) * size;
}

/**
 * Which page of a list of `total`, `size` a page, is asked for: where it starts (from 0), the first, last and
 * total shown (from 1) given how many it shows, and the links beside it (empty when everything fits on one
 * page). For a list read a page at a time, whose count is known without its items.
 */
export function pageWindow(p: Page, total: number, size: number) {
  const last = Math.max(1, Math.ceil(total / size));
  const n = pageNumber(p, last);
  const from = (n - 1) * size;
  const nav =
    last > 1
      ? html`<nav class="pager" aria-label="${p.t("people.pages")}">
          ${n > 1 ? html`<a href="${pageHref(p, n - 1)}" rel="prev">${p.t("people.prev")}</a>` : ""}
          <span class="muted">${p.t("pager.page", { n: p.number(n), last: p.number(last) })}</span>
          ${n < last ? html`<a href="${pageHref(p, n + 1)}" rel="next">${p.t("people.next")}</a>` : ""}
        </nav>`
      : "";
  return {
    from,
    /** Whether the list runs over more than one page. */
    paged: last > 1,
    range: (shown: number) => ({
      from: p.number(from + 1),
      to: p.number(from + shown),
      total: p.number(total),
    }),
    nav,
  };
}

/** The items of the page asked for out of all of them in hand (pageWindow). */
export function pageThrough<T>(p: Page, items: readonly T[], size: number) {
  const w = pageWindow(p, items.length, size);
  const shown = items.slice(w.from, w.from + size);
  return { shown, paged: w.paged, range: w.range(shown.length), nav: w.nav };
}
