// The form to add or edit a legal matter (a case in court): its fields, how the form maps to
// saveLegalMatter and a matter back to the form.
import type { Context } from "hono";
import { html } from "hono/html";
import { getMatterForEdit, saveLegalMatter } from "../../../services/edit-record.ts";
import type { Database } from "../../../services/store.ts";
import { param } from "../../routes.ts";
import { emptyForm, type Field, type FormState, readForm, str, type Values, words } from "../form-kit.ts";
import { type Page, pageOf, render } from "../page.ts";
import {
  fieldsBlock,
  formPage,
  namesOf,
  pageStub,
  type Routes,
  SOURCE_FIELD_NAMES,
  saveOrShow,
  sourceFields,
  sourceIdsOf,
  sourcesFix,
  write,
} from "./flow.ts";

function matterFields(p: Page, sources: Field[]): Field[] {
  return [
    { name: "caption", label: p.t("matter.caption"), required: true, hint: p.t("matter.captionHint") },
    { name: "court", label: p.t("matter.court"), required: true },
    { name: "docket_number", label: p.t("matter.docket") },
    { name: "judge", label: p.t("matter.judge") },
    { name: "filed_on", label: p.t("matter.filedOn"), type: "date" },
    { name: "decided_on", label: p.t("matter.decidedOn"), type: "date" },
    { name: "status", label: p.t("matter.status") },
    { name: "class_definition", label: p.t("order.classDefinition"), type: "textarea" },
    { name: "people", label: p.t("matter.people"), hint: p.t("order.peopleHint") },
    { name: "summary", label: p.t("matter.summary"), type: "textarea", rows: 4 },
    ...sources,
  ];
}
function matterInput(v: Values) {
  return {
    caption: str(v, "caption") ?? "",
    court: str(v, "court") ?? "",
    docket_number: str(v, "docket_number"),
    judge: str(v, "judge"),
    filed_on: str(v, "filed_on"),
    decided_on: str(v, "decided_on"),
    status: str(v, "status"),
    class_definition: str(v, "class_definition"),
    people: words(v, "people"),
    summary: str(v, "summary"),
    source_ids: sourceIdsOf(v),
  };
}
async function renderMatterForm(
  c: Context,
  db: Database,
  st: FormState,
  id?: string,
  status: 200 | 400 = 200,
) {
  const p = pageOf(c);
  const fs = matterFields(p, await sourceFields(db, p, st));
  const title = id ? p.t("matter.editTitle") : p.t("matter.newTitle");
  return render(c, {
    title,
    status,
    body: formPage(p, st, {
      action: id ? `/matters/${id}/edit` : "/matters/new",
      title,
      cancel: "/orders",
      fields: fs,
      body: html`<fieldset class="group"><legend>${p.t("matter.legend")}</legend>${fieldsBlock(p, st, fs)}</fieldset>`,
    }),
  });
}

const matterNames = () => [...namesOf(matterFields(pageStub, SOURCE_FIELD_NAMES)), ""];

export function registerMatterForm(r: Routes, db: Database) {
  r.add({ method: "GET", path: "/matters/new", ...write }, (c) =>
    renderMatterForm(c, db, emptyForm({ people: c.req.query("person") ?? "" })),
  );
  r.add({ method: "POST", path: "/matters/new", ...write }, async (c) => {
    const p = pageOf(c);
    const v = await readForm(c);
    return saveOrShow(c, v, {
      save: async () => {
        const id = await saveLegalMatter(db, matterInput(v), p.viewer);
        return `/orders/new?saved=matter&matter=${encodeURIComponent(id)}`;
      },
      names: matterNames,
      fix: sourcesFix,
      show: (st) => renderMatterForm(c, db, st, undefined, 400),
    });
  });
  r.add({ method: "GET", path: "/matters/:id/edit", ...write }, async (c) => {
    const p = pageOf(c);
    const m = await getMatterForEdit(db, param(c, "id"), p.viewer);
    return renderMatterForm(
      c,
      db,
      emptyForm({
        caption: m.caption,
        court: m.court,
        docket_number: m.docket_number,
        judge: m.judge,
        filed_on: m.filed_on,
        decided_on: m.decided_on,
        status: m.status,
        class_definition: m.class_definition,
        people: m.people.join(", "),
        summary: m.summary,
        source_ids: m.citations.map((x) => x.source),
      }),
      m.id,
    );
  });
  r.add({ method: "POST", path: "/matters/:id/edit", ...write }, async (c) => {
    const p = pageOf(c);
    const id = param(c, "id");
    const v = await readForm(c);
    return saveOrShow(c, v, {
      save: async () => {
        await saveLegalMatter(db, matterInput(v), p.viewer, id);
        return "/orders?saved=matter";
      },
      names: matterNames,
      fix: sourcesFix,
      show: (st) => renderMatterForm(c, db, st, id, 400),
    });
  });
}
