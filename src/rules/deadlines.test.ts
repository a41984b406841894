// Table tests for R30: due dates, days left or overdue, moved off weekends and federal holidays.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DEADLINE_RULES, evaluateCase } from "./index.ts";
import { ev, only, order, person, run } from "./test-factories.ts";

function deadlines(events: ReturnType<typeof ev>[], asOf: string, orders: ReturnType<typeof order>[] = []) {
  return only(run(person(), events, { asOf, orders }), "R30").map(
    (f) => [f.title, f.due!.date, f.due!.days_remaining] as const,
  );
}

describe("R30 removal-order deadlines", () => {
  const cases: [string, string, string][] = [
    // IJ order date, BIA appeal due, why
    ["2025-04-01", "2025-05-01", "an ordinary Thursday"],
    ["2025-04-24", "2025-05-27", "day 30 is Saturday before Memorial Day: Tuesday"],
    ["2025-04-25", "2025-05-27", "day 30 is Sunday before Memorial Day: Tuesday"],
    ["2025-06-04", "2025-07-07", "day 30 is Independence Day (Friday): Monday"],
    ["2025-11-25", "2025-12-26", "day 30 is Christmas (Thursday): Friday"],
  ];
  for (const [orderDay, due, why] of cases) {
    test(`BIA appeal from an order of ${orderDay} is due ${due} (${why})`, () => {
      const d = deadlines(
        [ev("REMOVAL_ORDER", `${orderDay} 11:00`, { type: "IJ_240" })],
        `${orderDay}T18:00:00Z`,
      );
      assert.deepEqual(d[0]?.slice(0, 2), ["Appeal to the Board of Immigration Appeals", due]);
    });
  }

  test("days remaining count down, reach zero on the due date and go negative after", () => {
    const o = ev("REMOVAL_ORDER", "2025-04-24 11:00", { type: "IJ_240" });
    const appeal = (asOf: string) => deadlines([o], asOf).find((d) => d[0].startsWith("Appeal"))![2];
    assert.equal(appeal("2025-05-20T15:00:00Z"), 7);
    assert.equal(appeal("2025-05-27T15:00:00Z"), 0);
    assert.equal(appeal("2025-06-03T15:00:00Z"), -7);
  });

  test("reconsider (30 days) and reopen (90 days) are tracked too; an appeal stops the BIA and motion clocks", () => {
    const o = ev("REMOVAL_ORDER", "2025-04-01 11:00", { type: "IJ_240" });
    assert.deepEqual(deadlines([o], "2025-04-02T12:00:00Z"), [
      ["Appeal to the Board of Immigration Appeals", "2025-05-01", 29],
      ["Motion to reconsider", "2025-05-01", 29],
      ["Motion to reopen", "2025-06-30", 89],
    ]);
    assert.deepEqual(
      deadlines([o, ev("APPEAL_FILED", "2025-04-20", { forum: "BIA" })], "2025-04-21T12:00:00Z"),
      [],
    );
  });

  test("deadlines missed more than a year ago are dropped; expedited orders have none", () => {
    assert.deepEqual(
      deadlines([ev("REMOVAL_ORDER", "2019-10-10", { type: "IJ_240" })], "2025-12-31T12:00:00Z"),
      [],
    );
    assert.deepEqual(
      deadlines([ev("REMOVAL_ORDER", "2025-04-01", { type: "expedited_235b1" })], "2025-04-02T12:00:00Z"),
      [],
    );
  });

  test("Spanish labels and text, with the counsel caveat", () => {
    const f = only(
      run(person(), [ev("REMOVAL_ORDER", "2025-04-01 11:00", { type: "IJ_240" })], {
        asOf: "2025-04-02T12:00:00Z",
        lang: "es",
      }),
      "R30",
    )[0]!;
    assert.equal(f.title, "Apelación ante la Junta de Apelaciones de Inmigración");
    assert.equal(f.due?.label, f.title);
    assert.match(f.text, /vence el 2025-05-01 \(quedan 29 días\)/);
    assert.match(f.text, /confírmelo con un abogado/);
    assert.equal(f.severity, "deadline");
  });
});

