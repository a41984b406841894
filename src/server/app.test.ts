// The HTTP app without a port: pages and API on the demo-like fixture, errors as JSON, headers.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { miniDataset } from "../../test/fixtures.ts";
import { openTestStore, type TestStore } from "../../test/test-store.ts";
import { DatasetSchema } from "../domain/model.ts";
import { loadDataset } from "../services/load-dataset.ts";
import { type App, createApp } from "./app.ts";

let store: TestStore;
let app: App["app"];
let routes: App["routes"];
before(async () => {
  store = await openTestStore();
  await loadDataset(store.db, DatasetSchema.parse(miniDataset()));
  ({ app, routes } = createApp(store.db));
});
after(() => store.close());

test("the home page lists public people and never private ones", async () => {
  const res = await app.request("/");
  assert.equal(res.status, 200);
  const body = await res.text();
  assert.match(body, /Kilmar Armando Abrego Garcia/);
  assert.doesNotMatch(body, /Romero de Hern/);
  assert.match(res.headers.get("content-security-policy") ?? "", /script-src 'self'/);
});

test("a person page shows the timeline, orders and sources, with unverified facts marked", async () => {
  const body = await (await app.request("/people/kaag")).text();
  assert.match(body, /Mar 15, 2025, 7:36\s?PM EDT/);
  assert.match(body, /Order to facilitate return/);
  assert.match(body, /24a949_lkhn\.pdf/);
  assert.match(body, /unverified/);
  assert.doesNotMatch(body, /A123-456-789/, "restricted fields stay off public pages");
});

test("private people are not found, as pages or API", async () => {
  assert.equal((await app.request("/people/private-1")).status, 404);
  const res = await app.request("/api/people/private-1");
  assert.equal(res.status, 404);
  assert.deepEqual(await res.json(), {
    error: { code: "NOT_FOUND", message: "no person with id private-1" },
  });
  const order = (await (await app.request("/api/orders/o-facilitate")).json()) as {
    covers: { people: string[] };
  };
  assert.deepEqual(order.covers.people, ["kaag"], "an order does not reveal private people it covers");
});

test("the timeline API returns the record's events with their sources, and hides private people", async () => {
  const record = (await (await app.request("/api/people/kaag")).json()) as { events: unknown[] };
  const res = await app.request("/api/people/kaag/events");
  assert.equal(res.status, 200);
  const { events } = (await res.json()) as { events: { id: string; citations: unknown[] }[] };
  assert.ok(events.length > 0);
  assert.deepEqual(events, record.events);
  assert.equal((await app.request("/api/people/private-1/events")).status, 404);
});

test("a repeat timeline read with its ETag gets 304; the tag never answers for a private person", async () => {
  const first = await app.request("/api/people/kaag/events");
  const tag = first.headers.get("etag") ?? "";
  assert.match(tag, /^W\/"[\w-]+"$/);
  assert.equal(first.headers.get("cache-control"), "private, no-cache");
  const again = await app.request("/api/people/kaag/events", { headers: { "if-none-match": tag } });
  assert.equal(again.status, 304);
  assert.equal(await again.text(), "");
  assert.equal(again.headers.get("etag"), tag);
  const other = await app.request("/api/people/group-1/events", { headers: { "if-none-match": tag } });
  assert.equal(other.status, 200, "a tag is one body's, not any person's");
  // An invisible person answers as a missing one, whatever tag the request brings.
  for (const inm of [tag, "*"]) {
    const hidden = await app.request("/api/people/private-1/events", { headers: { "if-none-match": inm } });
    const missing = await app.request("/api/people/nobody/events", { headers: { "if-none-match": inm } });
    assert.deepEqual([hidden.status, missing.status], [404, 404]);
    assert.equal(hidden.headers.get("etag"), null);
    assert.deepEqual(await hidden.json(), {
      error: { code: "NOT_FOUND", message: "no person with id private-1" },
    });
    assert.deepEqual(await missing.json(), {
      error: { code: "NOT_FOUND", message: "no person with id nobody" },
    });
  }
});

test("the API lists people, searches names fuzzily, and answers bad input with 4xx JSON", async () => {
  const list = (await (await app.request("/api/people")).json()) as {
    people: { id: string; a_number?: string }[];
  };
  assert.deepEqual(list.people.map((p) => p.id).sort(), ["group-1", "kaag"]);
  assert.ok(list.people.every((p) => p.a_number === undefined));
  const s = (await (await app.request("/api/people/search?q=Kilmer%20Abrego")).json()) as {
    matches: { person: { id: string } }[];
  };
  assert.equal(s.matches[0]?.person.id, "kaag");
  const bad = await app.request("/api/people/search");
  assert.equal(bad.status, 400);
  assert.equal(((await bad.json()) as { error: { code: string } }).error.code, "BAD_INPUT");
  const page = await app.request("/api/people?limit=abc");
  assert.equal(page.status, 400);
  assert.equal((await app.request("/api/nothing-here")).status, 404);
});

test("anonymous writes get 401 and change nothing", async () => {
  const res = await app.request("/api/people", {
    method: "POST",
    body: JSON.stringify({ full_name: "Someone" }),
    headers: { "content-type": "application/json" },
  });
  assert.equal(res.status, 401);
  const list = (await (await app.request("/api/cases")).json()) as { error: { code: string } };
  assert.equal(list.error.code, "UNAUTHENTICATED");
});

test("every route is declared with an action and resource", () => {
  assert.ok(routes.length > 10);
  for (const r of routes) assert.ok(r.action && r.resource, `${r.method} ${r.path}`);
});
