// Table tests for R04, R05, R07, R08, R12, R13, R28, R29.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ev, only, person, run } from "./test-factories.ts";

const removal = (d: Record<string, unknown> = {}, when = "2025-03-15 19:36") =>
  ev("REMOVAL", when, { destination_country: "SV", ...d }, { id: "rm" });

describe("R04 no §240 proceeding", () => {
  const cases: [string, ReturnType<typeof ev>[], string | null][] = [
    ["nothing before the removal", [removal()], "possible_issue"],
    ["an immigration-judge order", [ev("REMOVAL_ORDER", "2019-10-10", { type: "IJ_240" }), removal()], null],
    ["a master-calendar hearing", [ev("HEARING", "2025-01-10", { kind: "master" }), removal()], null],
    ["only a bond hearing", [ev("HEARING", "2025-01-10", { kind: "bond" }), removal()], "possible_issue"],
    [
      "an expedited-removal order",
      [ev("REMOVAL_ORDER", "2025-03-01", { type: "expedited_235b1" }), removal()],
      null,
    ],
    ["reinstatement", [ev("REMOVAL_ORDER", "2025-03-01", { type: "reinstatement_241a5" }), removal()], null],
    ["removal labelled as under the AEA", [removal({ authority: "AEA" })], null],
    [
      "an order recorded as none",
      [ev("REMOVAL_ORDER", "2025-03-01", { type: "none" }), removal()],
      "violation",
    ],
    [
      "an IJ order that came after the removal",
      [removal(), ev("REMOVAL_ORDER", "2025-04-01", { type: "IJ_240" })],
      "possible_issue",
    ],
  ];
  for (const [name, events, want] of cases) {
    test(`${name} → ${want ?? "no finding"}`, () => {
      const f = only(run(person(), events), "R04");
      assert.equal(f.length, want ? 1 : 0);
      if (want) assert.equal(f[0]!.severity, want);
    });
  }

  test("the absence is spelled out with the removal's local time", () => {
    const f = only(run(person(), [removal()]), "R04")[0]!;
    assert.deepEqual(f.events, ["rm"]);
    assert.equal(
      f.missing[0],
      "no HEARING before an immigration judge before REMOVAL on 2025-03-15 19:36 EDT",
    );
  });
});

describe("R05 Notice to Appear", () => {
  const nta = (d: Record<string, unknown>) => ev("NTA_SERVED", "2025-01-10 10:00", d, { id: "nta" });
  const full = (days: number, extra: Record<string, unknown> = {}) =>
    nta({
      hearing_datetime: new Date(Date.parse("2025-01-10T15:00:00Z") + days * 86_400_000).toISOString(),
      hearing_place: "Baltimore",
      ...extra,
    });

  const cases: [string, ReturnType<typeof ev>[], string[]][] = [
    ["complete NTA, hearing 30 days later", [full(30)], []],
    ["hearing exactly 10 days later (boundary)", [full(10)], []],
    ["hearing 9 days later", [full(9)], ["violation"]],
    ["hearing 9 days later with a written waiver", [full(9, { waiver_signed: true })], []],
    ["no time or place", [nta({})], ["possible_issue"]],
    [
      "no time, and the hearing held 5 days later",
      [nta({ hearing_place: "Baltimore" }), ev("HEARING", "2025-01-15", { kind: "master" })],
      ["violation", "possible_issue"],
    ],
    [
      "no time, hearing held 12 days later",
      [nta({ hearing_place: "Baltimore" }), ev("HEARING", "2025-01-22", { kind: "master" })],
      ["possible_issue"],
    ],
  ];
  for (const [name, events, want] of cases) {
    test(`${name} → ${want.join(", ") || "no finding"}`, () => {
      assert.deepEqual(
        only(run(person(), events), "R05").map((f) => f.severity),
        want,
      );
    });
  }

  test("without a recorded waiver the finding says what is missing", () => {
    const f = only(run(person(), [full(9)]), "R05")[0]!;
    assert.match(f.text, /9 days after/);
    assert.match(f.missing[0]!, /written request/);
    assert.equal(only(run(person(), [full(9, { waiver_signed: false })]), "R05")[0]!.missing.length, 0);
  });
});

