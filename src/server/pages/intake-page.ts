// Hotline intake: one form that opens a case in one step. Likely duplicates are shown before a new person is
// created; restricted answers are marked, and locked for roles that may not record them.
import type { Context } from "hono";
import { html } from "hono/html";
import { isAppError, type Problem } from "../../domain/errors.ts";
import { CITIZENSHIP_STATUSES, PROTECTION_KINDS } from "../../domain/model.ts";
import {
  AGENCIES,
  addIntakeToPerson,
  CALLER_RELATIONS,
  CITIZENSHIP_BASES,
  CONSENTS,
  type DuplicateMatch,
  HEARING_KINDS,
  INTAKE_RESTRICTED,
  INTAKE_TEAM,
  INTAKE_WRITE_ONLY,
  openCase,
  STATED_DATES,
  WARRANTS,
} from "../../services/intake.ts";
import type { Database } from "../../services/store.ts";
import type { router } from "../routes.ts";
import { countryOptions } from "./countries.ts";
import { facilityPicker } from "./facility-picker.ts";
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
  readForm,
  str,
  triOptions,
  type Values,
  words,
} from "./form-kit.ts";
import { enumOptions, tzOptions } from "./options.ts";
import { type Page, pageOf, render } from "./page.ts";

const PROTECTION_ROWS = 2;
const RESTRICTED = new Set<string>(INTAKE_RESTRICTED);
const TEAM = new Set<string>(INTAKE_TEAM);

type Group = { id: string; legend: string; intro?: string; fields: Field[] };

