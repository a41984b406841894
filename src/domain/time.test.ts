// The one local → UTC conversion: wall-clock readings in their zone, across daylight-saving gaps and
// overlaps, and "as of a day" read as the end of that day where it happened.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import {
  endOfLocalDay,
  formatWhen,
  instantMs,
  localDate,
  offsetMinutes,
  parseWhen,
  zoneOfTimeline,
} from "./time.ts";

const NY = "America/New_York";

describe("parseWhen", () => {
  const cases: [string, string, string, string][] = [
    ["an ordinary evening in EDT", "2025-03-15 19:26", NY, "2025-03-15T23:26:00.000Z"],
    ["after the spring-forward change", "2025-03-09 03:30", NY, "2025-03-09T07:30:00.000Z"],
    ["just before the change", "2025-03-09 01:59", NY, "2025-03-09T06:59:00.000Z"],
    [
      "in the gap (02:30 never happened): moves forward to 03:30 EDT",
      "2025-03-09 02:30",
      NY,
      "2025-03-09T07:30:00.000Z",
    ],
    [
      "in the overlap (01:30 happened twice): the earlier, EDT",
      "2025-11-02 01:30",
      NY,
      "2025-11-02T05:30:00.000Z",
    ],
    ["after the overlap", "2025-11-02 02:30", NY, "2025-11-02T07:30:00.000Z"],
    ["a day in EST", "2025-01-20", NY, "2025-01-20T05:00:00.000Z"],
    ["a zone east of UTC", "2025-03-15 19:26", "Asia/Kolkata", "2025-03-15T13:56:00.000Z"],
    [
      "an ISO instant with an offset is taken as it is",
      "2025-03-15T19:26:00-04:00",
      NY,
      "2025-03-15T23:26:00.000Z",
    ],
    ["a month", "2025-03", "America/El_Salvador", "2025-03-01T06:00:00.000Z"],
  ];
  for (const [name, text, tz, at] of cases) test(name, () => assert.equal(parseWhen(text, tz).at, at));

  test("precision follows the text", () => {
    assert.equal(parseWhen("2019", NY).precision, "year");
    assert.equal(parseWhen("2019-03", NY).precision, "month");
    assert.equal(parseWhen("2019-03-04", NY).precision, "day");
    assert.equal(parseWhen("2019-03-04 10:00", NY).precision, "minute");
  });

  test("an unknown date is stated as the range it lies in", () => {
    const w = parseWhen("2025-03-01/2025-03-20", NY);
    assert.deepEqual(w, {
      at: "2025-03-01T05:00:00.000Z",
      precision: "unknown",
      tz: NY,
      latest: "2025-03-21T03:59:59.999Z",
    });
    assert.equal(parseWhen("2019/2021", NY).latest, "2022-01-01T04:59:59.999Z");
    assert.equal(formatWhen(w), "Mar 1, 2025 – Mar 20, 2025");
    assert.throws(() => parseWhen("unknown", NY), /needs the range/);
    assert.throws(() => parseWhen("2025-03-20/2025-03-01", NY), /ends before it starts/);
  });

  test("impossible dates and unknown zones are refused", () => {
    assert.throws(() => parseWhen("2025-02-30", NY), /not a real date/);
    assert.throws(() => parseWhen("2025-03-09 24:10", NY), /not a real date/);
    assert.throws(() => parseWhen("2025-03-09", "Mars/Olympus"), /unknown time zone/);
  });
});

describe("endOfLocalDay", () => {
  test("an event at 21:00 EDT on that day is inside it", () => {
    const end = endOfLocalDay("2025-03-15", NY);
    assert.equal(end, "2025-03-16T03:59:59.999Z");
    assert.ok(Date.parse(parseWhen("2025-03-15 21:00", NY).at) <= Date.parse(end));
  });
  test("the 23-hour day of the spring change ends at local midnight too", () => {
    assert.equal(endOfLocalDay("2025-03-09", NY), "2025-03-10T03:59:59.999Z");
    assert.equal(endOfLocalDay("2025-11-02", NY), "2025-11-03T04:59:59.999Z");
  });
});

