// The form to record or edit an event in a person's story: its fields (what, when and where, the details
// its type carries, sources), how the form maps to recordEvent/updateEvent and an event back to the form.
import type { Context } from "hono";
import { html, raw } from "hono/html";
import type { z } from "zod";
import { EVENT_DETAILS, EVENT_TYPES, type EventType, type HabeasEvent } from "../../../domain/model.ts";
import { parseWhen } from "../../../domain/time.ts";
import { eventChoicesFor, listFacilitiesFor, WHOLE_LIST_UP_TO } from "../../../services/catalog.ts";
import type { PersonView } from "../../../services/person-record.ts";
import {
  getEventForEdit,
  getPersonForEdit,
  recordEvent,
  updateEvent,
} from "../../../services/record-case.ts";
import type { Database } from "../../../services/store.ts";
import { label } from "../../i18n/index.ts";
import { param } from "../../routes.ts";
import { countryOptions } from "../countries.ts";
import { facilityPicker, resolveFacilityField } from "../facility-picker.ts";
import { emptyForm, type FormState, field, type Option, readForm, str, type Values } from "../form-kit.ts";
import { enumOptions, matterOptions, precisionOptions, tzOptions } from "../options.ts";
import { pageOf, render } from "../page.ts";
import { formPage, localText, type Routes, saveOrShow, sourceFields, sourceIdsOf, write } from "./flow.ts";

type DetailKind = "enum" | "boolean" | "number" | "country" | "datetime" | "order" | "string";
type DetailField = { key: string; kind: DetailKind; options: readonly string[]; optional: boolean };
const COUNTRY_KEYS = new Set(["country", "destination_country", "to_country"]);

/** The details a kind of event carries, read from its schema so the form never drifts from the model. */
export function detailFields(type: EventType): DetailField[] {
  const shape = (EVENT_DETAILS[type] as unknown as { shape: Record<string, z.ZodType> }).shape;
  return Object.entries(shape).map(([key, schema]) => {
    let s = schema as unknown as {
      def: { type: string; innerType?: unknown; format?: string };
      options?: string[];
    };
    let optional = false;
    while (s.def.type === "optional" || s.def.type === "default") {
      optional = true;
      s = s.def.innerType as typeof s;
    }
    let kind: DetailKind = "string";
    if (s.def.type === "enum") kind = "enum";
    else if (s.def.type === "boolean") kind = "boolean";
    else if (s.def.type === "number") kind = "number";
    else if (COUNTRY_KEYS.has(key)) kind = "country";
    else if (s.def.format === "datetime") kind = "datetime";
    else if (key === "order") kind = "order";
    return { key, kind, options: s.options ?? [], optional };
  });
}

function detailsFrom(v: Values, type: EventType, tz: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of detailFields(type)) {
    const raw = str(v, `details.${type}.${f.key}`);
    if (raw === undefined) continue;
    if (f.kind === "boolean") {
      if (raw === "yes") out[f.key] = true;
      else if (raw === "no") out[f.key] = false;
    } else if (f.kind === "number") {
      const n = Number(raw);
      out[f.key] = Number.isFinite(n) ? n : raw;
    } else if (f.kind === "country") out[f.key] = raw.toUpperCase();
    else if (f.kind === "datetime") {
      out[f.key] = /[zZ]|[+-]\d{2}:?\d{2}$/.test(raw) ? raw : toInstant(raw, tz);
    } else out[f.key] = raw;
  }
  return out;
}

function toInstant(text: string, tz: string): string {
  try {
    return parseWhen(text, tz).at;
  } catch {
    return text;
  }
}

function detailValues(e: HabeasEvent): Values {
  const out: Values = {};
  for (const f of detailFields(e.type)) {
    const v = e.details[f.key];
    if (v === undefined || v === null) continue;
    const name = `details.${e.type}.${f.key}`;
    if (f.kind === "boolean") out[name] = v ? "yes" : "no";
    else if (f.kind === "datetime" && typeof v === "string") out[name] = localText(v, e.tz, "minute");
    else out[name] = String(v);
  }
  return out;
}

function eventValues(e: HabeasEvent): Values {
  return {
    type: e.type,
    when: e.latest
      ? `${localText(e.at, e.tz, "day")}/${localText(e.latest, e.tz, "day")}`
      : localText(e.at, e.tz, e.precision),
    tz: e.tz,
    precision: e.precision === "approximate" ? "approximate" : "",
    facility: e.facility,
    place: e.place,
    country: e.country,
    matter: e.matter,
    summary: e.summary,
    source_ids: e.citations.map((c) => c.source),
    ...detailValues(e),
  };
}

