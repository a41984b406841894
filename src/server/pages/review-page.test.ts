// The review page through the whole app: every proposal a team may decide counted, a hundred a page, the
// pages linked, in English and Spanish; another team's proposals neither shown nor counted.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { plantQueue } from "../../../test/review-queue.ts";
import { asSession, newStaffSession, type Session } from "../../../test/sessions.ts";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../../test/test-store.ts";
import { createApp } from "../app.ts";

const T = `[${TEST_ENGINE}]`;
let store: TestStore;
let app: ReturnType<typeof createApp>["app"];
let nora: Session;
before(async () => {
  store = await openTestStore();
  await plantQueue(store.db);
  app = createApp(store.db).app;
  nora = await newStaffSession(app, store.db, { username: "nora", role: "lawyer", team: "north" });
});
after(() => store.close());

test(`${T} the review page counts every proposal and shows a hundred a page, in English and Spanish`, async () => {
  const page = async (q: string) => {
    const res = await app.request(`/review${q}`, { headers: asSession(nora) });
    assert.equal(res.status, 200);
    return res.text();
  };
  const first = await page("");
  assert.match(first, /1,210 proposals wait for review\. Showing 1–100\./);
  assert.equal(first.match(/action="\/review\/p-n-/g)?.length, 100);
  assert.match(first, /href="\/review\?page=2" rel="next"/);
  assert.doesNotMatch(first, /p-s-/, "another team's proposals are neither shown nor counted");
  // Spanish groups thousands from five digits on (1210, 12.100), as Intl.NumberFormat("es") writes them.
  const last = await page("?page=13&lang=es");
  assert.match(last, /1\.?210 propuestas esperan revisión\. Se muestran 1\.?201–1\.?210\./);
  assert.match(last, /p-n-01209/);
  // An old link past the end shows the last page.
  assert.match(await page("?page=99"), /Showing 1,201–1,210\./);
});
