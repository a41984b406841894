// Staff forms to add and edit people, events, court orders, legal matters and sources. Each POST goes
// through one service; when it answers with problems the form comes back with every value kept and each
// message beside its field.
import type { Context } from "hono";
import { html, raw } from "hono/html";
import type { z } from "zod";
import { isAppError, type Problem } from "../../domain/errors.ts";
import {
  CITIZENSHIP_STATUSES,
  EVENT_DETAILS,
  EVENT_TYPES,
  type EventType,
  type HabeasEvent,
  ORDER_KINDS,
  PROTECTION_KINDS,
  RELIABILITIES,
} from "../../domain/model.ts";
import { ANONYMOUS } from "../../domain/policy.ts";
import { parseWhen } from "../../domain/time.ts";
import { listFacilitiesFor, listMattersFor, listOrdersFor, listSourcesFor } from "../../services/catalog.ts";
import { invalidateDashboard } from "../../services/dashboard.ts";
import {
  getMatterForEdit,
  getOrderForEdit,
  getSourceForEdit,
  saveCourtOrder,
  saveLegalMatter,
  saveSourceRecord,
} from "../../services/edit-record.ts";
import type { PersonView } from "../../services/person-record.ts";
import {
  createPerson,
  getEventForEdit,
  getPersonForEdit,
  recordEvent,
  updateEvent,
  updatePerson,
} from "../../services/record-case.ts";
import type { Database } from "../../services/store.ts";
import { label, localeFor } from "../i18n/index.ts";
import { param, type router } from "../routes.ts";
import { countryOptions } from "./countries.ts";
import { facilityPicker, resolveFacilityField } from "./facility-picker.ts";
import {
  checked,
  csrfField,
  emptyForm,
  errorSummary,
  type Field,
  type FormState,
  field,
  formWithProblems,
  lines,
  list,
  type Option,
  readForm,
  str,
  type Values,
  words,
} from "./form-kit.ts";
import { enumOptions, matterOptions, precisionOptions, sourceOptions, tzOptions } from "./options.ts";
import { type Page, pageOf, render } from "./page.ts";

const MAX_PROTECTIONS = 4;
/** Field names do not depend on the viewer or language: a neutral page builds the lists of them. */
const pageStub: Page = {
  ...localeFor("en"),
  viewer: ANONYMOUS,
  staff: false,
  restricted: false,
  mayWrite: false,
  url: new URL("http://localhost/"),
};
const SOURCE_KINDS = ["court_record", "government", "news", "ngo", "testimony", "other"] as const;

/** The problems of a rejected write, or the error itself when it is not about the input. */
function problemsOf(e: unknown): Problem[] {
  if (isAppError(e) && (e.code === "BAD_INPUT" || e.code === "CONFLICT")) {
    return e.problems.length ? e.problems : [{ path: "", message: e.message }];
  }
  throw e;
}

function rename(problems: Problem[], map: (path: string) => string): Problem[] {
  return problems.map((pr) => ({ ...pr, path: map(pr.path) }));
}

function num(v: Values, name: string): number | string | undefined {
  const s = str(v, name);
  if (s === undefined) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : s;
}

/** Local wall-clock text of an instant, cut to its precision: what the form's "when" field takes back. */
function localText(at: string, tz: string, precision: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: tz,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(new Date(at));
  const g = (t: string) => parts.find((x) => x.type === t)?.value ?? "";
  const day = `${g("year")}-${g("month")}-${g("day")}`;
  if (precision === "year") return g("year");
  if (precision === "month") return `${g("year")}-${g("month")}`;
  if (precision === "minute") return `${day} ${g("hour")}:${g("minute")}`;
  return day;
}

