// Choice lists the staff forms share: time zones, precisions, sources, legal matters, and
// any vocabulary of the model labelled in the page's language.
import type { LegalMatter, Source } from "../../domain/model.ts";
import { PRECISIONS } from "../../domain/time.ts";
import { label } from "../i18n/index.ts";
import type { Option } from "./form-kit.ts";
import type { Page } from "./page.ts";

/** Zones where arrests, hearings and transfers of the record happen, US first. */
export const TIME_ZONES = [
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Phoenix",
  "America/Los_Angeles",
  "America/Anchorage",
  "Pacific/Honolulu",
  "America/Puerto_Rico",
  "America/El_Salvador",
  "America/Caracas",
  "America/Havana",
  "America/Mexico_City",
  "America/Guatemala",
  "America/Tegucigalpa",
  "America/Bogota",
  "UTC",
] as const;

function zoneName(zone: string, lang: string): string {
  if (zone === "UTC") return "UTC";
  let part: string | undefined;
  try {
    part = new Intl.DateTimeFormat(lang, { timeZone: zone, timeZoneName: "longGeneric" })
      .formatToParts(new Date(Date.UTC(2025, 0, 15)))
      .find((x) => x.type === "timeZoneName")?.value;
  } catch {
    return zone; // not a time zone: a refused form shows what was typed
  }
  const city = zone.split("/").at(-1)?.replace(/_/g, " ") ?? zone;
  return part ? `${part} (${city})` : zone;
}

export function tzOptions(p: Page, current?: string): Option[] {
  const zones: string[] = [...TIME_ZONES];
  if (current && !zones.includes(current)) zones.push(current);
  return zones.map((z) => ({ value: z, label: zoneName(z, p.lang) }));
}

export function precisionOptions(p: Page): Option[] {
  return [
    { value: "", label: p.t("form.precisionAuto") },
    ...PRECISIONS.map((x) => ({ value: x, label: label(p.lang, "precision", x) })),
  ];
}

/** A vocabulary as options, labelled from the catalogue group (e.g. "order" → order.TRO). */
export function enumOptions(p: Page, group: string, values: readonly string[], blank?: string): Option[] {
  const opts = values.map((v) => ({ value: v, label: label(p.lang, group, v) }));
  return blank === undefined ? opts : [{ value: "", label: blank }, ...opts];
}

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function sourceOptions(sources: readonly Source[]): Option[] {
  return [...sources]
    .sort((a, b) => (b.published_on ?? "").localeCompare(a.published_on ?? "") || a.id.localeCompare(b.id))
    .map((s) => ({
      value: s.id,
      label: cut(`${s.publisher}: ${s.title}${s.published_on ? ` (${s.published_on})` : ""}`, 110),
    }));
}

export function matterOptions(p: Page, matters: readonly LegalMatter[], blank = true): Option[] {
  const opts = matters.map((m) => ({ value: m.id, label: cut(`${m.caption} · ${m.court}`, 100) }));
  return blank ? [{ value: "", label: p.t("form.choose") }, ...opts] : opts;
}
