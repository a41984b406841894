// Placement of facilities on the court map over the shipped reference tables.
import assert from "node:assert/strict";
import { test } from "node:test";
import { isMilitaryZip, placeFacility } from "../../domain/jurisdiction.ts";
import { loadGeography } from "./geography.ts";

// The shipped tables (data/courts, data/geo): the same ones the app uses.
const g = loadGeography();
const abbr = (id: string | undefined) => (id ? g.districts.get(id)?.abbreviation : undefined);

test("a ZIP inside one district places the facility in the county with most addresses", () => {
  const p = placeFacility({ name: "STEWART DETENTION CENTER", country: "US", state: "GA", zip: "31815" }, g);
  assert.equal(p.status, "placed");
  assert.equal(p.county, "13259");
  assert.equal(abbr(p.district), "M.D. Ga.");
  assert.equal(p.division, "Columbus Division");
});

test("a ZIP whose counties fall in two districts is flagged for review, naming both", () => {
  const p = placeFacility(
    { name: "A PLACE NOT IN THE OVERRIDES", country: "US", state: "PA", zip: "16866" },
    g,
  );
  assert.equal(p.status, "review");
  assert.match(p.note ?? "", /M\.D\. Pa\., W\.D\. Pa\./);
});

test("a reviewed override decides the county of a facility whose ZIP spans districts, with its reason", () => {
  const p = placeFacility(
    { name: "Moshannon Valley Processing Center", country: "US", state: "PA", zip: "16866" },
    g,
  );
  assert.equal(p.status, "reviewed");
  assert.equal(p.county, "42033");
  assert.equal(abbr(p.district), "W.D. Pa.");
  assert.match(p.note ?? "", /Clearfield/);
  // The override is for Pennsylvania only: the same name elsewhere is not overridden.
  assert.notEqual(
    placeFacility({ name: "CLINTON COUNTY JAIL", country: "US", state: "NY", zip: "12901" }, g).status,
    "reviewed",
  );
});

test("a split county: the named part (FCI Butner) and the rest of Durham County are in different districts", () => {
  const withOverride = {
    ...g,
    overrides: [
      { match: "FCI BUTNER MEDIUM", state: "NC", county: "37063", reason: "test", reviewedOn: "2026-01-01" },
      { match: "DURHAM COUNTY JAIL", state: "NC", county: "37063", reason: "test", reviewedOn: "2026-01-01" },
    ],
  };
  const butner = placeFacility({ name: "FCI Butner Medium", country: "US", state: "NC" }, withOverride);
  const jail = placeFacility({ name: "Durham County Jail", country: "US", state: "NC" }, withOverride);
  assert.equal(abbr(butner.district), "E.D.N.C.");
  assert.equal(abbr(jail.district), "M.D.N.C.");
});

test("a foreign facility is outside every district", () => {
  const p = placeFacility(
    { name: "Terrorism Confinement Center (CECOT)", country: "SV", city: "Tecoluca" },
    g,
  );
  assert.equal(p.status, "outside");
  assert.equal(p.district, undefined);
});

test("Guantánamo is outside every district, by country or by its military post office ZIP", () => {
  assert.equal(
    placeFacility({ name: "Migrant Operations Center", country: "CU", kind: "military_base" }, g).status,
    "outside",
  );
  const camp = placeFacility({ name: "JTF CAMP SIX", country: "US", state: "FL", zip: "34009" }, g);
  assert.equal(camp.status, "outside");
  assert.match(camp.basis, /military post office/);
  assert.ok(
    isMilitaryZip("34009") && isMilitaryZip("09012") && isMilitaryZip("96350") && !isMilitaryZip("31815"),
  );
});

test("without a usable ZIP: a one-district state, or a city whose ZIPs all lie in one district", () => {
  const az = placeFacility(
    { name: "FLORENCE STAGING FACILITY", country: "US", state: "AZ", zip: "85232" },
    g,
  );
  assert.equal(az.status, "placed");
  assert.equal(abbr(az.district), "D. Ariz.");
  const city = placeFacility(
    { name: "El Valle Detention Facility", country: "US", state: "TX", city: "Raymondville" },
    g,
  );
  assert.equal(abbr(city.district), "S.D. Tex.");
  const none = placeFacility({ name: "SOMEWHERE JAIL", country: "US", state: "TX" }, g);
  assert.equal(none.status, "unknown");
});
