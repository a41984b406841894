// Where a person is now, held abroad defined once by place (Guantánamo, in CU, is abroad), nothing dated
// after now counted, and the custody chain as data.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  type CustodyStatus,
  currentCustody,
  custodyChain,
  isAbroad,
  lastCustodyEvent,
  statusAfter,
  statusOfStep,
  withFacilityCountries,
} from "./custody.ts";
import { eventTimeProblem, type Facility, type HabeasEvent } from "./model.ts";

const facility = (id: string, country: string, kind: Facility["kind"] = "detention_center"): Facility => ({
  id,
  name: id.toUpperCase(),
  aliases: [],
  kind,
  country,
  codes: {},
  citations: [],
});
const FACILITIES = new Map(
  [
    facility("krome", "US"),
    facility("gtmo", "CU", "military_base"),
    facility("cecot", "SV", "foreign_prison"),
    facility("san-juan", "PR"),
  ].map((f) => [f.id, f]),
);
let n = 0;
const ev = (type: HabeasEvent["type"], at: string, over: Partial<HabeasEvent> = {}): HabeasEvent => ({
  id: `e${++n}`,
  person: "p",
  type,
  at,
  precision: "day",
  tz: "America/New_York",
  summary: type,
  details: {},
  citations: [],
  unverified: true,
  ...over,
});

describe("isAbroad", () => {
  const cases: [string, Facility | undefined, string | undefined, boolean][] = [
    ["a US facility", facility("x", "US"), undefined, false],
    ["Guantánamo (military base, CU) is abroad", facility("g", "CU", "military_base"), "US", true],
    ["a Salvadoran prison", facility("c", "SV", "foreign_prison"), undefined, true],
    ["Puerto Rico is the United States", facility("p", "PR"), undefined, false],
    ["no facility, the event's country", undefined, "SV", true],
    ["the facility's country wins over the event's", facility("x", "US"), "MX", false],
    ["nothing recorded: in the US", undefined, undefined, false],
  ];
  for (const [name, f, c, want] of cases) test(name, () => assert.equal(isAbroad(f, c), want));
});

describe("statusAfter", () => {
  const cases: [HabeasEvent["type"], string | undefined, string | undefined, CustodyStatus][] = [
    ["ARREST", undefined, "US", "held_us"],
    ["DETENTION_START", "krome", undefined, "held_us"],
    ["TRANSFER", "gtmo", "CU", "held_abroad"],
    ["TRANSFER", "gtmo", undefined, "held_abroad"],
    ["TRANSFER", undefined, "SV", "held_abroad"],
    ["FOREIGN_CUSTODY", undefined, undefined, "held_abroad"],
    ["REMOVAL", "gtmo", "CU", "removed"],
    ["RELEASE", "krome", "US", "released"],
    ["RETURN", undefined, "US", "returned"],
    ["HEARING", undefined, "US", "unknown"],
  ];
  for (const [type, f, country, want] of cases)
    test(`${type} at ${f ?? "-"} in ${country ?? "-"} → ${want}`, () =>
      assert.equal(statusAfter({ type, country }, f ? FACILITIES.get(f) : undefined), want));
});

describe("currentCustody", () => {
  const timeline = [
    ev("ARREST", "2025-01-28T15:00:00.000Z", { country: "US" }),
    ev("DETENTION_START", "2025-01-29T15:00:00.000Z", { facility: "krome", country: "US" }),
    ev("TRANSFER", "2025-02-04T15:00:00.000Z", { facility: "gtmo", country: "CU", tz: "America/Havana" }),
    ev("HEARING", "2025-02-10T15:00:00.000Z"),
    ev("REMOVAL", "2025-02-20T15:00:00.000Z", { details: { destination_country: "VE" } }),
  ];
  test("after the flight to Guantánamo: held abroad, at the base, since that day where it happened", () => {
    const c = currentCustody(timeline, FACILITIES, "2025-02-12T00:00:00.000Z");
    assert.deepEqual(c, {
      status: "held_abroad",
      event: timeline[2]!.id,
      since: { at: "2025-02-04T15:00:00.000Z", day: "2025-02-04", tz: "America/Havana", precision: "day" },
      facility: "gtmo",
      country: "CU",
    });
  });
  test("an event dated after now is not counted", () => {
    assert.equal(currentCustody(timeline, FACILITIES, "2025-02-19T00:00:00.000Z").status, "held_abroad");
    const after = currentCustody(timeline, FACILITIES, "2025-03-01T00:00:00.000Z");
    assert.equal(after.status, "removed");
    assert.equal(after.country, "VE");
    assert.equal(after.facility, undefined);
  });
  test("since is the local day: 01:00 UTC on the 5th is the 4th in New York", () => {
    const late = [ev("ARREST", "2025-03-05T01:00:00.000Z")];
    assert.equal(currentCustody(late, FACILITIES, "2025-04-01T00:00:00Z").since?.day, "2025-03-04");
  });
  test("nothing on record: unknown", () =>
    assert.deepEqual(currentCustody([], FACILITIES, "2025-04-01T00:00:00Z"), { status: "unknown" }));
  test("ties on the instant go to the greater id (as the dashboard's SQL orders them)", () => {
    const a = ev("REMOVAL", "2025-03-16T06:00:00.000Z", { id: "a" });
    const b = ev("FOREIGN_CUSTODY", "2025-03-16T06:00:00.000Z", { id: "b" });
    assert.equal(lastCustodyEvent([b, a], "2026-01-01T00:00:00Z")?.id, "b");
  });
});

