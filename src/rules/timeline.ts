// One case's timeline indexed once for all rules: instants parsed, events sorted and grouped by type.
import { isAbroad } from "../domain/custody.ts";
import type { CourtOrder, EventType, JudgedPerson, TimelineEvent } from "../domain/model.ts";
import { instantMs, type Precision } from "../domain/time.ts";
import { DAY_MS, formatDay, localDay, localMinute } from "./calendar.ts";
import type { Msg } from "./types.ts";

/**
 * An event with its instant parsed once (and its display time, once asked for: `st` is made with the rest, so
 * an Ev has one shape before and after, and the rules' compiled code sees one).
 */
export type Ev = { e: TimelineEvent; ms: number; st?: string };
export type Ord = { o: CourtOrder; ms: number };

/** "confirmed": recorded as a US citizen (status, or birth/naturalization evidence); "claimed": evidence of a claim not yet settled. */
export type CitizenStanding = "confirmed" | "claimed" | "none";

export type CaseIndex = {
  person: JudgedPerson;
  events: readonly Ev[];
  /** Events by type, in time order (a Map: an object keyed by whichever types a case has took a new
   * hidden class per combination, and every read of it was a megamorphic lookup). */
  by: ReadonlyMap<EventType, Ev[]>;
  orders: readonly Ord[];
  asOf: string;
  asOfMs: number;
  citizen: CitizenStanding;
  /** Hearings set for a day after `asOf`, soonest first: what is scheduled, not what happened. */
  scheduled: readonly Ev[];
};

// The list of a type a case has none of; not frozen, as RULES is not (rule-set.ts).
const NONE: readonly Ev[] = [];

/** Indexes a case as it stood at `asOf`: events and orders dated later are left out. */
export function buildIndex(
  person: JudgedPerson,
  events: readonly TimelineEvent[],
  orders: readonly CourtOrder[],
  asOf: string,
): CaseIndex {
  const asOfMs = instantMs(asOf);
  const evs: Ev[] = [];
  const scheduled: Ev[] = [];
  let sorted = true;
  for (const e of events) {
    const ms = instantMs(e.at);
    if (ms > asOfMs) {
      if (e.type === "HEARING") scheduled.push({ e, ms, st: undefined });
      continue;
    }
    if (evs.length > 0 && ms < evs[evs.length - 1]!.ms) sorted = false;
    evs.push({ e, ms, st: undefined });
  }
  // Stored timelines usually arrive in order; sort only when they do not (sort is stable, keeps entry order on ties).
  if (!sorted) evs.sort((a, b) => a.ms - b.ms);
  const by = new Map<EventType, Ev[]>();
  for (const x of evs) {
    const list = by.get(x.e.type);
    if (list) list.push(x);
    else by.set(x.e.type, [x]);
  }
  const ords: Ord[] = [];
  for (const o of orders) {
    const ms = instantMs(o.issued_at);
    if (ms <= asOfMs) ords.push({ o, ms });
  }
  if (ords.length > 1) ords.sort((a, b) => a.ms - b.ms);
  if (scheduled.length > 1) scheduled.sort((a, b) => a.ms - b.ms);
  return {
    person,
    events: evs,
    by,
    orders: ords,
    asOf,
    asOfMs,
    citizen: citizenStanding(person, by),
    scheduled,
  };
}

function citizenStanding(person: JudgedPerson, by: ReadonlyMap<EventType, Ev[]>): CitizenStanding {
  if (person.citizenship_status === "us_citizen") return "confirmed";
  const ev = by.get("CITIZENSHIP_EVIDENCE");
  if (!ev) return "none";
  // Birth in the US or naturalization is documentary; derivation and other bases turn on contested facts.
  for (const x of ev) {
    const basis = x.e.details.basis;
    if ((basis === "birth" || basis === "naturalization") && !x.e.unverified) return "confirmed";
  }
  return "claimed";
}

export function of(c: CaseIndex, type: EventType): readonly Ev[] {
  return c.by.get(type) ?? NONE;
}

/** Last event of a type strictly before ms. */
export function lastBefore(c: CaseIndex, type: EventType, ms: number): Ev | undefined {
  const list = of(c, type);
  let found: Ev | undefined;
  for (const x of list) {
    if (x.ms >= ms) break;
    found = x;
  }
  return found;
}

/** First event of a type strictly after ms. */
export function firstAfter(c: CaseIndex, type: EventType, ms: number): Ev | undefined {
  for (const x of of(c, type)) if (x.ms > ms) return x;
  return undefined;
}

/** First event of a type in the half-open window (from, to]. */
export function firstBetween(c: CaseIndex, type: EventType, from: number, to: number): Ev | undefined {
  for (const x of of(c, type)) {
    if (x.ms > to) return undefined;
    if (x.ms > from) return x;
  }
  return undefined;
}

