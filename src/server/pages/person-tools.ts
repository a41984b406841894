// The staff tools under a person's record: who the case is assigned to, and the actions that are not
// edits of a field (issuing a family code, shown once on a sheet printable in English and Spanish).
import type { Context } from "hono";
import { html } from "hono/html";
import { isAppError } from "../../domain/errors.ts";
import { can } from "../../domain/policy.ts";
import { assignableStaff, assigneesOfCase } from "../../services/deadlines.ts";
import { createFamilyCode } from "../../services/family-access.ts";
import { getPersonRecord, type PersonView } from "../../services/person-record.ts";
import { getEventForEdit } from "../../services/record-case.ts";
import { deleteEvent, deletePerson, listDeleted, restoreDeleted } from "../../services/soft-delete.ts";
import type { Database } from "../../services/store.ts";
import { localeFor } from "../i18n/index.ts";
import { param, type router } from "../routes.ts";
import { assignmentSection } from "./deadlines-page.ts";
import { csrfField, readForm, str } from "./form-kit.ts";
import { type Page, pageOf, render } from "./page.ts";
import { askedFrom, pageWindow } from "./pager.ts";

/** Removed records a page of /admin/deleted shows, newest first. */
const TRASH_PAGE_SIZE = 100;

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
    ${p.mayWrite ? html`<p><a class="button secondary" href="/people/${person.id}/delete">${p.t("remove.person")}</a></p>` : ""}
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

/** The confirmation form for removing a person or an event: what it is, why it goes. */
function removeForm(p: Page, action: string, title: string, intro: string, what: string, error?: string) {
  return html`<h1>${title}</h1>
    <p class="lede">${intro}</p>
    <p><strong>${what}</strong></p>
    <form method="post" action="${action}" class="record-form" novalidate>${csrfField(p)}
      <div class="field${error ? " has-error" : ""}">
        <label for="f-reason">${p.t("remove.reason")}</label>
        ${error ? html`<p class="error" id="f-reason-error">${error}</p>` : ""}
        <textarea id="f-reason" name="reason" rows="2" maxlength="500" required${error ? html` aria-describedby="f-reason-error" aria-invalid="true"` : ""}></textarea>
      </div>
      <div class="actions"><button type="submit" class="danger">${p.t("remove.confirm")}</button></div>
    </form>`;
}

export function registerRemovalPages(r: ReturnType<typeof router>, db: Database) {
  const write = { action: "write", resource: "case", kind: "page" } as const;

  const personForm = async (c: Context, error?: string) => {
    const p = pageOf(c);
    const rec = await getPersonRecord(db, param(c, "id"), p.viewer);
    return render(c, {
      title: p.t("remove.personTitle"),
      status: error ? 400 : 200,
      body: removeForm(
        p,
        `/people/${rec.person.id}/delete`,
        p.t("remove.personTitle"),
        p.t("remove.personIntro"),
        rec.person.full_name,
        error,
      ),
    });
  };
  r.add({ method: "GET", path: "/people/:id/delete", ...write }, (c) => personForm(c));
  r.add({ method: "POST", path: "/people/:id/delete", ...write }, async (c) => {
    const p = pageOf(c);
    const v = await readForm(c);
    try {
      await deletePerson(db, param(c, "id"), str(v, "reason") ?? "", p.viewer);
    } catch (e) {
      if (isAppError(e) && e.code === "BAD_INPUT") return personForm(c, p.t("err.reason"));
      throw e;
    }
    return c.redirect("/workspace?removed=1", 303);
  });

  const eventForm = async (c: Context, error?: string) => {
    const p = pageOf(c);
    const e = await getEventForEdit(db, param(c, "id"), p.viewer);
    return render(c, {
      title: p.t("remove.eventTitle"),
      status: error ? 400 : 200,
      body: removeForm(
        p,
        `/events/${e.id}/delete`,
        p.t("remove.eventTitle"),
        p.t("remove.eventIntro"),
        `${p.when(e)} · ${e.summary}`,
        error,
      ),
    });
  };
  r.add({ method: "GET", path: "/events/:id/delete", ...write }, (c) => eventForm(c));
  r.add({ method: "POST", path: "/events/:id/delete", ...write }, async (c) => {
    const p = pageOf(c);
    const v = await readForm(c);
    let person: string;
    try {
      person = (await deleteEvent(db, param(c, "id"), str(v, "reason") ?? "", p.viewer)).person_id;
    } catch (e) {
      if (isAppError(e) && e.code === "BAD_INPUT") return eventForm(c, p.t("err.reason"));
      throw e;
    }
    return c.redirect(`/people/${encodeURIComponent(person)}?saved=removed`, 303);
  });

  const admin = { action: "admin", resource: "user", kind: "page" } as const;
  const trashPage = async (c: Context, notice?: string) => {
    const p = pageOf(c);
    const asked = askedFrom(p, TRASH_PAGE_SIZE);
    const first = await listDeleted(db, p.viewer, { offset: asked, limit: TRASH_PAGE_SIZE });
    // A page past the end (an old link) shows the last one.
    const list = pageWindow(p, first.total, TRASH_PAGE_SIZE);
    const { items } =
      list.from === asked
        ? first
        : await listDeleted(db, p.viewer, { offset: list.from, limit: TRASH_PAGE_SIZE });
    return render(c, {
      title: p.t("trash.title"),
      body: html`<h1>${p.t("trash.title")}</h1>
        <p class="lede">${p.t("trash.lede")}</p>
        ${notice ? html`<p class="notice ok" role="status">${notice}</p>` : ""}
        ${list.paged ? html`<p>${p.t("trash.showing", list.range(items.length))}</p>` : ""}
        ${
          items.length
            ? html`<ul class="cards">${items.map(
                (x) => html`<li class="card">
                  <p><span class="badge">${p.t(x.kind === "person" ? "trash.kind.person" : "trash.kind.event")}</span>
                    <code>${x.record_id}</code>${x.team ? html` <span class="muted">${x.team}</span>` : ""}</p>
                  <p>${x.reason}</p>
                  <p class="muted">${p.t("trash.removedOn", { date: p.date(x.deleted_at), who: x.deleted_by })}</p>
                  ${
                    x.restored_at
                      ? html`<p class="muted">${p.t("trash.restoredOn", { date: p.date(x.restored_at), who: x.restored_by ?? "" })}</p>`
                      : html`<form method="post" action="/admin/deleted/${x.id}/restore">${csrfField(p)}
                        <button type="submit">${p.t("trash.restore")}<span class="visually-hidden"> ${x.record_id}</span></button></form>`
                  }
                </li>`,
              )}</ul>
              ${list.nav}`
            : html`<p class="empty">${p.t("trash.none")}</p>`
        }`,
    });
  };
  r.add({ method: "GET", path: "/admin/deleted", ...admin }, (c) => trashPage(c));
  r.add({ method: "POST", path: "/admin/deleted/:id/restore", ...admin }, async (c) => {
    const p = pageOf(c);
    await readForm(c);
    await restoreDeleted(db, param(c, "id"), p.viewer);
    return trashPage(c, p.t("trash.done"));
  });
}
