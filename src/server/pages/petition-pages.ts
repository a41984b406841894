// The habeas petition on the web, for lawyers: the page that explains the draft (in the reader's language)
// and makes one, its HTML preview, the DOCX download, and marking a draft filed.
import type { Context } from "hono";
import { html } from "hono/html";
import { AppError } from "../../domain/errors.ts";
import { getPersonRecord } from "../../services/person-record.ts";
import {
  DRAFT_MARK,
  draftPerson,
  draftPetition,
  draftsFor,
  exhibitRef,
  markPetitionFiled,
  type PetitionDraft,
  venueWarnings,
} from "../../services/petition.ts";
import type { Database } from "../../services/store.ts";
import { param, type router } from "../routes.ts";
import { csrfField, readForm, str } from "./form-kit.ts";
import { type Page, pageOf, render } from "./page.ts";

/** The venue-watch banner for a person's page and the workspace. */
export function venueBanner(
  p: Page,
  w: { person: string; transfers: unknown[] }[],
  names?: Map<string, string>,
) {
  if (!w.length) return "";
  return html`<div class="alert warning" role="status">
    <strong>${p.t("petition.venueTitle")}</strong>
    <ul>${w.map(
      (x) =>
        html`<li>${names?.get(x.person) ? html`<a href="/people/${x.person}">${names.get(x.person)}</a>: ` : ""}${p.t("petition.venueText", { n: x.transfers.length })} <a href="/people/${x.person}/petition">${p.t("petition.open")}</a></li>`,
    )}</ul>
  </div>`;
}

function preview(d: PetitionDraft) {
  let n = 0;
  return html`<article class="petition-preview" lang="en">
    <p class="draft-mark"><strong>${DRAFT_MARK}</strong></p>
    <p class="caption-court"><strong>${d.caption.court}</strong>${d.division ? html`<br />${d.division}` : ""}</p>
    <p><strong>${d.caption.petitioner}</strong>, Petitioner,<br />v.<br />${d.caption.respondents.map((r) => html`${r};<br />`)}Respondents.</p>
    <p>Case No. ____________</p>
    <h2>PETITION FOR A WRIT OF HABEAS CORPUS UNDER 28 U.S.C. § 2241</h2>
    ${d.sections.map(
      (s) => html`<section><h3>${s.heading}</h3>
        ${s.paragraphs.map((para) => html`<p>${s.numbered ? `${++n}. ` : ""}${para.text}${exhibitRef(para.exhibits)}</p>`)}
      </section>`,
    )}
    <section><h3>Exhibits</h3><ol>${d.exhibits.map((x) => html`<li>${x.label}${x.url ? html` — <a href="${x.url}" rel="noreferrer">${x.url}</a>` : ""}</li>`)}</ol></section>
    <p class="draft-mark"><strong>${DRAFT_MARK}</strong></p>
  </article>`;
}

function courtSummary(p: Page, d: PetitionDraft) {
  return html`<dl class="facts">
    <dt>${p.t("petition.court")}</dt><dd>${d.court ?? p.t("petition.noCourt")}${d.courtKind === "proposed" ? html` <span class="badge unverified">${p.t("petition.proposed")}</span>` : ""}</dd>
    ${d.district ? html`<dt>${p.t("facility.district")}</dt><dd>${d.district.name} (${d.district.abbreviation})${d.division ? ` · ${d.division}` : ""}</dd>` : ""}
    ${d.facility ? html`<dt>${p.t("petition.facility")}</dt><dd><a href="/facilities/${d.facility.id}">${d.facility.name}</a></dd>` : ""}
    <dt>${p.t("petition.basis")}</dt><dd lang="en">${d.basis}</dd>
    <dt>${p.t("petition.respondents")}</dt><dd lang="en"><ul>${d.respondents.map((r) => html`<li>${r.name ? `${r.name}, ` : ""}${r.title}</li>`)}</ul></dd>
  </dl>
  ${d.warnings.length ? html`<div class="alert warning" role="status"><strong>${p.t("petition.check")}</strong><ul lang="en">${d.warnings.map((w) => html`<li>${w}</li>`)}</ul></div>` : ""}`;
}

