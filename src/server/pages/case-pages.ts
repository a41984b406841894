// Server-rendered pages of the case record: the people list, one person's record (identity, custody chain,
// findings, deadlines, timeline, court orders with their compliance counters, sources), orders, sources,
// and search. Anonymous visitors see public records only; staff see findings and team fields.
import { html } from "hono/html";
import type { CustodyStep } from "../../domain/custody.ts";
import type { Citation, CourtOrder, Facility, HabeasEvent, Source } from "../../domain/model.ts";
import { isPublic } from "../../domain/policy.ts";
import { attachmentsOfAll } from "../../services/attachments.ts";
import { findMattersFor, findOrdersFor, listOrderIdsFor, pageOfSourcesFor } from "../../services/catalog.ts";
import { sourceUsage } from "../../services/dashboard.ts";
import {
  complianceForOrders,
  type Finding,
  findingsForPerson,
  type PublicCompliance,
} from "../../services/findings.ts";
import {
  countPeopleFor,
  getPersonRecord,
  listPeopleFor,
  type PersonRecord,
} from "../../services/person-record.ts";
import { venueWarnings } from "../../services/petition.ts";
import { searchPeople, searchRecord } from "../../services/search-people.ts";
import type { Database } from "../../services/store.ts";
import { label, type MessageKey } from "../i18n/index.ts";
import { param, type router } from "../routes.ts";
import { uploadLimit } from "../uploads.ts";
import { complianceBadge } from "./compliance.ts";
import { attachmentsSection } from "./document-pages.ts";
import { type Page, pageOf, render } from "./page.ts";
import { askedFrom, pageThrough, pageWindow } from "./pager.ts";
import { staffTools } from "./person-tools.ts";
import { venueBanner } from "./petition-pages.ts";

type Compliance = PublicCompliance;
const SEVERITY_ORDER = ["violation", "possible_issue", "deadline", "information"] as const;
/** Court orders a page of `/orders` shows, in the order they were issued. */
const ORDERS_PAGE_SIZE = 100;
const SOURCES_PAGE_SIZE = 100;
/** People a page of `/people` shows. */
const PEOPLE_PAGE_SIZE = 50;

function cites(p: Page, cs: Citation[], index: Map<string, number>, sources: Map<string, Source>) {
  if (!cs.length)
    return html`<span class="badge unverified" title="${p.t("source.unverifiedTitle")}">${p.t("source.unverified")}</span>`;
  // In the order of the numbered list below, as a reader looks them up ([1][3][12], not [12][3][1]).
  const number = (id: string) => index.get(id) ?? Number.POSITIVE_INFINITY;
  const ids = [...new Set(cs.map((c) => c.source))].sort((a, b) => number(a) - number(b));
  const publishers = new Set(ids.map((id) => sources.get(id)?.publisher ?? id));
  return html`${ids.map((id) => html`<a class="cite" href="#src-${id}" aria-label="${p.t("source.number", { n: index.get(id) ?? "?" })}">[${index.get(id) ?? "?"}]</a>`)}${
    publishers.size >= 2
      ? html` <span class="badge ok">${p.t("claims.corroborated", { n: p.number(publishers.size) })}</span>`
      : ""
  }`;
}

function saved(p: Page) {
  const what = p.url.searchParams.get("saved");
  if (!what) return "";
  const events = Number(p.url.searchParams.get("events") ?? "0");
  const known = ["person", "event", "order", "matter", "source", "removed"];
  if (what === "attach") return html`<p class="notice ok" role="status">${p.t("attach.saved")}</p>`;
  const text =
    what === "intake"
      ? p.tn("saved.intake", events)
      : p.t(known.includes(what) ? (`saved.${what}` as MessageKey) : "saved.generic");
  return html`<p class="notice ok" role="status">${text}</p>`;
}

