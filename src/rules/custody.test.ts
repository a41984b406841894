// Table tests for R19–R22, R26, R32: contact, consulate, counsel on transfer, post-order detention, offshore custody.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ev, only, person, run } from "./test-factories.ts";

describe("R19 no contact after a move", () => {
  const removed = ev("REMOVAL", "2025-03-15 19:36", { destination_country: "SV" }, { id: "rm" });
  const call = (when: string, w = "family") => ev("CONTACT", when, { with: w }, { id: "call" });
  const cases: [string, ReturnType<typeof ev>[], string, number | null][] = [
    ["call 3 days later (boundary)", [removed, call("2025-03-18 20:00")], "2025-12-31T00:00:00Z", null],
    ["call 4 days later", [removed, call("2025-03-19 20:00")], "2025-12-31T00:00:00Z", 4],
    [
      "a consulate call is not family or counsel",
      [removed, call("2025-03-16 20:00", "consulate")],
      "2025-03-25T00:00:00Z",
      9,
    ],
    ["still no contact as of evaluation", [removed], "2025-03-25T23:36:00Z", 10],
    ["released 2 days later", [removed, ev("RELEASE", "2025-03-17")], "2025-12-31T00:00:00Z", null],
  ];
  for (const [name, events, asOf, days] of cases) {
    test(`${name} → ${days ?? "no finding"}`, () => {
      const f = only(run(person(), events, { asOf }), "R19");
      assert.equal(f.length, days === null ? 0 : 1);
      if (days !== null) assert.equal(f[0]!.days_elapsed, days);
    });
  }

  test("a domestic transfer is low confidence; abroad is medium and names enforced disappearance", () => {
    const dom = only(
      run(person(), [ev("TRANSFER", "2025-03-01", { to: "El Valle, TX" })], { asOf: "2025-03-10T00:00:00Z" }),
      "R19",
    )[0]!;
    assert.equal(dom.confidence, "low");
    const abroad = only(run(person(), [removed], { asOf: "2025-04-01T00:00:00Z" }), "R19")[0]!;
    assert.equal(abroad.confidence, "medium");
    assert.match(abroad.text, /enforced disappearance/);
  });

  test('a recorded foreign facility: no "without a disclosed location"', () => {
    const cecot = ev(
      "FOREIGN_CUSTODY",
      "2025-03-16",
      { country: "SV" },
      { facility: "cecot", tz: "America/El_Salvador" },
    );
    const f = only(run(person(), [removed, cecot], { asOf: "2025-04-01T00:00:00Z" }), "R19")[0]!;
    assert.doesNotMatch(f.text, /without contact or a disclosed location/);
    assert.match(f.text, /place abroad is on record/);
    const unknown = only(run(person(), [removed], { asOf: "2025-04-01T00:00:00Z" }), "R19")[0]!;
    assert.match(unknown.text, /without contact or a disclosed location/);
  });

  test("foreign custody with no custodian or facility adds that to what is missing", () => {
    const f = only(
      run(person(), [removed, ev("FOREIGN_CUSTODY", "2025-03-16", { country: "SV" })], {
        asOf: "2025-04-01T00:00:00Z",
      }),
      "R19",
    )[0]!;
    assert.equal(f.missing.length, 2);
    assert.match(f.missing[1]!, /no custodian or facility/);
  });
});

describe("R20 consular advisal", () => {
  const held = ev("DETENTION_START", "2025-03-01 10:00", {}, { id: "d" });
  const cases: [string, string[], ReturnType<typeof ev>[], string, number][] = [
    ["no advisal after 72 hours", ["SV"], [held], "2025-03-05T00:00:00Z", 1],
    ["no advisal, within 72 hours", ["SV"], [held], "2025-03-03T00:00:00Z", 0],
    ["advisal after a day", ["SV"], [held, ev("CONSULAR_ADVISAL", "2025-03-02")], "2025-12-31T00:00:00Z", 0],
    ["advisal after a week", ["SV"], [held, ev("CONSULAR_ADVISAL", "2025-03-08")], "2025-12-31T00:00:00Z", 1],
    [
      "mandatory country: advisal without notification",
      ["GB"],
      [held, ev("CONSULAR_ADVISAL", "2025-03-02", { notified: false })],
      "2025-12-31T00:00:00Z",
      1,
    ],
    [
      "mandatory country: consulate notified",
      ["GB"],
      [held, ev("CONSULAR_ADVISAL", "2025-03-02", { notified: true })],
      "2025-12-31T00:00:00Z",
      0,
    ],
    [
      "mandatory country: consulate in contact",
      ["CN"],
      [held, ev("CONTACT", "2025-03-02", { with: "consulate" })],
      "2025-12-31T00:00:00Z",
      0,
    ],
    ["nationality unknown", [], [held], "2025-12-31T00:00:00Z", 0],
    ["dual national with US citizenship", ["US", "MX"], [held], "2025-12-31T00:00:00Z", 0],
  ];
  for (const [name, nationalities, events, asOf, n] of cases)
    test(`${name} → ${n}`, () =>
      assert.equal(only(run(person({ nationalities }), events, { asOf }), "R20").length, n));
});

