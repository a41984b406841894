// Hotline intake and staff edits on either engine: every problem at once, duplicates by name or A-number,
// one transaction for the person and their first events, restricted fields kept from those not cleared.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { miniDataset } from "../../test/fixtures.ts";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { type AppError, isAppError } from "../domain/errors.ts";
import { DatasetSchema } from "../domain/model.ts";
import { OPERATOR, type Viewer } from "../domain/policy.ts";
import { saveCourtOrder } from "./edit-record.ts";
import { findingsForPerson } from "./findings.ts";
import { addIntakeToPerson, findLikelyDuplicates, openCase } from "./intake.ts";
import { loadDataset } from "./load-dataset.ts";
import { getPersonRecord } from "./person-record.ts";
import { recordEvent as addEvent, updatePerson } from "./record-case.ts";

const LAWYER: Viewer = { role: "lawyer", userId: "lena" };
const VOLUNTEER: Viewer = { role: "volunteer", userId: "val" };
const NOW = new Date("2025-06-01T12:00:00Z");

let store: TestStore;
before(async () => {
  store = await openTestStore();
  await loadDataset(store.db, DatasetSchema.parse(miniDataset()));
});
after(() => store.close());
const T = `[${TEST_ENGINE}]`;

function problems(e: unknown): Record<string, string[]> {
  assert.ok(isAppError(e), String(e));
  const out: Record<string, string[]> = {};
  for (const p of (e as AppError).problems) out[p.path] = [...(out[p.path] ?? []), p.message];
  return out;
}

test(`${T} every problem of an intake is reported at once`, async () => {
  const e = await openCase(
    store.db,
    {
      full_name: "",
      a_number: "12",
      arrest_date: "2025-07-01",
      transfers: "2025-05-01, Otay Mesa\nsoon, Adelanto",
      us_citizen_claim: true,
    },
    LAWYER,
    { now: NOW },
  ).catch((x: unknown) => x);
  const p = problems(e);
  assert.deepEqual(p.full_name, ["err.required"]);
  assert.deepEqual(p.a_number, ["err.aNumber"]);
  assert.deepEqual(p.arrest_date, ["err.future"]);
  assert.deepEqual(p.transfers?.sort(), ["err.transferBeforeArrest|1", "err.transferLine|2"].sort());
  assert.deepEqual(p.us_citizen_basis, ["err.citizenBasis"]);
});

test(`${T} a volunteer may not record restricted answers`, async () => {
  const e = await openCase(
    store.db,
    { full_name: "Ana", arrest_date: "2025-05-01", medical: "asthma" },
    VOLUNTEER,
    {
      now: NOW,
    },
  ).catch((x: unknown) => x);
  assert.deepEqual(problems(e).medical, ["err.restrictedRole"]);
});

test(`${T} duplicates by similar name and by the same A-number, however it is typed`, async () => {
  const byName = await findLikelyDuplicates(store.db, { full_name: "Kilmer Abrego Garcia" }, LAWYER);
  assert.equal(byName[0]?.person.id, "kaag");
  const byNumber = await findLikelyDuplicates(
    store.db,
    { full_name: "Zzz Qqq", a_number: "123456789" },
    LAWYER,
  );
  assert.deepEqual(
    byNumber.map((m) => [m.person.id, m.reasons]),
    [["kaag", ["a_number"]]],
  );
  const volunteer = await findLikelyDuplicates(
    store.db,
    { full_name: "Zzz Qqq", a_number: "123456789" },
    VOLUNTEER,
  );
  assert.deepEqual(volunteer, [], "A-number matching needs clearance for A-numbers");
  const r = await openCase(store.db, { full_name: "Kilmar A. Abrego", arrest_date: "2025-05-01" }, LAWYER, {
    now: NOW,
  });
  assert.equal(r.status, "duplicates");
});