async function petitionHome(c: Context, db: Database) {
  const p = pageOf(c);
  const id = param(c, "id");
  const rec = await getPersonRecord(db, id, p.viewer);
  const [drafts, watch] = await Promise.all([draftsFor(db, id, p.viewer), venueWarnings(db, p.viewer, [id])]);
  return render(c, {
    title: p.t("petition.title", { name: rec.person.full_name }),
    body: html`<h1>${p.t("petition.title", { name: rec.person.full_name })}</h1>
      ${venueBanner(p, watch)}
      <p>${p.t("petition.explain")}</p>
      <p>${p.t("petition.explainCourt")}</p>
      <p class="muted">${p.t("petition.explainPrivacy")}</p>
      <form method="post" action="/people/${id}/petition" class="record-form">
        ${csrfField(p)}
        <div class="field"><label for="next_friend">${p.t("petition.nextFriend")}</label>
          <p class="hint" id="next_friend-hint">${p.t("petition.nextFriendHint")}</p>
          <input id="next_friend" name="next_friend" type="text" maxlength="200" aria-describedby="next_friend-hint" /></div>
        <button type="submit" name="format" value="html">${p.t("petition.draft")}</button>
        <button type="submit" name="format" value="docx" class="secondary">${p.t("petition.docx")}</button>
      </form>
      ${
        drafts.length
          ? html`<section aria-labelledby="drafts-h"><h2 id="drafts-h">${p.t("petition.drafts")}</h2>
          <ul>${drafts.map(
            (d) =>
              html`<li><strong>${p.date(d.created_at.slice(0, 10))}</strong> — ${d.court}${
                d.filed_on
                  ? html` — ${p.t("petition.filedOn", { date: p.date(d.filed_on), docket: d.docket_number ?? "" })}`
                  : html`<form method="post" action="/petitions/${d.id}/filed" class="inline-form">
                    ${csrfField(p)}
                    <label for="fo-${d.id}">${p.t("petition.filedDate")}</label><input id="fo-${d.id}" name="filed_on" type="date" required />
                    <label for="fc-${d.id}">${p.t("petition.court")}</label><input id="fc-${d.id}" name="court" type="text" value="${d.court}" required />
                    <label for="fd-${d.id}">${p.t("petition.docket")}</label><input id="fd-${d.id}" name="docket_number" type="text" required />
                    <button type="submit">${p.t("petition.markFiled")}</button>
                  </form>`
              }</li>`,
          )}</ul></section>`
          : ""
      }`,
  });
}

export function registerPetitionPages(r: ReturnType<typeof router>, db: Database) {
  const read = { action: "read", resource: "restricted", kind: "page" } as const;
  const write = { action: "write", resource: "restricted", kind: "page" } as const;

  r.add({ method: "GET", path: "/people/:id/petition", ...read }, (c) => petitionHome(c, db));

  r.add({ method: "POST", path: "/people/:id/petition", ...write }, async (c) => {
    const p = pageOf(c);
    const id = param(c, "id");
    const v = await readForm(c);
    const d = await draftPetition(db, id, p.viewer, { nextFriend: str(v, "next_friend") });
    if (str(v, "format") === "docx") {
      const { petitionDocx } = await import("../../services/petition-document.ts");
      c.header("Cache-Control", "no-store");
      c.header("Content-Disposition", `attachment; filename="habeas-petition-draft-${id}.docx"`);
      return c.body(new Uint8Array(await petitionDocx(d)), 200, {
        "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      });
    }
    return render(c, {
      title: p.t("petition.title", { name: d.petitioner }),
      wide: true,
      body: html`<h1>${p.t("petition.title", { name: d.petitioner })}</h1>
        ${courtSummary(p, d)}
        <form method="post" action="/people/${id}/petition">
          ${csrfField(p)}<input type="hidden" name="next_friend" value="${d.nextFriend ?? ""}" />
          <button type="submit" name="format" value="docx">${p.t("petition.docx")}</button>
          <a class="button secondary" href="/people/${id}/petition">${p.t("petition.back")}</a>
        </form>
        ${preview(d)}`,
    });
  });

  r.add({ method: "POST", path: "/petitions/:draft/filed", ...write }, async (c) => {
    const p = pageOf(c);
    const v = await readForm(c);
    const person = await draftPerson(db, param(c, "draft"), p.viewer);
    try {
      await markPetitionFiled(
        db,
        param(c, "draft"),
        {
          filed_on: str(v, "filed_on") ?? "",
          court: str(v, "court") ?? "",
          docket_number: str(v, "docket_number") ?? "",
        },
        p.viewer,
      );
      return c.redirect(`/people/${person}?saved=matter`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || (e.code !== "BAD_INPUT" && e.code !== "CONFLICT")) throw e;
      const msg = [e.message, ...(e.problems ?? []).map((x) => x.message)].join(": ");
      return render(c, {
        title: p.t("petition.markFiled"),
        status: 400,
        body: html`<div class="error-summary" role="alert"><p>${msg}</p></div><p><a href="/people/${person}/petition">${p.t("petition.back")}</a></p>`,
      });
    }
  });
}
