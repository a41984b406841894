// The facility registry on the web: a search page, a facility's page (place, district, field office and
// daily population), and the JSON endpoints for the type-ahead and the population series. Public data.
import { html } from "hono/html";
import { z } from "zod";
import { badInput, problemsFromZod } from "../../domain/errors.ts";
import {
  facilityPopulation,
  getFacilityDetail,
  searchFacilities,
  thinSeries,
} from "../../services/facility-registry.ts";
import type { Database } from "../../services/store.ts";
import { param, type router } from "../routes.ts";
import { pageOf, render } from "./page.ts";
import { populationChart } from "./population-chart.ts";

const Range = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
const Search = z.object({
  q: z.string().trim().max(200).default(""),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const r = schema.safeParse(value);
  if (!r.success) throw badInput("invalid request", problemsFromZod(r.error.issues));
  return r.data;
}

export function registerFacilityPages(r: ReturnType<typeof router>, db: Database) {
  const page = { action: "read", resource: "public", kind: "page" } as const;
  const api = { action: "read", resource: "public", kind: "api" } as const;

  r.add({ method: "GET", path: "/api/facility-search", ...api }, async (c) => {
    const q = parse(Search, c.req.query());
    return c.json({ facilities: await searchFacilities(db, q.q, q.limit) });
  });

  r.add({ method: "GET", path: "/api/facilities/:id/population", ...api }, async (c) => {
    const range = parse(Range, c.req.query());
    const s = await facilityPopulation(db, param(c, "id"), range);
    return c.json({ ...s, from: range.from ?? null, to: range.to ?? null });
  });

  r.add({ method: "GET", path: "/facilities", ...page }, async (c) => {
    const p = pageOf(c);
    const q = parse(Search, c.req.query());
    const hits = q.q ? await searchFacilities(db, q.q, 30) : [];
    return render(c, {
      title: p.t("facility.searchTitle"),
      body: html`<h1>${p.t("facility.searchTitle")}</h1>
        <form method="get" action="/facilities" role="search" class="inline-form">
          <label for="fq">${p.t("facility.searchLabel")}</label>
          <input id="fq" name="q" type="search" value="${q.q}" maxlength="200" />
          <button type="submit">${p.t("facility.searchButton")}</button>
        </form>
        ${
          q.q
            ? hits.length
              ? html`<ul class="results">${hits.map(
                  (h) =>
                    html`<li><a href="/facilities/${h.id}"><strong>${h.name}</strong></a> <span class="muted">${[h.city, h.state, h.country === "US" ? "" : p.country(h.country)].filter(Boolean).join(", ")}</span>${h.matched !== h.name ? html` <span class="muted">(${h.matched})</span>` : ""}</li>`,
                )}</ul>`
              : html`<p class="empty">${p.t("facility.noMatch")}</p>`
            : ""
        }`,
    });
  });

  r.add({ method: "GET", path: "/facilities/:id", ...page }, async (c) => {
    const p = pageOf(c);
    const f = await getFacilityDetail(db, param(c, "id"));
    const range = parse(Range, c.req.query());
    const series = await facilityPopulation(db, f.id, range);
    const points = thinSeries(series.points);
    const address = [f.address, f.city, [f.state, f.zip].filter(Boolean).join(" ")]
      .filter(Boolean)
      .join(", ");
    const last = series.points.at(-1);
    return render(c, {
      title: f.name,
      body: html`<article class="facility">
        <h1>${f.name}</h1>
        <dl class="facts">
          <dt>${p.t("facility.address")}</dt><dd>${address || p.t("person.unknown")}${f.country !== "US" ? ` (${p.country(f.country)})` : ""}</dd>
          <dt>${p.t("facility.county")}</dt><dd>${f.county?.name ?? p.t("person.unknown")}</dd>
          <dt>${p.t("facility.district")}</dt><dd>${
            f.district
              ? `${f.district.name} (${f.district.abbreviation})${f.district.division ? ` · ${f.district.division}` : ""}`
              : f.placement.status === "outside"
                ? p.t("facility.outside")
                : p.t("person.unknown")
          }${f.needsReview ? html` <span class="badge unverified">${p.t("facility.needsReview")}</span>` : ""}</dd>
          <dt>${p.t("facility.placedBy")}</dt><dd>${f.placement.basis}${f.placement.note ? html`<br /><span class="muted">${f.placement.note}</span>` : ""}</dd>
          <dt>${p.t("facility.fieldOffice")}</dt><dd>${f.fieldOffice ? `${f.fieldOffice.name} (${f.aor})` : (f.aor ?? p.t("person.unknown"))}</dd>
          ${
            Object.keys(f.codes).length
              ? html`<dt>${p.t("facility.codes")}</dt><dd>${Object.entries(f.codes)
                  .map(([k, v]) => `${k} ${v}`)
                  .join(" · ")}</dd>`
              : ""
          }
          ${f.aliases.length ? html`<dt>${p.t("facility.aliases")}</dt><dd><ul>${f.aliases.map((a) => html`<li>${a.alias} <span class="muted">(${a.source})</span></li>`)}</ul></dd>` : ""}
        </dl>
        <section aria-labelledby="pop-h">
          <h2 id="pop-h">${p.t("population.title")}</h2>
          ${last ? html`<p>${p.t("population.latest", { n: p.number(last.detained), date: p.date(last.date) })}</p>` : ""}
          ${populationChart(p, {
            id: "facility-pop",
            title: p.t("population.chartTitle", { name: f.name }),
            desc: p.t("population.chartDesc"),
            points,
            empty: p.t("population.none"),
          })}
          <p class="muted">${p.t("population.source")} <a href="/api/facilities/${f.id}/population">JSON</a></p>
        </section>
      </article>`,
    });
  });
}
