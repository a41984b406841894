// Hotline intake: one form opens a case in one step. The answers are checked all at once, likely duplicates
// (similar names, the same A-number) are shown before anyone new is created, and the person and their
// first events (arrest, detention, transfers, claims raised on the call) are written in one transaction.

import { z } from "zod";
import { AppError, badInput, type Problem, problemsFromZod } from "../domain/errors.ts";
import { opaqueId } from "../domain/ids.ts";
import {
  CITIZENSHIP_STATUSES,
  CountrySchema,
  type EventInput,
  type PersonData,
  PersonInputSchema,
  PROTECTION_KINDS,
} from "../domain/model.ts";
import { foldName } from "../domain/names.ts";
import { can, type Viewer } from "../domain/policy.ts";
import { isValidTimeZone, localDate, parseWhen } from "../domain/time.ts";
import { findFacilityById } from "../store/catalog.ts";
import type { Database, Db } from "../store/db.ts";
import { findPeopleByANumberDigits } from "../store/intake.ts";
import { findPeopleByIds } from "../store/people.ts";
import { authorize } from "./authorize.ts";
import { invalidateDashboard } from "./dashboard.ts";
import { resolveFacilityText } from "./facility-registry.ts";
import { reevaluate } from "./findings.ts";
import { type PersonView, presentPerson } from "./person-record.ts";
import {
  authorizePersonFields,
  insertEvent,
  insertPerson,
  prepareEvent,
  replacePerson,
} from "./record-case.ts";
import { loadPersonForWrite, seesPerson, teamForNewRecord } from "./scope.ts";
import { searchPeople } from "./search-people.ts";

export const AGENCIES = ["ICE", "CBP", "police", "other_federal", "other", "unknown"] as const;
export const CALLER_RELATIONS = ["self", "family", "friend", "lawyer", "community", "other"] as const;
export const CONSENTS = ["none", "family", "publish"] as const;
export const TRI = ["yes", "no", "unknown"] as const;
export const WARRANTS = ["judicial", "administrative", "none", "unknown"] as const;
export const CITIZENSHIP_BASES = ["birth", "naturalization", "derivation", "other"] as const;

const Text = (max: number) => z.string().trim().max(max, "err.tooLong").optional();
/** When something happened as the caller puts it: a year, a month or a day; left out when unknown. */
const StatedDate = z
  .string()
  .trim()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, "err.statedDate")
  .optional();
export const HEARING_KINDS = ["master", "merits", "bond", "IJ", "court", "other"] as const;
/** The events on the call that carry their own stated date (or "date unknown"). */
export const STATED_DATES = [
  "asylum_date",
  "appeal_date",
  "criminal_date",
  "attorney_date",
  "consulate_date",
] as const;

/**
 * The intake form's answers. Messages are keys the web app translates ("err.required"); the paths are
 * the form's field names, so each problem lands beside its field.
 */
