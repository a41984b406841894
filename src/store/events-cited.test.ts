// Whether a source supports an event (events.cited, migration 097) follows its citations whichever way they are
// written: with the event, added and removed one by one, moved, written before the event, bulk-loaded.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { sql } from "kysely";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { type HabeasEvent, PersonInputSchema } from "../domain/model.ts";
import { openBulkWriter } from "./bulk.ts";
import { saveSource } from "./catalog.ts";
import { addCitation, replaceCitations } from "./citations.ts";
import { eventRow, listTimelinesOf, saveEvent } from "./events.ts";
import { savePerson } from "./people.ts";

const T = `[${TEST_ENGINE}]`;
let store: TestStore;
before(async () => {
  store = await openTestStore();
  await savePerson(
    store.db,
    "p1",
    PersonInputSchema.parse({ id: "p1", full_name: "Ana Cited", sources: [] }),
  );
  for (const id of ["s1", "s2"])
    await saveSource(store.db, {
      id,
      publisher: "Court",
      title: `Record ${id}`,
      reliability: "reliable",
      kind: "court_record",
    });
});
after(() => store.close());

const event = (id: string, sources: string[] = []): Omit<HabeasEvent, "unverified"> => ({
  id,
  person: "p1",
  type: "DETENTION_START",
  at: "2025-03-15T12:00:00.000Z",
  precision: "day",
  tz: "UTC",
  summary: "Detained",
  details: {},
  citations: sources.map((source) => ({ source })),
});

/** events.cited of these events, and whether each has a citation, read from the citations themselves. */
async function cited(ids: string[]): Promise<{ id: string; cited: number; has: number }[]> {
  const r = await sql<{ id: string; cited: number | string; has: number | string }>`
    SELECT e.id, e.cited,
      (SELECT count(*) FROM citations c WHERE c.subject_kind = 'event' AND c.subject_id = e.id) AS has
    FROM events e WHERE e.id IN (${sql.join(ids)}) ORDER BY e.id`.execute(store.db);
  return r.rows.map((x) => ({ id: x.id, cited: Number(x.cited), has: Number(x.has) > 0 ? 1 : 0 }));
}

async function agree(ids: string[]) {
  for (const row of await cited(ids)) assert.equal(row.cited, row.has, `${row.id}: cited ${row.cited}`);
}

test(`${T} saved with and without sources, re-saved, a citation added and the last one removed`, async () => {
  await saveEvent(store.db, event("e1", ["s1"]));
  await saveEvent(store.db, event("e2"));
  assert.deepEqual(
    (await cited(["e1", "e2"])).map((r) => r.cited),
    [1, 0],
  );
  await saveEvent(store.db, event("e1"));
  await saveEvent(store.db, event("e2", ["s1", "s2"]));
  assert.deepEqual(
    (await cited(["e1", "e2"])).map((r) => r.cited),
    [0, 1],
  );
  // One of two citations removed: still cited; the other removed too: not.
  await sql`DELETE FROM citations WHERE subject_id = 'e2' AND source_id = 's1'`.execute(store.db);
  await agree(["e2"]);
  assert.equal((await cited(["e2"]))[0]?.cited, 1);
  await replaceCitations(store.db, "event", "e2", []);
  assert.equal((await cited(["e2"]))[0]?.cited, 0);
  await addCitation(store.db, "event", "e2", { source: "s2" });
  assert.equal((await cited(["e2"]))[0]?.cited, 1);
  // What the rules read: an event no source supports is unverified.
  const timeline = await listTimelinesOf(store.db, ["p1"]);
  assert.deepEqual(
    timeline.filter((e) => ["e1", "e2"].includes(e.id)).map((e) => [e.id, e.unverified]),
    [
      ["e1", true],
      ["e2", false],
    ],
  );
});

