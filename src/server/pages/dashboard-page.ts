// The public dashboard (the home page): people documented by country, facility and status, court orders
// left unobeyed and for how long, a dated timeline and sourced claims. Public records only; counts under
// five read "fewer than 5".
import { html } from "hono/html";
import {
  type ClaimReport,
  type Dashboard,
  getDashboard,
  type TimelineEntry,
} from "../../services/dashboard.ts";
import { nationalPopulationChart, type PopulationPoint } from "../../services/facility-registry.ts";
import type { Database } from "../../services/store.ts";
import { type BarRow, barChart } from "../charts.ts";
import { label } from "../i18n/index.ts";
import type { router } from "../routes.ts";
import { complianceHeadline } from "./compliance.ts";
import { type Page, pageOf, render } from "./page.ts";
import { populationChart } from "./population-chart.ts";

/** A people count for a chart row: small counts are withheld and drawn as a same-size outline. */
function countRow(p: Page, text: string, n: number, href?: string): BarRow {
  if (text === "(other)") text = p.t("dash.other");
  const withheld = n > 0 && n < 5;
  return { label: text, value: withheld ? 5 : n, display: p.count(n), withheld, href };
}

function stat(value: string, text: string, tone = "") {
  return html`<div class="stat ${tone}"><span class="stat-value">${value}</span><span class="stat-label">${text}</span></div>`;
}

function sourceLinks(p: Page, d: Dashboard, ids: string[]) {
  const unique = [...new Set(ids)];
  if (!unique.length) return html`<span class="badge unverified">${p.t("source.unverified")}</span>`;
  return html`<span class="cites">${unique.map((id) => {
    const s = d.sources[id];
    return html`<a class="cite" href="/sources/${id}" title="${s ? `${s.publisher}: ${s.title}` : id}">${s?.publisher ?? id}</a>`;
  })}</span>`;
}

function timelineItem(p: Page, d: Dashboard, e: TimelineEntry) {
  if (e.kind === "order") {
    const o = e.order;
    return html`<li class="event is-order">
      <time datetime="${o.issued_at}">${p.when({ at: o.issued_at, precision: o.precision, tz: o.tz })}</time>
      <span class="etype">${p.t("dash.courtOrder")} · ${label(p.lang, "order", o.kind)}</span>
      <p>${e.matter ? html`<strong>${e.matter}</strong>: ` : ""}${o.summary}
        ${sourceLinks(
          p,
          d,
          o.citations.map((c) => c.source),
        )}</p>
    </li>`;
  }
  const ev = e.event;
  return html`<li class="event ${ev.unverified ? "is-unverified" : ""}">
    <time datetime="${ev.at}">${p.when(ev)}</time>
    <span class="etype">${label(p.lang, "event", ev.type)}</span>
    <p>${e.person ? html`<a href="/people/${e.person.id}">${e.person.name}</a>: ` : ""}${ev.summary}
      ${sourceLinks(
        p,
        d,
        ev.citations.map((c) => c.source),
      )}</p>
  </li>`;
}

function corroborationBadge(p: Page, n: number) {
  if (n >= 2) return html`<span class="badge ok">${p.t("claims.corroborated", { n: p.number(n) })}</span>`;
  if (n === 1) return html`<span class="badge">${p.t("claims.single")}</span>`;
  return html`<span class="badge unverified">${p.t("source.unverified")}</span>`;
}

function claimRow(p: Page, c: ClaimReport) {
  return html`<tr>
    <th scope="row">${c.subject}</th>
    <td>${c.predicate.replace(/_/g, " ")}</td>
    <td>${c.conflict ? html`<span class="badge warn">${p.t("claims.disagree")}</span>` : ""}
      <ul class="claim-values">${c.values.map(
        (v) => html`<li><strong>${v.value}</strong> ${corroborationBadge(p, v.independent_count)}
          <ul class="inline">${v.sources.map(
            (s) =>
              html`<li>${s.url ? html`<a href="${s.url}" rel="noopener noreferrer" title="${s.title}">${s.publisher}</a>` : s.publisher}</li>`,
          )}</ul></li>`,
      )}</ul></td>
  </tr>`;
}

