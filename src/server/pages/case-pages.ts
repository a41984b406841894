// Server-rendered pages of the case record: the people list, one person's record, orders, sources, search.
import type { Hono } from "hono";
import { html } from "hono/html";
import type { Citation, CourtOrder, Source } from "../../domain/model.ts";
import { formatWhen } from "../../domain/time.ts";
import { listOrdersFor, listSourcesFor } from "../../services/catalog.ts";
import { getPersonRecord, listPeopleFor } from "../../services/person-record.ts";
import { searchPeople } from "../../services/search-people.ts";
import type { Database } from "../../services/store.ts";
import { type Env, param, type router, viewerOf } from "../routes.ts";
import { layout } from "./layout.ts";

const COUNTRY = new Intl.DisplayNames(["en"], { type: "region" });
const country = (code?: string) => {
  if (!code) return "";
  try {
    return COUNTRY.of(code) ?? code;
  } catch {
    return code;
  }
};

function cites(cs: Citation[], index: Map<string, number>) {
  if (!cs.length)
    return html`<span class="badge unverified" title="No source supports this yet">unverified</span>`;
  return html`${cs.map((c) => html`<a class="cite" href="#src-${c.source}">[${index.get(c.source) ?? "?"}]</a>`)}`;
}

function orderWhen(o: CourtOrder) {
  return formatWhen({ at: o.issued_at, precision: o.precision, tz: o.tz });
}

function sourceList(sources: Source[]) {
  return html`<ol class="sources">
    ${sources.map(
      (s) => html`<li id="src-${s.id}">
        <strong>${s.publisher}</strong>: ${s.url ? html`<a href="${s.url}" rel="noopener noreferrer">${s.title}</a>` : s.title}
        ${s.published_on ? html`<span class="muted">(${s.published_on})</span>` : ""}
        <span class="badge">${s.kind.replace("_", " ")}</span>
      </li>`,
    )}
  </ol>`;
}