export const IntakeSchema = z.object({
  caller_relation: z.enum(CALLER_RELATIONS, "err.choice").optional(),
  caller_name: Text(200),
  caller_phone: Text(60),
  full_name: z.string("err.required").trim().min(1, "err.required").max(300, "err.tooLong"),
  aliases: z.array(z.string().trim().min(1).max(300, "err.tooLong")).max(20).default([]),
  birth_date: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, "err.birthDate")
    .optional(),
  birth_country: CountrySchema.optional(),
  nationalities: z.array(CountrySchema).max(3).default([]),
  citizenship_status: z.enum(CITIZENSHIP_STATUSES, "err.choice").default("unknown"),
  us_citizen_claim: z.boolean().default(false),
  us_citizen_basis: z.enum(CITIZENSHIP_BASES, "err.choice").optional(),
  us_citizen_evidence: Text(2000),
  a_number: z
    .string()
    .trim()
    .regex(/^A?[\s-]?\d{3}[\s-]?\d{3}[\s-]?\d{2,3}$/i, "err.aNumber")
    .optional(),
  arrest_date: z.iso.date({ error: (iss) => (iss.input === undefined ? "err.required" : "err.date") }),
  arrest_time: z
    .string()
    .regex(/^\d{2}:\d{2}$/, "err.time")
    .optional(),
  arrest_approximate: z.boolean().default(false),
  tz: z.string().refine(isValidTimeZone, "err.tz").default("America/New_York"),
  arrest_place: Text(200),
  agency: z.enum(AGENCIES, "err.choice").default("unknown"),
  warrant: z.enum(WARRANTS, "err.choice").default("unknown"),
  current_facility: Text(200),
  transfers: Text(4000),
  hearing_date: z.iso.date("err.date").optional(),
  hearing_time: z
    .string()
    .regex(/^\d{2}:\d{2}$/, "err.time")
    .optional(),
  hearing_court: Text(200),
  hearing_kind: z.enum(HEARING_KINDS, "err.choice").default("IJ"),
  protections: z
    .array(z.object({ kind: z.enum(PROTECTION_KINDS, "err.choice"), country: CountrySchema }))
    .max(5)
    .default([]),
  pending_asylum: z.boolean().default(false),
  pending_appeal: z.boolean().default(false),
  pending_criminal: z.boolean().default(false),
  pending_details: Text(2000),
  asylum_date: StatedDate,
  appeal_date: StatedDate,
  criminal_date: StatedDate,
  attorney_date: StatedDate,
  consulate_date: StatedDate,
  attorney_name: Text(150),
  attorney_phone: Text(40),
  g28: z.enum(TRI, "err.choice").default("unknown"),
  languages: z.array(z.string().trim().min(2, "err.language").max(40, "err.tooLong")).max(10).default([]),
  medical: Text(2000),
  children: z.enum(TRI, "err.choice").default("unknown"),
  caregiver_plan: Text(2000),
  consulate: z.enum(TRI, "err.choice").default("unknown"),
  family_name: Text(200),
  family_relation: Text(60),
  family_phone: Text(60),
  consent: z.enum(CONSENTS, "err.choice").default("none"),
  public_record: z.boolean().default(false),
  notes: Text(10000),
});
export type Intake = z.infer<typeof IntakeSchema>;

/** Answers only lawyers and admins may record (they go to restricted fields: A-number, birth date, notes). */
export const INTAKE_RESTRICTED = [
  "birth_date",
  "birth_country",
  "a_number",
  "pending_details",
  "medical",
  "children",
  "caregiver_plan",
  "notes",
] as const satisfies readonly (keyof Intake)[];

/**
 * Answers any case writer records but only restricted-cleared staff read back: who called and how to reach
 * the family. They are sealed into the person's family contacts; others see only that they were recorded.
 */
export const INTAKE_WRITE_ONLY = [
  "caller_relation",
  "caller_name",
  "caller_phone",
  "family_name",
  "family_relation",
  "family_phone",
] as const satisfies readonly (keyof Intake)[];

/** Answers staff of the team see, never the public. */
export const INTAKE_TEAM = [
  "us_citizen_evidence",
  "languages",
  "consent",
  "public_record",
] as const satisfies readonly (keyof Intake)[];

export type DuplicateMatch = { person: PersonView; score: number; reasons: ("name" | "a_number")[] };

/** People already on record who may be the person on the call: similar names or the same A-number. */
export async function findLikelyDuplicates(
  db: Database,
  input: { full_name: string; aliases?: string[]; a_number?: string },
  viewer: Viewer,
): Promise<DuplicateMatch[]> {
  const byId = new Map<string, DuplicateMatch>();
  for (const name of [input.full_name, ...(input.aliases ?? [])].filter((n) => n.trim())) {
    for (const m of await searchPeople(db, name.slice(0, 200), viewer, { limit: 5, minScore: 0.85 })) {
      const prev = byId.get(m.person.id);
      if (prev) prev.score = Math.max(prev.score, m.score);
      else byId.set(m.person.id, { person: m.person, score: m.score, reasons: ["name"] });
    }
  }
  const digits = (input.a_number ?? "").replace(/\D/g, "");
  if (digits && can(viewer, "read", "restricted")) {
    const ids = await findPeopleByANumberDigits(db, digits);
    for (const p of (await findPeopleByIds(db, ids)).filter((x) => seesPerson(viewer, x))) {
      const prev = byId.get(p.id);
      if (prev) {
        prev.score = 1;
        prev.reasons.push("a_number");
      } else byId.set(p.id, { person: presentPerson(p, viewer), score: 1, reasons: ["a_number"] });
    }
  }
  return [...byId.values()].sort((a, b) => b.score - a.score).slice(0, 8);
}

