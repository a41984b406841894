// Table tests for R11: protections are about one country, so only removal to that country is a finding.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ev, only, person, run } from "./test-factories.ts";

const grant = (kind: string, country: string, when = "2019-10-10") =>
  ev("PROTECTION_GRANTED", when, { kind, country }, { id: "pg" });
const removalTo = (country: string) =>
  ev("REMOVAL", "2025-03-15 19:36", { destination_country: country, authority: "title8" }, { id: "rm" });

describe("R11 removed to a protected country", () => {
  const cases: [string, ReturnType<typeof ev>[], string | null][] = [
    [
      "withholding for El Salvador, removed to El Salvador",
      [grant("withholding_241b3", "SV"), removalTo("SV")],
      "violation",
    ],
    [
      "withholding for El Salvador, removed to Guatemala",
      [grant("withholding_241b3", "SV"), removalTo("GT")],
      null,
    ],
    [
      "CAT deferral for Venezuela, removed to Venezuela",
      [grant("CAT_deferral", "VE"), removalTo("VE")],
      "violation",
    ],
    [
      "CAT withholding for Honduras, removed to Mexico",
      [grant("CAT_withholding", "HN"), removalTo("MX")],
      null,
    ],
    [
      "asylum for Venezuela, removed to Venezuela",
      [grant("asylum", "VE"), removalTo("VE")],
      "possible_issue",
    ],
    [
      "protection granted only after the removal",
      [removalTo("SV"), grant("withholding_241b3", "SV", "2025-06-01")],
      null,
    ],
    ["TPS is not a country bar", [grant("TPS", "SV"), removalTo("SV")], null],
    [
      "removal with no destination recorded",
      [grant("withholding_241b3", "SV"), ev("REMOVAL", "2025-03-15")],
      null,
    ],
  ];
  for (const [name, events, want] of cases) {
    test(`${name} → ${want ?? "no finding"}`, () => {
      const f = only(run(person(), events), "R11");
      if (want === null) assert.equal(f.length, 0);
      else {
        assert.equal(f.length, 1);
        assert.equal(f[0]!.severity, want);
        assert.deepEqual(f[0]!.events, ["rm", "pg"]);
      }
    });
  }

  test("a protection held only on the person record counts, with its grant date", () => {
    const p = person({
      protections: [{ kind: "withholding_241b3", country: "SV", granted_on: "2019-10-10" }],
    });
    const f = only(run(p, [removalTo("SV")]), "R11");
    assert.equal(f.length, 1);
    assert.deepEqual(f[0]!.events, ["rm"]);
    assert.match(f[0]!.text, /El Salvador \(granted 2019-10-10\)/);
  });

  test("removal then foreign custody in the same country is one finding citing both", () => {
    const f = only(
      run(person(), [
        grant("withholding_241b3", "SV"),
        removalTo("SV"),
        ev("FOREIGN_CUSTODY", "2025-03-16", { country: "SV", custodian: "CECOT" }, { id: "fc" }),
      ]),
      "R11",
    );
    assert.equal(f.length, 1);
    assert.deepEqual(f[0]!.events, ["rm", "pg", "fc"]);
  });

  test("Spanish text names the country in Spanish", () => {
    const f = only(run(person(), [grant("withholding_241b3", "SV"), removalTo("SV")], { lang: "es" }), "R11");
    assert.match(f[0]!.text, /respecto de El Salvador/);
    assert.match(f[0]!.text, /Requiere revisión de un abogado\.$/);
    assert.doesNotMatch(f[0]!.text, /Posible problema/);
  });
});