/** Sources numbered from `first` (a page of the sources page goes on from the one before). */
function sourceList(p: Page, sources: Source[], usage?: Map<string, number>, first = 1) {
  return html`<ol class="sources"${first > 1 ? html` start="${first}"` : ""}>
    ${sources.map(
      (s) => html`<li id="src-${s.id}">
        <strong>${s.publisher}</strong>: ${s.url ? html`<a href="${s.url}" rel="noopener noreferrer">${s.title}</a>` : s.title}
        ${s.published_on ? html`<span class="muted">(${p.date(s.published_on)})</span>` : ""}
        <span class="badge">${label(p.lang, "sourceKind", s.kind)}</span>
        <span class="badge ${s.reliability === "primary" ? "ok" : s.reliability === "unverified" || s.reliability === "unreliable" ? "warn" : ""}">${label(p.lang, "reliability", s.reliability)}</span>
        ${usage ? html`<span class="muted">${p.tn("source.usage", usage.get(s.id) ?? 0)}</span>` : ""}
        <a href="/sources/${s.id}">${p.t("source.details")}<span class="visually-hidden"> ${s.title}</span></a>
        ${p.mayWrite && usage ? html`<a class="edit" href="/sources/${s.id}/edit">${p.t("form.edit")}<span class="visually-hidden"> ${s.title}</span></a>` : ""}
      </li>`,
    )}
  </ol>`;
}

function orderItem(p: Page, o: CourtOrder, c: Compliance | undefined, extra: unknown, editable: boolean) {
  return html`<li id="order-${o.id}">
    <time datetime="${o.issued_at}">${p.when({ at: o.issued_at, precision: o.precision, tz: o.tz })}</time>
    <span class="badge">${label(p.lang, "order", o.kind)}</span>
    ${o.oral ? html`<span class="badge">${p.t("order.oralBadge")}</span>` : ""}
    ${o.bars.length ? html`<span class="badge warn">${p.t("order.barsBadge", { what: o.bars.map((b) => label(p.lang, "bar", b)).join(", ") })}</span>` : ""}
    <p>${o.summary} ${extra}</p>
    ${o.requires ? html`<p class="muted">${p.t("order.requires")}: ${o.requires}</p>` : ""}
    ${o.deadline_at ? html`<p class="muted">${p.t("order.deadline")}: ${p.when({ at: o.deadline_at, precision: "minute", tz: o.tz })}</p>` : ""}
    ${complianceBadge(p, c)}
    ${editable ? html`<a class="edit" href="/orders/${o.id}/edit">${p.t("form.edit")}<span class="visually-hidden"> ${label(p.lang, "order", o.kind)}</span></a>` : ""}
  </li>`;
}

function findingItem(p: Page, f: Finding, events: Map<string, HabeasEvent>) {
  return html`<article class="finding sev-${f.severity}" aria-labelledby="fd-${f.rule}-${f.events.join("-")}">
    <h4 id="fd-${f.rule}-${f.events.join("-")}">${f.title}
      ${f.contested ? html`<span class="badge contested" title="${f.contested.note}">${p.t("finding.contested")}</span>` : ""}
      <span class="badge">${p.t("finding.confidence", { level: label(p.lang, "confidence", f.confidence) })}</span></h4>
    <p>${f.text}</p>
    ${f.contested ? html`<p class="caveat"><strong>${p.t("finding.contestedNote")}</strong> ${f.contested.note} <span class="muted">(${p.t("finding.asOf", { date: p.date(f.contested.as_of) })})</span></p>` : ""}
    ${f.days_elapsed !== undefined ? html`<p class="counter">${p.t("finding.elapsed", { days: p.days(f.days_elapsed) })}</p>` : ""}
    ${f.basis.length ? html`<details><summary>${p.t("finding.basis")}</summary><ul class="basis">${f.basis.map((b) => html`<li>${b}</li>`)}</ul></details>` : ""}
    ${
      f.events.length
        ? html`<p class="muted">${p.t("finding.events")}: ${f.events.map((id, i) => {
            const e = events.get(id);
            return html`${i ? ", " : ""}<a href="#ev-${id}">${e ? `${label(p.lang, "event", e.type)} (${p.when(e)})` : id}</a>`;
          })}</p>`
        : ""
    }
    ${f.missing.length ? html`<p class="muted">${p.t("finding.missing")}: ${f.missing.join("; ")}</p>` : ""}
    <p class="rule-id muted">${f.rule} v${f.version}</p>
  </article>`;
}

