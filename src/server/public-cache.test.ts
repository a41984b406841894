// The public cache: a repeat anonymous read is answered from memory, and never after the store has changed
// (a write here or by another process), never to a signed-in viewer, never for a record that went private.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { miniDataset } from "../../test/fixtures.ts";
import { sessionFor, TEST_PASSWORD } from "../../test/sessions.ts";
import { openTestStore, type TestStore } from "../../test/test-store.ts";
import { DatasetSchema } from "../domain/model.ts";
import { OPERATOR } from "../domain/policy.ts";
import { createUser } from "../services/accounts.ts";
import { loadDataset } from "../services/load-dataset.ts";
import { updatePerson } from "../services/record-case.ts";
import { openStore, type Store, storeVersion } from "../services/store.ts";
import { type App, createApp } from "./app.ts";

let store: TestStore;
let other: Store;
let app: App["app"];
let cache: App["cache"];
before(async () => {
  store = await openTestStore();
  await loadDataset(store.db, DatasetSchema.parse(miniDataset()));
  other = await openStore(store.target, { migrate: false, keys: store.keyConfig });
  ({ app, cache } = createApp(store.db));
});
after(async () => {
  await other.close();
  await store.close();
});

/**
 * Whether nothing was committed since `since` (a storeVersion read before the first of two reads), so the
 * second must have come from the cache. On PostgreSQL the version is the cluster's snapshot: another test
 * file's write to its own database moves it, and the cache then rightly reads again.
 */
async function quietSince(since: string): Promise<boolean> {
  return (await storeVersion(store.db)) === since;
}

const events = async (headers: Record<string, string> = {}) => {
  const res = await app.request("/api/people/kaag/events", { headers });
  return { status: res.status, body: await res.text(), etag: res.headers.get("etag") };
};

test("a repeat anonymous read comes from the cache, with the same body, tag and security headers", async () => {
  const since = await storeVersion(store.db);
  const first = await events();
  const { hits } = cache.stats();
  const res = await app.request("/api/people/kaag/events");
  if (await quietSince(since)) assert.equal(cache.stats().hits, hits + 1);
  assert.equal(await res.text(), first.body);
  assert.equal(res.headers.get("etag"), first.etag);
  assert.equal(res.headers.get("content-type"), "application/json");
  assert.match(res.headers.get("content-security-policy") ?? "", /default-src 'self'/);
  const again = await app.request("/api/people/kaag/events", {
    headers: { "if-none-match": first.etag ?? "" },
  });
  assert.equal(again.status, 304);
});

test("a write by another process is seen at once", async () => {
  const before = await events();
  await other.db
    .updateTable("events")
    .set({ at: "2025-03-15T23:41:00.000Z" })
    .where("id", "=", "e-removal")
    .execute();
  const after = await events();
  assert.notEqual(after.body, before.body);
});

test("concurrent reads share version checks and still see a write made before they arrived", async () => {
  const burst = () => Promise.all(Array.from({ length: 20 }, () => events()));
  const first = await burst();
  assert.equal(new Set(first.map((r) => r.body)).size, 1);
  await other.db
    .updateTable("events")
    .set({ at: "2025-03-15T23:42:00.000Z" })
    .where("id", "=", "e-removal")
    .execute();
  const second = await burst();
  for (const r of second) assert.notEqual(r.body, first[0]?.body, "no read after the write is stale");
});

test("a signed-in viewer is never answered from the public cache", async () => {
  await events();
  await createUser(store.db, { username: "cache-admin", password: TEST_PASSWORD, role: "admin" });
  const admin = await sessionFor(app, store.db, "cache-admin");
  const { hits } = cache.stats();
  const staff = await events({ cookie: admin.cookie });
  assert.equal(cache.stats().hits, hits);
  assert.match(staff.body, /"e-removal"/, "staff see the record's own event ids");
  assert.doesNotMatch((await events()).body, /"e-removal"/, "the public sees opaque ids");
});

test("a record made private answers 404 to the next anonymous read", async () => {
  assert.equal((await events()).status, 200);
  await updatePerson(
    store.db,
    "kaag",
    { full_name: "Kilmar Armando Abrego Garcia", consent: { public_record: false } },
    OPERATOR,
  );
  assert.equal((await events()).status, 404);
  assert.equal((await app.request("/api/people/kaag")).status, 404);
});

test("the open dataset is built once between writes, each table of it too, and again after a write", async () => {
  for (const path of ["/data/public.json", "/data/public.csv?table=events"]) {
    const since = await storeVersion(store.db);
    const first = await app.request(path);
    const body = await first.text();
    const { hits, misses } = cache.stats();
    const again = await app.request(path);
    if (await quietSince(since)) {
      assert.deepEqual(cache.stats(), { hits: hits + 1, misses });
      assert.equal(await again.text(), body);
      assert.equal(again.headers.get("x-habeas-audit-head"), first.headers.get("x-habeas-audit-head"));
    } else assert.equal(again.status, 200);
  }
  await other.db.updateTable("people").set({ updated_at: new Date().toISOString() }).execute();
  const { misses } = cache.stats();
  await (await app.request("/data/public.json")).text();
  assert.equal(cache.stats().misses, misses + 1);
});
