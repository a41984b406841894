// Form building blocks for the staff pages: labelled fields with their hint and error beside them, an error
// summary linking to each field, and the mapping from a service's problems {path, message} to fields.
import type { Context } from "hono";
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { Problem } from "../../domain/errors.ts";
import type { MessageKey } from "../i18n/index.ts";
import type { Page } from "./page.ts";

export type Values = Record<string, string | string[] | undefined>;
export type Option = { value: string; label: string };

export type FormState = {
  values: Values;
  /** Messages per field name; "" holds problems no field owns. */
  errors: Map<string, string[]>;
};

export const emptyForm = (values: Values = {}): FormState => ({ values, errors: new Map() });

/** Reads a urlencoded or multipart body: repeated names become arrays, files are ignored. */
export async function readForm(c: Context): Promise<Values> {
  const body = await c.req.parseBody({ all: true });
  const out: Values = {};
  for (const [k, v] of Object.entries(body)) {
    if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === "string");
    else if (typeof v === "string") out[k] = v;
  }
  return out;
}

export function str(v: Values, name: string): string | undefined {
  const x = v[name];
  const s = (Array.isArray(x) ? x[0] : x)?.trim();
  return s ? s : undefined;
}
export function list(v: Values, name: string): string[] {
  const x = v[name];
  return (Array.isArray(x) ? x : x === undefined ? [] : [x]).map((s) => s.trim()).filter(Boolean);
}
export function lines(v: Values, name: string): string[] {
  return (str(v, name) ?? "")
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}
/** Comma- or newline-separated words (ids, languages). */
export function words(v: Values, name: string): string[] {
  return (str(v, name) ?? "")
    .split(/[\n,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
export function checked(v: Values, name: string): boolean {
  const x = str(v, name);
  return x === "on" || x === "true" || x === "1" || x === "yes";
}
// Service messages (English, from zod and the store) → catalogue keys, so problems read in the page's language.
const KNOWN: [RegExp, MessageKey][] = [
  [/^a name is required$/, "err.required"],
  [/^Too small: expected string to have >=1 characters?$/, "err.required"],
  [/^Invalid input: expected string, received undefined$/, "err.required"],
  [/A-number has 8 or 9 digits/, "err.aNumber"],
  [/two-letter country code/, "err.country"],
  [/use YYYY, YYYY-MM or YYYY-MM-DD/, "err.birthDate"],
  [/^not a real date/, "err.date"],
  [/^not a date/, "err.date"],
  [/^unknown time zone/, "err.tz"],
  [/^unknown source /, "err.unknownSource"],
  [/^no facility with id/, "err.unknownFacility"],
  [/^no legal matter with id/, "err.unknownMatter"],
  [/^no person with id/, "err.unknownPerson"],
  [/^Invalid option/, "err.choice"],
  [/^Invalid URL/, "err.url"],
  [/starts with http:\/\/ or https:\/\//, "err.url"],
  [/^Invalid ISO date/, "err.date"],
  [/^Too big/, "err.tooLong"],
  [/^Invalid input: expected number/, "err.number"],
  [/^Unrecognized key/, "err.unknownDetail"],
];

/** A problem message in the page's language: catalogue keys ("err.x|param") or known service messages. */
export function localizeProblem(p: Page, message: string): string {
  const [key, ...params] = message.split("|");
  if (key?.startsWith("err."))
    return p.t(key as MessageKey, Object.fromEntries(params.map((v, i) => [String(i), v])));
  for (const [re, k] of KNOWN) {
    if (re.test(message)) {
      const id = /(?:source|id) ([\w.-]+)$/.exec(message)?.[1] ?? "";
      return p.t(k, { 0: id });
    }
  }
  return message;
}

/**
 * Puts each problem on the field it is about: the field named exactly by its path, else the longest field
 * name its path starts with ("protections.0.country" → "protections.0.country" or "protections"), else the
 * form as a whole.
 */
export function formWithProblems(
  values: Values,
  problems: Problem[],
  fields: readonly string[],
  p: Page,
): FormState {
  const errors = new Map<string, string[]>();
  const sorted = [...fields].sort((a, b) => b.length - a.length);
  for (const pr of problems) {
    const field = fields.find((f) => f === pr.path) ?? sorted.find((f) => pr.path.startsWith(`${f}.`)) ?? "";
    const msgs = errors.get(field) ?? [];
    const text = localizeProblem(p, pr.message);
    if (!msgs.includes(text)) msgs.push(text);
    errors.set(field, msgs);
  }
  return { values, errors };
}

export const fieldId = (name: string) => `f-${name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;

export type Field = {
  name: string;
  label: string;
  type?:
    | "text"
    | "date"
    | "time"
    | "number"
    | "url"
    | "tel"
    | "textarea"
    | "select"
    | "checkbox"
    | "checkboxes"
    | "radio"
    | "multiselect";
  options?: Option[];
  required?: boolean;
  hint?: string;
  /** Shown with a "restricted" badge; disabled for those who may not write restricted fields. */
  restricted?: boolean;
  /** Shown with a "staff only" badge (never public). */
  team?: boolean;
  disabled?: boolean;
  autocomplete?: string;
  inputmode?: string;
  rows?: number;
  maxlength?: number;
  list?: string;
  placeholder?: string;
  size?: number;
  /** Extra attribute text, e.g. data-* hooks for the enhancement scripts. */
  attrs?: HtmlEscapedString;
  className?: string;
};

function value(st: FormState, name: string): string {
  const v = st.values[name];
  return (Array.isArray(v) ? v[0] : v) ?? "";
}
function values(st: FormState, name: string): string[] {
  const v = st.values[name];
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
}

function badges(p: Page, f: Field) {
  return html`${f.required ? html` <span class="req">${p.t("form.required")}</span>` : ""}${
    f.restricted ? html` <span class="badge restricted">${p.t("form.restricted")}</span>` : ""
  }${f.team && !f.restricted ? html` <span class="badge team">${p.t("form.teamOnly")}</span>` : ""}`;
}

/** One labelled field: label, hint, error message, then the control, tied together with aria-describedby. */
export function field(p: Page, st: FormState, f: Field) {
  const id = fieldId(f.name);
  const errs = st.errors.get(f.name) ?? [];
  const disabled = f.disabled || (f.restricted && !p.restricted);
  const hintText = disabled && f.restricted ? p.t("form.restrictedLocked") : f.hint;
  const described = [hintText ? `${id}-hint` : "", errs.length ? `${id}-error` : ""]
    .filter(Boolean)
    .join(" ");
  const aria = html`${described ? html` aria-describedby="${described}"` : ""}${errs.length ? html` aria-invalid="true"` : ""}${
    f.required ? html` aria-required="true"` : ""
  }${disabled ? html` disabled` : ""}${f.attrs ?? ""}`;
  const hint = hintText ? html`<p class="hint" id="${id}-hint">${hintText}</p>` : "";
  const error = errs.length
    ? html`<p class="error" id="${id}-error"><span class="visually-hidden">${p.t("form.errorPrefix")}</span> ${errs.join(" ")}</p>`
    : "";
  const cls = `field${errs.length ? " has-error" : ""}${f.restricted ? " is-restricted" : ""}${f.className ? ` ${f.className}` : ""}`;
  const v = value(st, f.name);

  if (f.type === "checkbox") {
    return html`<div class="${cls} check">
      <input type="checkbox" id="${id}" name="${f.name}" value="on"${v === "on" || v === "true" ? html` checked` : ""}${aria} />
      <label for="${id}">${f.label}${badges(p, f)}</label>
      ${hint}${error}
    </div>`;
  }
  if (f.type === "checkboxes") {
    const chosen = new Set(values(st, f.name));
    return html`<fieldset id="${id}" class="${cls} radios"${described ? html` aria-describedby="${described}"` : ""}>
      <legend>${f.label}${badges(p, f)}</legend>
      ${hint}${error}
      ${(f.options ?? []).map(
        (o, i) =>
          html`<div class="radio"><input type="checkbox" id="${id}-${i}" name="${f.name}" value="${o.value}"${
            chosen.has(o.value) ? html` checked` : ""
          }${disabled ? html` disabled` : ""} /><label for="${id}-${i}">${o.label}</label></div>`,
      )}
    </fieldset>`;
  }
  if (f.type === "radio") {
    return html`<fieldset id="${id}" class="${cls} radios"${errs.length ? html` aria-invalid="true"` : ""}${described ? html` aria-describedby="${described}"` : ""}>
      <legend>${f.label}${badges(p, f)}</legend>
      ${hint}${error}
      ${(f.options ?? []).map(
        (o, i) =>
          html`<div class="radio"><input type="radio" id="${id}-${i}" name="${f.name}" value="${o.value}"${
            v === o.value ? html` checked` : ""
          }${disabled ? html` disabled` : ""} /><label for="${id}-${i}">${o.label}</label></div>`,
      )}
    </fieldset>`;
  }
  let control: HtmlEscapedString | Promise<HtmlEscapedString>;
  if (f.type === "textarea") {
    control = html`<textarea id="${id}" name="${f.name}" rows="${f.rows ?? 3}"${f.maxlength ? html` maxlength="${f.maxlength}"` : ""}${aria}>${v}</textarea>`;
  } else if (f.type === "select" || f.type === "multiselect") {
    const chosen = new Set(f.type === "multiselect" ? values(st, f.name) : [v]);
    control = html`<select id="${id}" name="${f.name}"${f.type === "multiselect" ? html` multiple size="${f.size ?? 6}"` : ""}${aria}>
      ${(f.options ?? []).map(
        (o) =>
          html`<option value="${o.value}"${chosen.has(o.value) ? html` selected` : ""}>${o.label}</option>`,
      )}
    </select>`;
  } else {
    control = html`<input type="${f.type ?? "text"}" id="${id}" name="${f.name}" value="${v}"${
      f.autocomplete ? html` autocomplete="${f.autocomplete}"` : ""
    }${f.inputmode ? html` inputmode="${f.inputmode}"` : ""}${f.maxlength ? html` maxlength="${f.maxlength}"` : ""}${
      f.list ? html` list="${f.list}"` : ""
    }${f.placeholder ? html` placeholder="${f.placeholder}"` : ""}${aria} />`;
  }
  return html`<div class="${cls}">
    <label for="${id}">${f.label}${badges(p, f)}</label>
    ${hint}${error}
    ${control}
  </div>`;
}

/** The list of everything wrong, at the top of the form, each naming and linking to its field. */
export function errorSummary(p: Page, st: FormState, fields: readonly Field[] = []) {
  if (!st.errors.size) return "";
  const labels = new Map(fields.map((f) => [f.name, f.label]));
  const items = [...st.errors.entries()].flatMap(([name, msgs]) =>
    msgs.map((m) => {
      const text = labels.has(name) ? `${labels.get(name)}: ${m}` : m;
      return name ? html`<li><a href="#${fieldId(name)}">${text}</a></li>` : html`<li>${m}</li>`;
    }),
  );
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus>
    <h2 id="error-summary-title">${p.t("form.problemTitle")}</h2>
    <ul>${items}</ul>
  </div>`;
}

/** The anti-forgery field, when the session layer gives pages a token. */
export function csrfField(p: Page) {
  return p.csrf ? html`<input type="hidden" name="_csrf" value="${p.csrf}" />` : "";
}

/** Options for a yes / no / not known answer. */
export function triOptions(p: Page): Option[] {
  return [
    { value: "unknown", label: p.t("tri.unknown") },
    { value: "yes", label: p.t("tri.yes") },
    { value: "no", label: p.t("tri.no") },
  ];
}
