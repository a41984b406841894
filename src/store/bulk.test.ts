// The bulk path writes what savePerson and saveEvent write: same rows, citations, trigrams and search entries,
// so search finds bulk-written people and a later save replaces their entries instead of doubling them.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { type EventType, PersonInputSchema } from "../domain/model.ts";
import { type BulkEvent, type BulkPerson, describeTables, openBulkWriter, parentsFirst } from "./bulk.ts";
import { saveSource } from "./catalog.ts";
import { listEvents, saveEvent } from "./events.ts";
import { findPersonById, listPeople, savePerson } from "./people.ts";
import { nameCandidates, searchText } from "./search.ts";

const T = `[${TEST_ENGINE}]`;
const GIVEN = ["José Luis", "María", "Kilmar", "Ángel", "Yesenia", "Wilmer", "Luz", "Óscar"];
const SURNAMES = [
  "Ábrego",
  "García",
  "Hernández",
  "Núñez",
  "Ortiz",
  "Peña",
  "Zelaya",
  "Quiñónez",
  "de la Cruz",
];
const TYPES: EventType[] = ["ARREST", "DETENTION_START", "TRANSFER", "HEARING", "REMOVAL"];

/** Sixty people with accents, aliases, restricted fields and sources, and five events each. */
function records(): { people: BulkPerson[]; events: BulkEvent[] } {
  const people: BulkPerson[] = [];
  const events: BulkEvent[] = [];
  for (let i = 0; i < 60; i++) {
    const id = `b-${String(i).padStart(3, "0")}`;
    const name = `${GIVEN[i % 8]} ${SURNAMES[i % 9]} ${SURNAMES[(i * 5 + 2) % 9]}`;
    const data = PersonInputSchema.parse({
      id,
      full_name: name,
      aliases: i % 3 ? [] : [name.normalize("NFD").replace(/\p{M}/gu, "")],
      nationalities: ["SV"],
      protections: i % 4 ? [] : [{ kind: "withholding_241b3", country: "SV" }],
      consent: { public_record: i % 5 === 0 },
      a_number: i % 2 ? `A${200 + i}-123-456` : undefined,
      birth_date: "1990-02-03",
      summary: `Held since spring, case ${i}.`,
      sources: i % 2 ? [{ source: "src-a", field: "full_name" }] : [],
    });
    people.push({ id, data });
    for (const [k, type] of TYPES.entries())
      events.push({
        id: `${id}-e${k}`,
        person: id,
        type,
        at: new Date(Date.UTC(2025, 2, 1 + k, 12)).toISOString(),
        precision: "day",
        tz: "America/Chicago",
        summary: `${type.toLowerCase()} number ${k}`,
        details: type === "REMOVAL" ? { destination_country: "SV", authority: "title8" } : {},
        citations: k % 2 ? [{ source: "src-a", quote: "as reported" }] : [],
      });
  }
  return { people, events };
}

let bulk: TestStore;
let one: TestStore;
before(async () => {
  [bulk, one] = await Promise.all([openTestStore(), openTestStore()]);
  const source = {
    id: "src-a",
    publisher: "Court",
    title: "Order",
    reliability: "primary",
    kind: "court_record",
  } as const;
  await Promise.all([saveSource(bulk.db, source), saveSource(one.db, source)]);
  const r = records();
  const writer = await openBulkWriter(bulk.db);
  try {
    // Two batches, people before their events, as the generator writes them.
    await writer.write({ people: r.people.slice(0, 30), events: r.events.slice(0, 150) });
    await writer.write({ people: r.people.slice(30), events: r.events.slice(150) });
  } finally {
    await writer.close();
  }
  for (const p of r.people) await savePerson(one.db, p.id, p.data);
  for (const e of r.events) await saveEvent(one.db, e);
});
after(() => Promise.all([bulk.close(), one.close()]));

const sorted = <T>(xs: T[]) => xs.map((x) => JSON.stringify(x)).sort();

