// Instants with precision: stored as UTC ISO strings, entered in the zone where they happened.
import { z } from "zod";
import { badInput } from "./errors.ts";

/**
 * How precisely a time is known: to the minute, day, month or year; "approximate" (about that day); or
 * "unknown" — the date itself is not known, only a range it lies in (`latest` holds the range's end).
 */
export const PRECISIONS = ["minute", "day", "month", "year", "approximate", "unknown"] as const;
export const PrecisionSchema = z.enum(PRECISIONS);
export type Precision = z.infer<typeof PrecisionSchema>;

/** A point in time as recorded: the UTC instant, how precise it is, and the zone it was reported in. */
export const WhenSchema = z.object({
  at: z.iso.datetime({ offset: true }).describe("UTC instant (ISO 8601)"),
  precision: PrecisionSchema.default("day"),
  tz: z.string().min(1).default("UTC"),
  /** For an unknown date given as a range: the last instant it may have been. */
  latest: z.iso.datetime({ offset: true }).optional(),
});
export type When = z.infer<typeof WhenSchema>;

const LOCAL_RE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?)?)?$/;

const DAY_MS = 86_400_000;

// Making an Intl.DateTimeFormat costs tens of microseconds, asking one a few: one formatter a zone, and a
// zone's offset looked up once per UTC day; only on the days its offset changes is each instant asked.
const offsetFormats = new Map<string, Intl.DateTimeFormat>();
const dayOffsets = new Map<string, Map<number, number>>();

/** The zone's formatter of wall-clock parts; throws a RangeError for a zone Intl does not know. */
function offsetFormat(tz: string): Intl.DateTimeFormat {
  let f = offsetFormats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
    });
    offsetFormats.set(tz, f);
  }
  return f;
}

/** Minutes east of UTC that zone tz shows at instant ms, asked of Intl. */
function intlOffset(ms: number, tz: string): number {
  let y = 0;
  let mo = 0;
  let d = 0;
  let h = 0;
  let mi = 0;
  for (const p of offsetFormat(tz).formatToParts(ms)) {
    if (p.type === "year") y = Number(p.value);
    else if (p.type === "month") mo = Number(p.value);
    else if (p.type === "day") d = Number(p.value);
    else if (p.type === "hour") h = Number(p.value);
    else if (p.type === "minute") mi = Number(p.value);
  }
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  return Math.round((wall - (ms - (((ms % 60_000) + 60_000) % 60_000))) / 60_000);
}

/**
 * Minutes east of UTC in zone `tz` at instant `ms`: the one owner of a zone's offset (the rules' local days,
 * zonedToUtc, localDate). Throws a RangeError for an unknown zone.
 */
export function offsetMinutes(ms: number, tz: string): number {
  if (tz === "UTC") return 0;
  let days = dayOffsets.get(tz);
  if (!days) {
    offsetFormat(tz); // an unknown zone throws here, before it has a cache
    days = new Map();
    dayOffsets.set(tz, days);
  }
  const day = Math.floor(ms / DAY_MS);
  let off = days.get(day);
  if (off === undefined) {
    const a = intlOffset(day * DAY_MS, tz);
    const b = intlOffset((day + 1) * DAY_MS - 60_000, tz);
    off = a === b ? a : Number.NaN;
    days.set(day, off);
  }
  return Number.isNaN(off) ? intlOffset(ms, tz) : off;
}

/** The digit at `i`, or NaN (which spoils any sum it enters) where there is none. */
function digitAt(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : Number.NaN;
}

/**
 * Milliseconds since the epoch of an ISO instant, as Date.parse reads it. The stored form,
 * "YYYY-MM-DDTHH:MM:SS.sssZ", is read digit by digit: a whole-record evaluation reads millions of instants,
 * and Date.parse takes ~400 ns each. Anything else (offsets, other lengths, a day past the 28th, which
 * Date.parse checks against its month) goes through Date.parse.
 */
