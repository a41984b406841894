// Plain-text helpers shared by the extractors: header block, paragraphs, sentences, language, folding.
import { franc } from "franc-min";

export type Language = "en" | "es";

/** A saved article split into its metadata header (when it has one) and its body. */
export type ArticleText = {
  title?: string;
  header: Record<string, string>;
  body: string;
  /** Offset of the body inside the original text. */
  bodyStart: number;
};

const HEADER_KEY = /^(URL|Date|Outlet|Byline|Language|Completeness|Source|Author|Published|Title):\s*(.*)$/i;

/**
 * Splits "Title / Key: value / … / blank / body" files. Without a header block, a short first line
 * that does not end a sentence is taken as the title and the rest as the body.
 */
export function splitArticle(text: string): ArticleText {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const header: Record<string, string> = {};
  let i = 0;
  let title: string | undefined;
  const first = (lines[0] ?? "").trim();
  let headerEnd = -1;
  const startsWithHeader = HEADER_KEY.test(first);
  for (let j = startsWithHeader ? 0 : 1; j < Math.min(lines.length, 12); j++) {
    const m = HEADER_KEY.exec((lines[j] ?? "").trim());
    if (m) {
      header[m[1]!.toLowerCase()] = m[2]!.trim();
      headerEnd = j;
    } else if (headerEnd >= 0) break;
  }
  if (headerEnd >= 0) {
    title = startsWithHeader ? undefined : first;
    i = headerEnd + 1;
  } else if (
    first &&
    first.length <= 160 &&
    !/[.!]["”’]?$/.test(first) &&
    lines.length > 2 &&
    !/^\s*date\b/i.test(lines[0] ?? "")
  ) {
    title = first;
    i = 1;
  }
  if (header.title) title = header.title;
  let offset = 0;
  for (let j = 0; j < i; j++) offset += (lines[j] ?? "").length + 1;
  return { title, header, body: lines.slice(i).join("\n"), bodyStart: offset };
}

/** Paragraphs with their offsets in `text` (blank-line or single-newline separated). */
export function paragraphs(text: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  const re = /[^\n]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].trim()) out.push({ text: m[0], start: m.index });
  }
  return out;
}

const ABBREV =
  /(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Col|Lt|Sgt|St|Jr|Sr|Prof|Inc|Corp|Co|No|Nos|vs|v|etc|Sra|Sr|Dra|Lic|Ing|approx|Feb|Jan|Aug|Sept|Sep|Oct|Nov|Dec|Mar|Apr|U\.S|U\.N|D\.C)\.|\b\p{Lu}\.)$/u;

/** Sentence spans in a paragraph: splits after . ! ? … (and a closing quote) before a capital or quote. */
export function sentences(text: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  const re = /[.!?…]+["”’»)]*\s+(?=["“«¿¡(]?[\p{Lu}\d])/gu;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const end = m.index + m[0].length;
    const head = text.slice(start, m.index + 1);
    if (ABBREV.test(head)) continue;
    out.push({ text: text.slice(start, end).trimEnd(), start });
    start = end;
  }
  if (start < text.length && text.slice(start).trim()) out.push({ text: text.slice(start), start });
  return out;
}

/**
 * Lower case without diacritics, one output character per input UTF-16 unit, so offsets found in the
 * folded text index the original: "Ábrego" → "abrego".
 */
export function foldKeepLength(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const code = c.charCodeAt(0);
    if (code < 128) out += code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : c;
    else if (code >= 0xd800 && code <= 0xdfff) out += c;
    else {
      const base = c.normalize("NFD")[0]!;
      const low = base.toLowerCase();
      out += low.length === 1 ? low : base;
    }
  }
  return out;
}

const EN_WORDS = new Set([
  "the",
  "and",
  "of",
  "to",
  "was",
  "were",
  "is",
  "that",
  "with",
  "for",
  "he",
  "she",
  "said",
  "his",
  "her",
  "they",
]);
const ES_WORDS = new Set([
  "el",
  "los",
  "las",
  "del",
  "que",
  "y",
  "por",
  "para",
  "con",
  "una",
  "fue",
  "su",
  "sus",
  "según",
  "es",
]);

/** English or Spanish: franc's trigram model, with a stop-word count as tie-breaker on short texts. */
export function detectLanguage(text: string): Language {
  const sample = text.slice(0, 6000);
  let en = 0;
  let es = 0;
  for (const w of sample.toLowerCase().match(/\p{L}+/gu) ?? []) {
    if (EN_WORDS.has(w)) en++;
    if (ES_WORDS.has(w)) es++;
  }
  if (en + es >= 20 && (en > es * 3 || es > en * 3)) return en > es ? "en" : "es";
  const code = franc(sample, { only: ["eng", "spa"], minLength: 10 });
  if (code === "spa") return "es";
  if (code === "eng") return "en";
  return es > en ? "es" : "en";
}
