// The SQLite files of a store are its owner's alone: the database, its -wal and -shm are created 0600
// whatever the umask, and an existing store's files are tightened when it is opened.
import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import Database from "better-sqlite3";
import { sql } from "kysely";
import { TEST_ENGINE } from "../../test/test-store.ts";
import { openStore } from "./db.ts";

const dir = mkdtempSync(join(tmpdir(), "habeas-modes-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const skip = TEST_ENGINE !== "sqlite" || process.platform === "win32";
const FILES = ["", "-wal", "-shm"];

function modes(path: string): Record<string, string> {
  return Object.fromEntries(
    FILES.map((f) => [
      `${path}${f}`,
      existsSync(`${path}${f}`) ? (statSync(`${path}${f}`).mode & 0o777).toString(8) : "missing",
    ]),
  );
}
const allPrivate = (path: string) => Object.fromEntries(FILES.map((f) => [`${path}${f}`, "600"]));

test("a new database, its -wal and its -shm are created 0600, even under umask 000", { skip }, async () => {
  const path = join(dir, "new.db");
  const old = process.umask(0);
  try {
    const store = await openStore({ engine: "sqlite", path });
    try {
      await sql`INSERT INTO throttle ("key", failures, window_start, lockouts)
        VALUES ('k', 1, '2025-01-01T00:00:00Z', 0)`.execute(store.db);
      assert.deepEqual(modes(path), allPrivate(path), "after a write");
    } finally {
      await store.close();
    }
  } finally {
    process.umask(old);
  }
});

test("opening an existing store tightens its files to 0600", { skip }, async () => {
  const path = join(dir, "old.db");
  await (await openStore({ engine: "sqlite", path })).close();
  // Another connection keeps the -wal and -shm in place while the modes are loosened, as an older habeas
  // (which created them 0644) would have left them.
  const raw = new Database(path);
  raw.pragma("journal_mode = WAL");
  raw.prepare("SELECT count(*) FROM sqlite_master").get();
  try {
    for (const f of FILES) chmodSync(`${path}${f}`, 0o644);
    assert.notDeepEqual(modes(path), allPrivate(path));
    const store = await openStore({ engine: "sqlite", path });
    try {
      await sql`INSERT INTO throttle ("key", failures, window_start, lockouts)
        VALUES ('k2', 1, '2025-01-01T00:00:00Z', 0)`.execute(store.db);
      assert.deepEqual(modes(path), allPrivate(path));
    } finally {
      await store.close();
    }
  } finally {
    raw.close();
  }
});