test("zoneOfTimeline: the zone of the latest event at or before now", () => {
  const events = [
    { at: "2025-03-15T23:36:00.000Z", tz: NY },
    { at: "2025-03-16T06:00:00.000Z", tz: "America/El_Salvador" },
    { at: "2025-06-06T05:00:00.000Z", tz: "America/Chicago" },
  ];
  assert.equal(zoneOfTimeline(events), "America/Chicago");
  assert.equal(zoneOfTimeline(events, "2025-04-01T00:00:00Z"), "America/El_Salvador");
  assert.equal(zoneOfTimeline([]), "UTC");
});

describe("instantMs", () => {
  test("reads every instant exactly as Date.parse does, stored form or not", () => {
    const stored = fc
      .date({
        min: new Date("0001-01-01T00:00:00Z"),
        max: new Date("9999-12-31T23:59:59Z"),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString());
    // The stored form with any digit (or separator) changed: invalid days and months, letters, offsets.
    const mangled = fc
      .tuple(stored, fc.nat(23), fc.constantFrom("0", "3", "9", "a", "-", ":", "+", "Z", "T", " "))
      .map(([s, i, c]) => s.slice(0, i) + c + s.slice(i + 1));
    const other = fc.constantFrom(
      "2025-02-29T10:00:00.000Z",
      "2024-02-29T10:00:00.000Z",
      "2025-04-31T00:00:00.000Z",
      "2025-03-15T19:26:00-04:00",
      "2025-03-15",
      "0050-01-01T00:00:00.000Z",
      "2025-13-01T00:00:00.000Z",
      "2025-03-15T24:00:00.000Z",
      "",
    );
    fc.assert(
      fc.property(fc.oneof(stored, mangled, other), (s) => {
        assert.equal(Object.is(instantMs(s), Date.parse(s)), true, s);
      }),
      { numRuns: 20_000 },
    );
  });
});

describe("offsetMinutes and localDate", () => {
  /**
   * The offset as a fresh Intl formatter names it ("GMT-04:00", "GMT+05:45", "GMT" for none): another way of
   * asking than offsetMinutes' wall-clock parts, with nothing cached.
   */
  function intlOffset(ms: number, tz: string): number {
    const name = new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName: "longOffset" })
      .formatToParts(ms)
      .find((p) => p.type === "timeZoneName")?.value;
    const m = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name ?? "");
    assert.ok(m, `offset name ${name}`);
    return m[1] ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  }
  // Zones with DST at 02:00, none, half and quarter hours, a half-hour DST shift, and across the date line.
  const ZONES = [
    "America/New_York",
    "America/El_Salvador",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
    "Pacific/Apia",
    "Europe/London",
    "UTC",
  ];

  test("agree with Intl at any instant, on the days a zone changes its offset too", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2035, 0, 1) }),
        (tz, ms) => {
          assert.equal(offsetMinutes(ms, tz), intlOffset(ms, tz));
          const day = new Intl.DateTimeFormat("en-CA", { timeZone: tz }).format(ms);
          assert.equal(localDate(new Date(ms).toISOString(), tz), day);
        },
      ),
      { numRuns: 3000 },
    );
    // Each minute around New York's spring-forward and fall-back of 2025, and London's.
    for (const [tz, at] of [
      ["America/New_York", Date.UTC(2025, 2, 9, 7)],
      ["America/New_York", Date.UTC(2025, 10, 2, 6)],
      ["Europe/London", Date.UTC(2025, 2, 30, 1)],
    ] as const)
      for (let ms = at - 90 * 60_000; ms <= at + 90 * 60_000; ms += 60_000)
        assert.equal(offsetMinutes(ms, tz), intlOffset(ms, tz), `${tz} ${new Date(ms).toISOString()}`);
  });

  test("an unknown zone is refused, not read as UTC", () => {
    assert.throws(() => offsetMinutes(0, "Mars/Olympus_Mons"), RangeError);
    assert.throws(() => localDate("2025-03-15T12:00:00.000Z", "Mars/Olympus_Mons"), RangeError);
  });
});