export function instantMs(iso: string): number {
  if (iso.length !== 24 || iso.charCodeAt(23) !== 90 || iso.charCodeAt(10) !== 84) return Date.parse(iso);
  // A helper at module level, not a closure over `iso`: the closure was allocated on every call (28 MB for
  // every 20,000 people a whole-record evaluation reads).
  const d = digitAt;
  const y = d(iso, 0) * 1000 + d(iso, 1) * 100 + d(iso, 2) * 10 + d(iso, 3);
  const mo = d(iso, 5) * 10 + d(iso, 6);
  const day = d(iso, 8) * 10 + d(iso, 9);
  const h = d(iso, 11) * 10 + d(iso, 12);
  const mi = d(iso, 14) * 10 + d(iso, 15);
  const sec = d(iso, 17) * 10 + d(iso, 18);
  const ms = d(iso, 20) * 100 + d(iso, 21) * 10 + d(iso, 22);
  const seps =
    iso.charCodeAt(4) === 45 &&
    iso.charCodeAt(7) === 45 &&
    iso.charCodeAt(13) === 58 &&
    iso.charCodeAt(16) === 58 &&
    iso.charCodeAt(19) === 46;
  // Date.UTC reads years 0–99 as 1900–1999.
  if (
    Number.isNaN(y + mo + day + h + mi + sec + ms) ||
    !seps ||
    y < 100 ||
    mo < 1 ||
    mo > 12 ||
    day < 1 ||
    day > 28 ||
    h > 23 ||
    mi > 59 ||
    sec > 59
  )
    return Date.parse(iso);
  return Date.UTC(y, mo - 1, day, h, mi, sec, ms);
}
export function isValidTimeZone(tz: string): boolean {
  try {
    offsetFormat(tz);
    return true;
  } catch {
    return false;
  }
}

/**
 * The UTC instant of a wall-clock reading in `tz`, given as milliseconds of the same reading taken as UTC.
 * The one local → UTC conversion of habeas (forms, import, CLI and API all come through here):
 * - a time that does not exist (the spring-forward gap, "2025-03-09 02:30" in New York) moves forward by the
 *   gap: it reads as 03:30 EDT, 07:30Z, as a clock set before the change would show it;
 * - a time that happens twice (the fall-back overlap, "2025-11-02 01:30" in New York) is the earlier one,
 *   01:30 EDT, 05:30Z.
 */
export function zonedToUtc(wallMs: number, tz: string): number {
  const before = offsetMinutes(wallMs - 86_400_000, tz);
  const after = offsetMinutes(wallMs + 86_400_000, tz);
  const candidates: number[] = [];
  for (const off of before === after ? [before] : [before, after]) {
    const utc = wallMs - off * 60_000;
    if (offsetMinutes(utc, tz) === off) candidates.push(utc);
  }
  if (candidates.length > 0) return Math.min(...candidates);
  // In the gap: read with the offset in force before the change.
  return wallMs - before * 60_000;
}

/** The last millisecond of a calendar day (YYYY-MM-DD) where `tz` keeps time: "as of that day" in that zone. */
export function endOfLocalDay(day: string, tz: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw badInput(`not a day: ${day} (use YYYY-MM-DD)`);
  if (!isValidTimeZone(tz)) throw badInput(`unknown time zone: ${tz}`);
  const next = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1);
  return new Date(zonedToUtc(next, tz) - 1).toISOString();
}

/**
 * The zone a person's "today" is read in: the zone of their latest event at or before `now` (where they
 * were last recorded), UTC when nothing is recorded.
 */
export function zoneOfTimeline(events: readonly { at: string; tz: string }[], now?: string): string {
  const limit = now ? Date.parse(now) : Number.POSITIVE_INFINITY;
  let best: { ms: number; tz: string } | undefined;
  for (const e of events) {
    const ms = Date.parse(e.at);
    if (ms <= limit && (!best || ms >= best.ms)) best = { ms, tz: e.tz };
  }
  return best?.tz ?? "UTC";
}

/**
 * Reads a local wall-clock time ("2025-03-15 19:26", "2025-03", "2019") in zone `tz` and
 * returns the UTC instant with the precision the text carries. Full ISO strings with an
 * offset are taken as they are.
 */
