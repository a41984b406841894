// How far a viewer may read a matter or an order, on either engine (services/scope.ts recordAccess and its
// batch form recordAccesses, which the lists of matters and orders use): the batch answers every record as the
// single question does.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { DatasetSchema } from "../domain/model.ts";
import { ANONYMOUS, OPERATOR, type Viewer } from "../domain/policy.ts";
import { loadDataset } from "./load-dataset.ts";
import { recordAccess, recordAccesses } from "./scope.ts";

let store: TestStore;
const T = `[${TEST_ENGINE}]`;

before(async () => {
  store = await openTestStore();
  const person = (id: string, isPublic: boolean, team: string) => ({
    id,
    full_name: `Person ${id}`,
    team,
    consent: { public_record: isPublic },
  });
  await loadDataset(
    store.db,
    DatasetSchema.parse({
      sources: [],
      facilities: [],
      people: [
        person("pub-west", true, "west"),
        person("priv-west", false, "west"),
        person("pub-east", true, "east"),
        person("priv-east", false, "east"),
      ],
      events: [],
      matters: [],
      orders: [],
      claims: [],
    }),
  );
});
after(() => store.close());

const RECORDS = [
  [],
  ["pub-west"],
  ["priv-west"],
  ["priv-east", "pub-east"],
  ["priv-east"],
  ["no-such-person"],
  ["priv-west", "pub-east"],
];

test(`${T} each record's access, asked together or one by one`, async () => {
  const west: Viewer = { role: "lawyer", userId: "w", team: "west" };
  const expected: [Viewer, string[]][] = [
    [ANONYMOUS, ["none", "public", "none", "public", "none", "none", "public"]],
    [west, ["full", "full", "full", "public", "none", "none", "full"]],
    [OPERATOR, ["full", "full", "full", "full", "full", "full", "full"]],
  ];
  for (const [viewer, want] of expected) {
    assert.deepEqual(await recordAccesses(store.db, viewer, RECORDS), want, viewer.role);
    const one = [];
    for (const r of RECORDS) one.push(await recordAccess(store.db, viewer, r));
    assert.deepEqual(one, want, `${viewer.role}, one by one`);
  }
});
