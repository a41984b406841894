// One article's text → everything the pipeline knows about it: metadata, people, facilities, quotes, numbers, facts.
import { nameTokens } from "../domain/names.ts";
import {
  type DateMention,
  extractDates,
  extractFacilities,
  extractOrganizations,
  extractPlaces,
  type Facility,
  type FacilityEntry,
  publicationDate,
} from "./entities.ts";
import { extractNumbers, type NumberClaim } from "./numbers.ts";
import { extractPeople, type Person, type PersonMention } from "./people.ts";
import { extractQuotes, type Quote } from "./quotes.ts";
import { detectLanguage, type Language, sentences, splitArticle } from "./text.ts";

/** A dated statement about a named person: "Bukele was elected president in 2019". */
export type Fact = { subject: string; predicate: string; value: string; sentence: string };

export type ExtractedArticle = {
  id: string;
  language: Language;
  title: string | null;
  published: string | null;
  outlet: string | null;
  people: Person[];
  mentions: PersonMention[];
  organizations: string[];
  places: string[];
  facilities: Facility[];
  quotes: Quote[];
  numbers: NumberClaim[];
  dates: DateMention[];
  facts: Fact[];
};

export type ExtractOptions = { id?: string; registry?: readonly FacilityEntry[]; title?: string };

/** Byline names from a header value: "A, B and C" / "By A | Outlet". */
function bylineNames(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .replace(/^by\s+/i, "")
    .split(/,|;|\||\band\b|\by\b/)
    .map((s) => s.trim())
    .filter((s) => nameTokens(s).length >= 2);
}

function outletOf(header: Record<string, string>): string | null {
  const o = header.outlet ?? header.source;
  if (o) return o.replace(/\s*\(.*$/, "").trim() || null;
  const url = header.url;
  const host = url && /(?:https?:\/\/)?([\w.-]+\.[a-z]{2,})/i.exec(url);
  return host ? host[1]!.replace(/^www\./, "") : null;
}

/** The article's own date as the reference for relative dates ("last year", "in March"), when it has one. */
export function referenceDate(published: string | null): Date | undefined {
  if (!published || !/^\d{4}-\d{2}/.test(published)) return undefined;
  const d = new Date(`${published.slice(0, 10).padEnd(10, "-15").replace(/-$/, "")}T12:00:00Z`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export function extractArticle(text: string, opts: ExtractOptions = {}): ExtractedArticle {
  const art = splitArticle(text);
  const body = art.body;
  const header = art.header;
  const language: Language = /^es\b/i.test(header.language ?? "")
    ? "es"
    : /^en\b/i.test(header.language ?? "")
      ? "en"
      : detectLanguage(body);
  const { people, mentions } = extractPeople(body, bylineNames(header.byline));
  const facilities = extractFacilities(body, opts.registry);
  const published = publicationDate(header.date, body);
  const dates = extractDates(body, language, referenceDate(published));
  return {
    id: opts.id ?? "",
    language,
    title: opts.title ?? art.title ?? null,
    published,
    outlet: outletOf(header),
    people,
    mentions,
    organizations: extractOrganizations(
      body,
      facilities.flatMap((f) => f.forms),
    ),
    places: extractPlaces(body, mentions),
    facilities,
    quotes: extractQuotes(body, people, mentions),
    numbers: extractNumbers(body, language),
    dates,
    facts: extractFacts(body, people, mentions, dates),
  };
}

const EVENT =
  /\b(?:was|were|is|fue|será|había sido)\s+(?:\p{L}+\s+)?(elected|re-elected|reelected|born|arrested|detained|deported|released|returned|sentenced|inaugurated|elegido|elegida|reelegido|nacido|nacida|arrestado|arrestada|detenido|detenida|deportado|deportada|liberado|liberada|condenado|condenada)\b/iu;
const EN_ES: Record<string, string> = {
  "re-elected": "re-elected",
  reelected: "re-elected",
  elegido: "elected",
  elegida: "elected",
  reelegido: "re-elected",
  nacido: "born",
  nacida: "born",
  arrestado: "arrested",
  arrestada: "arrested",
  detenido: "detained",
  detenida: "detained",
  deportado: "deported",
  deportada: "deported",
  liberado: "released",
  liberada: "released",
  condenado: "sentenced",
  condenada: "sentenced",
};

/** "<person> was <event> … in 2019 / on March 15": one fact per sentence with one named subject. */
function extractFacts(
  body: string,
  people: Person[],
  mentions: PersonMention[],
  dates: DateMention[],
): Fact[] {
  const out: Fact[] = [];
  for (const s of sentences(body)) {
    const ev = EVENT.exec(s.text);
    if (!ev) continue;
    const subj = mentions.find((m) => m.start >= s.start && m.start < s.start + ev.index);
    if (!subj) continue;
    const tail = s.text.slice(ev.index);
    const inSentence = dates.find(
      (d) =>
        d.start >= s.start + ev.index &&
        d.start < s.start + s.text.length &&
        /^\d{4}-\d{2}-\d{2}$/.test(d.date),
    );
    const year = /\b(?:in|en|de)\s+((?:19|20)\d{2})\b/u.exec(tail);
    // The first of an explicit day and a bare year after the verb.
    const yearAt = year ? s.start + ev.index + year.index : Number.POSITIVE_INFINITY;
    const value = inSentence && inSentence.start < yearAt ? inSentence.date : (year?.[1] ?? inSentence?.date);
    if (!value) continue;
    const verb = ev[1]!.toLowerCase();
    out.push({
      subject: people[subj.person]!.name,
      predicate: EN_ES[verb] ?? verb,
      value,
      sentence: s.text.trim(),
    });
  }
  return out;
}
