// Copying a SQLite store to the engine under test: every table, the same record read back (sealed fields
// too, with the source's key), search working on the copy, and a non-empty target refused without --force.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { OPERATOR } from "../domain/policy.ts";
import { countRows, describeTables } from "../store/bulk.ts";
import { listMatters, listOrders } from "../store/catalog.ts";
import { openStore, type Store } from "../store/db.ts";
import { listEvents } from "../store/events.ts";
import { findPersonById, listPeople, savePerson } from "../store/people.ts";
import { searchText } from "../store/search.ts";
import { copyStore } from "./copy-store.ts";
import { generateDataset } from "./generate-dataset/index.ts";
import { searchPeople } from "./search-people.ts";

const T = `[sqlite → ${TEST_ENGINE}]`;
const dir = mkdtempSync(join(tmpdir(), "habeas-copy-"));
let source: Store;
let target: TestStore;
/** The target opened again with the source's key, as the operator runs it after the copy. */
let copy: Store;

before(async () => {
  source = await openStore({ engine: "sqlite", path: join(dir, "source.db") });
  await generateDataset(source.db, { people: 120, events: 900, seed: 4, publicShare: 0.2 });
  target = await openTestStore();
  copy = await openStore(target.target, { keys: source.keyConfig });
});
after(async () => {
  await copy.close();
  await target.close();
  await source.close();
  rmSync(dir, { recursive: true, force: true });
});

test(`${T} every table arrives with the same row count, and the record reads back the same`, async () => {
  const report = await copyStore(source.db, target.db);
  const derived = new Set(["name_trigrams", "name_trigram_counts", "search_refs"]);
  for (const t of await describeTables(source.db)) {
    if (derived.has(t.name)) continue;
    assert.equal(await countRows(copy.db, t.name), await countRows(source.db, t.name), t.name);
  }
  assert.ok(report.rows > 2000);
  assert.deepEqual(report.skipped, []);
  assert.deepEqual(await listPeople(copy.db, { limit: 1000 }), await listPeople(source.db, { limit: 1000 }));
  assert.deepEqual(
    await listEvents(copy.db, { limit: 10_000 }),
    await listEvents(source.db, { limit: 10_000 }),
  );
  assert.deepEqual(await listOrders(copy.db), await listOrders(source.db));
  assert.deepEqual(await listMatters(copy.db), await listMatters(source.db));
  const someone = (await listPeople(source.db, { limit: 1000 })).find((p) => p.a_number);
  assert.ok(someone?.a_number);
  assert.equal(
    (await findPersonById(copy.db, someone.id))?.a_number,
    someone.a_number,
    "sealed fields open with the key",
  );
});

test(`${T} search works on the copy, and new rows get fresh ids`, async () => {
  const p = (await listPeople(copy.db, { limit: 1000 })).find((x) => x.kind === "individual");
  assert.ok(p);
  const plain = p.full_name.normalize("NFD").replace(/\p{M}/gu, "");
  const hits = await searchPeople(copy.db, plain, OPERATOR);
  assert.equal(hits[0]?.person.full_name, p.full_name);
  assert.ok((await searchText(copy.db, "transferred", 5)).length > 0);
  // Saving after the copy: citations (a serial id) and the search entry are replaced, not duplicated.
  const full = await findPersonById(copy.db, p.id);
  assert.ok(full);
  await savePerson(copy.db, p.id, {
    ...full,
    full_name: "Zacarías Quiñónez",
    sources: [...full.citations, ...full.citations],
  });
  const docs = await copy.db.selectFrom("search_docs").select("title").where("ref", "=", p.id).execute();
  assert.deepEqual(
    docs.map((d) => d.title),
    ["Zacarías Quiñónez"],
  );
  assert.equal((await findPersonById(copy.db, p.id))?.citations.length, full.citations.length * 2);
});

test(`${T} a non-empty target is refused unless forced, and forcing replaces rather than adds`, async () => {
  await assert.rejects(copyStore(source.db, target.db), /already holds data.*--force/);
  const before = await countRows(copy.db, "events");
  const r = await copyStore(source.db, target.db, { force: true });
  assert.equal(await countRows(copy.db, "events"), before);
  assert.equal(await countRows(copy.db, "people"), 120);
  assert.equal(r.tables.find((t) => t.name === "events")?.rows, before);
});
