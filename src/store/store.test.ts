// The store on either engine: round trips, citations, fuzzy names, full-text search.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { sql } from "kysely";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { PersonInputSchema } from "../domain/model.ts";
import { bestNameSimilarity } from "../domain/names.ts";
import {
  listClaims,
  listOrders,
  saveClaim,
  saveFacility,
  saveMatter,
  saveOrder,
  saveSource,
} from "./catalog.ts";
import { listEventsForPerson, saveEvent } from "./events.ts";
import { countPeople, findPeopleByExactName, findPersonById, listPeople, savePerson } from "./people.ts";
import { nameCandidates, searchText } from "./search.ts";

let store: TestStore;
before(async () => {
  store = await openTestStore();
  await saveSource(store.db, {
    id: "src-a",
    publisher: "Court",
    title: "Order",
    url: "https://example.org/a",
    reliability: "primary",
    kind: "court_record",
  });
});
after(() => store.close());

const person = (id: string, full_name: string, extra: object = {}) =>
  PersonInputSchema.parse({ id, full_name, sources: [{ source: "src-a" }], ...extra });

test(`[${TEST_ENGINE}] a person round-trips with citations, protections and consent`, async () => {
  await savePerson(
    store.db,
    "kaag",
    person("kaag", "Kilmar Armando Ábrego García", {
      aliases: ["Kilmer Armado Abrego-Garcia"],
      nationalities: ["SV"],
      protections: [{ kind: "withholding_241b3", country: "SV" }],
      consent: { public_record: true },
    }),
  );
  const p = await findPersonById(store.db, "kaag");
  assert.ok(p);
  assert.equal(p.full_name, "Kilmar Armando Ábrego García");
  assert.deepEqual(p.protections, [{ kind: "withholding_241b3", country: "SV" }]);
  assert.deepEqual(p.citations, [{ source: "src-a" }]);
  assert.equal(p.consent.public_record, true);
  assert.equal(await countPeople(store.db, { publicOnly: true }), 1);
});

test(`[${TEST_ENGINE}] a private person is left out of public listings`, async () => {
  await savePerson(store.db, "priv", person("priv", "María de la Luz Romero de Hernández"));
  const pub = await listPeople(store.db, { publicOnly: true });
  assert.ok(!pub.some((p) => p.id === "priv"));
  const all = await listPeople(store.db);
  assert.ok(all.some((p) => p.id === "priv"));
});

test(`[${TEST_ENGINE}] fuzzy, accent-insensitive name search finds misspellings`, async () => {
  for (const [q, want] of [
    ["Kilmer Abrego", "kaag"],
    ["abrego garcia", "kaag"],
    ["Maria Romero Hernandez", "priv"],
  ] as const) {
    const ids = await nameCandidates(store.db, q, { limit: 10 });
    assert.ok(ids.includes(want), `${q} → ${ids.join(",")}`);
  }
  const p = await findPersonById(store.db, "kaag");
  assert.ok(p && bestNameSimilarity("Kilmer Abrego", [p.full_name, ...p.aliases]) > 0.85);
  const pub = await nameCandidates(store.db, "Maria Romero", { publicOnly: true });
  assert.ok(!pub.includes("priv"));
});

test(`[${TEST_ENGINE}] events come back in time order with their sources`, async () => {
  await saveFacility(store.db, {
    id: "cecot",
    name: "CECOT",
    aliases: ["Centro de Confinamiento del Terrorismo"],
    kind: "foreign_prison",
    country: "SV",
    codes: {},
  });
  const base = { person: "kaag", precision: "minute" as const, tz: "America/New_York", details: {} };
  await saveEvent(store.db, {
    ...base,
    id: "e2",
    type: "FOREIGN_CUSTODY",
    at: "2025-03-16T04:00:00.000Z",
    facility: "cecot",
    summary: "Held in the prison",
    citations: [],
  });
  await saveEvent(store.db, {
    ...base,
    id: "e1",
    type: "REMOVAL",
    at: "2025-03-15T23:36:00.000Z",
    summary: "Flown to El Salvador",
    details: { destination_country: "SV", authority: "title8" },
    citations: [{ source: "src-a", quote: "third flight" }],
  });
  const events = await listEventsForPerson(store.db, "kaag");
  assert.deepEqual(
    events.map((e) => e.id),
    ["e1", "e2"],
  );
  assert.equal(events[0]?.unverified, false);
  assert.equal(events[1]?.unverified, true, "an event without a source is unverified");
  assert.deepEqual(events[0]?.details, { destination_country: "SV", authority: "title8" });
});

test(`[${TEST_ENGINE}] orders are found through the people they cover`, async () => {
  await saveMatter(
    store.db,
    { id: "m1", caption: "A v. B", court: "D. Md.", parties: [], people: ["kaag"] },
    [{ source: "src-a" }],
  );
  await saveOrder(
    store.db,
    {
      id: "o1",
      matter: "m1",
      kind: "facilitate_return",
      issued_at: "2025-04-10T20:00:00.000Z",
      precision: "day",
      tz: "America/New_York",
      oral: false,
      covers: { people: ["kaag"] },
      bars: [],
      summary: "Facilitate return",
    },
    [{ source: "src-a" }],
  );
  const orders = await listOrders(store.db, { people: ["kaag"] });
  assert.deepEqual(
    orders.map((o) => o.id),
    ["o1"],
  );
  assert.deepEqual(orders[0]?.covers.people, ["kaag"]);
});

test(`[${TEST_ENGINE}] full-text search ignores accents and finds Spanish and English words`, async () => {
  await saveClaim(
    store.db,
    { id: "c1", subject: "personas enviadas al CECOT", predicate: "count", value: "238" },
    [{ source: "src-a" }],
  );
  const hits = await searchText(store.db, "abrego");
  assert.ok(hits.some((h) => h.ref === "kaag"));
  const es = await searchText(store.db, "confinamiento terrorismo");
  assert.ok(es.some((h) => h.ref === "cecot"));
  // Operator syntax is treated as words: no error, nothing dropped.
  await searchText(store.db, '"); DROP TABLE people; -- NEAR(* OR');
  assert.equal(await countPeople(store.db), 2);
  assert.equal((await listClaims(store.db))[0]?.citations.length, 1);
});

test(`[${TEST_ENGINE}] exact name lookup ignores case and goes through the name index`, async () => {
  await savePerson(store.db, "exact-1", person("exact-1", "Ramon Exacto Prueba"));
  await savePerson(store.db, "exact-2", person("exact-2", "Ramon Exacto"));
  assert.deepEqual(await findPeopleByExactName(store.db, "ramon EXACTO prueba"), ["exact-1"]);
  assert.deepEqual(await findPeopleByExactName(store.db, "Ramon Exact"), []);
  if (store.target.engine === "sqlite") {
    const plan = await sql<{ detail: string }>`EXPLAIN QUERY PLAN
      SELECT id FROM people WHERE lower(full_name) = lower(${"x"})`.execute(store.db);
    assert.match(plan.rows.map((r) => r.detail).join("\n"), /USING INDEX people_full_name_lower/);
  } else {
    const idx = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_indexes
      WHERE indexname = 'people_full_name_lower'`.execute(store.db);
    assert.equal(idx.rows[0]?.n, 1);
  }
});