test(`${T} a call opens the person and their first events together`, async () => {
  const r = await openCase(
    store.db,
    {
      full_name: "Yenifer Castro Rivas",
      nationalities: ["VE"],
      arrest_date: "2025-03-10",
      arrest_time: "05:15",
      tz: "America/Chicago",
      agency: "ICE",
      warrant: "none",
      transfers: "2025-03-12, El Valle Detention Facility\n2025-03-14, CECOT",
      current_facility: "Centro de Confinamiento del Terrorismo",
      protections: [{ kind: "withholding_241b3", country: "VE" }],
      g28: "yes",
      attorney_name: "L. Ortiz",
      consent: "publish",
      a_number: "A098-765-432",
      family_name: "Luis Castro",
      family_phone: "555-0101",
    },
    LAWYER,
    { now: NOW },
  );
  assert.equal(r.status, "created");
  if (r.status !== "created") return;
  const rec = await getPersonRecord(store.db, r.id, OPERATOR);
  assert.deepEqual(
    rec.events.map((e) => [e.type, e.facility ?? e.place ?? ""]),
    [
      ["ARREST", ""],
      ["DETENTION_START", ""],
      ["TRANSFER", "El Valle Detention Facility"],
      ["TRANSFER", "cecot"],
      ["COUNSEL_RETAINED", ""],
    ],
  );
  assert.equal(rec.events[0]?.at, "2025-03-10T10:15:00.000Z");
  assert.deepEqual(rec.events[0]?.details, { warrant: "none", agency: "ICE" });
  assert.deepEqual(rec.events[4]?.details, { g28: true, counsel: "L. Ortiz" });
  assert.match(rec.person.family_contacts ?? "", /Family contact: Luis Castro 555-0101/);
  assert.equal(rec.person.consent?.publish, true);
});

test(`${T} a rejected intake writes nothing`, async () => {
  const before = (await store.db.selectFrom("people").select("id").execute()).length;
  await assert.rejects(
    openCase(
      store.db,
      { full_name: "Half Open", arrest_date: "2025-05-01", arrest_place: "x".repeat(201) },
      LAWYER,
      {
        now: NOW,
      },
    ),
  );
  assert.equal((await store.db.selectFrom("people").select("id").execute()).length, before);
});

test(`${T} a volunteer's edit keeps restricted fields; events report details and time problems together`, async () => {
  await updatePerson(
    store.db,
    "kaag",
    { full_name: "Kilmar Armando Abrego Garcia", consent: { public_record: true } },
    VOLUNTEER,
  );
  assert.equal((await getPersonRecord(store.db, "kaag", OPERATOR)).person.a_number, "A123-456-789");
  const e = await addEvent(
    store.db,
    {
      person: "kaag",
      type: "NOTICE_GIVEN",
      when: "2025-02-30",
      summary: "",
      details: { hours_before_removal: "soon" },
    },
    LAWYER,
  ).catch((x: unknown) => x);
  const p = problems(e);
  assert.ok(p.summary && p.when && p["details.hours_before_removal"], JSON.stringify(p));
});

test(`${T} a court order's references and times are all checked at once`, async () => {
  const e = await saveCourtOrder(
    store.db,
    { matter: "nope", kind: "TRO", issued: "someday", summary: "", covers: { people: ["ghost"] } },
    LAWYER,
  ).catch((x: unknown) => x);
  const p = problems(e);
  assert.ok(p.matter && p.issued && p.summary && p["covers.people"], JSON.stringify(p));
});

test(`${T} the next hearing becomes a HEARING event and a deadline; each event keeps its stated date`, async () => {
  const r = await openCase(
    store.db,
    {
      full_name: "Marisol Quintero Paz",
      arrest_date: "2025-05-20",
      tz: "America/New_York",
      hearing_date: "2025-06-16",
      hearing_time: "08:30",
      hearing_court: "Elizabeth Immigration Court",
      hearing_kind: "master",
      pending_asylum: true,
      asylum_date: "2024",
      pending_appeal: true,
      attorney_name: "R. Diaz",
      attorney_date: "2025-05",
    },
    LAWYER,
    { now: NOW, confirmNew: true },
  );
  assert.equal(r.status, "created");
  if (r.status !== "created") return;
  const rec = await getPersonRecord(store.db, r.id, OPERATOR);
  const by = new Map(rec.events.map((e) => [e.type, e]));
  const hearing = by.get("HEARING");
  assert.equal(hearing?.at, "2025-06-16T12:30:00.000Z");
  assert.equal(hearing?.place, "Elizabeth Immigration Court");
  assert.deepEqual(hearing?.details, { kind: "master" });
  assert.deepEqual(
    [by.get("ASYLUM_APPLIED")?.at.slice(0, 4), by.get("ASYLUM_APPLIED")?.precision],
    ["2024", "year"],
  );
  assert.equal(by.get("COUNSEL_RETAINED")?.precision, "month");
  assert.match(by.get("APPEAL_FILED")?.summary ?? "", /date unknown; reported on the call of 2025-06-01/);
  assert.equal(
    by.get("APPEAL_FILED")?.at.slice(0, 10),
    "2025-06-01",
    "an unknown date is the day of the call, said so",
  );
  const due = (await findingsForPerson(store.db, r.id, OPERATOR, { asOf: NOW.toISOString() })).filter(
    (f) => f.due && f.events.includes(hearing?.id ?? ""),
  );
  assert.deepEqual(
    due.map((f) => [f.title, f.due?.date, f.due?.days_remaining]),
    [["Master calendar hearing", "2025-06-16", 15]],
  );
});

