// The store version a cache of answers relies on: it changes with every commit, by this handle or another
// process's, and (SQLite) not with reads.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { sql } from "kysely";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { saveSource } from "./catalog.ts";
import { openStore, type Store } from "./db.ts";
import { sqliteRowRunner, storeVersion } from "./dialect.ts";

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

test(`${T} a version asked while a transaction is open is not the version after its commit`, async () => {
  const v0 = await storeVersion(store.db);
  let inside = true;
  let asked: Promise<{ v: string; before: boolean }> | undefined;
  await store.db.transaction().execute(async (trx) => {
    await addSource(trx, "version-in-transaction");
    // Another request asks meanwhile: on SQLite it shares the connection the transaction holds.
    asked = storeVersion(store.db).then((v) => ({ v, before: inside }));
    await new Promise((r) => setTimeout(r, 20));
    inside = false;
  });
  const after = await storeVersion(store.db);
  const got = await asked;
  assert.notEqual(after, v0);
  // An answer kept under a version read before the commit must not be served after it.
  if (got?.before) assert.notEqual(got.v, after, "read before the commit, yet equal to the version after it");
  if (TEST_ENGINE === "sqlite") assert.equal(got?.before, false, "SQLite waits for the transaction to end");
});

if (TEST_ENGINE === "sqlite")
  test(`${T} the version read straight from the connection is the one its statement reads`, async () => {
    await addSource(store.db, "version-statement");
    const { rows } = await sql<{ v: number; t: number }>`
      SELECT (SELECT data_version FROM pragma_data_version()) AS v, total_changes() AS t`.execute(store.db);
    assert.equal(await storeVersion(store.db), `${rows[0]?.v}.${rows[0]?.t}`);
  });

test(`${T} rows run one statement each inside a transaction, and never outside one`, async () => {
  const runner = sqliteRowRunner(store.db);
  if (TEST_ENGINE !== "sqlite") {
    assert.equal(runner, undefined, "PostgreSQL writes many rows through COPY");
    return;
  }
  const insert =
    "INSERT INTO sources (id, publisher, title, reliability, kind) VALUES (?, 'Test', ?, 'reliable', 'news')";
  assert.equal(runner?.runRows(insert, [["rows-outside", "x"]]), false, "no transaction: nothing run");
  await assert.rejects(
    store.db.transaction().execute(async (tx) => {
      // Found through the transaction too.
      assert.equal(
        sqliteRowRunner(tx)?.runRows(insert, [
          ["rows-a", "a"],
          ["rows-b", "b"],
        ]),
        true,
      );
      const n = await tx.selectFrom("sources").select("id").where("id", "like", "rows-%").execute();
      assert.equal(n.length, 2);
      throw new Error("undo");
    }),
    /undo/,
  );
  const left = await store.db.selectFrom("sources").select("id").where("id", "like", "rows-%").execute();
  assert.deepEqual(left, [], "rolled back with the transaction they ran in");
});
