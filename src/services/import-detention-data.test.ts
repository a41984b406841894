// Importing detention data on either engine: bad rows, refused files, re-imports, a killed import, ICE sheets.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { sql } from "kysely";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { AppError } from "../domain/errors.ts";
import { DDP_COLUMNS } from "../ingest/detention-data/ddp.ts";
import { countFacilities, findFacilityByDetloc, findFacilityById, saveFacility } from "../store/catalog.ts";
import { openStore } from "../store/db.ts";
import { findFacilityPlaces, listFacilityAliases } from "../store/facility-registry.ts";
import { countPopulationRows, findImportRun, listImportRuns, populationSeries } from "../store/population.ts";
import { searchText } from "../store/search.ts";
import {
  detectImportKind,
  importDdpFile,
  importDetentionDataFile,
  importIceFacilitiesFile,
} from "./import-detention-data.ts";

const SHARED = new URL("../../../shared/data/ice-stats/", import.meta.url);
let store: TestStore;
let dir: string;
before(async () => {
  store = await openTestStore();
  dir = mkdtempSync(join(tmpdir(), "habeas-import-"));
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

let fileNo = 0;
function file(text: string | Buffer, name = `f${fileNo++}.csv`): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const HEADER = DDP_COLUMNS.join(",");
const day = (i: number) => new Date(Date.UTC(2023, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
/** `days` daily rows for each code, the population derived from code and day so re-imports can be checked. */
function ddp(
  codes: [string, string][],
  days: number,
  value = (c: number, d: number) => c * 10 + (d % 7),
): string {
  const lines = [HEADER];
  codes.forEach(([code, name], c) => {
    for (let d = 0; d < days; d++) {
      const n = value(c, d);
      lines.push(`${code},${day(d)},${n},${n},${n},0,0,0,"${name}"`);
    }
  });
  return `${lines.join("\n")}\n`;
}

/** What the store holds, to show that a refused import changed nothing. */
async function snapshot() {
  const runs = await listImportRuns(store.db, { limit: 1000 });
  return {
    population: await countPopulationRows(store.db),
    facilities: await countFacilities(store.db),
    runs: runs.length,
    series: await populationSeries(store.db, "SNAPSHT"),
  };
}

const isBadInput = (re: RegExp) => (e: unknown) => {
  assert.ok(e instanceof AppError, String(e));
  assert.equal(e.code, "BAD_INPUT");
  assert.match(e.message, re);
  assert.ok(!e.message.includes("\n"), "one line");
  return true;
};

// ---------- detecting the kind ----------
const ICE_SHEET = (fy: string, rows: string[]) =>
  [
    '"These statistics are made available pursuant to an act.",,,,,,,,,,,,,,,,,,,',
    `"ICE FACILITIES DATA, ${fy}",,,,,,,,,,,,,,,,,,,`,
    `Facility Information,,,,,,,,Facility Average Length of Stay,${fy} ADP: Detainee Classification Level,,,,${fy} ADP: Criminality,,,,${fy} ADP: Mandatory,`,
    '"Data Source: ICE Integrated Decision Support (IIDS), 09/15/2025",,,,,,,,,,,,,,,,,,,',
    `Name,Address,City,State,Zip,AOR,Type Detailed,Male/Female,${fy} ALOS,Level A,Level B,Level C,Level D,Male Crim,Male Non-Crim,Female Crim,Female Non-Crim,Mandatory,Guaranteed Minimum`,
    ...rows,
    "[1] (BCORCPA) BERKS COUNTY RESIDENTIAL CENTER houses single adults.,,,,,,,,,,,,,,,,,,,",
  ].join("\n");

test("the kind of a file is told from its first lines; anything else is refused in one line", async () => {
  assert.equal(await detectImportKind(file(ddp([["AAAAAAA", "A"]], 2))), "ddp");
  assert.equal(
    await detectImportKind(file(`${HEADER},extra\n`)),
    "ddp",
    "a DDP file with a wrong column goes to the DDP reader",
  );
  assert.equal(await detectImportKind(file(ICE_SHEET("FY25", []))), "ice-facilities");
  await assert.rejects(
    detectImportKind(file("Month,Detained\nOctober,5\n")),
    isBadInput(/is not a file habeas can import/),
  );
  await assert.rejects(
    detectImportKind(file("Name,City,State\nA,B,TX\n")),
    isBadInput(/is not a file habeas can import/),
  );
  await assert.rejects(detectImportKind(join(dir, "nope.csv")), isBadInput(/^file not found: /));
  await assert.rejects(detectImportKind(file("")), isBadInput(/ is empty$/));
  const folder = join(dir, "folder.csv");
  mkdirSync(folder);
  await assert.rejects(detectImportKind(folder), isBadInput(/is a folder/));
  await assert.rejects(
    detectImportKind(file(Buffer.from([0x50, 0x4b, 3, 4, 0, 0]))),
    isBadInput(/not a text file/),
  );
});

// ---------- DDP ----------
// Parsed in this thread and in a worker thread (ingest/detention-data/ddp-file.ts): the same result.
for (const [parseInWorker, code] of [
  [false, "BADROWS"],
  [true, "BADROWW"],
] as const)
  test(`[${TEST_ENGINE}] bad rows are reported with their lines and skipped; the run says how many${parseInWorker ? " (parsed in a worker thread)" : ""}`, async () => {
    const text = [
      HEADER,
      "BADROWS,2023-01-01,5,5,5,0,0,0,BAD ROWS JAIL",
      "BADROWS,2023-01-02,x,5,5,0,0,0,BAD ROWS JAIL",
      "BADROWS,2023-01-03,5,5,5,0,0,0,BAD ROWS JAIL",
      "BADROWS,2023-13-04,5,5,5,0,0,0,BAD ROWS JAIL",
      "BADROWS,2023-01-05,5,5",
      "BADROWS,2023-01-06,6,6,6,0,0,0,BAD ROWS JAIL",
    ]
      .join("\n")
      .replaceAll("BADROWS", code);
    const r = await importDdpFile(store.db, file(`${text}\n`), { batchSize: 2, parseInWorker });
    assert.equal(r.kind, "ddp");
    assert.equal(r.rows, 3);
    assert.equal(r.inserted, 3);
    assert.equal(r.badCount, 3);
    assert.deepEqual(
      r.bad.map((b) => b.line),
      [3, 5, 6],
    );
    assert.match(r.bad[0]!.message, /n_detained "x" is not a whole number/);
    const run = await findImportRun(store.db, r.runId);
    assert.deepEqual([run?.status, run?.rows, run?.bad_rows], ["done", 3, 3]);
    assert.deepEqual(
      (await populationSeries(store.db, code)).map((p) => p.date),
      ["2023-01-01", "2023-01-03", "2023-01-06"],
    );
  });

test(`[${TEST_ENGINE}] re-importing a file changes nothing: same counts, no duplicates`, async () => {
  const path = file(
    ddp(
      [
        ["REIMP01", "REIMPORT ONE"],
        ["REIMP02", "REIMPORT TWO HOLD ROOM"],
      ],
      30,
    ),
  );
  const progress: [number, number, number][] = [];
  const first = await importDdpFile(store.db, path, { batchSize: 7, onProgress: (...p) => progress.push(p) });
  const counts = { pop: await countPopulationRows(store.db), fac: await countFacilities(store.db) };
  assert.deepEqual(
    [first.rows, first.inserted, first.updated, first.facilitiesAdded, first.badCount],
    [60, 60, 0, 2, 0],
  );
  // Parsed in a worker thread this time: the same rows again.
  const second = await importDdpFile(store.db, path, { batchSize: 25, parseInWorker: true });
  assert.deepEqual([second.rows, second.inserted, second.updated, second.facilitiesAdded], [60, 0, 60, 0]);
  assert.deepEqual(
    { pop: await countPopulationRows(store.db), fac: await countFacilities(store.db) },
    counts,
  );
  assert.equal(await countPopulationRows(store.db, { facility: "REIMP01" }), 30);
  // Progress: one call per batch, rows only growing, ending at every row and every byte.
  assert.equal(progress.length, Math.ceil(60 / 7));
  assert.ok(progress.every((p, i) => i === 0 || p[0] > progress[i - 1]![0]));
  assert.deepEqual(progress.at(-1), [60, statSync(path).size, statSync(path).size]);
  const hold = await findFacilityByDetloc(store.db, "REIMP02");
  assert.deepEqual(
    [hold?.id, hold?.name, hold?.kind, hold?.country],
    ["ddp-reimp02", "REIMPORT TWO HOLD ROOM", "hold_room", "US"],
  );
  // Registered together: each with its name as an alias, its court-map placement and its full-text entry.
  const ids = ["ddp-reimp01", "ddp-reimp02"];
  assert.deepEqual(
    (await listFacilityAliases(store.db, ids)).map((a) => [a.facility_id, a.alias, a.source]),
    [
      ["ddp-reimp01", "REIMPORT ONE", "Deportation Data Project"],
      ["ddp-reimp02", "REIMPORT TWO HOLD ROOM", "Deportation Data Project"],
    ],
  );
  const places = await findFacilityPlaces(store.db, ids);
  assert.ok(
    ids.every((id) => places.get(id)?.placement?.status),
    "every new facility is placed",
  );
  const hits = await searchText(store.db, "reimport", 10);
  assert.deepEqual(
    hits
      .filter((h) => h.kind === "facility")
      .map((h) => h.ref)
      .sort(),
    ids,
  );
});

test(`[${TEST_ENGINE}] a file overlapping stored days replaces them and adds the rest; awkward names survive`, async () => {
  // Names a CSV quotes and COPY's text format escapes: a line break, a tab, backslashes, "\N".
  const names = ["OVERLAP\nTWO LINES", 'TAB\tAND "QUOTE"', "BACK\\SLASH \\N"];
  const codes = names.map((n, i): [string, string] => [`OVERLP${i}`, n]);
  const csv = (from: number, to: number, value: number) => {
    const lines = [HEADER];
    codes.forEach(([code, name]) => {
      for (let d = from; d < to; d++)
        lines.push(`${code},${day(d)},${value},${value},0,0,0,0,"${name.replaceAll('"', '""')}"`);
    });
    return `${lines.join("\n")}\n`;
  };
  await importDdpFile(store.db, file(csv(0, 10, 1)), { batchSize: 4 });
  // Days 5–14: 5–9 are stored, 10–14 are not; batches of 4 mix both and run across facilities.
  const r = await importDdpFile(store.db, file(csv(5, 15, 2)), { batchSize: 4 });
  assert.deepEqual([r.rows, r.inserted, r.updated, r.badCount], [30, 15, 15, 0]);
  for (const [code, name] of codes) {
    const series = await populationSeries(store.db, code);
    assert.deepEqual(
      series.map((p) => p.n_detained),
      [1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2],
    );
    assert.ok(series.every((p) => p.facility_name === name));
  }
});

test(`[${TEST_ENGINE}] a richer registry entry for a DETLOC code is left as it is`, async () => {
  await saveFacility(store.db, {
    id: "adelanto",
    name: "Adelanto ICE Processing Center",
    aliases: ["Adelanto"],
    kind: "detention_center",
    country: "US",
    state: "CA",
    city: "Adelanto",
    operator: "GEO Group",
    capacity: 1940,
    codes: { DETLOC: "ADLNTCA" },
    summary: "Written by hand.",
  });
  const r = await importDdpFile(store.db, file(ddp([["ADLNTCA", "ADELANTO ICE PROCESSING CENTER"]], 3)));
  assert.equal(r.facilitiesAdded, 0);
  const f = await findFacilityById(store.db, "adelanto");
  assert.deepEqual(
    [f?.name, f?.operator, f?.capacity, f?.summary, f?.aliases],
    ["Adelanto ICE Processing Center", "GEO Group", 1940, "Written by hand.", ["Adelanto"]],
  );
  assert.equal(await findFacilityById(store.db, "ddp-adlntca"), undefined);
});

test(`[${TEST_ENGINE}] files that cannot be imported whole are refused and nothing stored changes`, async () => {
  await importDdpFile(store.db, file(ddp([["SNAPSHT", "SNAPSHOT JAIL"]], 5)));
  const before = await snapshot();
  const good = ddp([["SNAPSHT", "SNAPSHOT JAIL"]], 5, () => 999);
  const cases: [string, RegExp][] = [
    [file(good.replace(HEADER, `${HEADER},notes`)), /unknown column\(s\) "notes"/],
    [file(good.replace(",detention_facility", "")), /missing column\(s\) "detention_facility"/],
    [file(""), /is empty$/],
    [join(dir, "missing.csv"), /^file not found/],
    [file(`${good}SNAPSHT,2023-01-09,5,5`), /looks truncated: its last line has 4 of 9 fields/],
    [
      file(`${good}NEWCODE,2023-01-09,5,5,5,0,0,0,"NEW FACIL`),
      /looks truncated: its last line has an unclosed quote/,
    ],
    [file("Month,Detained\nOctober,5\n"), /not a DDP daily population file/],
  ];
  for (const [path, re] of cases) {
    await assert.rejects(importDdpFile(store.db, path), isBadInput(re));
    await assert.rejects(importDdpFile(store.db, path, { parseInWorker: true }), isBadInput(re));
    await assert.rejects(
      importDetentionDataFile(store.db, path),
      (e) => e instanceof AppError && e.code === "BAD_INPUT",
    );
  }
  assert.deepEqual(await snapshot(), before);
});

test(`[${TEST_ENGINE}] an unbalanced quote deep in a file stops the import; the run is marked failed`, async () => {
  // Without other quotes after it: a later quote would close it and the parser would resynchronise. Past the
  // first few thousand rows, which are read before the run is recorded (a fault among them refuses the file
  // as a wrong header does).
  const rows = ddp([["UNBALAN", "UNBALANCED"]], 9000)
    .replaceAll('"', "")
    .split("\n");
  rows.splice(7000, 0, 'UNBALAN,2030-01-01,1,1,1,0,0,0,"OPEN QUOTE');
  const path = file(rows.join("\n"));
  for (const parseInWorker of [false, true]) {
    const runs = (await listImportRuns(store.db)).length;
    await assert.rejects(
      importDdpFile(store.db, path, { parseInWorker, batchSize: 10_000 }),
      isBadInput(/line 7001: a quoted field runs on/),
    );
    const after = await listImportRuns(store.db);
    assert.equal(after.length, runs + 1, "the run is recorded");
    assert.equal(after[0]?.status, "failed");
    // The first rows parsed went in a batch of their own; the rows just before the fault were in the
    // unfinished batch. What is stored is whole batches, and the run counts exactly them.
    const stored = await countPopulationRows(store.db, { facility: "UNBALAN" });
    assert.ok(stored < 7000, `the rows just before it were in the unfinished batch (${stored} stored)`);
    assert.equal(after[0]?.rows, stored, "the run counts the batches written");
  }
});

test(`[${TEST_ENGINE}] an import killed with SIGKILL leaves whole batches and a run that matches them`, async () => {
  // Enough batches that the kill lands midway even on a loaded machine (it comes after the fifth).
  const total = 50_000;
  const codes = Array.from({ length: 20 }, (_, i): [string, string] => [
    `KILL${String(i).padStart(3, "0")}`,
    `KILL ${i}`,
  ]);
  const path = file(ddp(codes, total / codes.length));
  const child = join(dir, "child.mjs");
  writeFileSync(
    child,
    `const [target, path, dbModule, serviceModule] = process.argv.slice(2);
const { openStore } = await import(dbModule);
const { importDdpFile } = await import(serviceModule);
const store = await openStore(JSON.parse(target));
await importDdpFile(store.db, path, { batchSize: 1000, onProgress: (done) => process.stdout.write(done + "\\n") });
process.stdout.write("finished\\n");
await store.close();
`,
  );
  const proc = spawn(process.execPath, [
    child,
    JSON.stringify(store.target),
    path,
    new URL("../store/db.ts", import.meta.url).href,
    new URL("./import-detention-data.ts", import.meta.url).href,
  ]);
  let stderr = "";
  proc.stderr.on("data", (d) => {
    stderr += d;
  });
  const seen = await new Promise<string[]>((resolve, reject) => {
    const lines: string[] = [];
    let buf = "";
    proc.stdout.on("data", (d) => {
      buf += d;
      const parts = buf.split("\n");
      buf = parts.pop() ?? "";
      lines.push(...parts);
      if (lines.length >= 5 && !proc.killed) {
        proc.kill("SIGKILL");
        resolve(lines);
      }
    });
    proc.on("exit", () =>
      lines.length >= 5 ? resolve(lines) : reject(new Error(`child ended early: ${stderr}`)),
    );
  });
  await new Promise((r) => (proc.exitCode !== null || proc.signalCode ? r(null) : proc.once("exit", r)));
  assert.ok(!seen.includes("finished"), "killed before the end");

  const after = await openStore(store.target);
  try {
    if (after.engine === "sqlite") {
      const check = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(after.db);
      assert.deepEqual(
        check.rows.map((r) => r.integrity_check),
        ["ok"],
      );
    }
    const stored = await after.db
      .selectFrom("facility_population")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("facility_code", "like", "KILL%")
      .executeTakeFirstOrThrow();
    const n = Number(stored.n);
    assert.ok(n >= 5000 && n < total, `${n} rows stored`);
    assert.equal(n % 1000, 0, "whole batches only");
    const run = (await listImportRuns(after.db, { limit: 1 }))[0];
    assert.deepEqual([run?.status, run?.rows, run?.file], ["interrupted", n, path]);
    // Each stored row's facility got its registry entry, committed before the row's batch.
    const orphans = await after.db
      .selectFrom("facility_population as p")
      .leftJoin("facilities as f", "f.detloc", "p.facility_code")
      .select("p.facility_code")
      .where("f.id", "is", null)
      .where("p.facility_code", "like", "KILL%")
      .execute();
    assert.deepEqual(orphans, []);
    const again = await importDdpFile(after.db, path);
    assert.deepEqual([again.rows, again.inserted], [total, total - n]);
  } finally {
    await after.close();
  }
});

// ---------- ICE statistics ----------
const row = (name: string, state: string, adp: [number, number, number, number], extra = "") =>
  `${name},1 MAIN ST,${extra || "TOWN"},${state},70000,NOL,DIGSA,Male,30,${adp.join(",")},0,0,0,0,1,"1,000"`;

test(`[${TEST_ENGINE}] an ICE sheet enriches the DDP entry it matches and adds the rest`, async () => {
  await importDdpFile(
    store.db,
    file(
      ddp(
        [
          ["ADAMSMS", "ADAMS COUNTY DET CENTER"],
          ["BCORCPA", "BERKS FAMILY SHELTER"],
          ["ADAMSTX", "ADAMS COUNTY DET CENTER"],
        ],
        2,
      ),
    ),
  );
  const fy25 = file(
    ICE_SHEET("FY25", [
      row("ADAMS COUNTY DETENTION CENTER", "MS", [1000, 200, 30, 4], "NATCHEZ"),
      row("BERKS COUNTY RESIDENTIAL CENTER1", "PA", [10, 0, 0, 0], "LEESPORT"),
      row("NEW PLACE JAIL", "TX", [5, 0, 0, 0], "LAREDO"),
      row("BROKEN ROW", "TX", [5, 0, 0, 0]).replace(",30,", ",thirty,"),
    ]),
  );
  const r = await importIceFacilitiesFile(store.db, fy25);
  assert.deepEqual([r.kind, r.rows, r.inserted, r.updated, r.badCount], ["ice-facilities", 3, 1, 2, 1]);
  assert.equal(r.bad[0]!.line, 9);
  const adams = await findFacilityByDetloc(store.db, "ADAMSMS");
  assert.equal(adams?.id, "ddp-adamsms", "matched by name and the state at the end of its DETLOC code");
  assert.deepEqual([adams?.state, adams?.city, adams?.codes.ICE_AOR], ["MS", "NATCHEZ", "NOL"]);
  assert.ok(adams?.aliases.length === 0, "the same name spelled out is no new alias");
  assert.match(
    adams?.summary ?? "",
    /^ICE detention statistics FY2025 \(data to 2025-09-15\): average daily population 1,234/,
  );
  const texas = await findFacilityByDetloc(store.db, "ADAMSTX");
  assert.equal(texas?.city, undefined, "the Texas facility of the same name is another place");
  const berks = await findFacilityByDetloc(store.db, "BCORCPA");
  assert.equal(berks?.id, "ddp-bcorcpa", "matched by the DETLOC code in the sheet's footnote");
  assert.deepEqual(berks?.aliases, ["BERKS COUNTY RESIDENTIAL CENTER"]);
  const added = await findFacilityById(store.db, "ice-new-place-jail-tx");
  assert.deepEqual([added?.name, added?.kind, added?.state], ["NEW PLACE JAIL", "jail", "TX"]);

  const counts = await countFacilities(store.db);
  const again = await importIceFacilitiesFile(store.db, fy25);
  assert.deepEqual([again.inserted, again.updated], [0, 0], "re-import changes nothing");
  assert.equal(await countFacilities(store.db), counts);

  // An older year fills nothing that is there and does not replace the newer figures.
  const fy19 = file(ICE_SHEET("FY19", [row("ADAMS COUNTY DET CENTER", "MS", [1, 1, 1, 1], "ELSEWHERE")]));
  await importIceFacilitiesFile(store.db, fy19);
  const adams2 = await findFacilityByDetloc(store.db, "ADAMSMS");
  assert.equal(adams2?.city, "NATCHEZ");
  assert.match(adams2?.summary ?? "", /FY2025/);
});

test(`[${TEST_ENGINE}] an ICE sheet leaves hand-written entries as they are, apart from filling gaps`, async () => {
  await saveFacility(store.db, {
    id: "otero",
    name: "Otero County Processing Center",
    aliases: [],
    kind: "detention_center",
    country: "US",
    state: "NM",
    codes: {},
    summary: "Hand-written.",
  });
  await importIceFacilitiesFile(
    store.db,
    file(ICE_SHEET("FY26", [row("OTERO COUNTY PROCESSING CENTER", "NM", [1, 2, 3, 4], "CHAPARRAL")])),
  );
  const f = await findFacilityById(store.db, "otero");
  assert.deepEqual(
    [f?.name, f?.summary, f?.city, f?.codes.ICE_TYPE],
    ["Otero County Processing Center", "Hand-written.", "CHAPARRAL", "DIGSA"],
  );
});

test(`[${TEST_ENGINE}] a sheet that is not a Facilities sheet is refused with nothing written`, async () => {
  const before = await snapshot();
  await assert.rejects(
    importIceFacilitiesFile(store.db, file('"ICE DETENTION DATA",,\nMonth,Book-ins,\nOctober,"1,000",\n')),
    isBadInput(/not an ICE Facilities sheet/),
  );
  assert.deepEqual(await snapshot(), before);
});

const sheets = existsSync(SHARED) ? readdirSync(SHARED).filter((f) => /Facilities/.test(f)) : [];
test(`[${TEST_ENGINE}] every real ICE Facilities sheet imports, and importing them again adds nothing`, {
  skip: !sheets.length && "../shared/data/ice-stats is absent",
}, async () => {
  for (const f of sheets) {
    const path = new URL(f, SHARED).pathname;
    assert.equal(await detectImportKind(path), "ice-facilities");
    const r = await importDetentionDataFile(store.db, path);
    assert.ok(r.rows >= 100 && r.badCount === 0, `${f}: ${r.rows} rows, ${r.badCount} bad`);
  }
  const count = await countFacilities(store.db);
  assert.ok(count > 300 && count < 1000, `${count} facilities`);
  for (const f of sheets) await importIceFacilitiesFile(store.db, new URL(f, SHARED).pathname);
  assert.equal(await countFacilities(store.db), count);
  const other = readdirSync(SHARED).find((x) => /Detention_FY/.test(x));
  if (other)
    await assert.rejects(
      detectImportKind(new URL(other, SHARED).pathname),
      isBadInput(/not a file habeas can import/),
    );
});