// ---------- typed reads of details (validated at the edge; these only narrow) ----------
export function str(x: Ev, key: string): string | undefined {
  const v = x.e.details[key];
  return typeof v === "string" ? v : undefined;
}
export function bool(x: Ev, key: string): boolean | undefined {
  const v = x.e.details[key];
  return typeof v === "boolean" ? v : undefined;
}
export function num(x: Ev, key: string): number | undefined {
  const v = x.e.details[key];
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

/** How far the true instant may lie after `at`: a day-precise event could be any time that day. */
export function slackMs(p: Precision): number {
  switch (p) {
    case "minute":
      return 60_000;
    case "day":
    case "approximate":
      return DAY_MS;
    case "month":
      return 31 * DAY_MS;
    default:
      return 366 * DAY_MS;
  }
}

/** How far an event's true instant may lie after its recorded one: to the end of its range, when it has one. */
export function slackOf(x: Ev): number {
  return x.e.latest ? Math.max(60_000, instantMs(x.e.latest) - x.ms) : slackMs(x.e.precision);
}

/** The same for an order's issue time. */
export function orderSlackOf(o: CourtOrder): number {
  return o.issued_latest
    ? Math.max(60_000, instantMs(o.issued_latest) - instantMs(o.issued_at))
    : slackMs(o.precision ?? "minute");
}

/** The event's time as the source gave it, in its own zone and to its own precision. */
export function stamp(x: Ev): string {
  if (x.st === undefined)
    x.st = stampAt(x.ms, x.e.tz, x.e.precision, x.e.latest ? instantMs(x.e.latest) : undefined);
  return x.st;
}

/** An unknown date reads as the range it lies in, "2025-03-01–2025-03-20"; the others to their precision. */
export function stampAt(ms: number, tz: string, precision: Precision, latestMs?: number): string {
  if (precision === "minute") return localMinute(ms, tz);
  if (precision === "unknown")
    return latestMs === undefined
      ? `?${formatDay(localDay(ms, tz))}`
      : `${formatDay(localDay(ms, tz))}–${formatDay(localDay(latestMs, tz))}`;
  const day = formatDay(localDay(ms, tz));
  if (precision === "month") return day.slice(0, 7);
  if (precision === "year") return day.slice(0, 4);
  return precision === "approximate" ? `~${day}` : day;
}

/** A piece of the "looked for and not found" list. */
export function missing(en: string, es: string): Msg {
  return { en, es };
}

/** Calendar days between the local dates of two instants in one zone. */
export function calendarDaysBetween(fromMs: number, toMs: number, tz: string): number {
  return localDay(toMs, tz) - localDay(fromMs, tz);
}

// Common spellings of the languages notices are given in, folded to ISO 639-1 where one exists.
const LANGUAGE_ALIASES: Readonly<Record<string, string>> = {
  english: "en",
  ingles: "en",
  inglés: "en",
  spanish: "es",
  espanol: "es",
  español: "es",
  castellano: "es",
  portuguese: "pt",
  portugues: "pt",
  português: "pt",
  french: "fr",
  frances: "fr",
  francés: "fr",
  "haitian creole": "ht",
  creole: "ht",
  kreyol: "ht",
  kreyòl: "ht",
  arabic: "ar",
  russian: "ru",
  ukrainian: "uk",
  chinese: "zh",
  mandarin: "zh",
  hindi: "hi",
  punjabi: "pa",
  "k'iche'": "quc",
  kiche: "quc",
  quiche: "quc",
  "q'anjob'al": "kjb",
  mam: "mam",
  quechua: "qu",
  wolof: "wo",
  turkish: "tr",
  romanian: "ro",
  vietnamese: "vi",
};

/** "Spanish", "español", "es-MX" and "ES" all become "es". */
export function normalizeLanguage(s: string): string {
  const t = s.trim().toLowerCase();
  const alias = LANGUAGE_ALIASES[t];
  if (alias) return alias;
  const dash = t.indexOf("-");
  return dash > 0 ? t.slice(0, dash) : t;
}

/** The languages a notice was given in: "English", or several listed ("English, Spanish"; "inglés y español"). */
export function noticeLanguages(x: Ev): string[] {
  const text = str(x, "language");
  if (!text) return [];
  return text
    .split(/\s*(?:[,;/+&]|\band\b|\by\b)\s*/i)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

/**
 * Whether the person understands a notice given in these languages: true when any of them is theirs, false
 * when none is, undefined when the notice's or the person's languages are not recorded.
 */
export function understandsAny(person: JudgedPerson, languages: readonly string[]): boolean | undefined {
  if (languages.length === 0 || person.languages.length === 0) return undefined;
  return languages.some((l) => understands(person, l) === true);
}

/** Undefined when the person's languages are not recorded (then nothing can be said). */
export function understands(person: JudgedPerson, language: string): boolean | undefined {
  if (person.languages.length === 0) return undefined;
  const want = normalizeLanguage(language);
  for (const l of person.languages) if (normalizeLanguage(l) === want) return true;
  return false;
}

const GUANTANAMO_RE = /guant[aá]namo|\bgtmo\b|\bns ?gb\b/i;

/** Naval Station Guantánamo Bay, however the source spelled it. */
export function isGuantanamo(x: Ev): boolean {
  const to = str(x, "to");
  return (
    (to !== undefined && GUANTANAMO_RE.test(to)) ||
    (x.e.place !== undefined && GUANTANAMO_RE.test(x.e.place)) ||
    (x.e.facility !== undefined && GUANTANAMO_RE.test(x.e.facility))
  );
}

/**
 * The events that put someone outside the United States or into foreign hands. "Abroad" is domain/custody.ts
 * isAbroad (Guantánamo, recorded in CU, is abroad); a transfer whose text names Guantánamo but records no
 * country counts too.
 */
export function sendsAbroad(x: Ev): boolean {
  const t = x.e.type;
  if (t === "REMOVAL" || t === "FOREIGN_CUSTODY") return true;
  if (t !== "TRANSFER") return false;
  return isAbroad(undefined, x.e.country) || isGuantanamo(x);
}

/** The country an event sent the person to, when recorded. */
export function destination(x: Ev): string | undefined {
  if (x.e.type === "REMOVAL") return str(x, "destination_country") ?? x.e.country;
  if (x.e.type === "FOREIGN_CUSTODY") return str(x, "country") ?? x.e.country;
  return x.e.country;
}

/** First event that sent the person abroad after ms (or at all, when ms is -Infinity). */
export function firstAbroadAfter(c: CaseIndex, ms: number): Ev | undefined {
  for (const x of c.events) if (x.ms > ms && sendsAbroad(x)) return x;
  return undefined;
}

export function ids(...xs: (Ev | undefined)[]): string[] {
  const out: string[] = [];
  for (const x of xs) if (x && !out.includes(x.e.id)) out.push(x.e.id);
  return out;
}

/** "50 minutes" / "50 minutos", "30 hours", "12 days": the unit a reader would use for that span. */
export function span(ms: number): Msg {
  const min = Math.round(ms / 60_000);
  if (min < 120)
    return { en: `${min} minute${min === 1 ? "" : "s"}`, es: `${min} minuto${min === 1 ? "" : "s"}` };
  const h = Math.round(ms / 3_600_000);
  if (h < 72) return { en: `${h} hours`, es: `${h} horas` };
  const d = Math.floor(ms / DAY_MS);
  return { en: `${d} days`, es: `${d} días` };
}

const regionNames = {
  en: new Intl.DisplayNames(["en"], { type: "region" }),
  es: new Intl.DisplayNames(["es"], { type: "region" }),
};
const countryCache = new Map<string, Msg>();

/** "El Salvador" for SV, in both languages; the bare code when the runtime does not know it. */
export function country(code: string): Msg {
  let name = countryCache.get(code);
  if (!name) {
    name = { en: code, es: code };
    try {
      name = { en: regionNames.en.of(code) ?? code, es: regionNames.es.of(code) ?? code };
    } catch {
      // An unknown code is shown as recorded.
    }
    countryCache.set(code, name);
  }
  return name;
}

const languageNames = {
  en: new Intl.DisplayNames(["en"], { type: "language" }),
  es: new Intl.DisplayNames(["es"], { type: "language" }),
};
const languageCache = new Map<string, Msg>();

/** "English"/"inglés" for "en", "English" or "inglés"; text the runtime cannot name is shown as recorded. */
export function languageName(s: string): Msg {
  let name = languageCache.get(s);
  if (!name) {
    const code = normalizeLanguage(s);
    name = { en: s, es: s };
    try {
      const en = languageNames.en.of(code);
      const es = languageNames.es.of(code);
      if (en && en !== code && es && es !== code) name = { en, es };
    } catch {
      // Not a language tag: keep the recorded words.
    }
    languageCache.set(s, name);
  }
  return name;
}

/** A list of country codes as names, "El Salvador, Guatemala". */
export function countries(codes: readonly string[]): Msg {
  return { en: codes.map((c) => country(c).en).join(", "), es: codes.map((c) => country(c).es).join(", ") };
}

const EVENT_NAMES: Partial<Record<EventType, Msg>> = {
  REMOVAL: { en: "removal", es: "la deportación" },
  TRANSFER: { en: "transfer", es: "el traslado" },
  FOREIGN_CUSTODY: { en: "placement in foreign custody", es: "la entrega a custodia extranjera" },
  DETENTION_START: { en: "detention", es: "la detención" },
  ARREST: { en: "arrest", es: "el arresto" },
};

/** How an event kind reads in running text ("removal"; Spanish with its article, "la deportación"); the code otherwise. */
export function eventName(type: EventType): Msg {
  return EVENT_NAMES[type] ?? { en: type, es: type };
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
