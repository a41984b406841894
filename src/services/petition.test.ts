import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import mammoth from "mammoth";
import { openTestStore, type TestStore } from "../../test/test-store.ts";
import { DatasetSchema } from "../domain/model.ts";
import { OPERATOR, type Viewer } from "../domain/policy.ts";
import { getFacilityDetail, searchFacilities, setFacilityHead } from "./facility-registry.ts";
import { importIceFacilitiesFile } from "./import-detention-data.ts";
import { loadDataset } from "./load-dataset.ts";
import { draftPetition, markPetitionFiled, venueWarnings } from "./petition.ts";
import { petitionDocx } from "./petition-document.ts";
import { recordEvent } from "./record-case.ts";

const LAWYER: Viewer = { role: "lawyer", userId: "lawyer-1" };
const VOLUNTEER: Viewer = { role: "volunteer", userId: "vol-1" };
let store: TestStore;
const dir = mkdtempSync(join(tmpdir(), "habeas-petition-"));

// An ICE Facilities sheet in the shape ICE publishes: title rows, then the header, then facilities.
const SHEET = [
  '"ICE FACILITIES DATA, FY25",,,,,,,',
  '"Data Source: ICE Integrated Decision Support (IIDS), 09/15/2025",,,,,,,',
  "Name,Address,City,State,Zip,AOR,Type Detailed,Male/Female",
  "STEWART DETENTION CENTER,146 CCA ROAD,LUMPKIN,GA,31815,ATL,IGSA,Male",
  "MOSHANNON VALLEY PROCESSING CENTER,555 GEO DRIVE,PHILIPSBURG,PA,16866,PHI,DIGSA,Male",
  "JTF CAMP SIX,AVENUE C PSC 1005 BOX 55,FPO,FL,34009,MIA,DOD,Male",
  "[1] A footnote under the table",
].join("\n");

