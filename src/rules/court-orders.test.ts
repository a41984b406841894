// Table tests for R17, R18 and the order-compliance ledger: UTC instants to the minute, across time zones.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ORDER_KINDS } from "../domain/model.ts";
import { barredTypes, COMPLIANCE_EVENT_TYPES, orderCompliance, publicCompliance } from "./court-orders.ts";
import { CT, ev, only, order, person, run } from "./test-factories.ts";

const flight = (when: string, tz = "America/New_York", id = "rm") =>
  ev("REMOVAL", when, { destination_country: "SV", authority: "AEA" }, { id, tz });

describe("R17 removal after a court order", () => {
  const oral = order("2025-03-15 18:46", { id: "oral", oral: true });
  const cases: [string, ReturnType<typeof ev>, number, number | null][] = [
    // name, event, findings, minutes after
    ["flight at 19:36 EDT after the 18:46 EDT order", flight("2025-03-15 19:36"), 1, 50],
    ["flight at 17:25 EDT before the order", flight("2025-03-15 17:25"), 0, null],
    ["flight logged as 18:36 CDT (= 19:36 EDT)", flight("2025-03-15 18:36", CT), 1, 50],
    [
      "flight logged as 17:50 CDT (= 18:50 EDT): later, though the clock reads earlier",
      flight("2025-03-15 17:50", CT),
      1,
      4,
    ],
    ["flight logged as 17:40 CDT (= 18:40 EDT)", flight("2025-03-15 17:40", CT), 0, null],
    ["flight in the same minute as the order", flight("2025-03-15 18:46"), 0, null],
  ];
  for (const [name, e, n, minutes] of cases) {
    test(`${name} → ${n}`, () => {
      const f = only(run(person(), [e], { orders: [oral] }), "R17");
      assert.equal(f.length, n);
      if (minutes !== null) {
        assert.equal(f[0]!.order, "oral");
        assert.equal(f[0]!.severity, "violation");
        assert.match(
          f[0]!.text,
          new RegExp(`came ${minutes} minutes? after the oral temporary restraining order`),
        );
      }
    });
  }

  test("a transfer bar covers transfers and removals; a removal bar not transfers", () => {
    const t = ev("TRANSFER", "2025-02-10 10:00", { to: "El Valle" });
    const r = flight("2025-02-11 10:00");
    const bars = (b: ("removal" | "transfer" | "detention")[]) => order("2025-02-09 12:00", { bars: b });
    assert.equal(only(run(person(), [t, r], { orders: [bars(["transfer"])] }), "R17").length, 2);
    assert.equal(only(run(person(), [t, r], { orders: [bars(["removal"])] }), "R17").length, 1);
  });

  test("a stay with no bars listed still bars removal; a detention bar catches re-detention", () => {
    const stay = order("2025-02-09 12:00", { kind: "stay", bars: [] });
    assert.equal(only(run(person(), [flight("2025-02-11 10:00")], { orders: [stay] }), "R17").length, 1);
    const noDetain = order("2025-07-23 12:00", { kind: "other", bars: ["detention"] });
    assert.equal(
      only(run(person(), [ev("DETENTION_START", "2025-08-25 09:00")], { orders: [noDetain] }), "R17").length,
      1,
    );
  });

  test("a removal known only to the day, on the order's day, is a low-confidence possible issue", () => {
    const f = only(run(person(), [ev("REMOVAL", "2025-03-15")], { orders: [oral] }), "R17");
    assert.equal(f.length, 1);
    assert.equal(f[0]!.severity, "possible_issue");
    assert.equal(f[0]!.confidence, "low");
  });

  test("an order with no bars (class certification) produces nothing", () => {
    const cert = order("2025-06-04", { kind: "class_certification", bars: [] });
    assert.equal(only(run(person(), [flight("2025-06-10 10:00")], { orders: [cert] }), "R17").length, 0);
  });
});

