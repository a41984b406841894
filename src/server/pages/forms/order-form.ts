// The form to add or edit a court order: its fields, how the form maps to saveCourtOrder and an order
// back to the form.
import type { Context } from "hono";
import { html } from "hono/html";
import { ORDER_KINDS } from "../../../domain/model.ts";
import { orderMatterChoicesFor, WHOLE_LIST_UP_TO } from "../../../services/catalog.ts";
import { getOrderForEdit, saveCourtOrder } from "../../../services/edit-record.ts";
import type { Database } from "../../../services/store.ts";
import { param } from "../../routes.ts";
import {
  checked,
  emptyForm,
  type Field,
  type FormState,
  list,
  type Option,
  readForm,
  str,
  type Values,
  words,
} from "../form-kit.ts";
import { enumOptions, matterOptions, precisionOptions, tzOptions } from "../options.ts";
import { type Page, pageOf, render } from "../page.ts";
import {
  fieldsBlock,
  formPage,
  localText,
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

const BARS = ["removal", "transfer", "detention"] as const;

function orderFields(p: Page, matters: Option[], sources: Field[], st: FormState, narrowed = false): Field[] {
  return [
    {
      name: "matter",
      label: p.t("order.matter"),
      type: "select",
      options: matters,
      required: true,
      hint: narrowed
        ? `${p.t("order.matterHint")}. ${p.t("order.mattersNarrowed", { n: WHOLE_LIST_UP_TO })}`
        : p.t("order.matterHint"),
    },
    {
      name: "kind",
      label: p.t("order.kind"),
      type: "select",
      options: enumOptions(p, "order", ORDER_KINDS, p.t("form.choose")),
      required: true,
    },
    { name: "issued", label: p.t("order.issued"), required: true, hint: p.t("event.whenHint") },
    { name: "tz", label: p.t("event.tz"), type: "select", options: tzOptions(p, str(st.values, "tz")) },
    { name: "precision", label: p.t("event.precision"), type: "select", options: precisionOptions(p) },
    { name: "oral", label: p.t("order.oral"), type: "checkbox" },
    { name: "covers.people", label: p.t("order.people"), hint: p.t("order.peopleHint") },
    { name: "covers.class_definition", label: p.t("order.classDefinition"), type: "textarea" },
    { name: "bars", label: p.t("order.bars"), type: "checkboxes", options: enumOptions(p, "bar", BARS) },
    { name: "requires", label: p.t("order.requires"), type: "textarea", hint: p.t("order.requiresHint") },
    { name: "deadline", label: p.t("order.deadline"), hint: p.t("event.whenHint") },
    { name: "summary", label: p.t("order.summary"), type: "textarea", required: true, rows: 4 },
    ...sources,
  ];
}
function orderInput(v: Values) {
  return {
    matter: str(v, "matter") ?? "",
    kind: str(v, "kind"),
    issued: str(v, "issued") ?? "",
    tz: str(v, "tz") ?? "America/New_York",
    precision: str(v, "precision"),
    oral: checked(v, "oral"),
    covers: { people: words(v, "covers.people"), class_definition: str(v, "covers.class_definition") },
    bars: list(v, "bars"),
    requires: str(v, "requires"),
    deadline: str(v, "deadline"),
    summary: str(v, "summary") ?? "",
    source_ids: sourceIdsOf(v),
  };
}
async function renderOrderForm(
  c: Context,
  db: Database,
  st: FormState,
  id?: string,
  status: 200 | 400 = 200,
) {
  const p = pageOf(c);
  const about = { people: words(st.values, "covers.people"), matter: str(st.values, "matter") };
  const [{ matters, narrowed }, sources] = await Promise.all([
    orderMatterChoicesFor(db, p.viewer, about),
    sourceFields(db, p, st),
  ]);
  const fs = orderFields(p, matterOptions(p, matters), sources, st, narrowed);
  const title = id ? p.t("order.editTitle") : p.t("order.newTitle");
  return render(c, {
    title,
    status,
    body: formPage(p, st, {
      action: id ? `/orders/${id}/edit` : "/orders/new",
      title,
      intro: p.t("order.intro"),
      cancel: "/orders",
      fields: fs,
      body: html`<p><a href="/matters/new">${p.t("matter.add")}</a></p><fieldset class="group"><legend>${p.t("order.legend")}</legend>${fieldsBlock(p, st, fs)}</fieldset>`,
    }),
  });
}

const orderNames = () => [...namesOf(orderFields(pageStub, [], SOURCE_FIELD_NAMES, emptyForm())), ""];

export function registerOrderForm(r: Routes, db: Database) {
  r.add({ method: "GET", path: "/orders/new", ...write }, (c) =>
    renderOrderForm(
      c,
      db,
      emptyForm({
        tz: "America/New_York",
        "covers.people": c.req.query("person") ?? "",
        matter: c.req.query("matter") ?? "",
      }),
    ),
  );
  r.add({ method: "POST", path: "/orders/new", ...write }, async (c) => {
    const p = pageOf(c);
    const v = await readForm(c);
    return saveOrShow(c, v, {
      save: async () => {
        await saveCourtOrder(db, orderInput(v), p.viewer);
        return "/orders?saved=order";
      },
      names: orderNames,
      fix: sourcesFix,
      show: (st) => renderOrderForm(c, db, st, undefined, 400),
    });
  });
  r.add({ method: "GET", path: "/orders/:id/edit", ...write }, async (c) => {
    const p = pageOf(c);
    const o = await getOrderForEdit(db, param(c, "id"), p.viewer);
    return renderOrderForm(
      c,
      db,
      emptyForm({
        matter: o.matter,
        kind: o.kind,
        issued: o.issued_latest
          ? `${localText(o.issued_at, o.tz, "day")}/${localText(o.issued_latest, o.tz, "day")}`
          : localText(o.issued_at, o.tz, o.precision),
        tz: o.tz,
        precision: o.precision === "approximate" ? "approximate" : "",
        oral: o.oral ? "on" : undefined,
        "covers.people": o.covers.people.join(", "),
        "covers.class_definition": o.covers.class_definition,
        bars: o.bars,
        requires: o.requires,
        deadline: o.deadline_at ? localText(o.deadline_at, o.tz, "minute") : undefined,
        summary: o.summary,
        source_ids: o.citations.map((x) => x.source),
      }),
      o.id,
    );
  });
  r.add({ method: "POST", path: "/orders/:id/edit", ...write }, async (c) => {
    const p = pageOf(c);
    const id = param(c, "id");
    const v = await readForm(c);
    return saveOrShow(c, v, {
      save: async () => {
        await saveCourtOrder(db, orderInput(v), p.viewer, id);
        return `/orders?saved=order#order-${id}`;
      },
      names: orderNames,
      fix: sourcesFix,
      show: (st) => renderOrderForm(c, db, st, id, 400),
    });
  });
}
