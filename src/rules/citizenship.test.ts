// Table tests for R01–R03 and the citizenship override.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ev, only, person, run } from "./test-factories.ts";

const citizen = () => person({ citizenship_status: "us_citizen", nationalities: ["US"] });

describe("R01 citizen removed", () => {
  test("a recorded citizen who is removed is a high-confidence violation", () => {
    const f = only(
      run(citizen(), [ev("REMOVAL", "2025-03-15 19:36", { destination_country: "SV" }, { id: "rm" })]),
      "R01",
    );
    assert.equal(f.length, 1);
    assert.equal(f[0]!.severity, "violation");
    assert.equal(f[0]!.confidence, "high");
    assert.deepEqual(f[0]!.events, ["rm"]);
    assert.match(f[0]!.text, /U\.S\. citizen/);
  });

  test("a citizen with a removal order but no removal yet is already flagged", () => {
    const f = only(
      run(citizen(), [ev("REMOVAL_ORDER", "2025-02-01", { type: "expedited_235b1" }, { id: "ro" })]),
      "R01",
    );
    assert.equal(f.length, 1);
    assert.equal(f[0]!.severity, "violation");
    assert.deepEqual(f[0]!.events, ["ro"]);
    assert.match(f[0]!.text, /removal order was nonetheless entered/);
  });

  test("evidence by derivation makes it an unresolved claim, not a settled violation", () => {
    const f = only(
      run(person(), [
        ev("CITIZENSHIP_EVIDENCE", "2025-01-10", { basis: "derivation" }, { id: "ce" }),
        ev("REMOVAL", "2025-03-15", {}, { id: "rm" }),
      ]),
      "R01",
    );
    assert.equal(f[0]!.severity, "possible_issue");
    assert.equal(f[0]!.confidence, "medium");
    assert.deepEqual(f[0]!.events, ["rm", "ce"]);
    assert.match(f[0]!.text, /not yet resolved/);
  });

  const held: [string, ReturnType<typeof ev>[], string | null][] = [
    ["held in immigration detention", [ev("DETENTION_START", "2025-05-01")], "violation"],
    ["arrested by ICE", [ev("ARREST", "2025-05-01", { agency: "ICE" })], "violation"],
    ["arrested by city police", [ev("ARREST", "2025-05-01", { agency: "NYPD" })], null],
  ];
  for (const [name, events, want] of held) {
    test(`a recorded citizen ${name}, not yet ordered removed → ${want ?? "no finding"}`, () => {
      const f = only(run(citizen(), events), "R01");
      assert.equal(f[0]?.severity, want ?? undefined);
      if (want) {
        assert.equal(f[0]?.confidence, "high");
        assert.doesNotMatch(f[0]!.text, /Possible issue/);
      }
    });
  }

  const none: [string, ReturnType<typeof person>, ReturnType<typeof ev>[]][] = [
    ["a noncitizen removed", person({ citizenship_status: "no_status" }), [ev("REMOVAL", "2025-03-15")]],
    ["a citizen with no adverse event", citizen(), [ev("CONTACT", "2025-03-15")]],
    [
      "a citizen whose only order says there is none",
      citizen(),
      [ev("REMOVAL_ORDER", "2025-03-15", { type: "none" })],
    ],
  ];
  for (const [name, p, events] of none)
    test(`no finding for ${name}`, () => assert.equal(only(run(p, events), "R01").length, 0));
});

describe("R02 citizenship claim without a judicial hearing", () => {
  const evidence = (d: Record<string, unknown> = {}) =>
    ev("CITIZENSHIP_EVIDENCE", "2025-02-01", { basis: "derivation", ...d }, { id: "ce" });
  const removal = () => ev("REMOVAL", "2025-03-15 19:36", { destination_country: "SV" }, { id: "rm" });

  test("evidence raised before removal with no court decision is flagged, naming what is missing", () => {
    const f = only(run(person(), [evidence(), removal()]), "R02");
    assert.equal(f.length, 1);
    assert.deepEqual(f[0]!.events, ["rm", "ce"]);
    assert.match(f[0]!.missing[0]!, /no court hearing .* before REMOVAL on 2025-03-15 19:36 EDT/);
  });

  const cases: [string, ReturnType<typeof ev>[], number][] = [
    [
      "a judicial hearing in between",
      [evidence(), ev("HEARING", "2025-02-20", { kind: "court", judicial: true }), removal()],
      0,
    ],
    [
      "an immigration-judge hearing is not a court",
      [evidence(), ev("HEARING", "2025-02-20", { kind: "IJ" }), removal()],
      1,
    ],
    ["a claim already decided by a court", [evidence({ judicially_determined: true }), removal()], 0],
    [
      "a claim marked as raised only after removal",
      [evidence({ raised_before_removal: false }), removal()],
      0,
    ],
    [
      "evidence dated after removal but marked as raised before",
      [removal(), ev("CITIZENSHIP_EVIDENCE", "2025-04-01", { raised_before_removal: true }, { id: "ce2" })],
      1,
    ],
    ["evidence that surfaced after removal", [removal(), ev("CITIZENSHIP_EVIDENCE", "2025-04-01")], 0],
  ];
  for (const [name, events, n] of cases)
    test(`${name} → ${n}`, () => assert.equal(only(run(person(), events), "R02").length, n));
});

describe("R03 citizen prisoner sent to a foreign prison", () => {
  test("a citizen in criminal custody placed in foreign custody is an advisory finding", () => {
    const f = only(
      run(citizen(), [
        ev("DETENTION_START", "2025-04-01", { agency: "BOP", authority: "federal sentence" }, { id: "d" }),
        ev("FOREIGN_CUSTODY", "2025-05-01", { country: "SV", custodian: "CECOT" }, { id: "fc" }),
      ]),
      "R03",
    );
    assert.equal(f.length, 1);
    assert.equal(f[0]!.severity, "possible_issue");
    assert.deepEqual(f[0]!.events, ["fc", "d"]);
  });

  test("not for noncitizens, nor for citizens with no criminal custody before", () => {
    const fc = ev("FOREIGN_CUSTODY", "2025-05-01", { country: "SV" });
    const charge = ev("CRIMINAL_CHARGE", "2025-04-01");
    assert.equal(only(run(person(), [charge, fc]), "R03").length, 0);
    assert.equal(only(run(citizen(), [fc]), "R03").length, 0);
    assert.equal(only(run(citizen(), [charge, fc]), "R03").length, 1);
  });
});