function formPage(
  p: Page,
  st: FormState,
  opts: { action: string; title: string; intro?: string; cancel: string; body: unknown; fields?: Field[] },
) {
  return html`<h1>${opts.title}</h1>
    ${opts.intro ? html`<p class="lede">${opts.intro}</p>` : ""}
    ${errorSummary(p, st, opts.fields)}
    <form method="post" action="${opts.action}" class="record-form" novalidate>
      ${csrfField(p)}
      ${opts.body}
      <div class="actions">
        <button type="submit">${p.t("form.save")}</button>
        <a href="${opts.cancel}" class="button secondary">${p.t("form.cancel")}</a>
      </div>
    </form>`;
}

// ---------------------------------------------------------------- people

function protectionFields(p: Page, count: number): Field[] {
  const out: Field[] = [];
  for (let i = 0; i < count; i++) {
    out.push(
      {
        name: `protections.${i}.kind`,
        label: p.t("person.protectionKind"),
        type: "select",
        options: enumOptions(p, "protection", PROTECTION_KINDS, p.t("form.none")),
      },
      {
        name: `protections.${i}.country`,
        label: p.t("person.protectionCountry"),
        type: "select",
        options: countryOptions(p),
      },
      { name: `protections.${i}.granted_on`, label: p.t("person.grantedOn"), type: "date" },
    );
  }
  return out;
}

function personFields(
  p: Page,
  st: FormState,
  sources: Option[],
): { groups: [string, Field[]][]; names: string[] } {
  // Every row with an answer, then one empty row to add another.
  let rows = 1;
  for (let i = 0; i < MAX_PROTECTIONS; i++) {
    const used = ["kind", "country", "granted_on"].some((k) => str(st.values, `protections.${i}.${k}`));
    if (used) rows = Math.min(MAX_PROTECTIONS, i + 2);
  }
  const groups: [string, Field[]][] = [
    [
      p.t("person.identity"),
      [
        {
          name: "full_name",
          label: p.t("person.fullName"),
          required: true,
          autocomplete: "off",
          maxlength: 300,
        },
        { name: "given_names", label: p.t("person.givenNames"), autocomplete: "off" },
        { name: "first_surname", label: p.t("person.firstSurname"), autocomplete: "off" },
        { name: "second_surname", label: p.t("person.secondSurname"), autocomplete: "off" },
        { name: "aliases", label: p.t("person.aliases"), type: "textarea", hint: p.t("person.aliasesHint") },
        {
          name: "kind",
          label: p.t("person.kind"),
          type: "radio",
          options: [
            { value: "individual", label: p.t("person.individual") },
            { value: "group", label: p.t("person.group") },
          ],
        },
        {
          name: "group_size",
          label: p.t("person.groupSize"),
          type: "number",
          inputmode: "numeric",
          hint: p.t("person.groupHint"),
        },
        { name: "group_definition", label: p.t("person.groupDefinition"), type: "textarea" },
        {
          name: "birth_date",
          label: p.t("person.birthDate"),
          restricted: true,
          hint: p.t("person.birthDateHint"),
        },
        {
          name: "a_number",
          label: p.t("person.aNumber"),
          restricted: true,
          hint: p.t("person.aNumberHint"),
          autocomplete: "off",
        },
      ],
    ],
    [
      p.t("person.status"),
      [
        {
          name: "nationalities.0",
          label: p.t("person.citizenship"),
          type: "select",
          options: countryOptions(p),
        },
        {
          name: "nationalities.1",
          label: p.t("person.secondCitizenship"),
          type: "select",
          options: countryOptions(p),
        },
        {
          name: "citizenship_status",
          label: p.t("person.immigrationStatus"),
          type: "select",
          options: enumOptions(p, "citizenship", CITIZENSHIP_STATUSES),
        },
        {
          name: "citizenship_evidence",
          label: p.t("person.citizenshipEvidence"),
          type: "textarea",
          team: true,
        },
        { name: "languages", label: p.t("person.languages"), team: true, hint: p.t("person.languagesHint") },
      ],
    ],
    [p.t("person.protections"), protectionFields(p, rows)],
    [
      p.t("person.consent"),
      [
        { name: "consent.publish", label: p.t("person.consentPublish"), type: "checkbox", team: true },
        {
          name: "consent.public_record",
          label: p.t("person.consentPublicRecord"),
          type: "checkbox",
          team: true,
        },
        { name: "consent.family_status", label: p.t("person.consentFamily"), type: "checkbox", team: true },
      ],
    ],
    [
      p.t("person.about"),
      [
        {
          name: "summary",
          label: p.t("person.summary"),
          type: "textarea",
          rows: 4,
          hint: p.t("person.summaryHint"),
        },
        { name: "notes", label: p.t("person.notes"), type: "textarea", rows: 4, restricted: true },
        {
          name: "source_ids",
          label: p.t("form.sources"),
          type: "multiselect",
          options: sources,
          hint: p.t("form.sourcesHint"),
        },
      ],
    ],
  ];
  const names = groups.flatMap(([, fs]) => fs.map((f) => f.name));
  for (let i = 0; i < MAX_PROTECTIONS; i++)
    names.push(`protections.${i}.kind`, `protections.${i}.country`, `protections.${i}.granted_on`);
  return { groups, names };
}

