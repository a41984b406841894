// Tests for the per-case index and the small readers every rule shares.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ev, person } from "./test-factories.ts";
import { buildIndex, country, normalizeLanguage, of, sendsAbroad, span, understands } from "./timeline.ts";

const AS_OF = "2025-12-31T00:00:00Z";

describe("buildIndex", () => {
  test("sorts events by instant, whatever zone they were entered in", () => {
    const late = ev("REMOVAL", "2025-03-15 18:36", {}, { id: "late", tz: "America/Chicago" }); // 19:36 EDT
    const early = ev("TRANSFER", "2025-03-15 19:00", {}, { id: "early" }); // EDT
    const c = buildIndex(person(), [late, early], [], AS_OF);
    assert.deepEqual(
      c.events.map((x) => x.e.id),
      ["early", "late"],
    );
    assert.equal(of(c, "REMOVAL")[0]?.e.id, "late");
    assert.equal(of(c, "HEARING").length, 0);
  });

  const standings: [string, Parameters<typeof person>[0], ReturnType<typeof ev>[], string][] = [
    ["status us_citizen", { citizenship_status: "us_citizen" }, [], "confirmed"],
    ["birth evidence", {}, [ev("CITIZENSHIP_EVIDENCE", "2025-01-01", { basis: "birth" })], "confirmed"],
    [
      "derivation evidence",
      {},
      [ev("CITIZENSHIP_EVIDENCE", "2025-01-01", { basis: "derivation" })],
      "claimed",
    ],
    [
      "unverified birth evidence",
      {},
      [ev("CITIZENSHIP_EVIDENCE", "2025-01-01", { basis: "birth" }, { unverified: true })],
      "claimed",
    ],
    ["nothing", {}, [], "none"],
  ];
  for (const [name, p, events, want] of standings)
    test(`citizen standing from ${name} is ${want}`, () =>
      assert.equal(buildIndex(person(p), events, [], AS_OF).citizen, want));
});

describe("readers", () => {
  test("languages fold names and tags to one code", () => {
    assert.equal(normalizeLanguage("Spanish"), "es");
    assert.equal(normalizeLanguage("español"), "es");
    assert.equal(normalizeLanguage("es-MX"), "es");
    assert.equal(normalizeLanguage("EN"), "en");
    assert.equal(understands(person({ languages: ["Spanish"] }), "es"), true);
    assert.equal(understands(person({ languages: ["es"] }), "English"), false);
    assert.equal(understands(person(), "English"), undefined);
  });

  test("spans read in the unit a person would use", () => {
    assert.deepEqual(span(50 * 60_000), { en: "50 minutes", es: "50 minutos" });
    assert.deepEqual(span(30 * 3_600_000), { en: "30 hours", es: "30 horas" });
    assert.deepEqual(span(10 * 86_400_000), { en: "10 days", es: "10 días" });
  });

  test("country codes become names in both languages", () => {
    assert.deepEqual(country("SV"), { en: "El Salvador", es: "El Salvador" });
    assert.equal(country("US").es, "Estados Unidos");
  });

  test("transfers abroad and to Guantánamo count as leaving the country; domestic ones do not", () => {
    assert.equal(sendsAbroad({ e: ev("TRANSFER", "2025-02-04", { to: "NS Guantanamo Bay" }), ms: 0 }), true);
    assert.equal(sendsAbroad({ e: ev("TRANSFER", "2025-02-04", { to: "El Valle, TX" }), ms: 0 }), false);
    assert.equal(sendsAbroad({ e: ev("TRANSFER", "2025-02-04", {}, { country: "SV" }), ms: 0 }), true);
    assert.equal(sendsAbroad({ e: ev("REMOVAL", "2025-02-04"), ms: 0 }), true);
  });
});
