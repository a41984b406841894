// The workspace's court orders that stand ignored: the longest unmet first, with their matter read for
// those listed, on either engine.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { miniDataset } from "../../test/fixtures.ts";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { DatasetSchema } from "../domain/model.ts";
import { OPERATOR } from "../domain/policy.ts";
import { loadDataset } from "./load-dataset.ts";
import { getWorkspace, ordersBreachedOrUnmet } from "./workspace.ts";

let store: TestStore;
before(async () => {
  store = await openTestStore();
  await loadDataset(store.db, DatasetSchema.parse(miniDataset()));
});
after(() => store.close());

test(`[${TEST_ENGINE}] an ignored order is listed with its matter, and a limit keeps the longest unmet`, async () => {
  const [o] = (await getWorkspace(store.db, OPERATOR)).ignoredOrders;
  assert.equal(o?.order.id, "o-facilitate");
  assert.equal(o?.compliance.unmet, true);
  assert.deepEqual(o?.matter, {
    id: "m-scotus",
    caption: "Noem v. Abrego Garcia",
    court: "Supreme Court of the United States",
  });
  assert.deepEqual(await ordersBreachedOrUnmet(store.db, OPERATOR, { limit: 0 }), []);
});