function personValues(v: PersonView): Values {
  const out: Values = {
    full_name: v.full_name,
    given_names: v.given_names,
    first_surname: v.first_surname,
    second_surname: v.second_surname,
    aliases: (v.aliases ?? []).join("\n"),
    kind: v.kind ?? "individual",
    group_size: v.group_size === undefined ? undefined : String(v.group_size),
    group_definition: v.group_definition,
    birth_date: v.birth_date,
    a_number: v.a_number,
    "nationalities.0": v.nationalities?.[0],
    "nationalities.1": v.nationalities?.[1],
    citizenship_status: v.citizenship_status ?? "unknown",
    citizenship_evidence: v.citizenship_evidence,
    languages: (v.languages ?? []).join(", "),
    "consent.publish": v.consent?.publish ? "on" : undefined,
    "consent.public_record": v.consent?.public_record ? "on" : undefined,
    "consent.family_status": v.consent?.family_status ? "on" : undefined,
    summary: v.summary,
    notes: v.notes,
    source_ids: (v.citations ?? []).map((c) => c.source),
  };
  (v.protections ?? []).slice(0, MAX_PROTECTIONS).forEach((pr, i) => {
    out[`protections.${i}.kind`] = pr.kind;
    out[`protections.${i}.country`] = pr.country;
    out[`protections.${i}.granted_on`] = pr.granted_on;
  });
  return out;
}

/** The person as the services take it, plus how protection rows map back to the form's row numbers. */
function personInput(v: Values, p: Page) {
  const protections: Record<string, unknown>[] = [];
  const rowOf: number[] = [];
  for (let i = 0; i < MAX_PROTECTIONS; i++) {
    const kind = str(v, `protections.${i}.kind`);
    const country = str(v, `protections.${i}.country`);
    const granted_on = str(v, `protections.${i}.granted_on`);
    if (!kind && !country && !granted_on) continue;
    protections.push({ kind, country, granted_on });
    rowOf.push(i);
  }
  const input: Record<string, unknown> = {
    full_name: str(v, "full_name") ?? "",
    given_names: str(v, "given_names"),
    first_surname: str(v, "first_surname"),
    second_surname: str(v, "second_surname"),
    aliases: lines(v, "aliases"),
    kind: str(v, "kind") ?? "individual",
    group_size: num(v, "group_size"),
    group_definition: str(v, "group_definition"),
    nationalities: [str(v, "nationalities.0"), str(v, "nationalities.1")].filter(Boolean),
    citizenship_status: str(v, "citizenship_status") ?? "unknown",
    citizenship_evidence: str(v, "citizenship_evidence"),
    languages: words(v, "languages"),
    protections,
    consent: {
      publish: checked(v, "consent.publish"),
      public_record: checked(v, "consent.public_record"),
      family_status: checked(v, "consent.family_status"),
    },
    summary: str(v, "summary"),
  };
  if (p.restricted) {
    input.birth_date = str(v, "birth_date");
    input.a_number = str(v, "a_number");
    input.notes = str(v, "notes");
  }
  const fix = (path: string) => {
    const m = /^protections\.(\d+)(.*)$/.exec(path);
    if (m) return `protections.${rowOf[Number(m[1])] ?? m[1]}${m[2] === "" ? ".kind" : m[2]}`;
    if (path === "sources" || path.startsWith("sources.")) return "source_ids";
    return path;
  };
  return { input, sourceIds: list(v, "source_ids"), fix };
}

