// Rows streamed through COPY (PostgreSQL only): values spelled as COPY reads them, pages as they come, and a
// source that fails mid-way ends the COPY with nothing loaded and the connection still usable.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { withPgClient } from "./db.ts";
import { copyRows } from "./pg-copy.ts";

const T = `[${TEST_ENGINE}]`;
const skip = TEST_ENGINE !== "postgres" && "COPY is PostgreSQL's";
let store: TestStore;
before(async () => {
  store = await openTestStore();
});
after(() => store.close());

type Row = { id: string; publisher: string; title: string; reliability: string; kind: string };
const COLUMNS = ["id", "publisher", "title", "reliability", "kind"] as const;
const row = (id: string, title = id): Row => ({
  id,
  publisher: "Test",
  title,
  reliability: "reliable",
  kind: "news",
});

test(`${T} pages of rows are copied as they come, tabs, newlines and backslashes intact`, {
  skip,
}, async () => {
  async function* pages() {
    yield [row("copy-a", "tab\there"), row("copy-b", "line\nbreak \\ back")];
    // More than one 64 KB chunk.
    yield Array.from({ length: 3000 }, (_, i) => row(`copy-many-${i}`, "x".repeat(40)));
  }
  const n = await withPgClient(store.db, (client) => copyRows(client, "sources", COLUMNS, pages()));
  assert.equal(n, 3002);
  const got = await store.db
    .selectFrom("sources")
    .select(["id", "title"])
    .where("id", "in", ["copy-a", "copy-b"])
    .orderBy("id")
    .execute();
  assert.deepEqual(got, [
    { id: "copy-a", title: "tab\there" },
    { id: "copy-b", title: "line\nbreak \\ back" },
  ]);
});

test(`${T} a source that fails mid-way loads nothing and leaves the connection usable`, {
  skip,
}, async () => {
  async function* pages() {
    yield Array.from({ length: 3000 }, (_, i) => row(`copy-failed-${i}`, "y".repeat(40)));
    throw new Error("the source broke");
  }
  await assert.rejects(
    withPgClient(store.db, (client) => copyRows(client, "sources", COLUMNS, pages())),
    /the source broke/,
  );
  const left = await store.db
    .selectFrom("sources")
    .select("id")
    .where("id", "like", "copy-failed-%")
    .execute();
  assert.equal(left.length, 0);
});
