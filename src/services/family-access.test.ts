// Family access: a code needs recorded consent, shows only the status fields, stops working when replaced
// or when consent is withdrawn, and locks after repeated wrong passphrases.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { DatasetSchema } from "../domain/model.ts";
import { OPERATOR, type Viewer } from "../domain/policy.ts";
import { listAudit } from "../store/audit.ts";
import { createFamilyCode, FAMILY_RULE, familyStatus } from "./family-access.ts";
import { loadDataset } from "./load-dataset.ts";
import { updatePerson } from "./record-case.ts";

let store: TestStore;
before(async () => {
  store = await openTestStore();
  await loadDataset(
    store.db,
    DatasetSchema.parse({
      facilities: [
        { id: "otay", name: "Otay Mesa Detention Center", country: "US", state: "CA", city: "San Diego" },
      ],
      people: [
        {
          id: "fam-1",
          full_name: "José Pérez Luna",
          a_number: "A555-666-777",
          notes: "QQprivate-note",
          medical_notes: "QQmedical",
          consent: { family_status: true },
        },
        { id: "fam-2", full_name: "Sin Consentimiento", consent: { family_status: false } },
      ],
      events: [
        {
          id: "f-arrest",
          person: "fam-1",
          type: "ARREST",
          when: "2025-06-01 07:00",
          tz: "America/Los_Angeles",
          summary: "Arrested at a check-in.",
        },
        {
          id: "f-held",
          person: "fam-1",
          type: "TRANSFER",
          when: "2025-06-03",
          tz: "America/Los_Angeles",
          facility: "otay",
          summary: "Moved to Otay Mesa.",
        },
        {
          id: "f-lawyer",
          person: "fam-1",
          type: "COUNSEL_RETAINED",
          when: "2025-06-05",
          tz: "UTC",
          summary: "Lawyer retained.",
          details: { counsel: "QQcounsel-name" },
        },
        {
          id: "f-hearing",
          person: "fam-1",
          type: "HEARING",
          when: "2099-01-15 09:00",
          tz: "America/Los_Angeles",
          place: "San Diego Immigration Court",
          summary: "Master calendar hearing.",
        },
      ],
    }),
  );
});
after(() => store.close());
const T = `[${TEST_ENGINE}]`;
const lawyer: Viewer = { role: "lawyer", userId: "lucia" };

test(`${T} only lawyers and administrators issue codes, and only with the person's family-status consent`, async () => {
  await assert.rejects(
    createFamilyCode(store.db, "fam-1", { role: "volunteer", userId: "v" }),
    /may not write family/,
  );
  await assert.rejects(createFamilyCode(store.db, "fam-2", lawyer), /consent/);
  await assert.rejects(createFamilyCode(store.db, "nobody", lawyer), /no person/);
});

test(`${T} a code and passphrase show the status fields and nothing else`, async () => {
  const { code, passphrase } = await createFamilyCode(store.db, "fam-1", lawyer);
  assert.match(code, /^F-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  assert.match(passphrase, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  // Typed loosely: lower case, spaces instead of dashes.
  const s = await familyStatus(store.db, {
    code: code.toLowerCase().replace(/-/g, " "),
    passphrase: passphrase.toLowerCase(),
  });
  assert.deepEqual(s, {
    name: "José Pérez Luna",
    status: "held_us",
    place: { name: "Otay Mesa Detention Center", city: "San Diego", state: "CA", country: "US" },
    since: "2025-06-03",
    next_hearing: { date: "2099-01-15", place: "San Diego Immigration Court" },
    has_lawyer: true,
    court_protection: false,
    updated: s.updated,
  });
  assert.doesNotMatch(JSON.stringify(s), /QQ|555-666|A555/, "no restricted field, no free-text detail");
  const entries = await listAudit(store.db);
  assert.deepEqual(
    entries.slice(-2).map((e) => [e.actor, e.action, e.subject]),
    [
      ["lucia", "family_code.create", "person:fam-1"],
      ["family", "family.view", "person:fam-1"],
    ],
  );
  const stored = await store.db.selectFrom("family_codes").selectAll().execute();
  assert.equal(
    JSON.stringify(stored).includes(code.replace(/-/g, "").slice(1)),
    false,
    "the code is stored hashed",
  );
});

test(`${T} wrong passphrases lock the code after ${FAMILY_RULE.maxFailures} tries, even for the right one`, async () => {
  const { code, passphrase } = await createFamilyCode(store.db, "fam-1", lawyer);
  for (let i = 1; i < FAMILY_RULE.maxFailures; i++)
    await assert.rejects(familyStatus(store.db, { code, passphrase: "AAAA-BBBB-CCCC" }), /do not match/);
  await assert.rejects(familyStatus(store.db, { code, passphrase: "AAAA-BBBB-CCCC" }), /too many/);
  await assert.rejects(familyStatus(store.db, { code, passphrase }), /too many/);
  const later = new Date(Date.now() + 2 * 60 * 60_000);
  assert.equal((await familyStatus(store.db, { code, passphrase }, later)).name, "José Pérez Luna");
});

test(`${T} a new code replaces the old one; withdrawn consent shows nothing`, async () => {
  const first = await createFamilyCode(store.db, "fam-1", lawyer);
  const second = await createFamilyCode(store.db, "fam-1", lawyer);
  await assert.rejects(familyStatus(store.db, first), /do not match/);
  await familyStatus(store.db, second);
  await updatePerson(
    store.db,
    "fam-1",
    { full_name: "José Pérez Luna", consent: { family_status: false } },
    OPERATOR,
  );
  await assert.rejects(familyStatus(store.db, second), /no status is shared/);
  await assert.rejects(familyStatus(store.db, { code: "nonsense", passphrase: "x" }), /enter the case code/);
});
