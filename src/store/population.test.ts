// Population rows and import runs on either engine: upserts, large batches, series and latest totals.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import pg from "pg";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import {
  addToImportRun,
  countPopulationRows,
  findImportRun,
  finishImportRun,
  latestPopulationByFacility,
  latestPopulationTotal,
  listImportRuns,
  type PopulationRow,
  populationSeries,
  startImportRun,
  upsertPopulation,
} from "./population.ts";

let store: TestStore;
before(async () => {
  store = await openTestStore();
});
after(() => store.close());

const row = (
  facility_code: string,
  date: string,
  n: number,
  extra: Partial<PopulationRow> = {},
): PopulationRow => ({
  facility_code,
  date,
  n_detained: n,
  n_detained_at_midnight: n,
  n_male: null,
  n_female: null,
  n_convicted_criminal: null,
  n_possibly_under_18: null,
  facility_name: `Facility ${facility_code}`,
  ...extra,
});

test(`[${TEST_ENGINE}] upserts replace the row for a facility and day; nulls and names round-trip`, async () => {
  await upsertPopulation(store.db, [row("AAAAAAA", "2024-01-01", 5), row("AAAAAAA", "2024-01-02", 6)]);
  await upsertPopulation(store.db, [
    row("AAAAAAA", "2024-01-02", 9, { n_male: 7, n_female: 2, facility_name: "Renamed" }),
    row("AAAAAAA", "2024-01-03", 4, { n_detained_at_midnight: null }),
  ]);
  assert.equal(await countPopulationRows(store.db, { facility: "AAAAAAA" }), 3);
  const series = await populationSeries(store.db, "AAAAAAA");
  assert.deepEqual(
    series.map((r) => [r.date, r.n_detained, r.n_male, r.n_detained_at_midnight]),
    [
      ["2024-01-01", 5, null, 5],
      ["2024-01-02", 9, 7, 9],
      ["2024-01-03", 4, null, null],
    ],
  );
  assert.equal(series[1]!.facility_name, "Renamed");
  assert.deepEqual(
    (await populationSeries(store.db, "AAAAAAA", { from: "2024-01-02", to: "2024-01-02" })).map(
      (r) => r.date,
    ),
    ["2024-01-02"],
  );
});

test(`[${TEST_ENGINE}] a key repeated within one batch keeps its last row`, async () => {
  await upsertPopulation(store.db, [row("BBBBBBB", "2024-01-01", 1), row("BBBBBBB", "2024-01-01", 2)]);
  const [r] = await populationSeries(store.db, "BBBBBBB");
  assert.equal(r?.n_detained, 2);
});

test(`[${TEST_ENGINE}] a batch far past the bind-parameter limits goes in as one call, codes stay text`, async () => {
  const rows: PopulationRow[] = [];
  const start = Date.UTC(2020, 0, 1);
  for (let i = 0; i < 20_000; i++) {
    const code = `0${String(i % 8).padStart(6, "0")}`; // all digits: must not come back as a number
    rows.push(row(code, new Date(start + Math.floor(i / 8) * 86_400_000).toISOString().slice(0, 10), i % 97));
  }
  await upsertPopulation(store.db, rows);
  assert.equal(await countPopulationRows(store.db, { facility: "0000003" }), 2500);
  const [first] = await populationSeries(store.db, "0000003");
  assert.equal(first?.facility_code, "0000003");
  assert.equal(first?.n_detained, 3);
});

test(`[${TEST_ENGINE}] latest totals take each facility's newest day`, async () => {
  await upsertPopulation(store.db, [row("CCCCCCC", "2030-01-01", 100), row("CCCCCCC", "2029-12-31", 1)]);
  const latest = await latestPopulationByFacility(store.db);
  const c = latest.find((r) => r.facility_code === "CCCCCCC");
  assert.deepEqual([c?.date, c?.n_detained], ["2030-01-01", 100]);
  assert.equal(latest[0]?.facility_code, "CCCCCCC", "largest population first");
  assert.equal(new Set(latest.map((r) => r.facility_code)).size, latest.length);
  const total = await latestPopulationTotal(store.db);
  assert.equal(total.asOf, "2030-01-01");
  assert.equal(
    total.total,
    latest.reduce((s, r) => s + r.n_detained, 0),
  );
});

test(`[${TEST_ENGINE}] an import run adds up its batches and records how it ended`, async () => {
  const id = await startImportRun(store.db, "ddp", "/tmp/x.csv");
  assert.equal((await findImportRun(store.db, id))?.status, "running");
  await addToImportRun(store.db, id, 10, 1);
  await addToImportRun(store.db, id, 5, 0);
  await finishImportRun(store.db, id, "done");
  const run = await findImportRun(store.db, id);
  assert.deepEqual([run?.rows, run?.bad_rows, run?.status], [15, 1, "done"]);
  assert.ok(run?.finished_at);
  assert.equal((await listImportRuns(store.db))[0]?.id, id);
});

