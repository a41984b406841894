// The people list a page at a time, for each kind of viewer, when another team's private records sort first:
// every page is full of what the viewer may see, and nothing of another team's private records shows.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { PersonInputSchema } from "../domain/model.ts";
import { ANONYMOUS, OPERATOR, type Viewer } from "../domain/policy.ts";
import { saveEvent } from "../store/events.ts";
import { savePerson } from "../store/people.ts";
import { countPeopleFor, listPeopleFor } from "./person-record.ts";
import { searchPeople, searchRecord } from "./search-people.ts";
import { getWorkspace } from "./workspace.ts";

const T = `[${TEST_ENGINE}]`;
const NORTH: Viewer = { role: "lawyer", userId: "nora", team: "north" };
const SOUTH: Viewer = { role: "volunteer", userId: "sol", team: "south" };
const NO_TEAM: Viewer = { role: "lawyer", userId: "nemo" };
let store: TestStore;

before(async () => {
  store = await openTestStore();
  const add = (id: string, full_name: string, extra: Record<string, unknown> = {}) =>
    savePerson(store.db, id, PersonInputSchema.parse({ full_name, ...extra }));
  // North's 120 private records come first by name.
  for (let i = 0; i < 120; i++)
    await add(`n-${i}`, `Aaron North ${String(i).padStart(3, "0")}`, { team: "north" });
  for (let i = 0; i < 2; i++)
    await add(`np-${i}`, `Bea North Public ${i}`, { team: "north", consent: { publish: true } });
  for (let i = 0; i < 2; i++) await add(`t-${i}`, `Carla Teamless ${i}`);
  for (let i = 0; i < 3; i++) await add(`s-${i}`, `Zed South ${i}`, { team: "south" });
});
after(() => store.close());

/** Every page of the list as the /people page reads it (50 a page, one more to know of a next page). */
async function allPages(viewer: Viewer): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let pages = 0;
  for (let offset = 0; ; offset += 50) {
    const page = await listPeopleFor(store.db, viewer, { limit: 51, offset });
    pages++;
    ids.push(...page.slice(0, 50).map((p) => p.id));
    if (page.length <= 50) return { ids, pages };
  }
}

test(`${T} a team's people are on the first page of its list, behind another team's private hundreds`, async () => {
  const first = (await listPeopleFor(store.db, SOUTH, { limit: 51 })).map((p) => p.id).sort();
  assert.deepEqual(first, ["np-0", "np-1", "s-0", "s-1", "s-2", "t-0", "t-1"]);
  assert.deepEqual((await allPages(SOUTH)).ids.sort(), first);
});

test(`${T} each viewer's pages hold exactly what they may see, each once`, async () => {
  const north = await allPages(NORTH);
  assert.equal(north.ids.length, 124);
  assert.equal(new Set(north.ids).size, 124);
  assert.equal(north.pages, 3);
  assert.ok(!north.ids.some((id) => id.startsWith("s-")));
  assert.deepEqual((await allPages(NO_TEAM)).ids.sort(), ["np-0", "np-1", "t-0", "t-1"]);
  assert.deepEqual((await allPages(ANONYMOUS)).ids.sort(), ["np-0", "np-1"]);
  assert.equal((await allPages(OPERATOR)).ids.length, 127);
  // The count of each one's list is what its pages hold.
  for (const [viewer, n] of [
    [NORTH, 124],
    [SOUTH, 7],
    [NO_TEAM, 4],
    [ANONYMOUS, 2],
    [OPERATOR, 127],
  ] as const)
    assert.equal(await countPeopleFor(store.db, viewer), n);
});

test(`${T} the workspace lists a team's recently changed cases after another team's busier day`, async () => {
  // North's records changed last, sixty of them.
  for (let i = 0; i < 60; i++)
    await savePerson(
      store.db,
      `n-${i}`,
      PersonInputSchema.parse({ full_name: `Aaron North ${String(i).padStart(3, "0")}`, team: "north" }),
    );
  const recent = (await getWorkspace(store.db, SOUTH)).recent.map((p) => p.id).sort();
  assert.deepEqual(recent, ["s-0", "s-1", "s-2", "t-0", "t-1"]);
  assert.equal((await getWorkspace(store.db, NORTH)).recent.length, 12);
});

test(`${T} a name search finds a team's own case behind another team's private namesakes`, async () => {
  // More namesakes than the search reads candidates (300), all private to north.
  for (let i = 0; i < 320; i++)
    await savePerson(
      store.db,
      `nm-${i}`,
      PersonInputSchema.parse({ full_name: "Marisol Quintero Vallejo", team: "north" }),
    );
  await savePerson(
    store.db,
    "sm-0",
    PersonInputSchema.parse({ full_name: "Marisol Quintero Vallejo", team: "south" }),
  );
  const south = await searchPeople(store.db, "Marisol Quintero", SOUTH);
  assert.deepEqual(
    south.map((m) => m.person.id),
    ["sm-0"],
  );
  assert.equal((await searchPeople(store.db, "Marisol Quintero", NORTH)).length, 20);
  assert.deepEqual(await searchPeople(store.db, "Marisol Quintero", ANONYMOUS), []);
});

test(`${T} a full-text search finds a team's own record behind another team's many hits`, async () => {
  const call = (id: string, person: string, summary: string) =>
    saveEvent(store.db, {
      id,
      person,
      type: "CONTACT",
      at: "2025-04-01T12:00:00Z",
      precision: "day",
      tz: "UTC",
      summary,
      details: {},
      citations: [],
    });
  // More of north's private hits than one read of hits holds (3 × 20), written first.
  for (let i = 0; i < 80; i++) await call(`nc-${i}`, `n-${i}`, `Call about the zanahoria shipment ${i}`);
  await call("sc-0", "s-0", "Call about the zanahoria shipment, south");
  const south = await searchRecord(store.db, "zanahoria", SOUTH);
  assert.deepEqual(
    south.map((h) => h.ref),
    ["sc-0"],
  );
  assert.equal((await searchRecord(store.db, "zanahoria", NORTH)).length, 20);
  assert.deepEqual(await searchRecord(store.db, "zanahoria", ANONYMOUS), []);
});
