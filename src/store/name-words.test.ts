// The name-word index (migration 090): which words of a text name someone who did not consent among the people
// a set of sources touches, looked up word by word, agrees with reading all their names; it follows renames.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { PersonInputSchema } from "../domain/model.ts";
import { saveMatter, saveOrder, saveSource } from "./catalog.ts";
import { privateNameWords } from "./citations.ts";
import { saveEvent } from "./events.ts";
import { savePerson } from "./people.ts";

const T = `[${TEST_ENGINE}]`;
let store: TestStore;

const person = (id: string, full_name: string, sources: string[], extra: object = {}) =>
  savePerson(
    store.db,
    id,
    PersonInputSchema.parse({ id, full_name, sources: sources.map((source) => ({ source })), ...extra }),
  );

before(async () => {
  store = await openTestStore();
  for (const id of ["s1", "s2"])
    await saveSource(store.db, {
      id,
      publisher: "Court",
      title: `Report ${id}`,
      url: `https://example.org/${id}`,
      reliability: "primary",
      kind: "court_record",
    });
  await person("juan", "Juan Pérez-Quintana", ["s1"], { aliases: ["Juanito Pérez"] });
  await person("ana", "Ana O'Brien de la Cruz", []);
  await saveEvent(store.db, {
    id: "ana-e1",
    person: "ana",
    type: "CONTACT",
    at: "2025-04-01T12:00:00.000Z",
    precision: "day",
    tz: "UTC",
    summary: "Called",
    details: {},
    citations: [{ source: "s1" }],
  });
  await person("rosa", "Rosa Quintana", ["s1"], { consent: { public_record: true } });
  await person("luis", "Luis Ortega", ["s2"]);
  await person("marta", "Marta Ruiz", []);
  await saveMatter(
    store.db,
    { id: "m1", caption: "Ruiz v. Noem", court: "D. Md.", parties: [], people: [] },
    [],
  );
  await person("pia", "Pía López", []);
  await saveMatter(
    store.db,
    { id: "m2", caption: "In re P. L.", court: "D. Md.", parties: [], people: ["pia"] },
    [{ source: "s1" }],
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
      covers: { people: ["marta"] },
      bars: [],
      summary: "Facilitate return",
    },
    [{ source: "s1" }],
  );
});
after(() => store.close());

const WORDS = [
  "pia",
  "lopez",
  "juan",
  "juanito",
  "perez",
  "quintana",
  "brien",
  "cruz",
  "rosa",
  "luis",
  "ortega",
  "marta",
  "ruiz",
  "report",
];

test(`${T} the private words among a text's are those of people who did not consent and cite the sources`, async () => {
  const found = await privateNameWords(store.db, { people: [], sources: ["s1"], words: WORDS });
  // Rosa consented, but "quintana" is also Juan's; Luis cites only s2; Ana through an event, Marta through an
  // order and Pía through a matter citing s1.
  assert.deepEqual([...found].sort(), [
    "brien",
    "cruz",
    "juan",
    "juanito",
    "lopez",
    "marta",
    "perez",
    "pia",
    "quintana",
    "ruiz",
  ]);
  assert.deepEqual(
    [...(await privateNameWords(store.db, { people: ["luis", "rosa"], sources: [], words: WORDS }))].sort(),
    ["luis", "ortega"],
  );
  assert.equal(
    (await privateNameWords(store.db, { people: [], sources: ["s2"], words: ["report"] })).size,
    0,
  );
});

test(`${T} the index follows a rename, and a person's removal`, async () => {
  await person("luis", "Luis Vidal", ["s2"]);
  const found = await privateNameWords(store.db, {
    people: [],
    sources: ["s2"],
    words: ["ortega", "vidal", "luis"],
  });
  assert.deepEqual([...found].sort(), ["luis", "vidal"]);
  await store.db.deleteFrom("citations").where("subject_id", "=", "luis").execute();
  await store.db.deleteFrom("people").where("id", "=", "luis").execute();
  const rows = await store.db
    .selectFrom("name_words")
    .select("word")
    .where("person_id", "=", "luis")
    .execute();
  assert.equal(rows.length, 0, "the words go with the person");
});
