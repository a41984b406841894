// Scenario tests on the documented 2025 facts: Abrego Garcia's wrongful removal and the J.G.G. AEA class.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { evaluateCase, orderCompliance } from "./index.ts";
import { CT, ev, only, order, person } from "./test-factories.ts";

describe("Abrego Garcia", () => {
  const id = "abrego-garcia";
  const p = person({
    id,
    full_name: "Kilmar Armando Abrego Garcia",
    nationalities: ["SV"],
    languages: ["es"],
    citizenship_status: "no_status",
    protections: [{ kind: "withholding_241b3", country: "SV", granted_on: "2019-10-10" }],
  });
  const at = (
    type: Parameters<typeof ev>[0],
    when: string,
    d: Record<string, unknown>,
    eid: string,
    tz?: string,
  ) => ev(type, when, d, { id: eid, person: id, ...(tz ? { tz } : {}) });
  const events = [
    at("NTA_SERVED", "2019-03-29", {}, "nta"),
    at("REMOVAL_ORDER", "2019-10-10", { type: "IJ_240", country: "SV" }, "ij-order"),
    at("PROTECTION_GRANTED", "2019-10-10", { kind: "withholding_241b3", country: "SV" }, "withholding"),
    at("ARREST", "2025-03-12", { warrant: "administrative", agency: "ICE" }, "arrest"),
    at("TRANSFER", "2025-03-13", { to: "Texas" }, "to-texas"),
    at(
      "REMOVAL",
      "2025-03-15 18:36",
      { destination_country: "SV", authority: "title8", flight: "third" },
      "removal",
      CT,
    ),
    at("FOREIGN_CUSTODY", "2025-03-16", { country: "SV", custodian: "CECOT", at_us_request: true }, "cecot"),
    at("GOVERNMENT_ADMISSION", "2025-03-31", { admits: "removal was an error" }, "cerna"),
    at("RETURN", "2025-06-06", { to_country: "US" }, "return"),
  ];
  const district = order("2025-04-04", {
    id: "xinis-facilitate",
    kind: "facilitate_return",
    bars: [],
    covers: { people: [id] },
    deadline: "2025-04-07 23:59",
  });
  const scotus = order("2025-04-10", {
    id: "scotus-facilitate",
    kind: "facilitate_return",
    bars: [],
    covers: { people: [id] },
  });
  const file = { person: p, events, orders: [district, scotus] };

  test("R11: withholding for El Salvador, removed to El Salvador", () => {
    const f = only(evaluateCase(file, { asOf: "2025-12-31T00:00:00Z" }), "R11");
    assert.equal(f.length, 1);
    assert.equal(f[0]!.severity, "violation");
    assert.equal(f[0]!.confidence, "high");
    assert.deepEqual(f[0]!.events, ["removal", "withholding", "cecot"]);
    assert.match(f[0]!.text, /sent there on 2025-03-15 18:36 CDT/);
  });

  test("R18: 57 days from the Supreme Court's order to return, 63 from the district court's", () => {
    const f = only(evaluateCase(file, { asOf: "2025-12-31T00:00:00Z" }), "R18");
    const days = Object.fromEntries(f.map((x) => [x.order, x.days_elapsed]));
    assert.deepEqual(days, { "xinis-facilitate": 63, "scotus-facilitate": 57 });
    assert.ok(f.every((x) => x.severity === "information" && x.events[0] === "return"));
  });

  test("before the return, R18 is a running violation and the district deadline is overdue", () => {
    const f = evaluateCase(file, { asOf: "2025-05-01T16:00:00Z" });
    const r18 = only(f, "R18").find((x) => x.order === "scotus-facilitate")!;
    assert.equal(r18.severity, "violation");
    assert.equal(r18.days_elapsed, 21);
    const due = only(f, "R30").find((x) => x.order === "xinis-facilitate")!;
    assert.deepEqual(due.due, {
      date: "2025-04-07",
      days_remaining: -24,
      label: "Court-ordered deadline (order to facilitate return)",
    });
  });

  test("not an AEA case, and his 2019 judge's order means no R04", () => {
    const rules = new Set(evaluateCase(file, { asOf: "2025-12-31T00:00:00Z" }).map((f) => f.rule));
    for (const r of ["R04", "R14", "R15", "R16", "R17"]) assert.equal(rules.has(r), false, r);
  });

  test("the ledger: the Supreme Court order stood unmet 57 days until the return", () => {
    const c = orderCompliance(scotus, events, { asOf: "2025-12-31T00:00:00Z" });
    assert.equal(c.state, "complied");
    assert.equal(c.unmet, false);
    assert.equal(c.days_unmet, 57);
    assert.equal(c.met_by?.event, "return");
  });
});

