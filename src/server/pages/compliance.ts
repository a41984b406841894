// How a court order's compliance state reads on every page (person, /orders, dashboard, workspace): one presenter.
import { html } from "hono/html";
import type { PublicCompliance } from "../../services/findings.ts";
import { label } from "../i18n/index.ts";
import type { Page } from "./page.ts";

/** "394 minutes" up to two hours, then hours, then days: the unit a reader would use for that span. */
function spanText(p: Page, minutes: number): string {
  if (minutes < 120) return p.t("compliance.minutes", { n: p.number(minutes) });
  if (minutes < 72 * 60) return p.t("compliance.hours", { n: p.number(Math.round(minutes / 60)) });
  return p.days(Math.floor(minutes / 1440));
}

/** The state in a few words, with the days an order stood or stands unmet. */
export function complianceHeadline(p: Page, c: PublicCompliance): string {
  const state = label(p.lang, "compliance", c.state);
  if (c.days_unmet === null || (c.state === "complied" && c.days_unmet === 0)) return state;
  return `${state} · ${p.t(c.unmet ? "compliance.unmetFor" : "compliance.wasUnmetFor", { days: p.days(c.days_unmet) })}`;
}

/** The full badge: the state, every act against the order with its minutes after it, and whether it was undone. */
export function complianceBadge(p: Page, c: PublicCompliance | undefined) {
  if (!c) return "";
  const tone =
    c.state === "breached" || c.state === "outstanding"
      ? "not-complied"
      : c.state === "complied"
        ? "complied"
        : "muted";
  return html`<div class="compliance ${tone}">
    <p><strong>${label(p.lang, "compliance", c.state)}</strong>
      ${c.days_unmet !== null && !(c.state === "complied" && c.days_unmet === 0) ? html` · <span class="counter">${p.t(c.unmet ? "compliance.unmetFor" : "compliance.wasUnmetFor", { days: p.days(c.days_unmet) })}</span>` : ""}
      ${c.met_by ? html` · <span class="muted">${p.t("compliance.metOn", { date: p.date(c.met_by.at) })}</span>` : ""}
      ${c.state === "not_yet_due" && c.due_at ? html` · <span class="muted">${p.t("compliance.dueOn", { date: p.date(c.due_at) })}</span>` : ""}</p>
    ${
      c.acts.length
        ? html`<ul class="acts">${c.acts.map(
            (a) => html`<li>${
              a.minutes_after_order === undefined
                ? p.t("compliance.actAfter", { act: label(p.lang, "event", a.type) })
                : p.t(a.approximate ? "compliance.actAtLeast" : "compliance.act", {
                    act: label(p.lang, "event", a.type),
                    span: spanText(p, a.minutes_after_order),
                  })
            }
              ${a.event ? html`<a href="#ev-${a.event}">${a.at ? p.date(a.at) : ""}</a>` : ""}
              <span class="muted">${a.remedied ? p.t("compliance.remedied") : p.t("compliance.notRemedied")}</span></li>`,
          )}</ul>`
        : ""
    }
    ${c.missed_deadline ? html`<p class="muted">${p.t(c.missed_deadline.met ? "compliance.deadlineMissedMet" : "compliance.deadlineMissed", { date: p.date(c.missed_deadline.deadline_at), days: p.days(c.missed_deadline.days_late) })}</p>` : ""}
  </div>`;
}
