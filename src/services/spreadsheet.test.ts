// The team spreadsheet on either engine: only readable columns and visible people go out; edits come back
// as review proposals, with every problem by row and column and nothing proposed from a file with problems.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import readXlsxFile from "read-excel-file/node";
import writeXlsxFile from "write-excel-file/node";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import type { AppError } from "../domain/errors.ts";
import { PersonInputSchema } from "../domain/model.ts";
import { OPERATOR, type Viewer } from "../domain/policy.ts";
import { findEventById, saveEvent } from "../store/events.ts";
import { listProposals } from "../store/evidence.ts";
import { findPersonById, savePerson } from "../store/people.ts";
import { listDeadlines } from "./deadlines.ts";
import { decideProposal } from "./review.ts";
import { exportCases, importCasesSheet, type Sheet, sheetsToXlsx, sheetToCsv } from "./spreadsheet.ts";

const LAWYER: Viewer = { role: "lawyer", userId: "lee", team: "north" };
const VOLUNTEER: Viewer = { role: "volunteer", userId: "val", team: "north" };
let store: TestStore;
before(async () => {
  store = await openTestStore();
  const put = (id: string, data: Record<string, unknown>) =>
    savePerson(store.db, id, PersonInputSchema.parse(data));
  await put("ana", {
    full_name: "Ana Pérez",
    team: "north",
    a_number: "A123-456-789",
    nationalities: ["SV"],
  });
  await put("eve", { full_name: '=HYPERLINK("http://x")', team: "north" });
  await put("sam", { full_name: "Sam South", team: "south" });
  await saveEvent(store.db, {
    id: "ana-arrest",
    person: "ana",
    type: "ARREST",
    at: "2025-03-15T14:00:00.000Z",
    precision: "minute",
    tz: "UTC",
    summary: "Arrested at home",
    details: { warrant: "unknown" },
    citations: [],
  });
});
after(() => store.close());

const csv = (s: Sheet | undefined) => ({ name: "people.csv", bytes: Buffer.from(sheetToCsv(s as Sheet)) });
const sheet = (sheets: Sheet[], name: string) => sheets.find((s) => s.name === name) as Sheet;

test(`[${TEST_ENGINE}] the export holds the team's visible people and only the columns the role may read`, async () => {
  const forLawyer = await exportCases(store.db, LAWYER);
  const people = sheet(forLawyer, "people");
  assert.deepEqual(people.rows.map((r) => r[0]).sort(), ["ana", "eve"]);
  assert.ok(people.header.includes("a_number"));
  assert.equal(sheet(forLawyer, "events").rows.length, 1);
  const forVolunteer = sheet(await exportCases(store.db, VOLUNTEER), "people");
  assert.ok(!forVolunteer.header.includes("a_number") && !forVolunteer.header.includes("birth_date"));
  assert.ok(forVolunteer.header.includes("team"));
  // A cell a spreadsheet would run as a formula goes out as text.
  assert.match(sheetToCsv(people), /"'=HYPERLINK\(""http:\/\/x""\)"/);
  const xlsx = await readXlsxFile(await sheetsToXlsx(forLawyer));
  assert.deepEqual(
    xlsx.map((s) => s.sheet),
    ["people", "events", "deadlines"],
  );
});

test(`[${TEST_ENGINE}] an unchanged file proposes nothing; an edited CSV becomes a proposal that applies on accept`, async () => {
  const people = sheet(await exportCases(store.db, VOLUNTEER), "people");
  assert.deepEqual(await importCasesSheet(store.db, csv(people), VOLUNTEER), {
    proposals: 0,
    unchanged: 2,
    problems: [],
  });
  const col = (n: string) => people.header.indexOf(n);
  const edited = {
    ...people,
    rows: people.rows.map((r) =>
      r[0] === "ana"
        ? r.map((v, i) =>
            i === col("citizenship_status") ? "lpr" : i === col("aliases") ? "Ana P.; Anita" : v,
          )
        : r,
    ),
  };
  const r = await importCasesSheet(store.db, csv(edited), VOLUNTEER);
  assert.deepEqual([r.proposals, r.unchanged, r.problems], [1, 1, []]);
  assert.equal(
    (await findPersonById(store.db, "ana"))?.citizenship_status,
    "unknown",
    "nothing changes before review",
  );
  const [p] = (await listProposals(store.db, { status: "pending" })).filter(
    (x) => x.kind === "update_person",
  );
  assert.ok(p);
  await decideProposal(store.db, p.id, true, LAWYER);
  const ana = await findPersonById(store.db, "ana");
  assert.equal(ana?.citizenship_status, "lpr");
  assert.deepEqual(ana?.aliases, ["Ana P.", "Anita"]);
  assert.equal(ana?.a_number, "A123-456-789", "fields outside the sheet are kept");
});