const src = (id: string) => [{ source: id }];
before(async () => {
  store = await openTestStore();
  await loadDataset(
    store.db,
    DatasetSchema.parse({
      sources: [
        {
          id: "s-1",
          publisher: "Court",
          title: "Declaration of an officer",
          kind: "court_record",
          reliability: "primary",
          published_on: "2025-05-01",
        },
        {
          id: "s-2",
          publisher: "Newspaper",
          title: "Men moved to Georgia",
          kind: "news",
          reliability: "reliable",
          published_on: "2025-05-03",
        },
      ],
      facilities: [
        {
          id: "stewart",
          name: "Stewart Detention Center",
          kind: "detention_center",
          country: "US",
          state: "GA",
          city: "Lumpkin",
        },
        {
          id: "moshannon",
          name: "Moshannon Valley Processing Center",
          kind: "detention_center",
          country: "US",
          state: "PA",
          city: "Philipsburg",
        },
        {
          id: "gtmo",
          name: "Migrant Operations Center, Naval Station Guantánamo Bay",
          kind: "military_base",
          country: "CU",
        },
        {
          id: "cecot",
          name: "CECOT",
          aliases: ["Centro de Confinamiento del Terrorismo"],
          kind: "foreign_prison",
          country: "SV",
        },
      ],
      people: [
        {
          id: "p-ga",
          full_name: "José Pérez Example",
          nationalities: ["VE"],
          a_number: "A111-222-333",
          sources: src("s-1"),
        },
        { id: "p-pa", full_name: "Ana Example", sources: src("s-1") },
        { id: "p-gtmo", full_name: "Luis Example", sources: src("s-1") },
        { id: "p-sv", full_name: "Pedro Example", sources: src("s-1") },
      ],
      matters: [],
      orders: [],
      events: [
        {
          id: "e1",
          person: "p-ga",
          type: "DETENTION_START",
          when: "2025-04-01",
          tz: "America/New_York",
          facility: "moshannon",
          summary: "Detained at Moshannon Valley.",
          details: {},
          sources: src("s-1"),
        },
        {
          id: "e2",
          person: "p-ga",
          type: "TRANSFER",
          when: "2025-05-02",
          tz: "America/New_York",
          facility: "stewart",
          summary: "Moved to Stewart in Georgia.",
          details: {},
          sources: src("s-2"),
        },
        {
          id: "e3",
          person: "p-pa",
          type: "DETENTION_START",
          when: "2025-04-01",
          tz: "America/New_York",
          facility: "moshannon",
          summary: "Detained.",
          details: {},
          sources: src("s-1"),
        },
        {
          id: "e4",
          person: "p-gtmo",
          type: "TRANSFER",
          when: "2025-02-04",
          tz: "America/New_York",
          facility: "gtmo",
          summary: "Flown to Guantánamo.",
          details: {},
          sources: src("s-2"),
        },
        {
          id: "e5",
          person: "p-sv",
          type: "REMOVAL",
          when: "2025-03-15",
          tz: "America/Chicago",
          summary: "Flown to El Salvador.",
          details: { destination_country: "SV" },
          sources: src("s-2"),
        },
        {
          id: "e6",
          person: "p-sv",
          type: "FOREIGN_CUSTODY",
          when: "2025-03-16",
          tz: "America/El_Salvador",
          facility: "cecot",
          summary: "Held at CECOT.",
          details: {},
          sources: src("s-2"),
        },
      ],
      claims: [],
    }),
  );
  const sheet = join(dir, "Facilities_FY25.csv");
  writeFileSync(sheet, SHEET);
  await importIceFacilitiesFile(store.db, sheet);
  await importIceFacilitiesFile(store.db, sheet);
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

test("an ICE sheet enriches the registry entries of the same places; a second import adds nothing", async () => {
  const n = await store.db
    .selectFrom("facilities")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  assert.equal(Number(n.n), 5, "4 from the dataset + JTF Camp Six");
  const s = await getFacilityDetail(store.db, "stewart");
  assert.equal(s.zip, "31815");
  assert.equal(s.district?.abbreviation, "M.D. Ga.");
  assert.equal(s.fieldOffice?.name, "Atlanta Field Office");
  assert.ok(
    s.aliases.some(
      (a) => a.alias === "STEWART DETENTION CENTER" && /ICE detention statistics FY2025/.test(a.source),
    ),
  );
  const m = await getFacilityDetail(store.db, "moshannon");
  assert.equal(m.district?.abbreviation, "W.D. Pa.", "the reviewed override, not the ZIP's main county");
  assert.equal(m.placement.status, "reviewed");
});

test("type-ahead finds facilities by alias, without accents and with a typo", async () => {
  assert.equal((await searchFacilities(store.db, "centro confinamiento terrorismo"))[0]?.id, "cecot");
  assert.equal((await searchFacilities(store.db, "guantanamo"))[0]?.id, "gtmo");
  assert.equal((await searchFacilities(store.db, "moshanon vally"))[0]?.id, "moshannon");
});

test("a person held in a district: that district's court, custodian, field office director and officials", async () => {
  const d = await draftPetition(store.db, "p-ga", LAWYER);
  assert.equal(d.court, "United States District Court for the Middle District of Georgia");
  assert.equal(d.district?.abbreviation, "M.D. Ga.");
  assert.equal(d.division, "Columbus Division");
  assert.equal(d.courtKind, "confinement");
  assert.equal(d.facility?.id, "stewart");
  const roles = d.respondents.map((r) => r.role);
  assert.deepEqual(roles.slice(0, 2), ["immediate_custodian", "field_office_director"]);
  assert.match(d.respondents[0]!.title, /Stewart Detention Center/);
  assert.match(d.respondents[1]!.title, /Atlanta Field Office/);
  assert.ok(roles.includes("dhs_secretary") && roles.includes("ice_director"));
  const text = JSON.stringify(d.sections);
  assert.match(text, /A111-222-333/, "a lawyer's draft carries the A-number");
  assert.match(text, /Moshannon Valley.*Stewart/, "the custody section lists the transfer");
  assert.ok(d.exhibits.length === 2);
});

test("the immediate custodian is named once the facility's head is recorded", async () => {
  await setFacilityHead(store.db, "stewart", { name: "Jane Example", title: "Warden" }, LAWYER);
  const d = await draftPetition(store.db, "p-ga", LAWYER);
  assert.deepEqual(
    [d.respondents[0]?.name, d.respondents[0]?.title],
    ["Jane Example", "Warden, Stewart Detention Center"],
  );
  await assert.rejects(
    setFacilityHead(store.db, "nowhere", { name: "X Y" }, LAWYER),
    /no facility with id nowhere/,
  );
});

test("a facility whose ZIP spans districts uses the reviewed district", async () => {
  const d = await draftPetition(store.db, "p-pa", LAWYER);
  assert.equal(d.district?.abbreviation, "W.D. Pa.");
  assert.ok(d.warnings.some((w) => /reviewed override/.test(w)));
});

test("Guantánamo and a foreign prison: outside every district, a proposed court with its reason", async () => {
  const g = await draftPetition(store.db, "p-gtmo", LAWYER);
  assert.equal(g.courtKind, "proposed");
  assert.equal(g.district?.abbreviation, "D.D.C.");
  assert.match(g.basis, /no federal district|outside/i);
  const sv = await draftPetition(store.db, "p-sv", LAWYER);
  assert.equal(sv.confinement, "abroad");
  assert.equal(sv.courtKind, "proposed");
  assert.match(sv.basis, /outside the United States \(SV/);
  assert.ok(sv.warnings.some((w) => /Proposed court only/.test(w)));
});

test("the DOCX opens and reads back with the court, the draft mark and the exhibits", async () => {
  const d = await draftPetition(store.db, "p-ga", LAWYER, { nextFriend: "María Example" });
  const buf = await petitionDocx(d);
  const { value } = await mammoth.extractRawText({ buffer: buf });
  assert.match(value, /DRAFT — to be reviewed and signed by counsel/);
  assert.match(value, /UNITED STATES DISTRICT COURT FOR THE MIDDLE DISTRICT OF GEORGIA/);
  assert.match(value, /María Example, as next friend of José Pérez Example/);
  assert.match(value, /28 U\.S\.C\. § 2241/);
  assert.match(value, /Ex\. 1: Court, "Declaration of an officer"/);
  const xml = buf.toString("latin1");
  assert.ok(xml.includes("word/header"), "the draft mark is in the page header too");
});

test("only lawyers draft; each draft is audited", async () => {
  await assert.rejects(draftPetition(store.db, "p-ga", VOLUNTEER), /only a lawyer/);
  const rows = await store.db
    .selectFrom("audit_log")
    .select(["action", "detail"])
    .where("action", "=", "petition.draft")
    .execute();
  assert.ok(rows.length >= 1);
  assert.doesNotMatch(JSON.stringify(rows), /A111-222-333/, "the audit names fields, never their values");
});

test("venue watch: a transfer recorded after a draft warns until the draft is marked filed", async () => {
  const d = await draftPetition(store.db, "p-pa", LAWYER);
  assert.deepEqual(await venueWarnings(store.db, LAWYER, ["p-pa"]), []);
  await recordEvent(
    store.db,
    {
      id: "e-move",
      person: "p-pa",
      type: "TRANSFER",
      when: "2025-06-01",
      tz: "America/New_York",
      facility: "stewart",
      summary: "Moved to Georgia.",
      details: {},
    },
    OPERATOR,
  );
  const w = await venueWarnings(store.db, LAWYER, ["p-pa"]);
  assert.equal(w.length, 1);
  assert.equal(w[0]?.draft, d.id);
  const filed = await markPetitionFiled(
    store.db,
    d.id,
    {
      filed_on: "2025-06-02",
      court: "United States District Court for the Western District of Pennsylvania",
      docket_number: "2:25-cv-00001",
    },
    LAWYER,
  );
  assert.ok(filed.matter);
  assert.deepEqual(await venueWarnings(store.db, LAWYER, ["p-pa"]), []);
  await assert.rejects(
    markPetitionFiled(
      store.db,
      d.id,
      { filed_on: "2025-06-02", court: "Another court", docket_number: "x1" },
      LAWYER,
    ),
    /already marked filed/,
  );
});
