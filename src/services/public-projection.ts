// The one public projection: what an anonymous visitor (or a family, or the open dataset) may read of a
// record. Every anonymous surface — pages, API, dashboard, search, CSV/JSON and the release export — shows
// records only through these functions: an allow-list of fields, dates without a published source cut to
// the month, no testimony, no free text without a published source, no place text or free-text details,
// opaque event ids, and the names of people who did not consent replaced by initials in captions and titles.
// Staff's free text (summaries, notes, places, parties, what an order requires) is never public: whoever
// typed it on a hotline call may have written an address or a lawyer's phone number into it.
import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import type { Citation, CourtOrder, HabeasEvent, LegalMatter, Person, Source } from "../domain/model.ts";
import { nameWords } from "../domain/names.ts";
import { localDate, parseWhen, periodEnd } from "../domain/time.ts";
import { listSources } from "../store/catalog.ts";
import { privateNameWords } from "../store/citations.ts";
import type { Db } from "../store/db.ts";
import { storeVersion } from "../store/dialect.ts";
import type { PersonView } from "./person-record.ts";
import { isPublished } from "./scope.ts";

/** What a projection needs to know beyond the record itself. */
export type PublicContext = {
  /** Ids of published sources (court records, government, news, NGO): the only ones the public sees. */
  published: ReadonlySet<string>;
  /** Names of people who did not consent and are linked to the record: shown as initials. */
  privateNames: PrivateNames;
  /** Ids of legal matters and court orders the public may see: other references are dropped. */
  matters?: ReadonlySet<string>;
  orders?: ReadonlySet<string>;
};

/** Person fields the public reads: every one has "public" sensitivity in PERSON_FIELDS (tested). */
export const PUBLIC_PERSON_FIELDS = [
  "id",
  "kind",
  "full_name",
  "given_names",
  "first_surname",
  "second_surname",
  "aliases",
  "group_size",
  "group_definition",
  "nationalities",
  "citizenship_status",
] as const satisfies readonly (keyof Person)[];

/** Event details the public reads: structured answers only, never free text such as a counsel's name. */
export const PUBLIC_DETAIL_KEYS: ReadonlySet<string> = new Set([
  "warrant",
  "criminal",
  "outcome",
  "nta_decision",
  "kind",
  "type",
  "country",
  "final",
  "appeal_waived",
  "hours_before_removal",
  "says_how_to_contest",
  "given_to_counsel",
  "waiver_signed",
  "counsel_present",
  "judicial",
  "attorney_notified",
  "destination_country",
  "authority",
  "at_us_request",
  "notified",
  "to_country",
  "basis",
  "raised_before_removal",
  "judicially_determined",
  "pending",
  "g28",
  "order",
]);

const publishedCitations = (cs: readonly Citation[], ctx: PublicContext): Citation[] => {
  const seen = new Set<string>();
  const out: Citation[] = [];
  for (const c of cs) {
    if (!ctx.published.has(c.source) || seen.has(c.source)) continue;
    seen.add(c.source);
    out.push({ source: c.source });
  }
  return out;
};

/**
 * The words of names to show as initials, folded (domain/names.ts nameWords). From publicContextFor: which
 * words of the texts to be shown name someone, with `checked` holding every word that was looked up; a word
 * outside it is shown as an initial too (a text nobody asked about fails closed, it never shows a name).
 * Without `checked` (privateNames): every word of the given names.
 */
export type PrivateNames = { readonly words: ReadonlySet<string>; readonly checked?: ReadonlySet<string> };

export function privateNames(names: Iterable<string>): PrivateNames {
  const words = new Set<string>();
  for (const n of names) for (const w of nameWords(n)) words.add(w);
  return { words };
}

export const NO_PRIVATE_NAMES: PrivateNames = privateNames([]);

