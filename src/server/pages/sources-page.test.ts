// The sources page a hundred at a time (a record that ingests articles holds thousands), each with how often
// it is cited, and the page links in the visitor's language; links to a source go to its own page.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../../test/test-store.ts";
import { OPERATOR } from "../../domain/policy.ts";
import { saveSourceRecord } from "../../services/edit-record.ts";
import { createApp } from "../app.ts";

let store: TestStore;
let app: ReturnType<typeof createApp>["app"];
before(async () => {
  store = await openTestStore();
  for (let i = 0; i < 120; i++)
    await saveSourceRecord(
      store.db,
      { publisher: "The Courier", title: `Report ${String(i).padStart(3, "0")}`, published_on: "2025-04-01" },
      OPERATOR,
    );
  app = createApp(store.db).app;
});
after(() => store.close());

test(`[${TEST_ENGINE}] /sources shows a hundred sources a page and how many there are, in either language`, async () => {
  const page = async (q: string) => {
    const res = await app.request(`/sources${q}`);
    assert.equal(res.status, 200);
    return res.text();
  };
  const first = await page("");
  assert.match(first, /1–100 of 120 sources/);
  assert.match(first, /Report 000/);
  assert.doesNotMatch(first, /Report 119/);
  assert.match(first, /href="\/sources\?page=2" rel="next"/);
  const second = await page("?page=2&lang=es");
  assert.match(second, /101–120 de 120 fuentes/);
  assert.match(second, /Report 119/);
  assert.match(second, /<ol class="sources" start="101">/, "numbered on from the page before");
  assert.match(second, /href="\/sources\?lang=es" rel="prev"/);
  // An old link past the end shows the last page.
  assert.match(await page("?page=9"), /101–120 of 120 sources/);
});