function groups(p: Page): Group[] {
  const t = p.t;
  const f = (x: Field): Field => ({ ...x, restricted: RESTRICTED.has(x.name), team: TEAM.has(x.name) });
  // Contacts a volunteer records but cannot read back: say so beside the field.
  const writeOnly = p.restricted ? undefined : t("intake.writeOnlyHint");
  const stated = (name: string, label: string) =>
    f({ name, label, hint: t("intake.statedDateHint"), autocomplete: "off", inputmode: "numeric" });
  const protections: Field[] = [];
  for (let i = 0; i < PROTECTION_ROWS; i++) {
    protections.push(
      f({
        name: `protections.${i}.kind`,
        label: t("intake.protectionKind", { n: i + 1 }),
        type: "select",
        options: enumOptions(p, "protection", PROTECTION_KINDS, t("form.none")),
      }),
      f({
        name: `protections.${i}.country`,
        label: t("intake.protectionCountry", { n: i + 1 }),
        type: "select",
        options: countryOptions(p),
      }),
    );
  }
  return [
    {
      id: "call",
      legend: t("intake.call"),
      fields: [
        f({
          name: "caller_relation",
          label: t("intake.callerRelation"),
          type: "select",
          options: enumOptions(p, "caller", CALLER_RELATIONS, t("form.choose")),
        }),
        f({ name: "caller_name", label: t("intake.callerName"), autocomplete: "off", hint: writeOnly }),
        f({
          name: "caller_phone",
          label: t("intake.callerPhone"),
          type: "tel",
          autocomplete: "off",
          hint: writeOnly,
        }),
      ],
    },
    {
      id: "person",
      legend: t("intake.person"),
      fields: [
        f({
          name: "full_name",
          label: t("person.fullName"),
          required: true,
          autocomplete: "off",
          maxlength: 300,
          hint: t("intake.fullNameHint"),
        }),
        f({
          name: "aliases",
          label: t("person.aliases"),
          type: "textarea",
          rows: 2,
          hint: t("person.aliasesHint"),
        }),
        f({
          name: "birth_date",
          label: t("person.birthDate"),
          hint: t("person.birthDateHint"),
          autocomplete: "off",
        }),
        f({
          name: "birth_country",
          label: t("intake.birthCountry"),
          type: "select",
          options: countryOptions(p),
        }),
        f({
          name: "nationalities.0",
          label: t("person.citizenship"),
          type: "select",
          options: countryOptions(p),
        }),
        f({
          name: "nationalities.1",
          label: t("person.secondCitizenship"),
          type: "select",
          options: countryOptions(p),
        }),
        f({
          name: "citizenship_status",
          label: t("person.immigrationStatus"),
          type: "select",
          options: enumOptions(p, "citizenship", CITIZENSHIP_STATUSES),
        }),
        f({
          name: "a_number",
          label: t("person.aNumber"),
          hint: t("person.aNumberHint"),
          autocomplete: "off",
          inputmode: "numeric",
        }),
        f({ name: "languages", label: t("person.languages"), hint: t("person.languagesHint") }),
      ],
    },
    {
      id: "citizenship",
      legend: t("intake.usCitizenship"),
      intro: t("intake.usCitizenshipIntro"),
      fields: [
        f({ name: "us_citizen_claim", label: t("intake.usCitizenClaim"), type: "checkbox" }),
        f({
          name: "us_citizen_basis",
          label: t("intake.usCitizenBasis"),
          type: "select",
          options: enumOptions(p, "dv", CITIZENSHIP_BASES, t("form.choose")),
        }),
        f({ name: "us_citizen_evidence", label: t("intake.usCitizenEvidence"), type: "textarea", rows: 2 }),
      ],
    },
    {
      id: "arrest",
      legend: t("intake.arrest"),
      fields: [
        f({
          name: "arrest_date",
          label: t("intake.arrestDate"),
          type: "date",
          required: true,
          hint: t("intake.arrestDateHint"),
        }),
        f({ name: "arrest_time", label: t("intake.arrestTime"), type: "time" }),
        f({ name: "arrest_approximate", label: t("intake.approximate"), type: "checkbox" }),
        f({ name: "tz", label: t("event.tz"), type: "select", options: tzOptions(p) }),
        f({ name: "arrest_place", label: t("intake.arrestPlace"), hint: t("intake.arrestPlaceHint") }),
        f({
          name: "agency",
          label: t("intake.agency"),
          type: "select",
          options: enumOptions(p, "agency", AGENCIES),
        }),
        f({
          name: "warrant",
          label: t("intake.warrant"),
          type: "select",
          options: enumOptions(p, "dv", WARRANTS),
          hint: t("intake.warrantHint"),
        }),
      ],
    },
    {
      id: "custody",
      legend: t("intake.custody"),
      fields: [
        f({
          name: "current_facility",
          label: t("intake.currentFacility"),
          hint: t("intake.currentFacilityHint"),
          autocomplete: "off",
        }),
        f({
          name: "transfers",
          label: t("intake.transfers"),
          type: "textarea",
          rows: 3,
          hint: t("intake.transfersHint"),
        }),
      ],
    },
    {
      id: "hearing",
      legend: t("intake.hearing"),
      intro: t("intake.hearingIntro"),
      fields: [
        f({ name: "hearing_date", label: t("intake.hearingDate"), type: "date" }),
        f({ name: "hearing_time", label: t("intake.hearingTime"), type: "time" }),
        f({ name: "hearing_court", label: t("intake.hearingCourt"), autocomplete: "off", maxlength: 200 }),
        f({
          name: "hearing_kind",
          label: t("intake.hearingKind"),
          type: "select",
          options: enumOptions(p, "dv", HEARING_KINDS),
        }),
      ],
    },
    {
      id: "cases",
      legend: t("intake.cases"),
      intro: t("intake.casesIntro"),
      fields: [
        ...protections,
        f({ name: "pending_asylum", label: t("intake.pendingAsylum"), type: "checkbox" }),
        stated("asylum_date", t("intake.asylumDate")),
        f({ name: "pending_appeal", label: t("intake.pendingAppeal"), type: "checkbox" }),
        stated("appeal_date", t("intake.appealDate")),
        f({ name: "pending_criminal", label: t("intake.pendingCriminal"), type: "checkbox" }),
        stated("criminal_date", t("intake.criminalDate")),
        f({ name: "pending_details", label: t("intake.pendingDetails"), type: "textarea", rows: 2 }),
      ],
    },
    {
      id: "lawyer",
      legend: t("intake.lawyer"),
      fields: [
        f({ name: "attorney_name", label: t("intake.attorneyName"), autocomplete: "off" }),
        f({ name: "attorney_phone", label: t("intake.attorneyPhone"), type: "tel", autocomplete: "off" }),
        f({
          name: "g28",
          label: t("intake.g28"),
          type: "select",
          options: triOptions(p),
          hint: t("intake.g28Hint"),
        }),
        stated("attorney_date", t("intake.attorneyDate")),
      ],
    },
    {
      id: "care",
      legend: t("intake.care"),
      fields: [
        f({ name: "medical", label: t("intake.medical"), type: "textarea", rows: 2 }),
        f({ name: "children", label: t("intake.children"), type: "select", options: triOptions(p) }),
        f({ name: "caregiver_plan", label: t("intake.caregiverPlan"), type: "textarea", rows: 2 }),
      ],
    },
    {
      id: "contacts",
      legend: t("intake.contacts"),
      fields: [
        f({ name: "consulate", label: t("intake.consulate"), type: "select", options: triOptions(p) }),
        stated("consulate_date", t("intake.consulateDate")),
        f({ name: "family_name", label: t("intake.familyName"), autocomplete: "off", hint: writeOnly }),
        f({
          name: "family_relation",
          label: t("intake.familyRelation"),
          autocomplete: "off",
          hint: writeOnly,
        }),
        f({
          name: "family_phone",
          label: t("intake.familyPhone"),
          type: "tel",
          autocomplete: "off",
          hint: writeOnly,
        }),
      ],
    },
    {
      id: "consent",
      legend: t("intake.consent"),
      fields: [
        f({
          name: "consent",
          label: t("intake.consentQuestion"),
          type: "radio",
          options: enumOptions(p, "consent", CONSENTS),
        }),
        f({ name: "public_record", label: t("person.consentPublicRecord"), type: "checkbox" }),
        f({ name: "notes", label: t("intake.notes"), type: "textarea", rows: 3 }),
      ],
    },
  ];
}

