// The people list a page at a time through the whole app: how many there are, fifty a page, and page links
// that keep the language (they used to drop it), on either engine.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../../test/test-store.ts";
import { OPERATOR } from "../../domain/policy.ts";
import { createPerson } from "../../services/record-case.ts";
import { createApp } from "../app.ts";

let store: TestStore;
let app: ReturnType<typeof createApp>["app"];
before(async () => {
  store = await openTestStore();
  for (let i = 0; i < 120; i++)
    await createPerson(
      store.db,
      { full_name: `Public Person ${String(i).padStart(3, "0")}`, consent: { publish: true } },
      OPERATOR,
    );
  // Private records are neither listed nor counted for the public.
  for (let i = 0; i < 30; i++) await createPerson(store.db, { full_name: `Aaron Private ${i}` }, OPERATOR);
  app = createApp(store.db).app;
});
after(() => store.close());

test(`[${TEST_ENGINE}] /people counts what the visitor may see and pages through it in their language`, async () => {
  const page = async (q: string) => (await app.request(`/people${q}`)).text();
  const first = await page("");
  assert.match(first, /1–50 of 120 records/);
  assert.doesNotMatch(first, /Aaron Private/);
  const second = await page("?page=2&lang=es");
  assert.match(second, /51–100 de 120 registros/);
  assert.match(second, /href="\/people\?page=3&amp;lang=es" rel="next"/);
  assert.match(second, /href="\/people\?lang=es" rel="prev"/);
  assert.match(await page("?page=99"), /101–120 of 120 records/);
});