type Place = { facility?: string; place?: string };

/** Places the caller named, resolved through the facility registry (by id, name or alias, typos allowed). */
type Places = ReadonlyMap<string, Place>;

function placeOf(text: string | undefined, places: Places): Place {
  if (!text) return {};
  return places.get(text) ?? { place: text };
}

/** Each named place: the registry facility it clearly names, else the text as said. */
async function resolvePlaces(db: Db, c: Checked): Promise<Places> {
  const out = new Map<string, Place>();
  for (const text of [c.d.current_facility, ...c.transfers.map((t) => t.where)]) {
    if (!text || out.has(text)) continue;
    const r = await resolveFacilityText(db, text);
    const f = "id" in r ? await findFacilityById(db, r.id) : undefined;
    out.set(text, f ? { facility: f.id, place: f.name } : { place: text });
  }
  return out;
}

type Transfer = { date: string; where: string; line: number };

/** Transfer history, one per line: "2025-03-14, El Valle Detention Facility". */
function parseTransfers(text: string | undefined): { transfers: Transfer[]; problems: Problem[] } {
  const transfers: Transfer[] = [];
  const problems: Problem[] = [];
  (text ?? "").split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const m = /^(\d{4}-\d{2}-\d{2})\s*[,;:–-]?\s*(.+)$/.exec(line);
    if (!m?.[1] || !m[2] || !z.iso.date().safeParse(m[1]).success) {
      problems.push({ path: "transfers", message: `err.transferLine|${i + 1}` });
      return;
    }
    transfers.push({ date: m[1], where: m[2].trim().slice(0, 200), line: i + 1 });
  });
  return { transfers, problems };
}

const AGENCY_TEXT: Record<(typeof AGENCIES)[number], string | undefined> = {
  ICE: "ICE",
  CBP: "CBP",
  police: "local police",
  other_federal: "other federal agency",
  other: "other",
  unknown: undefined,
};

function hasValue(v: unknown): boolean {
  if (v === undefined || v === null || v === "" || v === false) return false;
  if (Array.isArray(v)) return v.length > 0;
  return !(typeof v === "string" && v === "unknown");
}

/** The restricted notes block: who called and what must stay private, in plain labelled lines. */
function notesOf(d: Intake, today: string, viewer: Viewer): string | undefined {
  const lines: string[] = [];
  const add = (label: string, value: string | undefined) => {
    if (value?.trim()) lines.push(`${label}: ${value.trim()}`);
  };
  add("Country of birth", d.birth_country);
  // Pending cases ticked on the form become events; only their details (restricted) go here.
  add("Pending cases", d.pending_details);
  add("Medical needs", d.medical);
  if (d.children !== "unknown") add("Dependent children", d.children);
  add("Caregiver plan", d.caregiver_plan);
  add("Notes", d.notes);
  if (!lines.length) return undefined;
  return [`Hotline intake ${today}${viewer.userId ? ` by ${viewer.userId}` : ""}`, ...lines].join("\n");
}

/** The write-only contacts block: the caller and the family contact, in plain labelled lines. */
function contactsOf(d: Intake, today: string, viewer: Viewer): string | undefined {
  const lines: string[] = [];
  const caller = [d.caller_relation, d.caller_name, d.caller_phone].filter(Boolean).join(", ");
  if (caller) lines.push(`Caller: ${caller}`);
  const family = [d.family_name, d.family_relation ? `(${d.family_relation})` : "", d.family_phone]
    .filter(Boolean)
    .join(" ");
  if (family) lines.push(`Family contact: ${family}`);
  if (!lines.length) return undefined;
  return [`Hotline intake ${today}${viewer.userId ? ` by ${viewer.userId}` : ""}`, ...lines].join("\n");
}

export type IntakeResult =
  | { status: "duplicates"; matches: DuplicateMatch[] }
  | { status: "created"; id: string; events: number };

type Checked = {
  d: Intake;
  arrest: ReturnType<typeof parseWhen>;
  transfers: Transfer[];
  today: string;
  person: PersonData;
};

