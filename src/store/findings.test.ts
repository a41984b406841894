// Replacing people's findings: a few people in one statement, many in a transaction (on PostgreSQL through
// COPY); either way a person's old findings go, the first of two with one key is kept, digests are recorded.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { PersonInputSchema } from "../domain/model.ts";
import { findingSetsInRange, replaceFindings, type StoredFinding, storedFindings } from "./findings.ts";
import { savePerson } from "./people.ts";

const T = `[${TEST_ENGINE}]`;
let store: TestStore;
let ids: string[];
before(async () => {
  store = await openTestStore();
  ids = Array.from({ length: 80 }, (_, i) => `p${String(i).padStart(3, "0")}`);
  for (const id of ids)
    await savePerson(store.db, id, PersonInputSchema.parse({ id, full_name: `Person ${id}`, sources: [] }));
});
after(() => store.close());

const finding = (person: string, key: string, data: string): StoredFinding => ({
  person,
  rule: "R01",
  version: 1,
  key,
  severity: "warning",
  data,
});

for (const [how, count] of [
  ["a few people (one statement)", 3],
  ["many people (a transaction)", 70],
] as const)
  test(`${T} ${how}: old findings replaced, the first of two with one key kept, text kept as written`, async () => {
    const people = ids.slice(0, count);
    await replaceFindings(
      store.db,
      people.map((person) => ({ person, digest: "old" })),
      people.map((p) => finding(p, "stale", "{}")),
      "2026-01-01T00:00:00.000Z",
    );
    const awkward = JSON.stringify({ note: "tab\there, line\nbreak, back\\slash \\N" });
    await replaceFindings(
      store.db,
      people.map((person) => ({ person, digest: `d-${person}` })),
      [
        finding(people[0]!, "k", awkward),
        finding(people[0]!, "k", '{"second":true}'),
        ...people.slice(1).map((p) => finding(p, "k2", "{}")),
      ],
      "2026-01-02T00:00:00.000Z",
    );
    const stored = await storedFindings(store.db, people);
    assert.equal(stored.length, count);
    assert.deepEqual(
      stored.find((f) => f.person === people[0]),
      finding(people[0]!, "k", awkward),
    );
    assert.ok(!stored.some((f) => f.key === "stale"));
    const digests = await findingSetsInRange(store.db, people[0]!, people.at(-1)!);
    assert.equal(digests.get(people[0]!), `d-${people[0]}`);
    assert.equal(digests.size, count);
  });