describe("R18 return tracker", () => {
  const removed = flight("2025-03-15 19:36");
  const facilitate = order("2025-04-10", { id: "scotus", kind: "facilitate_return", bars: [] });

  test("no return yet: a violation counting days as of the evaluation date", () => {
    const f = only(run(person(), [removed], { orders: [facilitate], asOf: "2025-05-10T16:00:00Z" }), "R18");
    assert.equal(f.length, 1);
    assert.equal(f[0]!.severity, "violation");
    assert.equal(f[0]!.days_elapsed, 30);
    assert.equal(f[0]!.order, "scotus");
    assert.match(f[0]!.missing[0]!, /no RETURN after the order of 2025-04-10/);
  });

  test("returned: information with the days from order to return (57 from 10 Apr to 6 Jun)", () => {
    const f = only(
      run(person(), [removed, ev("RETURN", "2025-06-06", {}, { id: "ret" })], { orders: [facilitate] }),
      "R18",
    );
    assert.equal(f[0]!.severity, "information");
    assert.equal(f[0]!.days_elapsed, 57);
    assert.equal(f[0]!.events[0], "ret");
  });

  test("a passed court deadline is mentioned", () => {
    const withDeadline = order("2025-04-04", {
      id: "xinis",
      kind: "facilitate_return",
      bars: [],
      deadline: "2025-04-07 23:59",
    });
    const f = only(run(person(), [removed], { orders: [withDeadline], asOf: "2025-04-09T12:00:00Z" }), "R18");
    assert.match(f[0]!.text, /deadline \(2025-04-07 23:59 EDT\) has passed/);
  });

  test("a government concession of error without any order is tracked as a possible issue", () => {
    const admit = ev("GOVERNMENT_ADMISSION", "2025-03-31", { admits: "an error" }, { id: "ga" });
    const f = only(run(person(), [removed, admit], { asOf: "2025-04-30T12:00:00Z" }), "R18");
    assert.equal(f[0]!.severity, "possible_issue");
    assert.equal(f[0]!.days_elapsed, 30);
    assert.equal(only(run(person(), [removed]), "R18").length, 0);
  });
});

