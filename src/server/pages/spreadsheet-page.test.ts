// The cases spreadsheet as a download: one sheet as CSV (only it is computed), a sheet of no known name
// refused with 400 rather than answered with another sheet.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { miniDataset } from "../../../test/fixtures.ts";
import { asSession, type Session, sessionFor, TEST_PASSWORD } from "../../../test/sessions.ts";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../../test/test-store.ts";
import { DatasetSchema } from "../../domain/model.ts";
import { OPERATOR } from "../../domain/policy.ts";
import { createUser } from "../../services/accounts.ts";
import { loadDataset } from "../../services/load-dataset.ts";
import { createApp } from "../app.ts";

let store: TestStore;
let app: ReturnType<typeof createApp>["app"];
let lena: Session;
before(async () => {
  store = await openTestStore();
  await loadDataset(store.db, DatasetSchema.parse(miniDataset()));
  app = createApp(store.db).app;
  await createUser(store.db, { username: "lena", password: TEST_PASSWORD, role: "lawyer" }, OPERATOR);
  lena = await sessionFor(app, store.db, "lena");
});
after(() => store.close());

test(`[${TEST_ENGINE}] a sheet downloads as CSV; a sheet of no known name is a 400`, async () => {
  const events = await app.request("/workspace/spreadsheet.csv?sheet=events", { headers: asSession(lena) });
  assert.equal(events.status, 200);
  assert.match(events.headers.get("content-type") ?? "", /^text\/csv/);
  assert.match(await events.text(), /^id,person,type,/);
  const bad = await app.request("/workspace/spreadsheet.csv?sheet=orders", { headers: asSession(lena) });
  assert.equal(bad.status, 400);
});
