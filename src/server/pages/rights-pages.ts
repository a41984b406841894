// Know your rights and the family preparedness plan: public, in English and Spanish, no login. The plan
// is kept in the visitor's browser by /assets/plan.js and has no form, so nothing can reach the server.
import { html } from "hono/html";
import type { Database } from "../../services/store.ts";
import type { router } from "../routes.ts";
import { pageOf, render } from "./page.ts";
import { PLAN, type PlanItem, RIGHTS } from "./rights-content.ts";

function planItem(sectionId: string, item: PlanItem) {
  const id = `plan-${sectionId}-${item.id}`;
  const hint = item.hint ? html`<p class="hint" id="${id}-hint">${item.hint}</p>` : "";
  const described = item.hint ? html` aria-describedby="${id}-hint"` : "";
  if (item.kind === "check") {
    return html`<li class="check"><input type="checkbox" id="${id}" data-keep="${id}"${described} />
      <label for="${id}">${item.label}</label>${hint}</li>`;
  }
  const input =
    item.kind === "area"
      ? html`<textarea id="${id}" data-keep="${id}" rows="3" maxlength="2000"${described}></textarea>`
      : html`<input type="text" id="${id}" data-keep="${id}" maxlength="300" autocomplete="off"${described} />`;
  return html`<li class="field"><label for="${id}">${item.label}</label>${hint}${input}</li>`;
}

export function registerRightsPages(r: ReturnType<typeof router>, _db: Database) {
  const pub = { action: "read", resource: "public", kind: "page" } as const;

  r.add({ method: "GET", path: "/rights", ...pub }, (c) => {
    const p = pageOf(c);
    const k = RIGHTS[p.lang];
    return render(c, {
      title: k.title,
      body: html`<article class="rights">
        <h1>${k.title}</h1>
        <p class="lede">${k.lede}</p>
        <p class="notice">${k.notAdvice}</p>
        <nav aria-label="${p.t("rights.contents")}" class="toc">
          <ul>
            ${k.sections.map((s) => html`<li><a href="#${s.id}">${s.title}</a></li>`)}
            <li><a href="#card">${k.card.title}</a></li>
            <li><a href="/plan">${p.t("nav.plan")}</a></li>
          </ul>
        </nav>
        ${k.sections.map(
          (s) => html`<section id="${s.id}" aria-labelledby="${s.id}-h">
            <h2 id="${s.id}-h">${s.title}</h2>
            <ul class="points">
              ${s.points.map(
                (pt) => html`<li><strong>${pt.head}</strong> ${pt.text}
                  ${pt.say ? html`<p class="say"><span class="say-label">${p.t("rights.say")}</span> “${pt.say}”</p>` : ""}</li>`,
              )}
            </ul>
          </section>`,
        )}
        <section id="card" aria-labelledby="card-h" class="card-section">
          <h2 id="card-h">${k.card.title}</h2>
          <p>${k.card.intro}</p>
          <div class="rights-card" lang="${p.lang}">
            ${k.card.lines.map((l) => html`<p>${l}</p>`)}
          </div>
        </section>
        <section id="find" aria-labelledby="find-h">
          <h2 id="find-h">${k.findTitle}</h2>
          <ul class="points">${k.find.map((pt) => html`<li><strong>${pt.head}</strong> ${pt.text}</li>`)}</ul>
          <p>${p.t("rights.familyCode")} <a href="/family">${p.t("footer.family")}</a></p>
          <p><a class="button" href="/plan">${p.t("rights.makePlan")}</a></p>
        </section>
        <p class="muted">${k.reviewed}</p>
      </article>`,
    });
  });

  r.add({ method: "GET", path: "/plan", ...pub }, (c) => {
    const p = pageOf(c);
    const k = PLAN[p.lang];
    return render(c, {
      title: k.title,
      body: html`<article class="plan" id="plan" data-plan-key="habeas-plan-v1">
        <h1>${k.title}</h1>
        <p class="lede">${k.lede}</p>
        <p class="notice" id="plan-privacy">${k.privacy}</p>
        <p class="notice warn js-hide" id="plan-noscript">${k.noScript}</p>
        <div class="plan-tools" hidden>
          <button type="button" data-plan="print">${p.t("plan.print")}</button>
          <button type="button" class="secondary" data-plan="clear" data-confirm="${p.t("plan.confirmClear")}">${p.t("plan.clear")}</button>
          <span class="plan-status" role="status" aria-live="polite" data-saved="${p.t("plan.saved")}" data-cleared="${p.t("plan.cleared")}"></span>
        </div>
        ${k.sections.map(
          (s) => html`<section aria-labelledby="plan-${s.id}-h">
            <h2 id="plan-${s.id}-h">${s.title}</h2>
            <ul class="plan-items">${s.items.map((i) => planItem(s.id, i))}</ul>
          </section>`,
        )}
        <p class="muted">${k.stateNote}</p>
        <p><a href="/rights">${p.t("plan.backToRights")}</a></p>
      </article>
      <script src="/assets/plan.js" defer></script>`,
    });
  });
}
