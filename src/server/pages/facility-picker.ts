// The facility picker: one form component for every form that names a facility. Without JavaScript it is
// a text box the server resolves (an id, or a name or alias that clearly names one facility); with
// /assets/facility-picker.js it proposes matches from /api/facility-search as the user types.
import { html } from "hono/html";
import { resolveFacilityText } from "../../services/facility-registry.ts";
import type { Database } from "../../services/store.ts";
import { type FormState, str, type Values } from "./form-kit.ts";
import type { Page } from "./page.ts";

const fieldId = (name: string) => `f-${name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;

/**
 * The picker for form field `name`: the visible text box is `<name>_q`, the chosen facility's id travels
 * in `<name>` (set by the script, or by the server from the text).
 */
export function facilityPicker(
  p: Page,
  st: FormState,
  f: { name: string; label: string; hint?: string; facilities: readonly { id: string; name: string }[] },
) {
  const id = fieldId(f.name);
  const chosen = str(st.values, f.name) ?? "";
  const known = f.facilities.find((x) => x.id === chosen);
  const text = str(st.values, `${f.name}_q`) ?? known?.name ?? chosen;
  const errs = st.errors.get(f.name) ?? [];
  const described = [`${id}-hint`, errs.length ? `${id}-error` : ""].filter(Boolean).join(" ");
  return html`<div class="field facility-picker${errs.length ? " has-error" : ""}" data-facility-picker data-endpoint="/api/facility-search" data-empty="${p.t("facility.noMatch")}">
    <label for="${id}">${f.label}</label>
    <p class="hint" id="${id}-hint">${f.hint ?? p.t("facility.pickerHint")}</p>
    ${errs.length ? html`<p class="error" id="${id}-error"><span class="visually-hidden">${p.t("form.errorPrefix")}</span> ${errs.join(" ")}</p>` : ""}
    <input type="text" id="${id}" name="${f.name}_q" value="${text}" autocomplete="off" maxlength="200"
      role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="${id}-list" aria-describedby="${described}"${errs.length ? html` aria-invalid="true"` : ""} />
    <input type="hidden" name="${f.name}" value="${known ? chosen : ""}" />
    <ul id="${id}-list" role="listbox" class="picker-list" hidden></ul>
    <script src="/assets/facility-picker.js" defer></script>
  </div>`;
}

/**
 * Turns the picker's text into a facility id in the form values, before the form is handled: the id the
 * script chose when it still matches the text, else the server's resolution. Text naming no single
 * facility stays as typed, so the write is refused with "no facility" and nothing is lost.
 */
export async function resolveFacilityField(db: Database, v: Values, name: string): Promise<void> {
  const text = str(v, `${name}_q`);
  const chosen = str(v, name);
  if (!text) {
    v[name] = "";
    return;
  }
  if (chosen) return;
  const r = await resolveFacilityText(db, text);
  v[name] = "id" in r ? r.id : text;
}