async function renderPersonForm(
  c: Context,
  db: Database,
  st: FormState,
  mode: { id?: string; name?: string },
  status: 400 | 200 = 200,
) {
  const p = pageOf(c);
  const sources = sourceOptions(await listSourcesFor(db, p.viewer));
  const { groups } = personFields(p, st, sources);
  const title = mode.id ? p.t("person.editTitle", { name: mode.name ?? "" }) : p.t("person.newTitle");
  return render(c, {
    title,
    status,
    body: formPage(p, st, {
      action: mode.id ? `/people/${mode.id}/edit` : "/people/new",
      title,
      intro: mode.id ? undefined : p.t("person.newIntro"),
      cancel: mode.id ? `/people/${mode.id}` : "/workspace",
      fields: groups.flatMap(([, fs]) => fs),
      body: html`${groups.map(
        ([legend, fs]) =>
          html`<fieldset class="group"><legend>${legend}</legend>${fs.map((f) => field(p, st, f))}</fieldset>`,
      )}`,
    }),
  });
}

// ---------------------------------------------------------------- events

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
    sourceIds: list(v, "source_ids"),
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
  const [sources, facilities, matters, orders] = await Promise.all([
    listSourcesFor(db, p.viewer),
    listFacilitiesFor(db, { limit: 5000 }),
    listMattersFor(db, p.viewer),
    listOrdersFor(db, p.viewer),
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
          ${field(p, st, { name: "matter", label: p.t("event.matter"), type: "select", options: matterOptions(p, matters).map((o) => (o.value ? o : { ...o, label: p.t("form.none") })) })}
        </fieldset>
        ${EVENT_TYPES.map((t) => detailSet(t))}
        <fieldset class="group"><legend>${p.t("form.sources")}</legend>
          ${field(p, st, { name: "source_ids", label: p.t("form.sources"), type: "multiselect", options: sourceOptions(sources), hint: p.t("form.sourcesHint") })}
          <p><a href="/sources/new">${p.t("source.add")}</a></p>
        </fieldset>`,
    })}<script src="/assets/forms.js" defer></script>`,
  });
}

// ---------------------------------------------------------------- orders, matters, sources

const BARS = ["removal", "transfer", "detention"] as const;

function orderFields(p: Page, matters: Option[], sources: Option[], st: FormState): Field[] {
  return [
    {
      name: "matter",
      label: p.t("order.matter"),
      type: "select",
      options: matters,
      required: true,
      hint: p.t("order.matterHint"),
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
    {
      name: "source_ids",
      label: p.t("form.sources"),
      type: "multiselect",
      options: sources,
      hint: p.t("form.sourcesHint"),
    },
  ];
}

function matterFields(p: Page, sources: Option[]): Field[] {
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
    {
      name: "source_ids",
      label: p.t("form.sources"),
      type: "multiselect",
      options: sources,
      hint: p.t("form.sourcesHint"),
    },
  ];
}

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

const fieldsBlock = (p: Page, st: FormState, fs: Field[]) => html`${fs.map((f) => field(p, st, f))}`;
const namesOf = (fs: Field[]) => fs.map((f) => f.name);
const sourcesFix = (path: string) =>
  path === "sources" || path.startsWith("sources.") ? "source_ids" : path;

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
    source_ids: list(v, "source_ids"),
  };
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
    source_ids: list(v, "source_ids"),
  };
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

