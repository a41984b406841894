// Tests for incremental evaluation: who to re-evaluate, and diffs between two evaluations.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { diffFindings, type Finding, peopleToReevaluate } from "./index.ts";
import { ev, order, person, run } from "./test-factories.ts";

describe("peopleToReevaluate", () => {
  test("an event touches its person", () => {
    assert.deepEqual(
      peopleToReevaluate({ kind: "event", event: ev("REMOVAL", "2025-03-15", {}, { person: "abrego" }) }),
      ["abrego"],
    );
  });
  test("an order touches everyone and every group record it covers, once each", () => {
    const o = order("2025-03-15 19:26", {
      covers: { people: ["jgg-class", "p2", "p2"], class_definition: "AEA detainees" },
    });
    assert.deepEqual(peopleToReevaluate({ kind: "order", order: o }), ["jgg-class", "p2"]);
  });
});

describe("diffFindings", () => {
  const removal = ev("REMOVAL", "2025-03-15 19:36", { destination_country: "SV" }, { id: "rm" });
  const p = person({ protections: [{ kind: "withholding_241b3", country: "SV" }] });

  test("adding an event shows what appeared; nothing else moves", () => {
    const before = run(p, [], { asOf: "2025-03-20T00:00:00Z" });
    const after = run(p, [removal], { asOf: "2025-03-20T00:00:00Z" });
    const d = diffFindings(before, after);
    assert.ok(d.added.some((f) => f.rule === "R11"));
    assert.deepEqual(d.removed, []);
    assert.deepEqual(d.changed, []);
  });

  test("identical evaluations differ in nothing", () => {
    const a = run(p, [removal]);
    assert.deepEqual(diffFindings(a, run(p, [removal])), { added: [], removed: [], changed: [] });
  });

  test("a new rule version or a moving counter is a change, not an add/remove pair", () => {
    const a = run(p, [removal], { asOf: "2025-04-01T00:00:00Z" });
    const bumped: Finding[] = a.map((f) => (f.rule === "R11" ? { ...f, version: 2 } : f));
    assert.deepEqual(
      diffFindings(a, bumped).changed.map((f) => f.rule),
      ["R11"],
    );
    const later = run(p, [removal], { asOf: "2025-04-10T00:00:00Z" });
    const d = diffFindings(a, later);
    assert.deepEqual(d.added, []);
    assert.deepEqual(d.removed, []);
    assert.ok(d.changed.some((f) => f.rule === "R19"));
  });

  test("a removed event removes its findings", () => {
    const d = diffFindings(run(p, [removal]), run(p, []));
    assert.ok(d.removed.some((f) => f.rule === "R11"));
    assert.deepEqual(d.added, []);
  });
});