test(`${T} stated dates are checked: shape, and never after the call`, async () => {
  const e = await openCase(
    store.db,
    {
      full_name: "Ana",
      arrest_date: "2025-05-01",
      asylum_date: "last year",
      appeal_date: "2026",
      hearing_court: "X",
    },
    LAWYER,
    { now: NOW },
  ).catch((x: unknown) => x);
  const p = problems(e);
  assert.deepEqual(p.asylum_date, ["err.statedDate"]);
  assert.deepEqual(p.appeal_date, ["err.future"]);
  assert.deepEqual(p.hearing_date, ["err.hearingDate"]);
});

test(`${T} a volunteer records the caller and family contact: sealed, shown to them only as recorded`, async () => {
  const r = await openCase(
    store.db,
    {
      full_name: "Teodoro Ulloa Ramos",
      arrest_date: "2025-05-30",
      caller_relation: "family",
      caller_name: "Rita Ulloa",
      caller_phone: "555-0199",
      family_name: "Rita Ulloa",
      family_phone: "555-0199",
    },
    VOLUNTEER,
    { now: NOW, confirmNew: true },
  );
  assert.equal(r.status, "created");
  if (r.status !== "created") return;
  const raw = await store.db
    .selectFrom("people")
    .selectAll()
    .where("id", "=", r.id)
    .executeTakeFirstOrThrow();
  assert.ok(!JSON.stringify(raw).includes("555-0199"), "sealed at rest");
  const theirs = (await getPersonRecord(store.db, r.id, VOLUNTEER)).person;
  assert.equal(theirs.family_contacts, undefined);
  assert.deepEqual(theirs.recorded, ["family_contacts"]);
  const lawyers = (await getPersonRecord(store.db, r.id, LAWYER)).person;
  assert.match(lawyers.family_contacts ?? "", /Caller: family, Rita Ulloa, 555-0199/);
  assert.equal(lawyers.recorded, undefined);
});

test(`${T} answers typed before the duplicate was found are added to the existing record`, async () => {
  const input = {
    full_name: "Kilmar Abrego Garcia",
    arrest_date: "2025-05-28",
    tz: "America/New_York",
    hearing_date: "2025-07-01",
    hearing_court: "Baltimore Immigration Court",
    languages: ["es"],
    family_name: "Jennifer V.",
    family_phone: "555-0123",
  };
  const first = await openCase(store.db, input, VOLUNTEER, { now: NOW });
  assert.equal(first.status, "duplicates");
  if (first.status !== "duplicates") return;
  const id = first.matches[0]?.person.id ?? "";
  const before = (await getPersonRecord(store.db, id, OPERATOR)).events.length;
  const r = await addIntakeToPerson(store.db, id, input, VOLUNTEER, { now: NOW });
  const rec = await getPersonRecord(store.db, id, OPERATOR);
  assert.equal(rec.events.length, before + r.events);
  assert.ok(rec.events.some((e) => e.type === "HEARING" && e.place === "Baltimore Immigration Court"));
  assert.ok(rec.person.languages?.includes("es"));
  assert.match(rec.person.family_contacts ?? "", /555-0123/);
  assert.equal(rec.person.a_number, "A123-456-789", "stored restricted values are kept");
  await assert.rejects(
    addIntakeToPerson(store.db, "nobody-here", input, VOLUNTEER, { now: NOW }),
    (e) => isAppError(e) && e.code === "NOT_FOUND",
  );
});
