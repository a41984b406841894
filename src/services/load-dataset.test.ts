// Loading a dataset: all or nothing, references checked, times converted to UTC, re-load idempotent.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { miniDataset } from "../../test/fixtures.ts";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { DatasetSchema } from "../domain/model.ts";
import { ANONYMOUS, OPERATOR } from "../domain/policy.ts";
import { countPeople } from "../store/people.ts";
import { loadDataset, parseDataset } from "./load-dataset.ts";
import { getPersonRecord, listPeopleFor } from "./person-record.ts";
import { searchPeople } from "./search-people.ts";

let store: TestStore;
before(async () => {
  store = await openTestStore();
});
after(() => store.close());
const T = `[${TEST_ENGINE}]`;

test(`${T} a dataset loads, and loading it again changes nothing`, async () => {
  const d = DatasetSchema.parse(miniDataset());
  await loadDataset(store.db, d);
  await loadDataset(store.db, d);
  assert.equal(await countPeople(store.db), 3);
  const rec = await getPersonRecord(store.db, "kaag", OPERATOR);
  assert.equal(rec.events.length, 2);
  // 19:36 Eastern daylight time is 23:36 UTC.
  assert.equal(rec.events[0]?.at, "2025-03-15T23:36:00.000Z");
  assert.equal(rec.events[1]?.unverified, true);
  assert.deepEqual(
    rec.custody.map((s) => [s.kind, s.country, "facility" in s ? s.facility : undefined]),
    [
      ["removed", "SV", undefined],
      ["foreign_custody", "SV", "cecot"],
    ],
  );
  assert.equal(rec.sources.length, 1);
});

test(`${T} a dataset with a dangling reference is refused whole, with every problem listed`, async () => {
  const bad = miniDataset();
  bad.events?.push({
    id: "e-bad",
    person: "nobody",
    type: "REMOVAL",
    when: "2025-02-30",
    tz: "Mars/Olympus",
    summary: "x",
    details: { bogus: 1 },
    sources: [{ source: "nope" }],
  });
  assert.throws(
    () => parseDataset(bad),
    (e: Error & { problems?: { path: string }[] }) => {
      const paths = (e.problems ?? []).map((p) => p.path);
      assert.ok(paths.some((p) => p.includes("person")));
      assert.ok(paths.some((p) => p.includes("sources")));
      assert.ok(paths.some((p) => p.includes("details")));
      assert.ok(paths.some((p) => p.includes("when")));
      return true;
    },
  );
});

test(`${T} anonymous viewers see public people without restricted fields, and never private people`, async () => {
  const people = await listPeopleFor(store.db, ANONYMOUS);
  assert.deepEqual(people.map((p) => p.id).sort(), ["group-1", "kaag"]);
  const rec = await getPersonRecord(store.db, "kaag", ANONYMOUS);
  assert.equal(rec.person.a_number, undefined);
  assert.equal((await getPersonRecord(store.db, "kaag", OPERATOR)).person.a_number, "A123-456-789");
  await assert.rejects(getPersonRecord(store.db, "private-1", ANONYMOUS), /no person/);
  assert.deepEqual(
    (await searchPeople(store.db, "Maria Romero", ANONYMOUS)).map((m) => m.person.id),
    [],
  );
  assert.equal((await searchPeople(store.db, "Maria Romero", OPERATOR))[0]?.person.id, "private-1");
});

test(`${T} misspelled and unaccented names find the person`, async () => {
  for (const q of ["Kilmer Abrego", "kilmar abrego garcia", "ABREGO-GARCIA", "Ábrego García"]) {
    assert.equal((await searchPeople(store.db, q, ANONYMOUS))[0]?.person.id, "kaag", q);
  }
});
