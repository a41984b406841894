// Tests for the digest a person's stored findings are compared by: equal lists agree, any change differs.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { digestFindings, type Finding } from "./index.ts";
import { ev, person, run } from "./test-factories.ts";

/** A finding with every field of the type set: adding a field to Finding makes this fail to compile. */
const FULL: Required<Finding> = {
  rule: "R30",
  version: 2,
  person: "p1",
  severity: "deadline",
  title: "Deadline to file a motion to reopen",
  text: "A motion to reopen is due — 90 days after the order (§1229a(c)(7)).",
  basis: ["8 U.S.C. §1229a(c)(7)", "8 C.F.R. §1003.23(b)"],
  confidence: "medium",
  events: ["e1", "e2"],
  missing: ["no MOTION_FILED after REMOVAL_ORDER"],
  contested: { note: "Courts differ on tolling.", as_of: "2025-04-01" },
  due: { date: "2025-06-01", days_remaining: 12, label: "Motion to reopen" },
  days_elapsed: 78,
  order: "o1",
};

/** The same value changed: strings gain a character, numbers grow, lists gain an item, objects a changed field. */
function changed(v: unknown): unknown {
  if (typeof v === "string") return `${v}x`;
  if (typeof v === "number") return v + 1;
  if (Array.isArray(v)) return [...v, "x"];
  const o = v as Record<string, unknown>;
  const [k] = Object.keys(o);
  return { ...o, [k as string]: changed(o[k as string]) };
}

describe("digestFindings", () => {
  test("is 32 hex digits, the same for equal lists in any copy, and for the list read back from its JSON", () => {
    const d = digestFindings([FULL]);
    assert.match(d, /^[0-9a-f]{32}$/);
    assert.equal(digestFindings([structuredClone(FULL)]), d);
    assert.equal(digestFindings(JSON.parse(JSON.stringify([FULL])) as Finding[]), d);
    assert.notEqual(digestFindings([]), d);
  });

  test("differs when any field of any finding changes, nested fields too", () => {
    const d = digestFindings([FULL, FULL]);
    const seen = new Set([d]);
    for (const key of Object.keys(FULL) as (keyof Finding)[]) {
      const other = { ...FULL, [key]: changed(FULL[key]) } as Finding;
      const e = digestFindings([FULL, other]);
      assert.ok(!seen.has(e), `a change of ${key} went unnoticed`);
      seen.add(e);
      // A field left out is a change too (an optional one dropped, say).
      const { [key]: _dropped, ...without } = FULL;
      assert.notEqual(digestFindings([FULL, without as Finding]), d, `dropping ${key} went unnoticed`);
    }
  });

  test("tells apart what the same characters in other places would be", () => {
    const f = (patch: Partial<Finding>) => ({ ...FULL, ...patch }) as Finding;
    const a = f({ title: "Deadline" });
    const b = f({ rule: "R01" });
    // Order of the findings, strings split at another place, a string against a number, a list of lists.
    assert.notEqual(digestFindings([a, b]), digestFindings([b, a]));
    assert.notEqual(
      digestFindings([f({ events: ["ab", "c"] })]),
      digestFindings([f({ events: ["a", "bc"] })]),
    );
    assert.notEqual(
      digestFindings([f({ missing: [] }), f({ missing: ["x"] })]),
      digestFindings([f({ missing: ["x"] }), f({ missing: [] })]),
    );
    assert.notEqual(
      digestFindings([f({ order: "1" })]),
      digestFindings([{ ...FULL, order: 1 } as unknown as Finding]),
    );
    // A field moved out of a nested object into the finding.
    const { days_remaining: _, ...due } = FULL.due;
    assert.notEqual(
      digestFindings([FULL]),
      digestFindings([{ ...FULL, due, days_remaining: 12 } as unknown as Finding]),
    );
    // Keys whose value is undefined are not there, as in the JSON stored.
    assert.equal(digestFindings([{ ...FULL, extra: undefined } as Finding]), digestFindings([FULL]));
  });

  test("an evaluation's findings: the same case gives the same digest, a new event another", () => {
    const p = person();
    const events = [ev("DETENTION_START", "2025-03-01"), ev("REMOVAL", "2025-03-15")];
    const once = run(p, events);
    assert.ok(once.length > 0);
    assert.equal(digestFindings(run(p, events)), digestFindings(once));
    assert.notEqual(
      digestFindings(run(p, [...events, ev("FEAR_EXPRESSED", "2025-03-10")])),
      digestFindings(once),
    );
  });
});
