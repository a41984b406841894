// The public release: consented people only, allow-listed fields, no restricted value anywhere, dates without
// a public source coarsened to the month, no count under 5, the audit head, safe CSV and a release diff.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { DatasetSchema, PERSON_FIELDS } from "../domain/model.ts";
import { ANONYMOUS } from "../domain/policy.ts";
import { currentAuditHead } from "./audit.ts";
import { loadDataset } from "./load-dataset.ts";
import { getPersonRecord, getPersonTimeline } from "./person-record.ts";
import {
  buildPublicDataset,
  csvCell,
  diffReleases,
  MIN_COUNT,
  PUBLIC_PERSON_FIELDS,
  PUBLIC_TABLES,
  publicTable,
  suppress,
  toCsv,
} from "./public-dataset.ts";
import { publicEventId } from "./public-projection.ts";

let store: TestStore;
const SECRET = [
  "QQsecret",
  "A321-654-987",
  "321-654-987",
  "1999-09-09",
  "QQaddr",
  "QQfam",
  "QQmed",
  "QQtestimony",
  "QQplace",
  "QQcounsel",
];

before(async () => {
  store = await openTestStore();
  const people = [
    {
      id: "pub-1",
      full_name: "Público Uno",
      nationalities: ["VE"],
      consent: { publish: true },
      a_number: "A321-654-987",
      birth_date: "1999-09-09",
      notes: "QQsecret",
      home_address: "QQaddr",
      family_contacts: "QQfam",
      medical_notes: "QQmed",
      protections: [{ kind: "CAT_deferral", country: "VE", granted_on: "2019-05-17", note: "QQsecret" }],
      sources: [{ source: "s-news" }],
    },
    // Six more public Venezuelans and two Salvadorans.
    ...Array.from({ length: 6 }, (_, i) => ({
      id: `ve-${i}`,
      full_name: `Venezolano ${i}`,
      nationalities: ["VE"],
      consent: { public_record: true },
    })),
    ...Array.from({ length: 2 }, (_, i) => ({
      id: `sv-${i}`,
      full_name: `Salvadoreño ${i}`,
      nationalities: ["SV"],
      consent: { public_record: true },
    })),
    { id: "priv-1", full_name: "QQprivate Persona", nationalities: ["CU"], notes: "QQsecret" },
  ];
  await loadDataset(
    store.db,
    DatasetSchema.parse({
      sources: [
        {
          id: "s-news",
          publisher: "Diario",
          title: "Detenido en Texas",
          kind: "news",
          url: "https://example.org/a",
        },
        { id: "s-test", publisher: "Hotline", title: "QQtestimony from the mother", kind: "testimony" },
      ],
      facilities: [{ id: "dilley", name: "Dilley", country: "US", state: "TX" }],
      people,
      matters: [
        {
          id: "m-pub",
          caption: "Uno v. Noem",
          court: "S.D. Tex.",
          docket_number: "4:25-cv-1",
          people: ["pub-1", "priv-1"],
          parties: ["QQprivate Persona"],
        },
        { id: "m-priv", caption: "QQprivate matter", court: "Nowhere", people: ["priv-1"] },
      ],
      orders: [
        {
          id: "o-1",
          matter: "m-pub",
          kind: "TRO",
          issued: "2025-04-01 10:15",
          tz: "America/Chicago",
          summary: "No transfer.",
          covers: { people: ["pub-1", "priv-1"] },
          bars: ["transfer"],
        },
      ],
      events: [
        // Backed by a news source: the date stays exact.
        {
          id: "ev-news",
          person: "pub-1",
          type: "ARREST",
          when: "2025-03-10 06:30",
          tz: "America/Chicago",
          place: "QQplace",
          summary: "Arrested.",
          details: { warrant: "administrative", agency: "QQsecret agency" },
          sources: [{ source: "s-news" }],
        },
        // Backed only by testimony: the month, and the testimony is not cited.
        {
          id: "ev-test",
          person: "pub-1",
          type: "TRANSFER",
          when: "2025-03-14 22:00",
          tz: "America/Chicago",
          facility: "dilley",
          summary: "Moved to Dilley.",
          sources: [{ source: "s-test" }],
        },
        {
          id: "ev-lawyer",
          person: "pub-1",
          type: "COUNSEL_RETAINED",
          when: "2025-03-20",
          tz: "UTC",
          summary: "Counsel retained.",
          details: { counsel: "QQcounsel" },
        },
        {
          id: "ev-priv",
          person: "priv-1",
          type: "ARREST",
          when: "2025-03-11",
          tz: "UTC",
          summary: "QQprivate arrest.",
        },
      ],
      claims: [
        {
          id: "c-1",
          subject: "Dilley",
          predicate: "population",
          value: "2000",
          sources: [{ source: "s-news" }],
        },
        { id: "c-2", subject: "QQtestimony", predicate: "said", value: "x", sources: [{ source: "s-test" }] },
        // About a person who did not consent, from a public source: released with their initials.
        {
          id: "c-3",
          subject: "QQprivate Persona's detention",
          predicate: "place",
          value: "Dilley",
          sources: [{ source: "s-news" }],
        },
      ],
    }),
  );
});
after(() => store.close());
const T = `[${TEST_ENGINE}]`;