function eventInput(v: Values) {
  const type = str(v, "type") as EventType | undefined;
  const tz = str(v, "tz") ?? "UTC";
  const valid = type && (EVENT_TYPES as readonly string[]).includes(type);
  return {
    input: {
      type,
      when: str(v, "when") ?? "",
      tz,
      precision: str(v, "precision"),
      facility: str(v, "facility"),
      place: str(v, "place"),
      country: str(v, "country")?.toUpperCase(),
      matter: str(v, "matter"),
      summary: str(v, "summary") ?? "",
      details: valid ? detailsFrom(v, type, tz) : {},
    },
    sourceIds: sourceIdsOf(v),
    fix: (path: string) => {
      if (path.startsWith("details.") && valid) return `details.${type}.${path.slice("details.".length)}`;
      if (path === "sources" || path.startsWith("sources.")) return "source_ids";
      return path;
    },
  };
}

function eventFieldNames(): string[] {
  const names = [
    "type",
    "when",
    "tz",
    "precision",
    "facility",
    "place",
    "country",
    "matter",
    "summary",
    "source_ids",
    "source_ids_more",
  ];
  for (const t of EVENT_TYPES) for (const f of detailFields(t)) names.push(`details.${t}.${f.key}`);
  return names;
}

async function renderEventForm(
  c: Context,
  db: Database,
  st: FormState,
  mode: { person: PersonView; eventId?: string },
  status: 400 | 200 = 200,
) {
  const p = pageOf(c);
  // The matters and orders the event may name: the person's own on a large record, and those it names now.
  const current = {
    matter: str(st.values, "matter"),
    orders: EVENT_TYPES.flatMap((t) => str(st.values, `details.${t}.order`) ?? []),
  };
  const [sources, facilities, { matters, orders, narrowed }] = await Promise.all([
    sourceFields(db, p, st),
    listFacilitiesFor(db, { limit: 5000 }),
    eventChoicesFor(db, p.viewer, mode.person.id, current),
  ]);
  const chosen = str(st.values, "type") ?? "";
  const typeOptions = [
    { value: "", label: p.t("event.chooseType") },
    ...EVENT_TYPES.map((t) => ({ value: t, label: label(p.lang, "event", t) })),
  ];
  const tri: Option[] = [
    { value: "", label: p.t("tri.notRecorded") },
    { value: "yes", label: p.t("tri.yes") },
    { value: "no", label: p.t("tri.no") },
  ];
  const orderOpts: Option[] = [
    { value: "", label: p.t("form.none") },
    ...orders.map((o) => ({
      value: o.id,
      label: `${label(p.lang, "order", o.kind)} · ${p.when({ at: o.issued_at, precision: "day", tz: o.tz })} · ${o.summary.slice(0, 60)}`,
    })),
  ];
  const detailSet = (t: EventType) => {
    const fs = detailFields(t);
    return html`<fieldset class="group details" data-for-type="${t}"${t === chosen ? "" : html` hidden`}>
      <legend>${p.t("event.details", { type: label(p.lang, "event", t) })}</legend>
      ${
        fs.length
          ? fs.map((f) => {
              const name = `details.${t}.${f.key}`;
              const base = { name, label: label(p.lang, "detail", f.key) };
              if (f.kind === "enum")
                return field(p, st, {
                  ...base,
                  type: "select",
                  options: enumOptions(p, "dv", f.options, f.optional ? p.t("tri.notRecorded") : undefined),
                });
              if (f.kind === "boolean") return field(p, st, { ...base, type: "select", options: tri });
              if (f.kind === "number") return field(p, st, { ...base, type: "number", inputmode: "decimal" });
              if (f.kind === "country")
                return field(p, st, { ...base, type: "select", options: countryOptions(p) });
              if (f.kind === "order") return field(p, st, { ...base, type: "select", options: orderOpts });
              if (f.kind === "datetime") return field(p, st, { ...base, hint: p.t("event.localTimeHint") });
              return field(p, st, base);
            })
          : html`<p class="muted">${p.t("event.noDetails")}</p>`
      }
    </fieldset>`;
  };
  const name = mode.person.full_name;
  const title = mode.eventId ? p.t("event.editTitle", { name }) : p.t("event.newTitle", { name });
  return render(c, {
    title,
    status,
    body: html`${formPage(p, st, {
      action: mode.eventId ? `/events/${mode.eventId}/edit` : `/people/${mode.person.id}/events/new`,
      title,
      cancel: `/people/${mode.person.id}`,
      fields: [
        { name: "type", label: p.t("event.type") },
        { name: "summary", label: p.t("event.summary") },
        { name: "when", label: p.t("event.when") },
        { name: "tz", label: p.t("event.tz") },
        { name: "facility", label: p.t("event.facility") },
        { name: "country", label: p.t("event.country") },
        { name: "matter", label: p.t("event.matter") },
        { name: "source_ids", label: p.t("form.sources") },
        ...(chosen && (EVENT_TYPES as readonly string[]).includes(chosen)
          ? detailFields(chosen as EventType).map((f) => ({
              name: `details.${chosen}.${f.key}`,
              label: label(p.lang, "detail", f.key),
            }))
          : []),
      ],
      body: html`<fieldset class="group"><legend>${p.t("event.what")}</legend>
          ${field(p, st, { name: "type", label: p.t("event.type"), type: "select", options: typeOptions, required: true, attrs: raw(" data-event-type") })}
          <p class="js-hide"><button type="submit" name="_action" value="retype" class="secondary">${p.t("event.showFields")}</button></p>
          ${field(p, st, { name: "summary", label: p.t("event.summary"), type: "textarea", required: true, hint: p.t("event.summaryHint") })}
        </fieldset>
        <fieldset class="group"><legend>${p.t("event.whenWhere")}</legend>
          ${field(p, st, { name: "when", label: p.t("event.when"), required: true, hint: p.t("event.whenHint"), autocomplete: "off" })}
          ${field(p, st, { name: "tz", label: p.t("event.tz"), type: "select", options: tzOptions(p, str(st.values, "tz")) })}
          ${field(p, st, { name: "precision", label: p.t("event.precision"), type: "select", options: precisionOptions(p) })}
          ${facilityPicker(p, st, { name: "facility", label: p.t("event.facility"), facilities })}
          ${field(p, st, { name: "place", label: p.t("event.place"), hint: p.t("event.placeHint") })}
          ${field(p, st, { name: "country", label: p.t("event.country"), type: "select", options: countryOptions(p) })}
          ${field(p, st, { name: "matter", label: p.t("event.matter"), type: "select", options: matterOptions(p, matters).map((o) => (o.value ? o : { ...o, label: p.t("form.none") })), hint: narrowed ? p.t("event.choicesNarrowed", { n: WHOLE_LIST_UP_TO }) : undefined })}
        </fieldset>
        ${EVENT_TYPES.map((t) => detailSet(t))}
        <fieldset class="group"><legend>${p.t("form.sources")}</legend>
          ${sources.map((f) => field(p, st, f))}
          <p><a href="/sources/new">${p.t("source.add")}</a></p>
        </fieldset>`,
    })}<script src="/assets/forms.js" defer></script>`,
  });
}
export function registerEventForm(r: Routes, db: Database) {
  r.add({ method: "GET", path: "/people/:id/events/new", ...write }, async (c) => {
    const p = pageOf(c);
    const rec = await getPersonForEdit(db, param(c, "id"), p.viewer);
    const type = c.req.query("type");
    const values: Values = {
      tz: "America/New_York",
      type: type && (EVENT_TYPES as readonly string[]).includes(type) ? type : "",
    };
    return renderEventForm(c, db, emptyForm(values), { person: rec.person });
  });
  r.add({ method: "POST", path: "/people/:id/events/new", ...write }, async (c) => {
    const p = pageOf(c);
    const rec = await getPersonForEdit(db, param(c, "id"), p.viewer);
    const v = await readForm(c);
    await resolveFacilityField(db, v, "facility");
    if (str(v, "_action") === "retype") return renderEventForm(c, db, emptyForm(v), { person: rec.person });
    const { input, sourceIds, fix } = eventInput(v);
    return saveOrShow(c, v, {
      save: async () => {
        const saved = await recordEvent(
          db,
          { ...input, person: rec.person.id, source_ids: sourceIds },
          p.viewer,
        );
        return `/people/${rec.person.id}?saved=event#ev-${saved.id}`;
      },
      names: eventFieldNames,
      fix,
      show: (st) => renderEventForm(c, db, st, { person: rec.person }, 400),
    });
  });
  r.add({ method: "GET", path: "/events/:id/edit", ...write }, async (c) => {
    const p = pageOf(c);
    const e = await getEventForEdit(db, param(c, "id"), p.viewer);
    const rec = await getPersonForEdit(db, e.person, p.viewer);
    return renderEventForm(c, db, emptyForm(eventValues(e)), { person: rec.person, eventId: e.id });
  });
  r.add({ method: "POST", path: "/events/:id/edit", ...write }, async (c) => {
    const p = pageOf(c);
    const e = await getEventForEdit(db, param(c, "id"), p.viewer);
    const rec = await getPersonForEdit(db, e.person, p.viewer);
    const v = await readForm(c);
    await resolveFacilityField(db, v, "facility");
    if (str(v, "_action") === "retype")
      return renderEventForm(c, db, emptyForm(v), { person: rec.person, eventId: e.id });
    const { input, sourceIds, fix } = eventInput(v);
    return saveOrShow(c, v, {
      save: async () => {
        await updateEvent(db, e.id, { ...input, source_ids: sourceIds }, p.viewer);
        return `/people/${e.person}?saved=event#ev-${e.id}`;
      },
      names: eventFieldNames,
      fix,
      show: (st) => renderEventForm(c, db, st, { person: rec.person, eventId: e.id }, 400),
    });
  });
}
