// Fuzzy person search among thousands who share common names: rare and misspelled names still come first,
// and the viewer's scope applies after ranking, so hidden people never crowd out visible ones.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { z } from "zod";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { PersonInputSchema } from "../domain/model.ts";
import { ANONYMOUS, OPERATOR, type Viewer } from "../domain/policy.ts";
import { type BulkPerson, openBulkWriter } from "../store/bulk.ts";
import { nameCandidates } from "../store/search.ts";
import { searchPeople } from "./search-people.ts";

const T = `[${TEST_ENGINE}]`;
const GIVEN = ["José", "Juan", "María", "Luis", "Carlos", "Ana"];
const SURNAMES = ["García", "Hernández", "López", "Martínez", "Rodríguez", "Pérez", "González", "Sánchez"];

const person = (
  id: string,
  full_name: string,
  more: Partial<z.input<typeof PersonInputSchema>> = {},
): BulkPerson => ({
  id,
  data: PersonInputSchema.parse({ full_name, ...more }),
});

// 3,000 people with six given names and eight surnames: every trigram of "José", "García" or "Sánchez"
// indexes hundreds of them. Never "Ana Sánchez Hernández": her second surname is never drawn after those.
const crowd = Array.from({ length: 3000 }, (_, i) =>
  person(`c-${i}`, `${GIVEN[i % 6]} ${SURNAMES[i % 8]} ${SURNAMES[(i * 3 + 1) % 8]}`),
);
const sought = [
  person("rare", "Yuridia Xochiquetzal García"),
  person("common", "Ana Sánchez Hernández"),
  // Three in another team's private cases whose names match the query best, one in the viewer's team,
  // one public.
  ...["b1", "b2", "b3"].map((id) => person(id, "Eulalia Ibarra Quintero", { team: "b" })),
  person("a1", "Eulalia Ibarra Quintana", { team: "a" }),
  person("pub", "Eulalia Ibarra", { team: "b", consent: { public_record: true } }),
];

let store: TestStore;
before(async () => {
  store = await openTestStore();
  const writer = await openBulkWriter(store.db);
  try {
    await writer.write({ people: [...crowd, ...sought] });
  } finally {
    await writer.close();
  }
});
after(() => store.close());

const first = async (q: string, viewer: Viewer = OPERATOR) =>
  (await searchPeople(store.db, q, viewer, { limit: 5 }))[0]?.person.id;

test(`${T} a rare name is found first, misspelled, among thousands sharing its common words`, async () => {
  for (const q of [
    "Yuridia Xochiquetzal Garcia",
    "Yuridia Xochiquetsal García",
    "yuridai garcia",
    "Xochiquetzal",
  ])
    assert.equal(await first(q), "rare", q);
});

test(`${T} a name made only of common words is found first, misspelled`, async () => {
  for (const q of ["Ana Sanchez Hernandez", "Ana Sanches Hernandez", "ana sanchez hernandes"])
    assert.equal(await first(q), "common", q);
});

test(`${T} when common words cost more postings than the budget, the rarest decide who is a candidate`, async () => {
  // With a budget below any word's postings, only the single rarest trigram finds candidates; all the
  // words' trigrams still rank them.
  for (const [q, want] of [
    ["Ana Sanchez Hernandez", "common"],
    ["Yuridia Xochiquetsal Garcia", "rare"],
  ] as const) {
    const ids = await nameCandidates(store.db, q, { limit: 5, postingsBudget: 1 });
    assert.equal(ids[0], want, `${q} → ${ids.join(",")}`);
  }
});

test(`${T} people the viewer may not see never take the places of those they may`, async () => {
  const lawyer: Viewer = { role: "lawyer", userId: "u", team: "a" };
  const ids = async (viewer: Viewer, limit: number) =>
    (await searchPeople(store.db, "Eulalia Ibarra Quintero", viewer, { limit })).map((m) => m.person.id);
  assert.deepEqual((await ids(OPERATOR, 3)).sort(), ["b1", "b2", "b3"]);
  assert.deepEqual(await ids(lawyer, 2), ["a1", "pub"]);
  assert.deepEqual(await ids(ANONYMOUS, 5), ["pub"]);
});

test(`${T} a person written after the trigram counts were read is found at once`, async () => {
  assert.equal(await first("Yuridia Garcia"), "rare");
  const writer = await openBulkWriter(store.db);
  try {
    await writer.write({ people: [person("new", "Zenobia Quetzalli Ybarra")] });
  } finally {
    await writer.close();
  }
  assert.equal(await first("Zenobia Quetzali Ybarra"), "new");
});
