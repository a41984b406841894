// Each public person's kept dashboard figures (public_person_figures, migration 098) follow their events
// whichever way they are written — saved, saved again, moved to another person, deleted, the person made
// private or public, deleted, bulk-loaded, a store from before the migration — and say what domain/custody.ts
// lastCustodyEvent says of the same events. Private people have none.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { sql } from "kysely";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { CUSTODY_EVENT_TYPES, lastCustodyEvent } from "../domain/custody.ts";
import { type HabeasEvent, PersonInputSchema } from "../domain/model.ts";
import { openBulkWriter } from "./bulk.ts";
import { saveFacility } from "./catalog.ts";
import type { Db } from "./db.ts";
import { eventRow, listTimelinesOf, saveEvent } from "./events.ts";
import { KEPT_CUSTODY_TYPES } from "./migrations/098-public-person-figures.ts";
import { savePerson } from "./people.ts";

const T = `[${TEST_ENGINE}]`;
const PEOPLE = ["p1", "p2", "p3"];
let store: TestStore;

async function person(db: Db, id: string, publish = true) {
  await savePerson(
    db,
    id,
    PersonInputSchema.parse({
      id,
      full_name: `Ana ${id}`,
      consent: { publish, public_record: false, family_status: false },
      sources: [],
    }),
  );
}

async function facilities(db: Db) {
  for (const [id, country] of [
    ["f-us", "US"],
    ["f-sv", "SV"],
    ["f-gtmo", "CU"],
  ] as const)
    await saveFacility(db, {
      id,
      name: `Facility ${id}`,
      aliases: [],
      kind: "detention_center",
      country,
      codes: {},
    });
}

before(async () => {
  store = await openTestStore();
  for (const id of PEOPLE) await person(store.db, id);
  await facilities(store.db);
});
after(() => store.close());

const event = (
  id: string,
  who: string,
  type: HabeasEvent["type"],
  at: string,
  facility?: string,
): Omit<HabeasEvent, "unverified"> => ({
  id,
  person: who,
  type,
  at,
  precision: "day",
  tz: "UTC",
  summary: type,
  details: {},
  ...(facility ? { facility } : {}),
  citations: [],
});

type Figures = {
  newest: string | null;
  custody: [string, string | null, string | null] | null;
  at: string | null;
  facilities: string[];
};
const NONE: Figures = { newest: null, custody: null, at: null, facilities: [] };

/** The kept figures of these people (no row: none). */
async function kept(db: Db, ids: string[]): Promise<Map<string, Figures>> {
  const r = await sql<{
    id: string;
    newest: string | null;
    at: string | null;
    custody: string | null;
    facilities: string | null;
  }>`
    SELECT p.id, f.newest_at AS newest, f.custody_at AS at, f.custody, f.facilities
    FROM people p LEFT JOIN public_person_figures f ON f.person_id = p.id
    WHERE p.id IN (${sql.join(ids)})`.execute(db);
  return new Map(
    r.rows.map((x) => [
      x.id,
      {
        newest: x.newest,
        custody: x.custody ? JSON.parse(x.custody) : null,
        at: x.at,
        facilities: ((x.facilities ? JSON.parse(x.facilities) : []) as string[]).sort(),
      },
    ]),
  );
}

/**
 * The same figures, worked out from the people's events by the domain's own rule (the country kept is the
 * event's own, as stored: statusAfter places it with its facility's); none for a private person.
 */
async function fromEvents(db: Db, ids: string[]): Promise<Map<string, Figures>> {
  const events = await listTimelinesOf(db, ids);
  const open = new Set(
    (
      await db.selectFrom("people").select("id").where("id", "in", ids).where("is_public", "=", 1).execute()
    ).map((r) => r.id),
  );
  const own = new Map(
    (await db.selectFrom("events").select(["id", "country"]).where("person_id", "in", ids).execute()).map(
      (r) => [r.id, r.country],
    ),
  );
  return new Map(
    ids.map((id) => {
      const mine = events.filter((e) => e.person === id);
      const last = lastCustodyEvent(mine, "9999-12-31T23:59:59.999Z");
      if (!open.has(id) || !mine.length) return [id, NONE];
      return [
        id,
        {
          newest:
            mine
              .map((e) => e.at)
              .sort()
              .at(-1) ?? null,
          custody: last ? [last.type, last.facility ?? null, own.get(last.id) ?? null] : null,
          at: last?.at ?? null,
          facilities: [...new Set(mine.flatMap((e) => (e.facility ? [e.facility] : [])))].sort(),
        },
      ];
    }),
  );
}

