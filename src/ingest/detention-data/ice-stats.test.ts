// The ICE Facilities sheet reader on a messy inline sheet and on every real sheet FY19–FY26.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { AppError } from "../../domain/errors.ts";
import { facilityKindFromName, facilityNameKey, stripFootnoteMarkers } from "./facility-names.ts";
import { parseFigure, parseIceFacilities } from "./ice-stats.ts";

const SHARED = new URL("../../../../shared/data/ice-stats/", import.meta.url);

const SHEET = [
  " ,,,,,,,,,,,,,,,,,,,,,,",
  '"These statistics are made available pursuant to an act.',
  'Second line of the same cell",,,,,,,,,,,,,,,,,,,,,,',
  '"ICE FACILITIES DATA, FY24 YEAR END",,,,,,,,,,,,,,,,,,,,,,',
  "Facility Information,,,,,,,,Facility Average Length of Stay,FY24 ADP: Detainee Classification Level,,,,FY24 ADP: Criminality,,,,FY24 ADP: Mandatory,Contract,,,,",
  '"Data Source: ICE Integrated Decision Support (IIDS), 10/07/2024",,,,,,,,,,,,,,,,,,,,,,',
  "Name,Address,City,State,Zip,AOR,Type Detailed,Male/Female,FY24 ALOS,Level A,Level B,Level C,Level D,Male Crim,Male Non-Crim,Female Crim,Female Non-Crim,Mandatory,Guaranteed Minimum,Last Inspection Type,,,",
  'ADAMS COUNTY DET CENTER,20 HOBO FORK RD.,NATCHEZ,MS,39120,NOL,DIGSA,Female/Male,38,"1,440",93,1,1,14,"1,522",0,0,"1,534","1,100",ODO,,,',
  'BERKS COUNTY RESIDENTIAL CENTER1,1040 BERKS RD,LEESPORT,"PA",19533,PHI,DIGSA,Female,20,16,4,0,0,0,0,0,19,0,N/A,ODO,,,',
  "SAN JUAN STAGING [2],651 FEDERAL DRIVE,GUAYNABO,PR,00965,MIA,STAGING,Female/Male,2,3*,0,0,0,0,3,0,0,3,#N/A,,,,",
  "BROKEN FIGURES JAIL,1 MAIN ST,TOWN,TX,70000,SNA,IGSA,Male,abc,1,1,1,1,1,1,1,1,1,,,,,",
  "WRONG STATE JAIL,1 MAIN ST,TOWN,Texas,70000,SNA,IGSA,Male,3,1,1,1,1,1,1,1,1,1,,,,,",
  ",2 MAIN ST,TOWN,TX,70000,SNA,IGSA,Male,3,1,1,1,1,1,1,1,1,1,,,,,",
  "IMPERIAL REGIONAL DETENTION FACILITY,1572 GATEWAY,CALEXICO,,92231,SND,CDF,Female/Male,69,519,45,36,58,88,514,2,53,280,640,ODO,,,",
  ",,,,,,,,,,,,,,,,,,,,,,",
  "Total,,,,,,,,,1980,142,37,59,102,2039,2,72,1817,,,,,",
  "[1] (BCORCPA) BERKS COUNTY RESIDENTIAL CENTER houses single adults as of 11/27/21.,,,,,,,,,,,,,,,,,,,,,,",
  "[2] San Juan staging opened in FY19.,,,,,,,,,,,,,,,,,,,,,,",
  "*The info. in this report is subject to change,,,,,,,,,,,,,,,,,,,,,,",
].join("\n");

test("the header is found under the title rows; figures lose separators and footnote markers", () => {
  const s = parseIceFacilities(SHEET);
  assert.equal(s.fiscalYear, 2024);
  assert.equal(s.asOf, "2024-10-07");
  assert.equal(s.headerLine, 7); // the quoted cell on lines 2–3 counts as two lines
  assert.deepEqual(
    s.facilities.map((f) => f.name),
    [
      "ADAMS COUNTY DET CENTER",
      "BERKS COUNTY RESIDENTIAL CENTER",
      "SAN JUAN STAGING",
      "IMPERIAL REGIONAL DETENTION FACILITY",
    ],
  );
  assert.deepEqual(s.facilities[0], {
    line: 8,
    name: "ADAMS COUNTY DET CENTER",
    address: "20 HOBO FORK RD.",
    city: "NATCHEZ",
    state: "MS",
    zip: "39120",
    aor: "NOL",
    type: "DIGSA",
    gender: "Female/Male",
    alos: 38,
    adp: 1535,
    adpMandatory: 1534,
    guaranteedMinimum: 1100,
  });
  const berks = s.facilities[1]!;
  assert.equal(berks.detloc, "BCORCPA", "the footnote names the facility's DETLOC code");
  assert.equal(berks.state, "PA");
  assert.equal(berks.guaranteedMinimum, undefined);
  assert.equal(s.facilities[2]!.adp, 3);
  assert.equal(s.facilities[2]!.guaranteedMinimum, undefined, "#N/A is a figure not given");
  assert.equal(s.facilities[3]!.state, undefined, "a blank state is allowed");
});

