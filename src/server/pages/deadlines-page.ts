// The workspace's deadlines and hearings across cases (filters by team, assignee and kind), each user's
// calendar feed address, case assignment from the person page, and the secret feed address itself.
import { html } from "hono/html";
import { AppError } from "../../domain/errors.ts";
import {
  calendarStatus,
  issueCalendarFeed,
  readCalendarFeed,
  setCalendarNames,
} from "../../services/calendar-feed.ts";
import {
  assignableStaff,
  assignCase,
  DEADLINE_KINDS,
  type DeadlineFilter,
  type DeadlineItem,
  type DeadlineKind,
  listDeadlines,
} from "../../services/deadlines.ts";
import type { Database } from "../../services/store.ts";
import { isLang } from "../i18n/index.ts";
import { param, type router } from "../routes.ts";
import { csrfField, readForm, str } from "./form-kit.ts";
import { type Page, pageOf, render } from "./page.ts";
import { pageThrough } from "./pager.ts";

const DUE_CHOICES = [7, 14, 30, 90] as const;

/**
 * Deadlines a page shows, most urgent first. A national record holds tens of thousands (33,206 over 100,000
 * generated people: 14 MB of HTML on one page, which a phone cannot open); the rest are a link away.
 */
const DEADLINES_PAGE_SIZE = 100;

function dueState(p: Page, d: DeadlineItem) {
  if (d.days_remaining < 0)
    return html`<strong class="badge overdue">${p.t("deadline.overdue", { days: p.days(-d.days_remaining) })}</strong>`;
  if (d.days_remaining === 0) return html`<strong class="badge soon">${p.t("deadline.today")}</strong>`;
  return html`<span class="${d.days_remaining <= 7 ? "badge soon" : "muted"}">${p.t("deadline.remaining", { days: p.days(d.days_remaining) })}</span>`;
}

function item(p: Page, d: DeadlineItem) {
  const when =
    d.kind === "hearing" && d.at && d.precision === "minute"
      ? p.when({ at: d.at, precision: "minute", tz: d.tz ?? "UTC" })
      : p.date(d.date);
  return html`<li class="card deadline ${d.overdue ? "overdue" : d.days_remaining <= 7 ? "soon" : ""}">
    <p><time datetime="${d.at ?? d.date}"><strong>${when}</strong></time> ${dueState(p, d)}
      <span class="badge">${p.t(`deadlines.kind.${d.kind}`)}</span></p>
    <p><strong>${d.title}</strong>${d.place ? html` · ${d.place}` : ""}</p>
    <p><a href="/people/${d.person}">${d.full_name}</a>
      <span class="muted">${p.t("deadlines.case", { ref: d.ref })}${d.team ? ` · ${d.team}` : ""}</span></p>
    <p class="muted">${p.t("deadlines.assignee")}: ${d.assignees.length ? d.assignees.join(", ") : p.t("deadlines.unassigned")}</p>
  </li>`;
}

function options(values: readonly { value: string; label: string }[], chosen: string | undefined) {
  return values.map(
    (o) =>
      html`<option value="${o.value}"${o.value === (chosen ?? "") ? " selected" : ""}>${o.label}</option>`,
  );
}

/** The filters a request asks for; unknown values are ignored, as a bookmarked link may be old. */
function filterOf(p: Page): DeadlineFilter & { dueText?: string } {
  const q = p.url.searchParams;
  const kind = q.get("kind") ?? "";
  const due = Number(q.get("due") ?? "");
  const team = q.get("team")?.trim();
  const assignee = q.get("assignee")?.trim().toLowerCase();
  return {
    ...((DEADLINE_KINDS as readonly string[]).includes(kind) ? { kind: kind as DeadlineKind } : {}),
    ...(Number.isInteger(due) && due > 0 && due <= 3650 ? { due } : {}),
    ...(team ? { team: team.slice(0, 60) } : {}),
    ...(assignee ? { assignee: assignee.slice(0, 40) } : {}),
  };
}