export function parseWhen(text: string, tz = "UTC", precision?: Precision): When {
  const s = text.trim();
  if (!isValidTimeZone(tz)) throw badInput(`unknown time zone: ${tz}`);
  const range = /^(.+?)\s*(?:\/|\.\.)\s*(.+)$/.exec(s);
  if (range && !s.includes("T")) return parseRange(text, range[1]!, range[2]!, tz);
  if (/^unknown$/i.test(s))
    throw badInput(
      `an unknown date needs the range it lies in: "2025-03-01/2025-03-20", "2019/2021" (earliest/latest)`,
    );
  if (/[zZ]$|[+-]\d{2}:?\d{2}$/.test(s) && s.includes("T")) {
    const ms = Date.parse(s);
    if (Number.isNaN(ms)) throw badInput(`not a date: ${text}`);
    return { at: new Date(ms).toISOString(), precision: precision ?? "minute", tz };
  }
  const m = LOCAL_RE.exec(s);
  if (!m) throw badInput(`not a date: ${text} (use YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DD HH:MM)`);
  const [, y, mo, d, h, mi, se] = m;
  const year = Number(y);
  const month = mo ? Number(mo) : 1;
  const day = d ? Number(d) : 1;
  const hour = h ? Number(h) : 0;
  const minute = mi ? Number(mi) : 0;
  const second = se ? Number(se) : 0;
  const naive = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(naive);
  if (
    month < 1 ||
    month > 12 ||
    check.getUTCDate() !== day ||
    check.getUTCMonth() !== month - 1 ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    throw badInput(`not a real date: ${text}`);
  }
  const utc = zonedToUtc(naive, tz);
  const implied: Precision = h ? "minute" : d ? "day" : mo ? "month" : "year";
  return { at: new Date(utc).toISOString(), precision: precision ?? implied, tz };
}

/**
 * An explicit unknown date with the range it lies in ("2025-03-01/2025-03-20", "2019/2021"): the instant is
 * the range's start, `latest` the last moment of its end, and the precision "unknown".
 */
function parseRange(text: string, from: string, to: string, tz: string): When {
  const start = parseWhen(from, tz);
  const end = parseWhen(to, tz);
  const endMs = Date.parse(periodEnd(end));
  if (endMs < Date.parse(start.at)) throw badInput(`the range ends before it starts: ${text}`);
  return { at: start.at, precision: "unknown", tz, latest: new Date(endMs).toISOString() };
}

/** The last millisecond of the period a reading names: "2025-03" ends on 31 March at 23:59:59.999 local. */
export function periodEnd(when: When): string {
  if (when.latest) return when.latest;
  const day = localDate(when.at, when.tz);
  const [y, m] = day.split("-").map(Number) as [number, number];
  switch (when.precision) {
    case "minute":
      return new Date(Date.parse(when.at) + 59_999).toISOString();
    case "month":
      return endOfLocalDay(new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10), when.tz);
    case "year":
      return endOfLocalDay(`${y}-12-31`, when.tz);
    default:
      return endOfLocalDay(day, when.tz);
  }
}

// Formatters by locale, zone and precision: pages format every date of a timeline, and making a formatter
// costs tens of microseconds where formatting with one costs one or two.
const whenFormats = new Map<string, Intl.DateTimeFormat>();

function whenFormat(locale: string, tz: string, precision: Precision): Intl.DateTimeFormat {
  const key = `${locale}|${tz}|${precision}`;
  let f = whenFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, whenOptions(tz, precision));
    whenFormats.set(key, f);
  }
  return f;
}

function whenOptions(tz: string, precision: Precision): Intl.DateTimeFormatOptions {
  const opts: Intl.DateTimeFormatOptions = { timeZone: tz };
  switch (precision) {
    case "year":
      opts.year = "numeric";
      break;
    case "month":
      opts.year = "numeric";
      opts.month = "long";
      break;
    case "minute":
      Object.assign(opts, {
        year: "numeric",
        month: "short",
        day: "numeric",
        hour: "numeric",
        minute: "2-digit",
      });
      opts.timeZoneName = "short";
      break;
    default:
      // A day; for an unknown date, each end of the range it lies in as a day.
      Object.assign(opts, { year: "numeric", month: "short", day: "numeric" });
  }
  return opts;
}

/** The wall-clock text of an instant in its zone, cut to its precision. */
export function formatWhen(when: When, locale = "en"): string {
  const date = new Date(when.at);
  const f = whenFormat(locale, when.tz, when.precision);
  if (when.precision === "unknown")
    return when.latest ? `${f.format(date)} – ${f.format(new Date(when.latest))}` : `? (${f.format(date)})`;
  const text = f.format(date);
  return when.precision === "approximate" ? `~${text}` : text;
}

/** Calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(at: string, tz: string): string {
  const ms = instantMs(at);
  return new Date(ms + offsetMinutes(ms, tz) * 60_000).toISOString().slice(0, 10);
}
