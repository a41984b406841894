// Calendar arithmetic for deadlines: day numbers, US federal holidays computed by rule, business days, local dates.
import { offsetMinutes } from "../domain/time.ts";

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** Days since 1970-01-01 for a calendar date. */
export function dayNumber(y: number, m: number, d: number): number {
  return Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
}

/** Day number of a YYYY-MM-DD string (no validation beyond shape: callers pass dates they made). */
export function parseDay(ymd: string): number {
  return dayNumber(Number(ymd.slice(0, 4)), Number(ymd.slice(5, 7)), Number(ymd.slice(8, 10)));
}

/** [year, month, day] of a day number, by arithmetic (H. Hinnant's civil-from-days): no Date, no Intl. */
export function civil(day: number): [number, number, number] {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function formatDay(day: number): string {
  const [y, m, d] = civil(day);
  return `${String(y).padStart(4, "0")}-${pad2(m)}-${pad2(d)}`;
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

function nthWeekday(y: number, m: number, wd: number, n: number): number {
  const first = dayNumber(y, m, 1);
  return first + ((wd - weekday(first) + 7) % 7) + (n - 1) * 7;
}

function lastWeekday(y: number, m: number, wd: number): number {
  const last = dayNumber(y, m + 1, 0);
  return last - ((weekday(last) - wd + 7) % 7);
}

/** A fixed-date holiday moves to Friday when it falls on Saturday and to Monday on Sunday (5 U.S.C. §6103(b), EO 11582). */
function observed(day: number): number {
  const wd = weekday(day);
  return wd === 6 ? day - 1 : wd === 0 ? day + 1 : day;
}

/** Legal public holidays of 5 U.S.C. §6103(a) for year y, as the days they are observed (unsorted). */
function holidaysOfYear(y: number): number[] {
  const days = [
    observed(dayNumber(y, 1, 1)),
    observed(dayNumber(y, 7, 4)),
    observed(dayNumber(y, 11, 11)),
    observed(dayNumber(y, 12, 25)),
    nthWeekday(y, 2, 1, 3), // Washington's Birthday
    lastWeekday(y, 5, 1), // Memorial Day
    nthWeekday(y, 9, 1, 1), // Labor Day
    nthWeekday(y, 10, 1, 2), // Columbus Day
    nthWeekday(y, 11, 4, 4), // Thanksgiving
  ];
  if (y >= 1986) days.push(nthWeekday(y, 1, 1, 3)); // Martin Luther King Jr. Day, first observed 1986
  if (y >= 2021) days.push(observed(dayNumber(y, 6, 19))); // Juneteenth, added 17 Jun 2021
  return days;
}

const holidayCache = new Map<number, ReadonlySet<number>>();

/** Observed federal holidays that fall in calendar year y (a Saturday 1 Jan is observed on 31 Dec before it). */
export function federalHolidays(y: number): ReadonlySet<number> {
  let set = holidayCache.get(y);
  if (!set) {
    const first = dayNumber(y, 1, 1);
    const last = dayNumber(y, 12, 31);
    const s = new Set<number>();
    for (const d of [...holidaysOfYear(y), ...holidaysOfYear(y + 1)]) if (d >= first && d <= last) s.add(d);
    set = s;
    holidayCache.set(y, set);
  }
  return set;
}

export function isFederalHoliday(day: number): boolean {
  return federalHolidays(civil(day)[0]).has(day);
}

export function isBusinessDay(day: number): boolean {
  const wd = weekday(day);
  return wd !== 0 && wd !== 6 && !isFederalHoliday(day);
}

/** The day itself if it is a business day, else the next one (filing deadlines that land on a closed day move). */
export function rollForward(day: number): number {
  let d = day;
  while (!isBusinessDay(d)) d++;
  return d;
}

/** n business days after `day` (n >= 0), skipping weekends and federal holidays. */
export function addBusinessDays(day: number, n: number): number {
  let d = day;
  let left = n;
  while (left > 0) {
    d++;
    if (isBusinessDay(d)) left--;
  }
  return d;
}

/** Adds whole calendar months, clamping to the month's last day (31 Aug + 6 months = 28/29 Feb). */
export function addMonths(day: number, months: number): number {
  const dt = new Date(day * DAY_MS);
  const y = dt.getUTCFullYear();
  const m = dt.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Math.floor(Date.UTC(y, m, Math.min(dt.getUTCDate(), last)) / DAY_MS);
}

// A zone's offset is domain/time.ts's (one formatter a zone, asked once per UTC day); the rules read an
// unknown zone as UTC rather than fail a whole evaluation on one event.
const nameFormatters = new Map<string, Intl.DateTimeFormat>();
const zoneNames = new Map<string, string>();

/** Minutes east of UTC in zone tz at instant ms; 0 for a zone Intl does not know. */
function zoneOffset(ms: number, tz: string): number {
  try {
    return offsetMinutes(ms, tz);
  } catch {
    return 0;
  }
}

function nameFormatter(tz: string): Intl.DateTimeFormat {
  let f = nameFormatters.get(tz);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat("en-US", { timeZoneName: "short", timeZone: tz });
    } catch {
      f = new Intl.DateTimeFormat("en-US", { timeZoneName: "short", timeZone: "UTC" });
    }
    nameFormatters.set(tz, f);
  }
  return f;
}

/** Day number of the calendar date an instant falls on in zone tz. */
export function localDay(ms: number, tz: string): number {
  return Math.floor((ms + zoneOffset(ms, tz) * 60_000) / DAY_MS);
}

/** The zone's short name at that offset ("EDT", "CDT", or "GMT-6" where there is none). */
function zoneName(ms: number, tz: string, off: number): string {
  const key = `${tz}|${off}`;
  let name = zoneNames.get(key);
  if (name === undefined) {
    const f = nameFormatter(tz);
    name = f.formatToParts(ms).find((p) => p.type === "timeZoneName")?.value ?? tz;
    zoneNames.set(key, name);
  }
  return name;
}

/** "2025-03-15 19:36 EDT": the wall-clock minute an instant shows in zone tz, with the zone's short name. */
export function localMinute(ms: number, tz: string): string {
  const off = zoneOffset(ms, tz);
  const local = ms + off * 60_000;
  const day = Math.floor(local / DAY_MS);
  const mins = Math.floor((local - day * DAY_MS) / 60_000);
  return `${formatDay(day)} ${pad2(Math.floor(mins / 60))}:${pad2(mins % 60)} ${zoneName(ms, tz, off)}`;
}
