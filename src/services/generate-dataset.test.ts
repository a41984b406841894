// The dataset generator: same seed, same data; timelines shaped like real cases; every event's details valid.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { type EventType, parseEventDetails } from "../domain/model.ts";
import { OPERATOR } from "../domain/policy.ts";
import { listFacilities, listMatters, listOrders } from "../store/catalog.ts";
import { listEvents } from "../store/events.ts";
import { countPeople, findPeopleByIds, listPeople } from "../store/people.ts";
import { generateDataset } from "./generate-dataset/index.ts";
import { loadNamePools, tidyName } from "./generate-names.ts";
import { searchPeople } from "./search-people.ts";

const T = `[${TEST_ENGINE}]`;
const NAMES = fileURLToPath(new URL("../../../shared/data/names", import.meta.url));
const PEOPLE = 400;
const EVENTS = 3600;

let a: TestStore;
let b: TestStore;
before(async () => {
  [a, b] = await Promise.all([openTestStore(), openTestStore()]);
  await generateDataset(a.db, { people: PEOPLE, events: EVENTS, seed: 11 });
  await generateDataset(b.db, { people: PEOPLE, events: EVENTS, seed: 11 });
});
after(() => Promise.all([a.close(), b.close()]));

async function everything(s: TestStore) {
  const people = await listPeople(s.db, { limit: 10_000 });
  const events = await listEvents(s.db, { limit: 100_000 });
  return {
    people: people.map(({ created_at: _c, updated_at: _u, ...p }) => p),
    events,
    orders: await listOrders(s.db),
    matters: await listMatters(s.db),
  };
}

test(`${T} the same seed generates the same dataset, a different seed another`, async () => {
  assert.deepEqual(await everything(a), await everything(b));
  const c = await openTestStore();
  try {
    await generateDataset(c.db, { people: 50, events: 300, seed: 12 });
    const names = (await listPeople(c.db, { limit: 100 })).map((p) => p.full_name).sort();
    const first = (await listPeople(a.db, { limit: 50 })).map((p) => p.full_name).sort();
    assert.notDeepEqual(names, first);
  } finally {
    await c.close();
  }
});

test(`${T} exactly the people and events asked for, most private, timelines in order from an arrest`, async () => {
  assert.equal(await countPeople(a.db), PEOPLE);
  const events = await listEvents(a.db, { limit: 100_000 });
  assert.equal(events.length, EVENTS);
  const pub = await countPeople(a.db, { publicOnly: true });
  assert.ok(pub >= 3 && pub < PEOPLE * 0.08, `public people: ${pub}`);

  const byPerson = new Map<string, typeof events>();
  for (const e of events) byPerson.set(e.person, [...(byPerson.get(e.person) ?? []), e]);
  const people = await findPeopleByIds(a.db, [...byPerson.keys()]);
  assert.ok(
    people.every((p) => p.kind === "individual"),
    "group records carry no events",
  );
  for (const [id, list] of byPerson) {
    assert.equal(list[0]?.type, "ARREST", `${id} starts with an arrest`);
    for (let i = 1; i < list.length; i++) assert.ok(list[i - 1]!.at <= list[i]!.at, `${id} in time order`);
  }
  const types = new Set(events.map((e) => e.type));
  for (const t of [
    "ARREST",
    "DETENTION_START",
    "TRANSFER",
    "HEARING",
    "REMOVAL",
    "RELEASE",
    "COURT_ORDER",
  ] as EventType[])
    assert.ok(types.has(t), `some ${t}`);
  // Events of removed people name the destination; transfers name the facility moved to.
  const removal = events.find((e) => e.type === "REMOVAL");
  assert.match(String(removal?.details.destination_country), /^[A-Z]{2}$/);
  assert.ok(events.filter((e) => e.type === "TRANSFER").every((e) => e.facility));

  const all = await listPeople(a.db, { limit: 10_000 });
  const nationalities = all.flatMap((p) => p.nationalities);
  assert.ok(nationalities.filter((n) => n === "MX").length > nationalities.length * 0.15, "Mexico leads");
  assert.ok(
    all.some((p) => p.protections.length > 0),
    "some people hold protection",
  );
  assert.ok(
    all.some((p) => p.a_number && p.birth_date),
    "restricted fields are generated (and sealed)",
  );
  const groups = all.filter((p) => p.kind === "group");
  assert.equal(groups.length, 3);
  assert.ok(groups.every((g) => (g.group_size ?? 0) >= 2 && g.consent.public_record));
});