describe("R07 counsel denied", () => {
  const asked = ev("COUNSEL_REQUESTED", "2025-03-13", {}, { id: "cr" });
  const cases: [string, ReturnType<typeof ev>[], number][] = [
    [
      "hearing without counsel after a request",
      [asked, ev("HEARING", "2025-03-14", { counsel_present: false }, { id: "h" })],
      1,
    ],
    ["hearing with counsel", [asked, ev("HEARING", "2025-03-14", { counsel_present: true })], 0],
    ["removal with no contact after a request", [asked, removal()], 1],
    [
      "removal after a call with counsel",
      [asked, ev("CONTACT", "2025-03-14", { with: "counsel" }), removal()],
      0,
    ],
    [
      "removal after a call with family only",
      [asked, ev("CONTACT", "2025-03-14", { with: "family" }), removal()],
      1,
    ],
    ["no request for counsel", [removal()], 0],
    [
      "retained counsel, then held at Guantánamo with no access",
      [
        ev("COUNSEL_RETAINED", "2025-02-01", { g28: true }),
        ev("CONTACT", "2025-02-02", { with: "counsel" }),
        ev("TRANSFER", "2025-02-04", { to: "NS Guantánamo Bay" }, { id: "gt" }),
      ],
      1,
    ],
  ];
  for (const [name, events, n] of cases)
    test(`${name} → ${n}`, () => assert.equal(only(run(person(), events), "R07").length, n));

  test("the text never claims a right to a government-paid lawyer", () => {
    const f = only(run(person(), [asked, removal()]), "R07")[0]!;
    assert.match(f.text, /no right to a government-paid lawyer/);
    assert.match(f.missing[0]!, /no CONTACT with counsel/);
  });
});

describe("R08 48-hour custody determination", () => {
  const arrest = (
    when = "2025-03-10 08:00",
    d: Record<string, unknown> = { warrant: "none" },
    precision?: "day",
  ) => ev("ARREST", when, d, { id: "ar", ...(precision ? { precision } : {}) });
  const decided = (when: string) => ev("CUSTODY_DETERMINATION", when, { outcome: "detain" }, { id: "cd" });
  const cases: [string, ReturnType<typeof ev>[], string, number][] = [
    ["decision at 47 hours", [arrest(), decided("2025-03-12 07:00")], "2025-04-01T00:00:00Z", 0],
    ["decision at exactly 48 hours", [arrest(), decided("2025-03-12 08:00")], "2025-04-01T00:00:00Z", 0],
    ["decision at 49 hours", [arrest(), decided("2025-03-12 09:00")], "2025-04-01T00:00:00Z", 1],
    ["no decision, 50 hours on", [arrest()], "2025-03-12T14:00:00Z", 1],
    ["no decision, 40 hours on (not yet due)", [arrest()], "2025-03-12T04:00:00Z", 0],
    ["released within 48 hours", [arrest(), ev("RELEASE", "2025-03-11 09:00")], "2025-04-01T00:00:00Z", 0],
    ["administrative warrant", [arrest(undefined, { warrant: "administrative" })], "2025-04-01T00:00:00Z", 0],
    [
      "criminal arrest (R10 territory)",
      [arrest(undefined, { warrant: "none", criminal: true })],
      "2025-04-01T00:00:00Z",
      0,
    ],
    [
      "day-precise arrest, decision two days later",
      [arrest("2025-03-10", undefined, "day"), decided("2025-03-12")],
      "2025-04-01T00:00:00Z",
      0,
    ],
    [
      "day-precise arrest, decision three days later (benefit of the doubt)",
      [arrest("2025-03-10", undefined, "day"), decided("2025-03-13")],
      "2025-04-01T00:00:00Z",
      0,
    ],
    [
      "day-precise arrest, decision four days later",
      [arrest("2025-03-10", undefined, "day"), decided("2025-03-14")],
      "2025-04-01T00:00:00Z",
      1,
    ],
  ];
  for (const [name, events, asOf, n] of cases)
    test(`${name} → ${n}`, () => assert.equal(only(run(person(), events, { asOf }), "R08").length, n));

  test("a late decision gives the hours; an imprecise arrest lowers confidence", () => {
    const f = only(run(person(), [arrest(), decided("2025-03-12 09:00")]), "R08")[0]!;
    assert.match(f.text, /about 49 hours/);
    assert.equal(f.confidence, "medium");
    const g = only(run(person(), [arrest("2025-03-10", undefined, "day"), decided("2025-03-14")]), "R08")[0]!;
    assert.equal(g.confidence, "low");
  });
});

