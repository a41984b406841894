// A person as the rules read them (listPeopleAfter, findJudgedPeople): every field there, the restricted ones
// opened from the seal when first read, and a copy carrying their values like any other field's.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { PersonInputSchema, RESTRICTED_PERSON_FIELDS } from "../domain/model.ts";
import { findJudgedPeople, findPersonById, listPeopleAfter, savePerson } from "./people.ts";

const T = `[${TEST_ENGINE}]`;
let store: TestStore;
before(async () => {
  store = await openTestStore();
  await savePerson(
    store.db,
    "p1",
    PersonInputSchema.parse({
      id: "p1",
      full_name: "Ana Sealed",
      birth_date: "1990-04-02",
      stated_age: 34,
      age_reported_on: "2025-03-01",
      a_number: "A123-456-789",
      notes: "Asked for her lawyer twice.",
      sources: [],
    }),
  );
  await savePerson(
    store.db,
    "p2",
    PersonInputSchema.parse({ id: "p2", full_name: "Beto Plain", sources: [] }),
  );
});
after(() => store.close());

test(`${T} a judged person's restricted fields read as stored, and a copy carries them`, async () => {
  const [ana, beto] = await listPeopleAfter(store.db, "", 10);
  assert.ok(ana && beto);
  assert.equal(ana.id, "p1");
  assert.equal(ana.birth_date, "1990-04-02");
  assert.equal(ana.stated_age, 34);
  assert.equal(ana.age_reported_on, "2025-03-01");
  assert.equal(ana.a_number, "A123-456-789");
  assert.equal(ana.notes, "Asked for her lawyer twice.");
  assert.equal(ana.home_address, undefined);
  assert.equal(beto.birth_date, undefined);
  assert.equal(beto.stated_age, undefined);
  // Every restricted field is one of the person's own keys, as the others are, in both people alike.
  for (const k of RESTRICTED_PERSON_FIELDS) assert.ok(Object.keys(ana).includes(k), k);
  assert.deepEqual(Object.keys(ana), Object.keys(beto));
  // A copy holds the values, and nothing of how they were opened.
  const copy = { ...ana };
  assert.equal(copy.birth_date, "1990-04-02");
  assert.equal(copy.stated_age, 34);
  assert.deepEqual(Object.getOwnPropertySymbols(copy), []);
  assert.equal(JSON.parse(JSON.stringify(ana)).a_number, "A123-456-789");
  // The same person read by id, and as a full record (with its citations), agrees field by field.
  const [byId] = await findJudgedPeople(store.db, ["p1"]);
  const full = await findPersonById(store.db, "p1");
  for (const k of RESTRICTED_PERSON_FIELDS) {
    assert.equal(byId?.[k], ana[k], k);
    assert.equal(full?.[k], ana[k], k);
  }
});