function deadlines(p: Page, findings: Finding[]) {
  const due = findings.filter((f) => f.due).sort((a, b) => (a.due!.date < b.due!.date ? -1 : 1));
  if (!due.length) return "";
  return html`<section aria-labelledby="deadlines-h">
    <h2 id="deadlines-h">${p.t("person.deadlines")}</h2>
    <div class="table-wrap"><table class="deadlines">
      <thead><tr><th scope="col">${p.t("deadline.what")}</th><th scope="col">${p.t("deadline.date")}</th><th scope="col">${p.t("deadline.left")}</th></tr></thead>
      <tbody>${due.map((f) => {
        const d = f.due!;
        const overdue = d.days_remaining < 0;
        return html`<tr class="${overdue ? "overdue" : d.days_remaining <= 7 ? "soon" : ""}">
          <th scope="row">${d.label}<div class="muted">${f.title}</div></th>
          <td><time datetime="${d.date}">${p.date(d.date)}</time></td>
          <td>${overdue ? html`<strong>${p.t("deadline.overdue", { days: p.days(-d.days_remaining) })}</strong>` : d.days_remaining === 0 ? html`<strong>${p.t("deadline.today")}</strong>` : p.t("deadline.remaining", { days: p.days(d.days_remaining) })}</td>
        </tr>`;
      })}</tbody>
    </table></div>
  </section>`;
}

function findingsSection(p: Page, findings: Finding[], rec: PersonRecord) {
  const events = new Map(rec.events.map((e) => [e.id, e]));
  const bySeverity = SEVERITY_ORDER.map((s) => [s, findings.filter((f) => f.severity === s)] as const).filter(
    ([, fs]) => fs.length,
  );
  return html`<section aria-labelledby="findings-h" class="findings">
    <h2 id="findings-h">${p.t("person.findings")}</h2>
    <p class="muted">${p.t("finding.disclaimer")}</p>
    ${
      bySeverity.length
        ? bySeverity.map(
            ([s, fs]) => html`<section class="severity sev-${s}" aria-labelledby="sev-${s}-h">
              <h3 id="sev-${s}-h">${label(p.lang, "severity", s)} <span class="count">(${p.number(fs.length)})</span></h3>
              ${fs.map((f) => findingItem(p, f, events))}
            </section>`,
          )
        : html`<p class="empty">${p.t("finding.none")}</p>`
    }
  </section>`;
}

/** Where a custody step took place, in the page's language: the facility, the place recorded, or the country. */
function placeOf(p: Page, step: CustodyStep, facilities: Map<string, Facility>): string {
  const f = "facility" in step && step.facility ? facilities.get(step.facility) : undefined;
  const country = step.country ? p.country(step.country) : "";
  if (step.kind === "removed" || step.kind === "returned") return country;
  const name = f?.name ?? ("place" in step ? step.place : undefined);
  if (!name) return step.kind === "released" ? country : country;
  return country ? `${name} (${country})` : name;
}

