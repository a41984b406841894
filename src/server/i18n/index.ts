// Languages of the web app: which one a request wants, the message catalogue, and locale formatting.
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { formatWhen, type When } from "../../domain/time.ts";
import { en, type MessageKey } from "./en.ts";
import { es } from "./es.ts";

export const LANGS = ["en", "es"] as const;
export type Lang = (typeof LANGS)[number];
export type { MessageKey };

const CATALOG: Record<Lang, Record<MessageKey, string>> = { en, es };
export const LANG_NAMES: Record<Lang, string> = { en: "English", es: "Español" };
const LANG_COOKIE = "lang";

export function isLang(v: unknown): v is Lang {
  return v === "en" || v === "es";
}

/** The best of our languages for an Accept-Language header, by q-value then order; undefined if none fits. */
export function fromAcceptLanguage(header: string | undefined): Lang | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(",")
    .map((part, i) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { base: tag.trim().toLowerCase().split("-")[0] ?? "", q: q ? Number(q) : 1, i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked.find((x) => isLang(x.base))?.base as Lang | undefined;
}

/**
 * The language of a request: `?lang=` (remembered in a cookie), then the cookie, then Accept-Language,
 * then English.
 */
export function requestLang(c: Context): Lang {
  const asked = c.req.query("lang");
  if (isLang(asked)) {
    if (getCookie(c, LANG_COOKIE) !== asked) {
      setCookie(c, LANG_COOKIE, asked, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "Lax" });
    }
    return asked;
  }
  const saved = getCookie(c, LANG_COOKIE);
  if (isLang(saved)) return saved;
  return fromAcceptLanguage(c.req.header("accept-language")) ?? "en";
}

/** A message with `{name}` placeholders filled in. Missing keys fall back to English, then the key. */
export function translate(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  const text = CATALOG[lang][key] ?? en[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export type Translator = ((key: MessageKey, params?: Record<string, string | number>) => string) & {
  lang: Lang;
};

/** Everything a page needs to speak the viewer's language. */
export type Locale = {
  lang: Lang;
  t: Translator;
  number: (n: number) => string;
  /** Whole counts shown publicly: below 5 they read "fewer than 5" so small groups are not singled out. */
  count: (n: number | null) => string;
  date: (iso: string) => string;
  when: (w: When) => string;
  country: (code?: string) => string;
  /** "3 days" / "1 día" with the language's plural rules. */
  days: (n: number) => string;
  /** A message about n things: the key's ".one" form when the language says n is singular and it exists. */
  tn: (key: MessageKey, n: number, params?: Record<string, string | number>) => string;
};

const localeCache = new Map<Lang, Locale>();

export function localeFor(lang: Lang): Locale {
  const cached = localeCache.get(lang);
  if (cached) return cached;
  const t = ((key: MessageKey, params?: Record<string, string | number>) =>
    translate(lang, key, params)) as Translator;
  t.lang = lang;
  const nf = new Intl.NumberFormat(lang);
  const df = new Intl.DateTimeFormat(lang, {
    year: "numeric",
    month: "short",
    day: "numeric",
    timeZone: "UTC",
  });
  const regions = new Intl.DisplayNames([lang], { type: "region" });
  const plural = new Intl.PluralRules(lang);
  const locale: Locale = {
    lang,
    t,
    number: (n) => nf.format(n),
    count: (n) => (n === null ? t("count.withheld") : n > 0 && n < 5 ? t("count.fewerThan5") : nf.format(n)),
    date: (iso) => {
      const ms = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
      return Number.isNaN(ms) ? iso : df.format(new Date(ms));
    },
    when: (w) => formatWhen(w, lang),
    country: (code) => {
      if (!code) return "";
      try {
        return regions.of(code.toUpperCase()) ?? code;
      } catch {
        return code;
      }
    },
    days: (n) =>
      t(plural.select(Math.abs(n)) === "one" ? "unit.day" : "unit.days", { n: nf.format(Math.abs(n)) }),
    tn: (key, n, params) => {
      const one = `${key}.one` as MessageKey;
      const pick = plural.select(n) === "one" && one in CATALOG[lang] ? one : key;
      return t(pick, { n: nf.format(n), ...params });
    },
  };
  localeCache.set(lang, locale);
  return locale;
}

/** Vocabulary labels (event types, statuses, kinds) in the viewer's language; unknown values pass through. */
export function label(lang: Lang, group: string, value: string | undefined): string {
  if (!value) return "";
  const key = `${group}.${value}` as MessageKey;
  const text = CATALOG[lang][key] ?? en[key];
  return text ?? value.replace(/_/g, " ");
}
