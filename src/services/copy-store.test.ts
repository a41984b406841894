// Copying a SQLite store to the engine under test: every table, the same record read back (sealed fields
// too, with the source's key), search working on the copy, and a non-empty target refused without --force.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import BetterSqlite from "better-sqlite3";
import { sql } from "kysely";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { OPERATOR } from "../domain/policy.ts";
import { countRows, describeTables } from "../store/bulk.ts";
import { listMatters, listOrders } from "../store/catalog.ts";
import { type Db, openStore, type Store } from "../store/db.ts";
import { engineOf } from "../store/dialect.ts";
import { listEvents } from "../store/events.ts";
import { findCapture, saveCapture } from "../store/evidence.ts";
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
/** Someone whose names and summary hold what COPY's text format escapes: tab, newline, return, backslash. */
let awkward: string;
/** The target's indexes and foreign keys before any copy. */
let keysBefore: string[];

/** Every index, foreign key and trigger of a store, as the engine would create it again. */
async function keysOf(db: Db): Promise<string[]> {
  if (engineOf(db) === "postgres") {
    const r = await sql<{ d: string }>`
      SELECT indexdef AS d FROM pg_indexes WHERE schemaname = current_schema()
      UNION ALL SELECT conrelid::regclass || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
      WHERE contype = 'f' AND connamespace = current_schema()::regnamespace
      UNION ALL SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1`.execute(db);
    return r.rows.map((x) => x.d);
  }
  const r = await sql<{ d: string }>`
    SELECT coalesce(sql, name) AS d FROM sqlite_master WHERE type IN ('index', 'trigger')
    UNION ALL SELECT m.name || ' ' || f."from" || ' → ' || f."table" FROM sqlite_master m, pragma_foreign_key_list(m.name) f
    WHERE m.type = 'table' ORDER BY 1`.execute(db);
  return r.rows.map((x) => x.d);
}

before(async () => {
  source = await openStore({ engine: "sqlite", path: join(dir, "source.db") });
  await generateDataset(source.db, { people: 120, events: 900, seed: 4, publicShare: 0.2 });
  const someone = (await listPeople(source.db, { limit: 1 }))[0]!;
  const full = (await findPersonById(source.db, someone.id))!;
  awkward = someone.id;
  await savePerson(source.db, awkward, {
    ...full,
    aliases: ["Tab\there", "back\\slash \\N"],
    summary: "line one\nline two\r\n\ttabbed, a \\ and \\x00",
    sources: full.citations,
  });
  // Bytes COPY must spell as hex: NUL, tab, newline, backslash and a byte past 0x7f.
  await saveCapture(source.db, {
    sha256: "c".repeat(64),
    media_type: "application/octet-stream",
    file_name: "bytes.bin",
    bytes: new Uint8Array([0, 9, 10, 13, 92, 78, 255, 65]),
    text: null,
    captured_at: "2025-03-15T12:00:00.000Z",
  });
  target = await openTestStore();
  keysBefore = await keysOf(target.db);
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
  assert.deepEqual(await findPersonById(copy.db, awkward), await findPersonById(source.db, awkward));
  assert.match((await findPersonById(copy.db, awkward))?.summary ?? "", /two\r\n\ttabbed, a \\ and \\x00$/);
  assert.deepEqual(
    [...((await findCapture(copy.db, "c".repeat(64)))?.bytes ?? [])],
    [0, 9, 10, 13, 92, 78, 255, 65],
  );
  assert.deepEqual(await keysOf(copy.db), keysBefore, "every index and foreign key is there again");
  if (TEST_ENGINE === "postgres") {
    // Vacuumed and analyzed as it lands: nothing left for autovacuum to grind through under a live server.
    const { rows } = await sql<{ relname: string; vacuumed: boolean; analyzed: boolean }>`
      SELECT relname, last_vacuum IS NOT NULL AS vacuumed, last_analyze IS NOT NULL AS analyzed
      FROM pg_stat_user_tables WHERE relname IN ('people', 'events')`.execute(copy.db);
    assert.deepEqual(rows.map((r) => [r.relname, r.vacuumed, r.analyzed]).sort(), [
      ["events", true, true],
      ["people", true, true],
    ]);
  }
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

test(`${T} whether each event has a source arrives as it was, and the target keeps it from then on`, async () => {
  const flags = async (db: Db) =>
    (
      await sql<{ id: string; cited: number | string; has: number | string }>`
        SELECT e.id, e.cited, (SELECT count(*) FROM citations c
          WHERE c.subject_kind = 'event' AND c.subject_id = e.id) AS has FROM events e ORDER BY e.id`.execute(
        db,
      )
    ).rows.map((r) => [r.id, Number(r.cited), Number(r.has) > 0 ? 1 : 0]);
  const there = await flags(copy.db);
  assert.deepEqual(there, await flags(source.db));
  for (const [id, cited, has] of there) assert.equal(cited, has, `${id}`);
  assert.ok(there.some((r) => r[1] === 1) && there.some((r) => r[1] === 0));
  // The triggers set aside for the load are back: a citation written on the copy marks its event.
  const bare = String(there.find((r) => r[1] === 0)?.[0]);
  const src = (await sql<{ id: string }>`SELECT id FROM sources LIMIT 1`.execute(copy.db)).rows[0]?.id;
  await sql`INSERT INTO citations (subject_kind, subject_id, source_id) VALUES ('event', ${bare}, ${src})`.execute(
    copy.db,
  );
  assert.deepEqual((await flags(copy.db)).find((r) => r[0] === bare)?.slice(1), [1, 1]);
  await sql`DELETE FROM citations WHERE subject_kind = 'event' AND subject_id = ${bare}`.execute(copy.db);
});

test(`${T} a copy that fails leaves the target as it was, its indexes, foreign keys and triggers too`, async () => {
  // A source holding an event whose person is missing (written with foreign keys off).
  const path = join(dir, "orphan.db");
  const bad = await openStore({ engine: "sqlite", path });
  await generateDataset(bad.db, { people: 5, events: 20, seed: 9 });
  await bad.close();
  const raw = new BetterSqlite(path);
  raw.pragma("foreign_keys = OFF");
  raw.prepare("UPDATE events SET person_id = 'nobody' WHERE rowid = (SELECT min(rowid) FROM events)").run();
  raw.close();
  const from = await openStore({ engine: "sqlite", path }, { migrate: false });
  const empty = await openTestStore();
  try {
    const keys = await keysOf(empty.db);
    await assert.rejects(copyStore(from.db, empty.db), (e: Error & { code?: string }) => {
      assert.equal(e.code, "CONFLICT");
      assert.match(e.message, /^the source is inconsistent \(.*events.*\); nothing was copied$/);
      if (TEST_ENGINE === "postgres") assert.match(e.message, /\(person_id\)=\(nobody\)/);
      return true;
    });
    assert.equal(await countRows(empty.db, "people"), 0);
    assert.equal(await countRows(empty.db, "events"), 0);
    assert.deepEqual(await keysOf(empty.db), keys);
  } finally {
    await empty.close();
    await from.close();
  }
});