describe("R21 counsel not told of a transfer", () => {
  const g28 = ev("COUNSEL_RETAINED", "2025-02-01", { g28: true }, { id: "g28" });
  const cases: [string, ReturnType<typeof ev>[], number, number][] = [
    // name, events, findings, missing entries
    ["counsel not notified", [g28, ev("TRANSFER", "2025-03-14", { attorney_notified: false })], 1, 0],
    ["notification not recorded", [g28, ev("TRANSFER", "2025-03-14", {})], 1, 1],
    ["counsel notified", [g28, ev("TRANSFER", "2025-03-14", { attorney_notified: true })], 0, 0],
    [
      "transfer notice given to counsel",
      [
        g28,
        ev("NOTICE_GIVEN", "2025-03-14", { kind: "transfer", given_to_counsel: true }),
        ev("TRANSFER", "2025-03-14"),
      ],
      0,
      0,
    ],
    ["no G-28 on file", [ev("TRANSFER", "2025-03-14", { attorney_notified: false })], 0, 0],
    [
      "transfer before counsel appeared",
      [ev("TRANSFER", "2025-01-14", { attorney_notified: false }), g28],
      0,
      0,
    ],
  ];
  for (const [name, events, n, gaps] of cases) {
    test(`${name} → ${n}`, () => {
      const f = only(run(person(), events), "R21");
      assert.equal(f.length, n);
      if (n) {
        assert.equal(f[0]!.missing.length, gaps);
        assert.equal(f[0]!.confidence, "low");
      }
    });
  }
});

describe("R22 post-order detention", () => {
  const final = ev("REMOVAL_ORDER", "2025-01-02", { type: "IJ_240", final: true }, { id: "ro" });
  const held = ev("DETENTION_START", "2024-12-01", {}, { id: "d" });
  const cases: [string, ReturnType<typeof ev>[], string, string | null, number | null][] = [
    ["held 80 days after a final order", [held, final], "2025-03-23T12:00:00Z", null, null],
    ["held 100 days", [held, final], "2025-04-12T12:00:00Z", "information", 100],
    ["held past six months", [held, final], "2025-07-10T12:00:00Z", "possible_issue", 189],
    [
      "exactly six months (2 Jan → 2 Jul) is not yet past",
      [held, final],
      "2025-07-02T12:00:00Z",
      "information",
      181,
    ],
    [
      "released after 200 days",
      [held, final, ev("RELEASE", "2025-07-21")],
      "2025-12-31T12:00:00Z",
      "possible_issue",
      200,
    ],
    [
      "appeal pending, order not final",
      [held, ev("REMOVAL_ORDER", "2025-01-02", { type: "IJ_240" }), ev("APPEAL_FILED", "2025-01-20")],
      "2025-12-31T12:00:00Z",
      null,
      null,
    ],
    [
      "unappealed IJ order becomes final after 30 days",
      [held, ev("REMOVAL_ORDER", "2025-01-02", { type: "IJ_240" })],
      "2025-08-10T12:00:00Z",
      "possible_issue",
      190,
    ],
  ];
  for (const [name, events, asOf, severity, days] of cases) {
    test(`${name} → ${severity ?? "no finding"}`, () => {
      const f = only(run(person(), events, { asOf }), "R22");
      assert.equal(f.length, severity ? 1 : 0);
      if (severity) {
        assert.equal(f[0]!.severity, severity);
        assert.equal(f[0]!.days_elapsed, days);
      }
    });
  }
});

describe("R26 foreign prison at U.S. request", () => {
  const cases: [string, Record<string, unknown>, string | null][] = [
    ["at U.S. request", { country: "SV", at_us_request: true }, "medium"],
    ["CECOT, request not recorded", { country: "SV", custodian: "CECOT" }, "low"],
    ["own country's custody, request not recorded", { country: "VE", custodian: "SEBIN" }, null],
    ["not at U.S. request", { country: "SV", custodian: "CECOT", at_us_request: false }, null],
  ];
  for (const [name, d, want] of cases) {
    test(`${name} → ${want ?? "no finding"}`, () => {
      const f = only(run(person(), [ev("FOREIGN_CUSTODY", "2025-03-16", d)]), "R26");
      assert.equal(f.length, want ? 1 : 0);
      if (want) assert.equal(f[0]!.confidence, want);
    });
  }
});

describe("R32 Guantánamo", () => {
  test("a transfer to Guantánamo is a contested possible issue; other transfers are not", () => {
    const f = only(
      run(person(), [ev("TRANSFER", "2025-02-04", { to: "Naval Station Guantanamo Bay" })]),
      "R32",
    );
    assert.equal(f.length, 1);
    assert.equal(f[0]!.contested?.as_of, "2025-02-12");
    assert.equal(only(run(person(), [ev("TRANSFER", "2025-02-04", { to: "Krome, FL" })]), "R32").length, 0);
    assert.equal(
      only(run(person(), [ev("TRANSFER", "2025-02-04", {}, { facility: "gtmo-moc" })]), "R32").length,
      1,
    );
  });
});