describe("R12 fear not screened", () => {
  const fear = ev("FEAR_EXPRESSED", "2025-03-02", { country: "SV" }, { id: "fe" });
  const er = ev("REMOVAL_ORDER", "2025-03-01", { type: "expedited_235b1" }, { id: "er" });
  const cases: [string, ReturnType<typeof ev>[], string | null][] = [
    ["expedited removal, fear, no interview", [er, fear, removal()], "medium"],
    [
      "expedited removal, fear, positive interview",
      [er, fear, ev("CFI", "2025-03-05", { outcome: "positive" }), removal()],
      null,
    ],
    [
      "negative interview and no judge review",
      [er, fear, ev("CFI", "2025-03-05", { outcome: "negative" }), removal()],
      "low",
    ],
    [
      "negative interview then judge review",
      [
        er,
        fear,
        ev("CFI", "2025-03-05", { outcome: "negative" }),
        ev("HEARING", "2025-03-09", { kind: "IJ" }),
        removal(),
      ],
      null,
    ],
    [
      "fear in §240 proceedings goes to the judge",
      [ev("REMOVAL_ORDER", "2025-03-01", { type: "IJ_240" }), fear, removal()],
      null,
    ],
    ["no order on record at all", [fear, removal()], "low"],
    ["fear expressed after the removal", [er, removal(), ev("FEAR_EXPRESSED", "2025-03-20")], null],
  ];
  for (const [name, events, want] of cases) {
    test(`${name} → ${want ?? "no finding"}`, () => {
      const f = only(run(person(), events), "R12");
      assert.equal(f.length, want ? 1 : 0);
      if (want) assert.equal(f[0]!.confidence, want);
    });
  }
});

describe("R04 wording for a citizen removed through a summary procedure", () => {
  const cases: [string, ReturnType<typeof ev>, RegExp, RegExp][] = [
    [
      "a birth certificate: the person is a citizen, not a claimant",
      ev("CITIZENSHIP_EVIDENCE", "2025-01-05", { basis: "birth" }),
      /the record shows the person is a U.S. citizen/,
      /claim/,
    ],
    [
      "derivation: an unresolved claim",
      ev("CITIZENSHIP_EVIDENCE", "2025-01-05", { basis: "derivation" }),
      /citizenship claim/,
      /shows the person is a U.S. citizen/,
    ],
  ];
  for (const [name, evidence, says, not] of cases) {
    test(name, () => {
      const f = only(run(person(), [evidence, removal({ authority: "expedited" })]), "R04");
      assert.equal(f.length, 1);
      assert.match(f[0]!.text, says);
      assert.doesNotMatch(
        f[0]!.text.split(" The person is recorded")[0]!.split(" The record holds")[0]!,
        not,
      );
    });
  }
});

