// Engine behaviour across rules: citizenship override, languages, group records, unverified events, order, many cases.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { evaluateCase, RULES } from "./index.ts";
import { ev, only, order, person, run } from "./test-factories.ts";

describe("rule table", () => {
  test("has every required rule once, each with both languages, a basis and a version", () => {
    const ids = RULES.map((r) => r.id);
    for (const id of [
      "R01",
      "R02",
      "R03",
      "R04",
      "R05",
      "R07",
      "R08",
      "R11",
      "R12",
      "R13",
      "R14",
      "R15",
      "R16",
      "R17",
    ])
      assert.ok(ids.includes(id), id);
    for (const id of ["R18", "R19", "R20", "R21", "R22", "R26", "R28", "R29", "R30", "R31", "R32"])
      assert.ok(ids.includes(id), id);
    assert.equal(new Set(ids).size, ids.length);
    for (const r of RULES) {
      assert.ok(r.title.en && r.title.es, r.id);
      assert.ok(r.basis.length > 0, r.id);
      assert.ok(Number.isInteger(r.version) && r.version >= 1, r.id);
    }
  });
});

describe("citizenship override", () => {
  const removedWithoutHearing = [
    ev("REMOVAL_ORDER", "2025-03-01", { type: "expedited_235b1" }, { id: "er" }),
    ev("REMOVAL", "2025-03-15 19:36", { destination_country: "MX", authority: "expedited" }, { id: "rm" }),
  ];

  test("for a noncitizen, expedited removal is a recognized route: no R04", () => {
    assert.equal(
      only(run(person({ citizenship_status: "no_status" }), removedWithoutHearing), "R04").length,
      0,
    );
  });

  test("for a citizen, the same record yields R01 first and R04 is not cleared by the summary route", () => {
    const f = run(person({ citizenship_status: "us_citizen" }), removedWithoutHearing);
    assert.equal(f[0]!.rule, "R01");
    assert.equal(only(f, "R04").length, 1);
    for (const x of f.filter((x) => x.rule !== "R01")) assert.match(x.text, /recorded as a U\.S\. citizen/);
  });

  test("a citizen with a removal order: R01 even though nothing else is wrong on paper", () => {
    const f = run(person({ citizenship_status: "us_citizen" }), [
      ev("NTA_SERVED", "2025-01-02", { hearing_datetime: "2025-02-10T15:00:00Z", hearing_place: "Houston" }),
      ev("HEARING", "2025-02-10 10:00", { kind: "master", counsel_present: true }),
      ev("REMOVAL_ORDER", "2025-02-10 11:00", { type: "IJ_240", appeal_waived: true }),
    ]);
    assert.deepEqual(
      f.filter((x) => x.severity !== "deadline").map((x) => x.rule),
      ["R01"],
    );
    assert.equal(f[0]!.severity, "violation");
    // Motions to reopen stay useful to a citizen, but they too carry the caveat.
    for (const x of only(f, "R30")) assert.match(x.text, /recorded as a U\.S\. citizen/);
  });
});