function custodySection(p: Page, rec: PersonRecord) {
  if (!rec.custody.length) return "";
  const facilities = new Map(rec.facilities.map((f) => [f.id, f]));
  // A step's day where it happened (its event's zone), as the timeline shows it.
  const dayOf = (step: Pick<CustodyStep, "precision" | "tz">, at: string) => {
    const precision = step.precision === "month" || step.precision === "year" ? step.precision : "day";
    return p.when({ at, precision, tz: step.tz });
  };
  const last = rec.custody.at(-1)!;
  const where = placeOf(p, last, facilities);
  const date = dayOf(last, last.from);
  const now =
    last.kind === "released"
      ? p.t(where ? "person.nowReleased" : "person.nowReleasedOn", { where, date })
      : last.kind === "returned"
        ? p.t(where ? "person.nowReturned" : "person.nowReturnedOn", { where, date })
        : last.kind === "removed"
          ? p.t(where ? "person.nowRemoved" : "person.nowRemovedOn", { where, date })
          : p.t("person.nowHeld", { where: where || "—", date });
  const day = 86_400_000;
  return html`<section aria-labelledby="custody-h">
    <h2 id="custody-h">${p.t("person.custody")}</h2>
    <p class="now"><strong>${p.t("person.lastKnown")}</strong> ${now}
      <span class="badge">${label(p.lang, "status", rec.now.status)}</span></p>
    <ol class="custody">
      ${rec.custody.map((s, i) => {
        const from = dayOf(s, s.from);
        const next = rec.custody[i + 1];
        const to = s.until && next ? dayOf(next, s.until) : p.t("person.now");
        const ended = (s.kind === "released" || s.kind === "returned") && !s.until;
        const until = s.until ? Date.parse(s.until) : Date.now();
        const days = Math.max(0, Math.floor((until - Date.parse(s.from)) / day));
        return html`<li><span class="etype">${label(p.lang, "custodyStep", s.kind)}</span>
          <a href="#ev-${s.event}"><strong>${placeOf(p, s, facilities) || label(p.lang, "custodyStep", s.kind)}</strong></a>
          ${
            ended
              ? html`<span class="muted">${from}</span>`
              : html`<span class="muted">${from} – ${to}</span>
                ${s.kind === "released" ? "" : html`<span class="muted">${p.days(days)}</span>`}`
          }</li>`;
      })}
    </ol>
  </section>`;
}