test(`${T} every generated event's details are valid for its type`, async () => {
  const events = await listEvents(a.db, { limit: 100_000 });
  const bad = events.flatMap((e) => {
    const r = parseEventDetails(e.type, e.details);
    return r.success ? [] : [`${e.id} ${e.type} ${JSON.stringify(e.details)}: ${r.error.issues[0]?.message}`];
  });
  assert.deepEqual(bad, []);
});

test(`${T} court orders cover real people and the timelines point at them`, async () => {
  const orders = await listOrders(a.db);
  assert.ok(orders.length >= 4, `${orders.length} orders`);
  const people = new Set((await listPeople(a.db, { limit: 10_000 })).map((p) => p.id));
  for (const o of orders) {
    assert.ok(o.covers.people.length > 0);
    for (const p of o.covers.people) assert.ok(people.has(p), `${o.id} covers ${p}`);
  }
  const ids = new Set(orders.map((o) => o.id));
  const refs = (await listEvents(a.db, { limit: 100_000, type: "COURT_ORDER" })).map((e) =>
    String(e.details.order),
  );
  assert.ok(refs.length > 0 && refs.every((r) => ids.has(r)));
  const aea = orders.filter((o) => o.covers.class_definition);
  assert.equal(aea.length, 3, "one class order per AEA class");
  assert.ok((await listMatters(a.db)).every((m) => m.people.length > 0));
  assert.ok((await listFacilities(a.db)).length > 20, "facilities generated when none were imported");
});

test(`${T} search finds generated people by misspelled names`, async () => {
  const people = (await listPeople(a.db, { limit: 1000 }))
    .filter((p) => p.kind === "individual")
    .slice(0, 25);
  let found = 0;
  for (const p of people) {
    // No accents, and the first surname's last letter dropped: what a hurried clerk types.
    const plain = p.full_name.normalize("NFD").replace(/\p{M}/gu, "");
    const s1 = (p.first_surname ?? "").normalize("NFD").replace(/\p{M}/gu, "");
    const q = s1.length > 4 ? plain.replace(s1, s1.slice(0, -1)) : plain;
    const hits = await searchPeople(a.db, q, OPERATOR, { limit: 5 });
    if (hits.some((h) => h.person.full_name === p.full_name)) found++;
  }
  assert.ok(found >= 24, `${found}/25 found`);
});

test(`${T} a database that already holds people, or this seed, is refused`, async () => {
  await assert.rejects(generateDataset(a.db, { people: 10, events: 10, seed: 11 }), /seed 11/);
  await assert.rejects(
    generateDataset(a.db, { people: 10, events: 10, seed: 99 }),
    /already holds 400 people/,
  );
  await assert.rejects(generateDataset(a.db, { people: 0, events: 10 }), /--people/);
});

test("name lists: read by frequency when present, a built-in list when absent", {
  skip: !existsSync(NAMES),
}, () => {
  const lists = loadNamePools(NAMES);
  assert.equal(lists.from, "lists");
  assert.ok((lists.sets.get("mx")?.surname1.names.length ?? 0) > 1000);
  assert.equal(
    lists.sets.get("mx")?.surname1.names[0],
    "Hernandez",
    "the most frequent Mexican surname first",
  );
  assert.equal(loadNamePools("/nonexistent/names").from, "built-in");
  assert.equal(tidyName("MARIA DE LA LUZ"), "Maria de la Luz");
  assert.equal(tidyName("MUÃ¿OZ"), null, "mojibake is skipped");
});
