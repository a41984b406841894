// The form to add or edit a source: its fields, how the form maps to saveSourceRecord and a source back
// to the form.
import type { Context } from "hono";
import { html } from "hono/html";
import { RELIABILITIES } from "../../../domain/model.ts";
import { getSourceForEdit, saveSourceRecord } from "../../../services/edit-record.ts";
import type { Database } from "../../../services/store.ts";
import { param } from "../../routes.ts";
import { emptyForm, type Field, type FormState, readForm, str, type Values } from "../form-kit.ts";
import { enumOptions } from "../options.ts";
import { type Page, pageOf, render } from "../page.ts";
import { fieldsBlock, formPage, namesOf, pageStub, type Routes, saveOrShow, writeSource } from "./flow.ts";

const SOURCE_KINDS = ["court_record", "government", "news", "ngo", "testimony", "other"] as const;

function sourceFields(p: Page): Field[] {
  return [
    { name: "publisher", label: p.t("source.publisher"), required: true },
    { name: "title", label: p.t("source.title"), required: true },
    { name: "url", label: p.t("source.url"), type: "url", hint: p.t("source.urlHint") },
    { name: "published_on", label: p.t("source.publishedOn"), type: "date" },
    {
      name: "kind",
      label: p.t("source.kind"),
      type: "select",
      options: enumOptions(p, "sourceKind", SOURCE_KINDS),
    },
    {
      name: "reliability",
      label: p.t("source.reliability"),
      type: "select",
      options: enumOptions(p, "reliability", RELIABILITIES),
    },
  ];
}
function sourceInput(v: Values) {
  return {
    publisher: str(v, "publisher") ?? "",
    title: str(v, "title") ?? "",
    url: str(v, "url"),
    published_on: str(v, "published_on"),
    kind: str(v, "kind") ?? "news",
    reliability: str(v, "reliability") ?? "reliable",
  };
}
function renderSourceForm(c: Context, st: FormState, id?: string, status: 200 | 400 = 200) {
  const p = pageOf(c);
  const title = id ? p.t("source.editTitle") : p.t("source.newTitle");
  return render(c, {
    title,
    status,
    body: formPage(p, st, {
      action: id ? `/sources/${id}/edit` : "/sources/new",
      title,
      intro: p.t("source.intro"),
      cancel: "/sources",
      fields: sourceFields(p),
      body: html`<fieldset class="group"><legend>${p.t("source.legend")}</legend>${fieldsBlock(p, st, sourceFields(p))}</fieldset>`,
    }),
  });
}

const sourceNames = [...namesOf(sourceFields(pageStub)), ""];

export function registerSourceForm(r: Routes, db: Database) {
  r.add({ method: "GET", path: "/sources/new", ...writeSource }, (c) =>
    renderSourceForm(c, emptyForm({ kind: "news", reliability: "reliable" })),
  );
  r.add({ method: "POST", path: "/sources/new", ...writeSource }, async (c) => {
    const p = pageOf(c);
    const v = await readForm(c);
    return saveOrShow(c, v, {
      save: async () => {
        const id = await saveSourceRecord(db, sourceInput(v), p.viewer);
        return `/sources?saved=source#src-${id}`;
      },
      names: () => sourceNames,
      show: (st) => renderSourceForm(c, st, undefined, 400),
    });
  });
  r.add({ method: "GET", path: "/sources/:id/edit", ...writeSource }, async (c) => {
    const s = await getSourceForEdit(db, param(c, "id"), pageOf(c).viewer);
    return renderSourceForm(
      c,
      emptyForm({
        publisher: s.publisher,
        title: s.title,
        url: s.url,
        published_on: s.published_on,
        kind: s.kind,
        reliability: s.reliability,
      }),
      s.id,
    );
  });
  r.add({ method: "POST", path: "/sources/:id/edit", ...writeSource }, async (c) => {
    const p = pageOf(c);
    const id = param(c, "id");
    const v = await readForm(c);
    return saveOrShow(c, v, {
      save: async () => {
        await saveSourceRecord(db, sourceInput(v), p.viewer, id);
        return `/sources?saved=source#src-${id}`;
      },
      names: () => sourceNames,
      show: (st) => renderSourceForm(c, st, id, 400),
    });
  });
}