describe("orderCompliance ledger", () => {
  const group = "jgg-class";
  const tro = order("2025-03-15 19:26", { id: "tro", covers: { people: [group] }, bars: ["removal"] });
  const flights = [
    ev("REMOVAL", "2025-03-15 16:25", {}, { id: "f1", person: group, tz: CT }),
    ev("REMOVAL", "2025-03-15 16:44", {}, { id: "f2", person: group, tz: CT }),
    ev("REMOVAL", "2025-03-15 18:36", {}, { id: "f3", person: group, tz: CT }),
  ];

  test("the 19:36 EDT flight (logged in Central time) breaches the 19:26 EDT TRO; earlier flights do not", () => {
    const c = orderCompliance(tro, flights, { asOf: "2025-03-25T12:00:00Z" });
    assert.equal(c.state, "breached");
    assert.deepEqual(c.acts, [
      {
        event: "f3",
        person: group,
        type: "REMOVAL",
        at: flights[2]!.at,
        minutes_after_order: 10,
        approximate: false,
      },
    ]);
    assert.equal(c.unmet, true);
    assert.equal(c.days_unmet, 10);
    assert.equal(c.issued_at, "2025-03-15T23:26:00.000Z");
  });

  test("read as of an earlier date, a later return has not happened yet", () => {
    const back = ev("RETURN", "2025-07-18", {}, { person: group });
    const c = orderCompliance(tro, [...flights, back], { asOf: "2025-07-01T12:00:00Z" });
    assert.equal(c.state, "breached");
    assert.equal(c.unmet, true);
    assert.equal(c.acts[0]?.remedied_by, undefined);
  });

  test("events of people the order does not cover are ignored", () => {
    const other = ev("REMOVAL", "2025-03-15 20:00", {}, { person: "someone-else" });
    assert.equal(orderCompliance(tro, [other], { asOf: "2025-03-25T12:00:00Z" }).state, "complied");
  });

  test("a breached bar stays breached when the person is brought back: the act reads as remedied", () => {
    const back = ev("RETURN", "2025-07-18", {}, { id: "back", person: group });
    const c = orderCompliance(tro, [...flights, back], { asOf: "2025-12-31T12:00:00Z" });
    assert.equal(c.state, "breached");
    assert.equal(c.unmet, false);
    assert.equal(c.acts.length, 1);
    assert.equal(c.acts[0]?.remedied_by?.event, "back");
    assert.equal(c.days_unmet, 125);
  });

  test("its public form keeps the breach and its minutes, and drops who and which event for hidden people", () => {
    const c = orderCompliance(tro, flights, { asOf: "2025-03-25T12:00:00Z" });
    const hidden = publicCompliance(c, { person: () => false, event: () => true });
    assert.equal(hidden.state, "breached");
    assert.deepEqual(hidden.acts, [
      { type: "REMOVAL", minutes_after_order: 10, approximate: false, remedied: false },
    ]);
    // An act whose time no published source states keeps its kind, not its minutes.
    const untimed = publicCompliance(c, { person: () => true, event: () => false });
    assert.deepEqual(untimed.acts, [{ type: "REMOVAL", approximate: false, remedied: false }]);
    const staff = publicCompliance(c, { person: () => true, event: () => true, eventId: (id) => `x-${id}` });
    assert.equal(staff.acts[0]?.event, "x-f3");
    assert.equal(staff.acts[0]?.minutes_after_order, 10);
  });

  const cases: [
    string,
    Parameters<typeof order>[1],
    ReturnType<typeof ev>[],
    string,
    number | null,
    boolean,
  ][] = [
    [
      "facilitate return, returned 6 Jun (no deadline): complied, but it stood unmet 57 days",
      { kind: "facilitate_return", bars: [] },
      [ev("REMOVAL", "2025-03-15 19:36"), ev("RETURN", "2025-06-06", {}, { id: "r" })],
      "complied",
      57,
      false,
    ],
    [
      "facilitate return with a deadline, returned after it: breached, met late",
      { kind: "facilitate_return", bars: [], deadline: "2025-04-14 23:59" },
      [ev("REMOVAL", "2025-03-15 19:36"), ev("RETURN", "2025-06-06", {}, { id: "r" })],
      "breached",
      57,
      false,
    ],
    [
      "facilitate return, not yet, no deadline: outstanding",
      { kind: "facilitate_return", bars: [] },
      [ev("REMOVAL", "2025-03-15 19:36")],
      "outstanding",
      265,
      true,
    ],
    [
      "facilitate return due after asOf: not yet due",
      { kind: "facilitate_return", bars: [], deadline: "2026-02-01" },
      [ev("REMOVAL", "2025-03-15 19:36")],
      "not_yet_due",
      265,
      true,
    ],
    [
      "habeas grant closed by release the same day",
      { kind: "habeas_grant", bars: [] },
      [ev("RELEASE", "2025-04-10 17:00")],
      "complied",
      0,
      false,
    ],
    [
      "bar order never breached",
      { kind: "PI", bars: ["removal"] },
      [ev("REMOVAL", "2025-04-01")],
      "complied",
      null,
      false,
    ],
    ["class certification", { kind: "class_certification", bars: [] }, [], "no_action_required", null, false],
  ];
  for (const [name, over, events, state, days, unmet] of cases) {
    test(`${name} → ${state}`, () => {
      const c = orderCompliance(order("2025-04-10", over), events, { asOf: "2025-12-31T12:00:00Z" });
      assert.equal(c.state, state);
      assert.equal(c.days_unmet, days);
      assert.equal(c.unmet, unmet);
    });
  }
});

