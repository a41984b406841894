// Docket readers and entry classes on the real dockets in ../shared/data/dockets, and table tests.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { classifyEntry, courtName, isImmigrationMatter, isOrderClass, readDocketJson } from "./index.ts";
import type { ParsedDocket } from "./types.ts";

const DIR = new URL("../../../../shared/data/dockets/", import.meta.url);
const present = existsSync(DIR);
const skip = !present && "../shared/data/dockets is absent";
const read = (f: string) => readDocketJson(JSON.parse(readFileSync(new URL(f, DIR), "utf8")));

test("court ids become the district's or circuit's full name", () => {
  assert.equal(courtName("nysd"), "Southern District of New York");
  assert.equal(courtName("cacd"), "Central District of California");
  assert.equal(courtName("azd"), "District of Arizona");
  assert.equal(courtName("dcd"), "District of Columbia");
  assert.equal(courtName("ca9"), "Court of Appeals for the Ninth Circuit");
  assert.equal(courtName("nowhere"), undefined);
});

test("JSON of no docket shape is not read as an empty docket", () => {
  for (const json of [
    {},
    [],
    { docket_entries: [] },
    { foo: 1 },
    [{ model: "search.tag", pk: 1, fields: {} }],
    null,
    3,
  ])
    assert.equal(readDocketJson(json), undefined, JSON.stringify(json));
});

test("every juriscraper docket is read whole: court, number, case, parties, every entry", { skip }, () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith(".json"));
  assert.ok(files.length >= 10);
  for (const f of files) {
    const raw = JSON.parse(readFileSync(new URL(f, DIR), "utf8"));
    const [d, ...rest] = read(f) ?? [];
    assert.ok(d, f);
    assert.equal(rest.length, 0);
    assert.equal(d.format, "juriscraper");
    assert.equal(d.docket_number, raw.docket_number);
    assert.equal(d.case_name, raw.case_name);
    assert.ok(courtName(d.court_id), `${f}: ${d.court_id} has a name`);
    assert.equal(d.entries.length, raw.docket_entries.length, f);
    assert.ok(d.parties.length <= raw.parties.length);
  }
});

test("Arizona reentry case: a criminal docket with orders, a judgment and no immigration order", {
  skip,
}, () => {
  const [d] = read("azd.json") as ParsedDocket[];
  assert.ok(d);
  assert.equal(d.case_type, "cr");
  assert.equal(d.judge, "Steven P. Logan");
  assert.deepEqual(
    d.parties.map((p) => [p.name, p.type]),
    [
      ["Jose Miguel Santana-Esmeralda", "Defendant"],
      ["USA", "Plaintiff"],
    ],
  );
  assert.deepEqual(d.parties[0]?.aliases, ["Carlos Prezaz-Aguilar", "Jose M Santana"]);
  assert.equal(isImmigrationMatter(d), false);
  const kinds = d.entries.map((e) => classifyEntry(e.description, false).kind);
  assert.ok(kinds.includes("judgment"));
  assert.ok(kinds.includes("minute_order"));
  assert.ok(!kinds.some((k) => k === "stay" || k === "habeas_grant"));
});

test("no criminal or unrelated civil docket yields a stay, a habeas grant or a bar", { skip }, () => {
  for (const f of readdirSync(DIR).filter((x) => x.endsWith(".json"))) {
    for (const d of read(f) ?? []) {
      const imm = isImmigrationMatter(d);
      assert.equal(imm, false, `${f} is not an immigration case`);
      for (const e of d.entries) {
        const r = classifyEntry(e.description, imm);
        assert.deepEqual(r.bars, [], `${f}: ${e.description.slice(0, 60)}`);
        assert.ok(r.kind !== "stay" && r.kind !== "habeas_grant");
      }
    }
  }
});

test("notices of appeal and judgments are found where the docket has them", { skip }, () => {
  const [d] = read("laed_127926.json") as ParsedDocket[];
  const kinds = (d as ParsedDocket).entries.map((e) => classifyEntry(e.description, false).kind);
  assert.equal(kinds.filter((k) => k === "notice_of_appeal").length, 1);
  assert.equal(kinds.filter((k) => k === "judgment").length, 1);
  assert.ok(kinds.filter(isOrderClass).length >= 15);
});