const FIELD_NAMES = (p: Page) => [...groups(p).flatMap((g) => g.fields.map((f) => f.name)), ""];

function intakeInput(v: Values, p: Page) {
  const protections: Record<string, unknown>[] = [];
  const rowOf: number[] = [];
  for (let i = 0; i < PROTECTION_ROWS; i++) {
    const kind = str(v, `protections.${i}.kind`);
    const country = str(v, `protections.${i}.country`);
    if (!kind && !country) continue;
    protections.push({ kind, country });
    rowOf.push(i);
  }
  const input: Record<string, unknown> = {
    full_name: str(v, "full_name"),
    aliases: lines(v, "aliases"),
    nationalities: [str(v, "nationalities.0"), str(v, "nationalities.1")].filter(Boolean),
    citizenship_status: str(v, "citizenship_status") ?? "unknown",
    us_citizen_claim: checked(v, "us_citizen_claim"),
    us_citizen_basis: str(v, "us_citizen_basis"),
    us_citizen_evidence: str(v, "us_citizen_evidence"),
    arrest_date: str(v, "arrest_date"),
    arrest_time: str(v, "arrest_time"),
    arrest_approximate: checked(v, "arrest_approximate"),
    tz: str(v, "tz") ?? "America/New_York",
    arrest_place: str(v, "arrest_place"),
    agency: str(v, "agency") ?? "unknown",
    warrant: str(v, "warrant") ?? "unknown",
    // The picker's chosen id, or the typed text (no JavaScript): intake resolves either through the registry.
    current_facility: str(v, "current_facility") ?? str(v, "current_facility_q"),
    transfers: str(v, "transfers"),
    protections,
    pending_asylum: checked(v, "pending_asylum"),
    pending_appeal: checked(v, "pending_appeal"),
    pending_criminal: checked(v, "pending_criminal"),
    attorney_name: str(v, "attorney_name"),
    attorney_phone: str(v, "attorney_phone"),
    g28: str(v, "g28") ?? "unknown",
    languages: words(v, "languages"),
    consulate: str(v, "consulate") ?? "unknown",
    consent: str(v, "consent") ?? "none",
    public_record: checked(v, "public_record"),
    hearing_date: str(v, "hearing_date"),
    hearing_time: str(v, "hearing_time"),
    hearing_court: str(v, "hearing_court"),
    hearing_kind: str(v, "hearing_kind") ?? "IJ",
  };
  for (const name of [...STATED_DATES, ...INTAKE_WRITE_ONLY]) input[name] = str(v, name);
  // Restricted answers are only read from those who may record them (the fields are locked for others).
  if (p.restricted) {
    for (const name of INTAKE_RESTRICTED) {
      const value = str(v, name);
      input[name] = name === "children" ? (value ?? "unknown") : value;
    }
  }
  const fix = (path: string) => {
    const m = /^protections\.(\d+)(.*)$/.exec(path);
    if (m) return `protections.${rowOf[Number(m[1])] ?? m[1]}${m[2] === "" ? ".kind" : m[2]}`;
    if (/^nationalities$/.test(path)) return "nationalities.0";
    if (path === "aliases" || path.startsWith("aliases.")) return "aliases";
    if (path === "languages" || path.startsWith("languages.")) return "languages";
    return path;
  };
  return { input, fix };
}