test("rows that cannot be read are problems with their line; totals and footnotes are skipped", () => {
  const s = parseIceFacilities(SHEET);
  assert.deepEqual(
    s.problems.map((p) => p.line),
    [11, 12, 13],
  );
  assert.match(s.problems[0]!.message, /BROKEN FIGURES JAIL: alos: "abc" is not a number/);
  assert.match(s.problems[1]!.message, /state is not a two-letter code/);
  assert.match(s.problems[2]!.message, /has no facility name/);
  assert.equal(s.notes.length, 4);
  assert.ok(s.notes[0]!.startsWith("Total"));
});

test("a file without a Name/City/State header is refused", () => {
  assert.throws(
    () => parseIceFacilities('Month,Detained\nOctober,"1,000"\n'),
    (e: AppError) =>
      e instanceof AppError && e.code === "BAD_INPUT" && /not an ICE Facilities sheet/.test(e.message),
  );
});

test("figures, names and kinds as the sheets write them", () => {
  assert.equal(parseFigure(" 1,234 "), 1234);
  assert.equal(parseFigure("12.5"), 12.5);
  assert.equal(parseFigure("45*"), 45);
  assert.equal(parseFigure("7 [3]"), 7);
  assert.equal(parseFigure("N/A"), undefined);
  assert.ok(Number.isNaN(parseFigure("12a")));
  assert.equal(stripFootnoteMarkers("CENTER [1]*"), "CENTER");
  assert.equal(
    facilityNameKey("Alamance Co. Det. Facility"),
    facilityNameKey("ALAMANCE COUNTY DETENTION FACILITY"),
  );
  assert.equal(facilityKindFromName("ALBUQUERQUE HOLD ROOM"), "hold_room");
  assert.equal(facilityKindFromName("ZAVALA COUNTY JAIL"), "jail");
  assert.equal(facilityKindFromName("FCI ATLANTA"), "prison");
  assert.equal(facilityKindFromName("ADELANTO ICE PROCESSING CENTER"), "detention_center");
});

const sheets = existsSync(SHARED) ? readdirSync(SHARED).filter((f) => /Facilities/.test(f)) : [];

test("every real Facilities sheet FY19–FY26 reads with a plausible number of facilities", {
  skip: !sheets.length && "../shared/data/ice-stats is absent",
}, () => {
  assert.equal(sheets.length, 8);
  for (const f of sheets) {
    const s = parseIceFacilities(readFileSync(new URL(f, SHARED)));
    const year = Number(`20${/FY(\d\d)/.exec(f)![1]}`);
    assert.equal(s.fiscalYear, year, f);
    assert.ok(s.asOf?.startsWith(String(year)) || s.asOf?.startsWith(String(year - 1)), `${f}: ${s.asOf}`);
    assert.ok(
      s.facilities.length >= 100 && s.facilities.length <= 250,
      `${f}: ${s.facilities.length} facilities`,
    );
    assert.deepEqual(s.problems, [], f);
    const names = s.facilities.map((x) => x.name);
    assert.ok(!names.some((n) => /^\[|total|statistics/i.test(n)), `${f}: a note read as a facility`);
    assert.ok(
      s.facilities.every((x) => x.state === undefined || /^[A-Z]{2}$/.test(x.state)),
      f,
    );
    // FY19 gives two Folkston rows as #N/A; every other row has its population.
    assert.ok(s.facilities.filter((x) => x.adp === undefined).length <= 2, f);
    // Nationwide average daily population was between roughly 15,000 and 70,000 in these years.
    const adp = s.facilities.reduce((sum, x) => sum + (x.adp ?? 0), 0);
    assert.ok(adp > 15_000 && adp < 80_000, `${f}: ADP ${adp}`);
  }
});
