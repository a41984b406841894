// Table tests for R14–R16 and R31: AEA notice bands, habeas, the proclamation's class, notice language.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ev, only, person, run } from "./test-factories.ts";

const venezuelan = (over: Parameters<typeof person>[0] = {}) =>
  person({ nationalities: ["VE"], languages: ["es"], citizenship_status: "no_status", ...over });
const aeaRemoval = () =>
  ev("REMOVAL", "2025-03-15 19:36", { destination_country: "SV", authority: "AEA" }, { id: "rm" });
const notice = (hours: number, d: Record<string, unknown> = {}) =>
  ev(
    "NOTICE_GIVEN",
    "2025-03-14 12:00",
    { kind: "AEA", hours_before_removal: hours, says_how_to_contest: true, language: "es", ...d },
    { id: "nt" },
  );

describe("R14 AEA notice", () => {
  const cases: [string, ReturnType<typeof ev>[], string | null, string | null, boolean][] = [
    // name, events, severity, confidence, contested
    ["no notice at all", [aeaRemoval()], "violation", "high", false],
    ["23 hours", [notice(23), aeaRemoval()], "violation", "high", false],
    ["24 hours (boundary: still too little)", [notice(24), aeaRemoval()], "violation", "high", false],
    ["25 hours", [notice(25), aeaRemoval()], "possible_issue", "medium", false],
    ["6 days", [notice(144), aeaRemoval()], "possible_issue", "medium", false],
    ["7 days (contested band)", [notice(168), aeaRemoval()], "possible_issue", "low", true],
    ["20 days", [notice(480), aeaRemoval()], "possible_issue", "low", true],
    ["21 days, explains how to contest, in Spanish", [notice(504), aeaRemoval()], null, null, false],
    [
      "21 days but silent on how to contest",
      [notice(504, { says_how_to_contest: false }), aeaRemoval()],
      "possible_issue",
      "medium",
      false,
    ],
    [
      "21 days but in English only",
      [notice(504, { language: "English" }), aeaRemoval()],
      "possible_issue",
      "medium",
      false,
    ],
    [
      "23 hours, Title 8 removal (not AEA)",
      [notice(23), ev("REMOVAL", "2025-03-15 19:36", { authority: "title8" })],
      null,
      null,
      false,
    ],
  ];
  for (const [name, events, severity, confidence, contested] of cases) {
    test(`${name} → ${severity ?? "no finding"}`, () => {
      const f = only(run(venezuelan(), events), "R14");
      if (!severity) return assert.equal(f.length, 0);
      assert.equal(f.length, 1);
      assert.equal(f[0]!.severity, severity);
      assert.equal(f[0]!.confidence, confidence);
      assert.equal(f[0]!.contested !== undefined, contested);
    });
  }

  test("an AEA order before a removal makes it an AEA removal", () => {
    const f = only(
      run(venezuelan(), [
        ev("REMOVAL_ORDER", "2025-03-14", { type: "AEA" }),
        ev("REMOVAL", "2025-03-15 19:36"),
      ]),
      "R14",
    );
    assert.equal(f[0]!.severity, "violation");
  });

  test("hours are measured from the timestamps when the notice does not state them", () => {
    const n = ev("NOTICE_GIVEN", "2025-03-14 20:36", { kind: "AEA" }, { id: "nt" });
    const f = only(run(venezuelan(), [n, aeaRemoval()]), "R14")[0]!;
    assert.match(f.text, /came 23 hours before removal/);
    assert.match(f.missing[0]!, /explained how to contest/);
    assert.deepEqual(f.events, ["rm", "nt"]);
  });

  test("the missing list names the absent notice and the removal time", () => {
    const f = only(run(venezuelan(), [aeaRemoval()]), "R14")[0]!;
    assert.deepEqual(f.missing, ["no NOTICE_GIVEN before REMOVAL on 2025-03-15 19:36 EDT"]);
  });

  test("a notice without instructions or counsel copy is described as such", () => {
    const f = only(
      run(venezuelan(), [notice(12, { says_how_to_contest: false, given_to_counsel: false }), aeaRemoval()]),
      "R14",
    )[0]!;
    assert.match(f.text, /did not explain how to contest/);
    assert.match(f.text, /not given to the person's lawyer/);
  });
});

describe("R15 AEA habeas foreclosed", () => {
  const cases: [string, ReturnType<typeof ev>[], string | null][] = [
    [
      "habeas filed, removed while pending",
      [ev("HABEAS_FILED", "2025-03-15 09:00", {}, { id: "hb" }), aeaRemoval()],
      "violation",
    ],
    ["no habeas, no notice", [aeaRemoval()], "violation"],
    ["no habeas, 12 hours' notice", [notice(12), aeaRemoval()], "violation"],
    ["no habeas, 3 days' notice", [notice(72), aeaRemoval()], "possible_issue"],
    ["no habeas, 8 days' notice", [notice(192), aeaRemoval()], null],
    ["Title 8 removal", [ev("REMOVAL", "2025-03-15 19:36", { authority: "title8" })], null],
  ];
  for (const [name, events, want] of cases) {
    test(`${name} → ${want ?? "no finding"}`, () => {
      const f = only(run(venezuelan(), events), "R15");
      assert.equal(f.length, want ? 1 : 0);
      if (want) assert.equal(f[0]!.severity, want);
    });
  }
});

describe("R16 outside Proclamation 10903", () => {
  const cases: [string, Parameters<typeof person>[0], string | null][] = [
    ["adult Venezuelan", { birth_date: "1993-05-01" }, null],
    ["Salvadoran", { nationalities: ["SV"] }, "high"],
    ["permanent resident", { citizenship_status: "lpr" }, "high"],
    ["born 2012 (12 at removal)", { birth_date: "2012-01-01" }, "high"],
    ["born 15 Mar 2011 (14 on the day)", { birth_date: "2011-03-15" }, null],
    ["born 16 Mar 2011 (a day short of 14)", { birth_date: "2011-03-16" }, "high"],
    ["birth year 2011 only (may be 13)", { birth_date: "2011" }, "medium"],
    ["nationality unknown", { nationalities: [] }, null],
    ["stated as 12 years old in March 2025", { stated_age: 12, age_reported_on: "2025-03-20" }, "medium"],
    [
      "stated as 13 on 1 Mar 2025 (may have turned 14)",
      { stated_age: 13, age_reported_on: "2025-03-01" },
      "medium",
    ],
    ["stated as 27", { stated_age: 27, age_reported_on: "2025-03-20" }, null],
    [
      "approximate birth date, about 2012",
      { birth_date: "2012", birth_date_precision: "approximate" },
      "medium",
    ],
  ];
  for (const [name, over, want] of cases) {
    test(`${name} → ${want ?? "no finding"}`, () => {
      const f = only(run(venezuelan(over), [aeaRemoval()]), "R16");
      assert.equal(f.length, want ? 1 : 0);
      if (want) assert.equal(f[0]!.confidence, want);
      // Under 14 read from an uncertain input is a possible issue, and the finding says why.
      if (want === "medium") {
        assert.equal(f[0]!.severity, "possible_issue");
        assert.match(f[0]!.text, /under 14/);
      }
      if (want === "high") assert.equal(f[0]!.severity, "violation");
    });
  }
  test("a stated age says it is approximate", () => {
    const f = only(run(venezuelan({ stated_age: 12, age_reported_on: "2025-03-20" }), [aeaRemoval()]), "R16");
    assert.match(
      f[0]!.text,
      /probably under 14 \(from an age of 12 stated on 2025-03-20, which is approximate\)/,
    );
  });
  test("no AEA, no R16", () => {
    assert.equal(
      only(run(venezuelan({ nationalities: ["SV"] }), [ev("REMOVAL", "2025-03-15")]), "R16").length,
      0,
    );
  });
});

describe("R31 notice language", () => {
  const cases: [string, Parameters<typeof person>[0], ReturnType<typeof ev>, number][] = [
    [
      "English notice, Spanish speaker",
      { languages: ["Spanish"] },
      ev("NOTICE_GIVEN", "2025-03-14", { language: "English" }),
      1,
    ],
    [
      "Spanish notice, speaker recorded as 'es'",
      { languages: ["es"] },
      ev("NOTICE_GIVEN", "2025-03-14", { language: "Spanish" }),
      0,
    ],
    [
      "English NTA to a K'iche' speaker",
      { languages: ["K'iche'"] },
      ev("NTA_SERVED", "2025-01-14", { language: "en" }),
      1,
    ],
    [
      "no languages recorded",
      { languages: [] },
      ev("NOTICE_GIVEN", "2025-03-14", { language: "English" }),
      0,
    ],
    [
      "notice in English and Spanish, Spanish speaker",
      { languages: ["Spanish"] },
      ev("NOTICE_GIVEN", "2025-03-14", { language: "English, Spanish" }),
      0,
    ],
    [
      "notice in inglés y portugués, K'iche' speaker",
      { languages: ["K'iche'"] },
      ev("NOTICE_GIVEN", "2025-03-14", { language: "inglés y portugués" }),
      1,
    ],
    ["notice language not recorded", { languages: ["es"] }, ev("NOTICE_GIVEN", "2025-03-14", {}), 0],
  ];
  for (const [name, over, e, n] of cases)
    test(`${name} → ${n}`, () => assert.equal(only(run(person(over), [e]), "R31").length, n));
});

test("R31 names every language a notice listed", () => {
  const f = only(
    run(person({ languages: ["K'iche'"] }), [
      ev("NOTICE_GIVEN", "2025-03-14", { language: "English; Spanish" }),
    ]),
    "R31",
  );
  assert.match(f[0]!.text, /was in English, Spanish;/);
});
