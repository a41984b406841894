// The staff tools under a person's record: who the case is assigned to, and the actions that are not
// edits of a field (issuing a family code, shown once on a sheet printable in English and Spanish).
import { html } from "hono/html";
import { can } from "../../domain/policy.ts";
import { assignableStaff, assigneesOfCase } from "../../services/deadlines.ts";
import { createFamilyCode } from "../../services/family-access.ts";
import type { PersonView } from "../../services/person-record.ts";
import type { Database } from "../../services/store.ts";
import { localeFor } from "../i18n/index.ts";
import { param, type router } from "../routes.ts";
import { assignmentSection } from "./deadlines-page.ts";
import { csrfField } from "./form-kit.ts";
import { type Page, pageOf, render } from "./page.ts";

function familyCodeSection(p: Page, person: PersonView) {
  if (!can(p.viewer, "write", "family")) return "";
  return html`<section aria-labelledby="family-code-h" class="family-code">
    <h2 id="family-code-h">${p.t("familyCode.heading")}</h2>
    <p class="hint">${p.t("familyCode.intro")}</p>
    ${
      person.consent?.family_status
        ? html`<form method="post" action="/people/${person.id}/family-code">${csrfField(p)}
          <button type="submit">${p.t("familyCode.issue")}</button></form>`
        : html`<p class="notice warn">${p.t("familyCode.noConsent")}</p>`
    }
  </section>`;
}

export async function staffTools(p: Page, db: Database, person: PersonView) {
  const [assignees, staff] = await Promise.all([
    assigneesOfCase(db, person.id, p.viewer),
    p.mayWrite ? assignableStaff(db, p.viewer) : Promise.resolve([]),
  ]);
  return html`<aside class="person-tools">
    ${assignmentSection(p, person.id, assignees, staff)}
    ${familyCodeSection(p, person)}
  </aside>`;
}

/** The family's sheet in both languages: where to go, the code, the passphrase, and to keep it private. */
function sheet(url: string, code: string, passphrase: string) {
  return (["en", "es"] as const).map((lang) => {
    const t = localeFor(lang).t;
    return html`<section class="family-sheet" lang="${lang}">
      <h2>${t("familyCode.sheetTitle")}</h2>
      <ol><li>${t("familyCode.sheetStep1", { url })}</li><li>${t("familyCode.sheetStep2")}</li></ol>
      <dl class="facts code-sheet">
        <dt>${t("familyCode.code")}</dt><dd><code>${code}</code></dd>
        <dt>${t("familyCode.passphrase")}</dt><dd><code>${passphrase}</code></dd>
      </dl>
      <p>${t("familyCode.sheetPrivate")}</p>
    </section>`;
  });
}

export function registerPersonTools(r: ReturnType<typeof router>, db: Database) {
  r.add(
    { method: "POST", path: "/people/:id/family-code", action: "write", resource: "family", kind: "page" },
    async (c) => {
      const p = pageOf(c);
      const id = param(c, "id");
      const issued = await createFamilyCode(db, id, p.viewer);
      // The passphrase exists only in this response: never cached, never stored.
      c.header("Cache-Control", "no-store");
      return render(c, {
        title: p.t("familyCode.heading"),
        body: html`<h1>${p.t("familyCode.heading")}</h1>
          <p class="notice ok no-print" role="status">${p.t("familyCode.shownOnce")}</p>
          <p class="hint no-print">${p.t("familyCode.printHint")}</p>
          ${sheet(`${p.url.origin}/family`, issued.code, issued.passphrase)}
          <p class="no-print"><a href="/people/${encodeURIComponent(issued.person)}">${p.t("familyCode.back")}</a></p>`,
      });
    },
  );
}