test(`${T} a citation moved to another event, or to another kind of record, moves the flag`, async () => {
  await saveEvent(store.db, event("e3", ["s1"]));
  await saveEvent(store.db, event("e4"));
  await sql`UPDATE citations SET subject_id = 'e4' WHERE subject_kind = 'event' AND subject_id = 'e3'`.execute(
    store.db,
  );
  assert.deepEqual(
    (await cited(["e3", "e4"])).map((r) => r.cited),
    [0, 1],
  );
  await sql`UPDATE citations SET subject_kind = 'person', subject_id = 'p1' WHERE subject_id = 'e4'`.execute(
    store.db,
  );
  await agree(["e3", "e4"]);
  assert.equal((await cited(["e4"]))[0]?.cited, 0);
});

test(`${T} an event written after its citations reads them; a person's citation marks no event`, async () => {
  await addCitation(store.db, "event", "e5", { source: "s1" });
  await addCitation(store.db, "person", "e6", { source: "s1" });
  const now = new Date().toISOString();
  for (const id of ["e5", "e6"])
    await store.db
      .insertInto("events")
      .values({ id, ...eventRow(event(id), now), created_at: now })
      .execute();
  assert.deepEqual(
    (await cited(["e5", "e6"])).map((r) => r.cited),
    [1, 0],
  );
});

test(`${T} a bulk load writes the flag with the rows, as the triggers would, and leaves the triggers in place`, async () => {
  const w = await openBulkWriter(store.db);
  try {
    await w.write({ events: [event("e7", ["s1"]), event("e8"), event("e9", ["s2", "s1"])] });
  } finally {
    await w.close();
  }
  await agree(["e7", "e8", "e9"]);
  assert.deepEqual(
    (await cited(["e7", "e8", "e9"])).map((r) => r.cited),
    [1, 0, 1],
  );
  // The triggers the bulk writer set aside for its batches are back.
  await addCitation(store.db, "event", "e8", { source: "s1" });
  assert.equal((await cited(["e8"]))[0]?.cited, 1);
});

test(`${T} a store from before migration 097 gets the flag for every event it holds, and the triggers`, async () => {
  const old = await openTestStore();
  try {
    const db = old.db;
    // The store as it was before 097: no column, no triggers.
    if (TEST_ENGINE === "postgres") {
      await sql`DROP TRIGGER keep_events_cited_on_insert ON events`.execute(db);
      await sql`DROP TRIGGER keep_events_cited ON citations`.execute(db);
      await sql`DROP FUNCTION keep_events_cited_on_insert()`.execute(db);
      await sql`DROP FUNCTION keep_events_cited()`.execute(db);
    } else
      for (const t of ["on_insert", "on_cite", "on_uncite", "on_move"])
        await sql.raw(`DROP TRIGGER keep_events_cited_${t}`).execute(db);
    await sql`ALTER TABLE events DROP COLUMN cited`.execute(db);
    await savePerson(db, "p1", PersonInputSchema.parse({ id: "p1", full_name: "Ana Before", sources: [] }));
    await saveSource(db, {
      id: "s1",
      publisher: "Court",
      title: "Record",
      reliability: "reliable",
      kind: "court_record",
    });
    const now = new Date().toISOString();
    for (const id of ["old1", "old2"]) {
      await db
        .insertInto("events")
        .values({ id, ...eventRow(event(id), now), created_at: now })
        .execute();
    }
    await addCitation(db, "event", "old1", { source: "s1" });
    const { up } = await import("./migrations/097-events-cited.ts");
    await up(db);
    const flags = await sql<{ id: string; cited: number | string }>`
      SELECT id, cited FROM events ORDER BY id`.execute(db);
    assert.deepEqual(
      flags.rows.map((r) => [r.id, Number(r.cited)]),
      [
        ["old1", 1],
        ["old2", 0],
      ],
    );
    await addCitation(db, "event", "old2", { source: "s1" });
    assert.equal(
      Number(
        (await sql<{ c: number }>`SELECT cited AS c FROM events WHERE id = 'old2'`.execute(db)).rows[0]?.c,
      ),
      1,
    );
  } finally {
    await old.close();
  }
});