// A word as texts spell it: letters, marks and apostrophes ("O'Brien"); a hyphen separates two ("Ábrego-García").
const WORD = /[\p{L}\p{M}'’]+/gu;

/** The words of these texts that could name someone, folded: what a context must look up to redact them. */
export function wordsIn(texts: Iterable<string | undefined>): Set<string> {
  const out = new Set<string>();
  for (const t of texts) if (t) for (const m of t.matchAll(WORD)) for (const w of nameWords(m[0])) out.add(w);
  return out;
}

/**
 * Replaces every word of the given names (accents and case aside) with its initial: "Juan Pérez v. Noem"
 * becomes "J. P. v. Noem" when Juan Pérez did not consent, "Ábrego-García" becomes "A.-G.". Words of one
 * letter and particles ("de", "la") are left alone.
 */
export function redactNames(text: string | undefined, names: PrivateNames): string | undefined {
  if (text === undefined || (!names.words.size && !names.checked)) return text;
  const { words, checked } = names;
  return text.replace(WORD, (word) => {
    const hidden = nameWords(word).some((w) => words.has(w) || (checked !== undefined && !checked.has(w)));
    return hidden ? `${word.normalize("NFD").charAt(0).toUpperCase()}.` : word;
  });
}

/** A stable public id for an event that carries neither its date nor its type. */
export function publicEventId(id: string): string {
  return `e-${createHash("sha256").update(`habeas:event:${id}`).digest("hex").slice(0, 16)}`;
}

/** The instant that stands for a month in a zone, so pages show that month wherever they render it. */
function monthInstant(at: string, tz: string): string {
  const month = localDate(at, tz).slice(0, 7);
  try {
    return parseWhen(month, tz, "month").at;
  } catch {
    return `${month}-01T00:00:00.000Z`;
  }
}

/** The last instant of the month an instant falls in, in a zone (the end of a range cut to months). */
function monthEnd(at: string, tz: string): string {
  return periodEnd({ at: monthInstant(at, tz), precision: "month", tz });
}

/** A person as the public reads them. */
export function projectPerson(p: Person, ctx: PublicContext): PersonView {
  const out: Record<string, unknown> = {};
  for (const k of PUBLIC_PERSON_FIELDS) if (p[k] !== undefined) out[k] = p[k];
  const citations = publishedCitations(p.citations, ctx);
  out.protections = p.protections.map((x) => ({
    kind: x.kind,
    country: x.country,
    // To the month; a range ("2019/2020") keeps both ends.
    ...(x.granted_on
      ? {
          granted_on: x.granted_on
            .split("/")
            .map((d) => d.slice(0, 7))
            .join("/"),
        }
      : {}),
  }));
  out.citations = citations;
  return { ...(out as PersonView), id: p.id, full_name: p.full_name, unverified: citations.length === 0 };
}

/** An event as the public reads it. */
export function projectEvent(e: HabeasEvent, ctx: PublicContext): HabeasEvent {
  const citations = publishedCitations(e.citations, ctx);
  const dated = citations.length > 0;
  const coarse = e.precision === "year" || e.precision === "approximate" || e.precision === "month";
  const details: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e.details)) {
    if (!PUBLIC_DETAIL_KEYS.has(k)) continue;
    if (k === "order" && !(typeof v === "string" && ctx.orders?.has(v))) continue;
    if (typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v))) details[k] = v;
    else if (typeof v === "string" && /^[A-Za-z0-9_.-]{1,40}$/.test(v)) details[k] = v;
  }
  return {
    id: publicEventId(e.id),
    person: e.person,
    type: e.type,
    at: dated || coarse ? e.at : monthInstant(e.at, e.tz),
    // An unknown date stays unknown (its range cut to months when no published source states it).
    precision: dated || coarse ? e.precision : e.precision === "unknown" ? "unknown" : "month",
    ...(e.latest ? { latest: dated || coarse ? e.latest : monthEnd(e.latest, e.tz) } : {}),
    tz: e.tz,
    facility: e.facility,
    country: e.country,
    matter: e.matter && ctx.matters?.has(e.matter) ? e.matter : undefined,
    // Staff's words never: pages show the kind, the place and the sources.
    summary: "",
    details,
    citations,
    unverified: !dated,
  };
}

/** A legal matter as the public reads it: parties and counsel only when everyone it names is public. */
export function projectMatter(m: LegalMatter, ctx: PublicContext): LegalMatter {
  const r = (s: string | undefined) => redactNames(s, ctx.privateNames);
  return {
    id: m.id,
    caption: r(m.caption) ?? "",
    court: m.court,
    docket_number: m.docket_number,
    judge: m.judge,
    parties: [],
    class_definition: r(m.class_definition),
    filed_on: m.filed_on,
    decided_on: m.decided_on,
    status: r(m.status),
    summary: undefined,
    people: m.people,
    citations: publishedCitations(m.citations, ctx),
  };
}

/** A court order as the public reads it. */
export function projectOrder(o: CourtOrder, ctx: PublicContext): CourtOrder {
  const r = (s: string | undefined) => redactNames(s, ctx.privateNames);
  return {
    ...o,
    covers: { people: o.covers.people, class_definition: r(o.covers.class_definition) },
    requires: undefined,
    summary: "",
    citations: publishedCitations(o.citations, ctx),
  };
}