describe("J.G.G. class removed under the AEA on 15 Mar 2025", () => {
  const id = "jgg-aea-class";
  const group = person({
    id,
    kind: "group",
    full_name: "J.G.G. class: Venezuelans removed under the AEA",
    group_size: 137,
    nationalities: ["VE"],
    languages: ["es"],
    citizenship_status: "no_status",
  });
  const at = (
    type: Parameters<typeof ev>[0],
    when: string,
    d: Record<string, unknown>,
    eid: string,
    tz = CT,
  ) => ev(type, when, d, { id: eid, person: id, tz });
  const base = [
    at("DETENTION_START", "2025-03-14 09:00", { agency: "ICE", authority: "Proclamation 10903" }, "el-valle"),
    at(
      "REMOVAL",
      "2025-03-15 18:36",
      { destination_country: "SV", authority: "AEA", flight: "third" },
      "flight-3",
    ),
    at("FOREIGN_CUSTODY", "2025-03-16", { country: "SV", custodian: "CECOT", at_us_request: true }, "cecot"),
  ];
  const oral = order("2025-03-15 18:46", {
    id: "oral-tro",
    oral: true,
    covers: { people: [id] },
    bars: ["removal"],
  });
  const written = order("2025-03-15 19:26", {
    id: "written-tro",
    covers: { people: [id], class_definition: "noncitizens subject to Proclamation 10903" },
    bars: ["removal"],
  });
  const orders = [oral, written];
  const asOf = "2025-04-01T00:00:00Z";

  test("R17: the 19:36 EDT flight left 50 minutes after the oral order and 10 after the written one", () => {
    const f = only(evaluateCase({ person: group, events: base, orders }, { asOf }), "R17");
    assert.deepEqual(
      f.map((x) => [x.order, x.severity, x.events[0]]),
      [
        ["oral-tro", "violation", "flight-3"],
        ["oral-tro", "violation", "cecot"],
        ["written-tro", "violation", "flight-3"],
        ["written-tro", "violation", "cecot"],
      ],
    );
    assert.match(
      f[0]!.text,
      /came 50 minutes after the oral temporary restraining order of 2025-03-15 18:46 EDT/,
    );
    assert.match(f[2]!.text, /came 10 minutes after/);
    assert.match(f[0]!.text, /^Group record \(137 people\): /);
  });

  test("the two earlier flights (17:25 and 17:44 EDT) left before any order: no R17 for them, only for the hand-over", () => {
    const early = [
      at("REMOVAL", "2025-03-15 16:25", { destination_country: "SV", authority: "AEA" }, "flight-1"),
      at("REMOVAL", "2025-03-15 16:44", { destination_country: "SV", authority: "AEA" }, "flight-2"),
    ];
    const f = only(evaluateCase({ person: group, events: [...early, ...base], orders }, { asOf }), "R17");
    assert.deepEqual([...new Set(f.map((x) => x.events[0]))], ["flight-3", "cecot"]);
  });

  test("R14 and R15: no notice on record", () => {
    const f = evaluateCase({ person: group, events: base, orders }, { asOf });
    const r14 = only(f, "R14")[0]!;
    assert.equal(r14.severity, "violation");
    assert.deepEqual(r14.missing, ["no NOTICE_GIVEN before REMOVAL on 2025-03-15 18:36 CDT"]);
    assert.equal(only(f, "R15")[0]!.severity, "violation");
  });

  test("R14: notice under 24 hours, English only, silent on how to contest", () => {
    const notice = at(
      "NOTICE_GIVEN",
      "2025-03-14 22:00",
      { kind: "AEA", language: "English", says_how_to_contest: false, given_to_counsel: false },
      "notice",
    );
    const f = evaluateCase({ person: group, events: [notice, ...base], orders }, { asOf });
    const r14 = only(f, "R14")[0]!;
    assert.equal(r14.severity, "violation");
    assert.match(r14.text, /about 21 hours|21 hours/);
    assert.match(r14.text, /did not explain how to contest/);
    assert.match(r14.text, /English/);
    assert.equal(only(f, "R31").length, 1);
  });

  test("the group is inside the proclamation's class as recorded: no R16", () => {
    assert.equal(only(evaluateCase({ person: group, events: base, orders }, { asOf }), "R16").length, 0);
  });

  test("the written TRO's ledger: breached 10 minutes after issue, still unmet, days counting", () => {
    const c = orderCompliance(written, base, { asOf });
    assert.equal(c.state, "breached");
    assert.equal(c.unmet, true);
    assert.deepEqual(
      c.acts.map((v) => [v.event, v.minutes_after_order]),
      [
        ["flight-3", 10],
        ["cecot", 334],
      ],
    );
    // 1 Apr 00:00 UTC is still 31 Mar in Eastern time: 16 calendar days after 15 Mar.
    assert.equal(c.days_unmet, 16);
  });
});