test(`${T} the release lists consented people only, with allow-listed public fields`, async () => {
  const ds = await buildPublicDataset(store.db);
  assert.deepEqual(ds.people.map((p) => p.id).sort(), [
    "pub-1",
    "sv-0",
    "sv-1",
    "ve-0",
    "ve-1",
    "ve-2",
    "ve-3",
    "ve-4",
    "ve-5",
  ]);
  for (const f of PUBLIC_PERSON_FIELDS) assert.equal(PERSON_FIELDS[f], "public", `${f} is public`);
  const p = ds.people.find((x) => x.id === "pub-1");
  assert.deepEqual(
    Object.keys(p ?? {}).sort(),
    [
      "citizenship_status",
      "full_name",
      "id",
      "kind",
      "nationalities",
      "protections",
      "sources",
      "aliases",
      "unverified",
    ].sort(),
  );
  assert.deepEqual(p?.protections, [{ kind: "CAT_deferral", country: "VE", granted: "2019-05" }]);
  // Event ids are opaque in public: they carry neither a date nor a kind.
  assert.deepEqual(
    ds.events.map((e) => e.id).sort(),
    ["ev-lawyer", "ev-news", "ev-test"].map(publicEventId).sort(),
  );
  assert.deepEqual(
    ds.matters.map((m) => [m.id, m.people, m.parties]),
    [["m-pub", ["pub-1"], []]],
  );
  assert.deepEqual(ds.orders[0]?.covers.people, ["pub-1"]);
  assert.deepEqual(
    ds.sources.map((s) => s.id),
    ["s-news"],
  );
  assert.deepEqual(
    ds.claims.map((c) => [c.id, c.subject]),
    [
      ["c-1", "Dilley"],
      ["c-3", "Q. P. detention"],
    ],
  );
  assert.deepEqual(ds.audit_head, await currentAuditHead(store.db));
});

test(`${T} no restricted value, private record or private source appears anywhere in JSON or CSV`, async () => {
  const ds = await buildPublicDataset(store.db);
  const texts = [JSON.stringify(ds), ...PUBLIC_TABLES.map((t) => toCsv(publicTable(ds, t)))];
  for (const text of texts)
    for (const s of [...SECRET, "QQprivate", "priv-1"]) assert.equal(text.includes(s), false, `${s} leaked`);
});

