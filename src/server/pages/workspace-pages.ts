// The staff workspace (search, quick actions, people changed lately, ignored orders) and the review queue
// of what ingestion proposes: links of sources to people, merges of duplicates, new events.
import { html } from "hono/html";
import { isAppError } from "../../domain/errors.ts";
import { can } from "../../domain/policy.ts";
import { venueWatch } from "../../services/petition.ts";
import type { ReviewGroup } from "../../services/review.ts";
import type { Database } from "../../services/store.ts";
import {
  decideReview,
  decideReviewGroup,
  getWorkspace,
  type ReviewItem,
  recentDecisions,
  reviewOverview,
  undoReview,
} from "../../services/workspace.ts";
import { label } from "../i18n/index.ts";
import { param, type router } from "../routes.ts";
import { complianceHeadline } from "./compliance.ts";
import { csrfField, readForm, str } from "./form-kit.ts";
import { type Page, pageOf, render } from "./page.ts";
import { askedFrom, pageWindow } from "./pager.ts";
import { venueBanner } from "./petition-pages.ts";

/** Proposals a page of the review queue shows, oldest first. */
const REVIEW_PAGE_SIZE = 100;

function payloadList(payload: Record<string, unknown>) {
  const entries = Object.entries(payload).filter(
    ([, v]) => v !== null && v !== undefined && (typeof v !== "object" || Array.isArray(v)),
  );
  if (!entries.length) return "";
  return html`<dl class="payload">${entries.slice(0, 10).map(([k, v]) => {
    const text = Array.isArray(v) ? v.map(String).join(", ") : String(v);
    return html`<dt>${k.replace(/_/g, " ")}</dt><dd>${text.length > 300 ? `${text.slice(0, 299)}…` : text}</dd>`;
  })}</dl>`;
}

function reviewItem(p: Page, item: ReviewItem) {
  return html`<li class="card review-item">
    <p><span class="badge">${label(p.lang, "proposal", item.kind)}</span>
      ${item.score !== null ? html`<span class="muted">${p.t("search.match", { n: Math.round(item.score * 100) })}</span>` : ""}
      <span class="muted">${p.date(item.created_at)}</span></p>
    ${item.person ? html`<p>${p.t("review.about")} <a href="/people/${item.person.id}">${item.person.full_name}</a></p>` : ""}
    ${item.source_id ? html`<p>${p.t("review.source")} <a href="/sources/${item.source_id}">${item.source_id}</a></p>` : ""}
    ${payloadList(item.payload)}
    ${
      p.mayWrite
        ? html`<form method="post" action="/review/${item.id}" class="decide">
      ${csrfField(p)}
      <label for="reason-${item.id}">${p.t("review.reason")}</label>
      <input id="reason-${item.id}" name="reason" type="text" maxlength="300" />
      <div class="actions">
        <button type="submit" name="decision" value="accept">${p.t("review.accept")}</button>
        <button type="submit" name="decision" value="reject" class="secondary">${p.t("review.reject")}</button>
      </div>
    </form>`
        : ""
    }
  </li>`;
}

/** One group of the queue (an article × a kind): a sample with its sentences, and one form for all. */
function reviewGroup(p: Page, g: ReviewGroup) {
  return html`<li class="card review-group">
    <p><span class="badge">${label(p.lang, "proposal", g.kind)}</span>
      <strong>${p.tn("review.groupCount", g.count)}</strong>
      ${g.source ? html`<span class="muted">${p.t("review.source")} <a href="/sources/${g.source}">${g.source}</a></span>` : ""}</p>
    <p class="muted">${p.t("review.groupSample")}</p>
    <ul class="plain">${g.sample.map((x) => {
      const who = x.payload.full_name ?? x.payload.name ?? x.payload.person_name ?? "";
      const said = x.payload.sentence ?? x.payload.summary ?? "";
      return html`<li>${who ? html`<strong>${String(who)}</strong>` : ""} ${said ? html`<q>${String(said).slice(0, 300)}</q>` : ""}</li>`;
    })}</ul>
    ${
      p.mayWrite
        ? html`<form method="post" action="/review/group" class="decide">
      ${csrfField(p)}
      <input type="hidden" name="group" value="${g.key}" />
      <div class="actions">
        <button type="submit" name="decision" value="accept">${p.t("review.acceptGroup")}</button>
        <button type="submit" name="decision" value="reject" class="secondary">${p.t("review.rejectGroup")}</button>
      </div>
    </form>`
        : ""
    }
  </li>`;
}

