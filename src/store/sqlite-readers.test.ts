// Reads on reader threads (SQLite): the same answers as the main connection, writes and transactions on the
// main one, a write seen by the next read, BLOBs as Buffers, a failed read as an error.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { sql } from "kysely";
import { saveSource } from "./catalog.ts";
import { openStore, type Store } from "./db.ts";

const dir = mkdtempSync(join(tmpdir(), "habeas-readers-"));
let store: Store;
before(async () => {
  store = await openStore({ engine: "sqlite", path: join(dir, "r.db") }, { readers: 2 });
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const source = (id: string) =>
  ({ id, publisher: "Test", title: id, reliability: "reliable", kind: "news" }) as const;

test("a write is seen by the next read, and many reads at once answer alike", async () => {
  await saveSource(store.db, source("r-1"));
  const reads = await Promise.all(
    Array.from({ length: 40 }, () =>
      store.db.selectFrom("sources").select("title").where("id", "=", "r-1").execute(),
    ),
  );
  for (const r of reads) assert.deepEqual(r, [{ title: "r-1" }]);
});

test("a transaction reads its own uncommitted writes (on the main connection), and a rollback leaves nothing", async () => {
  await assert.rejects(
    store.db.transaction().execute(async (tx) => {
      await saveSource(tx, source("r-2"));
      const inside = await tx.selectFrom("sources").select("id").where("id", "=", "r-2").execute();
      assert.deepEqual(inside, [{ id: "r-2" }]);
      throw new Error("roll back");
    }),
    /roll back/,
  );
  assert.deepEqual(await store.db.selectFrom("sources").select("id").where("id", "=", "r-2").execute(), []);
});

test("a BLOB comes back as a Buffer, and a bad read as an error", async () => {
  const bytes = Buffer.from([0, 1, 2, 250]);
  await store.db
    .insertInto("captures")
    .values({
      sha256: "r-cap",
      media_type: "application/octet-stream",
      file_name: null,
      bytes,
      text: null,
      captured_at: "2026-01-01T00:00:00.000Z",
    })
    .execute();
  const row = await store.db
    .selectFrom("captures")
    .select("bytes")
    .where("sha256", "=", "r-cap")
    .executeTakeFirst();
  assert.ok(Buffer.isBuffer(row?.bytes));
  assert.deepEqual(row?.bytes, bytes);
  await assert.rejects(sql`SELECT * FROM no_such_table`.execute(store.db), /no such table/);
  await assert.rejects(
    store.db
      .selectFrom("no_such_table" as "sources")
      .selectAll()
      .execute(),
    /a read failed: no such table/,
  );
});