async function calendarSection(p: Page, db: Database, shown?: string, notice?: string) {
  const st = await calendarStatus(db, p.viewer);
  const url = shown ? `${p.url.origin}${shown}` : undefined;
  return html`<section aria-labelledby="cal-h" class="calendar-feed">
    <h2 id="cal-h">${p.t("calendar.title")}</h2>
    <p class="hint">${p.t("calendar.lede")}</p>
    ${notice ? html`<p class="notice ok" role="status">${notice}</p>` : ""}
    ${
      url
        ? html`<div class="notice ok" role="status"><p>${p.t("calendar.shownOnce")}</p>
          <p><code class="secret">${url}</code></p>
          <p><a href="${url.replace(/^https?:/, "webcal:")}">webcal</a></p></div>`
        : ""
    }
    ${
      st.exists
        ? html`<p>${p.t("calendar.since", { date: p.date(st.created_at ?? "") })}
          ${st.last_read_at ? p.t("calendar.lastRead", { date: p.date(st.last_read_at) }) : ""}</p>
          <form method="post" action="/workspace/calendar/names">${csrfField(p)}
            <p><label><input type="checkbox" name="names" value="on"${st.names ? " checked" : ""} /> ${p.t("calendar.names")}</label></p>
            <button type="submit" class="secondary">${p.t("calendar.saveNames")}</button>
          </form>`
        : html`<p>${p.t("calendar.none")}</p>`
    }
    <form method="post" action="/workspace/calendar">${csrfField(p)}
      <button type="submit"${st.exists ? ' class="secondary" name="regenerate" value="on"' : ""}>${p.t(st.exists ? "calendar.regenerate" : "calendar.create")}</button>
    </form>
  </section>`;
}