/** A published source as the public reads it; its title hides the names of people who did not consent. */
export function projectSource(s: Source, names: PrivateNames): Source {
  return {
    id: s.id,
    publisher: s.publisher,
    url: s.url,
    title: redactNames(s.title, names) ?? "",
    published_on: s.published_on,
    kind: s.kind,
    reliability: s.reliability,
    capture_sha256: s.capture_sha256,
    captured_at: s.captured_at,
  };
}

/** The calendar month of an instant in a zone (what public dates without a source show). */
export function monthOf(at: string, tz: string): string {
  return localDate(at, tz).slice(0, 7);
}

/**
 * The context for projecting a page or a release: which of the cited sources are published, and which words of
 * the texts it will show name someone who did not consent and is linked to the records shown (`people`) or
 * cites one of their sources. `texts` is every caption, description or other text the caller will redact
 * with it; the sources' titles are added here. Only those words are looked up, however many people the sources
 * touch, and any other word redacted with this context is shown as an initial (fails closed).
 */
export async function publicContextFor(
  db: Db,
  refs: { people: Iterable<string>; sources: Iterable<string>; texts: Iterable<string | undefined> },
): Promise<PublicContext> {
  const sourceIds = [...new Set(refs.sources)].sort();
  const people = [...new Set(refs.people)].sort();
  const sources = sourceIds.length ? await listSources(db, sourceIds) : [];
  const words = [...wordsIn([...refs.texts, ...sources.map((s) => s.title)])].sort();
  return {
    published: new Set(sources.filter(isPublished).map((s) => s.id)),
    privateNames: await namesFor(db, people, sourceIds, words),
  };
}

// The private words of a page, kept while the store is unchanged: the same page asks again for the same words.
const namesMemo = new WeakMap<object, LRUCache<string, { version: string; names: PrivateNames }>>();

async function namesFor(db: Db, people: string[], sources: string[], words: string[]): Promise<PrivateNames> {
  const checked = new Set(words);
  if (!words.length || (!people.length && !sources.length)) return { words: new Set(), checked };
  let memo = namesMemo.get(db);
  if (!memo) {
    memo = new LRUCache({ max: 200 });
    namesMemo.set(db, memo);
  }
  const key = `${people.join(",")}|${sources.join(",")}|${words.join(",")}`;
  const version = await storeVersion(db);
  const hit = memo.get(key);
  if (hit && hit.version === version) return hit.names;
  const names = { words: await privateNameWords(db, { people, sources, words }), checked };
  memo.set(key, { version, names });
  return names;
}

// ---------- counts ----------

/** Cells below this are withheld from every count the public sees. */
export const MIN_COUNT = 5;
/** A breakdown: cells of at least MIN_COUNT; the rest pooled in "(other)" when the pool itself is large enough. */
export type Breakdown = { key: string; count: number }[];

/**
 * Small cells are withheld, and so are the next-smallest ones until the withheld total is itself at least
 * MIN_COUNT — otherwise it could be recovered from the total. The withheld cells are pooled as "(other)";
 * a pool still under MIN_COUNT (nothing left to add) is withheld too, and then the total must be as well
 * (see publicTotals).
 */
export function suppress(counts: Map<string, number>): Breakdown {
  const cells = [...counts.entries()]
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  let keep = cells.filter(([, n]) => n >= MIN_COUNT);
  let hidden = cells.filter(([, n]) => n < MIN_COUNT).reduce((s, [, n]) => s + n, 0);
  while (hidden > 0 && hidden < MIN_COUNT && keep.length) {
    const smallest = keep.at(-1) as [string, number];
    keep = keep.slice(0, -1);
    hidden += smallest[1];
  }
  const out = keep.map(([key, count]) => ({ key, count }));
  if (hidden >= MIN_COUNT) out.push({ key: "(other)", count: hidden });
  return out;
}

/** A count shown only at or above MIN_COUNT. */
export const shownCount = (n: number): number | null => (n >= MIN_COUNT ? n : null);

export type PublicTotals = {
  /** Everyone the public record stands for (a group counts as the people it stands for). */
  people: number | null;
  individuals: number | null;
  group_records: number | null;
  people_in_groups: number | null;
};

/**
 * The totals the public sees. Individuals and the people in groups add up to the total, so either alone
 * would give the other away by subtraction: both are shown or neither.
 */
export function publicTotals(t: { individuals: number; groups: number; group_people: number }): PublicTotals {
  const split = t.individuals >= MIN_COUNT && t.group_people >= MIN_COUNT;
  return {
    people: shownCount(t.individuals + t.group_people),
    individuals: split ? t.individuals : null,
    group_records: split ? shownCount(t.groups) : null,
    people_in_groups: split ? t.group_people : null,
  };
}