/** A date as the caller stated it ("2024", "2024-03"), checked; problems go to the field. */
function statedWhen(raw: unknown, tz: string, now: Date, path: string, problems: Problem[]) {
  if (typeof raw !== "string" || !raw.trim()) return undefined;
  if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(raw.trim())) return undefined; // the schema reports the shape
  try {
    const w = parseWhen(raw.trim(), tz);
    if (Date.parse(w.at) > now.getTime()) problems.push({ path, message: "err.future" });
    return w;
  } catch {
    problems.push({ path, message: "err.date" });
    return undefined;
  }
}

/** Checks every answer at once and returns them ready to write, or throws every problem. */
function checkIntake(input: unknown, viewer: Viewer, now: Date): Checked {
  const parsed = IntakeSchema.safeParse(input);
  const problems: Problem[] = parsed.success ? [] : problemsFromZod(parsed.error.issues);
  const raw = (input && typeof input === "object" ? input : {}) as Record<string, unknown>;
  if (!can(viewer, "write", "restricted")) {
    for (const f of INTAKE_RESTRICTED) {
      if (hasValue(raw[f])) problems.push({ path: f, message: "err.restrictedRole" });
    }
  }
  // Checks across answers run even when some answers are wrong, so every problem shows at once.
  const tz = typeof raw.tz === "string" && isValidTimeZone(raw.tz) ? raw.tz : "America/New_York";
  const today = localDate(now.toISOString(), tz);
  const arrestDate = typeof raw.arrest_date === "string" ? raw.arrest_date : "";
  let arrest: ReturnType<typeof parseWhen> | undefined;
  if (z.iso.date().safeParse(arrestDate).success) {
    const time =
      typeof raw.arrest_time === "string" && /^\d{2}:\d{2}$/.test(raw.arrest_time) ? raw.arrest_time : "";
    try {
      arrest = parseWhen(
        time ? `${arrestDate} ${time}` : arrestDate,
        tz,
        raw.arrest_approximate ? "approximate" : undefined,
      );
      if (Date.parse(arrest.at) > now.getTime())
        problems.push({ path: "arrest_date", message: "err.future" });
    } catch {
      problems.push({ path: "arrest_date", message: "err.date" });
    }
  }
  const { transfers, problems: transferProblems } = parseTransfers(
    typeof raw.transfers === "string" ? raw.transfers : "",
  );
  problems.push(...transferProblems);
  for (const tr of transfers) {
    if (arrestDate && tr.date < arrestDate)
      problems.push({ path: "transfers", message: `err.transferBeforeArrest|${tr.line}` });
    if (tr.date > today) problems.push({ path: "transfers", message: `err.transferFuture|${tr.line}` });
  }
  if (raw.us_citizen_claim === true && !raw.us_citizen_basis)
    problems.push({ path: "us_citizen_basis", message: "err.citizenBasis" });
  for (const f of STATED_DATES) statedWhen(raw[f], tz, now, f, problems);
  if ((hasValue(raw.hearing_time) || hasValue(raw.hearing_court)) && !hasValue(raw.hearing_date))
    problems.push({ path: "hearing_date", message: "err.hearingDate" });
  if (!parsed.success) throw badInput("the intake is not valid", problems);
  const d = parsed.data;
  const person = {
    full_name: d.full_name,
    aliases: d.aliases,
    birth_date: d.birth_date,
    nationalities: d.nationalities,
    citizenship_status: d.citizenship_status,
    citizenship_evidence: d.us_citizen_claim
      ? [d.us_citizen_basis, d.us_citizen_evidence].filter(Boolean).join(": ")
      : d.us_citizen_evidence,
    a_number: d.a_number,
    languages: d.languages,
    protections: d.protections,
    consent: {
      publish: d.consent === "publish",
      public_record: d.public_record,
      family_status: d.consent !== "none",
      recorded_on: today,
    },
    notes: notesOf(d, today, viewer),
    family_contacts: contactsOf(d, today, viewer),
    team: teamForNewRecord(viewer, undefined),
    sources: [],
  };
  const checked = PersonInputSchema.safeParse(person);
  if (!checked.success) problems.push(...problemsFromZod(checked.error.issues));
  if (problems.length || !arrest || !checked.success) throw badInput("the intake is not valid", problems);
  return { d, arrest, transfers, today, person: checked.data };
}

