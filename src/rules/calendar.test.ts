// Table tests for the calendar: federal holidays by rule, observed days, business-day arithmetic, local dates.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  addBusinessDays,
  addMonths,
  federalHolidays,
  formatDay,
  isBusinessDay,
  isFederalHoliday,
  localDay,
  localMinute,
  parseDay,
  rollForward,
  weekday,
} from "./calendar.ts";

const days = (y: number) => [...federalHolidays(y)].sort((a, b) => a - b).map(formatDay);

describe("federal holidays", () => {
  test("2025 has the eleven legal public holidays on their observed days", () => {
    assert.deepEqual(days(2025), [
      "2025-01-01",
      "2025-01-20",
      "2025-02-17",
      "2025-05-26",
      "2025-06-19",
      "2025-07-04",
      "2025-09-01",
      "2025-10-13",
      "2025-11-11",
      "2025-11-27",
      "2025-12-25",
    ]);
  });

  const cases: [string, boolean, string][] = [
    ["2021-06-18", true, "Juneteenth 2021 fell on Saturday: observed Friday"],
    ["2021-06-19", false, "the Saturday itself is not a weekday holiday"],
    ["2021-12-31", true, "New Year's Day 2022 fell on Saturday: observed 31 Dec 2021"],
    ["2023-01-02", true, "New Year's Day 2023 fell on Sunday: observed Monday"],
    ["2026-07-03", true, "Independence Day 2026 falls on Saturday: observed Friday"],
    ["2020-06-19", false, "Juneteenth is a holiday only from 2021"],
    ["1985-01-21", false, "Martin Luther King Jr. Day is observed only from 1986"],
    ["2024-11-28", true, "Thanksgiving 2024: fourth Thursday"],
    ["2026-05-25", true, "Memorial Day 2026: last Monday of May"],
    ["2025-03-17", false, "an ordinary Monday"],
  ];
  for (const [day, want, why] of cases)
    test(`${day}: ${why}`, () => assert.equal(isFederalHoliday(parseDay(day)), want));
});

describe("business days", () => {
  const roll: [string, string, string][] = [
    ["2025-05-21", "2025-05-21", "a Wednesday stays"],
    ["2025-05-24", "2025-05-27", "Saturday before Memorial Day moves to Tuesday"],
    ["2025-05-25", "2025-05-27", "Sunday before Memorial Day moves to Tuesday"],
    ["2025-07-04", "2025-07-07", "Independence Day (Friday) moves to Monday"],
    ["2025-12-25", "2025-12-26", "Christmas (Thursday) moves to Friday"],
  ];
  for (const [from, to, why] of roll)
    test(`rollForward ${from}: ${why}`, () => assert.equal(formatDay(rollForward(parseDay(from))), to));

  test("addBusinessDays skips weekends and holidays", () => {
    assert.equal(formatDay(addBusinessDays(parseDay("2025-12-24"), 1)), "2025-12-26");
    assert.equal(formatDay(addBusinessDays(parseDay("2025-12-24"), 2)), "2025-12-29");
    assert.equal(formatDay(addBusinessDays(parseDay("2025-05-23"), 1)), "2025-05-27");
    assert.equal(formatDay(addBusinessDays(parseDay("2025-05-23"), 0)), "2025-05-23");
  });

  test("weekday and isBusinessDay agree on a known week", () => {
    assert.equal(weekday(parseDay("2025-03-15")), 6);
    assert.equal(isBusinessDay(parseDay("2025-03-15")), false);
    assert.equal(isBusinessDay(parseDay("2025-03-14")), true);
  });

  test("addMonths clamps to the end of a shorter month", () => {
    assert.equal(formatDay(addMonths(parseDay("2025-08-31"), 6)), "2026-02-28");
    assert.equal(formatDay(addMonths(parseDay("2023-08-31"), 6)), "2024-02-29");
    assert.equal(formatDay(addMonths(parseDay("2025-03-15"), 6)), "2025-09-15");
  });
});

describe("local time", () => {
  test("an evening instant in Eastern time is still the same local date", () => {
    assert.equal(formatDay(localDay(Date.parse("2025-03-16T02:00:00Z"), "America/New_York")), "2025-03-15");
    assert.equal(formatDay(localDay(Date.parse("2025-03-16T02:00:00Z"), "UTC")), "2025-03-16");
  });

  test("one instant reads differently in Eastern and Central time", () => {
    const ms = Date.parse("2025-03-15T23:36:00Z");
    assert.equal(localMinute(ms, "America/New_York"), "2025-03-15 19:36 EDT");
    assert.equal(localMinute(ms, "America/Chicago"), "2025-03-15 18:36 CDT");
  });

  const dst: [string, string, string][] = [
    ["2025-03-09T06:30:00Z", "2025-03-09 01:30 EST", "before clocks spring forward"],
    ["2025-03-09T07:30:00Z", "2025-03-09 03:30 EDT", "after clocks spring forward"],
    ["2025-11-02T05:30:00Z", "2025-11-02 01:30 EDT", "first 01:30 of the fall-back night"],
    ["2025-11-02T06:30:00Z", "2025-11-02 01:30 EST", "second 01:30 of the fall-back night"],
    ["2025-11-02T04:59:00Z", "2025-11-02 00:59 EDT", "just before midnight UTC-4"],
  ];
  for (const [utc, local, why] of dst)
    test(`DST day: ${utc} reads ${local} (${why})`, () =>
      assert.equal(localMinute(Date.parse(utc), "America/New_York"), local));

  test("an unknown zone falls back to UTC instead of throwing", () => {
    assert.equal(formatDay(localDay(Date.parse("2025-03-16T02:00:00Z"), "Not/AZone")), "2025-03-16");
  });
});