test(`[${TEST_ENGINE}] an edited XLSX event goes through review too`, async () => {
  const sheets = await exportCases(store.db, LAWYER);
  const events = sheet(sheets, "events");
  const i = events.header.indexOf("summary");
  events.rows = events.rows.map((r) => r.map((v, j) => (j === i ? "Arrested at home by ICE" : v)));
  const r = await importCasesSheet(
    store.db,
    { name: "cases.xlsx", bytes: await sheetsToXlsx(sheets) },
    LAWYER,
  );
  assert.deepEqual([r.proposals, r.problems], [1, []]);
  const [p] = (await listProposals(store.db, { status: "pending" })).filter((x) => x.kind === "update_event");
  await decideProposal(store.db, p?.id ?? "", true, LAWYER);
  assert.equal((await findEventById(store.db, "ana-arrest"))?.summary, "Arrested at home by ICE");
});

test(`[${TEST_ENGINE}] every problem is reported by row and column, and nothing is proposed`, async () => {
  const before = (await listProposals(store.db, { status: "pending" })).length;
  const header = ["id", "full_name", "nationalities", "a_number", "shoe_size"];
  const rows = [
    header,
    ["ana", "Ana Pérez", "Venezuela", "", ""],
    ["sam", "Sam South", "", "", ""],
    ["nobody", "X", "", "", ""],
    ["", "No id", "", "", ""],
  ];
  const bytes = await writeXlsxFile([
    { sheet: "people", data: rows.map((r) => r.map((value) => ({ value }))) },
  ] as never).toBuffer();
  const r = await importCasesSheet(store.db, { name: "bad.xlsx", bytes }, VOLUNTEER);
  assert.equal(r.proposals, 0);
  const where = r.problems.map((p) => `${p.row}:${p.column}`);
  for (const w of ["1:a_number", "1:shoe_size", "2:nationalities", "3:id", "4:id", "5:id"])
    assert.ok(where.includes(w), `${w} in ${where}`);
  assert.equal((await listProposals(store.db, { status: "pending" })).length, before);
  await assert.rejects(
    importCasesSheet(store.db, { name: "x.csv", bytes: Buffer.from("a,b\n1,2\n") }, VOLUNTEER),
    {
      code: "BAD_INPUT",
    },
  );
  await assert.rejects(
    importCasesSheet(store.db, csv(sheet(await exportCases(store.db, OPERATOR), "people")), {
      role: "viewer",
      userId: "v",
    }),
    {
      code: "FORBIDDEN",
    },
  );
});

test(`[${TEST_ENGINE}] the deadlines sheet holds what the deadlines page shows; more cases than an export holds are refused, not cut short`, async () => {
  const hearing = new Date(Date.now() + 9 * 86_400_000).toISOString().slice(0, 10);
  await saveEvent(store.db, {
    id: "eve-hearing",
    person: "eve",
    type: "HEARING",
    at: `${hearing}T14:00:00.000Z`,
    precision: "minute",
    tz: "UTC",
    summary: "Master calendar hearing",
    details: { kind: "master" },
    citations: [],
  });
  const rows = sheet(await exportCases(store.db, LAWYER), "deadlines").rows;
  const page = await listDeadlines(store.db, LAWYER);
  assert.ok(page.length > 0);
  assert.deepEqual(
    rows.map((r) => [r[0], r[3], r[4], r[5], r[6]]),
    page.map((d) => [d.person, d.date, String(d.days_remaining), d.rule, d.title]),
  );
  await assert.rejects(exportCases(store.db, LAWYER, { maxCases: 1 }), (e: AppError) => {
    assert.equal(e.code, "TOO_LARGE");
    assert.match(e.message, /^2 cases: one spreadsheet holds at most 1; export one team at a time$/);
    return true;
  });
});

test(`[${TEST_ENGINE}] one sheet alone (a CSV) is the same sheet as in the whole export, and only it is made`, async () => {
  const whole = await exportCases(store.db, LAWYER);
  for (const name of ["people", "events", "deadlines"] as const) {
    const alone = await exportCases(store.db, LAWYER, { only: name });
    assert.deepEqual(
      alone.map((s) => s.name),
      [name],
    );
    assert.deepEqual(alone[0], sheet(whole, name));
  }
});
