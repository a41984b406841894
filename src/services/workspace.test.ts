// The workspace's court orders that stand ignored: the longest unmet first, with their matter read for
// those listed, on either engine.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { miniDataset } from "../../test/fixtures.ts";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { DatasetSchema } from "../domain/model.ts";
import { OPERATOR } from "../domain/policy.ts";
import { storeVersion } from "../store/dialect.ts";
import { loadDataset } from "./load-dataset.ts";
import { recordEvent } from "./record-case.ts";
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

test(`[${TEST_ENGINE}] the ignored orders are kept for the viewer while nothing is written, and a write is seen`, async () => {
  // Served again while nothing was committed since before the first read (on PostgreSQL another test
  // file's write to its own database moves the version, and they are rightly computed again).
  const since = await storeVersion(store.db);
  const first = (await getWorkspace(store.db, OPERATOR)).ignoredOrders;
  const again = (await getWorkspace(store.db, OPERATOR)).ignoredOrders;
  if ((await storeVersion(store.db)) === since) assert.equal(again, first);
  else assert.deepEqual(again, first);
  assert.equal(first[0]?.compliance.unmet, true);
  // A write through the one command (the return the order asked for): the next visit computes them again.
  await recordEvent(
    store.db,
    {
      person: "kaag",
      type: "RETURN",
      when: "2025-06-06 21:00",
      tz: "America/New_York",
      summary: "Flown back to the United States.",
      details: { to_country: "US" },
      source_ids: ["s-court"],
    },
    OPERATOR,
  );
  const after = (await getWorkspace(store.db, OPERATOR)).ignoredOrders;
  assert.notEqual(after, first, "computed again after the write");
  assert.equal(after[0]?.order.id, "o-facilitate");
});