async function agree(db: Db, ids: string[] = PEOPLE) {
  const [k, e] = [await kept(db, ids), await fromEvents(db, ids)];
  for (const id of ids) assert.deepEqual(k.get(id), e.get(id), `${id}'s kept figures`);
}

test(`${T} the custody types kept are the domain's (else a migration must make the figures again)`, () => {
  assert.deepEqual([...KEPT_CUSTODY_TYPES], [...CUSTODY_EVENT_TYPES]);
});

test(`${T} saved, saved again changed, moved to another person, deleted: the figures follow`, async () => {
  const db = store.db;
  await saveEvent(db, event("a1", "p1", "ARREST", "2025-03-01T10:00:00.000Z", "f-us"));
  await saveEvent(db, event("a2", "p1", "TRANSFER", "2025-03-15T10:00:00.000Z", "f-sv"));
  await saveEvent(db, event("a3", "p1", "HABEAS_FILED", "2025-04-01T10:00:00.000Z"));
  await agree(db);
  const first = (await kept(db, ["p1"])).get("p1");
  assert.deepEqual(first?.custody, ["TRANSFER", "f-sv", null]);
  assert.deepEqual(first?.facilities, ["f-sv", "f-us"]);
  // Two on one instant: the greater id, as lastCustodyEvent and the dashboard order them.
  await saveEvent(db, event("a4", "p1", "RELEASE", "2025-03-15T10:00:00.000Z", "f-gtmo"));
  await agree(db);
  assert.equal((await kept(db, ["p1"])).get("p1")?.custody?.[0], "RELEASE");
  // Saved again: another type and date.
  await saveEvent(db, event("a4", "p1", "NOTICE_GIVEN", "2025-02-01T10:00:00.000Z", "f-gtmo"));
  await agree(db);
  assert.equal((await kept(db, ["p1"])).get("p1")?.custody?.[0], "TRANSFER");
  // Moved to another person (a merge moves events so).
  await db.updateTable("events").set({ person_id: "p2" }).where("id", "in", ["a2", "a4"]).execute();
  await agree(db);
  assert.deepEqual((await kept(db, ["p1"])).get("p1")?.facilities, ["f-us"]);
  assert.deepEqual((await kept(db, ["p2"])).get("p2")?.custody, ["TRANSFER", "f-sv", null]);
  // Deleted, one and then all of a person's.
  await db.deleteFrom("events").where("id", "=", "a1").execute();
  await agree(db);
  await db.deleteFrom("events").where("person_id", "=", "p2").execute();
  await agree(db);
  assert.deepEqual((await kept(db, ["p2"])).get("p2"), NONE);
});

test(`${T} a person made private loses their figures, made public again gets them back; a private one has none`, async () => {
  const db = store.db;
  await person(db, "shy", false);
  await saveEvent(db, event("s1", "shy", "DETENTION_START", "2025-05-01T00:00:00.000Z", "f-us"));
  await agree(db, ["shy"]);
  assert.deepEqual((await kept(db, ["shy"])).get("shy"), NONE);
  await person(db, "shy", true);
  await agree(db, ["shy"]);
  assert.equal((await kept(db, ["shy"])).get("shy")?.custody?.[0], "DETENTION_START");
  await person(db, "shy", false);
  await agree(db, ["shy"]);
  assert.deepEqual((await kept(db, ["shy"])).get("shy"), NONE);
});