describe("R13 third country without notice", () => {
  const ordered = ev("REMOVAL_ORDER", "2025-01-10", { type: "IJ_240", country: "HN" }, { id: "ro" });
  test("sent to a country other than the one ordered, no notice → contested possible issue", () => {
    const f = only(run(person(), [ordered, removal({ destination_country: "GT" })]), "R13");
    assert.equal(f.length, 1);
    assert.equal(f[0]!.severity, "possible_issue");
    assert.equal(f[0]!.contested?.as_of, "2025-07-03");
    assert.match(f[0]!.text, /named Honduras, but the person was sent to Guatemala/);
  });
  test("not when notice was given, nor when the country matches", () => {
    const notice = ev("NOTICE_GIVEN", "2025-03-01", { kind: "third_country" });
    assert.equal(
      only(run(person(), [ordered, notice, removal({ destination_country: "GT" })]), "R13").length,
      0,
    );
    assert.equal(only(run(person(), [ordered, removal({ destination_country: "HN" })]), "R13").length, 0);
    assert.equal(only(run(person(), [removal({ destination_country: "GT" })]), "R13").length, 0);
  });
  // A withholding or CAT grant is made together with an order of removal to the country it names.
  const grant = ev(
    "PROTECTION_GRANTED",
    "2019-10-10",
    { kind: "withholding_241b3", country: "SV" },
    { id: "g" },
  );
  const onRecord = { protections: [{ kind: "CAT_deferral" as const, country: "VE" }] };
  const grants: [string, Parameters<typeof person>[0], ReturnType<typeof ev>[], boolean][] = [
    [
      "withholding for SV, sent to Honduras, no removal order recorded",
      {},
      [grant, removal({ destination_country: "HN" })],
      true,
    ],
    [
      "withholding for SV, sent to SV (that is R11, not R13)",
      {},
      [grant, removal({ destination_country: "SV" })],
      false,
    ],
    [
      "CAT deferral for VE on the person's record, sent to El Salvador",
      onRecord,
      [removal({ destination_country: "SV" })],
      true,
    ],
    [
      "asylum grant names no removal country",
      {},
      [
        ev("PROTECTION_GRANTED", "2019-10-10", { kind: "asylum", country: "SV" }),
        removal({ destination_country: "HN" }),
      ],
      false,
    ],
    [
      "withholding for SV, third-country notice before the removal to Honduras",
      {},
      [
        grant,
        ev("NOTICE_GIVEN", "2025-03-01", { kind: "third_country" }),
        removal({ destination_country: "HN" }),
      ],
      false,
    ],
  ];
  for (const [name, over, events, want] of grants) {
    test(`${name} → ${want ? "R13" : "no R13"}`, () => {
      const f = only(run(person(over), events), "R13");
      assert.equal(f.length, want ? 1 : 0);
      if (want) assert.match(f[0]!.text, /grant of protection/);
    });
  }
});

describe("R28 removed before the order was final", () => {
  // 24 Apr 2025 + 30 days = Saturday 24 May; Monday 26 May is Memorial Day, so the window closes Tuesday 27 May.
  const ij = (d: Record<string, unknown> = {}) =>
    ev("REMOVAL_ORDER", "2025-04-24 11:00", { type: "IJ_240", ...d }, { id: "ro" });
  const cases: [string, ReturnType<typeof ev>[], number][] = [
    ["removed after a week", [ij(), removal({}, "2025-05-01 10:00")], 1],
    [
      "removed on the Tuesday the window closes (after weekend and Memorial Day)",
      [ij(), removal({}, "2025-05-27 10:00")],
      1,
    ],
    ["removed the day after the window closes", [ij(), removal({}, "2025-05-28 10:00")], 0],
    ["appeal waived", [ij({ appeal_waived: true }), removal({}, "2025-05-01 10:00")], 0],
    ["order marked final", [ij({ final: true }), removal({}, "2025-05-01 10:00")], 0],
    [
      "expedited order is final at once",
      [ev("REMOVAL_ORDER", "2025-04-24", { type: "expedited_235b1" }), removal({}, "2025-05-01")],
      0,
    ],
    [
      "appeal pending",
      [ij(), ev("APPEAL_FILED", "2025-05-10", { forum: "BIA" }), removal({}, "2025-07-01")],
      1,
    ],
    [
      "appeal decided",
      [ij(), ev("APPEAL_FILED", "2025-05-10", { pending: false }), removal({}, "2025-07-01")],
      0,
    ],
  ];
  for (const [name, events, n] of cases)
    test(`${name} → ${n}`, () => assert.equal(only(run(person(), events), "R28").length, n));
});

describe("R29 removed with asylum pending", () => {
  test("pending application → finding; decided → none; AEA removals carry the government's position", () => {
    const applied = ev("ASYLUM_APPLIED", "2024-09-01", {}, { id: "aa" });
    assert.deepEqual(only(run(person(), [applied, removal()]), "R29")[0]!.events, ["rm", "aa"]);
    assert.equal(
      only(run(person(), [ev("ASYLUM_APPLIED", "2024-09-01", { pending: false }), removal()]), "R29").length,
      0,
    );
    assert.match(
      only(run(person(), [applied, removal({ authority: "AEA" })]), "R29")[0]!.text,
      /Alien Enemies Act/,
    );
    assert.equal(only(run(person(), [removal(), ev("ASYLUM_APPLIED", "2025-04-01")]), "R29").length, 0);
  });
});