/** The events the call reports, each dated as stated (or marked "date unknown" on the day of the call). */
function intakeEvents(c: Checked, facilities: Places, now: Date): Omit<EventInput, "person">[] {
  const { d, arrest, transfers, today } = c;
  const current = placeOf(d.current_facility, facilities);
  const onCall = { when: today, tz: d.tz, precision: "day" as const };
  /** A stated date, or the day of the call with the summary saying the date is unknown. */
  const dated = (stated: string | undefined, summary: string) =>
    stated
      ? { when: stated, tz: d.tz, summary }
      : {
          ...onCall,
          summary: `${summary.replace(/\.$/, "")} (date unknown; reported on the call of ${today}).`,
        };
  const events: Omit<EventInput, "person">[] = [];
  const agency = AGENCY_TEXT[d.agency];
  events.push({
    type: "ARREST",
    when: arrest.at,
    tz: d.tz,
    precision: arrest.precision,
    place: d.arrest_place,
    country: "US",
    summary: `Arrested${agency ? ` by ${agency}` : ""}${d.arrest_place ? ` at ${d.arrest_place}` : ""} (reported to the hotline).`,
    details: { warrant: d.warrant, ...(agency ? { agency } : {}) },
  });
  const first = transfers.length ? {} : current;
  events.push({
    type: "DETENTION_START",
    when: arrest.at,
    tz: d.tz,
    precision: arrest.precision,
    ...first,
    summary: first.place ? `Held at ${first.place}.` : "Taken into custody.",
    details: agency ? { agency } : {},
  });
  for (const tr of transfers) {
    const to = placeOf(tr.where, facilities);
    events.push({
      type: "TRANSFER",
      when: tr.date,
      tz: d.tz,
      ...to,
      summary: `Transferred to ${to.place ?? tr.where} (reported to the hotline).`,
      details: { to: to.place ?? tr.where },
    });
  }
  const last = transfers.at(-1);
  if (
    last &&
    current.place &&
    foldName(placeOf(last.where, facilities).place ?? "") !== foldName(current.place)
  ) {
    events.push({
      ...onCall,
      type: "TRANSFER",
      ...current,
      summary: `Reported held at ${current.place} at the time of the call.`,
      details: { to: current.place },
    });
  }
  if (d.hearing_date) {
    // The next hearing as the caller gives it: a HEARING on its day (and hour), which the rules count down to.
    const court = d.hearing_court;
    events.push({
      type: "HEARING",
      when: d.hearing_time ? `${d.hearing_date} ${d.hearing_time}` : d.hearing_date,
      tz: d.tz,
      ...(court ? { place: court } : {}),
      summary: `${Date.parse(`${d.hearing_date}T23:59:59Z`) >= now.getTime() ? "Next hearing" : "Hearing"}${court ? ` at ${court}` : ""} (reported on the call of ${today}).`,
      details: { kind: d.hearing_kind },
    });
  }
  if (d.us_citizen_claim) {
    events.push({
      ...onCall,
      type: "CITIZENSHIP_EVIDENCE",
      summary: `Claims U.S. citizenship${d.us_citizen_basis ? ` (${d.us_citizen_basis})` : ""}, reported on the call.`,
      details: { basis: d.us_citizen_basis ?? "other", raised_before_removal: true },
    });
  }
  if (d.pending_asylum || d.asylum_date)
    events.push({
      type: "ASYLUM_APPLIED",
      ...dated(d.asylum_date, "Asylum application filed, pending."),
      details: { pending: true },
    });
  if (d.pending_appeal || d.appeal_date)
    events.push({
      type: "APPEAL_FILED",
      ...dated(d.appeal_date, "Appeal filed, pending."),
      details: { pending: true },
    });
  if (d.pending_criminal || d.criminal_date)
    events.push({
      type: "CRIMINAL_CHARGE",
      ...dated(d.criminal_date, "Criminal case pending."),
      details: {},
    });
  if (d.attorney_name || d.g28 === "yes" || d.attorney_date) {
    const counsel = [d.attorney_name, d.attorney_phone].filter(Boolean).join(", ");
    events.push({
      type: "COUNSEL_RETAINED",
      ...dated(
        d.attorney_date,
        `Represented by ${d.attorney_name ?? "a lawyer"}${d.g28 === "yes" ? " (G-28 filed)" : ""}.`,
      ),
      details: {
        ...(d.g28 === "unknown" ? {} : { g28: d.g28 === "yes" }),
        ...(counsel ? { counsel: counsel.slice(0, 200) } : {}),
      },
    });
  }
  if (d.consulate === "yes" || d.consulate_date)
    events.push({
      type: "CONTACT",
      ...dated(d.consulate_date, "Consulate contacted."),
      details: { with: "consulate" },
    });
  return events;
}

