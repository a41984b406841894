// The form to add or edit a person: its fields (identity, status, protections, consent, notes), how the
// form maps to createPerson/updatePerson and a person back to the form.
import type { Context } from "hono";
import { html } from "hono/html";
import { CITIZENSHIP_STATUSES, PROTECTION_KINDS } from "../../../domain/model.ts";
import { invalidateDashboard } from "../../../services/dashboard.ts";
import type { PersonView } from "../../../services/person-record.ts";
import { createPerson, getPersonForEdit, updatePerson } from "../../../services/record-case.ts";
import type { Database } from "../../../services/store.ts";
import { param } from "../../routes.ts";
import { countryOptions } from "../countries.ts";
import {
  checked,
  emptyForm,
  type Field,
  type FormState,
  field,
  lines,
  readForm,
  str,
  type Values,
  words,
} from "../form-kit.ts";
import { enumOptions } from "../options.ts";
import { type Page, pageOf, render } from "../page.ts";
import {
  formPage,
  num,
  type Routes,
  SOURCE_FIELD_NAMES,
  saveOrShow,
  sourceFields,
  sourceIdsOf,
  write,
} from "./flow.ts";

const MAX_PROTECTIONS = 4;

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
  sources: Field[],
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
        ...sources,
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
  return { input, sourceIds: sourceIdsOf(v), fix };
}

async function renderPersonForm(
  c: Context,
  db: Database,
  st: FormState,
  mode: { id?: string; name?: string },
  status: 400 | 200 = 200,
) {
  const p = pageOf(c);
  const { groups } = personFields(p, st, await sourceFields(db, p, st));
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
export function registerPersonForm(r: Routes, db: Database) {
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
    return saveOrShow(c, v, {
      save: async () => {
        const id = await createPerson(
          db,
          { ...input, sources: sourceIds.map((source) => ({ source })) },
          p.viewer,
        );
        invalidateDashboard(db);
        return `/people/${id}?saved=person`;
      },
      names: () => personFields(p, emptyForm(v), SOURCE_FIELD_NAMES).names,
      fix,
      show: (st) => renderPersonForm(c, db, st, {}, 400),
    });
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
    return saveOrShow(c, v, {
      save: async () => {
        await updatePerson(db, id, { ...input, source_ids: sourceIds }, p.viewer);
        return `/people/${id}?saved=person`;
      },
      names: () => personFields(p, emptyForm(v), SOURCE_FIELD_NAMES).names,
      fix,
      show: (st) => renderPersonForm(c, db, st, { id, name: rec.person.full_name }, 400),
    });
  });
}