describe("custodyChain", () => {
  const timeline = [
    ev("ARREST", "2025-03-12T04:00:00.000Z", { country: "US" }),
    ev("DETENTION_START", "2025-03-12T10:00:00.000Z", { facility: "krome", country: "US" }),
    ev("TRANSFER", "2025-03-13T10:00:00.000Z", { facility: "krome", country: "US" }),
    ev("REMOVAL", "2025-03-15T23:36:00.000Z", { details: { destination_country: "SV" } }),
    ev("FOREIGN_CUSTODY", "2025-03-16T06:00:00.000Z", { facility: "cecot", details: { custodian: "CECOT" } }),
    ev("RETURN", "2025-06-06T05:00:00.000Z", { details: { to_country: "US" } }),
    ev("RELEASE", "2030-01-01T00:00:00.000Z"),
  ];
  const chain = custodyChain(timeline, FACILITIES, "2026-01-01T00:00:00Z");
  test("tagged steps, a repeat at the same facility folded in, future events left out", () => {
    assert.deepEqual(
      chain.map((s) => s.kind),
      ["held", "held", "removed", "foreign_custody", "returned"],
    );
    assert.equal(chain[1]?.kind === "held" && chain[1].facility, "krome");
    assert.equal(chain[1]?.until, "2025-03-15T23:36:00.000Z");
    assert.equal(chain[2]?.kind === "removed" && chain[2].country, "SV");
    assert.deepEqual(chain[3], {
      kind: "foreign_custody",
      from: "2025-03-16T06:00:00.000Z",
      until: "2025-06-06T05:00:00.000Z",
      tz: "America/New_York",
      precision: "day",
      event: timeline[4]!.id,
      country: "SV",
      facility: "cecot",
      custodian: "CECOT",
    });
  });
  test("the last step's status is the current status", () => {
    assert.equal(
      statusOfStep(chain.at(-1)!),
      currentCustody(timeline, FACILITIES, "2026-01-01T00:00:00Z").status,
    );
  });
});

describe("events that must have happened", () => {
  const now = new Date("2025-06-01T00:00:00Z");
  const cases: [HabeasEvent["type"], string, boolean][] = [
    ["ARREST", "2025-07-01T00:00:00.000Z", true],
    ["TRANSFER", "2025-07-01T00:00:00.000Z", true],
    ["REMOVAL", "2025-07-01T00:00:00.000Z", true],
    ["RELEASE", "2025-07-01T00:00:00.000Z", true],
    ["RETURN", "2025-07-01T00:00:00.000Z", true],
    ["REMOVAL", "2025-05-01T00:00:00.000Z", false],
    ["HEARING", "2025-07-01T00:00:00.000Z", false],
    ["NTA_SERVED", "2025-07-01T00:00:00.000Z", false],
  ];
  for (const [type, at, refused] of cases)
    test(`${type} at ${at} → ${refused ? "refused" : "accepted"}`, () =>
      assert.equal(eventTimeProblem(type, at, now) !== undefined, refused));
  test("the message says why", () =>
    assert.match(
      eventTimeProblem("REMOVAL", "2025-07-01T00:00:00.000Z", now) ?? "",
      /must already have happened/,
    ));
});

test("withFacilityCountries puts the facility's country on the event, as isAbroad reads it", () => {
  const countries = new Map([
    ["gtmo", "CU"],
    ["krome", "US"],
  ]);
  const events = [
    ev("TRANSFER", "2025-02-04T15:00:00.000Z", { facility: "gtmo" }),
    ev("TRANSFER", "2025-02-05T15:00:00.000Z", { facility: "krome", country: "MX" }),
    ev("TRANSFER", "2025-02-06T15:00:00.000Z", { country: "SV" }),
  ];
  assert.deepEqual(
    withFacilityCountries(events, countries).map((e) => e.country),
    ["CU", "US", "SV"],
  );
});
