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
import { findLikelyDuplicates, openCase } from "./intake.ts";
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
  assert.match(rec.person.notes ?? "", /Family contact: Luis Castro 555-0101/);
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