export function registerCasePages(r: ReturnType<typeof router>, db: Database, _app: Hono<Env>) {
  const pub = { action: "read", resource: "public", kind: "page" } as const;

  r.add({ method: "GET", path: "/", ...pub }, async (c) => {
    const people = await listPeopleFor(db, viewerOf(c), { limit: 200 });
    return c.html(
      layout({
        title: "People",
        body: html`<h1>People documented</h1>
          <p class="lede">Who was taken, where they are now, what process they were owed, and what courts ordered.</p>
          ${
            people.length
              ? html`<ul class="cards">
                ${people.map(
                  (p) => html`<li class="card">
                    <a href="/people/${p.id}"><strong>${p.full_name}</strong></a>
                    ${p.kind === "group" ? html`<span class="badge">group of ${p.group_size ?? "?"}</span>` : ""}
                    ${p.unverified ? html`<span class="badge unverified">unverified</span>` : ""}
                    <div class="muted">${(p.nationalities ?? []).map(country).join(", ")}</div>
                    ${p.summary ? html`<p>${p.summary.slice(0, 220)}${p.summary.length > 220 ? "…" : ""}</p>` : ""}
                  </li>`,
                )}
              </ul>`
              : html`<p>No public records yet. Run <code>habeas init --demo</code> to load the documented 2025 cases.</p>`
          }`,
      }),
    );
  });

  r.add({ method: "GET", path: "/people/:id", ...pub }, async (c) => {
    const rec = await getPersonRecord(db, param(c, "id"), viewerOf(c));
    const p = rec.person;
    const index = new Map(rec.sources.map((s, i) => [s.id, i + 1]));
    return c.html(
      layout({
        title: p.full_name,
        body: html`<article class="person">
          <h1>${p.full_name}</h1>
          ${p.aliases?.length ? html`<p class="muted">Also reported as: ${p.aliases.join("; ")}</p>` : ""}
          ${p.unverified ? html`<p class="badge unverified">No source supports this record yet</p>` : ""}
          <dl class="facts">
            ${p.kind === "group" ? html`<dt>Group record</dt><dd>${p.group_size ?? "?"} people — ${p.group_definition ?? ""}</dd>` : ""}
            <dt>Nationality</dt><dd>${(p.nationalities ?? []).map(country).join(", ") || "unknown"}</dd>
            <dt>Status</dt><dd>${(p.citizenship_status ?? "unknown").replace("_", " ")}</dd>
            ${(p.protections ?? []).map(
              (pr) =>
                html`<dt>Protection</dt><dd>${pr.kind.replace(/_/g, " ")} — bars removal to ${country(pr.country)}${pr.granted_on ? ` (${pr.granted_on})` : ""}</dd>`,
            )}
            ${p.citations?.length ? html`<dt>Sources</dt><dd>${cites(p.citations, index)}</dd>` : ""}
          </dl>
          ${p.summary ? html`<p>${p.summary}</p>` : ""}
          ${
            rec.custody.length
              ? html`<h2>Custody</h2>
                <ol class="custody">
                  ${rec.custody.map(
                    (
                      s,
                    ) => html`<li><strong>${s.where}</strong>${s.country ? html` <span class="muted">${country(s.country)}</span>` : ""}
                      <div class="muted">from ${formatWhen({ at: s.from, precision: "day", tz: "UTC" })}${s.until ? ` to ${formatWhen({ at: s.until, precision: "day", tz: "UTC" })}` : ""}</div></li>`,
                  )}
                </ol>`
              : ""
          }
          <h2>Timeline</h2>
          <ol class="timeline">
            ${rec.events.map(
              (e) => html`<li class="event ${e.unverified ? "is-unverified" : ""}">
                <time datetime="${e.at}">${formatWhen(e)}</time>
                <span class="etype">${e.type.replace(/_/g, " ")}</span>
                <p>${e.summary} ${cites(e.citations, index)}</p>
              </li>`,
            )}
          </ol>
          ${
            rec.orders.length
              ? html`<h2>Court orders</h2>
                <ul class="orders">
                  ${rec.orders.map(
                    (
                      o,
                    ) => html`<li><time datetime="${o.issued_at}">${orderWhen(o)}</time> <span class="badge">${o.kind}</span>
                      ${o.oral ? html`<span class="badge">oral</span>` : ""}
                      <p>${o.summary} ${cites(o.citations, index)}</p></li>`,
                  )}
                </ul>`
              : ""
          }
          ${
            rec.matters.length
              ? html`<h2>Legal matters</h2>
                <ul>
                  ${rec.matters.map((m) => html`<li><strong>${m.caption}</strong> — ${m.court}${m.docket_number ? `, No. ${m.docket_number}` : ""}</li>`)}
                </ul>`
              : ""
          }
          <h2>Sources</h2>
          ${sourceList(rec.sources)}
        </article>`,
      }),
    );
  });

  r.add({ method: "GET", path: "/orders", ...pub }, async (c) => {
    const orders = await listOrdersFor(db, viewerOf(c));
    return c.html(
      layout({
        title: "Court orders",
        body: html`<h1>Court orders</h1>
          <ul class="orders">
            ${orders.map(
              (
                o,
              ) => html`<li><time datetime="${o.issued_at}">${orderWhen(o)}</time> <span class="badge">${o.kind}</span>
                ${o.bars.length ? html`<span class="badge warn">bars ${o.bars.join(", ")}</span>` : ""}
                <p>${o.summary}</p></li>`,
            )}
          </ul>`,
      }),
    );
  });

  r.add({ method: "GET", path: "/sources", ...pub }, async (c) => {
    const sources = await listSourcesFor(db);
    return c.html(layout({ title: "Sources", body: html`<h1>Sources</h1>${sourceList(sources)}` }));
  });

  r.add({ method: "GET", path: "/search", ...pub }, async (c) => {
    const q = (c.req.query("q") ?? "").trim().slice(0, 200);
    const matches = q ? await searchPeople(db, q, viewerOf(c)) : [];
    return c.html(
      layout({
        title: q ? `Search: ${q}` : "Search",
        body: html`<h1>Search</h1>
          ${q ? html`<p>Results for <strong>${q}</strong> (spelling variants and missing accents included):</p>` : ""}
          ${q && !matches.length ? html`<p>No one matches that name.</p>` : ""}
          <ul class="cards">
            ${matches.map(
              (
                m,
              ) => html`<li class="card"><a href="/people/${m.person.id}"><strong>${m.person.full_name}</strong></a>
              <span class="muted">match ${Math.round(m.score * 100)}%</span></li>`,
            )}
          </ul>`,
      }),
    );
  });
}