export function registerRecordForms(r: ReturnType<typeof router>, db: Database) {
  const write = { action: "write", resource: "case", kind: "page" } as const;
  const writeSource = { action: "write", resource: "source", kind: "page" } as const;

  // ---- people
  r.add({ method: "GET", path: "/people/new", ...write }, (c) => {
    const name = c.req.query("name");
    return renderPersonForm(
      c,
      db,
      emptyForm({ kind: "individual", citizenship_status: "unknown", full_name: name }),
      {},
    );
  });
  r.add({ method: "POST", path: "/people/new", ...write }, async (c) => {
    const p = pageOf(c);
    const v = await readForm(c);
    const { input, sourceIds, fix } = personInput(v, p);
    try {
      const id = await createPerson(
        db,
        { ...input, sources: sourceIds.map((source) => ({ source })) },
        p.viewer,
      );
      invalidateDashboard(db);
      return c.redirect(`/people/${id}?saved=person`, 303);
    } catch (e) {
      const names = personFields(p, emptyForm(v), []).names;
      return renderPersonForm(c, db, formWithProblems(v, rename(problemsOf(e), fix), names, p), {}, 400);
    }
  });
  r.add({ method: "GET", path: "/people/:id/edit", ...write }, async (c) => {
    const p = pageOf(c);
    const rec = await getPersonForEdit(db, param(c, "id"), p.viewer);
    return renderPersonForm(c, db, emptyForm(personValues(rec.person)), {
      id: rec.person.id,
      name: rec.person.full_name,
    });
  });
  r.add({ method: "POST", path: "/people/:id/edit", ...write }, async (c) => {
    const p = pageOf(c);
    const id = param(c, "id");
    const rec = await getPersonForEdit(db, id, p.viewer);
    const v = await readForm(c);
    const { input, sourceIds, fix } = personInput(v, p);
    try {
      await updatePerson(db, id, { ...input, source_ids: sourceIds }, p.viewer);
      return c.redirect(`/people/${id}?saved=person`, 303);
    } catch (e) {
      const names = personFields(p, emptyForm(v), []).names;
      return renderPersonForm(
        c,
        db,
        formWithProblems(v, rename(problemsOf(e), fix), names, p),
        { id, name: rec.person.full_name },
        400,
      );
    }
  });

  // ---- events
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
    try {
      const saved = await recordEvent(
        db,
        { ...input, person: rec.person.id, source_ids: sourceIds },
        p.viewer,
      );
      return c.redirect(`/people/${rec.person.id}?saved=event#ev-${saved.id}`, 303);
    } catch (e) {
      const st = formWithProblems(v, rename(problemsOf(e), fix), eventFieldNames(), p);
      return renderEventForm(c, db, st, { person: rec.person }, 400);
    }
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
    try {
      await updateEvent(db, e.id, { ...input, source_ids: sourceIds }, p.viewer);
      return c.redirect(`/people/${e.person}?saved=event#ev-${e.id}`, 303);
    } catch (err) {
      const st = formWithProblems(v, rename(problemsOf(err), fix), eventFieldNames(), p);
      return renderEventForm(c, db, st, { person: rec.person, eventId: e.id }, 400);
    }
  });

  // ---- court orders
  const orderForm = async (c: Context, st: FormState, id?: string, status: 200 | 400 = 200) => {
    const p = pageOf(c);
    const [matters, sources] = await Promise.all([
      listMattersFor(db, p.viewer),
      listSourcesFor(db, p.viewer),
    ]);
    const fs = orderFields(p, matterOptions(p, matters), sourceOptions(sources), st);
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
  };
  const orderNames = () => [...namesOf(orderFields(pageStub, [], [], emptyForm())), ""];
  r.add({ method: "GET", path: "/orders/new", ...write }, (c) =>
    orderForm(c, emptyForm({ tz: "America/New_York", "covers.people": c.req.query("person") ?? "" })),
  );
  r.add({ method: "POST", path: "/orders/new", ...write }, async (c) => {
    const p = pageOf(c);
    const v = await readForm(c);
    try {
      await saveCourtOrder(db, orderInput(v), p.viewer);
      return c.redirect("/orders?saved=order", 303);
    } catch (e) {
      return orderForm(
        c,
        formWithProblems(v, rename(problemsOf(e), sourcesFix), orderNames(), p),
        undefined,
        400,
      );
    }
  });
  r.add({ method: "GET", path: "/orders/:id/edit", ...write }, async (c) => {
    const p = pageOf(c);
    const o = await getOrderForEdit(db, param(c, "id"), p.viewer);
    return orderForm(
      c,
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
    try {
      await saveCourtOrder(db, orderInput(v), p.viewer, id);
      return c.redirect(`/orders?saved=order#order-${id}`, 303);
    } catch (e) {
      return orderForm(c, formWithProblems(v, rename(problemsOf(e), sourcesFix), orderNames(), p), id, 400);
    }
  });

  // ---- legal matters
  const matterForm = async (c: Context, st: FormState, id?: string, status: 200 | 400 = 200) => {
    const p = pageOf(c);
    const fs = matterFields(p, sourceOptions(await listSourcesFor(db, p.viewer)));
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
  };
  const matterNames = () => [...namesOf(matterFields(pageStub, [])), ""];
  r.add({ method: "GET", path: "/matters/new", ...write }, (c) =>
    matterForm(c, emptyForm({ people: c.req.query("person") ?? "" })),
  );
  r.add({ method: "POST", path: "/matters/new", ...write }, async (c) => {
    const p = pageOf(c);
    const v = await readForm(c);
    try {
      await saveLegalMatter(db, matterInput(v), p.viewer);
      return c.redirect("/orders/new?saved=matter", 303);
    } catch (e) {
      return matterForm(
        c,
        formWithProblems(v, rename(problemsOf(e), sourcesFix), matterNames(), p),
        undefined,
        400,
      );
    }
  });
  r.add({ method: "GET", path: "/matters/:id/edit", ...write }, async (c) => {
    const p = pageOf(c);
    const m = await getMatterForEdit(db, param(c, "id"), p.viewer);
    return matterForm(
      c,
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
    try {
      await saveLegalMatter(db, matterInput(v), p.viewer, id);
      return c.redirect("/orders?saved=matter", 303);
    } catch (e) {
      return matterForm(c, formWithProblems(v, rename(problemsOf(e), sourcesFix), matterNames(), p), id, 400);
    }
  });

  // ---- sources
  const sourceForm = (c: Context, st: FormState, id?: string, status: 200 | 400 = 200) => {
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
  };
  const sourceNames = [...namesOf(sourceFields(pageStub)), ""];
  r.add({ method: "GET", path: "/sources/new", ...writeSource }, (c) =>
    sourceForm(c, emptyForm({ kind: "news", reliability: "reliable" })),
  );
  r.add({ method: "POST", path: "/sources/new", ...writeSource }, async (c) => {
    const p = pageOf(c);
    const v = await readForm(c);
    try {
      const id = await saveSourceRecord(db, sourceInput(v), p.viewer);
      return c.redirect(`/sources?saved=source#src-${id}`, 303);
    } catch (e) {
      return sourceForm(c, formWithProblems(v, problemsOf(e), sourceNames, p), undefined, 400);
    }
  });
  r.add({ method: "GET", path: "/sources/:id/edit", ...writeSource }, async (c) => {
    const s = await getSourceForEdit(db, param(c, "id"), pageOf(c).viewer);
    return sourceForm(
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
    try {
      await saveSourceRecord(db, sourceInput(v), p.viewer, id);
      return c.redirect(`/sources?saved=source#src-${id}`, 303);
    } catch (e) {
      return sourceForm(c, formWithProblems(v, problemsOf(e), sourceNames, p), id, 400);
    }
  });
}
