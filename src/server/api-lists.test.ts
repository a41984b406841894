// The API's lists of matters, orders and sources a page at a time, with how many there are: a national record
// holds thousands (all 1,833 orders came in one 576 KB answer), and a bad page is a 400 with a JSON error.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { asSession, newStaffSession, type Session } from "../../test/sessions.ts";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { OPERATOR } from "../domain/policy.ts";
import { pageOfOrdersFor } from "../services/catalog.ts";
import { saveCourtOrder, saveLegalMatter, saveSourceRecord } from "../services/edit-record.ts";
import { createPerson } from "../services/record-case.ts";
import { createApp } from "./app.ts";

const T = `[${TEST_ENGINE}]`;
let store: TestStore;
let app: ReturnType<typeof createApp>["app"];
let nora: Session;
before(async () => {
  store = await openTestStore();
  const ana = await createPerson(store.db, { full_name: "Ana North", team: "north" }, OPERATOR);
  const sol = await createPerson(store.db, { full_name: "Sol South", team: "south" }, OPERATOR);
  for (const [i, who] of [ana, ana, ana, sol].entries()) {
    const m = await saveLegalMatter(
      store.db,
      { caption: `Case ${i} v. Noem`, court: "D.D.C.", people: [who], filed_on: `2025-03-0${i + 1}` },
      OPERATOR,
    );
    await saveCourtOrder(
      store.db,
      {
        matter: m,
        kind: "TRO",
        issued: `2025-04-0${i + 1} 10:00`,
        covers: { people: [who] },
        summary: `Order ${i}`,
      },
      OPERATOR,
    );
    await saveSourceRecord(store.db, { publisher: "Court", title: `Filing ${i}` }, OPERATOR);
  }
  app = createApp(store.db).app;
  nora = await newStaffSession(app, store.db, { username: "nora", role: "lawyer", team: "north" });
});
after(() => store.close());

test(`${T} matters, orders and sources come a page at a time with the length of the viewer's list`, async () => {
  const get = async (path: string) => {
    const res = await app.request(path, { headers: asSession(nora) });
    assert.equal(res.status, 200, path);
    return (await res.json()) as Record<string, unknown> & { total: number };
  };
  const first = await get("/api/matters?limit=2");
  // Another team's matter is neither listed nor counted.
  assert.equal(first.total, 3);
  assert.deepEqual(
    (first.matters as { caption: string }[]).map((m) => m.caption),
    ["Case 0 v. Noem", "Case 1 v. Noem"],
  );
  assert.equal(first.limit, 2);
  const rest = await get("/api/matters?limit=2&offset=2");
  assert.deepEqual(
    (rest.matters as { caption: string }[]).map((m) => m.caption),
    ["Case 2 v. Noem"],
  );
  const orders = await get("/api/orders?offset=1");
  assert.equal(orders.total, 3);
  assert.deepEqual(
    (orders.orders as { summary: string }[]).map((o) => o.summary),
    ["Order 1", "Order 2"],
  );
  assert.equal(orders.limit, 50);
  // One matter's orders, as `habeas orders list --matter` reads them.
  const secondMatter = (orders.orders as { matter: string }[])[0]?.matter ?? "";
  const inOne = await pageOfOrdersFor(store.db, OPERATOR, { limit: 10, offset: 0 }, { matter: secondMatter });
  assert.deepEqual([inOne.total, inOne.orders.map((o) => o.summary)], [1, ["Order 1"]]);
  // The people list too: another team's person neither listed nor counted.
  const people = await get("/api/people?limit=1");
  assert.deepEqual(
    [people.total, (people.people as { full_name: string }[]).map((p) => p.full_name)],
    [1, ["Ana North"]],
  );
  const sources = await get("/api/sources?limit=3");
  assert.equal(sources.total, 4);
  assert.equal((sources.sources as unknown[]).length, 3);
});

test(`${T} a bad page of a list is a 400 with a JSON error`, async () => {
  for (const q of ["limit=0", "limit=501", "offset=-1", "limit=ten"]) {
    const res = await app.request(`/api/orders?${q}`, { headers: asSession(nora) });
    assert.equal(res.status, 400, q);
    const body = (await res.json()) as { error: { code: string } };
    assert.equal(body.error.code, "BAD_INPUT", q);
  }
});
