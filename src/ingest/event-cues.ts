// Proposed timeline events from an article: a sentence that names a person, a dated cue word
// ("deported", "detenido", "released") and a date becomes a candidate event for a reviewer.
import type { EventType } from "../domain/model.ts";
import { foldName } from "../domain/names.ts";
import { extractDates } from "./entities.ts";
import { type Language, paragraphs, sentences } from "./text.ts";

export type EventCue = { person: string; type: EventType; date: string; sentence: string };

// Folded stems per event type, English and Spanish; the first that matches a sentence decides.
const CUES: [EventType, RegExp][] = [
  [
    "RETURN",
    /\b(returned to the (?:u\.?s|united states)|brought back|regres\w+ a (?:estados unidos|ee\.? ?uu)|retorn\w+)\b/,
  ],
  ["RELEASE", /\b(released|freed|liberad[oa]s?|puest[oa] en libertad|excarcelad[oa])\b/],
  ["REMOVAL", /\b(deported|removed to|expelled|flown to|deportad[oa]s?|expulsad[oa]s?|enviad[oa]s? a)\b/],
  [
    "ARREST",
    /\b(arrested|detained by|taken into custody|apprehended|arrestad[oa]|detenid[oa] por|capturad[oa])\b/,
  ],
  ["TRANSFER", /\b(transferred|moved to|trasladad[oa])\b/],
  [
    "HABEAS_FILED",
    /\b(habeas (?:petition|corpus)|filed (?:a )?(?:lawsuit|suit)|demanda|recurso de habeas)\b/,
  ],
];

const BOILERPLATE =
  /https?:\/\/|^\s*(?:URL|Source|Fuente|Date|Fecha|Byline|Por|By)\s*:|\b(?:let['’]s dive|read more|click here|subscribe|sign up|lee también|suscríbete|más información)\b/iu;

export function eventCues(
  text: string,
  people: readonly { name: string; forms: readonly string[] }[],
  lang: Language,
  /** The article's own date: "last year", "in March" and "on Friday" are read against it. */
  reference?: Date,
): EventCue[] {
  const out: EventCue[] = [];
  const seen = new Set<string>();
  const forms = people.map((p) => ({
    name: p.name,
    forms: p.forms.map(foldName).filter((f) => f.length > 3),
  }));
  for (const para of paragraphs(text)) {
    for (const s of sentences(para.text)) {
      const folded = ` ${foldName(s.text)} `;
      // Page furniture is never an event's summary: a URL line, a "dive into the details" teaser.
      if (BOILERPLATE.test(s.text)) continue;
      const cue = CUES.find(([, re]) => re.test(folded));
      if (!cue) continue;
      const who = forms.find((p) => p.forms.some((f) => folded.includes(` ${f} `)));
      if (!who) continue;
      const date =
        extractDates(s.text, lang, reference)[0] ?? (reference ? relativeDate(s.text, reference) : undefined);
      if (!date) continue;
      const key = `${who.name}|${cue[0]}|${date.date}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ person: who.name, type: cue[0], date: date.date, sentence: s.text.trim() });
    }
  }
  return out;
}

const WEEKDAYS = [
  ["sunday", "domingo"],
  ["monday", "lunes"],
  ["tuesday", "martes"],
  ["wednesday", "miercoles"],
  ["thursday", "jueves"],
  ["friday", "viernes"],
  ["saturday", "sabado"],
];

const iso = (d: Date, precision: "year" | "month" | "day") =>
  d.toISOString().slice(0, precision === "year" ? 4 : precision === "month" ? 7 : 10);

/**
 * Dates said relative to the article's own date, at the precision the words carry: "last year" → the year,
 * "last month"/"last week" → the month, "yesterday"/"on Friday" → the day (the latest such day before it).
 */
export function relativeDate(text: string, reference: Date): { date: string } | undefined {
  const f = ` ${foldName(text)} `;
  const day = 86_400_000;
  const shift = (days: number) => new Date(reference.getTime() - days * day);
  if (/ (?:last year|el ano pasado|el pasado ano) /.test(f)) {
    return { date: String(reference.getUTCFullYear() - 1) };
  }
  if (/ (?:this year|este ano|earlier this year|a principios de este ano) /.test(f)) {
    return { date: String(reference.getUTCFullYear()) };
  }
  if (/ (?:last month|el mes pasado) /.test(f)) {
    const d = new Date(Date.UTC(reference.getUTCFullYear(), reference.getUTCMonth() - 1, 15));
    return { date: iso(d, "month") };
  }
  if (/ (?:last week|la semana pasada) /.test(f)) return { date: iso(shift(7), "month") };
  if (/ (?:yesterday|ayer) /.test(f)) return { date: iso(shift(1), "day") };
  for (let k = 0; k < 7; k++) {
    const [en, es] = WEEKDAYS[k]!;
    if (new RegExp(` (?:on|last|este|el|el pasado) (?:${en}|${es}) `).test(f)) {
      const back = (reference.getUTCDay() - k + 7) % 7 || 7;
      return { date: iso(shift(back), "day") };
    }
  }
  return undefined;
}