export function registerWorkspacePages(r: ReturnType<typeof router>, db: Database) {
  const staff = { action: "read", resource: "case", kind: "page" } as const;

  r.add({ method: "GET", path: "/workspace", ...staff }, async (c) => {
    const p = pageOf(c);
    const w = await getWorkspace(db, p.viewer);
    const venue = await venueWatch(db, p.viewer);
    return render(c, {
      title: p.t("workspace.title"),
      body: html`<h1>${p.t("workspace.title")}</h1>
        ${venueBanner(p, venue, new Map(venue.map((x) => [x.person, x.name])))}
        <form class="search big" action="/search" method="get" role="search">
          <label for="ws-q">${p.t("workspace.searchLabel")}</label>
          <p class="hint" id="ws-q-hint">${p.t("workspace.searchHint")}</p>
          <div class="row"><input id="ws-q" name="q" type="search" maxlength="200" aria-describedby="ws-q-hint" />
          <button type="submit">${p.t("search.button")}</button></div>
        </form>
        ${
          p.mayWrite
            ? html`<nav class="actions" aria-label="${p.t("workspace.actions")}">
          <a class="button" href="/intake">${p.t("nav.intake")}</a>
          <a class="button secondary" href="/people/new">${p.t("nav.newPerson")}</a>
          <a class="button secondary" href="/sources/new">${p.t("source.add")}</a>
          <a class="button secondary" href="/orders/new">${p.t("order.add")}</a>
        </nav>`
            : ""
        }
        ${p.url.searchParams.get("removed") ? html`<p class="notice ok" role="status">${p.t("remove.done")}</p>` : ""}
        <p><a class="button secondary" href="/workspace/deadlines">${p.t("nav.deadlines")}</a>
          ${p.viewer.role === "admin" ? html`<a class="button secondary" href="/admin/deleted">${p.t("trash.title")}</a>` : ""}</p>
        <section aria-labelledby="mine-h">
          <h2 id="mine-h">${p.t("workspace.mine")}</h2>
          ${
            w.mine.length
              ? html`<ul class="plain">${w.mine.map((x) => html`<li><a href="/people/${x.id}">${x.full_name}</a></li>`)}</ul>`
              : html`<p class="empty">${p.t("workspace.mineNone")}</p>`
          }
        </section>
        <p class="actions"><a href="/workspace/spreadsheet">${p.t("sheet.link")}</a>
          ${can(p.viewer, "write", "import") ? html` · <a href="/import/docket">${p.t("docket.link")}</a>` : ""}</p>
        <div class="grid2">
          <section aria-labelledby="recent-h">
            <h2 id="recent-h">${p.t("workspace.recent")}</h2>
            ${
              w.recent.length
                ? html`<ul class="plain">${w.recent.map(
                    (x) => html`<li><a href="/people/${x.id}">${x.full_name}</a>
                      <span class="muted">${p.date(x.updated_at ?? "")}</span></li>`,
                  )}</ul>`
                : html`<p class="empty">${p.t("people.none")}</p>`
            }
          </section>
          <section aria-labelledby="queue-h">
            <h2 id="queue-h">${p.t("nav.review")}</h2>
            <p>${w.pending ? p.tn("workspace.pending", w.pending) : p.t("review.empty")}</p>
            <p><a href="/review">${p.t("workspace.openQueue")}</a></p>
            <h2>${p.t("dash.orders")}</h2>
            ${
              w.ignoredOrders.length
                ? html`<ul class="plain">${w.ignoredOrders.map(
                    (
                      o,
                    ) => html`<li><a href="/orders#order-${o.order.id}">${o.matter?.caption ?? o.order.matter}</a>
                      · ${label(p.lang, "order", o.order.kind)}
                      <strong class="counter">${complianceHeadline(p, o.compliance)}</strong></li>`,
                  )}</ul>`
                : html`<p class="empty">${p.t("dash.ordersNone")}</p>`
            }
          </section>
        </div>`,
    });
  });

  const queuePage = async (
    c: Parameters<Parameters<typeof r.add>[1]>[0],
    notice?: string,
    status: 200 | 409 = 200,
  ) => {
    const p = pageOf(c);
    const asked = askedFrom(p, REVIEW_PAGE_SIZE);
    // A page past the end (an old link, decisions since) shows the last one: the service and the pager
    // clamp alike.
    const [queue, accepted] = await Promise.all([
      reviewOverview(db, p.viewer, { offset: asked, limit: REVIEW_PAGE_SIZE }),
      recentDecisions(db, p.viewer, { status: "accepted", limit: 20 }),
    ]);
    const list = pageWindow(p, queue.total, REVIEW_PAGE_SIZE);
    const { items, groups } = queue;
    return render(c, {
      title: p.t("nav.review"),
      status,
      body: html`<h1>${p.t("nav.review")}</h1>
        <p class="lede">${p.t("review.lede")}</p>
        ${notice ? html`<p class="notice ${status === 200 ? "ok" : "warn"}" role="status">${notice}</p>` : ""}
        ${
          items.length
            ? html`<p>${p.tn("workspace.pending", queue.total)}${
                list.paged ? html` ${p.t("review.showing", list.range(items.length))}` : ""
              }</p>
              ${
                groups.length
                  ? html`<h2>${p.t("review.groups")}</h2>
                    <ul class="cards">${groups.map((g) => reviewGroup(p, g))}</ul>`
                  : ""
              }
              <ul class="cards">${items.map((i) => reviewItem(p, i))}</ul>
              ${list.nav}`
            : html`<p class="empty">${p.t("review.empty")}</p>`
        }
        ${
          accepted.length && p.mayWrite
            ? html`<h2>${p.t("review.recent")}</h2>
              <ul class="plain">${accepted.map(
                (i) => html`<li><span class="badge">${label(p.lang, "proposal", i.kind)}</span>
                    ${String(i.payload.full_name ?? i.payload.name ?? i.payload.summary ?? i.id).slice(0, 120)}
                    <form method="post" action="/review/${i.id}/undo" class="inline">${csrfField(p)}
                      <button type="submit" class="secondary">${p.t("review.undo")}</button></form></li>`,
              )}</ul>`
            : ""
        }`,
    });
  };

  r.add({ method: "GET", path: "/review", ...staff }, (c) => {
    const p = pageOf(c);
    const done = c.req.query("done");
    return queuePage(
      c,
      done === "accepted" ? p.t("review.accepted") : done === "rejected" ? p.t("review.rejected") : undefined,
    );
  });
  r.add(
    { method: "POST", path: "/review/:id/undo", action: "write", resource: "case", kind: "page" },
    async (c) => {
      const p = pageOf(c);
      try {
        await undoReview(db, param(c, "id"), p.viewer);
        return queuePage(c, p.t("review.undone"));
      } catch (e) {
        if (isAppError(e) && e.code === "CONFLICT") return queuePage(c, e.message, 409);
        throw e;
      }
    },
  );
  r.add(
    { method: "POST", path: "/review/group", action: "write", resource: "case", kind: "page" },
    async (c) => {
      const p = pageOf(c);
      const v = await readForm(c);
      try {
        const out = await decideReviewGroup(
          db,
          str(v, "group") ?? "",
          str(v, "decision") === "accept",
          p.viewer,
          str(v, "reason"),
        );
        return queuePage(c, p.t("review.groupDone", { n: out.length }));
      } catch (e) {
        if (isAppError(e) && (e.code === "CONFLICT" || e.code === "NOT_FOUND" || e.code === "BAD_INPUT"))
          return queuePage(c, e.message, 409);
        throw e;
      }
    },
  );
  r.add(
    { method: "POST", path: "/review/:id", action: "write", resource: "case", kind: "page" },
    async (c) => {
      const p = pageOf(c);
      const v = await readForm(c);
      try {
        const d = await decideReview(
          db,
          param(c, "id"),
          str(v, "decision") === "accept",
          p.viewer,
          str(v, "reason"),
        );
        return c.redirect(`/review?done=${d.status}`, 303);
      } catch (e) {
        if (isAppError(e) && e.code === "CONFLICT") return queuePage(c, e.message, 409);
        throw e;
      }
    },
  );
}