test(`${T} dates not backed by a public source are given to the month`, async () => {
  const ds = await buildPublicDataset(store.db);
  const events = new Map(ds.events.map((e) => [e.id, e]));
  const byId = { get: (id: string) => events.get(publicEventId(id)) };
  assert.deepEqual(
    [byId.get("ev-news")?.date, byId.get("ev-news")?.precision],
    ["2025-03-10T11:30:00.000Z", "minute"],
  );
  assert.deepEqual(
    [byId.get("ev-test")?.date, byId.get("ev-test")?.precision, byId.get("ev-test")?.sources],
    ["2025-03", "month", []],
  );
  assert.deepEqual([byId.get("ev-lawyer")?.date, byId.get("ev-lawyer")?.details], ["2025-03", {}]);
  assert.deepEqual(byId.get("ev-news")?.details, { warrant: "administrative" });
});

test(`${T} no count under ${MIN_COUNT}: small cells are withheld, and so is what would give them away`, async () => {
  const ds = await buildPublicDataset(store.db);
  const numbers: number[] = [];
  const walk = (v: unknown) => {
    if (typeof v === "number") numbers.push(v);
    else if (v && typeof v === "object") for (const x of Object.values(v)) walk(x);
  };
  walk(ds.stats);
  assert.ok(numbers.length > 3);
  for (const n of numbers) assert.ok(n >= MIN_COUNT, `count ${n} in stats`);
  // 7 Venezuelans and 2 Salvadorans: with the total of 9 shown, "VE 7" would give away "SV 2", so both
  // are withheld and only their pool of 9 is shown.
  assert.deepEqual(ds.stats.by_nationality, [{ key: "(other)", count: 9 }]);
  assert.equal(ds.stats.people, 9);
  const csv = toCsv(publicTable(ds, "stats"));
  assert.doesNotMatch(csv, /,[0-4]\r\n/);
});

test("suppression withholds the next-smallest cells until the withheld total is itself safe", () => {
  const m = (o: Record<string, number>) => new Map(Object.entries(o));
  assert.deepEqual(suppress(m({ a: 10, b: 6, c: 2 })), [
    { key: "a", count: 10 },
    { key: "(other)", count: 8 },
  ]);
  assert.deepEqual(suppress(m({ a: 10, b: 3, c: 3 })), [
    { key: "a", count: 10 },
    { key: "(other)", count: 6 },
  ]);
  assert.deepEqual(suppress(m({ a: 3 })), []);
  assert.deepEqual(suppress(m({ a: 5, b: 0 })), [{ key: "a", count: 5 }]);
});

test("CSV cells are quoted, and formulas are neutralised for spreadsheets", () => {
  assert.equal(csvCell('say "hi", then'), '"say ""hi"", then"');
  assert.equal(csvCell('=HYPERLINK("http://x")'), '"\'=HYPERLINK(""http://x"")"');
  assert.equal(csvCell("+1 555"), "'+1 555");
  assert.equal(csvCell("-2"), "'-2");
  assert.equal(csvCell(-2), "-2");
  assert.equal(csvCell(null), "");
});

test(`${T} the diff between two releases names what was added, removed and changed`, async () => {
  const a = await buildPublicDataset(store.db);
  const b = structuredClone(a);
  b.people = b.people.filter((p) => p.id !== "sv-1");
  const first = b.people[0];
  if (first) first.summary = "Changed summary.";
  b.events.push({ ...(b.events[0] as (typeof b.events)[number]), id: "ev-added" });
  const d = diffReleases(a, b);
  assert.deepEqual(d.people.removed, ["sv-1"]);
  assert.deepEqual(d.people.changed, first ? [{ id: first.id, fields: ["summary"] }] : []);
  assert.deepEqual(d.events.added, ["ev-added"]);
  assert.deepEqual(diffReleases(undefined, a).people.added.length, a.people.length);
});

test(`${T} the public timeline is the public record's timeline, read without the rest of the record`, async () => {
  for (const id of ["pub-1", "sv-0"]) {
    const rec = await getPersonRecord(store.db, id, ANONYMOUS);
    assert.deepEqual(await getPersonTimeline(store.db, id, ANONYMOUS), rec.events);
  }
  await assert.rejects(getPersonTimeline(store.db, "priv-1", ANONYMOUS), /no person with id priv-1/);
});
