// One legal matter: court, docket number, judge, nature of suit, parties, the people on record it concerns,
// its orders, and the docket entries as imported, each linked to the source it is kept as.
import { html } from "hono/html";
import { getMatterDocket } from "../../services/catalog.ts";
import type { Database } from "../../services/store.ts";
import { label } from "../i18n/index.ts";
import { param, type router } from "../routes.ts";
import { pageOf, render } from "./page.ts";

export function registerMatterPage(r: ReturnType<typeof router>, db: Database) {
  r.add(
    { method: "GET", path: "/matters/:id", action: "read", resource: "public", kind: "page" },
    async (c) => {
      const p = pageOf(c);
      const { matter: m, entries, orders } = await getMatterDocket(db, param(c, "id"), p.viewer);
      return render(c, {
        title: m.caption,
        body: html`<article class="matter">
        <h1>${m.caption}</h1>
        <dl class="facts">
          <dt>${p.t("matter.court")}</dt><dd>${m.court}</dd>
          ${m.docket_number ? html`<dt>${p.t("matter.docket")}</dt><dd>${m.docket_number}</dd>` : ""}
          ${m.judge ? html`<dt>${p.t("matter.judge")}</dt><dd>${m.judge}</dd>` : ""}
          ${m.nature_of_suit ? html`<dt>${p.t("matter.natureOfSuit")}</dt><dd>${m.nature_of_suit}</dd>` : ""}
          ${m.cause ? html`<dt>${p.t("matter.cause")}</dt><dd>${m.cause}</dd>` : ""}
          ${m.filed_on ? html`<dt>${p.t("matter.filedOn")}</dt><dd>${p.date(m.filed_on)}</dd>` : ""}
          ${m.decided_on ? html`<dt>${p.t("matter.decidedOn")}</dt><dd>${p.date(m.decided_on)}</dd>` : ""}
          ${m.status ? html`<dt>${p.t("matter.status")}</dt><dd>${m.status}</dd>` : ""}
          ${m.parties.length ? html`<dt>${p.t("matter.parties")}</dt><dd>${m.parties.join("; ")}</dd>` : ""}
          <dt>${p.t("matter.people")}</dt><dd>${
            m.people.length
              ? m.people.map((id, i) => html`${i ? ", " : ""}<a href="/people/${id}">${id}</a>`)
              : p.t("matter.noPeople")
          }</dd>
        </dl>
        ${m.summary ? html`<p>${m.summary}</p>` : ""}
        ${p.mayWrite ? html`<p><a class="button secondary" href="/orders/new?matter=${m.id}">${p.t("matter.addOrder")}</a></p>` : ""}
        ${
          orders.length
            ? html`<section aria-labelledby="m-orders-h"><h2 id="m-orders-h">${p.t("matter.orders")}</h2>
              <ul class="orders">${orders.map(
                (
                  o,
                ) => html`<li id="order-${o.id}"><span class="badge">${label(p.lang, "order", o.kind)}</span>
                  <time datetime="${o.issued_at}">${p.date(o.issued_at)}</time> ${o.summary}</li>`,
              )}</ul></section>`
            : ""
        }
        <section aria-labelledby="m-docket-h"><h2 id="m-docket-h">${p.t("matter.docketEntries")}</h2>
          ${
            entries.length
              ? html`<ol class="docket">${entries.map(
                  (e) => html`<li>
                    <span class="badge">${label(p.lang, "entry", e.class)}</span>
                    ${e.number ? html`<strong>#${e.number}</strong>` : ""}
                    ${e.date_filed ? html`<time datetime="${e.date_filed}">${p.date(e.date_filed)}</time>` : ""}
                    <p>${e.description} <a href="/sources/${e.source}">${p.t("source.details")}</a></p>
                  </li>`,
                )}</ol>`
              : html`<p class="empty">${p.t("matter.noEntries")}</p>`
          }
        </section>
      </article>`,
      });
    },
  );
}