test(`${T} two writers adding events of one person at once: the figures count both`, async () => {
  const db = store.db;
  await person(db, "both");
  const now = new Date().toISOString();
  const write = (id: string, facility: string, hold: number) =>
    db.transaction().execute(async (tx) => {
      await tx
        .insertInto("events")
        .values({
          id,
          ...eventRow(event(id, "both", "TRANSFER", "2025-05-01T00:00:00.000Z", facility), now),
          created_at: now,
        })
        .execute();
      // The first holds its transaction open while the second writes (on PostgreSQL, another connection).
      await new Promise((r) => setTimeout(r, hold));
    });
  await Promise.all([write("w1", "f-us", 150), write("w2", "f-sv", 0)]);
  await agree(db, ["both"]);
  assert.deepEqual((await kept(db, ["both"])).get("both")?.facilities, ["f-sv", "f-us"]);
});

test(`${T} a person deleted takes their figures along`, async () => {
  const db = store.db;
  await person(db, "gone");
  await saveEvent(db, event("g1", "gone", "DETENTION_START", "2025-05-01T00:00:00.000Z", "f-us"));
  assert.equal((await kept(db, ["gone"])).get("gone")?.custody?.[0], "DETENTION_START");
  await db.deleteFrom("people").where("id", "=", "gone").execute();
  const left = await sql<{ n: number | string }>`
    SELECT count(*) AS n FROM public_person_figures WHERE person_id = 'gone'`.execute(db);
  assert.equal(Number(left.rows[0]?.n), 0);
});

test(`${T} a bulk load writes the figures of the people whose events it loads, and leaves the triggers in place`, async () => {
  const db = store.db;
  const w = await openBulkWriter(db);
  try {
    await w.write({
      events: [
        event("b1", "p3", "ARREST", "2025-06-01T00:00:00.000Z", "f-us"),
        event("b2", "p3", "REMOVAL", "2025-06-20T00:00:00.000Z", "f-sv"),
      ],
    });
    // A second batch adding to the same person counts their earlier events too.
    await w.write({ events: [event("b3", "p3", "NOTICE_GIVEN", "2025-07-01T00:00:00.000Z", "f-gtmo")] });
  } finally {
    await w.close();
  }
  await agree(db);
  assert.deepEqual((await kept(db, ["p3"])).get("p3")?.facilities, ["f-gtmo", "f-sv", "f-us"]);
  // The triggers the bulk writer set aside for its batches are back.
  await saveEvent(db, event("b4", "p3", "RETURN", "2025-08-01T00:00:00.000Z", "f-us"));
  await agree(db);
  assert.equal((await kept(db, ["p3"])).get("p3")?.custody?.[0], "RETURN");
});

test(`${T} a store from before migration 098 gets the figures of every public person with events, and the triggers`, async () => {
  const old = await openTestStore();
  try {
    const db = old.db;
    // The store as it was before 098: no table, no triggers.
    if (TEST_ENGINE === "postgres") {
      await sql`DROP TRIGGER keep_public_person_figures ON events`.execute(db);
      await sql`DROP TRIGGER keep_public_person_figures_on_publish ON people`.execute(db);
      await sql`DROP FUNCTION keep_public_person_figures()`.execute(db);
      await sql`DROP FUNCTION keep_public_person_figures_of(TEXT)`.execute(db);
    } else
      for (const t of ["on_insert", "on_delete", "on_update", "on_publish"])
        await sql.raw(`DROP TRIGGER keep_public_person_figures_${t}`).execute(db);
    await sql`DROP TABLE public_person_figures`.execute(db);
    for (const id of ["o1", "o2"]) await person(db, id);
    await person(db, "o3", false);
    await facilities(db);
    await saveEvent(db, event("x1", "o1", "DETENTION_START", "2025-03-01T00:00:00.000Z", "f-us"));
    await saveEvent(db, event("x2", "o1", "FOREIGN_CUSTODY", "2025-03-16T00:00:00.000Z", "f-sv"));
    await saveEvent(db, event("x4", "o3", "ARREST", "2025-03-16T00:00:00.000Z", "f-sv"));
    const { up } = await import("./migrations/098-public-person-figures.ts");
    await up(db);
    await agree(db, ["o1", "o2", "o3"]);
    assert.deepEqual((await kept(db, ["o3"])).get("o3"), NONE);
    await saveEvent(db, event("x3", "o2", "ARREST", "2025-04-01T00:00:00.000Z"));
    await agree(db, ["o1", "o2", "o3"]);
  } finally {
    await old.close();
  }
});