test(`${T} people and events read back the same from the bulk path as from savePerson/saveEvent`, async () => {
  const strip = <P extends { created_at: string; updated_at: string }>({
    created_at: _c,
    updated_at: _u,
    ...p
  }: P) => p;
  assert.deepEqual(
    (await listPeople(bulk.db, { limit: 1000 })).map(strip),
    (await listPeople(one.db, { limit: 1000 })).map(strip),
  );
  assert.deepEqual(await listEvents(bulk.db, { limit: 10_000 }), await listEvents(one.db, { limit: 10_000 }));
});

test(`${T} the same citations, search entries and name trigrams`, async () => {
  const rows = async (s: TestStore) => ({
    citations: sorted(
      await s.db
        .selectFrom("citations")
        .select(["subject_kind", "subject_id", "source_id", "field", "quote"])
        .execute(),
    ),
    docs: sorted(await s.db.selectFrom("search_docs").select(["kind", "ref", "title", "body"]).execute()),
    grams: sorted(await s.db.selectFrom("name_trigrams").selectAll().execute()),
    people: sorted(
      await s.db
        .selectFrom("people")
        .select(["id", "search_name", "is_public"])
        // Sealed values and blind indexes differ by key (each test store has its own): compare presence.
        .select((eb) => [
          eb("sealed", "is not", null).as("sealed"),
          eb("a_number_index", "is not", null).as("index"),
        ])
        .execute(),
    ),
  });
  const [x, y] = await Promise.all([rows(bulk), rows(one)]);
  assert.deepEqual(x, y);
  assert.equal(x.docs.length, 1 + 60 + 300, "the source, the people, their events");
  assert.equal(x.citations.length, 30 + 120);
  if (TEST_ENGINE === "sqlite") assert.ok(x.grams.length > 600);
});

test(`${T} fuzzy search and full-text search find bulk-written people and events`, async () => {
  for (const [q, want] of [
    ["Jose Luis Abrego Garcia", "b-000"],
    ["Kilmer Hernandes Nunez", "b-002"],
    ["Yesenia Zelaya", "b-004"],
  ] as const) {
    const ids = await nameCandidates(bulk.db, q, { limit: 20 });
    assert.ok(ids.includes(want), `${q} → ${ids.join(",")}`);
  }
  assert.ok(
    (await nameCandidates(bulk.db, "Maria Garcia", { publicOnly: true, limit: 100 })).every(
      (id) => Number(id.slice(2)) % 5 === 0,
    ),
  );
  const hits = await searchText(bulk.db, "transfer number", 100);
  assert.equal(hits.filter((h) => h.kind === "event").length, 60);
});

test(`${T} saving a bulk-written person again replaces their search entry`, async () => {
  const full = await findPersonById(bulk.db, "b-007");
  assert.ok(full);
  await savePerson(bulk.db, full.id, {
    ...full,
    full_name: "Zacarías Quiñónez Ybarra",
    sources: full.citations,
  });
  const docs = await bulk.db
    .selectFrom("search_docs")
    .select("title")
    .where("kind", "=", "person")
    .where("ref", "=", full.id)
    .execute();
  assert.deepEqual(
    docs.map((d) => d.title),
    ["Zacarías Quiñónez Ybarra"],
  );
  assert.equal((await nameCandidates(bulk.db, "Zacarias Quinonez", { limit: 1 }))[0], full.id);
  assert.equal((await searchText(bulk.db, "Zacarias", 5))[0]?.ref, full.id);
});

test(`${T} tables come parents first`, async () => {
  const order = parentsFirst(await describeTables(bulk.db)).map((t) => t.name);
  for (const [parent, child] of [
    ["people", "events"] as const,
    ["sources", "citations"],
    ["legal_matters", "court_orders"],
    ["court_orders", "order_people"],
  ])
    assert.ok(order.indexOf(parent) < order.indexOf(child), `${parent} before ${child}`);
  assert.ok(!order.some((t) => t.startsWith("kysely_") || t.startsWith("search_docs_")));
});