// Names that COPY's text format must escape (PostgreSQL) and that must come back exactly on both engines.
const AWKWARD = [
  "TAB\tSEPARATED",
  "LINE\nBREAK",
  "CARRIAGE\r\nRETURN",
  "BACK\\SLASH \\N \\t \\\\.",
  "\\N",
  "\\.",
  "",
  '  "QUOTED", COMMA; ÁÉÍ 監獄 🏛  ',
];

test(`[${TEST_ENGINE}] awkward names round-trip, new and replacing stored days alike`, async () => {
  const batch = (n: number) =>
    AWKWARD.map((name, i) =>
      row("DDDDDDD", `2024-02-${String(i + 1).padStart(2, "0")}`, n, { facility_name: name }),
    );
  await upsertPopulation(store.db, batch(1));
  const stored = await populationSeries(store.db, "DDDDDDD");
  assert.deepEqual(
    stored.map((r) => r.facility_name),
    AWKWARD,
  );
  // The same days again with the names reversed: every row conflicts and is replaced.
  await upsertPopulation(
    store.db,
    batch(2).map((r, i) => ({ ...r, facility_name: AWKWARD[AWKWARD.length - 1 - i]! })),
  );
  const replaced = await populationSeries(store.db, "DDDDDDD");
  assert.deepEqual(
    replaced.map((r) => [r.n_detained, r.facility_name]),
    AWKWARD.map((_, i) => [2, AWKWARD[AWKWARD.length - 1 - i]]),
  );
  const nulls = await populationSeries(store.db, "DDDDDDD", { from: "2024-02-01", to: "2024-02-01" });
  assert.deepEqual([nulls[0]?.n_male, nulls[0]?.n_possibly_under_18], [null, null]);
});

test(`[${TEST_ENGINE}] a batch that meets stored days upserts them and inserts the rest`, async () => {
  await upsertPopulation(
    store.db,
    [1, 2, 3].map((d) => row("EEEEEEE", `2024-03-0${d}`, d)),
  );
  // Days 3–5 of EEEEEEE (day 3 stored) and a facility with nothing stored, written in one transaction
  // with a second batch, as the importer's caller may.
  await store.db.transaction().execute(async (tx) => {
    await upsertPopulation(tx, [
      ...[3, 4, 5].map((d) => row("EEEEEEE", `2024-03-0${d}`, d * 10)),
      row("FFFFFFF", "2024-03-03", 7),
    ]);
    await upsertPopulation(tx, [row("EEEEEEE", "2024-03-05", 55), row("FFFFFFF", "2024-03-04", 8)]);
  });
  assert.deepEqual(
    (await populationSeries(store.db, "EEEEEEE")).map((r) => [r.date, r.n_detained]),
    [
      ["2024-03-01", 1],
      ["2024-03-02", 2],
      ["2024-03-03", 30],
      ["2024-03-04", 40],
      ["2024-03-05", 55],
    ],
  );
  assert.equal(await countPopulationRows(store.db, { facility: "FFFFFFF" }), 2);
});

test(`[${TEST_ENGINE}] a batch that fails leaves nothing of itself`, async () => {
  const before = await countPopulationRows(store.db);
  await assert.rejects(
    upsertPopulation(store.db, [
      row("GGGGGGG", "2024-04-01", 1),
      row("GGGGGGG", "2024-04-02", null as unknown as number), // n_detained is NOT NULL
    ]),
  );
  assert.equal(await countPopulationRows(store.db), before);
});

test(`[${TEST_ENGINE}] a day stored by a concurrent writer after the check is replaced, not an error`, {
  skip: TEST_ENGINE !== "postgres" && "PostgreSQL only",
}, async () => {
  if (store.target.engine !== "postgres") return;
  const other = new pg.Client({ connectionString: store.target.url });
  await other.connect();
  try {
    await other.query("BEGIN");
    await other.query(
      "INSERT INTO facility_population (facility_code, date, n_detained) VALUES ('HHHHHHH', '2024-05-02', 1)",
    );
    // The check cannot see the uncommitted day, so the batch goes in plainly and waits on its key ...
    const writing = upsertPopulation(store.db, [
      row("HHHHHHH", "2024-05-01", 10),
      row("HHHHHHH", "2024-05-02", 20),
    ]);
    for (let waiting = 0; !waiting; ) {
      const r = await other.query("SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted");
      waiting = r.rows[0].n;
    }
    // ... until the other writer commits: then it is undone and upserted.
    await other.query("COMMIT");
    await writing;
  } finally {
    await other.end();
  }
  assert.deepEqual(
    (await populationSeries(store.db, "HHHHHHH")).map((r) => [r.date, r.n_detained]),
    [
      ["2024-05-01", 10],
      ["2024-05-02", 20],
    ],
  );
});