function personBody(
  p: Page,
  rec: PersonRecord,
  findings: Finding[] | undefined,
  compliance: Map<string, Compliance>,
  venue: ReturnType<typeof venueBanner> = "",
) {
  const person = rec.person;
  const t = p.t;
  const index = new Map(rec.sources.map((s, i) => [s.id, i + 1]));
  const sources = new Map(rec.sources.map((s) => [s.id, s]));
  const facilities = new Map(rec.facilities.map((f) => [f.id, f]));
  // The public reads only public records, and without their consent.
  const publicRecord = person.consent ? isPublic({ consent: person.consent }) : true;
  const restrictedBadge = html` <span class="badge restricted">${t("form.restricted")}</span>`;
  const teamBadge = html` <span class="badge team">${t("form.teamOnly")}</span>`;
  return html`<article class="person">
    ${saved(p)}
    <h1>${person.full_name}</h1>
    ${person.aliases?.length ? html`<p class="muted">${t("person.alsoReported")} ${person.aliases.join("; ")}</p>` : ""}
    <p class="badges">
      ${person.kind === "group" ? html`<span class="badge">${t("person.groupOf", { n: p.number(person.group_size ?? 0) })}</span>` : ""}
      ${person.unverified ? html`<span class="badge unverified">${t("person.unverified")}</span>` : ""}
      ${p.staff && !publicRecord ? html`<span class="badge restricted">${t("person.private")}</span>` : ""}
      ${p.staff && person.team ? html`<span class="badge team">${t("person.team", { team: person.team })}</span>` : ""}
    </p>
    ${
      p.mayWrite
        ? html`<nav class="actions" aria-label="${t("person.actions")}">
          <a class="button" href="/people/${person.id}/events/new">${t("person.addEvent")}</a>
          <a class="button secondary" href="/people/${person.id}/edit">${t("person.edit")}</a>
          <a class="button secondary" href="/orders/new?person=${person.id}">${t("order.add")}</a>
          <a class="button secondary" href="/matters/new?person=${person.id}">${t("matter.add")}</a>
          ${p.restricted ? html`<a class="button secondary" href="/people/${person.id}/petition">${t("petition.action")}</a>` : ""}
        </nav>`
        : ""
    }
    ${venue}
    <dl class="facts">
      ${person.kind === "group" ? html`<dt>${t("person.groupDefinition")}</dt><dd>${person.group_definition ?? ""}</dd>` : ""}
      <dt>${t("person.citizenship")}</dt><dd>${(person.nationalities ?? []).map((n) => p.country(n)).join(", ") || t("person.unknown")}</dd>
      <dt>${t("person.immigrationStatus")}</dt><dd>${label(p.lang, "citizenship", person.citizenship_status ?? "unknown")}</dd>
      ${(person.protections ?? []).map(
        (pr) => html`<dt>${t("person.protection")}</dt><dd>${label(p.lang, "protection", pr.kind)} —
          ${t("person.barsRemovalTo", { country: p.country(pr.country) })}${pr.granted_on ? ` (${pr.granted_on.length === 10 ? p.date(pr.granted_on) : pr.granted_on})` : ""}</dd>`,
      )}
      ${person.languages?.length ? html`<dt>${t("person.languages")}${teamBadge}</dt><dd>${person.languages.join(", ")}</dd>` : ""}
      ${person.citizenship_evidence ? html`<dt>${t("person.citizenshipEvidence")}${teamBadge}</dt><dd>${person.citizenship_evidence}</dd>` : ""}
      ${
        person.consent && p.staff
          ? html`<dt>${t("person.consent")}${teamBadge}</dt><dd>${
              [
                person.consent.publish ? t("person.consentPublish") : "",
                person.consent.public_record ? t("person.consentPublicRecord") : "",
                person.consent.family_status ? t("person.consentFamily") : "",
              ]
                .filter(Boolean)
                .join(" · ") || t("person.consentNone")
            }</dd>`
          : ""
      }
      ${person.a_number ? html`<dt>${t("person.aNumber")}${restrictedBadge}</dt><dd>${person.a_number}</dd>` : ""}
      ${person.birth_date ? html`<dt>${t("person.birthDate")}${restrictedBadge}</dt><dd>${person.birth_date}</dd>` : ""}
      ${
        person.family_contacts
          ? html`<dt>${t("person.familyContacts")}${restrictedBadge}</dt><dd class="pre">${person.family_contacts}</dd>`
          : person.recorded?.includes("family_contacts")
            ? html`<dt>${t("person.familyContacts")}${restrictedBadge}</dt><dd><span class="badge ok">${t("person.recorded")}</span></dd>`
            : ""
      }
      ${person.citations?.length ? html`<dt>${t("person.sources")}</dt><dd>${cites(p, person.citations, index, sources)}</dd>` : ""}
    </dl>
    ${person.summary ? html`<p>${person.summary}</p>` : ""}
    ${person.notes ? html`<section class="notes restricted" aria-labelledby="notes-h"><h2 id="notes-h">${t("person.notes")}${restrictedBadge}</h2><pre>${person.notes}</pre></section>` : ""}
    ${custodySection(p, rec)}
    ${findings ? deadlines(p, findings) : ""}
    ${findings ? findingsSection(p, findings, rec) : ""}
    <section aria-labelledby="timeline-h">
      <h2 id="timeline-h">${t("person.timeline")}</h2>
      ${
        rec.events.length
          ? html`<ol class="timeline">
        ${rec.events.map((e) => {
          const f = e.facility ? facilities.get(e.facility) : undefined;
          const where = [f?.name ?? e.place, e.country ? p.country(e.country) : ""]
            .filter(Boolean)
            .join(", ");
          return html`<li class="event ${e.unverified ? "is-unverified" : ""}" id="ev-${e.id}">
            <time datetime="${e.at}">${p.when(e)}</time>
            <span class="etype">${label(p.lang, "event", e.type)}</span>
            ${where ? html`<span class="where">${where}</span>` : ""}
            <p>${e.summary} ${cites(p, e.citations, index, sources)}</p>
            ${
              p.mayWrite
                ? html`<a class="edit" href="/events/${e.id}/edit">${t("form.edit")}<span class="visually-hidden"> ${label(p.lang, "event", e.type)} ${p.when(e)}</span></a>
              <a class="edit" href="/events/${e.id}/delete">${t("remove.event")}<span class="visually-hidden"> ${label(p.lang, "event", e.type)} ${p.when(e)}</span></a>`
                : ""
            }
          </li>`;
        })}
      </ol>`
          : html`<p class="empty">${t("person.noEvents")}</p>`
      }
    </section>
    ${
      rec.orders.length
        ? html`<section aria-labelledby="orders-h"><h2 id="orders-h">${t("person.orders")}</h2>
          <ul class="orders">${rec.orders.map((o) => orderItem(p, o, compliance.get(o.id), cites(p, o.citations, index, sources), p.mayWrite))}</ul></section>`
        : ""
    }
    ${
      rec.matters.length
        ? html`<section aria-labelledby="matters-h"><h2 id="matters-h">${t("person.matters")}</h2>
          <ul>${rec.matters.map(
            (
              m,
            ) => html`<li><strong><a href="/matters/${m.id}">${m.caption}</a></strong> — ${m.court}${m.docket_number ? `, ${t("matter.no")} ${m.docket_number}` : ""}
            ${p.mayWrite ? html` <a class="edit" href="/matters/${m.id}/edit">${t("form.edit")}<span class="visually-hidden"> ${m.caption}</span></a>` : ""}</li>`,
          )}</ul></section>`
        : ""
    }
    <section aria-labelledby="sources-h">
      <h2 id="sources-h">${t("person.sources")}</h2>
      ${rec.sources.length ? sourceList(p, rec.sources) : html`<p class="empty">${t("source.none")}</p>`}
    </section>
  </article>`;
}