export function registerDeadlinesPage(r: ReturnType<typeof router>, db: Database) {
  const staff = { action: "read", resource: "case", kind: "page" } as const;

  const page = async (c: Parameters<Parameters<typeof r.add>[1]>[0], shown?: string, notice?: string) => {
    const p = pageOf(c);
    const f = filterOf(p);
    const [items, people] = await Promise.all([
      listDeadlines(db, p.viewer, { ...f, lang: p.lang }),
      assignableStaff(db, p.viewer),
    ]);
    const teams = [...new Set([...(p.viewer.team ? [p.viewer.team] : []), ...(f.team ? [f.team] : [])])];
    const list = pageThrough(p, items, DEADLINES_PAGE_SIZE);
    return render(c, {
      title: p.t("deadlines.title"),
      body: html`<h1>${p.t("deadlines.title")}</h1>
        <p class="lede">${p.t("deadlines.lede")}</p>
        <form class="filters" method="get" action="/workspace/deadlines" aria-label="${p.t("deadlines.filters")}">
          <div class="field"><label for="f-kind">${p.t("deadlines.kind")}</label>
            <select id="f-kind" name="kind">${options(
              [
                { value: "", label: p.t("deadlines.anyKind") },
                ...DEADLINE_KINDS.map((k) => ({ value: k, label: p.t(`deadlines.kind.${k}`) })),
              ],
              f.kind,
            )}</select></div>
          <div class="field"><label for="f-due">${p.t("deadlines.due")}</label>
            <select id="f-due" name="due">${options(
              [
                { value: "", label: p.t("deadlines.dueAny") },
                ...DUE_CHOICES.map((n) => ({ value: String(n), label: p.t("deadlines.dueDays", { n }) })),
              ],
              f.due === undefined ? undefined : String(f.due),
            )}</select></div>
          <div class="field"><label for="f-assignee">${p.t("deadlines.assignee")}</label>
            <select id="f-assignee" name="assignee">${options(
              [{ value: "", label: p.t("deadlines.anyone") }, ...people.map((u) => ({ value: u, label: u }))],
              f.assignee,
            )}</select></div>
          <div class="field"><label for="f-team">${p.t("deadlines.team")}</label>
            ${
              p.viewer.role === "admin"
                ? html`<input id="f-team" name="team" type="text" maxlength="60" value="${f.team ?? ""}" />`
                : html`<select id="f-team" name="team">${options(
                    [
                      { value: "", label: p.t("deadlines.anyTeam") },
                      ...teams.map((t) => ({ value: t, label: t })),
                    ],
                    f.team,
                  )}</select>`
            }</div>
          <button type="submit">${p.t("deadlines.apply")}</button>
        </form>
        <p>${list.paged ? p.t("deadlines.showing", list.range) : items.length ? p.tn("deadlines.count", items.length) : ""}</p>
        ${
          items.length
            ? html`<ul class="cards deadlines">${list.shown.map((d) => item(p, d))}</ul>${list.nav}`
            : html`<p class="empty">${p.t("deadlines.none")}</p>`
        }
        ${await calendarSection(p, db, shown, notice)}`,
    });
  };

  r.add({ method: "GET", path: "/workspace/deadlines", ...staff }, (c) => page(c));

  // Making or replacing one's own feed address is a personal setting: anyone who may read cases has a feed.
  r.add({ method: "POST", path: "/workspace/calendar", ...staff }, async (c) => {
    const p = pageOf(c);
    const v = await readForm(c);
    if (!p.viewer.userId) throw new AppError("UNAUTHENTICATED", "sign in to see this");
    const feed = await issueCalendarFeed(db, p.viewer.userId, p.viewer, {
      regenerate: str(v, "regenerate") === "on",
    });
    return page(c, feed.path);
  });

  r.add({ method: "POST", path: "/workspace/calendar/names", ...staff }, async (c) => {
    const p = pageOf(c);
    const v = await readForm(c);
    await setCalendarNames(db, p.viewer, str(v, "names") === "on");
    return page(c, undefined, p.t("calendar.namesSaved"));
  });

  r.add(
    { method: "POST", path: "/people/:id/assign", action: "write", resource: "case", kind: "page" },
    async (c) => {
      const p = pageOf(c);
      const id = param(c, "id");
      const v = await readForm(c);
      const who = str(v, "user");
      if (!who) throw new AppError("BAD_INPUT", "choose a staff member");
      await assignCase(db, id, who, p.viewer, { remove: str(v, "remove") === "on" });
      return c.redirect(`/people/${encodeURIComponent(id)}#assign-h`, 303);
    },
  );

  // The secret address itself: no session (calendar apps have none); the token is the credential.
  r.add(
    { method: "GET", path: "/calendar/:file", action: "read", resource: "public", kind: "api" },
    async (c) => {
      const file = param(c, "file");
      if (!file.endsWith(".ics")) throw new AppError("NOT_FOUND", "no calendar at this address");
      const lang = c.req.query("lang");
      const body = await readCalendarFeed(db, file.slice(0, -4), { lang: isLang(lang) ? lang : "en" });
      return c.body(body, 200, {
        "Content-Type": "text/calendar; charset=utf-8",
        "Cache-Control": "no-store",
        "Referrer-Policy": "no-referrer",
        "X-Robots-Tag": "noindex",
      });
    },
  );
}

/** The person page's assignment block: who works on this case, and (for writers) assigning staff. */
export function assignmentSection(p: Page, personId: string, assignees: string[], staff: string[]) {
  const free = staff.filter((u) => !assignees.includes(u));
  return html`<section aria-labelledby="assign-h" class="assignments">
    <h2 id="assign-h">${p.t("assign.title")}</h2>
    ${
      assignees.length
        ? html`<ul class="plain">${assignees.map(
            (u) =>
              html`<li>${u}${
                p.mayWrite
                  ? html` <form method="post" action="/people/${personId}/assign" class="inline">${csrfField(p)}
                  <input type="hidden" name="user" value="${u}" /><input type="hidden" name="remove" value="on" />
                  <button type="submit" class="secondary small">${p.t("assign.remove")}<span class="visually-hidden"> ${u}</span></button></form>`
                  : ""
              }</li>`,
          )}</ul>`
        : html`<p class="empty">${p.t("assign.none")}</p>`
    }
    ${
      p.mayWrite && free.length
        ? html`<form method="post" action="/people/${personId}/assign" class="row">${csrfField(p)}
          <label for="assign-user">${p.t("assign.who")}</label>
          <select id="assign-user" name="user">${free.map((u) => html`<option value="${u}"${u === p.viewer.userId ? " selected" : ""}>${u}</option>`)}</select>
          <button type="submit">${p.t("assign.add")}</button></form>`
        : ""
    }
  </section>`;
}