describe("R30 custody, fear and hearing clocks", () => {
  test("48-hour custody decision counts down, then gives way to R08", () => {
    const arrest = ev("ARREST", "2025-03-14 22:00", { warrant: "none" });
    assert.deepEqual(deadlines([arrest], "2025-03-15T12:00:00Z"), [
      ["Custody and charging decision", "2025-03-16", 1],
    ]);
    assert.deepEqual(
      deadlines([arrest, ev("CUSTODY_DETERMINATION", "2025-03-15 10:00")], "2025-03-15T16:00:00Z"),
      [],
    );
    assert.deepEqual(deadlines([arrest], "2025-03-18T12:00:00Z"), []);
  });

  test("reasonable-fear interview due 10 days after fear in reinstatement", () => {
    const events = [
      ev("REMOVAL_ORDER", "2025-03-01", { type: "reinstatement_241a5" }),
      ev("FEAR_EXPRESSED", "2025-03-03"),
    ];
    assert.deepEqual(deadlines(events, "2025-03-05T12:00:00Z"), [
      ["Reasonable-fear interview", "2025-03-13", 8],
    ]);
    assert.deepEqual(
      deadlines([...events, ev("RFI", "2025-03-10", { outcome: "positive" })], "2025-03-11T12:00:00Z"),
      [],
    );
  });

  test("judge review of a negative credible-fear finding within 7 days", () => {
    assert.deepEqual(deadlines([ev("CFI", "2025-03-05", { outcome: "negative" })], "2025-03-06T12:00:00Z"), [
      ["Judge review of negative credible-fear finding", "2025-03-12", 6],
    ]);
  });

  test("a scheduled hearing shows until it is held", () => {
    const nta = ev("NTA_SERVED", "2025-03-01", {
      hearing_datetime: "2025-04-15T13:00:00Z",
      hearing_place: "Baltimore",
    });
    assert.deepEqual(deadlines([nta], "2025-04-01T12:00:00Z"), [
      ["Immigration court hearing", "2025-04-15", 14],
    ]);
    assert.deepEqual(deadlines([nta, ev("HEARING", "2025-04-10 09:00")], "2025-04-11T12:00:00Z"), []);
  });

  test("a hearing recorded for a coming day counts down to it, once, and is history once held", () => {
    const nta = ev("NTA_SERVED", "2025-03-01", { hearing_datetime: "2025-04-15T13:00:00Z" });
    const h = ev("HEARING", "2025-04-15 09:00", { kind: "master" });
    assert.deepEqual(deadlines([nta, h], "2025-04-01T12:00:00Z"), [
      ["Master calendar hearing", "2025-04-15", 14],
    ]);
    assert.deepEqual(deadlines([h], "2025-04-16T12:00:00Z"), []);
  });

  test("post-order detention: 90-day and six-month marks ahead", () => {
    const events = [
      ev("DETENTION_START", "2025-01-01"),
      ev("REMOVAL_ORDER", "2025-01-02", { type: "IJ_240", final: true }),
    ];
    assert.deepEqual(deadlines(events, "2025-02-01T12:00:00Z").slice(-2), [
      ["End of the 90-day removal period", "2025-04-02", 60],
      ["Six months of post-order detention", "2025-07-02", 151],
    ]);
  });
});

describe("R30 court-ordered deadlines", () => {
  const xinis = order("2025-04-04 17:00", {
    id: "xinis",
    kind: "facilitate_return",
    bars: [],
    deadline: "2025-04-07 23:59",
  });
  test("a return deadline runs until the return and names the order", () => {
    const f = only(
      run(person(), [ev("REMOVAL", "2025-03-15 19:36")], { asOf: "2025-04-05T12:00:00Z", orders: [xinis] }),
      "R30",
    );
    assert.equal(f[0]!.order, "xinis");
    assert.deepEqual(f[0]!.due, {
      date: "2025-04-07",
      days_remaining: 2,
      label: "Court-ordered deadline (order to facilitate return)",
    });
    const after = only(
      run(person(), [ev("REMOVAL", "2025-03-15 19:36"), ev("RETURN", "2025-06-06")], {
        asOf: "2025-06-10T12:00:00Z",
        orders: [xinis],
      }),
      "R30",
    );
    assert.equal(after.length, 0);
  });
});

test("the deadline rules alone find exactly the deadlines of a full evaluation, in both languages", () => {
  assert.ok(DEADLINE_RULES.length > 0);
  for (const r of DEADLINE_RULES) assert.equal(r.severity, "deadline", r.id);
  // A case that many rules judge: a recorded U.S. citizen (whose note every other finding carries),
  // an arrest without a warrant, fear in reinstatement, a negative CFI, an IJ order, a scheduled hearing, an
  // order of the court, and an event no source supports.
  const p = person({ citizenship_status: "us_citizen", nationalities: ["VE"] });
  const events = [
    ev("ARREST", "2025-03-01 22:00", { warrant: "none" }),
    ev("REMOVAL_ORDER", "2025-03-02", { type: "reinstatement_241a5" }),
    ev("FEAR_EXPRESSED", "2025-03-03"),
    ev("CFI", "2025-03-04", { outcome: "negative" }),
    ev("REMOVAL_ORDER", "2025-03-05 11:00", { type: "IJ_240" }),
    ev("NTA_SERVED", "2025-03-06", { hearing_datetime: "2025-05-15T13:00:00Z", hearing_place: "Krome" }),
    ev("HEARING", "2025-05-20 09:00", { kind: "master" }, { unverified: true }),
  ];
  const orders = [
    order("2025-03-07 15:00"),
    order("2025-03-08 12:00", { id: "o2", kind: "other", bars: [], deadline: "2025-04-10 17:00" }),
  ];
  let seen = 0;
  let others = 0;
  for (const asOf of [
    "2025-03-02T12:00:00Z",
    "2025-03-06T12:00:00Z",
    "2025-04-01T12:00:00Z",
    "2025-05-16T12:00:00Z",
  ])
    for (const lang of ["en", "es"] as const) {
      const file = { person: p, events, orders };
      const all = evaluateCase(file, { asOf, lang });
      const due = all.filter((f) => f.severity === "deadline");
      assert.deepEqual(evaluateCase(file, { asOf, lang }, DEADLINE_RULES), due, `${asOf} ${lang}`);
      others += all.length - due.length;
      seen += due.length;
    }
  assert.ok(seen >= 8 && others >= 8, `deadlines (${seen}) and other findings (${others}) were found`);
});
