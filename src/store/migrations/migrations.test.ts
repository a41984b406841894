// The migration list: unique names in run order, and a store migrated under the old names (three 007s)
// upgrades without running anything twice — on either engine.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { sql } from "kysely";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../../test/test-store.ts";
import { openStore } from "../db.ts";
import { LEGACY_NAMES, migrateToLatest } from "./index.ts";

let store: TestStore;
before(async () => {
  store = await openTestStore();
});
after(() => store.close());
const T = `[${TEST_ENGINE}]`;

const applied = async () =>
  (await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(store.db)).rows.map(
    (r) => r.name,
  );

// The dialect module, and the cipher: sealing needs the store's keys, which only it holds (a leaf module); and
// the domain's word rule for names, so the name-word index (090) is filled by the rule its readers use.
const ALLOWED = new Set(["../dialect.ts", "../cipher.ts", "../../domain/names.ts"]);

test("migration files have unique numbers and import no live store code", () => {
  const dir = new URL(".", import.meta.url);
  const files = readdirSync(dir).filter((f) => /^\d{3}-.*\.ts$/.test(f) && !f.endsWith(".test.ts"));
  const numbers = files.map((f) => f.slice(0, 3));
  assert.equal(new Set(numbers).size, numbers.length, `duplicate numbers: ${numbers.join(", ")}`);
  for (const f of files) {
    const text = readFileSync(new URL(f, dir), "utf8");
    for (const m of text.matchAll(/from "(\.\.?\/[^"]+)"/g))
      assert.ok(
        ALLOWED.has(m[1] ?? ""),
        `${f} imports ${m[1]}: migrations import only the dialect module, the cipher and the name rule`,
      );
  }
});

test(`${T} a store migrated under the old names upgrades without running them again`, async () => {
  const now = await applied();
  for (const name of Object.values(LEGACY_NAMES)) assert.ok(now.includes(name), name);
  // As a store migrated before the rename recorded them.
  for (const [old, name] of Object.entries(LEGACY_NAMES))
    await sql`UPDATE kysely_migration SET name = ${old} WHERE name = ${name}`.execute(store.db);
  assert.ok((await applied()).includes("007-scale"));
  // Running a migration again would fail (its tables exist); none runs, and the names are the new ones.
  assert.deepEqual(await migrateToLatest(store.db), []);
  assert.deepEqual(await applied(), now);
  // And the store still opens and migrates cleanly through openStore.
  const again = await openStore(store.target, { keys: store.keyConfig });
  await again.close();
  assert.deepEqual(await applied(), now);
});