describe("rendering", () => {
  const events = [ev("REMOVAL", "2025-03-15 19:36", { destination_country: "SV" }, { id: "rm" })];

  test("English and Spanish texts, each with the lawyer-review wording", () => {
    const en = only(run(person(), events), "R04")[0]!;
    const es = only(run(person(), events, { lang: "es" }), "R04")[0]!;
    assert.match(en.text, /Possible issue — needs lawyer review\.$/);
    assert.match(es.text, /Posible problema: requiere revisión de un abogado\.$/);
    assert.match(es.missing[0]!, /ninguna HEARING/);
    assert.equal(
      es.title,
      "Deportación sin proceso ante juez de inmigración ni procedimiento sumario reconocido",
    );
  });

  test("a group record says so, with its size", () => {
    const f = only(run(person({ kind: "group", group_size: 137 }), events), "R04")[0]!;
    assert.match(f.text, /^Group record \(137 people\): /);
    const es = only(run(person({ kind: "group", group_size: 137 }), events, { lang: "es" }), "R04")[0]!;
    assert.match(es.text, /^Registro de grupo \(137 personas\): /);
  });

  test("an unverified triggering event lowers confidence one step and says why", () => {
    const f = only(run(person(), [ev("REMOVAL", "2025-03-15 19:36", {}, { unverified: true })]), "R04")[0]!;
    assert.equal(f.confidence, "medium");
    assert.match(f.text, /no source supports yet/);
  });

  test("findings carry rule id and version, and come violations first", () => {
    const f = run(
      person({ nationalities: ["SV"], protections: [{ kind: "withholding_241b3", country: "SV" }] }),
      [...events, ev("REMOVAL_ORDER", "2025-03-20", { type: "IJ_240" })],
      { asOf: "2025-03-25T00:00:00Z" },
    );
    assert.equal(f[0]!.rule, "R11");
    assert.equal(f[0]!.version, 1);
    const rank = { violation: 0, possible_issue: 1, deadline: 2, information: 3 };
    for (let i = 1; i < f.length; i++) assert.ok(rank[f[i - 1]!.severity] <= rank[f[i]!.severity]);
  });

  test("the case is read as it stood on asOf: later events and orders do not count yet", () => {
    const o = order("2025-04-10", { kind: "facilitate_return", bars: [] });
    const timeline = [...events, ev("RETURN", "2025-06-06", {}, { id: "ret" })];
    const early = only(run(person(), timeline, { orders: [o], asOf: "2025-03-20T00:00:00Z" }), "R18");
    assert.equal(early.length, 0);
    const mid = only(run(person(), timeline, { orders: [o], asOf: "2025-05-01T00:00:00Z" }), "R18");
    assert.equal(mid[0]!.severity, "violation");
    const late = only(run(person(), timeline, { orders: [o], asOf: "2025-07-01T00:00:00Z" }), "R18");
    assert.equal(late[0]!.severity, "information");
  });

  test("a bad asOf is refused", () => {
    assert.throws(
      () => evaluateCase({ person: person(), events: [], orders: [] }, { asOf: "yesterday" }),
      /asOf/,
    );
  });

  test("evaluation is pure: the same input gives the same output and inputs are not changed", () => {
    const input = { person: person(), events: [...events].reverse(), orders: [order("2025-03-15 18:46")] };
    const copy = JSON.stringify(input);
    const a = evaluateCase(input, { asOf: "2025-12-31T00:00:00Z" });
    const b = evaluateCase(input, { asOf: "2025-12-31T00:00:00Z" });
    assert.deepEqual(a, b);
    assert.equal(JSON.stringify(input), copy);
  });
});

describe("many cases", () => {
  // Speed is measured by `npm run bench` (rules_full_s), not asserted here.
  test("evaluating many cases one after another gives each its own findings", () => {
    const template = [
      ev("ARREST", "2025-03-12 08:00", { warrant: "none" }),
      ev("DETENTION_START", "2025-03-12 10:00"),
      ev("NOTICE_GIVEN", "2025-03-14 20:00", { kind: "AEA", language: "en" }),
      ev("REMOVAL_ORDER", "2025-03-14", { type: "AEA" }),
      ev("COUNSEL_REQUESTED", "2025-03-13"),
      ev("HEARING", "2025-03-13", { kind: "bond" }),
      ev("REMOVAL", "2025-03-15 19:36", { destination_country: "SV", authority: "AEA" }),
      ev("FOREIGN_CUSTODY", "2025-03-16", { country: "SV", custodian: "CECOT", at_us_request: true }),
      ev("PROTECTION_GRANTED", "2019-10-10", { kind: "withholding_241b3", country: "SV" }),
      ev("RELEASE", "2025-07-18"),
    ];
    const p = person({ nationalities: ["VE"], languages: ["es"] });
    const orders = [order("2025-03-15 18:46")];
    const N = 500;
    const files = Array.from({ length: N }, (_, i) => ({
      person: { ...p, id: `p${i}` },
      events: template.map((e, j) => ({ ...e, id: `p${i}-${j}`, person: `p${i}` })),
      orders,
    }));
    const results = files.map((f) => evaluateCase(f, { asOf: "2025-12-31T00:00:00Z" }));
    assert.ok(results.every((r, i) => r.length > 0 && r.every((f) => f.person === `p${i}`)));
    assert.deepEqual(
      results[0]?.map((f) => f.rule),
      results[N - 1]?.map((f) => f.rule),
    );
  });
});