export function registerCasePages(r: ReturnType<typeof router>, db: Database) {
  const pub = { action: "read", resource: "public", kind: "page" } as const;

  r.add({ method: "GET", path: "/people", ...pub }, async (c) => {
    const p = pageOf(c);
    // Fifty a page, out of every record this viewer's list holds (countPeopleFor), the filters and the
    // language kept in the page links (pager.ts).
    const list = pageWindow(p, await countPeopleFor(db, p.viewer), PEOPLE_PAGE_SIZE);
    const people = await listPeopleFor(db, p.viewer, { limit: PEOPLE_PAGE_SIZE, offset: list.from });
    return render(c, {
      title: p.t("people.title"),
      body: html`<h1>${p.t("people.title")}</h1>
        <p class="lede">${p.t(p.staff ? "people.ledeStaff" : "people.lede")}</p>
        <form class="search inline" action="/search" method="get" role="search">
          <label for="people-q">${p.t("search.label")}</label>
          <input id="people-q" name="q" type="search" maxlength="200" placeholder="${p.t("search.placeholder")}" />
          <button type="submit">${p.t("search.button")}</button>
        </form>
        ${p.mayWrite ? html`<p><a class="button" href="/people/new">${p.t("nav.newPerson")}</a> <a class="button secondary" href="/intake">${p.t("nav.intake")}</a></p>` : ""}
        ${
          people.length
            ? html`${list.paged ? html`<p>${p.t("people.showing", list.range(people.length))}</p>` : ""}
              <ul class="cards">
              ${people.map(
                (x) => html`<li class="card">
                  <a href="/people/${x.id}"><strong>${x.full_name}</strong></a>
                  ${x.kind === "group" ? html`<span class="badge">${p.t("person.groupOf", { n: p.number(x.group_size ?? 0) })}</span>` : ""}
                  ${x.unverified ? html`<span class="badge unverified">${p.t("source.unverified")}</span>` : ""}
                  ${p.staff && x.consent && !isPublic({ consent: x.consent }) ? html`<span class="badge restricted">${p.t("person.private")}</span>` : ""}
                  <div class="muted">${(x.nationalities ?? []).map((n) => p.country(n)).join(", ")}</div>
                  ${x.summary ? html`<p>${x.summary.slice(0, 220)}${x.summary.length > 220 ? "…" : ""}</p>` : ""}
                </li>`,
              )}
            </ul>
            ${list.nav}`
            : html`<p class="empty">${p.t("people.none")}</p>`
        }`,
    });
  });

  r.add({ method: "GET", path: "/people/:id", ...pub }, async (c) => {
    const p = pageOf(c);
    const id = param(c, "id");
    const rec = await getPersonRecord(db, id, p.viewer);
    const [findings, compliance] = await Promise.all([
      p.staff ? findingsForPerson(db, id, p.viewer, { lang: p.lang }) : Promise.resolve(undefined),
      complianceForOrders(
        db,
        rec.orders.map((o) => o.id),
        p.viewer,
      ),
    ]);
    const ref = { kind: "person", id } as const;
    const around = [
      ref,
      ...rec.events.map((e) => ({ kind: "event" as const, id: e.id })),
      ...rec.orders.map((o) => ({ kind: "order" as const, id: o.id })),
    ];
    const documents = p.staff ? await attachmentsOfAll(db, around, p.viewer) : [];
    const choices = [
      ...rec.events.map((e) => ({
        value: `event:${e.id}`,
        label: `${label(p.lang, "event", e.type)} — ${p.when(e)}`,
      })),
      ...rec.orders.map((o) => ({
        value: `order:${o.id}`,
        label: `${label(p.lang, "order", o.kind)} — ${p.date(o.issued_at)}`,
      })),
    ];
    // The venue watch: only lawyers draft petitions, so only they are told a draft's district may be stale.
    const venue = p.restricted ? venueBanner(p, await venueWarnings(db, p.viewer, [id])) : "";
    return render(c, {
      title: rec.person.full_name,
      body: html`${personBody(p, rec, findings, compliance, venue)}${p.staff ? await staffTools(p, db, rec.person) : ""}${attachmentsSection(p, ref, documents, uploadLimit(c), choices)}`,
    });
  });

  r.add({ method: "GET", path: "/orders", ...pub }, async (c) => {
    const p = pageOf(c);
    // A national record holds thousands (1,833 over 100,000 generated people: 1.4 MB of HTML on one page);
    // the orders, their compliance and matters are read for the page shown.
    const ids = pageThrough(p, await listOrderIdsFor(db, p.viewer), ORDERS_PAGE_SIZE);
    const shown = await findOrdersFor(db, p.viewer, ids.shown);
    const list = { ...ids, shown };
    const [compliance, matters] = await Promise.all([
      complianceForOrders(
        db,
        list.shown.map((o) => o.id),
        p.viewer,
      ),
      findMattersFor(
        db,
        p.viewer,
        list.shown.map((o) => o.matter),
      ),
    ]);
    const caption = new Map(matters.map((m) => [m.id, m]));
    return render(c, {
      title: p.t("orders.title"),
      body: html`${saved(p)}<h1>${p.t("orders.title")}</h1>
        <p class="lede">${p.t("orders.lede")}</p>
        ${p.mayWrite ? html`<p><a class="button" href="/orders/new">${p.t("order.add")}</a> <a class="button secondary" href="/matters/new">${p.t("matter.add")}</a></p>` : ""}
        ${list.paged ? html`<p>${p.t("orders.showing", list.range)}</p>` : ""}
        ${
          list.shown.length
            ? html`<ul class="orders">${list.shown.map((o) => {
                const m = caption.get(o.matter);
                return orderItem(
                  p,
                  o,
                  compliance.get(o.id),
                  m
                    ? html`<span class="muted">— <a href="/matters/${m.id}">${m.caption}</a>, ${m.court}</span>`
                    : "",
                  p.mayWrite,
                );
              })}</ul>`
            : html`<p class="empty">${p.t("orders.none")}</p>`
        }${list.nav}`,
    });
  });

  r.add({ method: "GET", path: "/sources", ...pub }, async (c) => {
    const p = pageOf(c);
    // A hundred a page (a record that ingests articles holds thousands), each with how often it is cited.
    const asked = askedFrom(p, SOURCES_PAGE_SIZE);
    let page = await pageOfSourcesFor(db, p.viewer, { limit: SOURCES_PAGE_SIZE, offset: asked });
    const w = pageWindow(p, page.total, SOURCES_PAGE_SIZE);
    if (w.from !== asked)
      page = await pageOfSourcesFor(db, p.viewer, { limit: SOURCES_PAGE_SIZE, offset: w.from });
    const { sources } = page;
    const usage = await sourceUsage(
      db,
      sources.map((s) => s.id),
    );
    return render(c, {
      title: p.t("nav.sources"),
      body: html`${saved(p)}<h1>${p.t("nav.sources")}</h1>
        <p class="lede">${p.t("sources.lede")}</p>
        ${p.mayWrite ? html`<p><a class="button" href="/sources/new">${p.t("source.add")}</a></p>` : ""}
        ${w.paged ? html`<p>${p.t("sources.showing", w.range(sources.length))}</p>` : ""}
        ${sources.length ? sourceList(p, sources, usage, w.from + 1) : html`<p class="empty">${p.t("source.none")}</p>`}${w.nav}`,
    });
  });

  r.add({ method: "GET", path: "/search", ...pub }, async (c) => {
    const p = pageOf(c);
    const q = (c.req.query("q") ?? "").trim().slice(0, 200);
    const [matches, hits] = q
      ? await Promise.all([
          searchPeople(db, q, p.viewer),
          p.staff ? searchRecord(db, q, p.viewer) : Promise.resolve([]),
        ])
      : [[], []];
    const hitLink = (kind: string, ref: string) =>
      kind === "person"
        ? `/people/${ref}`
        : kind === "source"
          ? `/sources/${ref}`
          : kind === "order"
            ? `/orders#order-${ref}`
            : undefined;
    return render(c, {
      title: q ? p.t("search.titleFor", { q }) : p.t("search.title"),
      body: html`<h1>${p.t("search.title")}</h1>
        <form class="search inline" action="/search" method="get" role="search">
          <label for="search-q">${p.t("search.label")}</label>
          <input id="search-q" name="q" type="search" value="${q}" maxlength="200" />
          <button type="submit">${p.t("search.button")}</button>
        </form>
        ${q ? html`<p role="status">${matches.length ? p.tn("search.resultsFor", matches.length, { q }) : p.t("search.noMatch", { q })} ${matches.length ? p.t("search.fuzzyNote") : ""}</p>` : ""}
        ${
          matches.length
            ? html`<ul class="cards results">
            ${matches.map(
              (
                m,
              ) => html`<li class="card"><a href="/people/${m.person.id}"><strong>${m.person.full_name}</strong></a>
                <span class="muted">${p.t("search.match", { n: Math.round(m.score * 100) })}</span>
                ${m.person.aliases?.length ? html`<div class="muted">${p.t("person.alsoReported")} ${m.person.aliases.join("; ")}</div>` : ""}
                <div class="muted">${(m.person.nationalities ?? []).map((n) => p.country(n)).join(", ")}</div></li>`,
            )}
          </ul>`
            : ""
        }
        ${
          hits.length
            ? html`<h2>${p.t("search.inRecord")}</h2>
          <ul class="hits">${hits.map((h) => {
            const href = hitLink(h.kind, h.ref);
            return html`<li><span class="badge">${label(p.lang, "hit", h.kind)}</span>
              ${href ? html`<a href="${href}">${h.title}</a>` : html`<strong>${h.title}</strong>`}
              <span class="muted">${h.snippet}</span></li>`;
          })}</ul>`
            : ""
        }
        ${p.mayWrite && q && !matches.length ? html`<p><a class="button" href="/intake">${p.t("nav.intake")}</a></p>` : ""}`,
    });
  });
}