test("CourtListener fixtures: dockets, entries with their RECAP documents, parties, courts", { skip }, () => {
  const [curlin] = read("courtlistener/recap_docs.json") as ParsedDocket[];
  assert.ok(curlin);
  assert.equal(curlin.format, "courtlistener-fixture");
  assert.equal(curlin.docket_number, "3:92-cr-00139-T");
  assert.equal(curlin.entries.length, 1);
  assert.equal(curlin.entries[0]?.documents[0]?.sha1, "913724aa2d067fa1069cedce592c18f8a006a9fc");
  assert.equal(curlin.entries[0]?.pacer_doc_id, "17711118263");
  assert.equal(classifyEntry(curlin.entries[0]?.description ?? "", false).kind, "order");
  const many = read("courtlistener/test_objects_query_counts.json") as ParsedDocket[];
  assert.equal(many.length, 3);
  assert.equal(many[0]?.court_name, "Testing Supreme Court");
  assert.deepEqual(
    many[0]?.parties.map((p) => p.name),
    ["Bill Williamson"],
  );
});

test("CourtListener REST: a docket with nested entries and recap_documents, alone or in a page", () => {
  const docket = {
    id: 1,
    court: "https://www.courtlistener.com/api/rest/v4/courts/txwd/",
    docket_number: "5:25-cv-00123",
    case_name: "Doe v. Noem",
    nature_of_suit: "463 Habeas Corpus - Alien Detainee",
    cause: "28:2241 Petition for Writ of Habeas Corpus (federa",
    assigned_to_str: "Fred Biery",
    date_filed: "2025-03-16",
    absolute_url: "/docket/1/doe-v-noem/",
    docket_entries: [
      {
        id: 10,
        entry_number: 1,
        date_filed: "2025-03-16",
        description: "PETITION for Writ of Habeas Corpus filed by John Doe.",
        recap_documents: [{ id: 100, pacer_doc_id: "1", sha1: "a".repeat(40), page_count: 12 }],
      },
      {
        id: 11,
        entry_number: 5,
        date_filed: "2025-03-17",
        description:
          "ORDER GRANTING Motion for Temporary Restraining Order: Respondents shall not remove or transfer Petitioner.",
        recap_documents: [],
      },
    ],
  };
  for (const json of [docket, { count: 1, results: [docket] }]) {
    const [d] = readDocketJson(json) as ParsedDocket[];
    assert.ok(d);
    assert.equal(d.format, "courtlistener");
    assert.equal(d.court_id, "txwd");
    assert.equal(courtName(d.court_id), "Western District of Texas");
    assert.equal(d.url, "https://www.courtlistener.com/docket/1/doe-v-noem/");
    assert.equal(isImmigrationMatter(d), true);
    assert.equal(d.entries[0]?.documents[0]?.page_count, 12);
    assert.equal(classifyEntry(d.entries[0]?.description ?? "", true).kind, "petition");
    assert.deepEqual(classifyEntry(d.entries[1]?.description ?? "", true), {
      kind: "TRO",
      bars: ["removal", "transfer"],
    });
  }
});

test("entry classes, table-driven", () => {
  const cases: [string, boolean, string][] = [
    ["MINUTE ORDER: Set Hearing as to X.", false, "minute_order"],
    ["Judge A B: ELECTRONIC ORDER entered granting 5 Motion for Extension of Time.", false, "minute_order"],
    ["MINUTE ENTRY for proceedings held before Judge X: Sentencing", false, "minute_entry"],
    ["EP: MINUTES: Initial Appearance", false, "minute_entry"],
    ["NOTICE OF APPEAL by Milan Dediol as to 41 Judgment", false, "notice_of_appeal"],
    ["NOTICE OF RIGHT TO APPEAL in criminal cases", false, "filing"],
    ["JUDGMENT as to Jose (1), Count(s) 1", false, "judgment"],
    ["Judgment Returned Executed as to Robert Warren", false, "filing"],
    ["MOTION for Summary Judgment by Best Chevrolet", false, "filing"],
    ["MOTION for Protective Order by Milan Dediol", false, "filing"],
    ["MEMORANDUM AND ORDER granting 14 Motion to Continue", false, "order"],
    ["ORDER TO SHOW CAUSE why the petition should not be granted", false, "show_cause"],
    ["ORDER granting motion for preliminary injunction", false, "PI"],
    ["ORDER denying motion for temporary restraining order", false, "order"],
    ["ORDER granting 5 motion for Writ of Habeas Corpus ad prosequendum", false, "order"],
    [
      "ORDER granting petition for writ of habeas corpus; respondents shall release petitioner",
      true,
      "habeas_grant",
    ],
    ["ORDER staying removal of Petitioner pending further order", true, "stay"],
    ["ORDER staying case pending arbitration", false, "order"],
    ["PLACED IN FILE - NOT USED re proposed order", false, "filing"],
  ];
  for (const [text, imm, kind] of cases) assert.equal(classifyEntry(text, imm).kind, kind, text);
  assert.deepEqual(classifyEntry("ORDER staying removal of Petitioner", true).bars, ["removal"]);
});