function duplicatesPanel(p: Page, matches: DuplicateMatch[]) {
  return html`<section class="duplicates" aria-labelledby="dup-h" role="region" tabindex="-1" autofocus>
    <h2 id="dup-h">${p.t("intake.dupTitle")}</h2>
    <p>${p.t("intake.dupIntro")}</p>
    <ul class="cards">
      ${matches.map(
        (m) => html`<li class="card">
          <a href="/people/${m.person.id}" target="_blank" rel="noopener"><strong>${m.person.full_name}</strong>
            <span class="visually-hidden">${p.t("intake.newTab")}</span></a>
          <div class="muted">${(m.person.nationalities ?? []).map((n) => p.country(n)).join(", ")}</div>
          <div>${m.reasons.map((r) => html`<span class="badge warn">${p.t(r === "a_number" ? "intake.dupANumber" : "intake.dupName")}</span>`)}
            <span class="muted">${p.t("search.match", { n: Math.round(m.score * 100) })}</span></div>
          <p><button type="submit" name="add_to" value="${m.person.id}" class="secondary">${p.t("intake.dupAddAnswers")}<span class="visually-hidden"> ${m.person.full_name}</span></button></p>
        </li>`,
      )}
    </ul>
    <p><button type="submit" name="confirm_new" value="1">${p.t("intake.dupConfirm")}</button></p>
  </section>`;
}

async function renderIntake(
  c: Context,
  _db: Database,
  st: FormState,
  opts: { status?: 200 | 400; duplicates?: DuplicateMatch[] } = {},
) {
  const p = pageOf(c);
  const title = p.t("intake.title");
  return render(c, {
    title,
    status: opts.status,
    body: html`<h1>${title}</h1>
      <p class="lede">${p.t("intake.lede")}</p>
      <p class="notice">${p.t("intake.privacy")}
        ${p.restricted ? "" : html`<strong>${p.t("intake.restrictedLocked")}</strong>`}</p>
      ${errorSummary(
        p,
        st,
        groups(p).flatMap((g) => g.fields),
      )}
      <form method="post" action="/intake" class="record-form intake" novalidate>
        ${csrfField(p)}
        ${groups(p).map(
          (g) => html`<fieldset class="group" id="intake-${g.id}">
            <legend>${g.legend}</legend>
            ${g.intro ? html`<p class="hint">${g.intro}</p>` : ""}
            ${g.fields.map((f) =>
              f.name === "current_facility"
                ? facilityPicker(p, st, { name: f.name, label: f.label, hint: f.hint, facilities: [] })
                : field(p, st, f),
            )}
          </fieldset>`,
        )}
        ${opts.duplicates?.length ? duplicatesPanel(p, opts.duplicates) : ""}
        <div class="actions">
          <button type="submit">${p.t(opts.duplicates?.length ? "intake.checkAgain" : "intake.submit")}</button>
          <a href="/workspace" class="button secondary">${p.t("form.cancel")}</a>
        </div>
      </form>`,
  });
}

export function registerIntakePage(r: ReturnType<typeof router>, db: Database) {
  const write = { action: "write", resource: "case", kind: "page" } as const;
  r.add({ method: "GET", path: "/intake", ...write }, (c) =>
    renderIntake(
      c,
      db,
      emptyForm({
        tz: "America/New_York",
        consent: "none",
        citizenship_status: "unknown",
        agency: "unknown",
        warrant: "unknown",
        hearing_kind: "IJ",
      }),
    ),
  );
  r.add({ method: "POST", path: "/intake", ...write }, async (c) => {
    const p = pageOf(c);
    const v = await readForm(c);
    const { input, fix } = intakeInput(v, p);
    try {
      // The answers typed before a duplicate was found go to that record, not into a blank form.
      const addTo = str(v, "add_to");
      if (addTo) {
        const added = await addIntakeToPerson(db, addTo, input, p.viewer);
        return c.redirect(`/people/${encodeURIComponent(added.id)}?saved=intake&events=${added.events}`, 303);
      }
      const result = await openCase(db, input, p.viewer, { confirmNew: str(v, "confirm_new") === "1" });
      if (result.status === "duplicates")
        return renderIntake(c, db, emptyForm(v), { duplicates: result.matches });
      return c.redirect(`/people/${result.id}?saved=intake&events=${result.events}`, 303);
    } catch (e) {
      if (!isAppError(e) || e.code !== "BAD_INPUT") throw e;
      const problems: Problem[] = (e.problems.length ? e.problems : [{ path: "", message: e.message }]).map(
        (pr) => ({
          ...pr,
          path: fix(pr.path),
        }),
      );
      return renderIntake(c, db, formWithProblems(v, problems, FIELD_NAMES(p), p), { status: 400 });
    }
  });
}
