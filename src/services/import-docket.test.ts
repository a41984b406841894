// Importing court dockets on either engine: matters, orders, entry sources, idempotent re-imports, party
// proposals through review, refusal of unknown files, and interrupted import runs.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { openTestStore, TEST_ENGINE, type TestStore } from "../../test/test-store.ts";
import { PersonInputSchema } from "../domain/model.ts";
import { ANONYMOUS, OPERATOR } from "../domain/policy.ts";
import { countFacilities, saveMatter } from "../store/catalog.ts";
import { findCapture, listProposals } from "../store/evidence.ts";
import { markInterruptedRuns } from "../store/import-runs.ts";
import { savePerson } from "../store/people.ts";
import { listImportRuns } from "../store/population.ts";
import { getMatter, getMatterDocket, getSource, listOrdersFor } from "./catalog.ts";
import { importFile, importStatus } from "./import-file.ts";
import { decideProposal } from "./review.ts";

const DIR = new URL("../../../shared/data/dockets/", import.meta.url);
const skip = !existsSync(DIR) && "../shared/data/dockets is absent";
let store: TestStore;
let dir: string;
before(async () => {
  store = await openTestStore();
  dir = mkdtempSync(join(tmpdir(), "habeas-docket-"));
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const REST = {
  court: "https://www.courtlistener.com/api/rest/v4/courts/txwd/",
  docket_number: "5:25-cv-00123",
  case_name: "Ramírez Ochoa v. Noem",
  nature_of_suit: "463 Habeas Corpus - Alien Detainee",
  cause: "28:2241 Petition for Writ of Habeas Corpus (federal)",
  assigned_to_str: "Fred Biery",
  date_filed: "2025-03-16",
  parties: [
    { name: "Andry José Ramírez Ochoa", party_types: [{ name: "Petitioner" }] },
    { name: "Kristi Noem", party_types: [{ name: "Respondent" }] },
  ],
  docket_entries: [
    {
      id: 1,
      entry_number: 1,
      date_filed: "2025-03-16",
      description: "PETITION for Writ of Habeas Corpus filed by Andry José Ramírez Ochoa.",
      recap_documents: [{ id: 7, pacer_doc_id: "0511", sha1: "b".repeat(40), page_count: 9 }],
    },
    {
      id: 2,
      entry_number: 4,
      date_filed: "2025-03-17",
      description:
        "ORDER granting Motion for Temporary Restraining Order. Respondents shall not remove Petitioner.",
      recap_documents: [],
    },
  ],
};

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

test(`[${TEST_ENGINE}] a file of no known shape is refused in one line and stores nothing`, async () => {
  for (const [name, content] of [
    ["x.json", { foo: 1 }],
    ["y.json", [1, 2]],
    ["z.json", { people: [], extra: true }],
  ] as const) {
    await assert.rejects(importFile(store.db, file(name, content), OPERATOR), (e: Error) => {
      assert.match(e.message, /is not (?:a file habeas can import|a habeas dataset)/);
      assert.ok(!e.message.includes("\n"));
      return true;
    });
  }
  assert.equal((await importStatus(store.db, OPERATOR)).length, 0);
  assert.equal(await countFacilities(store.db), 0);
});

test(`[${TEST_ENGINE}] a REST docket becomes a matter, its orders and a source per entry; re-import is idempotent`, async () => {
  await savePerson(store.db, "andry", PersonInputSchema.parse({ full_name: "Andry José Ramírez Ochoa" }));
  const path = file("rest.json", REST);
  const first = await importFile(store.db, path, OPERATOR);
  assert.equal(first.kind, "docket");
  const [d] = first.kind === "docket" ? first.dockets : [];
  assert.ok(d);
  assert.deepEqual([d.created, d.entries, d.new_entries, d.orders, d.proposals], [true, 2, 2, 1, 1]);
  const m = await getMatter(store.db, d.matter, OPERATOR);
  assert.equal(m.court, "Western District of Texas");
  assert.equal(m.nature_of_suit, "463 Habeas Corpus - Alien Detainee");
  assert.equal(m.judge, "Fred Biery");
  assert.deepEqual(m.parties, ["Andry José Ramírez Ochoa", "Kristi Noem"]);
  assert.deepEqual(m.people, [], "parties are never linked automatically");
  const docket = await getMatterDocket(store.db, d.matter, OPERATOR);
  assert.deepEqual(
    docket.entries.map((e) => e.class),
    ["petition", "TRO"],
  );
  assert.deepEqual(docket.entries[0]?.documents, [
    { id: "7", pacer_doc_id: "0511", sha1: "b".repeat(40), page_count: 9 },
  ]);
  assert.match(docket.entries[0]?.sha256 ?? "", /^[a-f0-9]{64}$/);
  const [order] = docket.orders;
  assert.equal(order?.kind, "TRO");
  assert.deepEqual(order?.bars, ["removal"]);
  const src = await getSource(store.db, docket.entries[1]?.source ?? "", OPERATOR);
  assert.equal(src.kind, "court_record");
  assert.ok(src.capture_sha256 && (await findCapture(store.db, src.capture_sha256)), "original bytes kept");

  const again = await importFile(store.db, path, OPERATOR);
  const [d2] = again.kind === "docket" ? again.dockets : [];
  assert.deepEqual([d2?.created, d2?.new_entries, d2?.changed_entries, d2?.orders], [false, 0, 0, 1]);
  assert.equal((await listOrdersFor(store.db, OPERATOR)).filter((o) => o.matter === d.matter).length, 1);
  const pending = (await listProposals(store.db, { status: "pending" })).filter(
    (p) => p.kind === "link_party",
  );
  assert.equal(pending.length, 1, "one proposal, whatever the re-imports");

  // Accepting the proposal links the person; a later re-import keeps the link.
  await decideProposal(store.db, pending[0]?.id ?? "", true, OPERATOR);
  await importFile(store.db, path, OPERATOR);
  assert.deepEqual((await getMatter(store.db, d.matter, OPERATOR)).people, ["andry"]);
  // Confirmed as the petitioner: the TRO barring removal covers them; the petition and the order are
  // proposed as events of theirs, for review again.
  const [tro] = (await getMatterDocket(store.db, d.matter, OPERATOR)).orders;
  assert.deepEqual(tro?.covers.people, ["andry"]);
  const events = (await listProposals(store.db, { status: "pending" })).filter(
    (p) => p.kind === "new_event" && p.subject_id === "andry",
  );
  assert.deepEqual(events.map((p) => p.payload.type).sort(), ["COURT_ORDER", "HABEAS_FILED"]);
  for (const e of events) await decideProposal(store.db, e.id, true, OPERATOR);
  const runs = await importStatus(store.db, OPERATOR);
  assert.deepEqual(
    runs.slice(0, 3).map((r) => [r.kind, r.status]),
    [
      ["docket", "done"],
      ["docket", "done"],
      ["docket", "done"],
    ],
  );
});

test(`[${TEST_ENGINE}] real criminal and civil dockets import without immigration orders`, {
  skip,
}, async () => {
  for (const f of ["azd.json", "cacd.json", "laed_127926.json", "courtlistener/recap_docs.json"]) {
    const r = await importFile(store.db, new URL(f, DIR).pathname, OPERATOR);
    assert.equal(r.kind, "docket", f);
  }
  const orders = await listOrdersFor(store.db, OPERATOR);
  const azd = orders.filter((o) => o.matter === "docket-azd-2-17-cr-00378");
  assert.deepEqual(
    azd.map((o) => o.kind),
    ["order", "order", "minute_order", "order", "order", "judgment"],
  );
  for (const o of orders.filter((x) => x.matter !== "docket-txwd-5-25-cv-00123")) {
    assert.deepEqual(o.bars, []);
    assert.ok(!["stay", "habeas_grant", "facilitate_return"].includes(o.kind), o.summary);
  }
  const m = await getMatter(store.db, "docket-cacd-2-06-cv-00350", OPERATOR);
  assert.equal(m.court, "Central District of California");
  assert.equal(m.nature_of_suit, "820 Copyright");
  assert.equal(m.judge, "S. James Otero");
  // A matter about no one on record is staff material (the scope): the public does not see it.
  await assert.rejects(getMatter(store.db, "docket-azd-2-17-cr-00378", ANONYMOUS), {
    code: "NOT_FOUND",
    message: "no legal matter with id docket-azd-2-17-cr-00378",
  });
  const raw = JSON.parse(readFileSync(new URL("azd.json", DIR), "utf8"));
  const docket = await getMatterDocket(store.db, "docket-azd-2-17-cr-00378", OPERATOR);
  assert.equal(docket.entries.length, raw.docket_entries.length);
});

test(`[${TEST_ENGINE}] a docket updates the matter already recorded under its court and number`, async () => {
  await saveMatter(
    store.db,
    {
      id: "jgg-v-trump",
      caption: "J.G.G. v. Trump",
      court: "U.S. District Court for the District of Columbia",
      docket_number: "1:25-cv-00766-JEB",
      parties: [],
      status: "TRO granted",
      people: [],
    },
    [],
  );
  const docket = {
    ...REST,
    court: "dcd",
    docket_number: "1:25-cv-00766",
    case_name: "J.G.G. v. Trump",
    parties: [],
  };
  const r = await importFile(store.db, file("jgg.json", docket), OPERATOR);
  const [d] = r.kind === "docket" ? r.dockets : [];
  assert.deepEqual([d?.matter, d?.created], ["jgg-v-trump", false]);
  const m = await getMatter(store.db, "jgg-v-trump", OPERATOR);
  assert.equal(m.court, "District of Columbia");
  assert.equal(m.status, "TRO granted");
  assert.equal((await getMatterDocket(store.db, "jgg-v-trump", OPERATOR)).entries.length, 2);
});

test(`[${TEST_ENGINE}] a run whose process died is marked interrupted when the store opens`, async () => {
  await store.db
    .insertInto("import_runs")
    .values({
      kind: "ddp",
      file: "killed.csv",
      started_at: new Date().toISOString(),
      rows: 10,
      bad_rows: 0,
      status: "running",
      pid: 2 ** 22 + 12345, // above Linux's pid_max: no such process
      host: hostname(),
      note: null,
    })
    .execute();
  await store.db
    .insertInto("import_runs")
    .values({
      kind: "ddp",
      file: "live.csv",
      started_at: new Date().toISOString(),
      rows: 1,
      bad_rows: 0,
      status: "running",
      pid: process.pid,
      host: hostname(),
      note: null,
    })
    .execute();
  assert.equal(await markInterruptedRuns(store.db), 1);
  const runs = await listImportRuns(store.db);
  assert.equal(runs.find((r) => r.file === "killed.csv")?.status, "interrupted");
  assert.equal(runs.find((r) => r.file === "live.csv")?.status, "running");
});
