// Instants with precision: stored as UTC ISO strings, entered in the zone where they happened.
import { z } from "zod";
import { badInput } from "./errors.ts";

export const PRECISIONS = ["minute", "day", "month", "year", "approximate"] as const;
export const PrecisionSchema = z.enum(PRECISIONS);
export type Precision = z.infer<typeof PrecisionSchema>;

/** A point in time as recorded: the UTC instant, how precise it is, and the zone it was reported in. */
export const WhenSchema = z.object({
  at: z.iso.datetime({ offset: true }).describe("UTC instant (ISO 8601)"),
  precision: PrecisionSchema.default("day"),
  tz: z.string().min(1).default("UTC"),
});
export type When = z.infer<typeof WhenSchema>;

const LOCAL_RE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?)?)?$/;

/** Offset in minutes of `tz` at the given UTC instant (positive east of UTC). */
function offsetMinutes(utcMs: number, tz: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: tz,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(utcMs));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  );
  return Math.round((asUtc - utcMs) / 60000);
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads a local wall-clock time ("2025-03-15 19:26", "2025-03", "2019") in zone `tz` and
 * returns the UTC instant with the precision the text carries. Full ISO strings with an
 * offset are taken as they are.
 */
export function parseWhen(text: string, tz = "UTC", precision?: Precision): When {
  const s = text.trim();
  if (!isValidTimeZone(tz)) throw badInput(`unknown time zone: ${tz}`);
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
  // Two passes settle the offset across a DST change.
  let utc = naive - offsetMinutes(naive, tz) * 60000;
  utc = naive - offsetMinutes(utc, tz) * 60000;
  const implied: Precision = h ? "minute" : d ? "day" : mo ? "month" : "year";
  return { at: new Date(utc).toISOString(), precision: precision ?? implied, tz };
}

/** The wall-clock text of an instant in its zone, cut to its precision. */
export function formatWhen(when: When, locale = "en"): string {
  const date = new Date(when.at);
  const opts: Intl.DateTimeFormatOptions = { timeZone: when.tz };
  switch (when.precision) {
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
      Object.assign(opts, { year: "numeric", month: "short", day: "numeric" });
  }
  const text = new Intl.DateTimeFormat(locale, opts).format(date);
  return when.precision === "approximate" ? `~${text}` : text;
}

/** Calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(at: string, tz: string): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: tz,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(at));
}
