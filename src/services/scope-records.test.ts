// How far a viewer may read a matter or an order, on either engine (services/scope.ts recordAccess and its
// batch form recordAccesses, which the lists of matters and orders use): the batch answers every record as the
// single question does. And the lists of matters and orders the public reads (scope.listMatters, listOrders,
// which read only those the public could see) are what scopeMatters and scopeOrders decide over every one.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { DatasetSchema } from "../domain/model.ts";
import { ANONYMOUS, OPERATOR, type Viewer } from "../domain/policy.ts";
import { listMatters as allMatters, listOrders as allOrders } from "../store/catalog.ts";
import { loadDataset } from "./load-dataset.ts";
import { listMatters, listOrders, recordAccess, recordAccesses, scopeMatters, scopeOrders } from "./scope.ts";

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
      matters: MATTERS.map(([id, people]) => ({ id, caption: `Matter ${id}`, court: "D. Test", people })),
      orders: MATTERS.flatMap(([matter]) =>
        RECORDS.filter((r) => !r.includes("no-such-person")).map((people, i) => ({
          id: `${matter}-o${i}`,
          matter,
          kind: "TRO",
          issued: `2025-03-${10 + i} 12:00`,
          covers: { people },
          summary: "An order",
        })),
      ),
      claims: [],
    }),
  );
});
after(() => store.close());

const MATTERS: [string, string[]][] = [
  ["m-public", ["pub-west"]],
  ["m-private", ["priv-west"]],
  ["m-no-one", []],
  ["m-mixed", ["priv-east", "pub-east"]],
];
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

test(`${T} the orders the public reads: only those scopeOrders shows, though only candidates are read`, async () => {
  const west: Viewer = { role: "lawyer", userId: "w", team: "west" };
  const all = await allOrders(store.db);
  assert.equal(all.length, 24);
  for (const viewer of [ANONYMOUS, west, OPERATOR]) {
    const want = (await scopeOrders(store.db, viewer, all)).filter((o) => o !== undefined);
    assert.deepEqual(await listOrders(store.db, viewer), want, viewer.role);
  }
  // Matters naming a public person; orders covering no one or a public person (and their people narrowed).
  assert.deepEqual(
    (await listOrders(store.db, ANONYMOUS)).map((o) => `${o.id} ${o.covers.people.join(",")}`).sort(),
    [
      "m-mixed-o0 ",
      "m-mixed-o1 pub-west",
      "m-mixed-o3 pub-east",
      "m-mixed-o5 pub-east",
      "m-public-o0 ",
      "m-public-o1 pub-west",
      "m-public-o3 pub-east",
      "m-public-o5 pub-east",
    ],
  );
});

test(`${T} the matters the public reads: only those scopeMatters shows, though only candidates are read`, async () => {
  const west: Viewer = { role: "lawyer", userId: "w", team: "west" };
  const all = await allMatters(store.db);
  assert.equal(all.length, 4);
  for (const viewer of [ANONYMOUS, west, OPERATOR]) {
    const want = (await scopeMatters(store.db, viewer, all)).filter((m) => m !== undefined);
    assert.deepEqual(await listMatters(store.db, viewer), want, viewer.role);
  }
  assert.deepEqual(
    (await listMatters(store.db, ANONYMOUS)).map((m) => `${m.id} ${m.people.join(",")}`).sort(),
    ["m-mixed pub-east", "m-public pub-west"],
  );
});
