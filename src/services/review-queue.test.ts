// The review queue of a team whose proposals sit behind another team's thousands: it sees and counts its
// own, all of them, and never the other team's (neither shown nor counted), on either engine.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { NORTH_PROPOSALS, plantQueue } from "../../test/review-queue.ts";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { OPERATOR, type Viewer } from "../domain/policy.ts";
import { markProposal } from "../store/evidence.ts";
import { getWorkspace, listReviewGroups, listReviewQueue, recentDecisions } from "./workspace.ts";

const T = `[${TEST_ENGINE}]`;
const NORTH: Viewer = { role: "lawyer", userId: "nora", team: "north" };
const SOUTH: Viewer = { role: "lawyer", userId: "sol", team: "south" };
let store: TestStore;

before(async () => {
  store = await openTestStore();
  await plantQueue(store.db);
});
after(() => store.close());

test(`${T} a team sees and counts its own proposals behind another team's, and none of theirs`, async () => {
  const south = await listReviewQueue(store.db, SOUTH, { limit: 100 });
  assert.equal(south.total, 3);
  assert.deepEqual(
    south.items.map((i) => i.id),
    ["p-s-0", "p-s-1", "p-s-2"],
  );
  assert.equal(south.items[0]?.person?.full_name, "Samuel Sur");
  assert.equal((await getWorkspace(store.db, SOUTH)).pending, 3);

  const north = await listReviewQueue(store.db, NORTH, { offset: 1_200, limit: 100 });
  assert.equal(north.total, NORTH_PROPOSALS, "every one counted, not the first 200 or 1,000");
  assert.equal(north.items.length, 10);
  assert.ok(north.items.every((i) => i.id.startsWith("p-n-")));
  assert.equal((await getWorkspace(store.db, NORTH)).pending, NORTH_PROPOSALS);

  // The groups (article × kind) count and sample only what the viewer may decide, too.
  const [southGroup] = await listReviewGroups(store.db, SOUTH);
  assert.equal(southGroup?.count, 3);
  assert.deepEqual(
    southGroup?.sample.map((p) => p.id),
    ["p-s-0", "p-s-1", "p-s-2"],
  );
  assert.equal((await listReviewGroups(store.db, NORTH))[0]?.count, NORTH_PROPOSALS);

  const all = await listReviewQueue(store.db, OPERATOR);
  assert.equal(all.total, NORTH_PROPOSALS + 3);
  assert.equal(all.items.length, NORTH_PROPOSALS + 3);
});

test(`${T} the latest decisions come newest first, each team its own`, async () => {
  for (const [i, id] of ["p-n-00001", "p-s-0", "p-n-00002"].entries()) {
    await markProposal(store.db, id, "accepted", "test");
    // Decisions a moment apart, so "newest" is well defined on a fast machine.
    await new Promise((r) => setTimeout(r, 5 + i));
  }
  assert.deepEqual(
    (await recentDecisions(store.db, NORTH, { status: "accepted", limit: 20 })).map((i) => i.id),
    ["p-n-00002", "p-n-00001"],
  );
  assert.deepEqual(
    (await recentDecisions(store.db, SOUTH, { status: "accepted", limit: 20 })).map((i) => i.id),
    ["p-s-0"],
  );
  assert.equal((await listReviewQueue(store.db, SOUTH, { limit: 0 })).total, 2);
});