export function dashboardBody(p: Page, d: Dashboard) {
  const t = p.t;
  const status = new Map(d.by_status.map((s) => [s.status, s.people]));
  // A status pooled into "(other)" is withheld here too: 0 would be false, and the cell is not ours to show.
  const pooled = status.has("(other)");
  const shownOr = (keys: string[]): number | null => {
    const hit = keys.filter((k) => status.has(k as never));
    if (hit.length < keys.length && pooled) return null;
    return hit.reduce((n, k) => n + (status.get(k as never) ?? 0), 0);
  };
  const held = shownOr(["held_us", "held_abroad"]);
  const returned = shownOr(["returned"]);
  const longest = d.orders[0];
  return html`<h1>${t("dash.title")}</h1>
    <p class="lede">${t("dash.lede")}</p>
    <p class="muted">${t("dash.publicOnly")} ${t("dash.asOf", { date: p.date(d.computed_at) })}</p>

    <section aria-labelledby="key-h">
      <h2 id="key-h" class="visually-hidden">${t("dash.keyFigures")}</h2>
      <div class="stats">
        ${stat(p.count(d.totals.people), t("dash.statPeople"))}
        ${stat(p.count(held), t("dash.statHeld"), "warn")}
        ${stat(p.count(returned), t("dash.statReturned"), "ok")}
        ${stat(p.number(d.order_counts.breached), t("dash.statBreached"), d.order_counts.breached ? "warn" : "")}
        ${stat(p.number(d.order_counts.unmet), t("dash.statUnmet"), d.order_counts.unmet ? "warn" : "")}
      </div>
      <p class="muted">${
        d.totals.individuals === null
          ? t("dash.recordsNoteWithheld")
          : t("dash.recordsNote", {
              individuals: p.count(d.totals.individuals),
              groups: p.count(d.totals.groups),
              members: p.count(d.totals.group_people),
            })
      }</p>
    </section>

    <div class="grid2">
      <section aria-labelledby="status-h">
        <h2 id="status-h">${t("dash.byStatus")}</h2>
        ${barChart({
          id: "chart-status",
          title: t("dash.byStatus"),
          desc: t("dash.byStatusDesc"),
          columns: [t("dash.colStatus"), t("dash.colPeople")],
          tableLabel: t("chart.table"),
          empty: t("dash.none"),
          rows: d.by_status.map((s) =>
            countRow(p, s.status === "(other)" ? s.status : t(`status.${s.status}`), s.people),
          ),
        })}
      </section>
      <section aria-labelledby="country-h">
        <h2 id="country-h">${t("dash.byCountry")}</h2>
        ${barChart({
          id: "chart-country",
          title: t("dash.byCountry"),
          desc: t("dash.byCountryDesc"),
          columns: [t("dash.colCountry"), t("dash.colPeople")],
          tableLabel: t("chart.table"),
          empty: t("dash.none"),
          rows: d.by_country
            .slice(0, 12)
            .map((c) =>
              countRow(
                p,
                c.country === "unknown"
                  ? t("dash.unknown")
                  : c.country === "(other)"
                    ? c.country
                    : p.country(c.country),
                c.people,
              ),
            ),
        })}
      </section>
      <section aria-labelledby="facility-h">
        <h2 id="facility-h">${t("dash.byFacility")}</h2>
        ${barChart({
          id: "chart-facility",
          title: t("dash.byFacility"),
          desc: t("dash.byFacilityDesc"),
          columns: [t("dash.colFacility"), t("dash.colPeople")],
          tableLabel: t("chart.table"),
          empty: t("dash.none"),
          rows: d.by_facility
            .slice(0, 12)
            .map((f) =>
              countRow(
                p,
                f.facility.id === "(other)"
                  ? "(other)"
                  : `${f.facility.name} (${p.country(f.facility.country)})`,
                f.people,
              ),
            ),
        })}
      </section>
      <section aria-labelledby="orders-h">
        <h2 id="orders-h">${t("dash.orders")}</h2>
        ${barChart({
          id: "chart-orders",
          title: t("dash.orders"),
          desc: longest
            ? p.tn("dash.ordersDesc", d.orders.length, { days: p.days(longest.compliance.days_unmet ?? 0) })
            : t("dash.ordersNone"),
          columns: [t("dash.colOrder"), t("dash.colDays")],
          tableLabel: t("chart.table"),
          empty: t("dash.ordersNone"),
          rows: d.orders.map((o) => ({
            label: `${o.matter?.caption ?? o.order.matter} · ${label(p.lang, "order", o.order.kind)} · ${p.when({ at: o.order.issued_at, precision: "day", tz: o.order.tz })} · ${complianceHeadline(p, o.compliance)}`,
            value: o.compliance.days_unmet ?? 0,
            display: p.days(o.compliance.days_unmet ?? 0),
            href: "/orders",
          })),
        })}
      </section>
    </div>

    <section aria-labelledby="timeline-h">
      <h2 id="timeline-h">${t("dash.timeline")}</h2>
      <p class="muted">${t("dash.timelineNote")}</p>
      ${
        d.timeline.length
          ? html`<ol class="timeline">${d.timeline.map((e) => timelineItem(p, d, e))}</ol>`
          : html`<p class="empty">${t("dash.none")}</p>`
      }
    </section>

    <section aria-labelledby="claims-h">
      <h2 id="claims-h">${t("dash.claims")}</h2>
      <p class="muted">${t("dash.claimsNote")}</p>
      ${
        d.claims.length
          ? html`<div class="table-wrap"><table class="claims">
            <thead><tr><th scope="col">${t("claims.subject")}</th><th scope="col">${t("claims.predicate")}</th>
              <th scope="col">${t("claims.value")}</th></tr></thead>
            <tbody>${d.claims.map((c) => claimRow(p, c))}</tbody>
          </table></div>`
          : html`<p class="empty">${t("dash.noClaims")}</p>`
      }
    </section>

    <section aria-labelledby="data-h">
      <h2 id="data-h">${t("dash.data")}</h2>
      <p>${t("dash.dataNote")}</p>
      <p class="downloads">
        <a class="button" href="/data/public.csv" download>${t("footer.csv")}</a>
        <a class="button" href="/data/public.json" download>${t("footer.json")}</a>
      </p>
    </section>`;
}

/** Context, from public data: everyone in ICE detention nationwide, day by day. */
function nationalSection(p: Page, points: PopulationPoint[]) {
  return html`<section aria-labelledby="national-h">
    <h2 id="national-h">${p.t("population.nationalTitle")}</h2>
    <p class="muted">${p.t("population.nationalDesc")}</p>
    ${populationChart(p, {
      id: "national-pop",
      title: p.t("population.nationalTitle"),
      desc: p.t("population.chartDesc"),
      points,
      empty: p.t("population.none"),
    })}
  </section>`;
}

export function registerDashboardPage(r: ReturnType<typeof router>, db: Database) {
  r.add({ method: "GET", path: "/", action: "read", resource: "public", kind: "page" }, async (c) => {
    const p = pageOf(c);
    const [d, national] = await Promise.all([getDashboard(db), nationalPopulationChart(db)]);
    return render(c, {
      title: p.t("dash.title"),
      body: html`${dashboardBody(p, d)}${national.length ? nationalSection(p, national) : ""}`,
    });
  });
}