/** Writes the call's events for a person inside the caller's transaction, through the one event insert. */
async function writeEvents(
  tx: Db,
  personId: string,
  events: Omit<EventInput, "person">[],
  viewer: Viewer,
): Promise<void> {
  for (const e of events)
    await insertEvent(tx, viewer, await prepareEvent(tx, { ...e, person: personId }, viewer), "intake");
}

/**
 * Opens a case from the intake answers. Unless `confirmNew`, stops with the likely duplicates when there
 * are any, so the person taking the call can add the answers to the existing record instead.
 */
export async function openCase(
  db: Database,
  input: unknown,
  viewer: Viewer,
  opts: { confirmNew?: boolean; now?: Date } = {},
): Promise<IntakeResult> {
  authorize(viewer, "write", "case");
  const now = opts.now ?? new Date();
  const c = checkIntake(input, viewer, now);
  authorizePersonFields(viewer, c.person);
  if (!opts.confirmNew) {
    const matches = await findLikelyDuplicates(db, c.d, viewer);
    if (matches.length) return { status: "duplicates", matches };
  }
  const events = intakeEvents(c, await resolvePlaces(db, c), now);
  const id = opaqueId("p");
  await db.transaction().execute(async (tx) => {
    await insertPerson(tx, viewer, id, c.person, "intake");
    await writeEvents(tx, id, events, viewer);
    // The new case gets its findings (and deadlines) stored with it.
    await reevaluate(tx, [id]);
  });
  invalidateDashboard(db);
  return { status: "created", id, events: events.length };
}

const union = <T>(a: readonly T[], b: readonly T[], key: (x: T) => string = String) => {
  const seen = new Set(a.map(key));
  return [...a, ...b.filter((x) => !seen.has(key(x)) && seen.add(key(x)))];
};
const appended = (a: string | undefined, b: string | undefined) => (a && b ? `${a}\n\n${b}` : (a ?? b));

/**
 * Adds the answers of a call to a person already on record (the duplicate the intake found): the call's
 * events, and what it tells about the person merged into their record (names as aliases, languages,
 * nationalities, protections; notes and contacts appended, never replaced; stored values kept).
 */
export async function addIntakeToPerson(
  db: Database,
  personId: string,
  input: unknown,
  viewer: Viewer,
  opts: { now?: Date } = {},
): Promise<{ id: string; events: number }> {
  authorize(viewer, "write", "case");
  const now = opts.now ?? new Date();
  const c = checkIntake(input, viewer, now);
  authorizePersonFields(viewer, c.person);
  const existing = await loadPersonForWrite(db, viewer, personId);
  if (!existing) throw new AppError("NOT_FOUND", `no person with id ${personId}`);
  const p = c.person;
  const merged = PersonInputSchema.parse({
    ...existing,
    sources: existing.citations,
    aliases: union(
      existing.aliases,
      [p.full_name, ...p.aliases].filter((n) => foldName(n) !== foldName(existing.full_name)),
      foldName,
    ).slice(0, 50),
    nationalities: union(existing.nationalities, p.nationalities).slice(0, 5),
    languages: union(existing.languages, p.languages).slice(0, 10),
    protections: union(existing.protections, p.protections, (x) => `${x.kind}|${x.country}`).slice(0, 20),
    citizenship_status:
      existing.citizenship_status === "unknown" ? p.citizenship_status : existing.citizenship_status,
    citizenship_evidence: appended(existing.citizenship_evidence, p.citizenship_evidence),
    birth_date: existing.birth_date ?? p.birth_date,
    a_number: existing.a_number ?? p.a_number,
    notes: appended(existing.notes, p.notes),
    family_contacts: appended(existing.family_contacts, p.family_contacts),
  });
  const events = intakeEvents(c, await resolvePlaces(db, c), now);
  await db.transaction().execute(async (tx) => {
    await replacePerson(tx, viewer, personId, merged, "intake");
    await writeEvents(tx, personId, events, viewer);
    await reevaluate(tx, [personId]);
  });
  invalidateDashboard(db);
  return { id: personId, events: events.length };
}
