// The store version a cache of answers relies on: it changes with every commit, by this handle or another
// process's, and (SQLite) not with reads.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { saveSource } from "./catalog.ts";
import { openStore, type Store } from "./db.ts";
import { storeVersion } from "./dialect.ts";

const T = `[${TEST_ENGINE}]`;
let store: TestStore;
let other: Store;
before(async () => {
  store = await openTestStore();
  // A second handle on the same store: another process, as far as the first can tell.
  other = await openStore(store.target, { migrate: false, keys: store.keyConfig });
});
after(async () => {
  await other.close();
  await store.close();
});

const addSource = (db: Store["db"], id: string) =>
  saveSource(db, { id, publisher: "Test", title: id, reliability: "reliable", kind: "news" });

test(`${T} the store version changes with a commit by this handle or another, and not with reads`, async () => {
  const v0 = await storeVersion(store.db);
  await store.db.selectFrom("people").selectAll().execute();
  // PostgreSQL's snapshot is the cluster's: other databases' commits (other test files) change it too.
  if (TEST_ENGINE === "sqlite") assert.equal(await storeVersion(store.db), v0, "a read changes nothing");
  await addSource(store.db, "version-own");
  const v1 = await storeVersion(store.db);
  assert.notEqual(v1, v0, "a commit on this handle");
  await addSource(other.db, "version-other");
  const v2 = await storeVersion(store.db);
  assert.notEqual(v2, v1, "a commit on another handle");
  if (TEST_ENGINE === "sqlite") assert.equal(await storeVersion(store.db), v2);
});