test("R17: a hand-over into foreign custody after an order barring removal is flagged; one before is not", () => {
  const handover = ev("FOREIGN_CUSTODY", "2025-03-16", { country: "SV" }, { tz: "America/El_Salvador" });
  const after = only(run(person(), [handover], { orders: [order("2025-03-15 19:26")] }), "R17");
  assert.equal(after.length, 1);
  assert.equal(after[0]?.severity, "violation");
  const before = only(run(person(), [handover], { orders: [order("2025-03-17 10:00")] }), "R17");
  assert.equal(before.length, 0);
});

describe("R17 an order whose bars are not recorded", () => {
  const cases: [string, Parameters<typeof order>[1], number][] = [
    ["a TRO with no bars recorded, transfer after it", { kind: "TRO", bars: [] }, 1],
    ["a habeas grant, transfer after it", { kind: "habeas_grant", bars: [] }, 1],
    ["an order of another kind", { kind: "other", bars: [] }, 1],
    ["a class certification bars nothing", { kind: "class_certification", bars: [] }, 0],
    ["an order to facilitate return bars nothing", { kind: "facilitate_return", bars: [] }, 0],
  ];
  for (const [name, over, n] of cases) {
    test(`${name} → ${n ? "possible conflict for a lawyer" : "nothing"}`, () => {
      const moved = ev("TRANSFER", "2025-04-12 10:00", { to: "Krome" });
      const f = only(run(person(), [moved], { orders: [order("2025-04-10", over)] }), "R17");
      assert.equal(f.length, n);
      if (n) {
        assert.equal(f[0]!.severity, "possible_issue");
        assert.equal(f[0]!.confidence, "low");
        assert.match(f[0]!.text, /does not say what it bars/);
      }
    });
  }
  test("a move before the order raises nothing", () => {
    const moved = ev("TRANSFER", "2025-04-01 10:00");
    const f = only(
      run(person(), [moved], { orders: [order("2025-04-10", { kind: "TRO", bars: [] })] }),
      "R17",
    );
    assert.equal(f.length, 0);
  });
});

test("R17 names the order's kind, and a violation does not end as a possible issue", () => {
  const flight = ev("REMOVAL", "2025-04-12 10:00");
  for (const [kind, words] of [
    ["PI", /preliminary injunction/],
    ["TRO", /temporary restraining order/],
    ["stay", /stay of removal/],
    ["other", /court order/],
  ] as const) {
    const f = only(
      run(person(), [flight], { orders: [order("2025-04-10 09:00", { kind, bars: ["removal"] })] }),
      "R17",
    );
    assert.match(f[0]!.text, words);
    assert.equal(f[0]!.severity, "violation");
    assert.match(f[0]!.text, /Needs lawyer review\.$/);
    assert.doesNotMatch(f[0]!.text, /Possible issue/);
  }
});

test("R17: a removal whose date is unknown within a range spanning the order is a possible issue, said so", () => {
  const sometime = ev("REMOVAL", "2025-04-01/2025-04-30", { destination_country: "SV" });
  assert.equal(sometime.precision, "unknown");
  const f = only(run(person(), [sometime], { orders: [order("2025-04-10 09:00")] }), "R17");
  assert.equal(f.length, 1);
  assert.equal(f[0]!.severity, "possible_issue");
  assert.match(f[0]!.text, /2025-04-01–2025-04-30/);
  assert.match(f[0]!.text, /not precise enough to tell which came first/);
});

describe("compliance reads its own event types only", () => {
  test("whatever an order of any kind may bar is one of COMPLIANCE_EVENT_TYPES", () => {
    const bars = ["removal", "transfer", "detention"] as const;
    for (const kind of ORDER_KINDS)
      for (let mask = 0; mask < 8; mask++) {
        const o = order("2025-03-15 19:26", { kind, bars: bars.filter((_, i) => mask & (1 << i)) });
        for (const t of barredTypes(o)) assert.ok(COMPLIANCE_EVENT_TYPES.includes(t), `${kind}: ${t}`);
      }
  });
});
